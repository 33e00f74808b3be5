// The containment and dependency structure of a document as integer-indexed tables, built once per spec
// object (documents are immutable) and shared by every blast-radius analysis of that document. Broken
// references (which the integrity check reports) are skipped here rather than refused. After an edit that
// moves nothing, the tables of the structure used last are shared rather than rebuilt (patchStructure).
import type {
  Cluster,
  Fleet,
  NodePool,
  Region,
  Spec,
  TopologyDocument,
  Workload,
  Zone,
} from '../model/schema';
import { compareStrings } from '../util/text';
import { RECENT_DOCUMENTS, RecentCache } from './cache';
import type { FailureDomain, FailureDomainKind } from './types';

/** A failure domain's target: the element index it is about (and the family of a per-family wave). */
export interface DomainTarget {
  readonly kind: FailureDomainKind;
  readonly index: number;
  readonly family?: string;
}

/** Integer-indexed tables of a document. */
export interface Structure {
  readonly spec: Spec;
  /**
   * Identity of the containment tables (every table below except the dependency edges and the domains): a
   * structure patched from another after an edit that moved nothing shares its tables and this token.
   */
  readonly shape: object;
  readonly regions: readonly Region[];
  readonly zones: readonly Zone[];
  readonly clusters: readonly Cluster[];
  readonly pools: readonly NodePool[];
  readonly fleets: readonly Fleet[];
  readonly workloads: readonly Workload[];
  readonly regionIdx: ReadonlyMap<string, number>;
  readonly zoneIdx: ReadonlyMap<string, number>;
  readonly fleetIdx: ReadonlyMap<string, number>;
  readonly clusterIdx: ReadonlyMap<string, number>;
  readonly poolIdx: ReadonlyMap<string, number>;
  readonly workloadIdx: ReadonlyMap<string, number>;
  readonly zoneRegion: Int32Array;
  readonly clusterRegion: Int32Array;
  readonly clusterZones: readonly (readonly number[])[];
  readonly clusterPools: readonly (readonly number[])[];
  /** Every workload with `cluster` set to the cluster (pinned to a pool or not). */
  readonly clusterWorkloads: readonly (readonly number[])[];
  readonly poolCluster: Int32Array;
  /** The pool's effective zones: its own list, or its cluster's. */
  readonly poolZones: readonly (readonly number[])[];
  /** Workloads pinned to the pool with `nodePool`. */
  readonly poolPinned: readonly (readonly number[])[];
  /** Spot share of the pool's nodes, 0-1. */
  readonly poolSpot: Float64Array;
  /** Share of the pool's instance-type slots in each family (each type is one slot). */
  readonly poolFamilies: readonly ReadonlyMap<string, number>[];
  readonly fleetRegion: Int32Array;
  readonly fleetZones: readonly (readonly number[])[];
  readonly fleetWorkloads: readonly (readonly number[])[];
  readonly workloadCluster: Int32Array;
  /** The pool a workload is pinned to, or -1. */
  readonly workloadPool: Int32Array;
  readonly workloadFleet: Int32Array;
  readonly workloadRegion: Int32Array;
  readonly regionZones: readonly (readonly number[])[];
  readonly regionClusters: readonly (readonly number[])[];
  readonly regionPools: readonly (readonly number[])[];
  readonly regionFleets: readonly (readonly number[])[];
  readonly regionWorkloads: readonly (readonly number[])[];
  readonly zoneClusters: readonly (readonly number[])[];
  readonly zonePools: readonly (readonly number[])[];
  readonly zoneFleets: readonly (readonly number[])[];
  /**
   * Reverse dependency edges in compressed rows: the callers of workload w are
   * callerIds[callerStart[w] .. callerStart[w + 1]), with callerHard saying which edges are hard.
   */
  readonly callerStart: Int32Array;
  readonly callerIds: Int32Array;
  readonly callerHard: Uint8Array;
  /** Forward dependency edges in compressed rows, in document order: the callees of workload w. */
  readonly calleeStart: Int32Array;
  readonly calleeIds: Int32Array;
  readonly calleeHard: Uint8Array;
  readonly domains: readonly FailureDomain[];
  readonly domainTargets: readonly DomainTarget[];
  readonly domainIdx: ReadonlyMap<string, number>;
}

/** The family of an instance type name: the part before the dot. */
function familyOf(type: string): string {
  const dot = type.indexOf('.');
  return dot < 0 ? type : type.slice(0, dot);
}

/** Whether a pool is a GPU pool (a bad GPU workload rollout takes it down with it). */
export function isGpuPool(pool: NodePool): boolean {
  return pool.gpu !== undefined || pool.role === 'gpu';
}

function indexById<T extends { id: string }>(items: readonly T[]): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    if (!map.has(item.id)) map.set(item.id, i);
  });
  return map;
}

const lists = (n: number): number[][] => Array.from({ length: n }, () => []);

function familySlots(pool: NodePool): Map<string, number> {
  const slots =
    pool.instanceTypes.length > 0 ? pool.instanceTypes.map(familyOf) : (pool.requirements?.families ?? []);
  const shares = new Map<string, number>();
  for (const family of slots) shares.set(family, (shares.get(family) ?? 0) + 1 / slots.length);
  return shares;
}

const KIND_RANK: Readonly<Record<FailureDomainKind, number>> = {
  region: 0,
  zone: 1,
  cluster: 2,
  nodePool: 3,
  fleet: 4,
  'spot-region': 5,
  'spot-family': 6,
  rollout: 7,
};

const domainCache = new WeakMap<object, { readonly key: string; readonly domain: FailureDomain }>();

/**
 * The domain of an element, reused while the element object (and `key`, the outside facts its text uses)
 * is unchanged: documents are copy-on-write, so after an edit almost every domain is the same object.
 */
function reuse(element: object, key: string, build: () => FailureDomain): FailureDomain {
  const cached = domainCache.get(element);
  if (cached && cached.key === key) return cached.domain;
  const domain = build();
  domainCache.set(element, { key, domain });
  return domain;
}

const ROLLOUT_RULE =
  'Every replica fails: a bad image, config or model passes readiness and reaches all replicas (the worst case of a rolling update).';

const regionDomain = (region: Region): FailureDomain =>
  reuse(region, '', () => ({
    id: `region:${region.id}`,
    kind: 'region',
    elementId: region.id,
    regionId: region.id,
    label: `Loss of region ${region.name} (${region.code})`,
    rule: 'Every zone, cluster, node pool, fleet and workload of the region fails.',
  }));

const zoneDomain = (zone: Zone): FailureDomain =>
  reuse(zone, '', () => ({
    id: `zone:${zone.id}`,
    kind: 'zone',
    elementId: zone.id,
    regionId: zone.region,
    label: `Loss of availability zone ${zone.zoneName}`,
    rule:
      'The zone fails: every cluster, node pool and fleet spanning it loses its nodes there (1/zones of its maximum); ' +
      'replicas are spread evenly across zones, and survivors scale up to their ceiling within what is left. ' +
      'Elements in this zone only fail entirely.',
  }));

const clusterDomain = (cluster: Cluster): FailureDomain =>
  reuse(cluster, '', () => ({
    id: `cluster:${cluster.id}`,
    kind: 'cluster',
    elementId: cluster.id,
    regionId: cluster.region,
    label: `Loss of cluster ${cluster.name}`,
    rule: 'The cluster fails with its node pools and workloads; other clusters and the streaming fleets are untouched.',
  }));

const poolDomain = (pool: NodePool, regionId: string | undefined): FailureDomain =>
  reuse(pool, regionId ?? '', () => ({
    id: `pool:${pool.id}`,
    kind: 'nodePool',
    elementId: pool.id,
    regionId,
    label: `Loss of node pool ${pool.name} (${pool.id})`,
    rule: 'The node pool fails: workloads pinned to it go down; workloads that may also run on other pools keep those.',
  }));

const fleetDomain = (fleet: Fleet): FailureDomain =>
  reuse(fleet, '', () => ({
    id: `fleet:${fleet.id}`,
    kind: 'fleet',
    elementId: fleet.id,
    regionId: fleet.region,
    label: `Loss of streaming fleet ${fleet.name}`,
    rule: 'Every instance of the fleet fails, with the dpdk-services on it.',
  }));

const spotRegionDomain = (region: Region): FailureDomain => ({
  id: `spot:${region.id}`,
  kind: 'spot-region',
  elementId: region.id,
  regionId: region.id,
  label: `Spot reclaim wave in ${region.code}`,
  rule:
    'Every node pool of the region loses its spot share of nodes (spotPercent of its maximum); on-demand nodes ' +
    'and the streaming fleets stay. Replacement with on-demand is not counted: a wave drains spot faster than new nodes arrive.',
});

const spotFamilyDomain = (region: Region, family: string): FailureDomain => ({
  id: `spot:${region.id}:${family}`,
  kind: 'spot-family',
  elementId: region.id,
  regionId: region.id,
  family,
  label: `Spot reclaim wave of ${family} in ${region.code}`,
  rule:
    `Pools of the region that use ${family} lose the spot share of their ${family} nodes: spotPercent x ` +
    `(${family} types / all of the pool's types), since Karpenter spreads nodes over the types it may launch.`,
});

/** The rollout domain of workload i; `gpuPool` is the GPU pool it is pinned to, if any. */
const rolloutDomain = (w: Workload, gpuPool: NodePool | undefined, regionId: string | undefined) =>
  reuse(w, `${gpuPool ? gpuPool.id : ''}|${regionId ?? ''}`, () => ({
    id: `rollout:${w.id}`,
    kind: 'rollout',
    elementId: w.id,
    regionId,
    label: `Bad rollout of ${w.name}`,
    rule: gpuPool
      ? `${ROLLOUT_RULE} It runs on GPU pool ${gpuPool.id}, so the pool fails too: GPU memory exhaustion or a wedged driver takes the nodes with it, and every workload on the pool goes down.`
      : `${ROLLOUT_RULE} Nothing else fails with it; callers feel it through their dependencies.`,
  }));

const cache = new RecentCache<Spec, Structure>(RECENT_DOCUMENTS);
/** The structure used last: the base the next document is patched from. */
let lastUsed: Structure | undefined;

/**
 * The structure of a document, built once per spec object (for the last few documents used). After an edit
 * that moves nothing (no element added, removed or re-parented), it is patched from the structure used last:
 * the containment tables are shared and only the changed elements' domains are rebuilt.
 */
export function structureOf(doc: TopologyDocument): Structure {
  const spec = doc.spec;
  let s = cache.get(spec);
  if (!s) {
    s = (lastUsed && patchStructure(lastUsed, spec)) ?? buildStructure(spec);
    cache.set(spec, s);
  }
  lastUsed = s;
  return s;
}

/** The dependency edges of a document in compressed rows, both ways. */
function buildEdges(
  workloadIdx: ReadonlyMap<string, number>,
  workloadCount: number,
  dependencies: Spec['dependencies'],
) {
  const edges: number[] = [];
  const callerStart = new Int32Array(workloadCount + 1);
  const calleeStart = new Int32Array(workloadCount + 1);
  for (const dep of dependencies) {
    const from = workloadIdx.get(dep.from);
    const to = workloadIdx.get(dep.to);
    if (from === undefined || to === undefined || from === to) continue;
    edges.push(from, to, dep.type === 'hard' ? 1 : 0);
    callerStart[to + 1] = callerStart[to + 1]! + 1;
    calleeStart[from + 1] = calleeStart[from + 1]! + 1;
  }
  for (let w = 0; w < workloadCount; w++) {
    callerStart[w + 1] = callerStart[w + 1]! + callerStart[w]!;
    calleeStart[w + 1] = calleeStart[w + 1]! + calleeStart[w]!;
  }
  const count = edges.length / 3;
  const callerIds = new Int32Array(count);
  const callerHard = new Uint8Array(count);
  const calleeIds = new Int32Array(count);
  const calleeHard = new Uint8Array(count);
  const callerFill = callerStart.slice(0, workloadCount);
  const calleeFill = calleeStart.slice(0, workloadCount);
  for (let e = 0; e < edges.length; e += 3) {
    const from = edges[e]!;
    const to = edges[e + 1]!;
    const hard = edges[e + 2]!;
    const at = callerFill[to]!;
    callerFill[to] = at + 1;
    callerIds[at] = from;
    callerHard[at] = hard;
    const back = calleeFill[from]!;
    calleeFill[from] = back + 1;
    calleeIds[back] = to;
    calleeHard[back] = hard;
  }
  return { callerStart, callerIds, callerHard, calleeStart, calleeIds, calleeHard };
}

function buildStructure(spec: Spec): Structure {
  const { regions, zones, clusters, nodePools: pools, fleets, workloads, dependencies } = spec;
  const regionIdx = indexById(regions);
  const zoneIdx = indexById(zones);
  const clusterIdx = indexById(clusters);
  const poolIdx = indexById(pools);
  const fleetIdx = indexById(fleets);
  const workloadIdx = indexById(workloads);
  const idx = (map: ReadonlyMap<string, number>, id: string | undefined) =>
    id === undefined ? -1 : (map.get(id) ?? -1);
  const zoneList = (ids: readonly string[]) => {
    const out: number[] = [];
    for (const id of ids) {
      const z = zoneIdx.get(id);
      if (z !== undefined && !out.includes(z)) out.push(z);
    }
    return out;
  };

  const regionZones = lists(regions.length);
  const regionClusters = lists(regions.length);
  const regionPools = lists(regions.length);
  const regionFleets = lists(regions.length);
  const regionWorkloads = lists(regions.length);
  const zoneClusters = lists(zones.length);
  const zonePools = lists(zones.length);
  const zoneFleets = lists(zones.length);

  const zoneRegion = new Int32Array(zones.length);
  zones.forEach((zone, z) => {
    zoneRegion[z] = idx(regionIdx, zone.region);
    if (zoneRegion[z]! >= 0) regionZones[zoneRegion[z]!]!.push(z);
  });

  const clusterRegion = new Int32Array(clusters.length);
  const clusterZones = clusters.map((cluster, c) => {
    clusterRegion[c] = idx(regionIdx, cluster.region);
    if (clusterRegion[c]! >= 0) regionClusters[clusterRegion[c]!]!.push(c);
    const own = zoneList(cluster.zones);
    for (const z of own) zoneClusters[z]!.push(c);
    return own;
  });
  const clusterPools = lists(clusters.length);
  const clusterWorkloads = lists(clusters.length);

  const poolCluster = new Int32Array(pools.length);
  const poolSpot = new Float64Array(pools.length);
  const poolPinned = lists(pools.length);
  const poolFamilies = pools.map(familySlots);
  const poolZones = pools.map((pool, p) => {
    const c = idx(clusterIdx, pool.cluster);
    poolCluster[p] = c;
    poolSpot[p] = spotShare(pool);
    if (c >= 0) {
      clusterPools[c]!.push(p);
      if (clusterRegion[c]! >= 0) regionPools[clusterRegion[c]!]!.push(p);
    }
    const own = pool.zones ? zoneList(pool.zones) : c >= 0 ? clusterZones[c]! : [];
    for (const z of own) zonePools[z]!.push(p);
    return own;
  });

  const fleetRegion = new Int32Array(fleets.length);
  const fleetWorkloads = lists(fleets.length);
  const fleetZones = fleets.map((fleet, f) => {
    fleetRegion[f] = idx(regionIdx, fleet.region);
    if (fleetRegion[f]! >= 0) regionFleets[fleetRegion[f]!]!.push(f);
    const own = zoneList(fleet.zones);
    for (const z of own) zoneFleets[z]!.push(f);
    return own;
  });

  const workloadCluster = new Int32Array(workloads.length);
  const workloadPool = new Int32Array(workloads.length);
  const workloadFleet = new Int32Array(workloads.length);
  const workloadRegion = new Int32Array(workloads.length);
  workloads.forEach((w, i) => {
    const f = w.kind === 'dpdk-service' ? idx(fleetIdx, w.fleet) : -1;
    const p = w.kind === 'dpdk-service' ? -1 : idx(poolIdx, w.nodePool);
    const c = w.kind === 'dpdk-service' ? -1 : idx(clusterIdx, w.cluster ?? pools[p]?.cluster);
    workloadFleet[i] = f;
    workloadPool[i] = p;
    workloadCluster[i] = c;
    workloadRegion[i] = f >= 0 ? fleetRegion[f]! : c >= 0 ? clusterRegion[c]! : -1;
    if (f >= 0) fleetWorkloads[f]!.push(i);
    if (p >= 0) poolPinned[p]!.push(i);
    if (c >= 0) clusterWorkloads[c]!.push(i);
    if (workloadRegion[i]! >= 0) regionWorkloads[workloadRegion[i]!]!.push(i);
  });

  const domains: FailureDomain[] = [];
  const domainTargets: DomainTarget[] = [];
  const add = (domain: FailureDomain, target: DomainTarget) => {
    domains.push(domain);
    domainTargets.push(target);
  };
  regions.forEach((region, r) => add(regionDomain(region), { kind: 'region', index: r }));
  zones.forEach((zone, z) => add(zoneDomain(zone), { kind: 'zone', index: z }));
  clusters.forEach((cluster, c) => add(clusterDomain(cluster), { kind: 'cluster', index: c }));
  pools.forEach((pool, p) =>
    add(poolDomain(pool, clusters[poolCluster[p]!]?.region), { kind: 'nodePool', index: p }),
  );
  fleets.forEach((fleet, f) => add(fleetDomain(fleet), { kind: 'fleet', index: f }));
  regions.forEach((region, r) => {
    const spotPools = regionPools[r]!.filter((p) => poolSpot[p]! > 0);
    if (spotPools.length === 0) return;
    add(spotRegionDomain(region), { kind: 'spot-region', index: r });
    const families = new Set<string>();
    for (const p of spotPools) for (const family of poolFamilies[p]!.keys()) families.add(family);
    for (const family of [...families].sort(compareStrings)) {
      add(spotFamilyDomain(region, family), { kind: 'spot-family', index: r, family });
    }
  });
  workloads.forEach((w, i) => {
    const p = workloadPool[i]!;
    add(rolloutDomain(w, gpuPoolOf(pools, p), regions[workloadRegion[i]!]?.id), {
      kind: 'rollout',
      index: i,
    });
  });

  const order = domains.map((_, i) => i);
  order.sort(
    (a, b) =>
      KIND_RANK[domains[a]!.kind] - KIND_RANK[domains[b]!.kind] ||
      compareStrings(domains[a]!.id, domains[b]!.id),
  );
  const sortedDomains = order.map((i) => domains[i]!);
  const sortedTargets = order.map((i) => domainTargets[i]!);
  const domainIdx = new Map<string, number>();
  sortedDomains.forEach((d, i) => {
    if (!domainIdx.has(d.id)) domainIdx.set(d.id, i);
  });

  return {
    spec,
    shape: {},
    regions,
    zones,
    clusters,
    pools,
    fleets,
    workloads,
    regionIdx,
    zoneIdx,
    fleetIdx,
    clusterIdx,
    poolIdx,
    workloadIdx,
    zoneRegion,
    clusterRegion,
    clusterZones,
    clusterPools,
    clusterWorkloads,
    poolCluster,
    poolZones,
    poolPinned,
    poolSpot,
    poolFamilies,
    fleetRegion,
    fleetZones,
    fleetWorkloads,
    workloadCluster,
    workloadPool,
    workloadFleet,
    workloadRegion,
    regionZones,
    regionClusters,
    regionPools,
    regionFleets,
    regionWorkloads,
    zoneClusters,
    zonePools,
    zoneFleets,
    ...buildEdges(workloadIdx, workloads.length, dependencies),
    domains: sortedDomains,
    domainTargets: sortedTargets,
    domainIdx,
  };
}

/** Spot share of a pool's nodes, 0-1. */
function spotShare(pool: NodePool): number {
  return pool.capacity.spotAllowed ? pool.capacity.spotPercent / 100 : 0;
}

function gpuPoolOf(pools: readonly NodePool[], p: number): NodePool | undefined {
  return p >= 0 && isGpuPool(pools[p]!) ? pools[p] : undefined;
}

const sameStrings = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Whether two versions of an element (same id) give the same containment tables: the fields that place it
 * (region, cluster, zones, pool, fleet), and for pools the spot share, instance families and GPU-ness that
 * decide which domains exist and what they take out.
 */
const PLACES = {
  region: () => true,
  zone: (a: Zone, b: Zone) => a.region === b.region,
  cluster: (a: Cluster, b: Cluster) => a.region === b.region && sameStrings(a.zones, b.zones),
  pool: (a: NodePool, b: NodePool) =>
    a.cluster === b.cluster &&
    sameStrings(a.zones, b.zones) &&
    spotShare(a) === spotShare(b) &&
    isGpuPool(a) === isGpuPool(b) &&
    sameStrings(a.instanceTypes, b.instanceTypes) &&
    (a.instanceTypes.length > 0 || sameStrings(a.requirements?.families, b.requirements?.families)),
  fleet: (a: Fleet, b: Fleet) => a.region === b.region && sameStrings(a.zones, b.zones),
  workload: (a: Workload, b: Workload) =>
    (a.kind === 'dpdk-service') === (b.kind === 'dpdk-service') &&
    a.fleet === b.fleet &&
    a.nodePool === b.nodePool &&
    a.cluster === b.cluster,
};

/**
 * Positions where a list changed, when every change keeps the element's id and placement (`same`); undefined
 * when an element was added, removed, reordered or re-placed.
 */
function changedPositions<T extends { readonly id: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
  out: number[],
): boolean {
  if (before === after) return true;
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a === b) continue;
    if (a.id !== b.id || !same(a, b)) return false;
    out.push(i);
  }
  return true;
}

/**
 * Above this share of changed elements a full build is about as cheap as a patch, and a document that shares
 * so little with the last one (a copy, another file) gets fresh tables: a `structuredClone` shares nothing.
 */
const PATCH_LIMIT = 1 / 2;

/**
 * The structure of `spec` derived from `base` when they differ only in element contents (and dependencies):
 * the same elements in the same order, none re-placed. Tables are shared; the changed elements' domains and
 * the dependency edges are rebuilt. Undefined when a full build is needed.
 */
function patchStructure(base: Structure, spec: Spec): Structure | undefined {
  const before = base.spec;
  if (base.domainIdx.size !== base.domains.length) return undefined;
  const changed = { regions: [], zones: [], clusters: [], pools: [], fleets: [], workloads: [] } as Record<
    'regions' | 'zones' | 'clusters' | 'pools' | 'fleets' | 'workloads',
    number[]
  >;
  if (
    !changedPositions(before.regions, spec.regions, PLACES.region, changed.regions) ||
    !changedPositions(before.zones, spec.zones, PLACES.zone, changed.zones) ||
    !changedPositions(before.clusters, spec.clusters, PLACES.cluster, changed.clusters) ||
    !changedPositions(before.nodePools, spec.nodePools, PLACES.pool, changed.pools) ||
    !changedPositions(before.fleets, spec.fleets, PLACES.fleet, changed.fleets) ||
    !changedPositions(before.workloads, spec.workloads, PLACES.workload, changed.workloads)
  )
    return undefined;
  const count = Object.values(changed).reduce((sum, list) => sum + list.length, 0);
  const total =
    spec.regions.length +
    spec.zones.length +
    spec.clusters.length +
    spec.nodePools.length +
    spec.fleets.length +
    spec.workloads.length;
  if (count > total * PATCH_LIMIT) return undefined;

  let domains = base.domains;
  const replace = (domain: FailureDomain) => {
    const d = base.domainIdx.get(domain.id)!;
    if (domains[d] === domain) return;
    if (domains === base.domains) domains = domains.slice();
    (domains as FailureDomain[])[d] = domain;
  };
  for (const r of changed.regions) {
    const region = spec.regions[r]!;
    replace(regionDomain(region));
    base.domainTargets.forEach((target) => {
      if (target.index !== r) return;
      if (target.kind === 'spot-region') replace(spotRegionDomain(region));
      else if (target.kind === 'spot-family') replace(spotFamilyDomain(region, target.family!));
    });
  }
  for (const z of changed.zones) replace(zoneDomain(spec.zones[z]!));
  for (const c of changed.clusters) replace(clusterDomain(spec.clusters[c]!));
  for (const p of changed.pools) {
    replace(poolDomain(spec.nodePools[p]!, spec.clusters[base.poolCluster[p]!]?.region));
  }
  for (const f of changed.fleets) replace(fleetDomain(spec.fleets[f]!));
  for (const w of changed.workloads) {
    const workload = spec.workloads[w]!;
    const region = spec.regions[base.workloadRegion[w]!]?.id;
    replace(rolloutDomain(workload, gpuPoolOf(spec.nodePools, base.workloadPool[w]!), region));
  }
  const edges =
    spec.dependencies === before.dependencies
      ? {}
      : buildEdges(base.workloadIdx, spec.workloads.length, spec.dependencies);
  return {
    ...base,
    ...edges,
    spec,
    regions: spec.regions,
    zones: spec.zones,
    clusters: spec.clusters,
    pools: spec.nodePools,
    fleets: spec.fleets,
    workloads: spec.workloads,
    domains,
  };
}
