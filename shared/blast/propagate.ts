// How a workload's trouble reaches its callers. Every workload has a shortfall f in [0, 1]: the share of
// its burst demand it does not serve (1 = down). Along a dependency edge the caller gets:
//   hard: f(callee)          a call that needs the callee fails as often as the callee fails;
//   soft: 0.25 x f(callee)   the caller still answers, without that feature (e.g. catalog rows without
//                            personalisation); a missing feature counts a quarter as much as a failed request.
// A caller's shortfall is the largest of its own and its callees' contributions. Status follows from it:
// f = 1 down, 0 < f < 1 degraded, f = 0 ok. So a hard dependency on a down workload makes the caller down,
// on a degraded one degraded, and a soft dependency on either makes it degraded.
//
// Propagation is a max-fixpoint over reverse edges with a worklist. It terminates on cycles: a workload is
// revisited only when its shortfall strictly rises, and along any cycle the contributions never exceed the
// values that started them (hard edges copy, soft edges shrink), so each workload rises a bounded number of
// times. Comparisons are exact on purpose: x 0.25 is exact in binary floating point, so there is no noise to
// absorb, and callers at the end of a long soft chain stay degraded instead of being rounded to ok.
// The fixpoint is the least one, so it does not depend on the order of the worklist; nor does the callee
// named as the cause (the first dependency in document order among those giving the largest contribution).
// That is what lets an edit recompute only the workloads that call a changed one (updateIntact).
import type { Structure } from './structure';

/** A soft dependency passes on this share of the callee's shortfall. */
export const SOFT_DEPENDENCY_WEIGHT = 0.25;

/** Shortfalls with nothing failed, and for each workload the largest contribution of its callees. */
export interface IntactState {
  readonly f: Float64Array;
  /** The callee that set f, or -1 when f is the workload's own. */
  readonly via: Int32Array;
  readonly viaHard: Uint8Array;
  /** Largest contribution of any callee (a lower bound that stays valid under any failure). */
  readonly depF: Float64Array;
  readonly depVia: Int32Array;
  readonly depHard: Uint8Array;
}

/** Propagates own shortfalls through every dependency of the document. */
export function propagateIntact(s: Structure, own: Float64Array): IntactState {
  const n = own.length;
  const f = Float64Array.from(own);
  const queued = new Uint8Array(n);
  const queue: number[] = [];
  for (let w = 0; w < n; w++) {
    if (f[w]! > 0) {
      queue.push(w);
      queued[w] = 1;
    }
  }
  raise(s, f, queue, queued);
  const state: IntactState = {
    f,
    via: new Int32Array(n),
    viaHard: new Uint8Array(n),
    depF: new Float64Array(n),
    depVia: new Int32Array(n),
    depHard: new Uint8Array(n),
  };
  for (let w = 0; w < n; w++) explain(s, own, state, w);
  return state;
}

/**
 * The intact state after some workloads changed: `own` holds the new own shortfalls, `seeds` the workloads
 * whose own shortfall or callee edges changed. Only their cone (the seeds and every workload that calls one,
 * directly or not) is recomputed, from own shortfalls up; everything outside it keeps its state, since
 * nothing it depends on changed. The result equals `propagateIntact(s, own)` value for value: shortfalls
 * are the least fixpoint (unique, and exact in binary floating point), and `explain` picks contributors in
 * a fixed order.
 */
export function updateIntact(
  s: Structure,
  own: Float64Array,
  previous: IntactState,
  seeds: readonly number[],
): IntactState {
  if (seeds.length === 0) return previous;
  const n = own.length;
  const inCone = new Uint8Array(n);
  const cone: number[] = [];
  for (const w of seeds) {
    if (inCone[w]) continue;
    inCone[w] = 1;
    cone.push(w);
  }
  for (let head = 0; head < cone.length; head++) {
    const w = cone[head]!;
    for (let e = s.callerStart[w]!; e < s.callerStart[w + 1]!; e++) {
      const c = s.callerIds[e]!;
      if (inCone[c]) continue;
      inCone[c] = 1;
      cone.push(c);
    }
  }
  const f = previous.f.slice();
  // Callees outside the cone keep their shortfalls: they are the fixed boundary of the cone's fixpoint.
  for (const w of cone) {
    let value = own[w]!;
    for (let e = s.calleeStart[w]!; e < s.calleeStart[w + 1]!; e++) {
      const d = s.calleeIds[e]!;
      if (inCone[d]) continue;
      const contribution = s.calleeHard[e] ? f[d]! : SOFT_DEPENDENCY_WEIGHT * f[d]!;
      if (contribution > value) value = contribution;
    }
    f[w] = value;
  }
  const queued = new Uint8Array(n);
  const queue: number[] = [];
  for (const w of cone) {
    if (f[w]! > 0) {
      queue.push(w);
      queued[w] = 1;
    }
  }
  raise(s, f, queue, queued);
  const state: IntactState = {
    f,
    via: previous.via.slice(),
    viaHard: previous.viaHard.slice(),
    depF: previous.depF.slice(),
    depVia: previous.depVia.slice(),
    depHard: previous.depHard.slice(),
  };
  for (const w of cone) explain(s, own, state, w);
  return state;
}

/** Raises shortfalls along reverse edges from the queued workloads until nothing rises (the worklist fixpoint). */
function raise(s: Structure, f: Float64Array, queue: number[], queued: Uint8Array): void {
  for (let head = 0; head < queue.length; head++) {
    const w = queue[head]!;
    queued[w] = 0;
    for (let e = s.callerStart[w]!; e < s.callerStart[w + 1]!; e++) {
      const c = s.callerIds[e]!;
      const value = s.callerHard[e]! ? f[w]! : SOFT_DEPENDENCY_WEIGHT * f[w]!;
      if (value > f[c]!) {
        f[c] = value;
        if (!queued[c]) {
          queued[c] = 1;
          queue.push(c);
        }
      }
    }
  }
}

/**
 * The largest contribution of w's callees, once their shortfalls are final, and which callee gives it: the
 * first of w's dependencies in document order, so that ties never depend on the order of propagation.
 */
function explain(s: Structure, own: Float64Array, state: IntactState, w: number): void {
  const f = state.f;
  let best = 0;
  let bestVia = -1;
  let bestHard = 0;
  for (let e = s.calleeStart[w]!; e < s.calleeStart[w + 1]!; e++) {
    const d = s.calleeIds[e]!;
    const hard = s.calleeHard[e]!;
    const value = hard ? f[d]! : SOFT_DEPENDENCY_WEIGHT * f[d]!;
    if (value > best) {
      best = value;
      bestVia = d;
      bestHard = hard;
    }
  }
  state.depF[w] = best;
  state.depVia[w] = bestVia;
  state.depHard[w] = bestHard;
  const raised = best > own[w]!;
  state.via[w] = raised ? bestVia : -1;
  state.viaHard[w] = raised ? bestHard : 0;
}

/**
 * Shortfalls a failure raised, stamped with an epoch so one buffer serves domain after domain without
 * clearing or allocating.
 */
export class ChangeSet {
  /** Workloads whose shortfall rose, in the order they first rose. */
  readonly list: number[] = [];
  private epoch = 0;
  private readonly mark: Int32Array;
  private readonly value: Float64Array;
  private readonly viaOf: Int32Array;
  private readonly hardOf: Uint8Array;
  private readonly queue: number[] = [];

  constructor(size: number) {
    this.mark = new Int32Array(size);
    this.value = new Float64Array(size);
    this.viaOf = new Int32Array(size);
    this.hardOf = new Uint8Array(size);
  }

  /** Whether the failure raised this workload's shortfall. */
  has(w: number): boolean {
    return this.mark[w] === this.epoch;
  }

  /** The raised shortfall (only where `has`). */
  f(w: number): number {
    return this.value[w]!;
  }

  /** The callee that set it, or -1 for its own (only where `has`). */
  via(w: number): number {
    return this.viaOf[w]!;
  }

  /** Whether the edge from `via` is hard (only where `has`). */
  hard(w: number): boolean {
    return this.hardOf[w] === 1;
  }

  private set(w: number, f: number, via: number, hard: boolean): void {
    if (this.mark[w] !== this.epoch) {
      this.mark[w] = this.epoch;
      this.list.push(w);
    }
    this.value[w] = f;
    this.viaOf[w] = via;
    this.hardOf[w] = hard ? 1 : 0;
  }

  /**
   * Raises shortfalls from the directly touched workloads (with their new own shortfalls) along reverse
   * edges only: a failure touches its subtree and the callers that depend on it, never the rest.
   */
  propagate(s: Structure, intact: IntactState, direct: readonly number[], ownF: Float64Array): void {
    this.epoch += 1;
    this.list.length = 0;
    const queue = this.queue;
    queue.length = 0;
    for (const w of direct) {
      let f = ownF[w]!;
      let via = -1;
      let hard = false;
      if (intact.depF[w]! > f) {
        f = intact.depF[w]!;
        via = intact.depVia[w]!;
        hard = intact.depHard[w] === 1;
      }
      if (f > intact.f[w]!) {
        this.set(w, f, via, hard);
        queue.push(w);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const w = queue[head]!;
      const fw = this.value[w]!;
      for (let e = s.callerStart[w]!; e < s.callerStart[w + 1]!; e++) {
        const c = s.callerIds[e]!;
        const hard = s.callerHard[e] === 1;
        const value = hard ? fw : SOFT_DEPENDENCY_WEIGHT * fw;
        const current = this.mark[c] === this.epoch ? this.value[c]! : intact.f[c]!;
        if (value > current) {
          this.set(c, value, w, hard);
          queue.push(c);
        }
      }
    }
  }
}
