// One failure domain, evaluated locally: the workloads its scenario touches directly (its containment
// subtree, the tenants of pools that lose nodes, the dpdk-services of fleets that lose instances), then
// their callers along reverse dependency edges. Everything else keeps its state with nothing failed.
import type { CapacityModel } from './capacity';
import { blankOwn, computeOwn } from './capacity';
import { Scenario } from './domains';
import { ChangeSet } from './propagate';
import type { DomainTarget } from './structure';
import { round } from './text';
import type { WorkloadStatus } from './types';

/** Weight of user traffic in the score; the rest is the share of workloads down or degraded. */
export const SCORE_TRAFFIC_WEIGHT = 0.75;
/** A degraded workload counts this much of a down one in the workload part of the score. */
export const SCORE_DEGRADED_WEIGHT = 0.5;

/** The blast-radius score in words. */
export const SCORE_FORMULA =
  'score = 100 x (0.75 x T + 0.25 x K), rounded to 0.1, where T is the share of user traffic the failure adds to what ' +
  'is affected anyway, and K = (workloads newly down + 0.5 x workloads newly degraded) / all workloads. ' +
  'A document without user-facing demand scores 100 x K. A workload is "newly" down or degraded when the failure ' +
  'raises its shortfall.';

/** The user-traffic share in words. */
export const TRAFFIC_DEFINITION =
  'Share of user traffic affected: over user-facing workloads with a demand, each weighs its baseline demand divided ' +
  'by the baseline of all user-facing workloads with the same unit (so a region weighs its share of that demand), ' +
  'divided by the number of units present (rps, sessions and gbps count the same). Each contributes weight x shortfall, ' +
  'where the shortfall is 1 when down, the share of burst demand not carried when its own capacity falls short, the ' +
  "callee's shortfall through a hard dependency, and 0.25 x the callee's shortfall through a soft one (the largest applies).";

const EPSILON = 1e-12;

/** The status a shortfall means: 1 down, above 0 degraded, 0 ok. */
export function statusOf(shortfall: number): WorkloadStatus {
  if (shortfall >= 1 - EPSILON) return 'down';
  return shortfall > 0 ? 'degraded' : 'ok';
}

/** The figures of one evaluated domain. */
export interface DomainFigures {
  /** User traffic the failure adds, 0-1. */
  readonly trafficByFailure: number;
  readonly newlyDown: number;
  readonly newlyDegraded: number;
  readonly score: number;
}

/** The score of a failure from its traffic share and counts (see SCORE_FORMULA). */
export function scoreOf(
  model: CapacityModel,
  traffic: number,
  newlyDown: number,
  newlyDegraded: number,
): number {
  const total = model.workloads.length;
  const k = total > 0 ? (newlyDown + SCORE_DEGRADED_WEIGHT * newlyDegraded) / total : 0;
  const raw = model.hasUserTraffic ? SCORE_TRAFFIC_WEIGHT * traffic + (1 - SCORE_TRAFFIC_WEIGHT) * k : k;
  return round(Math.min(100, 100 * raw), 1);
}

/**
 * Evaluates domains one after another with reusable buffers. After `run`, the scenario, the directly
 * touched workloads with their own state and the raised shortfalls describe that domain until the next run.
 */
export class Evaluator {
  readonly scenario: Scenario;
  readonly changes: ChangeSet;
  /** Workloads the scenario touches directly. */
  readonly direct: number[] = [];
  /** Own shortfall, capacity and replicas after, of each directly touched workload. */
  readonly ownF: Float64Array;
  readonly ownCapacity: Float64Array;
  readonly ownAfter: Float64Array;
  private epoch = 0;
  private readonly mark: Int32Array;
  private readonly own = blankOwn();

  constructor(readonly model: CapacityModel) {
    const n = model.workloads.length;
    this.scenario = new Scenario(model.s);
    this.changes = new ChangeSet(n);
    this.ownF = new Float64Array(n);
    this.ownCapacity = new Float64Array(n);
    this.ownAfter = new Float64Array(n);
    this.mark = new Int32Array(n);
  }

  /** Whether the current domain touches this workload directly. */
  isDirect(w: number): boolean {
    return this.mark[w] === this.epoch;
  }

  /** Evaluates one domain. */
  run(target: DomainTarget): DomainFigures {
    const model = this.model;
    const scenario = this.scenario.load(target);
    this.epoch += 1;
    this.direct.length = 0;
    for (const w of scenario.failedWorkloads) this.visit(w);
    for (const p of scenario.pools) for (const tenant of model.pools[p]!.tenants) this.visit(tenant.w);
    for (const f of scenario.fleets) for (const w of model.s.fleetWorkloads[f]!) this.visit(w);
    this.changes.propagate(model.s, model.intact, this.direct, this.ownF);
    let traffic = 0;
    let newlyDown = 0;
    let newlyDegraded = 0;
    for (const w of this.changes.list) {
      const f = this.changes.f(w);
      traffic += model.weights[w]! * (f - model.intact.f[w]!);
      if (statusOf(f) === 'down') newlyDown += 1;
      else newlyDegraded += 1;
    }
    traffic = Math.max(0, Math.min(1, traffic));
    return {
      trafficByFailure: traffic,
      newlyDown,
      newlyDegraded,
      score: scoreOf(model, traffic, newlyDown, newlyDegraded),
    };
  }

  private visit(w: number): void {
    if (this.mark[w] === this.epoch) return;
    this.mark[w] = this.epoch;
    this.direct.push(w);
    const own = computeOwn(this.model, w, this.scenario, this.own);
    this.ownF[w] = own.f;
    this.ownCapacity[w] = own.capacity;
    this.ownAfter[w] = own.after;
  }
}

const evaluators = new WeakMap<CapacityModel, Evaluator>();

/** The evaluator of a capacity model, created once (evaluations are synchronous, so one buffer suffices). */
export function evaluatorFor(model: CapacityModel): Evaluator {
  let evaluator = evaluators.get(model);
  if (!evaluator) {
    evaluator = new Evaluator(model);
    evaluators.set(model, evaluator);
  }
  return evaluator;
}
