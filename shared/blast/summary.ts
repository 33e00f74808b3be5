// The whole design's blast radius: every failure domain scored and ranked, the single points of failure,
// and N+1 zone survivability per cluster. Each domain is evaluated locally (evaluate.ts), so the summary
// costs about (size of each domain's subtree + the callers it reaches), not domains x elements.
import type { Catalog } from '../catalog/types';
import type { TopologyDocument } from '../model/schema';
import { compareStrings, plural } from '../util/text';
import type { CapacityModel } from './capacity';
import { capacityModel, survivingNodes } from './capacity';
import type { Evaluator } from './evaluate';
import { SCORE_FORMULA, TRAFFIC_DEFINITION, evaluatorFor, statusOf } from './evaluate';
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

const summaryCache = new WeakMap<Structure, Map<Catalog | null, BlastSummary>>();

/** Every failure domain scored worst first, the single points of failure and N+1 zone survivability per cluster. */
export function summarizeBlastRadius(doc: TopologyDocument, catalog?: Catalog): BlastSummary {
  const s = structureOf(doc);
  let byCatalog = summaryCache.get(s);
  if (!byCatalog) {
    byCatalog = new Map();
    summaryCache.set(s, byCatalog);
  }
  const cached = byCatalog.get(catalog ?? null);
  if (cached) return cached;
  const summary = buildSummary(s, capacityModel(s, catalog));
  byCatalog.set(catalog ?? null, summary);
  return summary;
}

function buildSummary(s: Structure, model: CapacityModel): BlastSummary {
  const evaluator = evaluatorFor(model);
  const zoneLoss = new ZoneLossTracker(s, model);
  const scores: DomainScore[] = s.domains.map((domain, i) => {
    const target = s.domainTargets[i]!;
    const figures = evaluator.run(target);
    if (target.kind === 'zone') zoneLoss.observe(target.index, evaluator);
    const scenario = evaluator.scenario;
    return {
      domain,
      score: figures.score,
      userTrafficAffected: round(figures.trafficByFailure, 6),
      newlyDown: figures.newlyDown,
      newlyDegraded: figures.newlyDegraded,
      elementsFailed: scenario.failedIndexes.length + scenario.failedWorkloads.length,
      worstWorkloads: worstOf(s, model, evaluator),
    };
  });
  scores.sort((a, b) => b.score - a.score || compareStrings(a.domain.id, b.domain.id));

  const notCarryingBurst: string[] = [];
  const down: string[] = [];
  s.workloads.forEach((workload, w) => {
    const capacity = model.intactCapacity[w]!;
    if (capacity < model.workloads[w]!.burst - EPSILON || model.intactAfter[w] === 0)
      notCarryingBurst.push(workload.id);
    if (statusOf(model.intact.f[w]!) === 'down') down.push(workload.id);
  });

  return {
    domains: scores,
    singlePointsOfFailure: singlePointsOfFailure(s, model),
    zoneSurvivability: s.clusters.map((_, c) => zoneLoss.report(c)),
    intact: { userTrafficAffected: round(model.trafficIntact, 6), notCarryingBurst, down },
    scoreFormula: SCORE_FORMULA,
    trafficDefinition: TRAFFIC_DEFINITION,
  };
}

/** The workloads a domain hurts most: largest shortfall added, then id; a bounded selection, not a sort. */
function worstOf(s: Structure, model: CapacityModel, evaluator: Evaluator): string[] {
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
  return best.map((entry) => s.workloads[entry.w]!.id);
}

/** Zones a workload's replicas can be in: its pools' zones, or its fleet's. */
function workloadZones(s: Structure, model: CapacityModel, w: number): number[] {
  const f = s.workloadFleet[w]!;
  if (f >= 0) return [...s.fleetZones[f]!];
  const zones = new Set<number>();
  for (const placement of model.workloads[w]!.placement)
    for (const z of s.poolZones[placement.pool]!) zones.add(z);
  return [...zones];
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
    const zones = workloadZones(s, model, w);
    if (zones.length === 1) {
      own[w] = 1;
      out.push({
        elementId: workload.id,
        kind: 'workload',
        rule: 'workload-single-zone',
        zoneId: s.zones[zones[0]!]!.id,
        message: `Every replica of ${workload.id} runs in one zone (${zoneName(zones[0]!)}).`,
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

/**
 * N+1 per cluster, gathered while the summary evaluates each zone: for every cluster spanning the zone, how
 * badly the zone's loss hurts its workloads' own capacity. The worst zone decides; ties keep the first zone
 * by id (zone domains come in id order). Harm: workloads short of baseline, then short of burst, then the
 * lowest capacity / burst ratio.
 */
class ZoneLossTracker {
  private readonly zone: Int32Array;
  private readonly harm: Float64Array;
  private readonly rows: (ZoneLossWorkload[] | undefined)[];

  constructor(
    private readonly s: Structure,
    private readonly model: CapacityModel,
  ) {
    this.zone = new Int32Array(s.clusters.length).fill(-1);
    this.harm = new Float64Array(s.clusters.length * 3);
    this.rows = new Array<ZoneLossWorkload[] | undefined>(s.clusters.length);
  }

  /** Records the loss of zone z, while the evaluator still holds it. */
  observe(z: number, evaluator: Evaluator): void {
    const { s, model } = this;
    for (const c of s.zoneClusters[z]!) {
      let shortOfBaseline = 0;
      let shortOfBurst = 0;
      let minRatio = Infinity;
      for (const w of s.clusterWorkloads[c]!) {
        const wm = model.workloads[w]!;
        const direct = evaluator.isDirect(w);
        const capacity = direct ? evaluator.ownCapacity[w]! : model.intactCapacity[w]!;
        const runs = (direct ? evaluator.ownAfter[w]! : model.intactAfter[w]!) > 0;
        if (!runs || capacity < wm.baseline - EPSILON) shortOfBaseline += 1;
        if (!runs || capacity < wm.burst - EPSILON) shortOfBurst += 1;
        minRatio = Math.min(minRatio, wm.burst > 0 ? capacity / wm.burst : 1);
      }
      const at = c * 3;
      const harm = this.harm;
      const diff = shortOfBaseline - harm[at]! || shortOfBurst - harm[at + 1]! || -minRatio - harm[at + 2]!;
      if (this.zone[c] === -1 || diff > 0) {
        this.zone[c] = z;
        harm[at] = shortOfBaseline;
        harm[at + 1] = shortOfBurst;
        harm[at + 2] = -minRatio;
        this.rows[c] = s.clusterWorkloads[c]!.map((w) => {
          const wm = model.workloads[w]!;
          const direct = evaluator.isDirect(w);
          const capacity = direct ? evaluator.ownCapacity[w]! : model.intactCapacity[w]!;
          const runs = (direct ? evaluator.ownAfter[w]! : model.intactAfter[w]!) > 0;
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
    }
  }

  /** The N+1 verdict of cluster c. */
  report(c: number): ClusterSurvivability {
    const { s, model } = this;
    const cluster = s.clusters[c]!;
    const zoneIds = s.clusterZones[c]!.map((z) => s.zones[z]!.id).sort(compareStrings);
    const z = this.zone[c]!;
    const rows = this.rows[c];
    if (z < 0 || !rows) {
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
