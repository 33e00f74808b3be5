// The whole design's blast radius: every failure domain scored and ranked, the single points of failure,
// and N+1 zone survivability per cluster. Each domain is evaluated locally (evaluate.ts), so the summary
// costs about (size of each domain's subtree + the callers it reaches), not domains x elements.
//
// Re-analysis after an edit is incremental. A domain's evaluation is a function of what it read, and it
// records that: its scenario (which workloads fail, which pools and fleets lose what), the pools it hits,
// and every workload it read, namely the ones it touches directly, the ones whose shortfall it raised and
// their callers (whose intact shortfall it compared against), and for a zone the workloads of the clusters
// spanning it (the N+1 check). For each of those workloads it read the workload's figures, the figures and
// tenants of the pools it may run on, its fleet, its shortfalls with nothing failed, its traffic weight and
// its callers (see link.ts, `dirtyWorkload`). The next document's summary reuses the evaluation when the
// scenario is the same, no hit pool changed and no workload read changed; anything else is evaluated
// again. Scores are recomputed from the reused figures (the workload total may have changed), the ranking
// is merged rather than re-sorted, and the single points of failure and N+1 reports are reused when their
// inputs are the same objects. The result equals a fresh analysis of the same document (property-tested
// against `structuredClone` copies, which share nothing and so get one).
//
// Only the last run per catalog is kept as the base of the next one, plus the runs of the last few
// documents (cache.ts), so an undo history never keeps its documents' tables alive.
import type { Catalog } from '../catalog/types';
import type { TopologyDocument } from '../model/schema';
import { compareStrings, plural } from '../util/text';
import type { CapacityModel } from './capacity';
import { capacityModel, survivingNodes } from './capacity';
import type { Evaluator } from './evaluate';
import { SCORE_FORMULA, TRAFFIC_DEFINITION, evaluatorFor, scoreOf, statusOf } from './evaluate';
import type { IndexMap, ModelLink } from './link';
import { ScenarioComparer, linkModels, mapped } from './link';
import type { Structure } from './structure';
import { structureOf } from './structure';
import { pct, round } from './text';
import type {
  BlastSummary,
  ClusterSurvivability,
  DomainScore,
  SinglePointOfFailure,
  SpofRule,
  ZoneLossWorkload,
} from './types';

const WORST_LIMIT = 5;
const EPSILON = 1e-9;

/** How one zone's loss hurts one cluster spanning it (see clusterSurvivability). */
interface ZoneObservation {
  /** The zone's and the cluster's indexes. */
  readonly z: number;
  readonly c: number;
  /** Workloads short of baseline, short of burst, and minus the lowest capacity / burst ratio. */
  readonly harm: readonly [number, number, number];
  /**
   * Per workload of the cluster (in the cluster's order), own capacity after the loss and whether it runs
   * (1 or 0): figures[at + 2i] and figures[at + 2i + 1]. One array holds every cluster of the zone.
   */
  readonly figures: Float64Array;
  readonly at: number;
}

/**
 * Every domain of a run evaluated, side by side (indexes into the run's structure): its figures, and what it
 * read, as segments of two shared buffers so that a run allocates a handful of arrays, not one per domain.
 */
interface Evaluations {
  /** User traffic the failure adds, 0-1 (unrounded). */
  readonly traffic: Float64Array;
  readonly newlyDown: Int32Array;
  readonly newlyDegraded: Int32Array;
  readonly elementsFailed: Int32Array;
  readonly worst: readonly (readonly string[])[];
  /** For a zone: each cluster spanning it, in the zone's cluster order. */
  readonly zone: readonly (readonly ZoneObservation[] | undefined)[];
  /** Every workload whose figures domain d read: reads[readStart[d] .. readStart[d + 1]). */
  readonly reads: Int32Array;
  readonly readStart: Int32Array;
  /** The pools domain d's scenario hits (their tenants are the workloads it touches), likewise. */
  readonly pools: Int32Array;
  readonly poolStart: Int32Array;
}

/** The summary of one model, with what the next summary may reuse. */
interface Run {
  readonly model: CapacityModel;
  readonly evals: Evaluations;
  /** Per domain, in structure order. */
  readonly scores: readonly DomainScore[];
  /** Per cluster: the zone observation that decided its N+1 report, and the report. */
  readonly worstZone: readonly (ZoneObservation | undefined)[];
  readonly reports: readonly ClusterSurvivability[];
  readonly summary: BlastSummary;
}

const runs = new WeakMap<CapacityModel, Run>();
const lastRuns = new WeakMap<Catalog, Run>();
let lastWithoutCatalog: Run | undefined;

/** Every failure domain scored worst first, the single points of failure and N+1 zone survivability per cluster. */
export function summarizeBlastRadius(doc: TopologyDocument, catalog?: Catalog): BlastSummary {
  const model = capacityModel(structureOf(doc), catalog);
  let run = runs.get(model);
  if (!run) {
    const last = catalog ? lastRuns.get(catalog) : lastWithoutCatalog;
    run = buildRun(model, last && last.model !== model ? linkModels(last.model, model) : undefined, last);
    runs.set(model, run);
  }
  if (catalog) lastRuns.set(catalog, run);
  else lastWithoutCatalog = run;
  return run.summary;
}

/**
 * A growing list of 32-bit integers. Ranges appended from another list are copied lazily, so that the
 * segments of consecutive reused domains (contiguous in the previous run's list) are copied in one go.
 */
class IntList {
  private data: Int32Array;
  private filled = 0;
  private source: Int32Array | undefined;
  private sourceFrom = 0;
  private sourceTo = 0;
  private sourceMap: IndexMap;

  /** `capacity`: the expected length (the previous run's), allocated on first use to avoid growing. */
  constructor(private readonly capacity: number) {
    this.data = new Int32Array(0);
  }

  /** Length, pending copies included. */
  get length(): number {
    return this.filled + this.sourceTo - this.sourceFrom;
  }

  push(value: number): void {
    if (this.source) this.flush();
    if (this.filled === this.data.length) this.grow(1);
    this.data[this.filled++] = value;
  }

  /** Appends source[from .. to), each through `map` when given. */
  append(source: Int32Array, from: number, to: number, map: IndexMap): void {
    if (this.source === source && this.sourceMap === map && this.sourceTo === from) {
      this.sourceTo = to;
      return;
    }
    if (this.source) this.flush();
    this.source = source;
    this.sourceFrom = from;
    this.sourceTo = to;
    this.sourceMap = map;
  }

  done(): Int32Array {
    const source = this.source;
    // Every segment carried over unchanged, in order: the previous list is the new one.
    if (
      source &&
      this.filled === 0 &&
      !this.sourceMap &&
      this.sourceFrom === 0 &&
      this.sourceTo === source.length
    )
      return source;
    if (source) this.flush();
    return this.filled === this.data.length ? this.data : this.data.slice(0, this.filled);
  }

  private flush(): void {
    const { source, sourceFrom: from, sourceTo: to, sourceMap: map } = this;
    this.source = undefined;
    this.sourceFrom = 0;
    this.sourceTo = 0;
    const count = to - from;
    if (this.filled + count > this.data.length) this.grow(count);
    const data = this.data;
    if (!map) data.set(source!.subarray(from, to), this.filled);
    else for (let i = 0; i < count; i++) data[this.filled + i] = map[source![from + i]!]!;
    this.filled += count;
  }

  private grow(extra: number): void {
    let size = Math.max(this.data.length * 2, this.capacity, 1024);
    while (size < this.filled + extra) size *= 2;
    const next = new Int32Array(size);
    next.set(this.data.subarray(0, this.filled));
    this.data = next;
  }
}

/** Builds a run's evaluations domain by domain: reused from the previous run, or evaluated. */
class EvaluationsBuilder {
  readonly traffic: Float64Array;
  readonly newlyDown: Int32Array;
  readonly newlyDegraded: Int32Array;
  readonly elementsFailed: Int32Array;
  readonly worst: (readonly string[])[];
  readonly zone: (readonly ZoneObservation[] | undefined)[];
  private readonly reads: IntList;
  private readonly readStart: Int32Array;
  private readonly pools: IntList;
  private readonly poolStart: Int32Array;
  private evaluator: Evaluator | undefined;
  private marks: Int32Array | undefined;
  private epoch = 0;

  constructor(
    private readonly model: CapacityModel,
    previous: Evaluations | undefined,
  ) {
    const count = model.s.domains.length;
    this.reads = new IntList(previous?.reads.length ?? 0);
    this.pools = new IntList(previous?.pools.length ?? 0);
    this.traffic = new Float64Array(count);
    this.newlyDown = new Int32Array(count);
    this.newlyDegraded = new Int32Array(count);
    this.elementsFailed = new Int32Array(count);
    this.worst = new Array<readonly string[]>(count);
    this.zone = new Array<readonly ZoneObservation[] | undefined>(count);
    this.readStart = new Int32Array(count + 1);
    this.poolStart = new Int32Array(count + 1);
  }

  /**
   * Carries over the previous evaluation of domain d (d0 in the previous run) when nothing it read changed:
   * the same scenario, no hit pool changed, no workload read changed. False when it must be evaluated.
   */
  reuse(d: number, link: ModelLink, before: Evaluations, d0: number, comparer?: ScenarioComparer): boolean {
    const { dirtyWorkload, dirtyPool, poolTo, workloadTo } = link;
    const poolsFrom = before.poolStart[d0]!;
    const poolsTo = before.poolStart[d0 + 1]!;
    for (let i = poolsFrom; i < poolsTo; i++) {
      const p = poolTo ? poolTo[before.pools[i]!]! : before.pools[i]!;
      if (p < 0 || dirtyPool[p]) return false;
    }
    const readsFrom = before.readStart[d0]!;
    const readsTo = before.readStart[d0 + 1]!;
    for (let i = readsFrom; i < readsTo; i++) {
      const w = workloadTo ? workloadTo[before.reads[i]!]! : before.reads[i]!;
      if (w < 0 || dirtyWorkload[w]) return false;
    }
    if (comparer && !comparer.same(d0, d)) return false;
    this.traffic[d] = before.traffic[d0]!;
    this.newlyDown[d] = before.newlyDown[d0]!;
    this.newlyDegraded[d] = before.newlyDegraded[d0]!;
    this.elementsFailed[d] = before.elementsFailed[d0]!;
    this.worst[d] = before.worst[d0]!;
    const zone = before.zone[d0];
    this.zone[d] =
      zone && (link.zoneTo || link.clusterTo)
        ? zone.map((o) => ({ ...o, z: mapped(link.zoneTo, o.z), c: mapped(link.clusterTo, o.c) }))
        : zone;
    this.reads.append(before.reads, readsFrom, readsTo, workloadTo);
    this.readStart[d + 1] = this.reads.length;
    this.pools.append(before.pools, poolsFrom, poolsTo, poolTo);
    this.poolStart[d + 1] = this.pools.length;
    return true;
  }

  /** Evaluates domain d and records what it read. */
  evaluate(d: number): void {
    const model = this.model;
    const s = model.s;
    const evaluator = (this.evaluator ??= evaluatorFor(model));
    const marks = (this.marks ??= new Int32Array(s.workloads.length));
    const epoch = ++this.epoch;
    const reads = this.reads;
    const read = (w: number) => {
      if (marks[w] === epoch) return;
      marks[w] = epoch;
      reads.push(w);
    };
    const target = s.domainTargets[d]!;
    const figures = evaluator.run(target);
    const scenario = evaluator.scenario;
    const changes = evaluator.changes;
    for (const w of evaluator.direct) read(w);
    for (const w of changes.list) {
      read(w);
      for (let e = s.callerStart[w]!; e < s.callerStart[w + 1]!; e++) read(s.callerIds[e]!);
    }
    if (target.kind === 'zone') {
      this.zone[d] = observeZone(s, model, evaluator, target.index);
      for (const c of s.zoneClusters[target.index]!) for (const w of s.clusterWorkloads[c]!) read(w);
    }
    this.readStart[d + 1] = reads.length;
    for (const p of scenario.pools) this.pools.push(p);
    this.poolStart[d + 1] = this.pools.length;
    this.traffic[d] = figures.trafficByFailure;
    this.newlyDown[d] = figures.newlyDown;
    this.newlyDegraded[d] = figures.newlyDegraded;
    this.elementsFailed[d] = scenario.failedIndexes.length + scenario.failedWorkloads.length;
    this.worst[d] = worstOf(s, model, evaluator);
  }

  done(): Evaluations {
    return {
      traffic: this.traffic,
      newlyDown: this.newlyDown,
      newlyDegraded: this.newlyDegraded,
      elementsFailed: this.elementsFailed,
      worst: this.worst,
      zone: this.zone,
      reads: this.reads.done(),
      readStart: this.readStart,
      pools: this.pools.done(),
      poolStart: this.poolStart,
    };
  }
}

function buildRun(model: CapacityModel, link: ModelLink | undefined, last: Run | undefined): Run {
  const s = model.s;
  const previous = link ? last : undefined;
  const comparer = link && !link.sharedTables ? new ScenarioComparer(link) : undefined;
  const builder = new EvaluationsBuilder(model, previous?.evals);
  const scores: DomainScore[] = new Array<DomainScore>(s.domains.length);
  const kept = previous ? new Uint8Array(previous.scores.length) : undefined;
  const fresh: DomainScore[] = [];
  for (let d = 0; d < s.domains.length; d++) {
    const d0 = link ? (link.domainFrom ? link.domainFrom[d]! : d) : -1;
    if (!(d0 >= 0 && builder.reuse(d, link!, previous!.evals, d0, comparer))) builder.evaluate(d);
    const traffic = builder.traffic[d]!;
    const newlyDown = builder.newlyDown[d]!;
    const newlyDegraded = builder.newlyDegraded[d]!;
    const elementsFailed = builder.elementsFailed[d]!;
    const worst = builder.worst[d]!;
    const score = scoreOf(model, traffic, newlyDown, newlyDegraded);
    const userTrafficAffected = round(traffic, 6);
    const before = d0 >= 0 ? previous!.scores[d0]! : undefined;
    if (
      before &&
      before.domain === s.domains[d] &&
      Object.is(before.score, score) &&
      Object.is(before.userTrafficAffected, userTrafficAffected) &&
      before.newlyDown === newlyDown &&
      before.newlyDegraded === newlyDegraded &&
      before.elementsFailed === elementsFailed &&
      (before.worstWorkloads === worst ||
        (before.worstWorkloads.length === worst.length &&
          before.worstWorkloads.every((id, i) => id === worst[i])))
    ) {
      scores[d] = before;
      kept![d0] = 1;
    } else {
      const entry: DomainScore = {
        domain: s.domains[d]!,
        score,
        userTrafficAffected,
        newlyDown,
        newlyDegraded,
        elementsFailed,
        worstWorkloads: worst,
      };
      scores[d] = entry;
      fresh.push(entry);
    }
  }
  const evals = builder.done();
  const intact =
    previous && link!.sharedTables && sameIntactInputs(previous.model, model)
      ? previous.summary.intact
      : intactSummary(model);

  const worstZone = worstZones(s, evals);
  const reports = s.clusters.map((_, c) =>
    previous && link!.sharedTables && sameReportInputs(link!, previous, worstZone, c)
      ? previous.reports[c]!
      : clusterSurvivability(s, model, c, worstZone[c]),
  );
  const summary: BlastSummary = {
    domains: ranked(s, scores, previous && { run: previous, kept: kept!, fresh }),
    singlePointsOfFailure:
      previous && link!.sharedTables && sameSpofInputs(link!)
        ? previous.summary.singlePointsOfFailure
        : singlePointsOfFailure(s, model),
    zoneSurvivability: reports,
    intact,
    scoreFormula: SCORE_FORMULA,
    trafficDefinition: TRAFFIC_DEFINITION,
  };
  return {
    model,
    evals,
    scores,
    worstZone,
    reports,
    summary: previous && sameSummary(previous, summary) ? previous.summary : summary,
  };
}

/** The design with nothing failed. */
function intactSummary(model: CapacityModel): BlastSummary['intact'] {
  const notCarryingBurst: string[] = [];
  const down: string[] = [];
  model.s.workloads.forEach((workload, w) => {
    const capacity = model.intactCapacity[w]!;
    if (capacity < model.workloads[w]!.burst - EPSILON || model.intactAfter[w] === 0)
      notCarryingBurst.push(workload.id);
    if (statusOf(model.intact.f[w]!) === 'down') down.push(workload.id);
  });
  return { userTrafficAffected: round(model.trafficIntact, 6), notCarryingBurst, down };
}

/** Whether the intact summary has the same inputs (same workloads, in the same places: tables shared). */
function sameIntactInputs(before: CapacityModel, after: CapacityModel): boolean {
  return (
    before.workloads === after.workloads &&
    before.intactCapacity === after.intactCapacity &&
    before.intactAfter === after.intactAfter &&
    before.intact === after.intact &&
    Object.is(before.trafficIntact, after.trafficIntact)
  );
}

/** Whether a summary holds the previous one's parts (an edit that changed nothing the analysis reads). */
function sameSummary(previous: Run, summary: BlastSummary): boolean {
  const before = previous.summary;
  const sameIds = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((id, i) => id === b[i]);
  return (
    summary.domains === before.domains &&
    summary.singlePointsOfFailure === before.singlePointsOfFailure &&
    summary.zoneSurvivability.length === before.zoneSurvivability.length &&
    summary.zoneSurvivability.every((report, c) => report === before.zoneSurvivability[c]) &&
    (summary.intact === before.intact ||
      (Object.is(summary.intact.userTrafficAffected, before.intact.userTrafficAffected) &&
        sameIds(summary.intact.notCarryingBurst, before.intact.notCarryingBurst) &&
        sameIds(summary.intact.down, before.intact.down)))
  );
}

/** Worst score first, ties by domain id. */
const byScore = (a: DomainScore, b: DomainScore) =>
  b.score - a.score || compareStrings(a.domain.id, b.domain.id);

/**
 * The domains ranked. After an edit, the previous ranking minus the scores that changed, merged with the
 * changed ones: the same order a full sort gives, since the order is total (scores are numbers and domain
 * ids unique; otherwise this falls back to the full sort, which is what a fresh run does).
 */
function ranked(
  s: Structure,
  scores: readonly DomainScore[],
  change: { readonly run: Run; readonly kept: Uint8Array; readonly fresh: DomainScore[] } | undefined,
): readonly DomainScore[] {
  const total = s.domainIdx.size === scores.length && scores.every((entry) => !Number.isNaN(entry.score));
  if (!change || !total) return [...scores].sort(byScore);
  const { run, kept, fresh } = change;
  const gone = new Set<DomainScore>();
  run.scores.forEach((entry, d0) => {
    if (!kept[d0]) gone.add(entry);
  });
  const old = run.summary.domains;
  if (fresh.length === 0 && gone.size === 0) return old;
  fresh.sort(byScore);
  const out: DomainScore[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < fresh.length) {
    if (i < old.length && gone.has(old[i]!)) {
      i += 1;
      continue;
    }
    if (j >= fresh.length || (i < old.length && byScore(old[i]!, fresh[j]!) <= 0)) out.push(old[i++]!);
    else out.push(fresh[j++]!);
  }
  return out;
}

/** The workloads a domain hurts most: largest shortfall added, then id; a bounded selection, not a sort. */
function worstOf(s: Structure, model: CapacityModel, evaluator: Evaluator): readonly string[] {
  const changes = evaluator.changes;
  const best: { w: number; added: number }[] = [];
  const worse = (a: { w: number; added: number }, b: { w: number; added: number }) =>
    a.added > b.added ||
    (a.added === b.added && compareStrings(s.workloads[a.w]!.id, s.workloads[b.w]!.id) < 0);
  for (const w of changes.list) {
    const entry = { w, added: changes.f(w) - model.intact.f[w]! };
    if (best.length === WORST_LIMIT && !worse(entry, best[WORST_LIMIT - 1]!)) continue;
    let at = Math.min(best.length, WORST_LIMIT - 1);
    if (best.length < WORST_LIMIT) best.push(entry);
    else best[at] = entry;
    while (at > 0 && worse(best[at]!, best[at - 1]!)) {
      [best[at], best[at - 1]] = [best[at - 1]!, best[at]!];
      at -= 1;
    }
  }
  return best.length === 0 ? NONE : best.map((entry) => s.workloads[entry.w]!.id);
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * For every cluster spanning zone z, how badly the zone's loss hurts its workloads' own capacity, while the
 * evaluator still holds the zone. Harm: workloads short of baseline, then short of burst, then the lowest
 * capacity / burst ratio.
 */
function observeZone(s: Structure, model: CapacityModel, evaluator: Evaluator, z: number): ZoneObservation[] {
  const clusters = s.zoneClusters[z]!;
  let size = 0;
  for (const c of clusters) size += 2 * s.clusterWorkloads[c]!.length;
  const figures = new Float64Array(size);
  let at = 0;
  return clusters.map((c) => {
    let shortOfBaseline = 0;
    let shortOfBurst = 0;
    let minRatio = Infinity;
    const start = at;
    for (const w of s.clusterWorkloads[c]!) {
      const wm = model.workloads[w]!;
      const direct = evaluator.isDirect(w);
      const capacity = direct ? evaluator.ownCapacity[w]! : model.intactCapacity[w]!;
      const runs = (direct ? evaluator.ownAfter[w]! : model.intactAfter[w]!) > 0;
      if (!runs || capacity < wm.baseline - EPSILON) shortOfBaseline += 1;
      if (!runs || capacity < wm.burst - EPSILON) shortOfBurst += 1;
      minRatio = Math.min(minRatio, wm.burst > 0 ? capacity / wm.burst : 1);
      figures[at++] = capacity;
      figures[at++] = runs ? 1 : 0;
    }
    return { z, c, harm: [shortOfBaseline, shortOfBurst, -minRatio], figures, at: start };
  });
}

/** The N+1 rows of cluster c from an observation of it. */
function zoneLossRows(s: Structure, model: CapacityModel, c: number, o: ZoneObservation): ZoneLossWorkload[] {
  return s.clusterWorkloads[c]!.map((w, i) => {
    const wm = model.workloads[w]!;
    const capacity = o.figures[o.at + 2 * i]!;
    const runs = o.figures[o.at + 2 * i + 1] === 1;
    return {
      workloadId: s.workloads[w]!.id,
      unit: wm.unit,
      capacity,
      baseline: wm.baseline,
      burst: wm.burst,
      carriesBaseline: runs && capacity >= wm.baseline - EPSILON,
      carriesBurst: runs && capacity >= wm.burst - EPSILON,
    };
  });
}

/**
 * Per cluster, the zone whose loss hurts it most: the zone domains in order (zone id order), a later zone
 * replacing the current one only when strictly worse, so ties keep the first zone by id.
 */
function worstZones(s: Structure, evals: Evaluations): (ZoneObservation | undefined)[] {
  const worst = new Array<ZoneObservation | undefined>(s.clusters.length);
  s.domainTargets.forEach((target, d) => {
    if (target.kind !== 'zone') return;
    for (const o of evals.zone[d]!) {
      const current = worst[o.c];
      if (!current) {
        worst[o.c] = o;
        continue;
      }
      const diff = o.harm[0] - current.harm[0] || o.harm[1] - current.harm[1] || o.harm[2] - current.harm[2];
      if (diff > 0) worst[o.c] = o;
    }
  });
  return worst;
}

/** Whether cluster c's N+1 report has the same inputs as in the previous run (tables shared). */
function sameReportInputs(
  link: ModelLink,
  previous: Run,
  worstZone: readonly (ZoneObservation | undefined)[],
  c: number,
): boolean {
  const { before, after } = link;
  if (worstZone[c] !== previous.worstZone[c] || before.s.clusters[c] !== after.s.clusters[c]) return false;
  for (const z of after.s.clusterZones[c]!) if (before.s.zones[z] !== after.s.zones[z]) return false;
  for (const p of after.s.clusterPools[c]!) if (before.pools[p] !== after.pools[p]) return false;
  return true;
}

/** N+1 verdict of cluster c: after losing its worst zone, what still carries? */
function clusterSurvivability(
  s: Structure,
  model: CapacityModel,
  c: number,
  worst: ZoneObservation | undefined,
): ClusterSurvivability {
  const cluster = s.clusters[c]!;
  const zoneIds = s.clusterZones[c]!.map((z) => s.zones[z]!.id).sort(compareStrings);
  const z = worst ? worst.z : -1;
  if (z < 0 || !worst) {
    return {
      clusterId: cluster.id,
      zoneIds,
      worstZoneId: null,
      nodeShareLeft: 0,
      carriesBaseline: s.clusterWorkloads[c]!.length === 0,
      carriesBurst: s.clusterWorkloads[c]!.length === 0,
      workloads: [],
      message: `Cluster ${cluster.id} lists no known zones.`,
    };
  }
  const rows = zoneLossRows(s, model, c, worst);
  const maxNodes = s.clusterPools[c]!.reduce((sum, p) => sum + model.pools[p]!.maxNodes, 0);
  const nodeShareLeft = maxNodes > 0 ? nodesLeftAfter(s, model, c, z) / maxNodes : 0;
  const carriesBaseline = rows.every((r) => r.carriesBaseline);
  const carriesBurst = rows.every((r) => r.carriesBurst);
  const short = (pick: (r: ZoneLossWorkload) => boolean) =>
    rows.filter((r) => !pick(r)).map((r) => r.workloadId);
  const noBurst = short((r) => r.carriesBurst);
  const noBaseline = short((r) => r.carriesBaseline);
  const verdict =
    rows.length === 0
      ? 'it runs no workloads.'
      : carriesBurst
        ? 'every workload still carries its burst.'
        : carriesBaseline
          ? `every workload carries its baseline; ${plural(noBurst.length, 'workload')} not its burst: ${noBurst.join(', ')}.`
          : `${plural(noBaseline.length, 'workload')} not even its baseline: ${noBaseline.join(', ')}.`;
  return {
    clusterId: cluster.id,
    zoneIds,
    worstZoneId: s.zones[z]!.id,
    nodeShareLeft: round(nodeShareLeft, 6),
    carriesBaseline,
    carriesBurst,
    workloads: rows,
    message: `Losing ${s.zones[z]!.zoneName} leaves ${pct(nodeShareLeft)} of the cluster's maximum nodes; ${verdict}`,
  };
}

/** Maximum nodes of a cluster's pools left after losing one zone. */
function nodesLeftAfter(s: Structure, model: CapacityModel, c: number, z: number): number {
  let nodes = 0;
  const single = s.clusterZones[c]!.length === 1;
  for (const p of s.clusterPools[c]!) {
    const zones = s.poolZones[p]!;
    if (single) continue;
    if (!zones.includes(z)) nodes += model.pools[p]!.maxNodes;
    else if (zones.length > 1) nodes += survivingNodes(model.pools[p]!, 1, 0, false);
  }
  return nodes;
}

/** Zones a workload's replicas can be in when that is exactly one zone, else -1 (none, or several). */
function singleZone(s: Structure, model: CapacityModel, w: number): number {
  const f = s.workloadFleet[w]!;
  const lists = f >= 0 ? [s.fleetZones[f]!] : model.workloads[w]!.placement.map((p) => s.poolZones[p.pool]!);
  let zone = -1;
  for (const zones of lists) {
    for (const z of zones) {
      if (zone === -1) zone = z;
      else if (z !== zone) return -1;
    }
  }
  return zone;
}

/**
 * Whether the single points of failure have the same inputs as in the previous run (tables shared): zones
 * (names), clusters' NAT gateways, workloads' ceilings and placements, hard dependency edges.
 */
function sameSpofInputs(link: ModelLink): boolean {
  const { before, after } = link;
  const s0 = before.s;
  const s1 = after.s;
  if (s0.zones !== s1.zones && s1.zones.some((zone, z) => zone !== s0.zones[z])) return false;
  if (
    s0.clusters !== s1.clusters &&
    s1.clusters.some((cluster, c) => cluster.natGateways !== s0.clusters[c]!.natGateways)
  )
    return false;
  if (
    s0.callerIds !== s1.callerIds &&
    (s0.callerIds.length !== s1.callerIds.length ||
      s0.callerIds.some((id, e) => id !== s1.callerIds[e]) ||
      s0.callerHard.some((hard, e) => hard !== s1.callerHard[e]) ||
      s0.callerStart.some((start, w) => start !== s1.callerStart[w]))
  )
    return false;
  if (before.workloads === after.workloads) return true;
  return after.workloads.every((wm, w) => {
    const old = before.workloads[w]!;
    return (
      wm === old ||
      (wm.ceilingKind === old.ceilingKind &&
        wm.ceiling === old.ceiling &&
        wm.placement.length === old.placement.length &&
        wm.placement.every((p, i) => p.pool === old.placement[i]!.pool))
    );
  });
}

const RULE_RANK: Readonly<Record<SpofRule, number>> = {
  'cluster-single-zone': 0,
  'single-nat-gateway': 1,
  'pool-single-zone': 2,
  'fleet-single-zone': 3,
  'workload-single-zone': 4,
  'workload-single-replica': 5,
  'hard-dependency-on-spof': 6,
};

/**
 * Single points of failure: a cluster, pool or fleet in one zone; a multi-zone cluster behind one NAT gateway;
 * a workload whose replicas can only be in one zone or that runs one replica; and, inherited along hard
 * dependencies, a workload that hard-depends (directly or through others) on a workload with one of those.
 */
function singlePointsOfFailure(s: Structure, model: CapacityModel): SinglePointOfFailure[] {
  const out: SinglePointOfFailure[] = [];
  const zoneName = (z: number) => s.zones[z]!.zoneName;
  s.clusters.forEach((cluster, c) => {
    const zones = s.clusterZones[c]!;
    if (zones.length === 1) {
      out.push({
        elementId: cluster.id,
        kind: 'cluster',
        rule: 'cluster-single-zone',
        zoneId: s.zones[zones[0]!]!.id,
        message: `Cluster ${cluster.id} runs in one zone (${zoneName(zones[0]!)}): losing it loses the cluster.`,
      });
    } else if (cluster.natGateways === 'single' && zones.length > 1) {
      out.push({
        elementId: cluster.id,
        kind: 'cluster',
        rule: 'single-nat-gateway',
        message: `Cluster ${cluster.id} spans ${zones.length} zones behind one NAT gateway: losing its zone cuts internet egress for all of them (use natGateways: per-az).`,
      });
    }
  });
  s.pools.forEach((pool, p) => {
    const zones = s.poolZones[p]!;
    if (zones.length !== 1) return;
    out.push({
      elementId: pool.id,
      kind: 'nodePool',
      rule: 'pool-single-zone',
      zoneId: s.zones[zones[0]!]!.id,
      message: `Node pool ${pool.id} places nodes in one zone (${zoneName(zones[0]!)}).`,
    });
  });
  s.fleets.forEach((fleet, f) => {
    const zones = s.fleetZones[f]!;
    if (zones.length !== 1) return;
    out.push({
      elementId: fleet.id,
      kind: 'fleet',
      rule: 'fleet-single-zone',
      zoneId: s.zones[zones[0]!]!.id,
      message: `Streaming fleet ${fleet.id} runs in one zone (${zoneName(zones[0]!)}).`,
    });
  });
  const own = new Uint8Array(s.workloads.length);
  s.workloads.forEach((workload, w) => {
    const wm = model.workloads[w]!;
    const zone = singleZone(s, model, w);
    if (zone >= 0) {
      own[w] = 1;
      out.push({
        elementId: workload.id,
        kind: 'workload',
        rule: 'workload-single-zone',
        zoneId: s.zones[zone]!.id,
        message: `Every replica of ${workload.id} runs in one zone (${zoneName(zone)}).`,
      });
    }
    if ((wm.ceilingKind === 'fixed' || wm.ceilingKind === 'hpa-max') && wm.ceiling === 1) {
      own[w] = 1;
      out.push({
        elementId: workload.id,
        kind: 'workload',
        rule: 'workload-single-replica',
        message: `${workload.id} runs ${wm.ceilingKind === 'fixed' ? 'a fixed count of 1 replica' : 'at most 1 replica (HPA max 1)'}.`,
      });
    }
  });
  // Callers inherit along hard edges, breadth first so that each gets the shortest chain.
  const next = new Int32Array(s.workloads.length).fill(-1);
  const seen = Uint8Array.from(own);
  const queue: number[] = [];
  for (let w = 0; w < s.workloads.length; w++) if (own[w]) queue.push(w);
  for (let head = 0; head < queue.length; head++) {
    const w = queue[head]!;
    for (let e = s.callerStart[w]!; e < s.callerStart[w + 1]!; e++) {
      const caller = s.callerIds[e]!;
      if (!s.callerHard[e] || seen[caller]) continue;
      seen[caller] = 1;
      next[caller] = w;
      queue.push(caller);
    }
  }
  for (let w = 0; w < s.workloads.length; w++) {
    if (next[w]! < 0) continue;
    const via: string[] = [];
    for (let at = next[w]!; at >= 0; at = next[at]!) via.push(s.workloads[at]!.id);
    out.push({
      elementId: s.workloads[w]!.id,
      kind: 'workload',
      rule: 'hard-dependency-on-spof',
      via,
      message: `${s.workloads[w]!.id} hard-depends on ${via.join(' -> ')}, which has a single point of failure.`,
    });
  }
  return out.sort(
    (a, b) => compareStrings(a.elementId, b.elementId) || RULE_RANK[a.rule] - RULE_RANK[b.rule],
  );
}
