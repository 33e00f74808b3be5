// The cost engine: the monthly cost of a document, line by line, rolled up by category, region, cluster
// and pool. It runs on every edit, so each pool's, fleet's, cluster's and workload's lines are cached
// against the element object (documents are immutable and commands copy on write, so an unchanged
// element keeps its identity) and reused while the objects they depend on are the same; one edit then
// recomputes one element and the roll-up.
import type { Catalog } from '../catalog/types';
import type { Cluster, NodePool, Region, Settings, TopologyDocument } from '../model/schema';
import { compareStrings } from '../util/text';
import { clusterCost, egressCost, engineeringCost, workloadCost } from './cluster';
import type { EgressSource } from './cluster';
import type { ElementCost, Sum } from './lines';
import { addSum, emptySum, roundCents } from './lines';
import { fleetCost, poolCost } from './nodes';
import type { PriceBook } from './prices';
import { priceBook } from './prices';
import type {
  CostAssumptions,
  CostCategory,
  CostGroup,
  CostLine,
  CostReport,
  CostTotal,
  UsedSource,
} from './types';
import { COST_CATEGORIES } from './types';

/** A cached value and the objects it was computed from. */
interface Memo<T> {
  readonly a: unknown;
  readonly b: unknown;
  readonly c: unknown;
  readonly d: unknown;
  readonly value: T;
}

/** Returns the value cached for `key` if it was computed from the same four objects, else computes it. */
function memoised<K extends object, T>(
  cache: WeakMap<K, Memo<T>>,
  key: K,
  a: unknown,
  b: unknown,
  c: unknown,
  d: unknown,
  compute: () => T,
): T {
  const hit = cache.get(key);
  if (hit && hit.a === a && hit.b === b && hit.c === c && hit.d === d) return hit.value;
  const value = compute();
  cache.set(key, { a, b, c, d, value });
  return value;
}

/** Per element: its lines, valid while its cluster, region, settings and price book are the same objects. */
const elementMemo = new WeakMap<object, Memo<ElementCost>>();

/** An element's cost from the cache, or computed (without allocating on a cache hit). */
function elementCostOf<E extends object>(
  element: E,
  cluster: Cluster | undefined | null,
  region: Region | undefined,
  settings: Settings,
  prices: PriceBook,
  compute: (
    element: E,
    cluster: Cluster | undefined,
    region: Region | undefined,
    settings: Settings,
    prices: PriceBook,
  ) => ElementCost,
): ElementCost {
  const hit = elementMemo.get(element);
  if (hit && hit.a === cluster && hit.b === region && hit.c === settings && hit.d === prices)
    return hit.value;
  const value = compute(element, cluster ?? undefined, region, settings, prices);
  elementMemo.set(element, { a: cluster, b: region, c: settings, d: prices, value });
  return value;
}

/** Per region: its internet egress lines, valid while its egress volumes, settings and prices are the same. */
const egressMemo = new WeakMap<Region, Memo<ElementCost>>();

const lookups = new WeakMap<readonly { id: string }[], Map<string, unknown>>();

/** Elements of a list by id (the first of duplicates), built once per (immutable) list. */
function byId<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  let map = lookups.get(list) as Map<string, T> | undefined;
  if (!map) {
    map = new Map();
    for (const element of list) if (!map.has(element.id)) map.set(element.id, element);
    lookups.set(list, map);
  }
  return map;
}

/**
 * Running totals by key. The first total under a key is kept as is (most keys have one: a pool's own
 * total) and copied only when a second one is added, so cached element totals are never changed.
 */
class Totals<K> {
  readonly sums = new Map<K, Sum>();
  private readonly owned = new Set<Sum>();

  add(key: K, sum: Sum): void {
    const into = this.sums.get(key);
    if (!into) this.sums.set(key, sum);
    else if (this.owned.has(into)) addSum(into, sum);
    else {
      const copy = { ...into };
      addSum(copy, sum);
      this.owned.add(copy);
      this.sums.set(key, copy);
    }
  }
}

/** Key of the lines that belong to no region, cluster or pool (ids are never empty). */
const NONE = '';

/**
 * The roll-up of one element list (clusters, pools, workloads or fleets): each element's cost, bucketed by
 * its region (clusters, fleets) or cluster (pools, workloads), and the list's totals by category, region,
 * cluster and pool. Cached per list object, so an edit elsewhere reuses it whole.
 */
interface ListCost {
  readonly buckets: ReadonlyMap<string, readonly ElementCost[]>;
  readonly total: Sum;
  readonly categories: ReadonlyMap<CostCategory, Sum>;
  readonly regions: ReadonlyMap<string, Sum>;
  readonly clusters: ReadonlyMap<string, Sum>;
  readonly pools: ReadonlyMap<string, Sum>;
  readonly sourceIds: ReadonlySet<string>;
  /** Internet egress of the list's elements by region id. */
  readonly egress: ReadonlyMap<string, readonly EgressSource[]>;
}

const listMemo = new WeakMap<readonly object[], Memo<ListCost>>();

/** Rolls up the costs of one list's elements (in list order); `cost` returns undefined for an element with none. */
function listCost<T extends object>(
  list: readonly T[],
  bucketOf: (element: T) => string,
  cost: (element: T) => ElementCost | undefined,
): ListCost {
  const buckets = new Map<string, ElementCost[]>();
  const total = emptySum();
  const categories = new Totals<CostCategory>();
  const regions = new Totals<string>();
  const clusters = new Totals<string>();
  const pools = new Totals<string>();
  const sourceIds = new Set<string>();
  const egress = new Map<string, EgressSource[]>();
  for (const element of list) {
    const c = cost(element);
    if (!c) continue;
    const bucket = bucketOf(element);
    const inBucket = buckets.get(bucket);
    if (inBucket) inBucket.push(c);
    else buckets.set(bucket, [c]);
    const owner = c.owner;
    if (c.egressGB > 0 && owner.regionId !== undefined) {
      const sources = egress.get(owner.regionId);
      const source = { elementId: owner.elementId, gb: c.egressGB };
      if (sources) sources.push(source);
      else egress.set(owner.regionId, [source]);
    }
    if (c.total.items === 0) continue;
    addSum(total, c.total);
    for (const { category, sum } of c.byCategory) categories.add(category, sum);
    regions.add(owner.regionId ?? NONE, c.total);
    clusters.add(owner.clusterId ?? NONE, c.total);
    pools.add(owner.poolId ?? NONE, c.total);
    for (const id of c.sourceIds) sourceIds.add(id);
  }
  return {
    buckets,
    total,
    categories: categories.sums,
    regions: regions.sums,
    clusters: clusters.sums,
    pools: pools.sums,
    sourceIds,
    egress,
  };
}

/** A rounded total. */
function total(sum: Sum): CostTotal {
  return {
    expected: roundCents(sum.expected),
    maximum: roundCents(sum.maximum),
    complete: sum.unpriced === 0,
    unpriced: sum.unpriced,
    items: sum.items,
  };
}

/** A group: a key, its label and the rounded total. */
function group(key: string | null, label: string, sum: Sum): CostGroup {
  return {
    key,
    label,
    expected: roundCents(sum.expected),
    maximum: roundCents(sum.maximum),
    complete: sum.unpriced === 0,
    unpriced: sum.unpriced,
    items: sum.items,
  };
}

/**
 * Groups from the lists' totals under one key kind: first the elements of `order` (document order) that
 * have lines, then keys that name no element of it (dangling references), then the lines outside any.
 */
function groups<T extends { readonly id: string }>(
  parts: readonly ReadonlyMap<string, Sum>[],
  order: readonly T[],
  label: (element: T) => string,
  outsideLabel: string,
): CostGroup[] {
  const known = byId(order);
  // The parts' sums of a key, added up; a single one is returned as is (it is only read).
  const sumOf = (key: string): Sum | undefined => {
    let sum: Sum | undefined;
    let combined = false;
    for (const part of parts) {
      const found = part.get(key);
      if (!found) continue;
      if (!sum) sum = found;
      else {
        if (!combined) {
          sum = { ...sum };
          combined = true;
        }
        addSum(sum, found);
      }
    }
    return sum;
  };
  const out: CostGroup[] = [];
  for (const element of order) {
    if (known.get(element.id) !== element) continue;
    const sum = sumOf(element.id);
    if (sum) out.push(group(element.id, label(element), sum));
  }
  const dangling = new Set<string>();
  for (const part of parts) {
    for (const key of part.keys()) if (key !== NONE && !known.has(key)) dangling.add(key);
  }
  for (const key of dangling) out.push(group(key, key, sumOf(key)!));
  const outside = sumOf(NONE);
  if (outside) out.push(group(null, outsideLabel, outside));
  return out;
}

/** The pricing rules applied, in words, with the settings that shape them. */
function rules(settings: Settings): string[] {
  const { currency, usdExchangeRate: rate } = settings;
  const out = [
    `Monthly amounts for ${settings.hoursPerMonth} hours a month (settings.hoursPerMonth); each line rounded to the cent.`,
    currency === 'USD' && rate === 1
      ? 'Amounts in USD, as the catalog prices them.'
      : `Catalog prices are in USD, converted at ${rate} ${currency} per USD (settings.usdExchangeRate); the document's own amounts (monitoring, engineering) are taken as ${currency}.`,
    'Node counts: nodesPerAz x the pool\u2019s zones; expected uses desired, maximum uses max, and Karpenter NodePool limits (vcpu, memoryGiB) cap both at limit / average node size of the priced mix.',
    'On-demand nodes: Karpenter pools at the cheapest listed type offered in the region (lowest-price allocation); managed node groups at the first listed type (prioritized order).',
    'Spot nodes: an equal mix of the listed types that can run as spot (price-capacity-optimized has no single answer); pools given by requirements spread over the matching types of the on-demand choice\u2019s size.',
    `Spot price = on-demand x (1 - Spot Advisor savings %), an estimate; ${settings.spot.fallbackOnDemandPercent}% of spot nodes are priced at on-demand for interruptions (settings.spot.fallbackOnDemandPercent).`,
    'Pools with a schedule run hoursPerMonth x hoursPerDay/24; their root volumes and per-node monitoring scale the same way.',
    'EKS control plane per cluster-hour at the standard or extended support rate.',
    'Storage: one root volume per node or fleet instance (gp3 or gp2 GB-month; gp3 IOPS above 3,000 and throughput above 125 MB/s); services with resources.volumeGiB add one gp3 volume per replica.',
    'Load balancers: count x (hourly price + capacityUnits x LCU/NLCU-hour price), all month; expected = maximum.',
    'NAT gateways: one per cluster zone (per-az), one (single) or none, all month, each with a public IPv4 address; data processed when traffic.natProcessedGBPerMonth is set.',
    'Inter-AZ transfer (traffic.interAzGBPerMonth) is billed on both sides; internet egress of a region\u2019s fleets and clusters is added up and priced through the region\u2019s tiers (TB = 1,024 GB), without the free tier.',
    'DPDK fleets: instancesPerAz x zones on-demand all month, with one public IPv4 address per instance.',
    'Not included: reserved instances and Savings Plans, Windows, EFS, snapshots, inter-region transfer, public IPv4 of load balancers.',
  ];
  const { perNodeMonthly, perClusterMonthly } = settings.monitoring;
  out.push(
    perNodeMonthly > 0 || perClusterMonthly > 0
      ? `Monitoring is an assumption of the document: ${perNodeMonthly} ${currency} per node (pool nodes and fleet instances) and ${perClusterMonthly} ${currency} per cluster a month.`
      : 'Monitoring is not included (settings.monitoring is 0).',
  );
  const { people, monthlyCostPerPerson } = settings.engineering;
  out.push(
    people > 0
      ? `Engineering time is an assumption of the document, shown apart from infrastructure: ${people} people x ${monthlyCostPerPerson} ${currency} a month.`
      : 'Engineering time is not included (settings.engineering.people is 0).',
  );
  const overrides = settings.priceOverrides?.length ?? 0;
  if (overrides > 0) {
    out.push(
      `${overrides} price${overrides === 1 ? '' : 's'} entered in the document (settings.priceOverrides) take precedence over the catalog and are cited as override:<region>/<key>.`,
    );
  }
  return out;
}

function assumptions(settings: Settings): CostAssumptions {
  return {
    hoursPerMonth: settings.hoursPerMonth,
    currency: settings.currency,
    usdExchangeRate: settings.usdExchangeRate,
    spotFallbackOnDemandPercent: settings.spot.fallbackOnDemandPercent,
    engineering: { ...settings.engineering },
    monitoring: { ...settings.monitoring },
    priceOverrides: settings.priceOverrides?.length ?? 0,
    rules: rules(settings),
  };
}

/** The last report per catalog and what it was computed from: edits that change nothing priced reuse it. */
const reportMemo = new WeakMap<
  Catalog,
  { readonly inputs: readonly unknown[]; readonly report: CostReport }
>();

/** The monthly cost of a document from a catalog: every line item, its totals and roll-ups. */
export function estimateCost(doc: TopologyDocument, catalog: Catalog): CostReport {
  const spec = doc.spec;
  // Layout moves, dependency and zone edits change nothing that is priced.
  const inputs = [
    spec.regions,
    spec.clusters,
    spec.nodePools,
    spec.workloads,
    spec.fleets,
    spec.settings,
    doc.metadata.name,
  ];
  const last = reportMemo.get(catalog);
  if (last && last.inputs.every((input, i) => input === inputs[i])) return last.report;
  const report = computeReport(doc, catalog);
  reportMemo.set(catalog, { inputs, report });
  return report;
}

/** The report of a document, from the cached costs of its lists and elements. */
function computeReport(doc: TopologyDocument, catalog: Catalog): CostReport {
  const spec = doc.spec;
  const settings = spec.settings;
  const prices: PriceBook = priceBook(catalog, settings.priceOverrides);
  const regions = byId(spec.regions);
  const clusters = byId(spec.clusters);
  const regionOf = (cluster: Cluster | undefined): Region | undefined =>
    cluster ? regions.get(cluster.region) : undefined;

  // Each list's roll-up, cached per list; inside it each element's lines, cached per element.
  const clusterPart = memoised(listMemo, spec.clusters, spec.regions, settings, prices, null, () =>
    listCost(
      spec.clusters,
      (cluster) => cluster.region,
      (cluster) =>
        elementCostOf(cluster, null, regions.get(cluster.region), settings, prices, (c, _, r, s, p) =>
          clusterCost(c, r, s, p),
        ),
    ),
  );
  const poolPart = memoised(listMemo, spec.nodePools, spec.clusters, spec.regions, settings, prices, () =>
    listCost(
      spec.nodePools,
      (pool) => pool.cluster,
      (pool) => {
        const cluster = clusters.get(pool.cluster);
        return elementCostOf(pool, cluster, regionOf(cluster), settings, prices, poolCost);
      },
    ),
  );
  const workloadPart = memoised(listMemo, spec.workloads, spec.clusters, spec.regions, settings, prices, () =>
    listCost(
      spec.workloads,
      (workload) => workload.cluster ?? NONE,
      (workload) => {
        if (workload.resources?.volumeGiB === undefined || workload.kind !== 'service') return undefined;
        const cluster = workload.cluster !== undefined ? clusters.get(workload.cluster) : undefined;
        return elementCostOf(workload, cluster, regionOf(cluster), settings, prices, workloadCost);
      },
    ),
  );
  const fleetPart = memoised(listMemo, spec.fleets, spec.regions, settings, prices, null, () =>
    listCost(
      spec.fleets,
      (fleet) => fleet.region,
      (fleet) =>
        elementCostOf(fleet, null, regions.get(fleet.region), settings, prices, (f, _, r, s, p) =>
          fleetCost(f, r, s, p),
        ),
    ),
  );

  // Internet egress, per region, priced through its tiers (cached per region while its volumes are the same).
  const egressParts: ElementCost[] = [];
  const egressOf = new Map<string, ElementCost>();
  for (const region of spec.regions) {
    if (regions.get(region.id) !== region) continue;
    const fromClusters = clusterPart.egress.get(region.id);
    const fromFleets = fleetPart.egress.get(region.id);
    if (!fromClusters && !fromFleets) continue;
    const cost = memoised(egressMemo, region, fromClusters, fromFleets, settings, prices, () =>
      egressCost(region, [...(fromClusters ?? []), ...(fromFleets ?? [])], settings, prices),
    );
    egressOf.set(region.id, cost);
    egressParts.push(cost);
  }
  const egressPart = listCost(
    egressParts,
    () => NONE,
    (cost) => cost,
  );
  const parts = [clusterPart, poolPart, workloadPart, fleetPart, egressPart];

  // Lines region by region: each cluster with its pools and workloads, then fleets, then egress; lines of
  // elements whose region or cluster is not in the document (they say so) come last.
  const lines: CostLine[] = [];
  const emit = (costs: readonly ElementCost[] | undefined) => {
    if (!costs) return;
    for (const cost of costs) for (let i = 0; i < cost.lines.length; i++) lines.push(cost.lines[i]!);
  };
  const emitted = new Set<string>();
  const emitCluster = (cost: ElementCost) => {
    emit([cost]);
    const id = cost.owner.elementId;
    if (emitted.has(id)) return;
    emitted.add(id);
    emit(poolPart.buckets.get(id));
    emit(workloadPart.buckets.get(id));
  };
  for (const region of spec.regions) {
    if (regions.get(region.id) !== region) continue;
    for (const cost of clusterPart.buckets.get(region.id) ?? []) emitCluster(cost);
    emit(fleetPart.buckets.get(region.id));
    const egress = egressOf.get(region.id);
    if (egress) emit([egress]);
  }
  for (const [regionId, costs] of clusterPart.buckets) {
    if (!regions.has(regionId)) for (const cost of costs) emitCluster(cost);
  }
  for (const part of [poolPart, workloadPart]) {
    for (const [clusterId, costs] of part.buckets) if (!emitted.has(clusterId)) emit(costs);
  }
  for (const [regionId, costs] of fleetPart.buckets) if (!regions.has(regionId)) emit(costs);
  const engineering = engineeringCost(settings);
  emit([engineering]);

  // Totals: the lists' totals added in a fixed order, so a cached run adds up exactly like a fresh one.
  const infrastructure = emptySum();
  const totals = new Totals<CostCategory>();
  const sourceIds = new Set<string>();
  for (const part of parts) {
    addSum(infrastructure, part.total);
    for (const [category, sum] of part.categories) totals.add(category, sum);
    for (const id of part.sourceIds) sourceIds.add(id);
  }
  const engineeringSum = engineering.total;
  if (engineeringSum.items > 0) totals.add('engineering', engineeringSum);
  const categories = totals.sums;
  const grand = emptySum();
  addSum(grand, infrastructure);
  addSum(grand, engineeringSum);

  const regionLabel = (region: Region) =>
    region.name === region.code ? region.code : `${region.name} (${region.code})`;
  const poolLabel = (pool: NodePool) => `${clusters.get(pool.cluster)?.name ?? pool.cluster} / ${pool.name}`;
  const sources: UsedSource[] = [];
  for (const id of [...sourceIds].sort(compareStrings)) {
    sources.push(
      prices.source(id) ?? {
        id,
        description: 'not listed in the catalog',
        date: 'unknown',
        licence: 'unknown',
      },
    );
  }
  return {
    documentName: doc.metadata.name,
    currency: settings.currency,
    catalog: { id: catalog.id, generatedAt: catalog.generatedAt },
    lines,
    totals: {
      infrastructure: total(infrastructure),
      engineering: total(engineeringSum),
      grand: total(grand),
    },
    byCategory: COST_CATEGORIES.filter(({ key }) => categories.has(key)).map(({ key, label }) => ({
      key,
      label,
      ...total(categories.get(key)!),
    })),
    byRegion: groups(
      parts.map((part) => part.regions),
      spec.regions,
      regionLabel,
      'outside any region',
    ),
    byCluster: groups(
      parts.map((part) => part.clusters),
      spec.clusters,
      (cluster) => cluster.name,
      'outside any cluster (fleets, region-wide egress)',
    ),
    byPool: groups(
      parts.map((part) => part.pools),
      spec.nodePools,
      poolLabel,
      'outside any pool (cluster-wide, fleet and region-wide items)',
    ),
    assumptions: assumptions(settings),
    sources,
  };
}
