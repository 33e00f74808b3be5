// Capacity of every workload, with nothing failed and under a scenario. The rules:
// - A pool's maximum is nodesPerAz.max x its zones, capped by its Karpenter limits (counted in reference
//   nodes, see hardware.ts). A lost zone removes that zone's nodes; a spot wave removes the spot share of
//   what is left (rounded down to whole nodes).
// - Co-tenants share a pool. Each workload asks for the node-equivalents it needs at burst (the replicas the
//   HPA would run at burst / pods per node). When the asks fit, a workload may also use whatever is free;
//   when they do not, the surviving nodes are shared in proportion to the asks. Crash-looping replicas of a
//   bad rollout keep their requests, so asks never shrink in a scenario and capacity only ever falls.
// - Replicas are spread evenly over the zones of their pools. After a loss the ReplicaSet reschedules and the
//   HPA scales survivors up to the ceiling (HPA max, fixed replicas, job parallelism) within the pool room;
//   a stateful workload's replicas in a lost zone stay Pending, since their EBS volumes are zonal.
// - A dpdk-service runs one replica per fleet instance; fleets do not autoscale and are never part of a
//   Kubernetes failure domain.
// - capacity = replicas x demand.perReplica; a workload without a demand is judged on replicas (unit `replicas`).
import type { Catalog } from '../catalog/types';
import type { NodePool, Workload } from '../model/schema';
import type { Scenario } from './domains';
import type { ReferenceNode, Requests } from './hardware';
import { nodesByLimits, podsPerNode, referenceNode } from './hardware';
import type { IntactState } from './propagate';
import { propagateIntact } from './propagate';
import type { Structure } from './structure';
import type { CapacityLimit, WorkloadCapacity } from './types';

const EPSILON = 1e-9;

/** One pool a workload may run on. */
export interface Placement {
  readonly pool: number;
  /** Replicas per reference node; undefined when the pool's hardware is unknown (then it does not limit). */
  readonly ppn: number | undefined;
  /** Share of the workload's replicas on this pool. */
  readonly split: number;
  /** Node-equivalents it asks of this pool at burst. */
  readonly load: number;
}

/** The fixed figures of one workload. */
export interface WorkloadModel {
  readonly unit: string;
  readonly hasDemand: boolean;
  readonly baseline: number;
  readonly burstFactor: number;
  readonly burst: number;
  readonly perReplica: number;
  readonly ceilingKind: WorkloadCapacity['ceiling']['kind'];
  readonly ceiling: number;
  readonly minReplicas: number;
  readonly targetPercent: number | undefined;
  /** Replicas at baseline with nothing failed. */
  readonly before: number;
  /** Replicas at burst (what it asks of its pools). */
  readonly wanted: number;
  readonly placement: readonly Placement[];
  /** Why no pool can run it, when none can. */
  readonly noPlacement: string | undefined;
  readonly stateful: boolean;
  readonly requests: Requests | undefined;
}

/** The fixed figures of one pool. */
export interface PoolModel {
  readonly node: ReferenceNode | undefined;
  readonly perAzMax: number;
  readonly zoneCount: number;
  readonly limitNodes: number | undefined;
  readonly maxNodes: number;
  /** Workloads that may run on the pool, with the index of the pool in their placement. */
  readonly tenants: readonly { readonly w: number; readonly slot: number }[];
  readonly totalLoad: number;
}

/** A workload's own state (dependencies aside) in a scenario. */
export interface OwnResult {
  readonly f: number;
  /** Whether it failed with its container (or its own rollout); the scenario says which. */
  readonly failed: boolean;
  /** Replicas the surviving pools can hold; Infinity when not limited by known hardware. */
  readonly room: number;
  /** The ceiling after stateful replicas stuck in lost zones. */
  readonly ceiling: number;
  readonly atOnce: number;
  readonly after: number;
  readonly capacity: number;
  readonly limitedBy: CapacityLimit;
}

/** Everything the analyses need about a document with one catalog, built once and cached. */
export interface CapacityModel {
  readonly s: Structure;
  readonly catalog: Catalog | undefined;
  readonly pools: readonly PoolModel[];
  readonly workloads: readonly WorkloadModel[];
  /** Own capacity and replicas of each workload with nothing failed (ownState(model, w, undefined) has the rest). */
  readonly intactCapacity: Float64Array;
  readonly intactAfter: Float64Array;
  readonly intact: IntactState;
  /** Weight of each workload in the user-traffic share (see trafficWeights). */
  readonly weights: Float64Array;
  readonly hasUserTraffic: boolean;
  /** User traffic affected with nothing failed. */
  readonly trafficIntact: number;
}

/** Whether a toleration tolerates a taint (Kubernetes matching rules). */
function tolerates(w: Workload, taint: NodePool['taints'][number]): boolean {
  return w.tolerations.some(
    (t) =>
      (t.effect === undefined || t.effect === taint.effect) &&
      (t.operator === 'Exists'
        ? t.key === undefined || t.key === taint.key
        : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
  );
}

/** Whether the scheduler may put a workload without a pinned pool on this pool (taints and node selector). */
function mayRunOn(w: Workload, pool: NodePool): boolean {
  for (const taint of pool.taints) {
    if (taint.effect !== 'PreferNoSchedule' && !tolerates(w, taint)) return false;
  }
  for (const [key, value] of Object.entries(w.nodeSelector)) if (pool.labels[key] !== value) return false;
  return true;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const ceil = (value: number) => Math.ceil(value - EPSILON);

/** Replicas an HPA runs for a demand: ceil(demand / (perReplica x target)), within min and max. */
function hpaReplicasFor(
  demand: number,
  perReplica: number,
  target: number,
  min: number,
  max: number,
): number {
  return clamp(ceil(demand / ((perReplica * target) / 100)), min, max);
}

function candidatePools(s: Structure, w: number): { pools: number[]; problem?: string } {
  const workload = s.workloads[w]!;
  const pinned = s.workloadPool[w]!;
  if (pinned >= 0) return { pools: [pinned] };
  if (workload.nodePool !== undefined) {
    return { pools: [], problem: `its node pool "${workload.nodePool}" is not in the document` };
  }
  const c = s.workloadCluster[w]!;
  if (c < 0) {
    return {
      pools: [],
      problem: workload.cluster
        ? `its cluster "${workload.cluster}" is not in the document`
        : 'it names no cluster',
    };
  }
  const all = s.clusterPools[c]!;
  if (all.length === 0) return { pools: [], problem: `cluster ${s.clusters[c]!.id} has no node pools` };
  const pools = all.filter((p) => mayRunOn(workload, s.pools[p]!));
  if (pools.length === 0) {
    return {
      pools,
      problem: `no node pool of cluster ${s.clusters[c]!.id} tolerates its taints and matches its node selector`,
    };
  }
  return { pools };
}

function workloadModel(
  s: Structure,
  w: number,
  poolModels: readonly PoolModel[],
  catalog: Catalog | undefined,
) {
  const workload = s.workloads[w]!;
  const demand = workload.demand;
  const hpa = workload.autoscaling;
  const requests = workload.resources
    ? { cpu: workload.resources.cpu, memoryGiB: workload.resources.memoryGiB, gpu: workload.resources.gpu }
    : undefined;
  let ceilingKind: WorkloadModel['ceilingKind'];
  let ceiling: number;
  let minReplicas: number;
  if (workload.kind === 'dpdk-service') {
    const f = s.workloadFleet[w]!;
    ceilingKind = 'fleet-instances';
    ceiling = f >= 0 ? s.fleets[f]!.instancesPerAz * s.fleetZones[f]!.length : 0;
    minReplicas = ceiling;
  } else if (workload.kind === 'job') {
    ceilingKind = 'parallelism';
    ceiling = workload.job?.parallelism ?? workload.replicas ?? 1;
    minReplicas = ceiling;
  } else if (hpa) {
    ceilingKind = 'hpa-max';
    ceiling = hpa.maxReplicas;
    minReplicas = hpa.minReplicas;
  } else {
    ceilingKind = 'fixed';
    ceiling = workload.replicas ?? 0;
    minReplicas = ceiling;
  }
  const perReplica = demand?.perReplica ?? 1;
  const target = hpa?.targetCpuPercent;
  const before =
    hpa && demand && ceilingKind === 'hpa-max'
      ? hpaReplicasFor(demand.baseline, perReplica, target!, hpa.minReplicas, hpa.maxReplicas)
      : minReplicas;
  const burstFactor = demand?.burstFactor ?? 1;
  const baseline = demand ? demand.baseline : before;
  const burst = baseline * burstFactor;
  const wanted =
    hpa && demand && ceilingKind === 'hpa-max'
      ? hpaReplicasFor(burst, perReplica, target!, hpa.minReplicas, hpa.maxReplicas)
      : ceilingKind === 'hpa-max'
        ? minReplicas
        : ceiling;

  let placement: Placement[] = [];
  let noPlacement: string | undefined;
  if (workload.kind === 'dpdk-service') {
    if (s.workloadFleet[w]! < 0) {
      noPlacement = workload.fleet
        ? `its streaming fleet "${workload.fleet}" is not in the document`
        : 'it names no streaming fleet';
    }
  } else {
    const candidates = candidatePools(s, w);
    noPlacement = candidates.problem;
    const sized = candidates.pools.map((pool) => {
      const node = referenceNode(s.pools[pool]!, catalog);
      return { pool, ppn: node && requests ? podsPerNode(node, requests) : undefined };
    });
    // A workload free to choose its pool skips pools it cannot fit on at all (e.g. no GPUs there).
    const fitting = s.workloadPool[w]! >= 0 ? sized : sized.filter((p) => p.ppn !== 0);
    const usable = fitting.length > 0 ? fitting : sized;
    const known = usable.every((p) => p.ppn !== undefined);
    const weights = usable.map((p) => (known ? poolModels[p.pool]!.maxNodes * p.ppn! : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    placement = usable.map((p, i) => {
      const split = total > 0 ? weights[i]! / total : 1 / usable.length;
      const load = p.ppn ? (wanted * split) / p.ppn : 0;
      return { pool: p.pool, ppn: p.ppn, split, load };
    });
  }
  return {
    unit: demand?.unit ?? 'replicas',
    hasDemand: demand !== undefined,
    baseline,
    burstFactor,
    burst,
    perReplica,
    ceilingKind,
    ceiling,
    minReplicas,
    targetPercent: target,
    before,
    wanted,
    placement,
    noPlacement,
    stateful: workload.stateful,
    requests,
  } satisfies WorkloadModel;
}

/** Maximum nodes of a pool left after losing some zones and a spot share (0 when it fails whole). */
export function survivingNodes(pool: PoolModel, zonesLost: number, spotLost: number, whole: boolean): number {
  if (whole) return 0;
  let nodes = pool.perAzMax * Math.max(0, pool.zoneCount - zonesLost);
  if (pool.limitNodes !== undefined) nodes = Math.min(nodes, pool.limitNodes);
  return Math.floor(nodes * (1 - spotLost) + EPSILON);
}

/** Maximum nodes of pool p left in a scenario (all of them when it is untouched). */
export function survivingNodesIn(pool: PoolModel, p: number, scenario: Scenario | undefined): number {
  if (!scenario?.poolHit(p)) return pool.maxNodes;
  return survivingNodes(
    pool,
    scenario.poolZonesLost[p]!,
    scenario.poolSpotLost[p]!,
    scenario.poolWhole[p] === 1,
  );
}

/** Replicas of one placement the pool can hold with `nodes` nodes, sharing with co-tenants (see top). */
export function roomOn(pool: PoolModel, placement: Placement, nodes: number): number {
  if (placement.ppn === undefined) return Infinity;
  const others = pool.totalLoad - placement.load;
  const fair = pool.totalLoad > 0 ? (nodes * placement.load) / pool.totalLoad : nodes;
  return Math.max(0, Math.floor(placement.ppn * Math.max(nodes - others, fair) + EPSILON));
}

/** Share of burst demand a capacity leaves unserved (1 when nothing runs). */
function ownShortfall(wm: WorkloadModel, capacity: number, after: number): number {
  if (wm.burst > 0) return Math.max(0, wm.burst - capacity) / wm.burst;
  return wm.ceiling > 0 && after === 0 ? 1 : 0;
}

/** The parts of a capacity model a workload's own state depends on. */
type Sizing = Pick<CapacityModel, 's' | 'pools' | 'workloads'>;

type MutableOwn = { -readonly [K in keyof OwnResult]: OwnResult[K] };

/** A blank own-state record for `computeOwn` to fill (hot paths reuse one). */
export function blankOwn(): MutableOwn {
  return { f: 0, failed: false, room: 0, ceiling: 0, atOnce: 0, after: 0, capacity: 0, limitedBy: 'failed' };
}

/** A workload's own state in a scenario (undefined = nothing failed), written into `out`. */
export function computeOwn(
  model: Sizing,
  w: number,
  scenario: Scenario | undefined,
  out: MutableOwn,
): MutableOwn {
  const wm = model.workloads[w]!;
  const s = model.s;
  if (scenario?.hasFailed(w)) {
    out.f = 1;
    out.failed = true;
    out.room = 0;
    out.ceiling = wm.ceiling;
    out.atOnce = 0;
    out.after = 0;
    out.capacity = 0;
    out.limitedBy = 'failed';
    return out;
  }
  let room = 0;
  let atOnce: number;
  let ceiling = wm.ceiling;
  let limitedBy: CapacityLimit;
  const fleet = s.workloadFleet[w]!;
  if (fleet >= 0) {
    const zones = s.fleetZones[fleet]!.length;
    let left = zones;
    if (scenario?.fleetHit(fleet)) {
      left = scenario.fleetWhole[fleet] === 1 ? 0 : Math.max(0, zones - scenario.fleetZonesLost[fleet]!);
    }
    room = s.fleets[fleet]!.instancesPerAz * left;
    atOnce = room;
    ceiling = room;
    limitedBy = 'fleet-instances';
  } else if (wm.placement.length === 0) {
    limitedBy = 'no-placement';
    atOnce = 0;
  } else {
    let lost = 0;
    let lostZones = 0;
    for (const placement of wm.placement) {
      const p = placement.pool;
      const pool = model.pools[p]!;
      room += roomOn(pool, placement, survivingNodesIn(pool, p, scenario));
      if (scenario?.poolHit(p)) {
        const whole = scenario.poolWhole[p] === 1;
        const zones = whole
          ? 1
          : pool.zoneCount > 0
            ? Math.min(1, scenario.poolZonesLost[p]! / pool.zoneCount)
            : 0;
        lost += placement.split * (whole ? 1 : 1 - (1 - zones) * (1 - scenario.poolSpotLost[p]!));
        lostZones += placement.split * zones;
      }
    }
    atOnce = wm.before - ceil(wm.before * lost);
    if (wm.stateful) ceiling = Math.max(0, wm.ceiling - ceil(wm.before * lostZones));
    limitedBy = room < ceiling ? 'pool-room' : LIMIT_OF_CEILING[wm.ceilingKind];
  }
  const after = limitedBy === 'no-placement' ? 0 : Math.min(ceiling, room);
  const capacity = after * wm.perReplica;
  out.f = ownShortfall(wm, capacity, after);
  out.failed = false;
  out.room = room;
  out.ceiling = ceiling;
  out.atOnce = Math.max(0, atOnce);
  out.after = after;
  out.capacity = capacity;
  out.limitedBy = limitedBy;
  return out;
}

/** A workload's own state in a scenario (undefined = nothing failed), as a new record. */
export function ownState(model: Sizing, w: number, scenario: Scenario | undefined): OwnResult {
  return computeOwn(model, w, scenario, blankOwn());
}

const LIMIT_OF_CEILING: Readonly<Record<WorkloadModel['ceilingKind'], CapacityLimit>> = {
  'hpa-max': 'hpa-max',
  fixed: 'fixed-replicas',
  parallelism: 'parallelism',
  'fleet-instances': 'fleet-instances',
};

/**
 * User-traffic weights: over user-facing workloads with a demand, baseline demand normalised within each
 * demand unit across all regions (so a region weighs what its share of that unit's demand is), and each
 * unit present weighing the same (rps, sessions and gbps cannot be added). Weights sum to 1.
 */
function trafficWeights(s: Structure, workloads: readonly WorkloadModel[]): Float64Array {
  const weights = new Float64Array(workloads.length);
  const byUnit = new Map<string, { sum: number; count: number }>();
  s.workloads.forEach((workload, w) => {
    const wm = workloads[w]!;
    if (!workload.userFacing || !wm.hasDemand) return;
    const entry = byUnit.get(wm.unit) ?? { sum: 0, count: 0 };
    entry.sum += wm.baseline;
    entry.count += 1;
    byUnit.set(wm.unit, entry);
  });
  s.workloads.forEach((workload, w) => {
    const wm = workloads[w]!;
    if (!workload.userFacing || !wm.hasDemand) return;
    const unit = byUnit.get(wm.unit)!;
    const within = unit.sum > 0 ? wm.baseline / unit.sum : 1 / unit.count;
    weights[w] = within / byUnit.size;
  });
  return weights;
}

const modelCache = new WeakMap<Structure, Map<Catalog | null, CapacityModel>>();

/** The capacity model of a document's structure with a catalog, built once per (spec, catalog). */
export function capacityModel(s: Structure, catalog: Catalog | undefined): CapacityModel {
  let byCatalog = modelCache.get(s);
  if (!byCatalog) {
    byCatalog = new Map();
    modelCache.set(s, byCatalog);
  }
  const cached = byCatalog.get(catalog ?? null);
  if (cached) return cached;
  const model = buildModel(s, catalog);
  byCatalog.set(catalog ?? null, model);
  return model;
}

function buildModel(s: Structure, catalog: Catalog | undefined): CapacityModel {
  const pools: PoolModel[] = s.pools.map((pool, p) => {
    const node = referenceNode(pool, catalog);
    const perAzMax = pool.nodesPerAz.max;
    const zoneCount = s.poolZones[p]!.length;
    const limitNodes = nodesByLimits(pool, node);
    const maxNodes = Math.min(perAzMax * zoneCount, limitNodes ?? Infinity);
    return { node, perAzMax, zoneCount, limitNodes, maxNodes, tenants: [], totalLoad: 0 };
  });
  const workloads = s.workloads.map((_, w) => workloadModel(s, w, pools, catalog));
  const tenants = pools.map(() => [] as { w: number; slot: number }[]);
  const loads = new Float64Array(pools.length);
  workloads.forEach((wm, w) =>
    wm.placement.forEach((placement, slot) => {
      tenants[placement.pool]!.push({ w, slot });
      loads[placement.pool] = loads[placement.pool]! + placement.load;
    }),
  );
  const finalPools = pools.map((pool, p) => ({ ...pool, tenants: tenants[p]!, totalLoad: loads[p]! }));
  const sizing: Sizing = { s, pools: finalPools, workloads };
  const n = workloads.length;
  const ownF = new Float64Array(n);
  const intactCapacity = new Float64Array(n);
  const intactAfter = new Float64Array(n);
  const own = blankOwn();
  for (let w = 0; w < n; w++) {
    computeOwn(sizing, w, undefined, own);
    ownF[w] = own.f;
    intactCapacity[w] = own.capacity;
    intactAfter[w] = own.after;
  }
  const intact = propagateIntact(s, ownF);
  const weights = trafficWeights(s, workloads);
  let trafficIntact = 0;
  let hasUserTraffic = false;
  for (let w = 0; w < workloads.length; w++) {
    if (weights[w]! > 0) hasUserTraffic = true;
    trafficIntact += weights[w]! * intact.f[w]!;
  }
  return { ...sizing, catalog, intactCapacity, intactAfter, intact, weights, hasUserTraffic, trafficIntact };
}
