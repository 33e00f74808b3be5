import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { docBuilder, platformBuilder } from '../test-support/builders';
import {
  ClusterSchema,
  DependencySchema,
  FleetSchema,
  LayoutSchema,
  MetadataSchema,
  NodePoolSchema,
  RegionSchema,
  SettingsSchema,
  TopologyDocumentSchema,
  WorkloadSchema,
  ZoneSchema,
  countCpuList,
  isExtensionKey,
  sortRecord,
} from './schema';

/** Every issue of a failed parse as `path: message`; an empty list when it parses. */
function issues(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const pool = {
  id: 'p',
  name: 'pool',
  cluster: 'c',
  role: 'general',
  provisioner: 'karpenter',
  instanceTypes: ['m6i.xlarge'],
  nodesPerAz: { min: 1, desired: 2, max: 3 },
};
const service = {
  id: 'w',
  name: 'web',
  kind: 'service',
  cluster: 'c',
  replicas: 2,
  resources: { cpu: 0.5, memoryGiB: 1 },
};
const fleet = {
  id: 'f',
  name: 'fleet',
  region: 'r',
  zones: ['r-a'],
  instanceType: 'c6in.metal',
  instancesPerAz: 2,
  throughputGbpsPerInstance: 50,
  hugepages: { size: '1Gi', count: 16 },
};

describe('element schemas', () => {
  it('accepts a minimal element of every kind and fills in its defaults', () => {
    const parsedPool = NodePoolSchema.parse(pool);
    expect(parsedPool).toMatchObject({
      capacity: { spotAllowed: false, spotPercent: 0 },
      taints: [],
      labels: {},
      rootVolume: { sizeGiB: 50, type: 'gp3' },
    });
    expect(parsedPool.zones).toBeUndefined();
    expect(WorkloadSchema.parse(service)).toMatchObject({
      userFacing: false,
      stateful: false,
      tolerations: [],
      nodeSelector: {},
      resources: { cpu: 0.5, memoryGiB: 1, gpu: 0 },
    });
    expect(FleetSchema.parse(fleet)).toMatchObject({
      cpu: { numaPinning: true },
      placementGroup: 'cluster',
      internetEgressTBPerMonth: 0,
    });
    expect(RegionSchema.parse({ id: 'r', name: 'R', code: 'us-east-1' })).toEqual({
      id: 'r',
      name: 'R',
      code: 'us-east-1',
    });
    expect(issues(ZoneSchema, { id: 'r-a', name: 'a', region: 'r', zoneName: 'us-east-1a' })).toEqual([]);
    expect(issues(DependencySchema, { id: 'd', from: 'a', to: 'b', type: 'soft' })).toEqual([]);
  });

  it('refuses ids that are not lower-case slugs', () => {
    for (const id of ['API', '-a', 'a-', 'a_b', '', 'a'.repeat(64)]) {
      expect(issues(RegionSchema, { id, name: 'R', code: 'us-east-1' })).toEqual([
        'id: must be 1-63 lower-case letters, digits or dashes, starting and ending with a letter or digit',
      ]);
    }
    expect(issues(RegionSchema, { id: 'a'.repeat(63), name: 'R', code: 'us-east-1' })).toEqual([]);
  });

  it('refuses unknown fields with a did-you-mean hint and keeps x- extension fields, sorted last', () => {
    expect(issues(WorkloadSchema, { ...service, replica: 3 })).toEqual([
      'replica: unknown field "replica"; did you mean "replicas"? (custom fields must start with "x-")',
    ]);
    const parsed = RegionSchema.parse({
      'x-zeta': 1,
      code: 'us-east-1',
      'x-alpha': true,
      id: 'r',
      name: 'R',
    });
    expect(Object.keys(parsed)).toEqual(['id', 'name', 'code', 'x-alpha', 'x-zeta']);
    // Without extension fields the known ones still come in the schema's order, whatever the input's.
    expect(Object.keys(RegionSchema.parse({ code: 'us-east-1', name: 'R', id: 'r' }))).toEqual([
      'id',
      'name',
      'code',
    ]);
    expect(
      RegionSchema.parse({ id: 'r', name: 'R', code: 'us-east-1', notes: undefined }),
    ).not.toHaveProperty('notes');
    expect(isExtensionKey('x-team')).toBe(true);
    expect(isExtensionKey('team')).toBe(false);
  });

  it('checks region codes, zone names and zone ids', () => {
    expect(issues(RegionSchema, { id: 'r', name: 'R', code: 'us-east' })).toEqual([
      'code: must be an AWS region code such as us-east-1',
    ]);
    expect(issues(ZoneSchema, { id: 'z', name: 'z', region: 'r', zoneName: 'us-east-1' })).toEqual([
      'zoneName: must be an AZ name such as us-east-1a',
    ]);
    expect(
      issues(ZoneSchema, { id: 'z', name: 'z', region: 'r', zoneName: 'us-east-1a', zoneId: 'az1' }),
    ).toEqual(['zoneId: must be an AZ id such as use1-az1']);
  });

  it('checks a cluster’s role, version, zones and network', () => {
    const cluster = {
      id: 'c',
      name: 'c',
      region: 'r',
      role: 'api',
      kubernetesVersion: '1.31',
      zones: ['r-a'],
      network: { vpcCidr: '10.0.0.0/16', serviceCidr: '172.20.0.0/16' },
    };
    expect(ClusterSchema.parse(cluster)).toMatchObject({
      environment: 'production',
      controlPlane: { support: 'standard' },
      natGateways: 'per-az',
      loadBalancers: [],
    });
    expect(issues(ClusterSchema, { ...cluster, role: 'video-edge' })).toEqual([]);
    expect(
      issues(ClusterSchema, {
        ...cluster,
        role: 'API',
        kubernetesVersion: '1.31.2',
        zones: [],
        network: { vpcCidr: '10.0.0.1/16', serviceCidr: 'x' },
      }),
    ).toEqual([
      'role: must be 1-63 lower-case letters, digits or dashes, starting and ending with a letter or digit',
      'kubernetesVersion: must be a Kubernetes minor version such as 1.31',
      'zones: must list at least one availability zone',
      'network.vpcCidr: "10.0.0.1/16" has host bits set; did you mean 10.0.0.0/16?',
      'network.serviceCidr: "x" is not an IPv4 CIDR block like 10.0.0.0/16',
    ]);
  });
});

describe('node pool cross-field rules', () => {
  it('requires min ≤ desired ≤ max, naming the field that is wrong', () => {
    const nodes = (min: number, desired: number, max: number) =>
      issues(NodePoolSchema, { ...pool, nodesPerAz: { min, desired, max } });
    expect(nodes(2, 2, 2)).toEqual([]);
    expect(nodes(3, 1, 5)).toEqual(['nodesPerAz.desired: must be ≥ min (3)']);
    expect(nodes(3, 4, 2)).toEqual(['nodesPerAz.max: must be ≥ min (3)']);
    expect(nodes(1, 4, 2)).toEqual(['nodesPerAz.max: must be ≥ desired (4)']);
    expect(nodes(3, 1, 2)).toEqual([
      'nodesPerAz.desired: must be ≥ min (3)',
      'nodesPerAz.max: must be ≥ min (3)',
    ]);
    expect(nodes(-1, 0, 1)).toEqual(['nodesPerAz.min: must be 0 or more']);
    expect(nodes(0.5, 1, 1)).toEqual(['nodesPerAz.min: must be a whole number']);
  });

  it('refuses spotPercent without spotAllowed and a share above 100', () => {
    expect(issues(NodePoolSchema, { ...pool, capacity: { spotPercent: 70 } })).toEqual([
      'capacity.spotPercent: is 70 but spotAllowed is false; set spotAllowed: true or spotPercent: 0',
    ]);
    expect(issues(NodePoolSchema, { ...pool, capacity: { spotAllowed: true, spotPercent: 70 } })).toEqual([]);
    expect(issues(NodePoolSchema, { ...pool, capacity: { spotAllowed: true, spotPercent: 101 } })).toEqual([
      'capacity.spotPercent: must be between 0 and 100',
    ]);
  });

  it('requires gpu settings on a GPU pool and allows them only on gpu and batch pools', () => {
    expect(issues(NodePoolSchema, { ...pool, role: 'gpu' })).toEqual([
      'gpu: is required on a pool with role "gpu"',
    ]);
    const gpu = { model: 'A10G', countPerNode: 1 };
    expect(issues(NodePoolSchema, { ...pool, role: 'gpu', gpu })).toEqual([]);
    expect(issues(NodePoolSchema, { ...pool, role: 'batch', gpu })).toEqual([]);
    expect(issues(NodePoolSchema, { ...pool, gpu })).toEqual([
      'gpu: is only allowed on pools with role "gpu" or "batch", not "general"',
    ]);
  });

  it('requires a MIG profile with MIG sharing and replicas with time-slicing', () => {
    const gpuPool = (gpu: object) => issues(NodePoolSchema, { ...pool, role: 'gpu', gpu });
    expect(gpuPool({ model: 'A100', countPerNode: 8, sharing: 'mig' })).toEqual([
      'gpu.migProfile: is required when sharing is "mig"',
    ]);
    expect(gpuPool({ model: 'A100', countPerNode: 8, sharing: 'mig', migProfile: '1g.10gb' })).toEqual([]);
    expect(gpuPool({ model: 'A100', countPerNode: 8, sharing: 'mig', migProfile: '1g' })).toEqual([
      'gpu.migProfile: must be a MIG profile such as 1g.10gb',
    ]);
    expect(gpuPool({ model: 'T4', countPerNode: 1, sharing: 'time-slicing' })).toEqual([
      'gpu.timeSlicingReplicas: is required when sharing is "time-slicing"',
    ]);
  });

  it('needs instance types or requirement families, and Karpenter-only settings on Karpenter pools', () => {
    expect(issues(NodePoolSchema, { ...pool, instanceTypes: [] })).toEqual([
      'instanceTypes: must list at least one instance type (or give requirements.families)',
    ]);
    expect(
      issues(NodePoolSchema, { ...pool, instanceTypes: [], requirements: { families: ['m6i'] } }),
    ).toEqual([]);
    expect(issues(NodePoolSchema, { ...pool, instanceTypes: ['m6i'] })).toEqual([
      'instanceTypes.0: must be an EC2 instance type such as m6i.xlarge',
    ]);
    expect(
      issues(NodePoolSchema, { ...pool, provisioner: 'managed', limits: { vcpu: 10 }, disruption: {} }),
    ).toEqual([
      'limits: applies only to pools with provisioner "karpenter"',
      'disruption: applies only to pools with provisioner "karpenter"',
    ]);
    expect(issues(NodePoolSchema, { ...pool, zones: [] })).toEqual([
      'zones: must list at least one zone, or be left out to use all of the cluster’s zones',
    ]);
  });

  it('sorts labels by key and checks their syntax', () => {
    const parsed = NodePoolSchema.parse({ ...pool, labels: { zeta: 'z', alpha: 'a' } });
    expect(Object.keys(parsed.labels)).toEqual(['alpha', 'zeta']);
    expect(issues(NodePoolSchema, { ...pool, labels: { ok: 'not ok' } })).toEqual([
      'labels.ok: must be a valid Kubernetes label value (63 characters at most)',
    ]);
    expect(sortRecord({ b: 1, a: 2 })).toEqual({ a: 2, b: 1 });
  });
});

describe('fleet rules', () => {
  it('checks the isolated cpu list', () => {
    expect(issues(FleetSchema, { ...fleet, cpu: { isolatedCores: '2-31,34-63' } })).toEqual([]);
    expect(issues(FleetSchema, { ...fleet, cpu: { isolatedCores: '2-' } })).toEqual([
      'cpu.isolatedCores: must be a Linux cpu list such as 2-31,34-63',
    ]);
    expect(issues(FleetSchema, { ...fleet, cpu: { isolatedCores: '31-2' } })).toEqual([
      'cpu.isolatedCores: has a range whose end is below its start',
    ]);
    expect(countCpuList('2-31,34-63')).toBe(60);
    expect(countCpuList('0')).toBe(1);
    expect(countCpuList('5-4')).toBeUndefined();
    expect(countCpuList('a')).toBeUndefined();
  });

  it('needs zones, a hugepage size and positive throughput', () => {
    expect(
      issues(FleetSchema, { ...fleet, zones: [], throughputGbpsPerInstance: 0, hugepages: { size: '4Ki' } }),
    ).toEqual([
      'zones: must list at least one availability zone',
      'throughputGbpsPerInstance: must be greater than 0',
      'hugepages.size: Invalid option: expected one of "2Mi"|"1Gi"',
      'hugepages.count: Invalid input: expected number, received undefined',
    ]);
  });
});

describe('workload cross-field rules', () => {
  it('runs a dpdk-service on a fleet and never in Kubernetes', () => {
    const dpdk = { id: 'w', name: 'stream', kind: 'dpdk-service' };
    expect(issues(WorkloadSchema, { ...dpdk, fleet: 'f' })).toEqual([]);
    expect(issues(WorkloadSchema, dpdk)).toEqual([
      'fleet: is required: a dpdk-service runs on a streaming fleet',
    ]);
    expect(issues(WorkloadSchema, { ...dpdk, fleet: 'f', cluster: 'c', nodePool: 'p' })).toEqual([
      'cluster: must be left out: a dpdk-service runs on a fleet, not in Kubernetes',
      'nodePool: must be left out: a dpdk-service runs on a fleet, not in Kubernetes',
    ]);
  });

  it('runs services and jobs on a cluster, with requests, never on a fleet', () => {
    expect(
      issues(WorkloadSchema, { ...service, cluster: undefined, resources: undefined, fleet: 'f' }),
    ).toEqual([
      'cluster: is required: a service runs on a Kubernetes cluster',
      'fleet: must be left out: only a dpdk-service runs on a streaming fleet',
      'resources: is required for a service (CPU and memory requests per replica)',
    ]);
  });

  it('needs job settings on a job, and only there', () => {
    const job = { ...service, kind: 'job', replicas: undefined };
    expect(issues(WorkloadSchema, job)).toEqual([
      'job: is required for kind job (completions and parallelism)',
    ]);
    expect(issues(WorkloadSchema, { ...job, job: { completions: 100, parallelism: 50 } })).toEqual([]);
    expect(issues(WorkloadSchema, { ...job, job: { completions: 10, parallelism: 50 } })).toEqual([
      'job.parallelism: must be ≤ completions (10)',
    ]);
    expect(issues(WorkloadSchema, { ...service, job: { completions: 1, parallelism: 1 } })).toEqual([
      'job: applies only to kind job, not service',
    ]);
  });

  it('needs replicas or autoscaling on a service, not both, and HPA max ≥ min', () => {
    const noReplicas = { ...service, replicas: undefined };
    expect(issues(WorkloadSchema, noReplicas)).toEqual([
      'replicas: is required when there is no autoscaling (or add autoscaling)',
    ]);
    const hpa = { minReplicas: 3, maxReplicas: 30 };
    expect(WorkloadSchema.parse({ ...noReplicas, autoscaling: hpa }).autoscaling).toEqual({
      ...hpa,
      targetCpuPercent: 70,
    });
    expect(issues(WorkloadSchema, { ...service, autoscaling: hpa })).toEqual([
      'replicas: must be left out when autoscaling is set (the HPA owns the replica count)',
    ]);
    expect(
      issues(WorkloadSchema, { ...noReplicas, autoscaling: { minReplicas: 5, maxReplicas: 2 } }),
    ).toEqual(['autoscaling.maxReplicas: must be ≥ minReplicas (5)']);
    expect(
      issues(WorkloadSchema, { ...noReplicas, autoscaling: { minReplicas: 0, maxReplicas: 2 } }),
    ).toEqual(['autoscaling.minReplicas: must be at least 1']);
  });

  it('refuses a dependency on itself', () => {
    expect(issues(DependencySchema, { id: 'd', from: 'a', to: 'a', type: 'hard' })).toEqual([
      'to: must differ from "from"',
    ]);
    expect(issues(DependencySchema, { id: 'd', from: 'a', to: 'b', type: 'weak' })).toEqual([
      'type: Invalid option: expected one of "hard"|"soft"',
    ]);
  });
});

describe('settings, metadata, layout and the document', () => {
  it('fills in every default setting', () => {
    expect(SettingsSchema.parse({})).toEqual({
      currency: 'USD',
      usdExchangeRate: 1,
      hoursPerMonth: 730,
      catalog: 'aws',
      spot: { fallbackOnDemandPercent: 10 },
      engineering: { people: 0, monthlyCostPerPerson: 0 },
      monitoring: { perNodeMonthly: 0, perClusterMonthly: 0 },
      autoscaling: {
        hpaSyncSeconds: 15,
        hpaScaleUpStabilizationSeconds: 0,
        podStartSeconds: 20,
        nodeLaunchSeconds: 60,
        nodeJoinSeconds: 45,
      },
    });
  });

  it('checks settings and metadata values', () => {
    expect(issues(SettingsSchema, { currency: 'usd', usdExchangeRate: 0 })).toEqual([
      'currency: must be an ISO 4217 code such as USD',
      'usdExchangeRate: must be greater than 0',
    ]);
    expect(issues(SettingsSchema, { spot: { fallbackOnDemandPercent: 120 } })).toEqual([
      'spot.fallbackOnDemandPercent: must be between 0 and 100',
    ]);
    expect(issues(MetadataSchema, { name: '' })).toEqual(['name: must not be empty']);
    expect(issues(MetadataSchema, { name: 'x', labels: { Team: 'a b' } })).toEqual([
      'labels.Team: must be a valid Kubernetes label value (63 characters at most)',
    ]);
  });

  it('keys layout by element id and refuses positions that are not finite', () => {
    expect(LayoutSchema.parse({ nodes: { b: { x: 1, y: 2 }, a: { x: 0, y: 0 } } })).toEqual({
      nodes: { a: { x: 0, y: 0 }, b: { x: 1, y: 2 } },
    });
    expect(issues(LayoutSchema, { nodes: { Bad: { x: 0, y: 0 } } })).toHaveLength(1);
    expect(issues(LayoutSchema, { nodes: { a: { x: Infinity, y: 0, width: 0 } } })).toEqual([
      'nodes.a.x: Invalid input: expected number, received Infinity',
      'nodes.a.width: Too small: expected number to be >0',
    ]);
  });

  it('sorts every element list by id and defaults settings and layout', () => {
    const input = platformBuilder().input();
    const parsed = TopologyDocumentSchema.parse(input);
    for (const list of Object.values(parsed.spec)) {
      if (!Array.isArray(list)) continue;
      const ids = list.map((e: { id: string }) => e.id);
      expect(ids).toEqual([...ids].sort());
    }
    const bare = TopologyDocumentSchema.parse({ ...docBuilder('Bare').input(), layout: undefined });
    expect(bare.layout).toEqual({ nodes: {} });
    expect(bare.spec.settings).toEqual(SettingsSchema.parse({}));
  });

  it('is idempotent: parsing a parsed document gives the same document', () => {
    const parsed = platformBuilder().build();
    expect(TopologyDocumentSchema.parse(parsed)).toEqual(parsed);
  });

  it('refuses another apiVersion, kind or schemaVersion', () => {
    const input = docBuilder().input();
    expect(
      issues(TopologyDocumentSchema, { ...input, apiVersion: 'v2', kind: 'Graph', schemaVersion: 2 }),
    ).toEqual([
      'apiVersion: Invalid input: expected "topology-designer.dev/v1"',
      'kind: Invalid input: expected "Topology"',
      'schemaVersion: Invalid input: expected 1',
    ]);
  });
});

describe('cost inputs: traffic, persistent volumes and price overrides', () => {
  const cluster = {
    id: 'c',
    name: 'c',
    region: 'r',
    role: 'api',
    kubernetesVersion: '1.31',
    zones: ['r-a'],
    network: { vpcCidr: '10.0.0.0/16', serviceCidr: '172.20.0.0/16' },
  };
  const override = {
    region: 'eu-west-1',
    key: 'eks.controlPlane.standard.perClusterHour',
    usd: 0.1,
    unit: 'cluster-hour',
    source: 'AWS Price List',
    date: '2026-08-01',
  };

  it('are optional with no defaults, so documents without them are unchanged', () => {
    const parsed = platformBuilder().build();
    expect(parsed.spec.clusters.every((c) => !('traffic' in c))).toBe(true);
    expect('priceOverrides' in parsed.spec.settings).toBe(false);
    expect(parsed.spec.workloads.every((w) => !w.resources || !('volumeGiB' in w.resources))).toBe(true);
  });

  it('accept traffic volumes on a cluster and a volume size on a workload', () => {
    const traffic = { natProcessedGBPerMonth: 100, interAzGBPerMonth: 0, internetEgressGBPerMonth: 5000 };
    expect(ClusterSchema.parse({ ...cluster, traffic }).traffic).toEqual(traffic);
    expect(issues(ClusterSchema, { ...cluster, traffic: { interAzGBPerMont: 1 } })).toEqual([
      'traffic.interAzGBPerMont: unknown field "interAzGBPerMont"; did you mean "interAzGBPerMonth"? (custom fields must start with "x-")',
    ]);
    expect(issues(ClusterSchema, { ...cluster, traffic: { natProcessedGBPerMonth: -1 } })).toHaveLength(1);
    const db = { ...service, stateful: true, resources: { cpu: 1, memoryGiB: 4, volumeGiB: 100 } };
    expect(WorkloadSchema.parse(db).resources?.volumeGiB).toBe(100);
    expect(issues(WorkloadSchema, { ...db, resources: { cpu: 1, memoryGiB: 4, volumeGiB: 0.5 } })).toEqual([
      'resources.volumeGiB: must be a whole number',
    ]);
  });

  it('accept price overrides for service keys and instance types in their units', () => {
    const settings = SettingsSchema.parse({
      priceOverrides: [
        override,
        { ...override, key: 'p5e.48xlarge', usd: undefined, usdPerHour: 40, unit: 'instance-hour' },
      ],
    });
    expect(settings.priceOverrides?.map((p) => p.key)).toEqual([
      'eks.controlPlane.standard.perClusterHour',
      'p5e.48xlarge',
    ]);
  });

  it('refuse price overrides with the wrong unit, an unknown key, no price, or twice the same key', () => {
    const check = (prices: unknown[]) => issues(SettingsSchema, { priceOverrides: prices });
    expect(check([{ ...override, unit: 'hour' }])).toEqual([
      'priceOverrides.0.unit: must be cluster-hour for eks.controlPlane.standard.perClusterHour',
    ]);
    expect(check([{ ...override, key: 'natGateway.perHr', unit: 'hour' }])).toEqual([
      'priceOverrides.0.key: must be an EC2 instance type such as m6i.xlarge or a service price key; did you mean "natGateway.perHour"?',
    ]);
    expect(check([{ ...override, usd: undefined }])).toEqual([
      'priceOverrides.0.usd: give exactly one of usdPerHour and usd',
    ]);
    expect(
      check([{ ...override, key: 'ebs.gp3.perGBMonth', unit: 'GB-month', usd: undefined, usdPerHour: 1 }]),
    ).toEqual(['priceOverrides.0.usdPerHour: does not fit the unit GB-month; use usd']);
    expect(check([override, { ...override, usd: 0.2 }])).toEqual([
      'priceOverrides.1.key: eks.controlPlane.standard.perClusterHour is overridden twice for eu-west-1',
    ]);
    expect(check([{ ...override, date: '1 Aug 2026' }])).toEqual([
      'priceOverrides.0.date: must be a date YYYY-MM-DD',
    ]);
  });
});
