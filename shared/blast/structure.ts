// The containment and dependency structure of a document as integer-indexed tables, built once per spec
// object (documents are immutable) and shared by every blast-radius analysis of that document. Broken
// references (which the integrity check reports) are skipped here rather than refused.
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
  readonly regions: readonly Region[];
  readonly zones: readonly Zone[];
  readonly clusters: readonly Cluster[];
  readonly pools: readonly NodePool[];
  readonly fleets: readonly Fleet[];
  readonly workloads: readonly Workload[];
  readonly zoneIdx: ReadonlyMap<string, number>;
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

const cache = new RecentCache<Spec, Structure>(RECENT_DOCUMENTS);

/** The structure of a document, built once per spec object (for the last few documents used). */
export function structureOf(doc: TopologyDocument): Structure {
  const spec = doc.spec;
  const cached = cache.get(spec);
  if (cached) return cached;
  const built = buildStructure(spec);
  cache.set(spec, built);
  return built;
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
    poolSpot[p] = pool.capacity.spotAllowed ? pool.capacity.spotPercent / 100 : 0;
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

  const callerStart = new Int32Array(workloads.length + 1);
  const edges: number[] = [];
  for (const dep of dependencies) {
    const from = workloadIdx.get(dep.from);
    const to = workloadIdx.get(dep.to);
    if (from === undefined || to === undefined || from === to) continue;
    edges.push(from, to, dep.type === 'hard' ? 1 : 0);
    callerStart[to + 1] = callerStart[to + 1]! + 1;
  }
  for (let w = 0; w < workloads.length; w++) callerStart[w + 1] = callerStart[w + 1]! + callerStart[w]!;
  const callerIds = new Int32Array(edges.length / 3);
  const callerHard = new Uint8Array(edges.length / 3);
  const fill = callerStart.slice(0, workloads.length);
  for (let e = 0; e < edges.length; e += 3) {
    const at = fill[edges[e + 1]!]!;
    fill[edges[e + 1]!] = at + 1;
    callerIds[at] = edges[e]!;
    callerHard[at] = edges[e + 2]!;
  }

  const domains: FailureDomain[] = [];
  const domainTargets: DomainTarget[] = [];
  const add = (domain: FailureDomain, target: DomainTarget) => {
    domains.push(domain);
    domainTargets.push(target);
  };
  regions.forEach((region, r) =>
    add(
      reuse(region, '', () => ({
        id: `region:${region.id}`,
        kind: 'region',
        elementId: region.id,
        regionId: region.id,
        label: `Loss of region ${region.name} (${region.code})`,
        rule: 'Every zone, cluster, node pool, fleet and workload of the region fails.',
      })),
      { kind: 'region', index: r },
    ),
  );
  zones.forEach((zone, z) =>
    add(
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
      })),
      { kind: 'zone', index: z },
    ),
  );
  clusters.forEach((cluster, c) =>
    add(
      reuse(cluster, '', () => ({
        id: `cluster:${cluster.id}`,
        kind: 'cluster',
        elementId: cluster.id,
        regionId: cluster.region,
        label: `Loss of cluster ${cluster.name}`,
        rule: 'The cluster fails with its node pools and workloads; other clusters and the streaming fleets are untouched.',
      })),
      { kind: 'cluster', index: c },
    ),
  );
  pools.forEach((pool, p) => {
    const regionId = clusters[poolCluster[p]!]?.region;
    add(
      reuse(pool, regionId ?? '', () => ({
        id: `pool:${pool.id}`,
        kind: 'nodePool',
        elementId: pool.id,
        regionId,
        label: `Loss of node pool ${pool.name} (${pool.id})`,
        rule: 'The node pool fails: workloads pinned to it go down; workloads that may also run on other pools keep those.',
      })),
      { kind: 'nodePool', index: p },
    );
  });
  fleets.forEach((fleet, f) =>
    add(
      reuse(fleet, '', () => ({
        id: `fleet:${fleet.id}`,
        kind: 'fleet',
        elementId: fleet.id,
        regionId: fleet.region,
        label: `Loss of streaming fleet ${fleet.name}`,
        rule: 'Every instance of the fleet fails, with the dpdk-services on it.',
      })),
      { kind: 'fleet', index: f },
    ),
  );
  regions.forEach((region, r) => {
    const spotPools = regionPools[r]!.filter((p) => poolSpot[p]! > 0);
    if (spotPools.length === 0) return;
    add(
      {
        id: `spot:${region.id}`,
        kind: 'spot-region',
        elementId: region.id,
        regionId: region.id,
        label: `Spot reclaim wave in ${region.code}`,
        rule:
          'Every node pool of the region loses its spot share of nodes (spotPercent of its maximum); on-demand nodes ' +
          'and the streaming fleets stay. Replacement with on-demand is not counted: a wave drains spot faster than new nodes arrive.',
      },
      { kind: 'spot-region', index: r },
    );
    const families = new Set<string>();
    for (const p of spotPools) for (const family of poolFamilies[p]!.keys()) families.add(family);
    for (const family of [...families].sort(compareStrings)) {
      add(
        {
          id: `spot:${region.id}:${family}`,
          kind: 'spot-family',
          elementId: region.id,
          regionId: region.id,
          family,
          label: `Spot reclaim wave of ${family} in ${region.code}`,
          rule:
            `Pools of the region that use ${family} lose the spot share of their ${family} nodes: spotPercent x ` +
            `(${family} types / all of the pool's types), since Karpenter spreads nodes over the types it may launch.`,
        },
        { kind: 'spot-family', index: r, family },
      );
    }
  });
  workloads.forEach((w, i) => {
    const p = workloadPool[i]!;
    const gpu = p >= 0 && isGpuPool(pools[p]!);
    const regionId = regions[workloadRegion[i]!]?.id;
    add(
      reuse(w, `${gpu ? pools[p]!.id : ''}|${regionId ?? ''}`, () => ({
        id: `rollout:${w.id}`,
        kind: 'rollout',
        elementId: w.id,
        regionId,
        label: `Bad rollout of ${w.name}`,
        rule: gpu
          ? `${ROLLOUT_RULE} It runs on GPU pool ${pools[p]!.id}, so the pool fails too: GPU memory exhaustion or a wedged driver takes the nodes with it, and every workload on the pool goes down.`
          : `${ROLLOUT_RULE} Nothing else fails with it; callers feel it through their dependencies.`,
      })),
      { kind: 'rollout', index: i },
    );
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
    regions,
    zones,
    clusters,
    pools,
    fleets,
    workloads,
    zoneIdx,
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
    callerStart,
    callerIds,
    callerHard,
    domains: sortedDomains,
    domainTargets: sortedTargets,
    domainIdx,
  };
}
