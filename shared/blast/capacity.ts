// Capacity of every workload, with nothing failed and under a scenario. The rules:
// - A pool's maximum is nodesPerAz.max x its zones, capped by its Karpenter limits (counted in reference
//   nodes, see hardware.ts). A lost zone removes that zone's nodes; a spot wave removes the spot share of
//   what is left (rounded down to whole nodes).
// - Co-tenants share a pool. Each workload asks for the node-equivalents it needs at burst (the replicas the
//   HPA would run at burst / pods per node). When the asks fit, a workload may also use whatever is free;
//   when they do not, the surviving nodes are shared in proportion to the asks. Crash-looping replicas of a
//   bad rollout keep their requests, so asks never shrink in a scenario and capacity only ever falls.
// - Replicas are spread evenly over the zones of their pools. After a loss the ReplicaSet reschedules and the
//   HPA scales survivors up to the ceiling (HPA max, fixed replicas, job parallelism) within the pool room;
//   a stateful workload's replicas in a lost zone stay Pending, since their EBS volumes are zonal.
// - A dpdk-service runs one replica per fleet instance; fleets do not autoscale and are never part of a
//   Kubernetes failure domain.
// - capacity = replicas x demand.perReplica; a workload without a demand is judged on replicas (unit `replicas`).
import type { Catalog } from '../catalog/types';
import type { NodePool, Workload } from '../model/schema';
import type { Scenario } from './domains';
import type { ReferenceNode, Requests } from './hardware';
import { nodesByLimits, podsPerNode, referenceNode } from './hardware';
import type { IntactState } from './propagate';
import { propagateIntact, updateIntact } from './propagate';
import type { Structure } from './structure';
import { sameData } from '../util/same';
import type { CapacityLimit, WorkloadCapacity } from './types';

const EPSILON = 1e-9;

/** One pool a workload may run on. */
export interface Placement {
  readonly pool: number;
  /** Replicas per reference node; undefined when the pool's hardware is unknown (then it does not limit). */
  readonly ppn: number | undefined;
  /** Share of the workload's replicas on this pool. */
  readonly split: number;
  /** Node-equivalents it asks of this pool at burst. */
  readonly load: number;
}

/** The fixed figures of one workload. */
export interface WorkloadModel {
  readonly unit: string;
  readonly hasDemand: boolean;
  readonly baseline: number;
  readonly burstFactor: number;
  readonly burst: number;
  readonly perReplica: number;
  readonly ceilingKind: WorkloadCapacity['ceiling']['kind'];
  readonly ceiling: number;
  readonly minReplicas: number;
  readonly targetPercent: number | undefined;
  /** Replicas at baseline with nothing failed. */
  readonly before: number;
  /** Replicas at burst (what it asks of its pools). */
  readonly wanted: number;
  readonly placement: readonly Placement[];
  /** Why no pool can run it, when none can. */
  readonly noPlacement: string | undefined;
  readonly stateful: boolean;
  readonly requests: Requests | undefined;
}

/** The fixed figures of one pool. */
export interface PoolModel {
  readonly node: ReferenceNode | undefined;
  readonly perAzMax: number;
  readonly zoneCount: number;
  readonly limitNodes: number | undefined;
  readonly maxNodes: number;
  /** Workloads that may run on the pool, with the index of the pool in their placement. */
  readonly tenants: readonly { readonly w: number; readonly slot: number }[];
  readonly totalLoad: number;
}

/** A workload's own state (dependencies aside) in a scenario. */
export interface OwnResult {
  readonly f: number;
  /** Whether it failed with its container (or its own rollout); the scenario says which. */
  readonly failed: boolean;
  /** Replicas the surviving pools can hold; Infinity when not limited by known hardware. */
  readonly room: number;
  /** The ceiling after stateful replicas stuck in lost zones. */
  readonly ceiling: number;
  readonly atOnce: number;
  readonly after: number;
  readonly capacity: number;
  readonly limitedBy: CapacityLimit;
}

/** Everything the analyses need about a document with one catalog, built once and cached. */
export interface CapacityModel {
  readonly s: Structure;
  readonly catalog: Catalog | undefined;
  readonly pools: readonly PoolModel[];
  readonly workloads: readonly WorkloadModel[];
  /** Own capacity and replicas of each workload with nothing failed (ownState(model, w, undefined) has the rest). */
  readonly intactCapacity: Float64Array;
  readonly intactAfter: Float64Array;
  /** Own shortfall of each workload with nothing failed, before dependencies. */
  readonly intactOwnF: Float64Array;
  readonly intact: IntactState;
  /** Weight of each workload in the user-traffic share (see trafficWeights). */
  readonly weights: Float64Array;
  readonly hasUserTraffic: boolean;
  /** User traffic affected with nothing failed. */
  readonly trafficIntact: number;
}

/** Whether a toleration tolerates a taint (Kubernetes matching rules). */
function tolerates(w: Workload, taint: NodePool['taints'][number]): boolean {
  return w.tolerations.some(
    (t) =>
      (t.effect === undefined || t.effect === taint.effect) &&
      (t.operator === 'Exists'
        ? t.key === undefined || t.key === taint.key
        : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
  );
}

/** Whether the scheduler may put a workload without a pinned pool on this pool (taints and node selector). */
function mayRunOn(w: Workload, pool: NodePool): boolean {
  for (const taint of pool.taints) {
    if (taint.effect !== 'PreferNoSchedule' && !tolerates(w, taint)) return false;
  }
  for (const [key, value] of Object.entries(w.nodeSelector)) if (pool.labels[key] !== value) return false;
  return true;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const ceil = (value: number) => Math.ceil(value - EPSILON);

/** Replicas an HPA runs for a demand: ceil(demand / (perReplica x target)), within min and max. */
function hpaReplicasFor(
  demand: number,
  perReplica: number,
  target: number,
  min: number,
  max: number,
): number {
  return clamp(ceil(demand / ((perReplica * target) / 100)), min, max);
}

function candidatePools(s: Structure, w: number): { pools: number[]; problem?: string } {
  const workload = s.workloads[w]!;
  const pinned = s.workloadPool[w]!;
  if (pinned >= 0) return { pools: [pinned] };
  if (workload.nodePool !== undefined) {
    return { pools: [], problem: `its node pool "${workload.nodePool}" is not in the document` };
  }
  const c = s.workloadCluster[w]!;
  if (c < 0) {
    return {
      pools: [],
      problem: workload.cluster
        ? `its cluster "${workload.cluster}" is not in the document`
        : 'it names no cluster',
    };
  }
  const all = s.clusterPools[c]!;
  if (all.length === 0) return { pools: [], problem: `cluster ${s.clusters[c]!.id} has no node pools` };
  const pools = all.filter((p) => mayRunOn(workload, s.pools[p]!));
  if (pools.length === 0) {
    return {
      pools,
      problem: `no node pool of cluster ${s.clusters[c]!.id} tolerates its taints and matches its node selector`,
    };
  }
  return { pools };
}

function workloadModel(
  s: Structure,
  w: number,
  poolModels: readonly PoolModel[],
  catalog: Catalog | undefined,
) {
  const workload = s.workloads[w]!;
  const demand = workload.demand;
  const hpa = workload.autoscaling;
  const requests = workload.resources
    ? { cpu: workload.resources.cpu, memoryGiB: workload.resources.memoryGiB, gpu: workload.resources.gpu }
    : undefined;
  let ceilingKind: WorkloadModel['ceilingKind'];
  let ceiling: number;
  let minReplicas: number;
  if (workload.kind === 'dpdk-service') {
    const f = s.workloadFleet[w]!;
    ceilingKind = 'fleet-instances';
    ceiling = f >= 0 ? s.fleets[f]!.instancesPerAz * s.fleetZones[f]!.length : 0;
    minReplicas = ceiling;
  } else if (workload.kind === 'job') {
    ceilingKind = 'parallelism';
    ceiling = workload.job?.parallelism ?? workload.replicas ?? 1;
    minReplicas = ceiling;
  } else if (hpa) {
    ceilingKind = 'hpa-max';
    ceiling = hpa.maxReplicas;
    minReplicas = hpa.minReplicas;
  } else {
    ceilingKind = 'fixed';
    ceiling = workload.replicas ?? 0;
    minReplicas = ceiling;
  }
  const perReplica = demand?.perReplica ?? 1;
  const target = hpa?.targetCpuPercent;
  const before =
    hpa && demand && ceilingKind === 'hpa-max'
      ? hpaReplicasFor(demand.baseline, perReplica, target!, hpa.minReplicas, hpa.maxReplicas)
      : minReplicas;
  const burstFactor = demand?.burstFactor ?? 1;
  const baseline = demand ? demand.baseline : before;
  const burst = baseline * burstFactor;
  const wanted =
    hpa && demand && ceilingKind === 'hpa-max'
      ? hpaReplicasFor(burst, perReplica, target!, hpa.minReplicas, hpa.maxReplicas)
      : ceilingKind === 'hpa-max'
        ? minReplicas
        : ceiling;

  let placement: Placement[] = [];
  let noPlacement: string | undefined;
  if (workload.kind === 'dpdk-service') {
    if (s.workloadFleet[w]! < 0) {
      noPlacement = workload.fleet
        ? `its streaming fleet "${workload.fleet}" is not in the document`
        : 'it names no streaming fleet';
    }
  } else {
    const candidates = candidatePools(s, w);
    noPlacement = candidates.problem;
    const sized = candidates.pools.map((pool) => {
      const node = referenceNode(s.pools[pool]!, catalog);
      return { pool, ppn: node && requests ? podsPerNode(node, requests) : undefined };
    });
    // A workload free to choose its pool skips pools it cannot fit on at all (e.g. no GPUs there).
    const fitting = s.workloadPool[w]! >= 0 ? sized : sized.filter((p) => p.ppn !== 0);
    const usable = fitting.length > 0 ? fitting : sized;
    const known = usable.every((p) => p.ppn !== undefined);
    const weights = usable.map((p) => (known ? poolModels[p.pool]!.maxNodes * p.ppn! : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    placement = usable.map((p, i) => {
      const split = total > 0 ? weights[i]! / total : 1 / usable.length;
      const load = p.ppn ? (wanted * split) / p.ppn : 0;
      return { pool: p.pool, ppn: p.ppn, split, load };
    });
  }
  return {
    unit: demand?.unit ?? 'replicas',
    hasDemand: demand !== undefined,
    baseline,
    burstFactor,
    burst,
    perReplica,
    ceilingKind,
    ceiling,
    minReplicas,
    targetPercent: target,
    before,
    wanted,
    placement,
    noPlacement,
    stateful: workload.stateful,
    requests,
  } satisfies WorkloadModel;
}

/** Maximum nodes of a pool left after losing some zones and a spot share (0 when it fails whole). */
export function survivingNodes(pool: PoolModel, zonesLost: number, spotLost: number, whole: boolean): number {
  if (whole) return 0;
  let nodes = pool.perAzMax * Math.max(0, pool.zoneCount - zonesLost);
  if (pool.limitNodes !== undefined) nodes = Math.min(nodes, pool.limitNodes);
  return Math.floor(nodes * (1 - spotLost) + EPSILON);
}

/** Maximum nodes of pool p left in a scenario (all of them when it is untouched). */
export function survivingNodesIn(pool: PoolModel, p: number, scenario: Scenario | undefined): number {
  if (!scenario?.poolHit(p)) return pool.maxNodes;
  return survivingNodes(
    pool,
    scenario.poolZonesLost[p]!,
    scenario.poolSpotLost[p]!,
    scenario.poolWhole[p] === 1,
  );
}

/** Replicas of one placement the pool can hold with `nodes` nodes, sharing with co-tenants (see top). */
export function roomOn(pool: PoolModel, placement: Placement, nodes: number): number {
  if (placement.ppn === undefined) return Infinity;
  const others = pool.totalLoad - placement.load;
  const fair = pool.totalLoad > 0 ? (nodes * placement.load) / pool.totalLoad : nodes;
  return Math.max(0, Math.floor(placement.ppn * Math.max(nodes - others, fair) + EPSILON));
}

/** Share of burst demand a capacity leaves unserved (1 when nothing runs). */
function ownShortfall(wm: WorkloadModel, capacity: number, after: number): number {
  if (wm.burst > 0) return Math.max(0, wm.burst - capacity) / wm.burst;
  return wm.ceiling > 0 && after === 0 ? 1 : 0;
}

/** The parts of a capacity model a workload's own state depends on. */
type Sizing = Pick<CapacityModel, 's' | 'pools' | 'workloads'>;

type MutableOwn = { -readonly [K in keyof OwnResult]: OwnResult[K] };

/** A blank own-state record for `computeOwn` to fill (hot paths reuse one). */
export function blankOwn(): MutableOwn {
  return { f: 0, failed: false, room: 0, ceiling: 0, atOnce: 0, after: 0, capacity: 0, limitedBy: 'failed' };
}

/** A workload's own state in a scenario (undefined = nothing failed), written into `out`. */
export function computeOwn(
  model: Sizing,
  w: number,
  scenario: Scenario | undefined,
  out: MutableOwn,
): MutableOwn {
  const wm = model.workloads[w]!;
  const s = model.s;
  if (scenario?.hasFailed(w)) {
    out.f = 1;
    out.failed = true;
    out.room = 0;
    out.ceiling = wm.ceiling;
    out.atOnce = 0;
    out.after = 0;
    out.capacity = 0;
    out.limitedBy = 'failed';
    return out;
  }
  let room = 0;
  let atOnce: number;
  let ceiling = wm.ceiling;
  let limitedBy: CapacityLimit;
  const fleet = s.workloadFleet[w]!;
  if (fleet >= 0) {
    const zones = s.fleetZones[fleet]!.length;
    let left = zones;
    if (scenario?.fleetHit(fleet)) {
      left = scenario.fleetWhole[fleet] === 1 ? 0 : Math.max(0, zones - scenario.fleetZonesLost[fleet]!);
    }
    room = s.fleets[fleet]!.instancesPerAz * left;
    atOnce = room;
    ceiling = room;
    limitedBy = 'fleet-instances';
  } else if (wm.placement.length === 0) {
    limitedBy = 'no-placement';
    atOnce = 0;
  } else {
    let lost = 0;
    let lostZones = 0;
    for (const placement of wm.placement) {
      const p = placement.pool;
      const pool = model.pools[p]!;
      room += roomOn(pool, placement, survivingNodesIn(pool, p, scenario));
      if (scenario?.poolHit(p)) {
        const whole = scenario.poolWhole[p] === 1;
        const zones = whole
          ? 1
          : pool.zoneCount > 0
            ? Math.min(1, scenario.poolZonesLost[p]! / pool.zoneCount)
            : 0;
        lost += placement.split * (whole ? 1 : 1 - (1 - zones) * (1 - scenario.poolSpotLost[p]!));
        lostZones += placement.split * zones;
      }
    }
    atOnce = wm.before - ceil(wm.before * lost);
    if (wm.stateful) ceiling = Math.max(0, wm.ceiling - ceil(wm.before * lostZones));
    limitedBy = room < ceiling ? 'pool-room' : LIMIT_OF_CEILING[wm.ceilingKind];
  }
  const after = limitedBy === 'no-placement' ? 0 : Math.min(ceiling, room);
  const capacity = after * wm.perReplica;
  out.f = ownShortfall(wm, capacity, after);
  out.failed = false;
  out.room = room;
  out.ceiling = ceiling;
  out.atOnce = Math.max(0, atOnce);
  out.after = after;
  out.capacity = capacity;
  out.limitedBy = limitedBy;
  return out;
}

/** A workload's own state in a scenario (undefined = nothing failed), as a new record. */
export function ownState(model: Sizing, w: number, scenario: Scenario | undefined): OwnResult {
  return computeOwn(model, w, scenario, blankOwn());
}

const LIMIT_OF_CEILING: Readonly<Record<WorkloadModel['ceilingKind'], CapacityLimit>> = {
  'hpa-max': 'hpa-max',
  fixed: 'fixed-replicas',
  parallelism: 'parallelism',
  'fleet-instances': 'fleet-instances',
};

/**
 * User-traffic weights: over user-facing workloads with a demand, baseline demand normalised within each
 * demand unit across all regions (so a region weighs what its share of that unit's demand is), and each
 * unit present weighing the same (rps, sessions and gbps cannot be added). Weights sum to 1.
 */
function trafficWeights(s: Structure, workloads: readonly WorkloadModel[]): Float64Array {
  const weights = new Float64Array(workloads.length);
  const byUnit = new Map<string, { sum: number; count: number }>();
  s.workloads.forEach((workload, w) => {
    const wm = workloads[w]!;
    if (!workload.userFacing || !wm.hasDemand) return;
    const entry = byUnit.get(wm.unit) ?? { sum: 0, count: 0 };
    entry.sum += wm.baseline;
    entry.count += 1;
    byUnit.set(wm.unit, entry);
  });
  s.workloads.forEach((workload, w) => {
    const wm = workloads[w]!;
    if (!workload.userFacing || !wm.hasDemand) return;
    const unit = byUnit.get(wm.unit)!;
    const within = unit.sum > 0 ? wm.baseline / unit.sum : 1 / unit.count;
    weights[w] = within / byUnit.size;
  });
  return weights;
}

const modelCache = new WeakMap<Structure, Map<Catalog | null, CapacityModel>>();
/** The model used last per catalog: the base the next document's model is updated from. */
const lastModels = new WeakMap<Catalog, CapacityModel>();
let lastWithoutCatalog: CapacityModel | undefined;

/**
 * The capacity model of a document's structure with a catalog, built once per (spec, catalog). When the
 * structure was patched from the one of the model used last (same elements, same places), the model is
 * updated from that one: see updateModel.
 */
export function capacityModel(s: Structure, catalog: Catalog | undefined): CapacityModel {
  let byCatalog = modelCache.get(s);
  if (!byCatalog) {
    byCatalog = new Map();
    modelCache.set(s, byCatalog);
  }
  let model = byCatalog.get(catalog ?? null);
  if (!model) {
    const last = catalog ? lastModels.get(catalog) : lastWithoutCatalog;
    model = last && last.s.shape === s.shape ? updateModel(last, s) : buildModel(s, catalog, last);
    byCatalog.set(catalog ?? null, model);
  }
  if (catalog) lastModels.set(catalog, model);
  else lastWithoutCatalog = model;
  return model;
}

type PoolBase = Omit<PoolModel, 'tenants' | 'totalLoad'>;

/** A pool's own figures, before its tenants are known. */
function poolBase(s: Structure, p: number, catalog: Catalog | undefined): PoolBase {
  const pool = s.pools[p]!;
  const node = referenceNode(pool, catalog);
  const perAzMax = pool.nodesPerAz.max;
  const zoneCount = s.poolZones[p]!.length;
  const limitNodes = nodesByLimits(pool, node);
  const maxNodes = Math.min(perAzMax * zoneCount, limitNodes ?? Infinity);
  return { node, perAzMax, zoneCount, limitNodes, maxNodes };
}

/**
 * The model of a structure, built in full. With `previous` (the model of another structure with the same
 * catalog, e.g. before an element was added or moved), a pool's own figures and a workload's figures are
 * taken from it when everything they are computed from is the same: the same element objects, in the same
 * places, on the same pools (see `reusable`). The rest is computed afresh.
 */
function buildModel(s: Structure, catalog: Catalog | undefined, previous?: CapacityModel): CapacityModel {
  const reuse = previous && previous.catalog === catalog ? reusable(previous, s) : undefined;
  const pools: PoolModel[] = s.pools.map((_, p) => ({
    ...(reuse?.poolBase(p) ?? poolBase(s, p, catalog)),
    tenants: [],
    totalLoad: 0,
  }));
  const workloads = s.workloads.map((_, w) => reuse?.workload(w) ?? workloadModel(s, w, pools, catalog));
  const tenants = pools.map(() => [] as { w: number; slot: number }[]);
  const loads = new Float64Array(pools.length);
  workloads.forEach((wm, w) =>
    wm.placement.forEach((placement, slot) => {
      tenants[placement.pool]!.push({ w, slot });
      loads[placement.pool] = loads[placement.pool]! + placement.load;
    }),
  );
  const finalPools = pools.map((pool, p) => ({ ...pool, tenants: tenants[p]!, totalLoad: loads[p]! }));
  const sizing: Sizing = { s, pools: finalPools, workloads };
  const n = workloads.length;
  const ownF = new Float64Array(n);
  const intactCapacity = new Float64Array(n);
  const intactAfter = new Float64Array(n);
  const own = blankOwn();
  for (let w = 0; w < n; w++) {
    computeOwn(sizing, w, undefined, own);
    ownF[w] = own.f;
    intactCapacity[w] = own.capacity;
    intactAfter[w] = own.after;
  }
  const intact = propagateIntact(s, ownF);
  const weights = trafficWeights(s, workloads);
  return withTraffic({ ...sizing, catalog, intactCapacity, intactAfter, intactOwnF: ownF, intact, weights });
}

/**
 * What a full build may take from a previous model. Only when pools, clusters and fleets are the same ids in
 * the same order (so that pool indexes in placements carry over): a pool's own figures when it is the same
 * object with the same zone count; a workload's figures when it is the same object, pinned to the same pool
 * or placed in the same cluster with the same pools, on the same fleet, and every pool it may run on keeps
 * its own figures.
 */
function reusable(previous: CapacityModel, s: Structure) {
  const before = previous.s;
  const sameIds = <T extends { readonly id: string }>(a: readonly T[], b: readonly T[]) =>
    a === b || (a.length === b.length && a.every((x, i) => x.id === b[i]!.id));
  if (
    !sameIds(before.pools, s.pools) ||
    !sameIds(before.clusters, s.clusters) ||
    !sameIds(before.fleets, s.fleets)
  )
    return undefined;
  const poolSame = s.pools.map(
    (pool, p) => before.pools[p] === pool && before.poolZones[p]!.length === s.poolZones[p]!.length,
  );
  // A document that shares no pool with the previous one (a copy, another file) shares nothing else either.
  if (s.pools.length > 0 && !poolSame.includes(true)) return undefined;
  const samePools = (c: number) => {
    const a = before.clusterPools[c]!;
    const b = s.clusterPools[c]!;
    return a.length === b.length && b.every((p, i) => p === a[i] && poolSame[p]);
  };
  return {
    poolBase(p: number): PoolBase | undefined {
      if (!poolSame[p]) return undefined;
      const { node, perAzMax, zoneCount, limitNodes, maxNodes } = previous.pools[p]!;
      return { node, perAzMax, zoneCount, limitNodes, maxNodes };
    },
    workload(w: number): WorkloadModel | undefined {
      const o = before.workloadIdx.get(s.workloads[w]!.id);
      if (o === undefined || before.workloads[o] !== s.workloads[w]) return undefined;
      const f = s.workloadFleet[w]!;
      const p = s.workloadPool[w]!;
      const c = s.workloadCluster[w]!;
      if (before.workloadFleet[o] !== f || before.workloadPool[o] !== p || before.workloadCluster[o] !== c)
        return undefined;
      if (
        f >= 0 &&
        (before.fleets[f] !== s.fleets[f] || before.fleetZones[f]!.length !== s.fleetZones[f]!.length)
      )
        return undefined;
      if (p >= 0 ? !poolSame[p] : c >= 0 && !samePools(c)) return undefined;
      return previous.workloads[o];
    },
  };
}

/** Adds the user-traffic totals to a model. */
function withTraffic(model: Omit<CapacityModel, 'hasUserTraffic' | 'trafficIntact'>): CapacityModel {
  const { weights, intact } = model;
  let trafficIntact = 0;
  let hasUserTraffic = false;
  for (let w = 0; w < weights.length; w++) {
    if (weights[w]! > 0) hasUserTraffic = true;
    trafficIntact += weights[w]! * intact.f[w]!;
  }
  return { ...model, hasUserTraffic, trafficIntact };
}

/**
 * The model of `s` from the model of a structure with the same tables (elements in the same places; only
 * their contents or the dependencies differ). Each step recomputes only what the changed elements reach,
 * and keeps the previous object wherever the new figures are equal (early cutoff), so that what depends on
 * an unchanged figure stays unchanged too:
 * - a pool's own figures: changed pools;
 * - workload figures: changed workloads, the workloads that may run on a changed pool (pinned to it, or
 *   free to choose among its cluster's pools), the dpdk-services of a changed fleet;
 * - tenants and total load: the pools a changed workload leaves or joins;
 * - own state with nothing failed: changed workloads, tenants of changed pools, dpdk-services of changed fleets;
 * - shortfalls with nothing failed: the cone of workloads whose own shortfall or callee edges changed
 *   (updateIntact);
 * - traffic weights: all of them, when a workload's user-facing flag, unit, demand or baseline changed.
 * The result equals `buildModel(s, catalog)` value for value (tested against it on random edits).
 */
function updateModel(base: CapacityModel, s: Structure): CapacityModel {
  const before = base.s;
  const catalog = base.catalog;
  const n = s.workloads.length;
  const changedPools = changedIndexes(before.pools, s.pools);
  const changedWorkloads = changedIndexes(before.workloads, s.workloads);
  const changedFleets = changedIndexes(before.fleets, s.fleets);
  const edgesChanged =
    before.calleeIds !== s.calleeIds ||
    before.calleeStart !== s.calleeStart ||
    before.calleeHard !== s.calleeHard;
  if (changedPools.length + changedWorkloads.length + changedFleets.length === 0 && !edgesChanged) {
    return { ...base, s };
  }

  let pools = base.pools;
  const setPool = (p: number, pool: PoolModel) => {
    if (pools === base.pools) pools = pools.slice();
    (pools as PoolModel[])[p] = pool;
  };
  // Reports quote a pool's Karpenter limits next to its figures (and cache the text per pool model), so a
  // pool model is kept only when the limits are the same too.
  const limitsChanged = new Set<number>();
  for (const p of changedPools) {
    const next = poolBase(s, p, catalog);
    if (!sameData(before.pools[p]!.limits, s.pools[p]!.limits)) limitsChanged.add(p);
    if (limitsChanged.has(p) || !samePoolBase(next, pools[p]!)) setPool(p, { ...pools[p]!, ...next });
  }

  // Workload figures.
  const touched = new Uint8Array(n);
  const recompute: number[] = [];
  const touch = (w: number) => {
    if (touched[w]) return;
    touched[w] = 1;
    recompute.push(w);
  };
  changedWorkloads.forEach(touch);
  for (const f of changedFleets) s.fleetWorkloads[f]!.forEach(touch);
  for (const p of changedPools) {
    s.poolPinned[p]!.forEach(touch);
    const c = s.poolCluster[p]!;
    if (c >= 0) for (const w of s.clusterWorkloads[c]!) if (s.workloadPool[w]! < 0) touch(w);
  }
  recompute.sort((a, b) => a - b);
  let workloads = base.workloads;
  const moved = new Uint8Array(n);
  const movedList: number[] = [];
  for (const w of recompute) {
    const next = workloadModel(s, w, pools, catalog);
    if (sameWorkloadModel(next, workloads[w]!)) continue;
    if (workloads === base.workloads) workloads = workloads.slice();
    (workloads as WorkloadModel[])[w] = next;
    moved[w] = 1;
    movedList.push(w);
  }

  // Tenants and total load of the pools changed workloads leave or join, summed in workload order as a
  // full build does.
  const joined = new Set<number>();
  for (const w of movedList) {
    for (const placement of base.workloads[w]!.placement) joined.add(placement.pool);
    for (const placement of workloads[w]!.placement) joined.add(placement.pool);
  }
  for (const p of joined) {
    const kept = pools[p]!.tenants.filter((t) => !moved[t.w]);
    const added: { w: number; slot: number }[] = [];
    for (const w of movedList) {
      const slot = workloads[w]!.placement.findIndex((placement) => placement.pool === p);
      if (slot >= 0) added.push({ w, slot });
    }
    const tenants: { w: number; slot: number }[] = [];
    let i = 0;
    let j = 0;
    while (i < kept.length || j < added.length) {
      if (j >= added.length || (i < kept.length && kept[i]!.w < added[j]!.w)) tenants.push(kept[i++]!);
      else tenants.push(added[j++]!);
    }
    let totalLoad = 0;
    for (const t of tenants) totalLoad += workloads[t.w]!.placement[t.slot]!.load;
    setPool(p, { ...pools[p]!, tenants, totalLoad });
  }
  for (const p of [...changedPools, ...joined]) {
    if (pools[p] !== base.pools[p] && !limitsChanged.has(p) && samePoolModel(pools[p]!, base.pools[p]!))
      setPool(p, base.pools[p]!);
  }

  // Own state with nothing failed.
  const sizing: Sizing = { s, pools, workloads };
  const own = new Set<number>(movedList);
  for (const f of changedFleets) for (const w of s.fleetWorkloads[f]!) own.add(w);
  for (let p = 0; p < pools.length; p++) {
    if (pools[p] !== base.pools[p]) for (const t of pools[p]!.tenants) own.add(t.w);
  }
  let { intactOwnF, intactCapacity, intactAfter } = base;
  const seeds: number[] = [];
  if (own.size > 0) {
    intactOwnF = intactOwnF.slice();
    intactCapacity = intactCapacity.slice();
    intactAfter = intactAfter.slice();
    const state = blankOwn();
    for (const w of own) {
      computeOwn(sizing, w, undefined, state);
      if (!Object.is(state.f, intactOwnF[w])) seeds.push(w);
      intactOwnF[w] = state.f;
      intactCapacity[w] = state.capacity;
      intactAfter[w] = state.after;
    }
  }
  if (edgesChanged) {
    for (let w = 0; w < n; w++) if (!sameCallees(before, s, w)) seeds.push(w);
  }
  const intact = updateIntact(s, intactOwnF, base.intact, seeds);

  let weights = base.weights;
  for (const w of new Set([...changedWorkloads, ...movedList])) {
    const a = base.workloads[w]!;
    const b = workloads[w]!;
    if (
      before.workloads[w]!.userFacing !== s.workloads[w]!.userFacing ||
      a.hasDemand !== b.hasDemand ||
      a.unit !== b.unit ||
      !Object.is(a.baseline, b.baseline)
    ) {
      weights = trafficWeights(s, workloads);
      break;
    }
  }
  const model = { ...sizing, catalog, intactCapacity, intactAfter, intactOwnF, intact, weights };
  if (weights === base.weights && intact === base.intact) {
    return { ...model, hasUserTraffic: base.hasUserTraffic, trafficIntact: base.trafficIntact };
  }
  return withTraffic(model);
}

/** Positions where two lists of the same length hold different objects. */
function changedIndexes<T>(before: readonly T[], after: readonly T[]): number[] {
  const out: number[] = [];
  if (before === after) return out;
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) out.push(i);
  return out;
}

/** Whether workload w calls the same workloads, in the same order and the same way, in both structures. */
function sameCallees(a: Structure, b: Structure, w: number): boolean {
  const start = a.calleeStart[w]!;
  const length = a.calleeStart[w + 1]! - start;
  const other = b.calleeStart[w]!;
  if (b.calleeStart[w + 1]! - other !== length) return false;
  for (let e = 0; e < length; e++) {
    if (a.calleeIds[start + e] !== b.calleeIds[other + e]) return false;
    if (a.calleeHard[start + e] !== b.calleeHard[other + e]) return false;
  }
  return true;
}

/** Whether a pool's own figures (`next`, fresh from poolBase) are the ones a pool model holds. */
function samePoolBase(next: PoolBase, model: PoolBase): boolean {
  for (const key of Object.keys(next) as (keyof PoolBase)[])
    if (!sameData(next[key], model[key])) return false;
  return true;
}

/**
 * Whether two pool models hold the same figures and tenants; `tenantOf` maps b's workload indexes to a's.
 * Every field is compared, so a field added to PoolModel is compared too.
 */
export function samePoolModel(
  a: PoolModel,
  b: PoolModel,
  tenantOf: (w: number) => number = (w) => w,
): boolean {
  const keys = Object.keys(a) as (keyof PoolModel)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key === 'tenants' ? !sameTenants(a.tenants, b.tenants, tenantOf) : !sameData(a[key], b[key]))
      return false;
  }
  return true;
}

function sameTenants(a: PoolModel['tenants'], b: PoolModel['tenants'], tenantOf: (w: number) => number) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.w !== tenantOf(b[i]!.w) || a[i]!.slot !== b[i]!.slot) return false;
  }
  return true;
}

/**
 * Whether two workload models hold the same figures; `poolOf` maps b's pool indexes to a's. Every field is
 * compared (numbers with Object.is), so a field added to WorkloadModel is compared too.
 */
export function sameWorkloadModel(
  a: WorkloadModel,
  b: WorkloadModel,
  poolOf: (p: number) => number = (p) => p,
): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof WorkloadModel)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key === 'placement' ? !samePlacement(a.placement, b.placement, poolOf) : !sameData(a[key], b[key]))
      return false;
  }
  return true;
}

function samePlacement(a: readonly Placement[], b: readonly Placement[], poolOf: (p: number) => number) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.pool !== poolOf(y.pool) ||
      !Object.is(x.ppn, y.ppn) ||
      !Object.is(x.split, y.split) ||
      !Object.is(x.load, y.load)
    )
      return false;
  }
  return true;
}
