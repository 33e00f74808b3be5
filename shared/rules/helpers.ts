// Domain arithmetic the rules share: taints and tolerations, node labels, pool capacity from the catalog,
// peak demand, and number formatting. Everything here is a pure function of its arguments.
import type { Catalog, CatalogFact, InstanceTypeInfo } from '../catalog/types';
import type { Command } from '../model/commands';
import type { Cluster, NodePool, Workload, Zone } from '../model/schema';
import type { RuleContext } from './types';

export type Taint = NodePool['taints'][number];
export type Toleration = Workload['tolerations'][number];
export type GpuSettings = NonNullable<NodePool['gpu']>;

/** A number as people read it in a message: at most two decimals, no trailing zeros, no locale. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Math.round(value * 100) / 100);
}

/** Whole units needed for a quantity, robust to floating-point noise (7.0000000001 -> 7). */
export function ceilOf(value: number): number {
  return Math.ceil(value - 1e-9);
}

/** Whole units that fit in a quantity, robust to floating-point noise (6.9999999999 -> 7). */
export function floorOf(value: number): number {
  return Math.floor(value + 1e-9);
}

/** A list in words: `a, b and c`. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------
// Taints, tolerations and node labels

/** Taint effects that keep a pod off a node (PreferNoSchedule only discourages it). */
export function isHardTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** A taint as kubectl writes it: `workload=media:NoSchedule`. */
export function taintText(taint: Taint): string {
  return `${taint.key}${taint.value !== undefined ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** Whether a toleration tolerates a taint, by the Kubernetes matching rules. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
  if (toleration.key === undefined || toleration.key === '') return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** The hard taints of a pool that none of the tolerations tolerate. */
export function untoleratedTaints(pool: NodePool, tolerations: readonly Toleration[]): Taint[] {
  return pool.taints.filter((taint) => isHardTaint(taint) && !tolerations.some((t) => tolerates(t, taint)));
}

/** The toleration that tolerates exactly this taint. */
export function tolerationFor(taint: Taint): Toleration {
  return taint.value === undefined
    ? { key: taint.key, operator: 'Exists', effect: taint.effect }
    : { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect };
}

/** Label domains whose keys the kubelet, EKS or Karpenter set on nodes themselves. */
const SYSTEM_LABEL_DOMAIN =
  /(^|\.)(kubernetes\.io|k8s\.io|karpenter\.sh|karpenter\.k8s\.aws|amazonaws\.com)\//;

/**
 * The values a label can have on a pool's nodes: the pool's own labels, and the labels Kubernetes, EKS
 * and Karpenter put on every node (pool name, architecture, instance type, zone, capacity type). `any`
 * when the label is a system label this model cannot predict; undefined when the nodes do not have it.
 */
export function nodeLabelValues(
  pool: NodePool,
  key: string,
  context: RuleContext,
): readonly string[] | 'any' | undefined {
  const own = pool.labels[key];
  if (own !== undefined) return [own];
  const types = pool.instanceTypes;
  switch (key) {
    case 'karpenter.sh/nodepool':
      return pool.provisioner === 'karpenter' ? [pool.id] : undefined;
    case 'eks.amazonaws.com/nodegroup':
      return pool.provisioner === 'managed' ? [pool.id] : undefined;
    case 'kubernetes.io/os':
      return ['linux'];
    case 'kubernetes.io/arch': {
      if (pool.requirements?.architectures?.length) return pool.requirements.architectures;
      const known = knownTypes(types, context.catalog);
      return known.length > 0 ? [...new Set(known.map((t) => t.arch))] : 'any';
    }
    case 'node.kubernetes.io/instance-type':
      return types.length > 0 ? types : 'any';
    case 'topology.kubernetes.io/zone':
      return poolPlacement(pool, context).zones.map((z) => z.zoneName);
    case 'topology.kubernetes.io/region': {
      const code = poolPlacement(pool, context).regionCode;
      return code ? [code] : 'any';
    }
    case 'karpenter.sh/capacity-type':
      if (pool.provisioner !== 'karpenter') return undefined;
      return capacityTypes(pool, 'spot', 'on-demand');
    case 'eks.amazonaws.com/capacityType':
      if (pool.provisioner !== 'managed') return undefined;
      return capacityTypes(pool, 'SPOT', 'ON_DEMAND');
    default:
      return SYSTEM_LABEL_DOMAIN.test(key) ? 'any' : undefined;
  }
}

function capacityTypes(pool: NodePool, spot: string, onDemand: string): string[] {
  const out: string[] = [];
  if (pool.capacity.spotAllowed && pool.capacity.spotPercent > 0) out.push(spot);
  if (pool.capacity.spotPercent < 100) out.push(onDemand);
  return out;
}

/** A nodeSelector entry that a pool's nodes do not satisfy, and the value they have instead (if one). */
export interface SelectorConflict {
  readonly key: string;
  readonly wanted: string;
  /** The value the pool's nodes have, when it is a single known value. */
  readonly has?: string;
}

/** The nodeSelector entries that a pool's nodes do not satisfy. */
export function selectorConflicts(
  pool: NodePool,
  selector: Readonly<Record<string, string>>,
  context: RuleContext,
): SelectorConflict[] {
  const conflicts: SelectorConflict[] = [];
  for (const [key, wanted] of Object.entries(selector)) {
    const values = nodeLabelValues(pool, key, context);
    if (values === 'any' || values?.includes(wanted)) continue;
    conflicts.push(values?.length === 1 ? { key, wanted, has: values[0]! } : { key, wanted });
  }
  return conflicts;
}

// ---------------------------------------------------------------------------------------------------
// Placement

/** Where a pool's nodes go: its cluster, its zones (its own or its cluster's) and its region code. */
export interface PoolPlacement {
  readonly cluster: Cluster | undefined;
  readonly zones: readonly Zone[];
  readonly regionCode: string | undefined;
}

/** The cluster, zones and region code of a pool, looked up through the context. */
export function poolPlacement(pool: NodePool, context: RuleContext): PoolPlacement {
  const cluster = context.element('cluster', pool.cluster);
  const zoneIds = pool.zones ?? cluster?.zones ?? [];
  return {
    cluster,
    zones: resolveZones(zoneIds, context),
    regionCode: cluster ? context.element('region', cluster.region)?.code : undefined,
  };
}

/** The zone elements of a list of zone ids (unknown ids are left out: integrity reports them). */
export function resolveZones(zoneIds: readonly string[], context: RuleContext): Zone[] {
  const zones: Zone[] = [];
  for (const id of zoneIds) {
    const zone = context.element('zone', id);
    if (zone) zones.push(zone);
  }
  return zones;
}

/** The catalog entries of the instance types the catalog knows (unknown ones are integrity's to report). */
export function knownTypes(names: readonly string[], catalog: Catalog): InstanceTypeInfo[] {
  const out: InstanceTypeInfo[] = [];
  for (const name of names) {
    const info = catalog.instanceType(name);
    if (info) out.push(info);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// GPUs and pool capacity

/** GPU models that can be partitioned with MIG, with the compute slices of one GPU. */
const MIG_SLICES: Readonly<Record<string, number>> = { A100: 7, A30: 4, H100: 7, H200: 7, B200: 7 };

/** A GPU model name as compared: upper case, without a vendor prefix ("NVIDIA A100" -> "A100"). */
export function gpuModelKey(model: string): string {
  return model
    .trim()
    .toUpperCase()
    .replace(/^NVIDIA\s+/, '');
}

/** The MIG slices per GPU of a model, when it supports MIG. */
export function migSlicesPerGpu(model: string): number | undefined {
  return MIG_SLICES[gpuModelKey(model)];
}

/** How many GPU requests (devices, MIG instances or time-slices) one node of a pool can satisfy. */
export function gpuSlotsPerNode(gpu: GpuSettings): { readonly slots: number; readonly text: string } {
  const per = `${gpu.countPerNode} ${gpu.model}`;
  if (gpu.sharing === 'time-slicing' && gpu.timeSlicingReplicas) {
    const slots = gpu.countPerNode * gpu.timeSlicingReplicas;
    return { slots, text: `${per} × ${gpu.timeSlicingReplicas} time-slices = ${slots} GPU shares per node` };
  }
  if (gpu.sharing === 'mig' && gpu.migProfile) {
    const perGpu = migSlicesPerGpu(gpu.model);
    const size = Number(gpu.migProfile.split('g.')[0]);
    if (perGpu && size > 0) {
      const slots = gpu.countPerNode * floorOf(perGpu / size);
      return {
        slots,
        text: `${per} × ${floorOf(perGpu / size)} ${gpu.migProfile} MIG instances = ${slots} per node`,
      };
    }
  }
  return { slots: gpu.countPerNode, text: `${per} GPU${gpu.countPerNode === 1 ? '' : 's'} per node` };
}

/** Requests of one replica. */
export type Requests = NonNullable<Workload['resources']>;

/** Replicas of these requests that fit on one node of this type (0 when not even one does). */
export function podsPerNode(type: InstanceTypeInfo, requests: Requests, gpuSlots?: number): number {
  const allocatable = type.allocatable;
  if (!allocatable) return 0;
  let pods = Math.min(
    floorOf(allocatable.cpu / requests.cpu),
    floorOf(allocatable.memoryGiB / requests.memoryGiB),
    allocatable.pods,
  );
  if (requests.gpu > 0) pods = Math.min(pods, floorOf((gpuSlots ?? 0) / requests.gpu));
  return Math.max(0, pods);
}

/** Orders instance types smallest first: by allocatable CPU, then memory, then name. */
function bySize(a: InstanceTypeInfo, b: InstanceTypeInfo): number {
  const x = a.allocatable!;
  const y = b.allocatable!;
  return x.cpu - y.cpu || x.memoryGiB - y.memoryGiB || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

const sizedCache = new WeakMap<readonly string[], { catalog: Catalog; types: readonly InstanceTypeInfo[] }>();

/** The known types of a pool that have allocatable figures, smallest first (cached per type list). */
export function sizedTypes(pool: NodePool, catalog: Catalog): readonly InstanceTypeInfo[] {
  const cached = sizedCache.get(pool.instanceTypes);
  if (cached && cached.catalog === catalog) return cached.types;
  const types = knownTypes(pool.instanceTypes, catalog)
    .filter((t) => t.allocatable)
    .sort(bySize);
  sizedCache.set(pool.instanceTypes, { catalog, types });
  return types;
}

/** The most nodes a pool can run: zones × max per AZ, lowered by Karpenter limits for this node type. */
export function maxNodes(
  pool: NodePool,
  zoneCount: number,
  type: InstanceTypeInfo,
): { readonly nodes: number; readonly byZones: number; readonly limitedBy?: 'vcpu' | 'memory' } {
  const byZones = zoneCount * pool.nodesPerAz.max;
  let nodes = byZones;
  let limitedBy: 'vcpu' | 'memory' | undefined;
  if (pool.limits?.vcpu !== undefined && floorOf(pool.limits.vcpu / type.vcpu) < nodes) {
    nodes = floorOf(pool.limits.vcpu / type.vcpu);
    limitedBy = 'vcpu';
  }
  if (pool.limits?.memoryGiB !== undefined && floorOf(pool.limits.memoryGiB / type.memoryGiB) < nodes) {
    nodes = floorOf(pool.limits.memoryGiB / type.memoryGiB);
    limitedBy = 'memory';
  }
  return limitedBy ? { nodes, byZones, limitedBy } : { nodes, byZones };
}

/** The most replicas of one workload a pool can hold, counted conservatively on its smallest fitting type. */
export interface PoolCapacity {
  readonly type: InstanceTypeInfo;
  readonly podsPerNode: number;
  readonly nodes: number;
  readonly byZones: number;
  readonly limitedBy?: 'vcpu' | 'memory';
  readonly pods: number;
}

/** Capacity of a pool for one workload's replicas; undefined when no known type of the pool fits one. */
export function poolCapacity(
  pool: NodePool,
  zoneCount: number,
  requests: Requests,
  catalog: Catalog,
): PoolCapacity | undefined {
  const slots = pool.gpu ? gpuSlotsPerNode(pool.gpu).slots : 0;
  for (const type of sizedTypes(pool, catalog)) {
    const perNode = podsPerNode(type, requests, slots);
    if (perNode < 1) continue;
    const { nodes, byZones, limitedBy } = maxNodes(pool, zoneCount, type);
    const base = { type, podsPerNode: perNode, nodes, byZones, pods: nodes * perNode };
    return limitedBy ? { ...base, limitedBy } : base;
  }
  return undefined;
}

/** The capacity in words: `120 nodes × 7 pods on c6i.2xlarge (the smallest type that fits one)`. */
export function capacityText(capacity: PoolCapacity, perAz: number, zoneCount: number): string {
  const nodes =
    capacity.limitedBy === undefined
      ? `${capacity.nodes} nodes (${perAz} per AZ × ${zoneCount} AZs)`
      : `${capacity.nodes} nodes (its ${capacity.limitedBy === 'vcpu' ? 'vCPU' : 'memory'} limit allows no more of ${capacity.type.name})`;
  return `${nodes} × ${capacity.podsPerNode} per node on ${capacity.type.name}, the smallest type that fits one`;
}

// ---------------------------------------------------------------------------------------------------
// Demand

/** Replicas needed at peak: baseline × burstFactor ÷ perReplica, rounded up, with the sum in words. */
export function peakReplicasNeeded(
  workload: Workload,
): { readonly replicas: number; readonly text: string } | undefined {
  const demand = workload.demand;
  if (!demand) return undefined;
  const peak = demand.baseline * demand.burstFactor;
  const replicas = ceilOf(peak / demand.perReplica);
  return {
    replicas,
    text: `${fmt(demand.baseline)} ${demand.unit} × ${fmt(demand.burstFactor)} burst ÷ ${fmt(demand.perReplica)} ${demand.unit} per replica`,
  };
}

/**
 * The pods a Kubernetes workload runs at its peak: a job's parallelism; a fixed replica count; or what
 * the autoscaler would scale to (peak demand, capped by maxReplicas; maxReplicas when no demand is given).
 */
export function peakPods(workload: Workload): { readonly pods: number; readonly text: string } | undefined {
  if (workload.kind === 'job') {
    return workload.job
      ? { pods: workload.job.parallelism, text: `${workload.job.parallelism} pods in parallel` }
      : undefined;
  }
  if (workload.kind !== 'service') return undefined;
  if (workload.replicas !== undefined) {
    return { pods: workload.replicas, text: `${workload.replicas} fixed replicas` };
  }
  const hpa = workload.autoscaling;
  if (!hpa) return undefined;
  const needed = peakReplicasNeeded(workload);
  if (needed && needed.replicas < hpa.maxReplicas) {
    return { pods: needed.replicas, text: `${needed.replicas} replicas at peak (${needed.text})` };
  }
  return { pods: hpa.maxReplicas, text: `${hpa.maxReplicas} replicas at the autoscaler's maximum` };
}

// ---------------------------------------------------------------------------------------------------
// Catalog facts

/** A numeric field of a catalog fact's value, e.g. `singleFlowGbpsOutsidePlacementGroup`. */
export function factNumber(catalog: Catalog, key: string, field: string): number | undefined {
  const fact: CatalogFact | undefined = catalog.facts?.find((f) => f.key === key);
  const value = fact?.value;
  if (value === null || typeof value !== 'object') return undefined;
  const number = (value as Record<string, unknown>)[field];
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * The command that lets a pool run `nodesNeeded` nodes of `type`: max per AZ raised to spread them over
 * its zones, and Karpenter limits raised when they would stop short.
 */
export function raiseMaxNodes(
  pool: NodePool,
  zoneCount: number,
  type: InstanceTypeInfo,
  nodesNeeded: number,
): { readonly command: Command; readonly perAz: number } {
  const perAz = Math.max(pool.nodesPerAz.max, ceilOf(nodesNeeded / Math.max(1, zoneCount)));
  const changes: Record<string, unknown> = { nodesPerAz: { ...pool.nodesPerAz, max: perAz } };
  if (pool.limits) {
    const limits = { ...pool.limits };
    if (limits.vcpu !== undefined && limits.vcpu < nodesNeeded * type.vcpu)
      limits.vcpu = nodesNeeded * type.vcpu;
    if (limits.memoryGiB !== undefined && limits.memoryGiB < nodesNeeded * type.memoryGiB) {
      limits.memoryGiB = nodesNeeded * type.memoryGiB;
    }
    changes.limits = limits;
  }
  return { command: { type: 'update', id: pool.id, changes }, perAz };
}

/** An update command for one element. */
export function updateCommand(id: string, changes: Readonly<Record<string, unknown>>): Command {
  return { type: 'update', id, changes };
}
