// The document resolved into what the exporters walk: regions with their clusters and fleets, each
// cluster with its zones, pools and Kubernetes workloads. Every list is sorted (by id, zones by AZ
// name), so the bundle does not depend on the order of elements in the input.
import type { Catalog, InstanceTypeInfo } from '../catalog/types';
import { formatCidr, parseCidr } from '../model/cidr';
import type { Cluster, Fleet, NodePool, Region, TopologyDocument, Workload, Zone } from '../model/schema';
import { compareStrings } from '../util/text';
import { sha256 } from './sha256';

/** An availability zone as the bundle uses it. */
export interface ZonePlan {
  readonly id: string;
  /** AZ name, e.g. `us-east-1a`. */
  readonly name: string;
}

/** The subnets carved out of a cluster's VPC for one zone. */
export interface SubnetPlan {
  readonly zone: ZonePlan;
  readonly privateCidr: string;
  readonly publicCidr: string;
}

export interface PoolPlan {
  readonly pool: NodePool;
  readonly zones: readonly ZonePlan[];
  readonly arch: 'amd64' | 'arm64';
  /** Whether the pool's instances have NVIDIA GPUs (per the model or the catalog). */
  readonly nvidia: boolean;
}

export interface WorkloadPlan {
  readonly workload: Workload;
  readonly namespace: string;
  readonly pool?: PoolPlan;
}

export interface ClusterPlan {
  readonly cluster: Cluster;
  readonly region: Region;
  /** EKS cluster name (also the Karpenter discovery tag value): the cluster id. */
  readonly eksName: string;
  /** Folder of the cluster's Kubernetes manifests in the bundle. */
  readonly dir: string;
  readonly zones: readonly ZonePlan[];
  readonly subnets: readonly SubnetPlan[];
  readonly pools: readonly PoolPlan[];
  /** Services and jobs (dpdk-services run on fleets and are not Kubernetes objects). */
  readonly workloads: readonly WorkloadPlan[];
  /** IAM role name of Karpenter's nodes (the EC2NodeClass refers to it by name). */
  readonly karpenterNodeRole: string;
}

export interface FleetPlan {
  readonly fleet: Fleet;
  readonly region: Region;
  readonly zones: readonly ZonePlan[];
  readonly arch: 'amd64' | 'arm64';
}

export interface RegionPlan {
  readonly region: Region;
  readonly clusters: readonly ClusterPlan[];
  readonly fleets: readonly FleetPlan[];
  /** CIDR of the VPC that holds the region's streaming fleets (none of the clusters' VPCs overlap it). */
  readonly edgeVpcCidr?: string;
  readonly edgeSubnets: readonly { readonly zone: ZonePlan; readonly cidr: string }[];
}

export interface ExportPlan {
  readonly doc: TopologyDocument;
  readonly catalog: Catalog;
  readonly regions: readonly RegionPlan[];
  readonly clusters: readonly ClusterPlan[];
  /** Pulumi project name (also its config namespace). */
  readonly project: string;
  readonly stack: string;
}

/** A problem that stops the plan (the design passed the rules but cannot be laid out). */
export interface PlanProblem {
  readonly code: string;
  readonly elementId: string;
  readonly message: string;
}

const byId = <T extends { id: string }>(a: T, b: T) => compareStrings(a.id, b.id);
const byName = (a: ZonePlan, b: ZonePlan) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id);

/** A DNS-1123 label made of free text: `Single-cluster startup` -> `single-cluster-startup`. */
export function slug(text: string, fallback: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return s || fallback;
}

/**
 * A name of at most `max` characters: the text itself when it fits, else its start and 8 hex digits of
 * its SHA-256 (so two long ids do not collapse into one name).
 */
export function boundedName(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 9).replace(/-+$/, '')}-${sha256(text).slice(0, 8)}`;
}

/** IAM role names are at most 64 characters and global to the account. */
export function karpenterNodeRoleName(clusterId: string): string {
  return boundedName(`${clusterId}-karpenter-node`, 64);
}

function archOf(types: readonly (InstanceTypeInfo | undefined)[], wanted?: readonly string[]) {
  if (wanted?.length === 1 && wanted[0] === 'arm64') return 'arm64' as const;
  return types.some((t) => t?.arch === 'arm64') && !types.some((t) => t?.arch === 'amd64')
    ? ('arm64' as const)
    : ('amd64' as const);
}

/**
 * The subnets of a VPC: each zone gets a private subnet of 1/8 of the VPC (nodes and, with the VPC CNI,
 * pods draw their addresses from it) and a public subnet of 1/64 (NAT gateways and load balancers),
 * taken from the last eighth. Up to six zones; the VPC must be a /22 or larger.
 */
export function carveSubnets(
  vpcCidr: string,
  zones: readonly ZonePlan[],
): { ok: true; subnets: SubnetPlan[] } | { ok: false; message: string } {
  const parsed = parseCidr(vpcCidr);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { base, prefix } = parsed.cidr;
  if (zones.length > 6)
    return { ok: false, message: `spans ${zones.length} zones; the export lays out at most 6` };
  if (prefix > 22)
    return { ok: false, message: `VPC ${vpcCidr} is smaller than a /22, too small for per-zone subnets` };
  const eighth = 2 ** (32 - prefix - 3);
  const sixtyFourth = 2 ** (32 - prefix - 6);
  const subnets = zones.map((zone, i) => ({
    zone,
    privateCidr: formatCidr({ base: (base + i * eighth) >>> 0, prefix: prefix + 3 }),
    publicCidr: formatCidr({ base: (base + 7 * eighth + i * sixtyFourth) >>> 0, prefix: prefix + 6 }),
  }));
  return { ok: true, subnets };
}

/** A /16 in 10.0.0.0/8 that overlaps none of the given CIDRs (searched from 10.255 down). */
function freeSlash16(taken: readonly string[]): string | undefined {
  const ranges = taken.flatMap((text) => {
    const p = parseCidr(text);
    if (!p.ok) return [];
    const size = 2 ** (32 - p.cidr.prefix);
    return [[p.cidr.base, p.cidr.base + size - 1] as const];
  });
  for (let second = 255; second >= 0; second--) {
    const lo = ((10 << 24) | (second << 16)) >>> 0;
    const hi = lo + 65535;
    if (!ranges.some(([a, b]) => a <= hi && lo <= b)) return `10.${second}.0.0/16`;
  }
  return undefined;
}

/** Resolves the document into the plan the exporters share, or the problems that prevent one. */
export function planExport(
  doc: TopologyDocument,
  catalog: Catalog,
  stack: string,
): { ok: true; plan: ExportPlan } | { ok: false; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const spec = doc.spec;
  const zonesById = new Map<string, Zone>(spec.zones.map((z) => [z.id, z]));
  // The loader and every command check references (model/integrity.ts); a document built some other
  // way is checked here for what the exporters follow, so that nothing is silently left out.
  const ids = (list: readonly { id: string }[]) => new Set(list.map((e) => e.id));
  const regionIds = ids(spec.regions);
  const clusterIds = ids(spec.clusters);
  const poolIds = ids(spec.nodePools);
  const zoneIds = ids(spec.zones);
  const missing = (elementId: string, what: string, ref: string | undefined, known: ReadonlySet<string>) => {
    if (ref !== undefined && !known.has(ref)) {
      problems.push({
        code: 'export.unresolved-reference',
        elementId,
        message: `${what} "${ref}" does not exist`,
      });
    }
  };
  for (const z of spec.zones) missing(z.id, 'region', z.region, regionIds);
  for (const c of spec.clusters) {
    missing(c.id, 'region', c.region, regionIds);
    for (const z of c.zones) missing(c.id, 'zone', z, zoneIds);
  }
  for (const p of spec.nodePools) {
    missing(p.id, 'cluster', p.cluster, clusterIds);
    for (const z of p.zones ?? []) missing(p.id, 'zone', z, zoneIds);
  }
  for (const f of spec.fleets) {
    missing(f.id, 'region', f.region, regionIds);
    for (const z of f.zones) missing(f.id, 'zone', z, zoneIds);
  }
  for (const w of spec.workloads) {
    missing(w.id, 'cluster', w.cluster, clusterIds);
    missing(w.id, 'node pool', w.nodePool, poolIds);
  }
  if (problems.length > 0) return { ok: false, problems };
  const zonePlans = (ids: readonly string[]): ZonePlan[] =>
    [...new Set(ids)]
      .map((id) => zonesById.get(id))
      .filter((z): z is Zone => z !== undefined)
      .map((z) => ({ id: z.id, name: z.zoneName }))
      .sort(byName);

  const poolsByCluster = new Map<string, NodePool[]>();
  for (const pool of [...spec.nodePools].sort(byId)) {
    const list = poolsByCluster.get(pool.cluster) ?? [];
    list.push(pool);
    poolsByCluster.set(pool.cluster, list);
  }
  const workloadsByCluster = new Map<string, Workload[]>();
  for (const w of [...spec.workloads].sort(byId)) {
    if (w.kind === 'dpdk-service' || !w.cluster) continue;
    const list = workloadsByCluster.get(w.cluster) ?? [];
    list.push(w);
    workloadsByCluster.set(w.cluster, list);
  }

  const allCidrs = spec.clusters.map((c) => c.network.vpcCidr);
  const regions: RegionPlan[] = [];
  const clusters: ClusterPlan[] = [];
  for (const region of [...spec.regions].sort(byId)) {
    const regionClusters: ClusterPlan[] = [];
    for (const cluster of spec.clusters.filter((c) => c.region === region.id).sort(byId)) {
      const zones = zonePlans(cluster.zones);
      const carved = carveSubnets(cluster.network.vpcCidr, zones);
      if (!carved.ok) {
        problems.push({ code: 'export.subnet-layout', elementId: cluster.id, message: carved.message });
        continue;
      }
      const pools: PoolPlan[] = (poolsByCluster.get(cluster.id) ?? []).map((pool) => {
        const types = pool.instanceTypes.map((t) => catalog.instanceType(t));
        return {
          pool,
          zones: zonePlans(pool.zones ?? cluster.zones),
          arch: archOf(types, pool.requirements?.architectures),
          nvidia: pool.gpu !== undefined || types.some((t) => (t?.gpus ?? 0) > 0),
        };
      });
      const poolById = new Map(pools.map((p) => [p.pool.id, p]));
      const workloads: WorkloadPlan[] = (workloadsByCluster.get(cluster.id) ?? []).map((workload) => {
        const pool = workload.nodePool ? poolById.get(workload.nodePool) : undefined;
        return { workload, namespace: workload.namespace ?? 'default', ...(pool ? { pool } : {}) };
      });
      const plan: ClusterPlan = {
        cluster,
        region,
        eksName: cluster.id,
        dir: `k8s/${region.code}/${cluster.id}`,
        zones,
        subnets: carved.subnets,
        pools,
        workloads,
        karpenterNodeRole: karpenterNodeRoleName(cluster.id),
      };
      regionClusters.push(plan);
      clusters.push(plan);
    }
    const fleets: FleetPlan[] = spec.fleets
      .filter((f) => f.region === region.id)
      .sort(byId)
      .map((fleet) => ({
        fleet,
        region,
        zones: zonePlans(fleet.zones),
        arch: archOf([catalog.instanceType(fleet.instanceType)]),
      }));
    let edgeVpcCidr: string | undefined;
    let edgeSubnets: RegionPlan['edgeSubnets'] = [];
    if (fleets.length > 0) {
      edgeVpcCidr = freeSlash16(allCidrs);
      const zones = zonePlans(fleets.flatMap((f) => f.fleet.zones));
      const carved = edgeVpcCidr ? carveSubnets(edgeVpcCidr, zones) : undefined;
      if (!carved?.ok) {
        problems.push({
          code: 'export.subnet-layout',
          elementId: fleets[0]!.fleet.id,
          message: carved ? carved.message : 'no free /16 in 10.0.0.0/8 for the streaming fleets’ VPC',
        });
      } else edgeSubnets = carved.subnets.map((s) => ({ zone: s.zone, cidr: s.privateCidr }));
    }
    regions.push({
      region,
      clusters: regionClusters,
      fleets,
      ...(edgeVpcCidr ? { edgeVpcCidr } : {}),
      edgeSubnets,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: { doc, catalog, regions, clusters, project: slug(doc.metadata.name, 'topology'), stack },
  };
}
