// The AZ-loss matrix: for every region, each cluster and streaming fleet (rows) against each availability
// zone of the region (columns): what is left of the element when that one zone is lost, and whether its
// workloads still carry their baseline and their burst. It is the N+1 check of summary.ts for every zone
// rather than only the worst one, with the same figures: nodes left are the scenario's surviving maximum
// nodes of the element's pools (instances of a fleet), and a workload carries when it runs and its own
// capacity (dependencies aside) reaches its baseline or burst demand. Each zone is one evaluation of its
// failure domain.
import type { Catalog } from '../catalog/types';
import type { TopologyDocument } from '../model/schema';
import { compareStrings, plural } from '../util/text';
import type { CapacityModel } from './capacity';
import { capacityModel, survivingNodesIn } from './capacity';
import type { Evaluator } from './evaluate';
import { evaluatorFor } from './evaluate';
import { structureOf } from './structure';
import { num, pct, round } from './text';

const EPSILON = 1e-9;

/** Whether a set of workloads carries its demand: every workload reaches it, or the ones that do not. */
export interface ZoneLossVerdict {
  /** Every workload of the element still reaches its baseline demand with its own capacity. */
  readonly carriesBaseline: boolean;
  /** Every workload of the element still reaches its burst demand with its own capacity. */
  readonly carriesBurst: boolean;
  /** Workloads short of baseline (down, or own capacity below baseline), in id order. */
  readonly shortOfBaseline: readonly string[];
  /** Workloads short of burst, in id order (those short of baseline included). */
  readonly shortOfBurst: readonly string[];
}

/** One cell: one element after losing one zone of its region. */
export interface ZoneLossCell extends ZoneLossVerdict {
  readonly zoneId: string;
  /** Whether the element runs in this zone (if not, losing it leaves the element whole). */
  readonly spans: boolean;
  /** Maximum nodes (a fleet: instances) of the element left after the loss, and with nothing lost. */
  readonly nodesLeft: number;
  readonly nodesMax: number;
  /** nodesLeft / nodesMax, 0-1 (1 for an element without nodes that the zone does not touch). */
  readonly capacityLeft: number;
  /** The cell in words. */
  readonly message: string;
}

/** One cluster or fleet and its cells, one per zone of its region in zone id order (the columns' order). */
export interface ZoneLossRow {
  readonly elementId: string;
  readonly kind: 'cluster' | 'fleet';
  readonly name: string;
  /** Workloads judged: the cluster's (pinned to a pool or not), or the fleet's dpdk-services. */
  readonly workloadIds: readonly string[];
  /** The same verdict with nothing failed (a design that cannot carry its burst cannot after a loss either). */
  readonly intact: ZoneLossVerdict;
  readonly cells: readonly ZoneLossCell[];
}

/** One region's block of the matrix. */
export interface ZoneLossRegion {
  readonly regionId: string;
  readonly name: string;
  /** The columns: the region's zones, by id, with the AZ name users know (e.g. us-east-1a). */
  readonly zones: readonly { readonly id: string; readonly name: string }[];
  /** Clusters first, then fleets, each in id order. */
  readonly rows: readonly ZoneLossRow[];
}

/** The whole matrix: every region with a zone and a cluster or fleet, in id order. */
export interface ZoneLossMatrix {
  readonly regions: readonly ZoneLossRegion[];
}

type Figures = (w: number) => { capacity: number; runs: boolean };

function verdictOf(model: CapacityModel, workloads: readonly number[], figures: Figures): ZoneLossVerdict {
  const shortOfBaseline: string[] = [];
  const shortOfBurst: string[] = [];
  for (const w of workloads) {
    const wm = model.workloads[w]!;
    const { capacity, runs } = figures(w);
    const id = model.s.workloads[w]!.id;
    if (!runs || capacity < wm.baseline - EPSILON) shortOfBaseline.push(id);
    if (!runs || capacity < wm.burst - EPSILON) shortOfBurst.push(id);
  }
  shortOfBaseline.sort(compareStrings);
  shortOfBurst.sort(compareStrings);
  return {
    carriesBaseline: shortOfBaseline.length === 0,
    carriesBurst: shortOfBurst.length === 0,
    shortOfBaseline,
    shortOfBurst,
  };
}

const intactFigures =
  (model: CapacityModel): Figures =>
  (w) => ({ capacity: model.intactCapacity[w]!, runs: model.intactAfter[w]! > 0 });

const scenarioFigures =
  (model: CapacityModel, evaluator: Evaluator): Figures =>
  (w) =>
    evaluator.isDirect(w)
      ? { capacity: evaluator.ownCapacity[w]!, runs: evaluator.ownAfter[w]! > 0 }
      : { capacity: model.intactCapacity[w]!, runs: model.intactAfter[w]! > 0 };

function verdictWords(verdict: ZoneLossVerdict, workloads: number): string {
  if (workloads === 0) return 'it runs no workloads.';
  if (verdict.carriesBurst) return 'every workload still carries its burst.';
  if (verdict.carriesBaseline) {
    const n = verdict.shortOfBurst.length;
    return `every workload carries its baseline; ${plural(n, 'workload')} not its burst: ${verdict.shortOfBurst.join(', ')}.`;
  }
  const n = verdict.shortOfBaseline.length;
  return `${plural(n, 'workload')} not even its baseline: ${verdict.shortOfBaseline.join(', ')}.`;
}

interface RowPlan {
  readonly kind: 'cluster' | 'fleet';
  readonly index: number;
  readonly zones: readonly number[];
  readonly workloads: readonly number[];
  readonly intact: ZoneLossVerdict;
  readonly cells: ZoneLossCell[];
}

function buildMatrix(model: CapacityModel): ZoneLossMatrix {
  const s = model.s;
  const evaluator = evaluatorFor(model);
  const regions: ZoneLossRegion[] = [];
  const regionOrder = s.regions
    .map((_, r) => r)
    .sort((a, b) => compareStrings(s.regions[a]!.id, s.regions[b]!.id));
  for (const r of regionOrder) {
    const zones = [...s.regionZones[r]!].sort((a, b) => compareStrings(s.zones[a]!.id, s.zones[b]!.id));
    const byId = (list: readonly number[], ids: readonly { id: string }[]) =>
      [...list].sort((a, b) => compareStrings(ids[a]!.id, ids[b]!.id));
    const plans: RowPlan[] = [
      ...byId(s.regionClusters[r]!, s.clusters).map((c) => ({
        kind: 'cluster' as const,
        index: c,
        zones: s.clusterZones[c]!,
        workloads: s.clusterWorkloads[c]!,
      })),
      ...byId(s.regionFleets[r]!, s.fleets).map((f) => ({
        kind: 'fleet' as const,
        index: f,
        zones: s.fleetZones[f]!,
        workloads: s.fleetWorkloads[f]!,
      })),
    ].map((plan) => ({ ...plan, intact: verdictOf(model, plan.workloads, intactFigures(model)), cells: [] }));
    if (zones.length === 0 || plans.length === 0) continue;

    for (const z of zones) {
      const zone = s.zones[z]!;
      const domain = s.domainIdx.get(`zone:${zone.id}`);
      if (domain === undefined) continue;
      evaluator.run(s.domainTargets[domain]!);
      const scenario = evaluator.scenario;
      const figures = scenarioFigures(model, evaluator);
      for (const plan of plans) {
        let nodesLeft = 0;
        let nodesMax = 0;
        if (plan.kind === 'cluster') {
          for (const p of s.clusterPools[plan.index]!) {
            const pool = model.pools[p]!;
            nodesMax += pool.maxNodes;
            nodesLeft += survivingNodesIn(pool, p, scenario);
          }
        } else {
          const f = plan.index;
          const perAz = s.fleets[f]!.instancesPerAz;
          const zoneCount = s.fleetZones[f]!.length;
          const loss = scenario.fleetLoss(f);
          nodesMax = perAz * zoneCount;
          nodesLeft = !loss ? nodesMax : loss.whole ? 0 : perAz * Math.max(0, zoneCount - loss.zonesLost);
        }
        const verdict = verdictOf(model, plan.workloads, figures);
        const capacityLeft = nodesMax > 0 ? round(nodesLeft / nodesMax, 6) : 1;
        const unit = plan.kind === 'fleet' ? 'instances' : 'maximum nodes';
        plan.cells.push({
          zoneId: zone.id,
          spans: plan.zones.includes(z),
          nodesLeft,
          nodesMax,
          capacityLeft,
          ...verdict,
          message:
            `Losing ${zone.zoneName} leaves ${pct(capacityLeft)} of its ${unit} ` +
            `(${num(nodesLeft)} of ${num(nodesMax)}); ${verdictWords(verdict, plan.workloads.length)}`,
        });
      }
    }
    regions.push({
      regionId: s.regions[r]!.id,
      name: s.regions[r]!.name,
      zones: zones.map((z) => ({ id: s.zones[z]!.id, name: s.zones[z]!.zoneName })),
      rows: plans.map((plan) => {
        const element = plan.kind === 'cluster' ? s.clusters[plan.index]! : s.fleets[plan.index]!;
        return {
          elementId: element.id,
          kind: plan.kind,
          name: element.name,
          workloadIds: plan.workloads.map((w) => s.workloads[w]!.id).sort(compareStrings),
          intact: plan.intact,
          cells: plan.cells,
        };
      }),
    });
  }
  return { regions };
}

const matrices = new WeakMap<CapacityModel, ZoneLossMatrix>();

/** What losing each availability zone leaves of every cluster and fleet of its region, and whether it carries. */
export function zoneLossMatrix(doc: TopologyDocument, catalog?: Catalog): ZoneLossMatrix {
  const model = capacityModel(structureOf(doc), catalog);
  let matrix = matrices.get(model);
  if (!matrix) {
    matrix = buildMatrix(model);
    matrices.set(model, matrix);
  }
  return matrix;
}
