// Rules on workloads: where their pods may go (taints, tolerations, node labels, room on a node), GPUs
// per replica, whether replicas and pools carry the peak, single points of failure, and streaming
// traffic that belongs off Kubernetes.
import type { NodePool, Workload } from '../model/schema';
import { plural } from '../util/text';
import type { Taint } from './helpers';
import {
  capacityText,
  ceilOf,
  fmt,
  gpuSlotsPerNode,
  isHardTaint,
  listWords,
  peakPods,
  peakReplicasNeeded,
  podsPerNode,
  poolCapacity,
  poolPlacement,
  raiseMaxNodes,
  resolveZones,
  selectorConflicts,
  sizedTypes,
  taintText,
  tolerates,
  tolerationFor,
  untoleratedTaints,
  updateCommand,
} from './helpers';
import { MEDIA_TAINT, ML_TAINT } from './pool-rules';
import { defineRule } from './registry';
import type { Rule, RuleContext } from './types';

/** Replicas a user-facing service keeps at least, so that one pod is not a single point of failure. */
export const MIN_USER_FACING_REPLICAS = 2;

function onKubernetes(w: Workload): boolean {
  return w.kind === 'service' || w.kind === 'job';
}

function pinnedPool(w: Workload, context: RuleContext): NodePool | undefined {
  return w.nodePool !== undefined && onKubernetes(w) ? context.element('nodePool', w.nodePool) : undefined;
}

function selectorText(selector: Readonly<Record<string, string>>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const untoleratedTaint = defineRule({
  id: 'workload.untolerated-taint',
  severity: 'error',
  scope: 'workload',
  title: 'Workloads tolerate the taints of the pool they are placed on',
  description:
    'A NoSchedule or NoExecute taint keeps every pod that does not tolerate it off the node; pinned to ' +
    'such a pool, the pods stay Pending.',
  check(w, context) {
    const pool = pinnedPool(w, context);
    if (!pool) return [];
    const missing = untoleratedTaints(pool, w.tolerations);
    if (missing.length === 0) return [];
    const texts = missing.map(taintText);
    return [
      {
        path: ['tolerations'],
        message: `node pool "${pool.id}" is tainted ${listWords(texts)} and the workload does not tolerate ${missing.length === 1 ? 'it' : 'them'}, so its pods stay Pending`,
        fix: {
          label: `Tolerate ${listWords(texts)}`,
          command: updateCommand(w.id, { tolerations: [...w.tolerations, ...missing.map(tolerationFor)] }),
        },
      },
    ];
  },
});

const selectorMismatch = defineRule({
  id: 'workload.node-selector-mismatch',
  severity: 'error',
  scope: 'workload',
  title: 'A pinned workload’s nodeSelector matches its pool’s node labels',
  description:
    'The pool’s labels and the labels Kubernetes, EKS and Karpenter set on every node (pool name, ' +
    'architecture, instance type, zone, capacity type) must satisfy the nodeSelector, or the pods stay Pending.',
  check(w, context) {
    const pool = pinnedPool(w, context);
    if (!pool) return [];
    const conflicts = selectorConflicts(pool, w.nodeSelector, context);
    if (conflicts.length === 0) return [];
    const selector: Record<string, string> = { ...w.nodeSelector };
    for (const c of conflicts) {
      if (c.has !== undefined) selector[c.key] = c.has;
      else Reflect.deleteProperty(selector, c.key);
    }
    const what = conflicts.map((c) =>
      c.has !== undefined ? `${c.key}=${c.has}, not ${c.wanted}` : `no ${c.key}=${c.wanted}`,
    );
    return [
      {
        path: ['nodeSelector', conflicts[0]!.key],
        message: `nodeSelector ${selectorText(w.nodeSelector)} does not match node pool "${pool.id}" (its nodes have ${listWords(what)}), so its pods stay Pending`,
        fix: {
          label: Object.keys(selector).length
            ? `Select the pool's labels (${selectorText(selector)})`
            : 'Remove the nodeSelector (the pool pins it)',
          command: updateCommand(w.id, { nodeSelector: selector }),
        },
      },
    ];
  },
});

const tolerationWithoutSelector = defineRule({
  id: 'workload.toleration-without-selector',
  severity: 'warning',
  scope: 'workload',
  title: 'A workload that tolerates a dedicated pool’s taint is pinned to it',
  description:
    'A toleration lets pods onto tainted nodes but does not draw them there: without a node pool or a ' +
    'nodeSelector, media or ML pods may land on any node of the cluster.',
  check(w, context) {
    if (!onKubernetes(w) || w.cluster === undefined || w.nodePool !== undefined) return [];
    if (Object.keys(w.nodeSelector).length > 0 || w.tolerations.length === 0) return [];
    const dedicated = context
      .poolsOfCluster(w.cluster)
      .filter((p) => p.taints.some(isHardTaint) && untoleratedTaints(p, w.tolerations).length === 0);
    const conventional = [MEDIA_TAINT, ML_TAINT].filter((t) =>
      w.tolerations.some((tol) => tolerates(tol, t)),
    );
    if (dedicated.length === 0 && conventional.length === 0) return [];
    const taints: Taint[] = dedicated.length
      ? dedicated.flatMap((p) => p.taints.filter(isHardTaint))
      : conventional;
    const names = [...new Set(taints.map(taintText))];
    const only = dedicated.length === 1 ? dedicated[0]! : undefined;
    return [
      {
        path: ['tolerations'],
        message: `tolerates ${listWords(names)} but has no node pool and no nodeSelector, so its pods may land on any node of the cluster${
          dedicated.length ? `, not only on ${listWords(dedicated.map((p) => `"${p.id}"`))}` : ''
        }`,
        fix: only
          ? { label: `Pin it to node pool "${only.id}"`, command: updateCommand(w.id, { nodePool: only.id }) }
          : { label: 'Pin it to the node pool it is meant for, or give it a nodeSelector' },
      },
    ];
  },
});

/** Why a pool cannot take a workload's pods, or undefined when it can. */
function refusal(pool: NodePool, w: Workload, context: RuleContext): string | undefined {
  const taints = untoleratedTaints(pool, w.tolerations);
  if (taints.length > 0) return `"${pool.id}" is tainted ${listWords(taints.map(taintText))}`;
  const conflicts = selectorConflicts(pool, w.nodeSelector, context);
  if (conflicts.length > 0)
    return `"${pool.id}" has no ${listWords(conflicts.map((c) => `${c.key}=${c.wanted}`))}`;
  if (pool.nodesPerAz.max === 0) return `"${pool.id}" has at most 0 nodes`;
  const requests = w.resources;
  if (requests && requests.gpu > 0 && !pool.gpu) return `"${pool.id}" has no GPUs`;
  const types = sizedTypes(pool, context.catalog);
  const slots = pool.gpu ? gpuSlotsPerNode(pool.gpu).slots : 0;
  if (requests && types.length > 0 && types.every((t) => podsPerNode(t, requests, slots) < 1)) {
    return `"${pool.id}" has no instance type that fits one replica`;
  }
  return undefined;
}

const noPlaceToRun = defineRule({
  id: 'workload.no-place-to-run',
  severity: 'error',
  scope: 'workload',
  title: 'Every workload has a pool it can run on',
  description:
    'A workload on a cluster needs a pool whose taints it tolerates, whose labels match its nodeSelector ' +
    'and which can have nodes; a workload pinned to a pool needs that pool to allow at least one node.',
  check(w, context) {
    if (!onKubernetes(w) || w.cluster === undefined) return [];
    const cluster = context.element('cluster', w.cluster);
    if (!cluster) return [];
    if (w.nodePool !== undefined) {
      const pool = context.element('nodePool', w.nodePool);
      if (!pool || !w.resources) return [];
      const zoneCount = poolPlacement(pool, context).zones.length;
      const capacity = poolCapacity(pool, zoneCount, w.resources, context.catalog);
      if (pool.nodesPerAz.max > 0 && (!capacity || capacity.nodes > 0)) return [];
      const why =
        pool.nodesPerAz.max === 0
          ? `node pool "${pool.id}" has at most 0 nodes per AZ`
          : `the limits of node pool "${pool.id}" allow no ${capacity!.type.name} node`;
      const peak = peakPods(w);
      const raise =
        capacity && peak && zoneCount > 0
          ? raiseMaxNodes(
              pool,
              zoneCount,
              capacity.type,
              Math.max(1, ceilOf(peak.pods / capacity.podsPerNode)),
            )
          : undefined;
      return [
        {
          path: ['nodePool'],
          message: `${why}, so the ${w.kind}'s pods never run`,
          fix: raise
            ? {
                label: `Let node pool "${pool.id}" run up to ${raise.perAz} nodes per AZ`,
                command: raise.command,
              }
            : { label: `Let node pool "${pool.id}" run nodes, or place the ${w.kind} on another pool` },
        },
      ];
    }
    const pools = context.poolsOfCluster(cluster.id);
    const reasons: string[] = [];
    for (const pool of pools) {
      const why = refusal(pool, w, context);
      if (why === undefined) return [];
      reasons.push(why);
    }
    const shown = reasons.slice(0, 4);
    const more =
      reasons.length > shown.length ? `; and ${plural(reasons.length - shown.length, 'more pool')}` : '';
    return [
      {
        path: ['cluster'],
        message:
          pools.length === 0
            ? `cluster "${cluster.id}" has no node pools, so the ${w.kind}'s pods have nowhere to run`
            : `no node pool of cluster "${cluster.id}" can run the ${w.kind}'s pods: ${shown.join('; ')}${more}`,
        fix: { label: 'Add a node pool it can run on, or give it the tolerations and nodeSelector of one' },
      },
    ];
  },
});

const requestsFit = defineRule({
  id: 'workload.requests-fit-node',
  severity: 'error',
  scope: 'workload',
  title: 'One replica fits on a node of its pool',
  description:
    'A pod is never split across nodes: its CPU and memory requests must fit the allocatable capacity ' +
    '(after system reservations, per the catalog) of at least one instance type of the pool.',
  check(w, context) {
    const pool = pinnedPool(w, context);
    const requests = w.resources;
    if (!pool || !requests) return [];
    const types = sizedTypes(pool, context.catalog);
    if (types.length === 0) return [];
    const cpuOnly = { ...requests, gpu: 0 };
    if (types.some((t) => podsPerNode(t, cpuOnly) >= 1)) return [];
    const cpuFits = types.some((t) => t.allocatable!.cpu >= requests.cpu);
    const largest = [...types].sort((a, b) =>
      cpuFits ? b.allocatable!.memoryGiB - a.allocatable!.memoryGiB : b.allocatable!.cpu - a.allocatable!.cpu,
    )[0]!;
    return [
      {
        path: ['resources', cpuFits ? 'memoryGiB' : 'cpu'],
        message: `requests ${fmt(requests.cpu)} vCPU and ${fmt(requests.memoryGiB)} GiB per replica, more than any instance type of node pool "${pool.id}" can give (the largest, ${largest.name}, has ${fmt(largest.allocatable!.cpu)} vCPU and ${fmt(largest.allocatable!.memoryGiB)} GiB allocatable)`,
        fix: { label: 'Lower the requests, or add a larger instance type to the pool' },
      },
    ];
  },
});

const gpuFit = defineRule({
  id: 'workload.gpu-fit',
  severity: 'error',
  scope: 'workload',
  title: 'GPU requests fit on one node of the pool',
  description:
    'GPUs per replica must not exceed what one node offers: countPerNode whole GPUs, countPerNode × ' +
    'timeSlicingReplicas shares with time-slicing, or the MIG instances of the profile.',
  check(w, context) {
    const pool = pinnedPool(w, context);
    const gpus = w.resources?.gpu ?? 0;
    if (!pool?.gpu || gpus === 0) return [];
    const { slots, text } = gpuSlotsPerNode(pool.gpu);
    if (gpus <= slots) return [];
    return [
      {
        path: ['resources', 'gpu'],
        message: `requests ${plural(gpus, 'GPU')} per replica, but node pool "${pool.id}" has ${text}; a pod cannot span nodes`,
        fix: { label: `Request at most ${slots} per replica, or use a pool with more GPUs per node` },
      },
    ];
  },
});

const gpuPoolIdle = defineRule({
  id: 'workload.gpu-pool-without-gpu',
  severity: 'warning',
  scope: 'workload',
  title: 'Workloads on GPU pools request GPUs',
  description: 'A pod that requests no GPU takes room on an expensive GPU node and leaves its GPUs idle.',
  check(w, context) {
    const pool = pinnedPool(w, context);
    if (!pool?.gpu || !w.resources || w.resources.gpu > 0) return [];
    return [
      {
        path: ['resources', 'gpu'],
        message: `runs on GPU pool "${pool.id}" (${pool.gpu.model} nodes) but requests no GPU, so it takes room on GPU nodes and leaves their GPUs idle`,
        fix: { label: 'Move it to a CPU pool, or request the GPUs it uses' },
      },
    ];
  },
});

const burstReplicas = defineRule({
  id: 'workload.burst-replicas',
  severity: 'warning',
  scope: 'workload',
  title: 'Replicas carry the peak demand',
  description:
    'Peak demand is baseline × burstFactor; divided by what one replica serves, it is the replicas needed ' +
    'at peak. The autoscaler’s maxReplicas, or a fixed replica count, must reach it.',
  check(w) {
    if (w.kind !== 'service') return [];
    const needed = peakReplicasNeeded(w);
    if (!needed) return [];
    const hpa = w.autoscaling;
    if (hpa && hpa.maxReplicas < needed.replicas) {
      return [
        {
          path: ['autoscaling', 'maxReplicas'],
          message: `needs ${needed.replicas} replicas at peak (${needed.text}), but the autoscaler stops at ${hpa.maxReplicas}`,
          fix: {
            label: `Let the autoscaler reach ${needed.replicas} replicas`,
            command: updateCommand(w.id, { autoscaling: { ...hpa, maxReplicas: needed.replicas } }),
          },
        },
      ];
    }
    if (w.replicas !== undefined && w.replicas < needed.replicas) {
      return [
        {
          path: ['replicas'],
          message: `needs ${needed.replicas} replicas at peak (${needed.text}), but runs a fixed ${w.replicas}`,
          fix: {
            label: `Run ${needed.replicas} replicas (or add autoscaling)`,
            command: updateCommand(w.id, { replicas: needed.replicas }),
          },
        },
      ];
    }
    return [];
  },
});

const burstPoolCapacity = defineRule({
  id: 'workload.burst-pool-capacity',
  severity: 'warning',
  scope: 'workload',
  title: 'The pool holds the workload at its peak',
  description:
    'The pods at peak (replicas needed, capped by maxReplicas; fixed replicas; a job’s parallelism) must ' +
    'fit in the pool’s maximum nodes, counted on its smallest instance type that fits one replica and ' +
    'within its Karpenter limits.',
  check(w, context) {
    const pool = pinnedPool(w, context);
    if (!pool || !w.resources) return [];
    const peak = peakPods(w);
    if (!peak) return [];
    const zoneCount = poolPlacement(pool, context).zones.length;
    const capacity = poolCapacity(pool, zoneCount, w.resources, context.catalog);
    if (!capacity || capacity.nodes === 0 || peak.pods <= capacity.pods) return [];
    const raise = raiseMaxNodes(pool, zoneCount, capacity.type, ceilOf(peak.pods / capacity.podsPerNode));
    return [
      {
        path: ['nodePool'],
        message: `runs ${peak.text}, but node pool "${pool.id}" holds at most ${capacity.pods}: ${capacityText(capacity, pool.nodesPerAz.max, zoneCount)}`,
        fix: {
          label: `Let node pool "${pool.id}" run up to ${raise.perAz} nodes per AZ${pool.limits ? ' (limits raised to match)' : ''}`,
          command: raise.command,
        },
      },
    ];
  },
});

const singleReplica = defineRule({
  id: 'workload.single-replica',
  severity: 'warning',
  scope: 'workload',
  title: 'User-facing services run at least 2 replicas',
  description:
    'With one replica, a node loss, a spot interruption or a rollout takes a user-facing service down.',
  check(w) {
    if (w.kind !== 'service' || !w.userFacing) return [];
    const spof =
      'one pod is a single point of failure (a node loss, spot interruption or rollout takes it down)';
    const hpa = w.autoscaling;
    if (hpa && hpa.minReplicas < MIN_USER_FACING_REPLICAS) {
      return [
        {
          path: ['autoscaling', 'minReplicas'],
          message: `user-facing service scales down to ${plural(hpa.minReplicas, 'replica')}; ${spof}`,
          fix: {
            label: `Keep at least ${MIN_USER_FACING_REPLICAS} replicas`,
            command: updateCommand(w.id, {
              autoscaling: {
                ...hpa,
                minReplicas: MIN_USER_FACING_REPLICAS,
                maxReplicas: Math.max(hpa.maxReplicas, MIN_USER_FACING_REPLICAS),
              },
            }),
          },
        },
      ];
    }
    if (w.replicas !== undefined && w.replicas < MIN_USER_FACING_REPLICAS) {
      return [
        {
          path: ['replicas'],
          message: `user-facing service runs ${plural(w.replicas, 'replica')}; ${spof}`,
          fix: {
            label: `Run ${MIN_USER_FACING_REPLICAS} replicas`,
            command: updateCommand(w.id, { replicas: MIN_USER_FACING_REPLICAS }),
          },
        },
      ];
    }
    return [];
  },
});

const gbpsOnKubernetes = defineRule({
  id: 'workload.gbps-on-kubernetes',
  severity: 'warning',
  scope: 'workload',
  title: 'Streaming traffic runs off Kubernetes',
  description:
    'A service or job whose demand is in Gbps is streaming traffic; on Kubernetes it goes through ' +
    'kube-proxy/iptables and possibly a mesh sidecar (about 1-3 ms per request). The streaming tier runs ' +
    'as a dpdk-service on a DPDK fleet (a dpdk-service on a cluster is refused by the schema).',
  check(w) {
    if (!onKubernetes(w) || w.cluster === undefined || w.demand?.unit !== 'gbps') return [];
    const peak = w.demand.baseline * w.demand.burstFactor;
    return [
      {
        path: ['demand', 'unit'],
        message: `carries ${fmt(peak)} Gbps at peak through Kubernetes networking; the streaming tier belongs on a DPDK fleet off Kubernetes (iptables and a mesh sidecar add about 1-3 ms per request)`,
        fix: { label: 'Run it as a dpdk-service on a DPDK streaming fleet' },
      },
    ];
  },
});

const fleetCapacity = defineRule({
  id: 'workload.fleet-capacity',
  severity: 'warning',
  scope: 'workload',
  title: 'A DPDK fleet carries its service’s peak',
  description:
    'A dpdk-service’s peak (baseline × burstFactor, in Gbps) must fit the fleet: instances per AZ × zones ' +
    '× Gbps per instance.',
  check(w, context) {
    if (w.kind !== 'dpdk-service' || w.fleet === undefined || w.demand?.unit !== 'gbps') return [];
    const fleet = context.element('fleet', w.fleet);
    if (!fleet) return [];
    const zones = resolveZones(fleet.zones, context).length;
    const peak = w.demand.baseline * w.demand.burstFactor;
    const capacity = zones * fleet.instancesPerAz * fleet.throughputGbpsPerInstance;
    if (peak <= capacity + 1e-9 || zones === 0) return [];
    const perAz = ceilOf(peak / (zones * fleet.throughputGbpsPerInstance));
    return [
      {
        path: ['fleet'],
        message: `needs ${fmt(peak)} Gbps at peak (${fmt(w.demand.baseline)} Gbps × ${fmt(w.demand.burstFactor)}), but fleet "${fleet.id}" delivers ${fmt(capacity)} Gbps (${fleet.instancesPerAz} instances per AZ × ${zones} AZs × ${fmt(fleet.throughputGbpsPerInstance)} Gbps)`,
        fix: {
          label: `Run ${perAz} instances per AZ in fleet "${fleet.id}"`,
          command: updateCommand(fleet.id, { instancesPerAz: perAz }),
        },
      },
    ];
  },
});

/** The workload rules. */
export const WORKLOAD_RULES: readonly Rule[] = [
  untoleratedTaint,
  selectorMismatch,
  tolerationWithoutSelector,
  noPlaceToRun,
  requestsFit,
  gpuFit,
  gpuPoolIdle,
  burstReplicas,
  burstPoolCapacity,
  singleReplica,
  gbpsOnKubernetes,
  fleetCapacity,
];
