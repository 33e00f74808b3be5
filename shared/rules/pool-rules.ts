// Rules on node pools: the system pool, taints of media and GPU pools, spot diversity, GPUs as the
// catalog knows them, where instance types are offered, and what the pool's workloads need at peak.
import type { Catalog, InstanceTypeInfo } from '../catalog/types';
import type { NodePool } from '../model/schema';
import { didYouMean, plural } from '../util/text';
import type { Taint } from './helpers';
import {
  ceilOf,
  fmt,
  gpuModelKey,
  gpuSlotsPerNode,
  isHardTaint,
  knownTypes,
  listWords,
  maxNodes,
  migSlicesPerGpu,
  peakPods,
  poolCapacity,
  poolPlacement,
  raiseMaxNodes,
  sizedTypes,
  taintText,
  updateCommand,
} from './helpers';
import { defineRule } from './registry';
import type { Finding, Rule, RuleFix } from './types';

/** The PriorityClass system pods use so that they are not evicted (DOMAIN.md, node pool table). */
export const SYSTEM_PRIORITY_CLASS = 'system-cluster-critical';
/** Nodes per AZ a system pool keeps at least. */
export const SYSTEM_MIN_NODES_PER_AZ = 3;
/** Instance types (or families) a spot pool spreads over at least. */
export const MIN_SPOT_TYPES = 3;
/** The taint that keeps everything but media workloads off a media pool. */
export const MEDIA_TAINT: Taint = { key: 'workload', value: 'media', effect: 'NoSchedule' };
/** The taint that keeps everything but ML workloads off a GPU pool. */
export const ML_TAINT: Taint = { key: 'workload', value: 'ml', effect: 'NoSchedule' };

const SYSTEM_PRIORITY_CLASSES = new Set([SYSTEM_PRIORITY_CLASS, 'system-node-critical']);

/** The pool's taints with `taint` added, replacing one with the same key and effect (as kubectl does). */
function withTaint(pool: NodePool, taint: Taint): Taint[] {
  return [...pool.taints.filter((t) => !(t.key === taint.key && t.effect === taint.effect)), taint];
}

function isGpuPool(pool: NodePool): boolean {
  return pool.role === 'gpu' || pool.gpu !== undefined;
}

const systemOnDemand = defineRule({
  id: 'pool.system-on-demand',
  severity: 'warning',
  scope: 'nodePool',
  title: 'System pools run on on-demand capacity only',
  description:
    'CoreDNS, ingress and observability run on the system pool; a spot interruption evicts them and takes ' +
    'name resolution and ingress down with it.',
  check(pool) {
    if (pool.role !== 'system') return [];
    const { spotAllowed, spotPercent } = pool.capacity;
    if (!spotAllowed && spotPercent === 0) return [];
    return [
      {
        path: spotPercent > 0 ? ['capacity', 'spotPercent'] : ['capacity', 'spotAllowed'],
        message:
          spotPercent > 0
            ? `system pool runs ${fmt(spotPercent)}% of its nodes on spot; a spot interruption evicts CoreDNS, ingress and observability, so a system pool runs on-demand only`
            : 'system pool allows spot capacity (spotAllowed is true); a spot interruption evicts CoreDNS, ingress and observability, so a system pool runs on-demand only',
        fix: {
          label: 'Run the pool on on-demand capacity only (spotPercent 0)',
          command: updateCommand(pool.id, { capacity: { spotAllowed: false, spotPercent: 0 } }),
        },
      },
    ];
  },
});

const systemMinNodes = defineRule({
  id: 'pool.system-min-nodes',
  severity: 'warning',
  scope: 'nodePool',
  title: 'System pools keep at least 3 nodes per AZ',
  description:
    'With fewer than three system nodes in a zone, one node loss or a rolling update leaves CoreDNS and ' +
    'ingress in that zone without room.',
  check(pool) {
    if (pool.role !== 'system' || pool.nodesPerAz.min >= SYSTEM_MIN_NODES_PER_AZ) return [];
    const { min, desired, max } = pool.nodesPerAz;
    return [
      {
        path: ['nodesPerAz', 'min'],
        message: `system pool keeps ${plural(min, 'node')} per AZ at minimum; keep at least ${SYSTEM_MIN_NODES_PER_AZ} per AZ so CoreDNS, ingress and observability survive a node loss or a rolling update`,
        fix: {
          label: `Keep at least ${SYSTEM_MIN_NODES_PER_AZ} nodes per AZ`,
          command: updateCommand(pool.id, {
            nodesPerAz: {
              min: SYSTEM_MIN_NODES_PER_AZ,
              desired: Math.max(desired, SYSTEM_MIN_NODES_PER_AZ),
              max: Math.max(max, SYSTEM_MIN_NODES_PER_AZ),
            },
          }),
        },
      },
    ];
  },
});

const systemPriorityClass = defineRule({
  id: 'pool.system-priority-class',
  severity: 'warning',
  scope: 'nodePool',
  title: 'System pods use PriorityClass system-cluster-critical',
  description:
    'Without a system PriorityClass, CoreDNS and ingress pods can be pre-empted or evicted before ' +
    'ordinary workloads under resource pressure. system-node-critical is accepted too.',
  check(pool) {
    if (pool.role !== 'system') return [];
    if (pool.priorityClass !== undefined && SYSTEM_PRIORITY_CLASSES.has(pool.priorityClass)) return [];
    return [
      {
        path: ['priorityClass'],
        message:
          pool.priorityClass === undefined
            ? `system pool's pods have no PriorityClass; give them ${SYSTEM_PRIORITY_CLASS} so they are not evicted under pressure`
            : `system pool's pods use PriorityClass "${pool.priorityClass}"; use ${SYSTEM_PRIORITY_CLASS} so they are not evicted under pressure`,
        fix: {
          label: `Use PriorityClass ${SYSTEM_PRIORITY_CLASS}`,
          command: updateCommand(pool.id, { priorityClass: SYSTEM_PRIORITY_CLASS }),
        },
      },
    ];
  },
});

const mediaTaint = defineRule({
  id: 'pool.media-taint',
  severity: 'warning',
  scope: 'nodePool',
  title: 'Media pools are tainted workload=media:NoSchedule',
  description:
    'Media nodes are high-memory and network-optimised; without the taint any workload can take them. ' +
    'The exact taint workload=media:NoSchedule is required: media workloads tolerate that one.',
  check(pool) {
    if (pool.role !== 'media') return [];
    const has = pool.taints.some(
      (t) => t.key === MEDIA_TAINT.key && t.value === MEDIA_TAINT.value && t.effect === MEDIA_TAINT.effect,
    );
    if (has) return [];
    return [
      {
        path: ['taints'],
        message: `media pool is not tainted ${taintText(MEDIA_TAINT)}, so any workload can take its high-memory, network-optimised nodes; only media workloads should land there`,
        fix: {
          label: `Taint the pool ${taintText(MEDIA_TAINT)}`,
          command: updateCommand(pool.id, { taints: withTaint(pool, MEDIA_TAINT) }),
        },
      },
    ];
  },
});

const gpuTaint = defineRule({
  id: 'pool.gpu-taint',
  severity: 'warning',
  scope: 'nodePool',
  title: 'GPU pools carry a NoSchedule taint',
  description:
    'Without a taint, pods that need no GPU fill expensive GPU nodes. Any NoSchedule or NoExecute taint ' +
    'keeps them off (nvidia.com/gpu:NoSchedule is common); the fix adds workload=ml:NoSchedule.',
  check(pool) {
    if (!isGpuPool(pool) || pool.taints.some(isHardTaint)) return [];
    const what = pool.gpu ? `${pool.gpu.model} nodes` : 'GPU nodes';
    return [
      {
        path: ['taints'],
        message: `GPU pool has no NoSchedule taint, so workloads that need no GPU can take its ${what}; taint it ${taintText(ML_TAINT)} so only ML workloads with the toleration land there`,
        fix: {
          label: `Taint the pool ${taintText(ML_TAINT)}`,
          command: updateCommand(pool.id, { taints: withTaint(pool, ML_TAINT) }),
        },
      },
    ];
  },
});

/**
 * Types of other families a spot pool could add: the same vCPU, memory, architecture and GPUs, no other
 * accelerator, offered in every zone of the pool. Preferred: the same category (m, c, r...), plain
 * families (m7i before m5zn), newer generations.
 */
function generation(family: string): number {
  return Number(/\d+/.exec(family)?.[0] ?? 0);
}

function spotAlternatives(
  pool: NodePool,
  catalog: Catalog,
  regionCode: string | undefined,
  zoneNames: readonly string[],
): string[] {
  const listed = new Set(pool.instanceTypes);
  const families = new Set(knownTypes(pool.instanceTypes, catalog).map((t) => t.family));
  const offeredEverywhere = (t: InstanceTypeInfo) => {
    if (!regionCode || !catalog.region(regionCode)) return true;
    const offered = catalog.zonesOffering(regionCode, t.name);
    return zoneNames.every((z) => offered.includes(z));
  };
  const out: string[] = [];
  for (const base of knownTypes(pool.instanceTypes, catalog)) {
    const matches = catalog
      .instanceTypes()
      .filter(
        (t) =>
          !listed.has(t.name) &&
          !families.has(t.family) &&
          t.spotSupported &&
          !t.burstable &&
          !t.metal &&
          t.accelerator === undefined &&
          t.vcpu === base.vcpu &&
          t.memoryGiB === base.memoryGiB &&
          t.arch === base.arch &&
          t.gpus === base.gpus &&
          t.gpuModel === base.gpuModel &&
          offeredEverywhere(t),
      )
      .sort(
        (a, b) =>
          Number(a.family[0] !== base.family[0]) - Number(b.family[0] !== base.family[0]) ||
          a.family.length - b.family.length ||
          generation(b.family) - generation(a.family) ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      )
      .map((t) => t.name);
    for (const name of matches) {
      const family = catalog.instanceType(name)!.family;
      if (families.has(family)) continue;
      families.add(family);
      out.push(name);
    }
  }
  return out;
}

const spotDiversity = defineRule({
  id: 'pool.spot-diversity',
  severity: 'warning',
  scope: 'nodePool',
  title: 'Spot pools spread over at least 3 instance types or families',
  description:
    'Spot capacity is reclaimed per instance type and zone; a pool that can use only one or two types ' +
    'loses its spot nodes together. A pool given only by families counts its families (times its sizes).',
  check(pool, context) {
    if (!pool.capacity.spotAllowed || pool.capacity.spotPercent === 0) return [];
    const types = [...new Set(pool.instanceTypes)];
    const families = pool.requirements?.families ?? [];
    const sizes = pool.requirements?.sizes;
    const options =
      types.length > 0 ? types.length : families.length * (sizes?.length ? sizes.length : Infinity);
    if (options >= MIN_SPOT_TYPES) return [];
    const what =
      types.length > 0
        ? `${plural(types.length, 'instance type')} (${types.join(', ')})`
        : `${plural(options, 'instance type')} (${families.join(', ')} in ${(sizes ?? []).join(', ')})`;
    const finding: Finding = {
      path: types.length > 0 ? ['instanceTypes'] : ['requirements', 'families'],
      message: `pool runs ${fmt(pool.capacity.spotPercent)}% of its nodes on spot over only ${what}; spread spot over at least ${MIN_SPOT_TYPES} types or families so that one spot capacity pool running dry does not reclaim them all at once`,
      fix: {
        label: `List at least ${MIN_SPOT_TYPES} instance types of similar size, or run the pool on-demand`,
      },
    };
    if (types.length === 0) return [finding];
    const placement = poolPlacement(pool, context);
    const extra = spotAlternatives(
      pool,
      context.catalog,
      placement.regionCode,
      placement.zones.map((z) => z.zoneName),
    ).slice(0, MIN_SPOT_TYPES - types.length);
    if (extra.length < MIN_SPOT_TYPES - types.length) return [finding];
    return [
      {
        ...finding,
        fix: {
          label: `Add ${listWords(extra)} (same vCPU and memory, offered in every zone of the pool)`,
          command: updateCommand(pool.id, { instanceTypes: [...pool.instanceTypes, ...extra] }),
        },
      },
    ];
  },
});

const gpuCatalog = defineRule({
  id: 'pool.gpu-catalog-mismatch',
  severity: 'error',
  scope: 'nodePool',
  title: 'GPU pools declare the GPUs their instance types have',
  description:
    'Scheduling, cost and capacity follow gpu.model and gpu.countPerNode; the catalog says what each ' +
    'instance type really has.',
  check(pool, context) {
    const gpu = pool.gpu;
    if (!gpu) return [];
    const findings: Finding[] = [];
    const seen = new Map<string, { gpus: number; model: string }>();
    pool.instanceTypes.forEach((name, i) => {
      const type = context.catalog.instanceType(name);
      if (!type) return;
      seen.set(`${type.gpus} ${type.gpuModel ?? ''}`, { gpus: type.gpus, model: type.gpuModel ?? '' });
      if (type.gpus === gpu.countPerNode && gpuModelKey(type.gpuModel ?? '') === gpuModelKey(gpu.model))
        return;
      findings.push({
        path: ['instanceTypes', i],
        message:
          type.gpus === 0
            ? `instance type ${name} has no GPUs, but the pool declares ${gpu.countPerNode} ${gpu.model} per node`
            : `instance type ${name} has ${plural(type.gpus, `${type.gpuModel ?? ''} GPU`)} per node, but the pool declares ${gpu.countPerNode} ${gpu.model}`,
        fix: {
          label: 'Use instance types that have the declared GPUs, or correct gpu.model and gpu.countPerNode',
        },
      });
    });
    const only = seen.size === 1 ? [...seen.values()][0]! : undefined;
    if (!only || only.gpus === 0) return findings;
    return findings.map((finding) => ({
      ...finding,
      fix: {
        label: `Declare ${only.gpus} ${only.model} per node, as the catalog lists for ${listWords(pool.instanceTypes)}`,
        command: updateCommand(pool.id, { gpu: { ...gpu, model: only.model, countPerNode: only.gpus } }),
      },
    }));
  },
});

const gpuSharing = defineRule({
  id: 'pool.gpu-sharing',
  severity: 'error',
  scope: 'nodePool',
  title: 'MIG sharing only on GPUs that support it',
  description:
    'MIG partitions A100, A30, H100, H200 and B200 GPUs into at most 7 (A30: 4) compute slices; other ' +
    'models cannot be partitioned, and a profile larger than the GPU gives no instances.',
  check(pool) {
    const gpu = pool.gpu;
    if (!gpu || gpu.sharing !== 'mig') return [];
    const slices = migSlicesPerGpu(gpu.model);
    const whole = {
      label: 'Use whole GPUs',
      command: updateCommand(pool.id, {
        gpu: { model: gpu.model, countPerNode: gpu.countPerNode, sharing: 'whole' },
      }),
    };
    if (slices === undefined) {
      return [
        {
          path: ['gpu', 'sharing'],
          message: `${gpu.model} GPUs cannot be partitioned with MIG (only A100, A30, H100, H200 and B200 can); use whole GPUs or time-slicing`,
          fix: whole,
        },
      ];
    }
    if (gpuSlotsPerNode(gpu).slots > 0) return [];
    return [
      {
        path: ['gpu', 'migProfile'],
        message: `MIG profile ${gpu.migProfile ?? ''} is larger than the ${slices} compute slices of an ${gpu.model}, so it yields no MIG instances`,
        fix: { label: `Use a MIG profile of at most ${slices} slices, e.g. 1g.10gb` },
      },
    ];
  },
});

const instanceTypeZones = defineRule({
  id: 'pool.instance-type-zones',
  severity: 'error',
  scope: 'nodePool',
  title: 'Instance types are offered in every zone of the pool',
  description:
    'A managed node group cannot launch a type in a zone that does not offer it. A Karpenter pool picks ' +
    'among its types per zone, so it is reported only for a zone where none of its types is offered.',
  check(pool, context) {
    const { catalog } = context;
    const { regionCode, zones } = poolPlacement(pool, context);
    if (!regionCode || !catalog.region(regionCode) || zones.length === 0) return [];
    const offered = (name: string) => catalog.zonesOffering(regionCode, name);
    const missingFor = (name: string) => zones.filter((z) => !offered(name).includes(z.zoneName));
    const known = pool.instanceTypes.filter((name) => catalog.instanceType(name));
    if (known.length === 0) return [];
    if (pool.provisioner === 'karpenter') {
      const uncovered = zones.filter((z) => known.every((name) => !offered(name).includes(z.zoneName)));
      if (uncovered.length === 0) return [];
      const covered = zones.filter((z) => !uncovered.includes(z));
      const names = uncovered.map((z) => z.zoneName);
      return [
        {
          path: ['instanceTypes'],
          message: `none of the pool's instance types (${known.join(', ')}) is offered in ${listWords(names)}, so Karpenter cannot launch nodes there`,
          fix:
            covered.length > 0
              ? {
                  label: `Place the pool only in ${listWords(covered.map((z) => z.zoneName))}`,
                  command: updateCommand(pool.id, { zones: covered.map((z) => z.id) }),
                }
              : { label: `Add an instance type offered in ${listWords(names)}` },
        },
      ];
    }
    // A managed node group launches every listed type in every zone.
    const offeringAll = zones.filter((z) => known.every((name) => offered(name).includes(z.zoneName)));
    const findings: Finding[] = [];
    pool.instanceTypes.forEach((name, i) => {
      if (!catalog.instanceType(name)) return;
      const missing = missingFor(name);
      if (missing.length === 0) return;
      const where = offered(name);
      const others = known.filter((n) => n !== name);
      const othersEverywhere = others.length > 0 && others.every((n) => missingFor(n).length === 0);
      const fix: RuleFix = othersEverywhere
        ? {
            label: `Remove ${name} from the pool`,
            command: updateCommand(pool.id, { instanceTypes: pool.instanceTypes.filter((n) => n !== name) }),
          }
        : offeringAll.length > 0
          ? {
              label: `Place the pool only in zones that offer all its types (${listWords(offeringAll.map((z) => z.zoneName))})`,
              command: updateCommand(pool.id, { zones: offeringAll.map((z) => z.id) }),
            }
          : { label: 'Choose an instance type offered in every zone of the pool' };
      findings.push({
        path: ['instanceTypes', i],
        message: `instance type ${name} is not offered in ${listWords(missing.map((z) => z.zoneName))} (${
          where.length > 0
            ? `${regionCode} offers it in ${listWords([...where])}`
            : `${regionCode} does not offer it at all`
        }); the node group cannot launch it there`,
        fix,
      });
    });
    return findings;
  },
});

const familyCache = new WeakMap<Catalog, ReadonlySet<string>>();

function catalogFamilies(catalog: Catalog): ReadonlySet<string> {
  let families = familyCache.get(catalog);
  if (!families) {
    families = new Set(catalog.instanceTypes().map((t) => t.family));
    familyCache.set(catalog, families);
  }
  return families;
}

const unknownFamily = defineRule({
  id: 'pool.unknown-family',
  severity: 'warning',
  scope: 'nodePool',
  title: 'Karpenter families exist in the catalog',
  description:
    'Instance types listed by name are checked by the model integrity check; families given as ' +
    'requirements are checked here.',
  check(pool, context) {
    const families = pool.requirements?.families ?? [];
    const known = catalogFamilies(context.catalog);
    const findings: Finding[] = [];
    families.forEach((family, i) => {
      if (known.has(family)) return;
      const hint = didYouMean(family, known);
      const others = families.filter((f) => f !== family);
      findings.push({
        path: ['requirements', 'families', i],
        message: `instance family "${family}" is not in the catalog${hint ? `; did you mean "${hint}"?` : ''}; Karpenter finds no types in it and it cannot be priced`,
        fix: hint
          ? {
              label: `Use "${hint}"`,
              command: updateCommand(pool.id, {
                requirements: {
                  ...pool.requirements,
                  families: families.map((f) => (f === family ? hint : f)),
                },
              }),
            }
          : others.length > 0
            ? {
                label: `Remove "${family}"`,
                command: updateCommand(pool.id, { requirements: { ...pool.requirements, families: others } }),
              }
            : { label: 'Name an instance family from the catalog, e.g. m6i' },
      });
    });
    return findings;
  },
});

const burstCapacity = defineRule({
  id: 'pool.burst-capacity',
  severity: 'warning',
  scope: 'nodePool',
  title: 'A pool holds all its workloads at their peak',
  description:
    'Adds up the peak CPU, memory and GPU requests of the workloads pinned to the pool and compares them ' +
    'with its maximum nodes of its smallest type (allocatable figures; bin-packing losses not counted). ' +
    'A workload that does not fit on its own is reported on the workload instead.',
  check(pool, context) {
    const workloads = context
      .workloadsOnPool(pool.id)
      .filter((w) => (w.kind === 'service' || w.kind === 'job') && w.resources);
    if (workloads.length < 2) return [];
    const types = sizedTypes(pool, context.catalog);
    const smallest = types[0];
    if (!smallest) return [];
    const zoneCount = poolPlacement(pool, context).zones.length;
    if (zoneCount === 0) return [];
    let cpu = 0;
    let memory = 0;
    let gpus = 0;
    for (const w of workloads) {
      const peak = peakPods(w);
      if (!peak) continue;
      const alone = poolCapacity(pool, zoneCount, w.resources!, context.catalog);
      if (!alone || alone.nodes === 0 || peak.pods > alone.pods) return [];
      cpu += peak.pods * w.resources!.cpu;
      memory += peak.pods * w.resources!.memoryGiB;
      gpus += peak.pods * w.resources!.gpu;
    }
    const allocatable = smallest.allocatable!;
    const { nodes } = maxNodes(pool, zoneCount, smallest);
    const slots = pool.gpu ? gpuSlotsPerNode(pool.gpu).slots : 0;
    const short: string[] = [];
    if (cpu > nodes * allocatable.cpu)
      short.push(`${fmt(cpu)} vCPU (it has ${fmt(nodes * allocatable.cpu)})`);
    if (memory > nodes * allocatable.memoryGiB) {
      short.push(`${fmt(memory)} GiB (it has ${fmt(nodes * allocatable.memoryGiB)})`);
    }
    if (gpus > nodes * slots) short.push(`${fmt(gpus)} GPUs (it has ${fmt(nodes * slots)})`);
    if (short.length === 0) return [];
    const needed = Math.max(
      ceilOf(cpu / allocatable.cpu),
      ceilOf(memory / allocatable.memoryGiB),
      slots > 0 ? ceilOf(gpus / slots) : 0,
    );
    const raise = raiseMaxNodes(pool, zoneCount, smallest, needed);
    return [
      {
        path: ['nodesPerAz', 'max'],
        message: `the ${workloads.length} workloads on this pool need ${listWords(short)} at peak, more than its ${nodes} nodes of ${smallest.name} (its smallest type) can give`,
        fix: {
          label: `Raise the pool to ${raise.perAz} nodes per AZ${pool.limits ? ' and its limits to match' : ''}`,
          command: raise.command,
        },
      },
    ];
  },
});

/** The node pool rules. */
export const POOL_RULES: readonly Rule[] = [
  systemOnDemand,
  systemMinNodes,
  systemPriorityClass,
  mediaTaint,
  gpuTaint,
  spotDiversity,
  gpuCatalog,
  gpuSharing,
  instanceTypeZones,
  unknownFamily,
  burstCapacity,
];
