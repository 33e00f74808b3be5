// How the model of a document relates to the model of the document analysed before it (usually the same
// document one edit earlier): which element is which, and which workloads and pools changed in a way a
// failure domain's evaluation could see. The summary reuses a domain's previous evaluation when nothing it
// read changed (see summary.ts for the rule and why it is complete).
import type { CapacityModel } from './capacity';
import { samePoolModel, sameWorkloadModel } from './capacity';
import { Scenario } from './domains';
import type { Structure } from './structure';

/** Two models whose domain evaluations may be shared, with what changed between them. */
export interface ModelLink {
  readonly before: CapacityModel;
  readonly after: CapacityModel;
  /** The containment tables are the same objects (the later structure was patched from the earlier one). */
  readonly sharedTables: boolean;
  /** Whether every list holds the same ids in the same order, so that indexes carry over unchanged. */
  readonly sameIndexes: boolean;
  /** Old index to new index (-1 when gone); undefined when indexes carry over (see `mapped`). */
  readonly workloadTo: IndexMap;
  readonly poolTo: IndexMap;
  readonly zoneTo: IndexMap;
  readonly clusterTo: IndexMap;
  readonly fleetTo: IndexMap;
  /** Per new workload: whether anything a domain evaluation reads about it changed (or it is new). */
  readonly dirtyWorkload: Uint8Array;
  /** Per new pool: whether its figures or tenants changed (or it is new). */
  readonly dirtyPool: Uint8Array;
  /** The old index of each new domain, or -1 when it is new. */
  readonly domainFrom: Int32Array | undefined;
}

/** An index map: old index to new index, -1 when the element is gone; undefined for the identity. */
export type IndexMap = Int32Array | undefined;

/** An index through a map. */
export const mapped = (map: IndexMap, index: number): number => (map ? map[index]! : index);

/**
 * Below this share of elements shared by object identity, two documents are treated as unrelated (a copy,
 * another file) and nothing is reused: a `structuredClone` always gets a fresh analysis.
 */
const MIN_SHARED = 1 / 2;

/** The link between two models with the same catalog, or undefined when nothing should be reused. */
export function linkModels(before: CapacityModel, after: CapacityModel): ModelLink | undefined {
  if (before.catalog !== after.catalog) return undefined;
  const s0 = before.s;
  const s1 = after.s;
  if (s0.domainIdx.size !== s0.domains.length || s1.domainIdx.size !== s1.domains.length) return undefined;
  const sharedTables = s0.shape === s1.shape;
  let maps: { readonly [K in Kind]: Mapping } | undefined;
  if (!sharedTables) {
    maps = mappings(s0, s1);
    if (!maps) return undefined;
  }
  const sameIndexes = sharedTables || Object.values(maps!).every((m) => !m.to);
  const to = (kind: Kind): IndexMap => (sameIndexes ? undefined : maps![kind].to);
  const from = (kind: Kind): IndexMap => (sameIndexes ? undefined : maps![kind].from);
  const workloadTo = to('workloads');
  const poolTo = to('pools');
  const fleetTo = to('fleets');

  const dirtyPool = new Uint8Array(s1.pools.length);
  const poolFrom = from('pools');
  const tenantOf = (w: number) => mapped(workloadTo, w);
  for (let p = 0; p < s1.pools.length; p++) {
    const o = mapped(poolFrom, p);
    const a = after.pools[p]!;
    if (o < 0) dirtyPool[p] = 1;
    else if (a !== before.pools[o] && !samePoolModel(a, before.pools[o]!, tenantOf)) dirtyPool[p] = 1;
  }

  const dirtyWorkload = new Uint8Array(s1.workloads.length);
  const workloadFrom = from('workloads');
  const sameEdges =
    sameIndexes &&
    s0.callerStart === s1.callerStart &&
    s0.callerIds === s1.callerIds &&
    s0.callerHard === s1.callerHard;
  const poolOf = (p: number) => mapped(poolTo, p);
  for (let w = 0; w < s1.workloads.length; w++) {
    const o = workloadFrom ? workloadFrom[w]! : w;
    if (
      o < 0 ||
      !sameFigures(before, after, o, w, poolOf) ||
      !sameFleet(s0, s1, o, w, fleetTo, sharedTables) ||
      onDirtyPool(after.workloads[w]!.placement, dirtyPool) ||
      (!sameEdges && !sameCallers(s0, s1, o, w, workloadTo))
    )
      dirtyWorkload[w] = 1;
  }

  let domainFrom: Int32Array | undefined;
  if (s0.domainIdx !== s1.domainIdx) {
    domainFrom = new Int32Array(s1.domains.length);
    s1.domains.forEach((domain, d) => (domainFrom![d] = s0.domainIdx.get(domain.id) ?? -1));
  }
  return {
    before,
    after,
    sharedTables,
    sameIndexes,
    workloadTo,
    poolTo,
    zoneTo: to('zones'),
    clusterTo: to('clusters'),
    fleetTo,
    dirtyWorkload,
    dirtyPool,
    domainFrom,
  };
}

function onDirtyPool(placement: readonly { readonly pool: number }[], dirtyPool: Uint8Array): boolean {
  for (let i = 0; i < placement.length; i++) if (dirtyPool[placement[i]!.pool]) return true;
  return false;
}

/** A workload's own figures, its shortfalls with nothing failed and its traffic weight, old (o) and new (w). */
function sameFigures(
  before: CapacityModel,
  after: CapacityModel,
  o: number,
  w: number,
  poolOf: (p: number) => number,
) {
  const a = after.workloads[w]!;
  const b = before.workloads[o]!;
  return (
    (a === b || sameWorkloadModel(a, b, poolOf)) &&
    Object.is(after.intactCapacity[w], before.intactCapacity[o]) &&
    Object.is(after.intactAfter[w], before.intactAfter[o]) &&
    Object.is(after.intact.f[w], before.intact.f[o]) &&
    Object.is(after.intact.depF[w], before.intact.depF[o]) &&
    Object.is(after.weights[w], before.weights[o])
  );
}

/** The fleet of a dpdk-service: the same fleet, with the same instances per zone and the same zone count. */
function sameFleet(s0: Structure, s1: Structure, o: number, w: number, fleetTo: IndexMap, shared: boolean) {
  const f0 = s0.workloadFleet[o]!;
  const f1 = s1.workloadFleet[w]!;
  if (f1 < 0 || f0 < 0) return f0 === f1;
  if (mapped(fleetTo, f0) !== f1) return false;
  const a = s0.fleets[f0]!;
  const b = s1.fleets[f1]!;
  if (a === b && shared) return true;
  return a.instancesPerAz === b.instancesPerAz && s0.fleetZones[f0]!.length === s1.fleetZones[f1]!.length;
}

/** The callers of a workload, in order and with their kinds, old (o) and new (w). */
function sameCallers(s0: Structure, s1: Structure, o: number, w: number, workloadTo: IndexMap): boolean {
  const start0 = s0.callerStart[o]!;
  const start1 = s1.callerStart[w]!;
  const length = s1.callerStart[w + 1]! - start1;
  if (s0.callerStart[o + 1]! - start0 !== length) return false;
  for (let e = 0; e < length; e++) {
    if (mapped(workloadTo, s0.callerIds[start0 + e]!) !== s1.callerIds[start1 + e]) return false;
    if (s0.callerHard[start0 + e] !== s1.callerHard[start1 + e]) return false;
  }
  return true;
}

type Kind = 'regions' | 'zones' | 'clusters' | 'pools' | 'fleets' | 'workloads';

/** Index maps of one kind both ways, undefined when the indexes carry over. */
interface Mapping {
  readonly to: IndexMap;
  readonly from: IndexMap;
}

/**
 * Index maps between two structures by element id, or undefined when they share too few element objects to
 * be worth relating (or ids are not unique, so that an id does not name one element).
 */
function mappings(s0: Structure, s1: Structure): { readonly [K in Kind]: Mapping } | undefined {
  let shared = 0;
  let total = 0;
  const map = <T extends { readonly id: string }>(
    a: readonly T[],
    b: readonly T[],
    aIdx: ReadonlyMap<string, number>,
    bIdx: ReadonlyMap<string, number>,
  ): Mapping | undefined => {
    total += b.length;
    if (a.length === b.length && a.every((x, i) => x.id === b[i]!.id)) {
      for (let i = 0; i < b.length; i++) if (a[i] === b[i]) shared += 1;
      return { to: undefined, from: undefined };
    }
    if (aIdx.size !== a.length || bIdx.size !== b.length) return undefined;
    const to = new Int32Array(a.length);
    const from = new Int32Array(b.length);
    a.forEach((x, i) => (to[i] = bIdx.get(x.id) ?? -1));
    b.forEach((x, i) => {
      const o = aIdx.get(x.id) ?? -1;
      from[i] = o;
      if (o >= 0 && a[o] === x) shared += 1;
    });
    return { to, from };
  };
  const regions = map(s0.regions, s1.regions, s0.regionIdx, s1.regionIdx);
  const zones = map(s0.zones, s1.zones, s0.zoneIdx, s1.zoneIdx);
  const clusters = map(s0.clusters, s1.clusters, s0.clusterIdx, s1.clusterIdx);
  const pools = map(s0.pools, s1.pools, s0.poolIdx, s1.poolIdx);
  const fleets = map(s0.fleets, s1.fleets, s0.fleetIdx, s1.fleetIdx);
  const workloads = map(s0.workloads, s1.workloads, s0.workloadIdx, s1.workloadIdx);
  if (!regions || !zones || !clusters || !pools || !fleets || !workloads) return undefined;
  if (shared < total * MIN_SHARED) return undefined;
  return { regions, zones, clusters, pools, fleets, workloads };
}

/**
 * Compares what a domain takes out in two structures that do not share their tables: the same workloads
 * failed in the same order, the same pools and fleets hit in the same order with the same losses, the same
 * fleet workloads, the same number of failed elements, and for a zone the same clusters with the same
 * workloads (what the N+1 check reads). Reuses two scenario buffers.
 */
export class ScenarioComparer {
  private readonly old: Scenario;
  private readonly now: Scenario;

  constructor(private readonly link: ModelLink) {
    this.old = new Scenario(link.before.s);
    this.now = new Scenario(link.after.s);
  }

  same(d0: number, d1: number): boolean {
    const { link } = this;
    const s0 = link.before.s;
    const s1 = link.after.s;
    const t0 = s0.domainTargets[d0]!;
    const t1 = s1.domainTargets[d1]!;
    const a = this.old.load(t0);
    const b = this.now.load(t1);
    if (a.failedIndexes.length !== b.failedIndexes.length) return false;
    if (!sameList(a.failedWorkloads, b.failedWorkloads, link.workloadTo)) return false;
    if (!sameList(a.pools, b.pools, link.poolTo)) return false;
    for (let i = 0; i < a.pools.length; i++) {
      const p0 = a.pools[i]!;
      const p1 = b.pools[i]!;
      if (
        !Object.is(a.poolZonesLost[p0], b.poolZonesLost[p1]) ||
        !Object.is(a.poolSpotLost[p0], b.poolSpotLost[p1]) ||
        a.poolWhole[p0] !== b.poolWhole[p1]
      )
        return false;
    }
    if (!sameList(a.fleets, b.fleets, link.fleetTo)) return false;
    for (let i = 0; i < a.fleets.length; i++) {
      const f0 = a.fleets[i]!;
      const f1 = b.fleets[i]!;
      if (!Object.is(a.fleetZonesLost[f0], b.fleetZonesLost[f1]) || a.fleetWhole[f0] !== b.fleetWhole[f1])
        return false;
      if (!sameList(s0.fleetWorkloads[f0]!, s1.fleetWorkloads[f1]!, link.workloadTo)) return false;
    }
    if (t1.kind === 'zone') {
      const c0 = s0.zoneClusters[t0.index]!;
      const c1 = s1.zoneClusters[t1.index]!;
      if (!sameList(c0, c1, link.clusterTo)) return false;
      for (let i = 0; i < c1.length; i++) {
        if (!sameList(s0.clusterWorkloads[c0[i]!]!, s1.clusterWorkloads[c1[i]!]!, link.workloadTo))
          return false;
      }
    }
    return true;
  }
}

function sameList(a: ArrayLike<number>, b: ArrayLike<number>, to: IndexMap): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (mapped(to, a[i]!) !== b[i]) return false;
  return true;
}
