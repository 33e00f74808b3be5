// How many replicas of a workload fit on one node of a pool. A pool is sized with one reference node: for
// each dimension (CPU, memory, pods, GPU slots) the smallest figure any of its instance types offers. That
// is conservative on purpose: Karpenter may launch any of the types, and a design that only works on the
// largest one does not survive a capacity shortage of that type.
import type { Catalog } from '../catalog/types';
import type { NodePool } from '../model/schema';
import { num } from './text';

/** Kubelet's default maxPods, used when the catalog has no allocatable pod count for a type. */
export const DEFAULT_MAX_PODS = 110;

/** MIG compute slices of an A100/H100 GPU: profile `<g>g.<mem>gb` yields floor(7 / g) partitions. */
export const MIG_COMPUTE_SLICES = 7;

/** Where a node's figures came from. */
export type ShapeSource = 'catalog-allocatable' | 'catalog-capacity' | 'name-estimate';

/** One instance type's figures for pods. */
export interface NodeShape {
  readonly type: string;
  /** Allocatable CPU, cores (vCPU when the catalog has no allocatable figure). */
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly pods: number;
  readonly gpus: number;
  /** Full vCPU and memory of the instance (Karpenter limits count these). */
  readonly vcpu: number;
  readonly memoryCapacityGiB: number;
  readonly source: ShapeSource;
}

/** The node a pool is sized with: per dimension, the smallest of its types. */
export interface ReferenceNode {
  readonly types: readonly string[];
  readonly shapes: readonly NodeShape[];
  /** Types neither the catalog nor the name estimate could size. */
  readonly unknownTypes: readonly string[];
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly pods: number;
  readonly gpuSlots: number;
  readonly vcpu: number;
  readonly memoryCapacityGiB: number;
  /** Which type set each dimension, for explanations. */
  readonly from: { readonly cpu: string; readonly memoryGiB: string; readonly pods: string };
  /** How GPU slots were counted, in words. */
  readonly gpuRule: string;
  readonly source: string;
}

/** Memory per vCPU by the first letter of an instance family, for the name estimate (GiB). */
const MEMORY_PER_VCPU: Readonly<Record<string, number>> = {
  c: 2,
  m: 4,
  r: 8,
  x: 16,
  z: 8,
  t: 4,
  g: 4,
  p: 8,
  i: 8,
  d: 8,
};

/** vCPU of a size name (`large` 2, `xlarge` 4, `Nxlarge` 4N); undefined for `metal` and unknown sizes. */
function vcpuOfSize(size: string): number | undefined {
  if (size === 'nano' || size === 'micro' || size === 'small' || size === 'large') return 2;
  if (size === 'medium') return 1;
  if (size === 'xlarge') return 4;
  const match = /^(\d+)xlarge$/.exec(size);
  return match ? Number(match[1]) * 4 : undefined;
}

/** A rough shape from the type name alone, used when there is no catalog or the catalog lacks the type. */
function estimateShape(type: string): NodeShape | undefined {
  const [family = '', size = ''] = type.split('.');
  const vcpu = vcpuOfSize(size);
  if (vcpu === undefined) return undefined;
  const memoryGiB = vcpu * (MEMORY_PER_VCPU[family.charAt(0)] ?? 4);
  return {
    type,
    cpu: vcpu,
    memoryGiB,
    pods: DEFAULT_MAX_PODS,
    gpus: 0,
    vcpu,
    memoryCapacityGiB: memoryGiB,
    source: 'name-estimate',
  };
}

function shapeOf(type: string, catalog: Catalog | undefined): NodeShape | undefined {
  const info = catalog?.instanceType(type);
  if (!info) return estimateShape(type);
  const alloc = info.allocatable;
  return {
    type,
    cpu: alloc ? alloc.cpu : info.vcpu,
    memoryGiB: alloc ? alloc.memoryGiB : info.memoryGiB,
    pods: alloc ? alloc.pods : DEFAULT_MAX_PODS,
    gpus: info.gpus,
    vcpu: info.vcpu,
    memoryCapacityGiB: info.memoryGiB,
    source: alloc ? 'catalog-allocatable' : 'catalog-capacity',
  };
}

/** The instance types a pool may launch: its list, or what its Karpenter requirements select. */
function typesOf(pool: NodePool, catalog: Catalog | undefined): string[] {
  if (pool.instanceTypes.length > 0) return [...pool.instanceTypes];
  const req = pool.requirements;
  const families = req?.families ?? [];
  if (families.length === 0) return [];
  if (!catalog) return req?.sizes ? families.flatMap((f) => req.sizes!.map((s) => `${f}.${s}`)) : [];
  return catalog
    .instanceTypes()
    .filter(
      (t) =>
        families.includes(t.family) &&
        (!req?.sizes || req.sizes.includes(t.size)) &&
        (!req?.architectures || req.architectures.includes(t.arch)) &&
        (req?.minVcpu === undefined || t.vcpu >= req.minVcpu) &&
        (req?.maxVcpu === undefined || t.vcpu <= req.maxVcpu),
    )
    .map((t) => t.name)
    .sort();
}

/** GPU slots per node: from the pool's GPU settings (MIG and time-slicing multiply), else the catalog. */
function gpuSlotsOf(pool: NodePool, shapes: readonly NodeShape[]): { slots: number; rule: string } {
  const gpu = pool.gpu;
  if (!gpu) {
    const slots = shapes.length ? Math.min(...shapes.map((s) => s.gpus)) : 0;
    return { slots, rule: slots ? `${slots} GPU per node (catalog)` : 'no GPUs' };
  }
  if (gpu.sharing === 'time-slicing' && gpu.timeSlicingReplicas) {
    return {
      slots: gpu.countPerNode * gpu.timeSlicingReplicas,
      rule: `${gpu.countPerNode} ${gpu.model} x ${gpu.timeSlicingReplicas} time-slices`,
    };
  }
  if (gpu.sharing === 'mig' && gpu.migProfile) {
    const perGpu = Math.floor(MIG_COMPUTE_SLICES / Number(gpu.migProfile.split('g')[0]));
    return {
      slots: gpu.countPerNode * perGpu,
      rule: `${gpu.countPerNode} ${gpu.model} x ${perGpu} MIG ${gpu.migProfile} partitions`,
    };
  }
  return { slots: gpu.countPerNode, rule: `${gpu.countPerNode} ${gpu.model} per node` };
}

const SOURCE_WORDS: Readonly<Record<ShapeSource, string>> = {
  'catalog-allocatable': 'catalog allocatable (EKS AL2023)',
  'catalog-capacity': 'catalog vCPU and memory (no allocatable figure)',
  'name-estimate': 'estimated from the type name (no catalog entry)',
};

const referenceCache = new WeakMap<
  NodePool,
  { catalog: Catalog | undefined; node: ReferenceNode | undefined }
>();

/** The pool's reference node, cached per (immutable) pool object; undefined when no type can be sized. */
export function referenceNode(pool: NodePool, catalog: Catalog | undefined): ReferenceNode | undefined {
  const cached = referenceCache.get(pool);
  if (cached && cached.catalog === catalog) return cached.node;
  const types = typesOf(pool, catalog);
  const shapes: NodeShape[] = [];
  const unknownTypes: string[] = [];
  for (const type of types) {
    const shape = shapeOf(type, catalog);
    if (shape) shapes.push(shape);
    else unknownTypes.push(type);
  }
  let node: ReferenceNode | undefined;
  if (shapes.length > 0) {
    const least = (pick: (s: NodeShape) => number) =>
      shapes.reduce((best, s) => (pick(s) < pick(best) ? s : best), shapes[0]!);
    const cpu = least((s) => s.cpu);
    const memory = least((s) => s.memoryGiB);
    const pods = least((s) => s.pods);
    const gpu = gpuSlotsOf(pool, shapes);
    const sources = [...new Set(shapes.map((s) => SOURCE_WORDS[s.source]))];
    node = {
      types,
      shapes,
      unknownTypes,
      cpu: cpu.cpu,
      memoryGiB: memory.memoryGiB,
      pods: pods.pods,
      gpuSlots: gpu.slots,
      vcpu: least((s) => s.vcpu).vcpu,
      memoryCapacityGiB: least((s) => s.memoryCapacityGiB).memoryCapacityGiB,
      from: { cpu: cpu.type, memoryGiB: memory.type, pods: pods.type },
      gpuRule: gpu.rule,
      source: sources.join('; '),
    };
  }
  referenceCache.set(pool, { catalog, node });
  return node;
}

/** Requests of one replica. */
export interface Requests {
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly gpu: number;
}

const EPSILON = 1e-9;

/** Replicas with these requests that fit on the reference node (the tightest of CPU, memory, pods, GPUs). */
export function podsPerNode(node: ReferenceNode, requests: Requests): number {
  let fit = node.pods;
  fit = Math.min(fit, Math.floor(node.cpu / requests.cpu + EPSILON));
  fit = Math.min(fit, Math.floor(node.memoryGiB / requests.memoryGiB + EPSILON));
  if (requests.gpu > 0) fit = Math.min(fit, Math.floor(node.gpuSlots / requests.gpu + EPSILON));
  return Math.max(0, fit);
}

const ruleCache = new WeakMap<ReferenceNode, Map<string, string>>();

/** The pods-per-node arithmetic in words, naming the type behind each figure (cached per node and requests). */
export function podsPerNodeRule(node: ReferenceNode, requests: Requests): string {
  let byRequests = ruleCache.get(node);
  if (!byRequests) {
    byRequests = new Map();
    ruleCache.set(node, byRequests);
  }
  const key = `${requests.cpu}/${requests.memoryGiB}/${requests.gpu}`;
  let rule = byRequests.get(key);
  if (rule === undefined) {
    rule = describePodsPerNode(node, requests);
    byRequests.set(key, rule);
  }
  return rule;
}

function describePodsPerNode(node: ReferenceNode, requests: Requests): string {
  const parts = [
    `floor(${num(node.cpu)} CPU / ${num(requests.cpu)}) = ${Math.floor(node.cpu / requests.cpu + EPSILON)}`,
    `floor(${num(node.memoryGiB)} GiB / ${num(requests.memoryGiB)}) = ${Math.floor(node.memoryGiB / requests.memoryGiB + EPSILON)}`,
    `${node.pods} pods`,
  ];
  if (requests.gpu > 0) {
    parts.push(
      `floor(${node.gpuSlots} GPU slots / ${num(requests.gpu)}) = ${Math.floor(node.gpuSlots / requests.gpu + EPSILON)}`,
    );
  }
  const several = node.types.length > 1;
  const where = several
    ? `the smallest allocatable of ${node.types.join(', ')} per dimension (CPU of ${node.from.cpu}, memory of ${node.from.memoryGiB}, pods of ${node.from.pods}), a conservative choice since Karpenter may launch any of them`
    : node.types[0]!;
  return `min(${parts.join(', ')}) = ${podsPerNode(node, requests)} per node on ${where}; ${node.source}`;
}

/** Nodes Karpenter limits allow, counted in reference nodes; undefined when the pool has no limits. */
export function nodesByLimits(pool: NodePool, node: ReferenceNode | undefined): number | undefined {
  const limits = pool.limits;
  if (!limits || !node || (limits.vcpu === undefined && limits.memoryGiB === undefined)) return undefined;
  let nodes = Infinity;
  if (limits.vcpu !== undefined) nodes = Math.min(nodes, Math.floor(limits.vcpu / node.vcpu + EPSILON));
  if (limits.memoryGiB !== undefined) {
    nodes = Math.min(nodes, Math.floor(limits.memoryGiB / node.memoryCapacityGiB + EPSILON));
  }
  return nodes;
}
