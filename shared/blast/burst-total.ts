// The burst of the whole design's user traffic: every user-facing workload with a demand bursts at once
// (simulateBurst, one by one, with the same knobs), and the results are added up in the user-traffic
// weights of evaluate.ts (TRAFFIC_DEFINITION). Demand, capacity and unserved demand are then multiples of
// baseline traffic: at t = 0 the demand is 1, at the peak it is the weighted burst factor. Unserved demand is
// added workload by workload, so capacity one workload has to spare never serves another's shortfall; the
// capacity line may therefore pass over demand while some demand is still unserved.
import type { Catalog } from '../catalog/types';
import type { TopologyDocument } from '../model/schema';
import { compareStrings } from '../util/text';
import {
  DEFAULT_RAMP_MINUTES,
  DEFAULT_STEP_SECONDS,
  MIN_DEFAULT_DURATION_MINUTES,
  simulateBurst,
} from './burst';
import { capacityModel } from './capacity';
import { structureOf } from './structure';
import { num } from './text';
import type { BurstOptions, BurstSimulation, ChainDelays } from './types';

/** The unit of a traffic burst: multiples of the baseline user traffic. */
export const TRAFFIC_UNIT = 'x baseline';

/** One sample of the traffic burst, in multiples of baseline user traffic. */
export interface TrafficBurstPoint {
  /** Seconds since the burst started. */
  readonly t: number;
  readonly demand: number;
  /** Sum of each workload's weighted capacity (spare capacity of one does not serve another). */
  readonly capacity: number;
  /** Sum of each workload's weighted unserved demand. */
  readonly unserved: number;
}

/** One workload's part of the traffic burst. */
export interface TrafficBurstPart {
  readonly workloadId: string;
  /** Its weight in the user traffic, 0-1 (weights sum to 1). */
  readonly weight: number;
  readonly catchUp: BurstSimulation['catchUp'];
  readonly unservedPercent: number;
}

/** The whole design's user traffic against the autoscaling chain. */
export interface TrafficBurst {
  readonly unit: typeof TRAFFIC_UNIT;
  /** Demand at the peak, in multiples of baseline (the weighted burst factors). */
  readonly peak: number;
  readonly rampMinutes: number;
  readonly durationMinutes: number;
  readonly stepSeconds: number;
  readonly delays: ChainDelays;
  readonly overridden: readonly (keyof ChainDelays)[];
  /** The workloads added up, in id order. */
  readonly parts: readonly TrafficBurstPart[];
  readonly series: readonly TrafficBurstPoint[];
  readonly catchUp:
    | { readonly status: 'immediate'; readonly seconds: 0 }
    | { readonly status: 'caught-up'; readonly seconds: number; readonly lastWorkloadId: string }
    | { readonly status: 'never'; readonly workloadIds: readonly string[]; readonly reason: string }
    | { readonly status: 'not-applicable'; readonly reason: string };
  readonly unserved: {
    /** Sum of weighted unserved demand over time, baseline x seconds. */
    readonly total: number;
    readonly demandTotal: number;
    readonly percentOfDemand: number;
  };
  readonly notes: readonly string[];
}

/** Every user-facing workload with a demand bursting at once, added up in user-traffic weights. */
export function simulateTrafficBurst(
  doc: TopologyDocument,
  options: BurstOptions = {},
  catalog?: Catalog,
): TrafficBurst {
  const model = capacityModel(structureOf(doc), catalog);
  const s = model.s;
  const chosen = s.workloads
    .map((workload, w) => ({ id: workload.id, w, weight: model.weights[w]! }))
    .filter((entry) => entry.weight > 0 && model.workloads[entry.w]!.baseline > 0)
    .sort((a, b) => compareStrings(a.id, b.id));
  const runs = chosen.map((entry) => ({ ...entry, sim: simulateBurst(doc, entry.id, options, catalog) }));
  const first = runs[0]?.sim;
  const notes = [
    'Every user-facing workload bursts at once; each is weighted by its share of baseline user traffic (see the traffic definition).',
    'Unserved demand is added workload by workload: capacity one workload has to spare does not serve another.',
  ];
  if (!first) {
    const fallback = simulateDefaults(doc, options);
    return {
      unit: TRAFFIC_UNIT,
      peak: 1,
      ...fallback,
      parts: [],
      series: [],
      catchUp: {
        status: 'not-applicable',
        reason: 'No user-facing workload declares a demand, so there is no user traffic to burst.',
      },
      unserved: { total: 0, demandTotal: 0, percentOfDemand: 0 },
      notes,
    };
  }

  const series: TrafficBurstPoint[] = first.series.map((point) => ({
    t: point.t,
    demand: 0,
    capacity: 0,
    unserved: 0,
  }));
  let peak = 0;
  let total = 0;
  let demandTotal = 0;
  for (const run of runs) {
    const scale = run.weight / run.sim.baseline;
    peak += run.weight * run.sim.burstFactor;
    total += run.sim.unserved.total * scale;
    demandTotal += run.sim.unserved.demandTotal * scale;
    run.sim.series.forEach((point, k) => {
      const sum = series[k] as { demand: number; capacity: number; unserved: number };
      sum.demand += point.demand * scale;
      sum.capacity += point.capacity * scale;
      sum.unserved += point.unserved * scale;
    });
  }

  const never = runs.filter((run) => run.sim.catchUp.status === 'never');
  let last: (typeof runs)[number] | undefined;
  for (const run of runs) {
    const catchUp = run.sim.catchUp;
    if (catchUp.status !== 'caught-up') continue;
    if (!last || catchUp.seconds > (last.sim.catchUp as { seconds: number }).seconds) last = run;
  }
  const catchUp: TrafficBurst['catchUp'] =
    never.length > 0
      ? {
          status: 'never',
          workloadIds: never.map((run) => run.id),
          reason:
            `${never.length} of ${runs.length} user-facing workloads never catch up within ` +
            `${num(first.durationMinutes)} minutes: ${never.map((run) => run.id).join(', ')}`,
        }
      : last
        ? {
            status: 'caught-up',
            seconds: (last.sim.catchUp as { seconds: number }).seconds,
            lastWorkloadId: last.id,
          }
        : { status: 'immediate', seconds: 0 };

  return {
    unit: TRAFFIC_UNIT,
    peak,
    rampMinutes: first.rampMinutes,
    durationMinutes: first.durationMinutes,
    stepSeconds: first.stepSeconds,
    delays: first.delays,
    overridden: first.overridden,
    parts: runs.map((run) => ({
      workloadId: run.id,
      weight: run.weight,
      catchUp: run.sim.catchUp,
      unservedPercent: run.sim.unserved.percentOfDemand,
    })),
    series,
    catchUp,
    unserved: {
      total,
      demandTotal,
      percentOfDemand: demandTotal > 0 ? (100 * total) / demandTotal : 0,
    },
    notes,
  };
}

const DELAY_KEYS: readonly (keyof ChainDelays)[] = [
  'hpaSyncSeconds',
  'hpaScaleUpStabilizationSeconds',
  'podStartSeconds',
  'nodeLaunchSeconds',
  'nodeJoinSeconds',
];

/** The knobs a simulation would use when there is no workload to run it on (see simulateBurst). */
function simulateDefaults(
  doc: TopologyDocument,
  options: BurstOptions,
): Pick<TrafficBurst, 'rampMinutes' | 'durationMinutes' | 'stepSeconds' | 'delays' | 'overridden'> {
  const settings = doc.spec.settings.autoscaling;
  const delays = {} as Record<keyof ChainDelays, number>;
  for (const key of DELAY_KEYS) delays[key] = options[key] ?? settings[key];
  const rampMinutes = options.rampMinutes ?? DEFAULT_RAMP_MINUTES;
  return {
    rampMinutes,
    durationMinutes: options.durationMinutes ?? Math.max(2 * rampMinutes, MIN_DEFAULT_DURATION_MINUTES),
    stepSeconds: options.stepSeconds ?? DEFAULT_STEP_SECONDS,
    delays,
    overridden: DELAY_KEYS.filter((key) => options[key] !== undefined),
  };
}
