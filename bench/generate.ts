// Generates large, valid topologies for the benchmark: the OTT pattern (API, media and ML clusters,
// system/spot/tainted pools, workloads with dependencies, a DPDK fleet) repeated over real regions until
// the document holds about the requested number of elements, with canvas positions for every element.
import { TopologyDocumentSchema } from '../shared/model/schema';
import type { TopologyDocument } from '../shared/model/schema';

/** Regions of the catalog with three AZs each (the letters differ: AZ names are per region). */
const REGIONS: readonly (readonly [string, string])[] = [
  ['us-east-1', 'abc'],
  ['us-west-2', 'abc'],
  ['eu-west-1', 'abc'],
  ['eu-central-1', 'abc'],
  ['ap-northeast-1', 'acd'],
  ['ap-southeast-1', 'abc'],
  ['ap-southeast-2', 'abc'],
  ['us-east-2', 'abc'],
  ['eu-west-2', 'abc'],
  ['ap-south-1', 'abc'],
  ['ca-central-1', 'abd'],
  ['sa-east-1', 'abc'],
  ['eu-north-1', 'abc'],
  ['ap-northeast-2', 'abc'],
];

/** Elements one cluster adds: the cluster, 3 pools, 8 workloads, 7 dependencies. */
const PER_CLUSTER = 19;
/** Elements one region adds besides its clusters: the region, 3 zones, 1 fleet, 1 streaming workload. */
const PER_REGION = 6;

/** A valid document of about `elements` elements (regions, zones, clusters, pools, fleets, workloads, dependencies). */
export function generateTopology(elements: number): TopologyDocument {
  const regionCount = Math.min(REGIONS.length, Math.max(1, Math.round(elements / 200)));
  const clustersPerRegion = Math.max(
    1,
    Math.round((elements - regionCount * PER_REGION) / regionCount / PER_CLUSTER),
  );
  const spec = {
    settings: {
      engineering: { people: 10, monthlyCostPerPerson: 15000 },
      monitoring: { perNodeMonthly: 15, perClusterMonthly: 100 },
    },
    regions: [] as unknown[],
    zones: [] as unknown[],
    clusters: [] as unknown[],
    nodePools: [] as unknown[],
    fleets: [] as unknown[],
    workloads: [] as unknown[],
    dependencies: [] as unknown[],
  };
  const layout: Record<string, { x: number; y: number; width?: number; height?: number }> = {};
  let cidr = 0;
  REGIONS.slice(0, regionCount).forEach(([code, letters], r) => {
    const region = `r${r}`;
    spec.regions.push({ id: region, name: code, code });
    layout[region] = { x: r * 4000, y: 0, width: 3800, height: 200 + clustersPerRegion * 400 };
    const zones = [...letters].map((letter, z) => {
      const id = `${region}-${letter}`;
      spec.zones.push({ id, name: `${code}${letter}`, region, zoneName: `${code}${letter}` });
      layout[id] = { x: 20 + z * 300, y: 20 };
      return id;
    });
    spec.fleets.push({
      id: `${region}-edge`,
      name: 'edge',
      region,
      zones,
      instanceType: 'c6in.metal',
      instancesPerAz: 3,
      throughputGbpsPerInstance: 40,
      hugepages: { size: '1Gi', count: 64 },
      cpu: { isolatedCores: '2-63,66-127', numaPinning: true },
      internetEgressTBPerMonth: 200,
    });
    spec.workloads.push({
      id: `${region}-streaming`,
      name: 'streaming',
      kind: 'dpdk-service',
      fleet: `${region}-edge`,
      demand: { unit: 'gbps', baseline: 100, burstFactor: 3, perReplica: 40 },
      userFacing: true,
    });
    layout[`${region}-edge`] = { x: 1000, y: 20 };
    layout[`${region}-streaming`] = { x: 12, y: 60 };
    for (let c = 0; c < clustersPerRegion; c++) {
      const cluster = `${region}-c${c}`;
      const role = (['api', 'media', 'ml'] as const)[c % 3];
      const block = cidr++;
      spec.clusters.push({
        id: cluster,
        name: `${role}-${c}`,
        region,
        role,
        kubernetesVersion: '1.31',
        zones,
        network: { vpcCidr: `10.${block >> 6}.${(block & 63) << 2}.0/22`, serviceCidr: '172.20.0.0/16' },
        loadBalancers: [{ name: 'ingress', type: 'alb', count: 1, capacityUnits: 5 }],
      });
      layout[cluster] = { x: 20 + (c % 4) * 900, y: 200 + Math.floor(c / 4) * 400, width: 880, height: 380 };
      const taint = role === 'media' ? 'media' : role === 'ml' ? 'ml' : undefined;
      const pools = [
        {
          id: `${cluster}-sys`,
          name: 'system',
          cluster,
          role: 'system',
          provisioner: 'managed',
          instanceTypes: ['m6i.xlarge'],
          nodesPerAz: { min: 3, desired: 3, max: 4 },
          priorityClass: 'system-cluster-critical',
        },
        {
          id: `${cluster}-work`,
          name: 'work',
          cluster,
          role: role === 'ml' ? 'gpu' : role === 'media' ? 'media' : 'general',
          provisioner: 'karpenter',
          instanceTypes: role === 'ml' ? ['g5.2xlarge'] : ['m6i.2xlarge', 'm6a.2xlarge', 'm7i.2xlarge'],
          capacity:
            role === 'api' ? { spotAllowed: true, spotPercent: 70 } : { spotAllowed: false, spotPercent: 0 },
          nodesPerAz: { min: 1, desired: 4, max: 20 },
          limits: { vcpu: 480 },
          taints: taint ? [{ key: 'workload', value: taint, effect: 'NoSchedule' }] : [],
          labels: { workload: role },
          ...(role === 'ml' ? { gpu: { model: 'A10G', countPerNode: 1, sharing: 'whole' } } : {}),
        },
        {
          id: `${cluster}-batch`,
          name: 'batch',
          cluster,
          role: 'batch',
          provisioner: 'karpenter',
          instanceTypes: ['c6i.4xlarge', 'c7i.4xlarge', 'm6i.4xlarge'],
          capacity: { spotAllowed: true, spotPercent: 80 },
          nodesPerAz: { min: 0, desired: 1, max: 10 },
          labels: { workload: 'batch' },
          schedule: { hoursPerDay: 8 },
        },
      ];
      pools.forEach((pool, p) => {
        spec.nodePools.push(pool);
        layout[pool.id] = { x: 20 + p * 290, y: 40, width: 280, height: 300 };
      });
      for (let w = 0; w < 8; w++) {
        const id = `${cluster}-w${w}`;
        const onWork = w < 6;
        spec.workloads.push({
          id,
          name: `service-${w}`,
          kind: onWork ? 'service' : 'job',
          cluster,
          nodePool: onWork ? `${cluster}-work` : `${cluster}-batch`,
          namespace: `ns-${w % 3}`,
          ...(onWork ? { autoscaling: { minReplicas: 3, maxReplicas: 30, targetCpuPercent: 60 } } : {}),
          resources: { cpu: 1, memoryGiB: 2, gpu: onWork && role === 'ml' ? 1 : 0 },
          ...(onWork ? { demand: { unit: 'rps', baseline: 1000, burstFactor: 4, perReplica: 200 } } : {}),
          ...(onWork
            ? {}
            : { job: { completions: 100, parallelism: 50, durationMinutes: 20, runsPerDay: 2 } }),
          userFacing: onWork && w < 3,
          tolerations:
            onWork && taint
              ? [{ key: 'workload', operator: 'Equal', value: taint, effect: 'NoSchedule' }]
              : [],
          nodeSelector: { workload: onWork ? role : 'batch' },
        });
        // One column per pool, each box inside it (a workload box is 252 wide: two columns would overflow the
        // 280-wide pool, and React Flow would clamp the second column onto the first).
        layout[id] = { x: 14, y: 40 + (onWork ? w : w - 6) * 40 };
        if (w > 0 && w < 8) {
          spec.dependencies.push({
            id: `${cluster}-d${w}`,
            from: `${cluster}-w${w - 1}`,
            to: id,
            type: w % 2 ? 'hard' : 'soft',
          });
        }
      }
    }
  });
  return TopologyDocumentSchema.parse({
    apiVersion: 'topology-designer.dev/v1',
    kind: 'Topology',
    schemaVersion: 1,
    metadata: { name: `Generated topology (${elements} elements)` },
    spec,
    layout: { nodes: layout },
  });
}

/** How many elements a document holds. */
export function countElements(doc: TopologyDocument): number {
  const s = doc.spec;
  return (
    s.regions.length +
    s.zones.length +
    s.clusters.length +
    s.nodePools.length +
    s.fleets.length +
    s.workloads.length +
    s.dependencies.length
  );
}
