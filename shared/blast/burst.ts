// A burst against the autoscaling signal chain of DOMAIN.md: request rate -> HPA raises replicas -> pods
// Pending -> nodes launch and join -> pods start -> capacity catches up. Discrete time, one sample every
// `stepSeconds`; each sample covers [t, t + step). The model:
// - Demand ramps linearly from baseline to burstFactor x baseline over rampMinutes, then stays there.
// - The HPA syncs every hpaSyncSeconds. It sees utilisation = demand / (ready replicas x perReplica)
//   (pods may use CPU beyond their request, so it sees the whole demand) and asks for
//   ceil(ready x utilisation / target) = ceil(demand / (perReplica x target)) replicas, skipping changes within
//   Kubernetes' 10% tolerance. Scale-up stabilisation takes the lowest recommendation of the window. The
//   default scale-up policy limits growth to max(+4 pods, +100%) per 15 s (replicas 15 s earlier as the base).
//   Replicas stay within min and max; demand never falls, so scale-down is not modelled.
// - A new pod that fits in free room on a ready node starts after podStartSeconds. One that does not waits
//   for nodes: Karpenter launches what the pending pods need, up to the pool's maximum (nodesPerAz.max x
//   zones, capped by NodePool limits); a node is ready after nodeLaunchSeconds + nodeJoinSeconds, then its
//   pods start after podStartSeconds. Events land on the first sample at or after their time.
// - Co-tenants of the pool hold their baseline replicas; only this workload bursts.
// - Fixed replica counts, jobs and streaming fleets do not autoscale: their capacity stays flat.
import type { Catalog } from '../catalog/types';
import type { TopologyDocument } from '../model/schema';
import type { CapacityModel, WorkloadModel } from './capacity';
import { capacityModel } from './capacity';
import type { Structure } from './structure';
import { structureOf } from './structure';
import { num } from './text';
import type { BurstLimit, BurstOptions, BurstPoint, BurstSimulation, ChainDelays } from './types';

/** Kubernetes' HPA tolerance: no scaling while utilisation is within 10% of the target. */
export const HPA_TOLERANCE = 0.1;
/** The HPA's default scale-up policies: the larger of +4 pods and +100% per 15 seconds. */
export const HPA_SCALE_UP = { pods: 4, percent: 100, periodSeconds: 15 } as const;
/** Default ramp of a burst, minutes (DOMAIN.md: 3-5x within about 30 minutes). */
export const DEFAULT_RAMP_MINUTES = 30;
/** The shortest default window, minutes (the default is twice the ramp). */
export const MIN_DEFAULT_DURATION_MINUTES = 10;
/** Default sample step, seconds. */
export const DEFAULT_STEP_SECONDS = 5;
/** The most samples one simulation may take (the cost is linear in samples). */
export const MAX_STEPS = 1_000_000;

const EPSILON = 1e-9;
const DELAY_KEYS: readonly (keyof ChainDelays)[] = [
  'hpaSyncSeconds',
  'hpaScaleUpStabilizationSeconds',
  'podStartSeconds',
  'nodeLaunchSeconds',
  'nodeJoinSeconds',
];

/** A queue of (time, count) events in time order (delays are constant, so pushes arrive in order). */
class Arrivals {
  private readonly times: number[] = [];
  private readonly counts: number[] = [];
  private head = 0;
  total = 0;

  push(time: number, count: number): void {
    if (count <= 0) return;
    this.times.push(time);
    this.counts.push(count);
    this.total += count;
  }

  /** Removes and returns the count of every event due at `t`. */
  due(t: number): number {
    let sum = 0;
    while (this.head < this.times.length && this.times[this.head]! <= t + EPSILON) {
      sum += this.counts[this.head]!;
      this.head += 1;
    }
    this.total -= sum;
    return sum;
  }
}

/** Pool figures seen from one workload: its pods per node, node limits and the room co-tenants hold. */
interface PoolView {
  readonly ppn: number | null;
  readonly maxNodes: number | null;
  readonly limitedByLimits: boolean;
  readonly startNodes: number;
  readonly coTenantNodes: number;
}

function poolView(model: CapacityModel, w: number, wm: WorkloadModel): PoolView {
  const s = model.s;
  if (wm.placement.length === 0 || wm.placement.some((p) => p.ppn === undefined)) {
    return { ppn: null, maxNodes: null, limitedByLimits: false, startNodes: 0, coTenantNodes: 0 };
  }
  let ppn = Infinity;
  let maxNodes = 0;
  let desired = 0;
  let limited = false;
  let others = 0;
  for (const placement of wm.placement) {
    const pool = model.pools[placement.pool]!;
    ppn = Math.min(ppn, placement.ppn!);
    maxNodes += pool.maxNodes;
    limited ||= pool.limitNodes !== undefined && pool.limitNodes < pool.perAzMax * pool.zoneCount;
    desired += Math.min(pool.maxNodes, s.pools[placement.pool]!.nodesPerAz.desired * pool.zoneCount);
    for (const tenant of pool.tenants) {
      if (tenant.w === w) continue;
      const other = model.workloads[tenant.w]!;
      const slot = other.placement[tenant.slot]!;
      if (slot.ppn) others += (other.before * slot.split) / slot.ppn;
    }
  }
  const own = ppn > 0 ? wm.before / ppn : 0;
  const startNodes = Math.min(maxNodes, Math.max(desired, Math.ceil(others + own - EPSILON)));
  return { ppn, maxNodes, limitedByLimits: limited, startNodes, coTenantNodes: others };
}

function resolveDelays(doc: TopologyDocument, options: BurstOptions) {
  const settings = doc.spec.settings.autoscaling;
  const delays = {} as Record<keyof ChainDelays, number>;
  const overridden: (keyof ChainDelays)[] = [];
  for (const key of DELAY_KEYS) {
    const value = options[key];
    if (value !== undefined) {
      if (!(value >= 0)) throw new RangeError(`${key} must be 0 or more, not ${value}`);
      overridden.push(key);
    }
    delays[key] = value ?? settings[key];
  }
  if (!(delays.hpaSyncSeconds > 0)) throw new RangeError('hpaSyncSeconds must be greater than 0');
  return { delays: delays as ChainDelays, overridden };
}

/** Demand ramping from baseline to N x baseline over the burst, sampled and held against the scaling chain. */
export function simulateBurst(
  doc: TopologyDocument,
  workloadId: string,
  options: BurstOptions = {},
  catalog?: Catalog,
): BurstSimulation {
  const s: Structure = structureOf(doc);
  const w = s.workloadIdx.get(workloadId);
  if (w === undefined) throw new Error(`unknown workload "${workloadId}"`);
  const model = capacityModel(s, catalog);
  const wm = model.workloads[w]!;
  const workload = s.workloads[w]!;
  const { delays, overridden } = resolveDelays(doc, options);
  const burstFactor = options.burstFactor ?? wm.burstFactor;
  const rampMinutes = options.rampMinutes ?? DEFAULT_RAMP_MINUTES;
  const durationMinutes = options.durationMinutes ?? Math.max(2 * rampMinutes, MIN_DEFAULT_DURATION_MINUTES);
  const step = options.stepSeconds ?? DEFAULT_STEP_SECONDS;
  if (!(burstFactor >= 1)) throw new RangeError(`burstFactor must be 1 or more, not ${burstFactor}`);
  if (!(rampMinutes >= 0)) throw new RangeError(`rampMinutes must be 0 or more, not ${rampMinutes}`);
  if (!(durationMinutes > 0))
    throw new RangeError(`durationMinutes must be greater than 0, not ${durationMinutes}`);
  if (!(step > 0)) throw new RangeError(`stepSeconds must be greater than 0, not ${step}`);
  const steps = Math.ceil((durationMinutes * 60) / step - EPSILON);
  if (steps > MAX_STEPS)
    throw new RangeError(`${steps} steps is more than ${MAX_STEPS}; use a larger stepSeconds`);

  const hpa = workload.autoscaling && wm.ceilingKind === 'hpa-max' ? workload.autoscaling : undefined;
  const view = poolView(model, w, wm);
  const baseline = wm.baseline;
  const peak = baseline * burstFactor;
  const common = {
    workloadId,
    unit: wm.unit,
    baseline,
    burstFactor,
    peak,
    rampMinutes,
    durationMinutes,
    stepSeconds: step,
    delays,
    overridden,
    limits: {
      minReplicas: hpa ? hpa.minReplicas : wm.ceiling,
      maxReplicas: hpa ? hpa.maxReplicas : wm.ceiling,
      targetCpuPercent: hpa ? hpa.targetCpuPercent : null,
      perReplica: wm.perReplica,
      podsPerNode: view.ppn,
      nodesAtStart: view.startNodes,
      maxNodes: view.maxNodes,
      coTenantNodes: Math.round(view.coTenantNodes * 1000) / 1000,
    },
  };
  if (!wm.hasDemand) {
    return {
      ...common,
      series: [],
      catchUp: {
        status: 'not-applicable',
        reason: `${workloadId} declares no demand, so there is nothing to burst.`,
      },
      unserved: { total: 0, demandTotal: 0, percentOfDemand: 0 },
      notes: [],
    };
  }

  const rampSeconds = rampMinutes * 60;
  const demandAt = (t: number) =>
    t >= rampSeconds ? peak : baseline + ((peak - baseline) * t) / rampSeconds;
  const slots = (nodes: number) =>
    view.ppn === null ? Infinity : Math.max(0, Math.floor((nodes - view.coTenantNodes) * view.ppn + EPSILON));
  const nodesFor = (pods: number) =>
    view.ppn === null || view.ppn === 0
      ? Infinity
      : Math.ceil(view.coTenantNodes + pods / view.ppn - EPSILON);

  let nodes = view.startNodes;
  let desired = hpa ? wm.before : wm.ceiling;
  let ready = wm.placement.length === 0 && s.workloadFleet[w]! < 0 ? 0 : Math.min(desired, slots(nodes));
  let bound = ready;
  let waiting = desired - bound;
  const starting = new Arrivals();
  const launching = new Arrivals();
  // Scale-up stabilisation: lowest recommendation in the window (a deque increasing in value).
  const recTimes: number[] = [];
  const recValues: number[] = [];
  let recHead = 0;
  // Replicas at each sync, to find the base of the 15 s scale-up limit.
  const histTimes: number[] = [0];
  const histValues: number[] = [desired];
  let histHead = 0;
  let nextSync = 0;

  const bind = (t: number) => {
    const take = Math.min(waiting, slots(nodes) - bound);
    if (take > 0) {
      starting.push(t + delays.podStartSeconds, take);
      bound += take;
      waiting -= take;
    }
  };

  const series: BurstPoint[] = [];
  let unservedTotal = 0;
  let demandTotal = 0;
  let lastDeficit = -1;
  for (let k = 0; k < steps; k++) {
    const t = k * step;
    const demand = demandAt(t);
    nodes += launching.due(t);
    ready += starting.due(t);
    if (hpa && t + EPSILON >= nextSync) {
      while (nextSync <= t + EPSILON) nextSync += delays.hpaSyncSeconds;
      const perReplica = wm.perReplica;
      const target = hpa.targetCpuPercent / 100;
      const ratio = ready > 0 ? demand / (ready * perReplica) / target : Infinity;
      let recommendation = desired;
      if (Math.abs(ratio - 1) > HPA_TOLERANCE) {
        recommendation = ready > 0 ? Math.ceil(ready * ratio - EPSILON) : hpa.maxReplicas;
      }
      while (recTimes.length > recHead && recValues[recValues.length - 1]! >= recommendation) {
        recTimes.pop();
        recValues.pop();
      }
      recTimes.push(t);
      recValues.push(recommendation);
      while (recTimes[recHead]! < t - delays.hpaScaleUpStabilizationSeconds - EPSILON) recHead += 1;
      const stabilised = recValues[recHead]!;
      while (
        histHead + 1 < histTimes.length &&
        histTimes[histHead + 1]! <= t - HPA_SCALE_UP.periodSeconds + EPSILON
      ) {
        histHead += 1;
      }
      const base = histValues[histHead]!;
      const allowed = Math.max(base + HPA_SCALE_UP.pods, Math.ceil(base * (1 + HPA_SCALE_UP.percent / 100)));
      desired = Math.max(desired, hpa.minReplicas, Math.min(stabilised, allowed, hpa.maxReplicas));
      histTimes.push(t);
      histValues.push(desired);
    }
    if (desired > bound + waiting) waiting = desired - bound;
    bind(t);
    if (waiting > 0 && view.maxNodes !== null) {
      const want = Math.min(view.maxNodes, nodesFor(bound + waiting));
      const launch = want - nodes - launching.total;
      if (launch > 0) launching.push(t + delays.nodeLaunchSeconds + delays.nodeJoinSeconds, launch);
      nodes += launching.due(t);
      bind(t);
    }
    ready += starting.due(t);
    const capacity = ready * wm.perReplica;
    const unserved = Math.max(0, demand - capacity);
    if (unserved > EPSILON) lastDeficit = k;
    unservedTotal += unserved * step;
    demandTotal += demand * step;
    series.push({ t, demand, capacity, replicas: ready, desiredReplicas: desired, nodes, unserved });
  }

  const notes = [
    'Co-tenants of the pool hold their baseline replicas; only this workload bursts.',
    `HPA scale-up limited to max(+${HPA_SCALE_UP.pods} pods, +${HPA_SCALE_UP.percent}%) per ${HPA_SCALE_UP.periodSeconds} s, ` +
      `${HPA_TOLERANCE * 100}% tolerance; scale-down not modelled.`,
  ];
  if (view.ppn === null && wm.placement.length > 0) {
    notes.push('The pool hardware is unknown: nodes are not modelled, pods start without waiting for nodes.');
  }
  if (wm.placement.length > 1) {
    notes.push('It may run on several pools: they are simulated as one, with the smallest pods per node.');
  }
  const finalCapacity = series.length ? series[series.length - 1]!.capacity : 0;
  return {
    ...common,
    series,
    catchUp:
      lastDeficit < 0
        ? { status: 'immediate', seconds: 0 }
        : lastDeficit < steps - 1
          ? { status: 'caught-up', seconds: (lastDeficit + 1) * step }
          : { status: 'never', ...neverReason(model, w, wm, view, peak, finalCapacity, durationMinutes) },
    unserved: {
      total: unservedTotal,
      demandTotal,
      percentOfDemand: demandTotal > 0 ? (100 * unservedTotal) / demandTotal : 0,
    },
    notes,
  };
}

function neverReason(
  model: CapacityModel,
  w: number,
  wm: WorkloadModel,
  view: PoolView,
  peak: number,
  finalCapacity: number,
  durationMinutes: number,
): { limit: BurstLimit; reason: string } {
  const unit = wm.unit;
  const fleet = model.s.workloadFleet[w]!;
  if (fleet >= 0) {
    const f = model.s.fleets[fleet]!;
    return {
      limit: 'fleet',
      reason: `a streaming fleet does not autoscale: ${wm.ceiling} instances (${f.instancesPerAz} per AZ) x ${num(wm.perReplica)} ${unit} = ${num(wm.ceiling * wm.perReplica)} ${unit} < peak ${num(peak)} ${unit}; add instances per AZ`,
    };
  }
  if (wm.ceilingKind !== 'hpa-max') {
    return {
      limit: 'fixed-replicas',
      reason: `no autoscaling: ${wm.ceiling} replicas x ${num(wm.perReplica)} ${unit} = ${num(wm.ceiling * wm.perReplica)} ${unit} < peak ${num(peak)} ${unit}`,
    };
  }
  const needed = Math.ceil(peak / wm.perReplica - EPSILON);
  if (wm.ceiling < needed) {
    return {
      limit: 'hpa-max',
      reason: `HPA max ${wm.ceiling} x ${num(wm.perReplica)} ${unit} = ${num(wm.ceiling * wm.perReplica)} ${unit} < peak ${num(peak)} ${unit} (needs ${needed} replicas)`,
    };
  }
  if (view.ppn === 0) {
    return { limit: 'no-room', reason: 'one replica does not fit on a node of its pool' };
  }
  if (view.ppn !== null && view.maxNodes !== null) {
    const room = Math.max(0, Math.floor((view.maxNodes - view.coTenantNodes) * view.ppn + EPSILON));
    if (room < needed) {
      return {
        limit: view.limitedByLimits ? 'pool-limits' : 'pool-max',
        reason:
          `the pool holds ${room} replicas at most (${view.maxNodes} nodes${view.limitedByLimits ? ' under its Karpenter limits' : ' at nodesPerAz.max'}, ` +
          `${num(view.coTenantNodes)} used by co-tenants, ${view.ppn} per node) but the peak needs ${needed}`,
      };
    }
  }
  return {
    limit: 'window',
    reason: `still catching up when the simulated ${durationMinutes} minutes end (capacity ${num(finalCapacity)} of ${num(peak)} ${unit})`,
  };
}
