// The three starter designs shipped in resources/templates, written as data. `npm run templates:build`
// saves them through the one file format, so a template is always a valid, deterministic `.topo.yaml`,
// and a test keeps the committed files equal to this source.
import type { z } from 'zod';
import type {
  ClusterSchema,
  DependencySchema,
  FleetSchema,
  NodePoolSchema,
  RegionSchema,
  SettingsSchema,
  WorkloadSchema,
  ZoneSchema,
} from '../model/schema';
import { API_VERSION, SCHEMA_VERSION } from '../model/schema';

/** Input shapes (before defaults) of each element list, keyed like `spec`. */
interface Spec {
  settings?: z.input<typeof SettingsSchema>;
  regions: z.input<typeof RegionSchema>[];
  zones: z.input<typeof ZoneSchema>[];
  clusters: z.input<typeof ClusterSchema>[];
  nodePools: z.input<typeof NodePoolSchema>[];
  fleets?: z.input<typeof FleetSchema>[];
  workloads: z.input<typeof WorkloadSchema>[];
  dependencies: z.input<typeof DependencySchema>[];
}
type Input<K extends keyof Spec> = NonNullable<Spec[K]> extends (infer T)[] ? T : never;

/** A template before the schema applies its defaults. */
interface TemplateInput {
  apiVersion: string;
  kind: 'Topology';
  schemaVersion: number;
  metadata: { name: string; description?: string; owner?: string };
  spec: Spec;
}

const SYSTEM_POOL = {
  role: 'system',
  provisioner: 'managed',
  instanceTypes: ['m6i.xlarge'],
  capacity: { spotAllowed: false, spotPercent: 0 },
  nodesPerAz: { min: 3, desired: 3, max: 4 },
  labels: { workload: 'system' },
  priorityClass: 'system-cluster-critical',
  notes: 'CoreDNS, ingress and observability. On-demand only, 3 nodes per AZ, system-cluster-critical.',
} as const;

const MEDIA_TAINT = { key: 'workload', value: 'media', effect: 'NoSchedule' } as const;
const ML_TAINT = { key: 'workload', value: 'ml', effect: 'NoSchedule' } as const;
const MEDIA_TOLERATION = {
  key: 'workload',
  operator: 'Equal',
  value: 'media',
  effect: 'NoSchedule',
} as const;
const ML_TOLERATION = { key: 'workload', operator: 'Equal', value: 'ml', effect: 'NoSchedule' } as const;

interface RegionPlan {
  /** Short prefix of every id in the region, e.g. `use1`. */
  readonly prefix: string;
  readonly code: string;
  readonly name: string;
  /** Second octet of the region's first VPC: clusters take it, +1, +2 (no overlaps across regions). */
  readonly cidrBase: number;
  /** Share of global traffic the region carries (scales demand). */
  readonly share: number;
}

/** One region of the OTT platform: API, Media and ML clusters over three AZs, and a DPDK fleet. */
function ottRegion(plan: RegionPlan) {
  const p = plan.prefix;
  const zones = ['a', 'b', 'c'].map((letter) => ({
    id: `${p}-${letter}`,
    name: `${plan.code}${letter}`,
    region: p,
    zoneName: `${plan.code}${letter}`,
  }));
  const zoneIds = zones.map((z) => z.id);
  const network = (offset: number) => ({
    vpcCidr: `10.${plan.cidrBase + offset}.0.0/16`,
    serviceCidr: '172.20.0.0/16',
  });
  const cluster = (
    role: 'api' | 'media' | 'ml',
    name: string,
    offset: number,
    lb: Input<'clusters'>['loadBalancers'],
  ) =>
    ({
      id: `${p}-${role}`,
      name: `${name} (${plan.code})`,
      region: p,
      role,
      kubernetesVersion: '1.31',
      zones: zoneIds,
      network: network(offset),
      loadBalancers: lb,
    }) satisfies Input<'clusters'>;
  const clusters: Input<'clusters'>[] = [
    cluster('api', 'API cluster', 0, [{ name: 'public-api', type: 'alb', count: 1, capacityUnits: 40 }]),
    cluster('media', 'Media cluster', 1, [{ name: 'playback', type: 'alb', count: 1, capacityUnits: 25 }]),
    cluster('ml', 'ML cluster', 2, [{ name: 'inference-internal', type: 'nlb', count: 1, capacityUnits: 4 }]),
  ];
  const systemPool = (role: string): Input<'nodePools'> => ({
    ...SYSTEM_POOL,
    id: `${p}-${role}-system`,
    name: 'system',
    cluster: `${p}-${role}`,
    labels: { ...SYSTEM_POOL.labels },
    instanceTypes: [...SYSTEM_POOL.instanceTypes],
    nodesPerAz: { ...SYSTEM_POOL.nodesPerAz },
    capacity: { ...SYSTEM_POOL.capacity },
  });
  const scale = (n: number) => Math.max(1, Math.round(n * plan.share));
  const nodePools: Input<'nodePools'>[] = [
    systemPool('api'),
    {
      id: `${p}-api-general`,
      name: 'api',
      cluster: `${p}-api`,
      role: 'general',
      provisioner: 'karpenter',
      instanceTypes: ['m6i.2xlarge', 'm6a.2xlarge', 'm7i.2xlarge', 'c6i.2xlarge', 'm5.2xlarge'],
      capacity: { spotAllowed: true, spotPercent: 70 },
      nodesPerAz: { min: 2, desired: scale(8), max: scale(40) },
      limits: { vcpu: scale(40) * 3 * 8, memoryGiB: scale(40) * 3 * 32 },
      disruption: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '1m',
        budgetNodesPercent: 10,
      },
      labels: { workload: 'api' },
      notes: 'Stateless API services: 70% spot over five instance types (Karpenter), on-demand for the rest.',
    },
    systemPool('media'),
    {
      id: `${p}-media-pool`,
      name: 'media',
      cluster: `${p}-media`,
      role: 'media',
      provisioner: 'karpenter',
      instanceTypes: ['r6in.4xlarge', 'r6i.4xlarge'],
      capacity: { spotAllowed: false, spotPercent: 0 },
      nodesPerAz: { min: 2, desired: scale(4), max: scale(16) },
      limits: { vcpu: scale(16) * 3 * 16, memoryGiB: scale(16) * 3 * 128 },
      taints: [MEDIA_TAINT],
      labels: { workload: 'media' },
      notes: 'High-memory, network-optimised nodes for manifests, DRM and subtitles; tainted for media only.',
    },
    systemPool('ml'),
    {
      id: `${p}-ml-gpu`,
      name: 'gpu-inference',
      cluster: `${p}-ml`,
      role: 'gpu',
      provisioner: 'karpenter',
      instanceTypes: ['g5.2xlarge'],
      capacity: { spotAllowed: false, spotPercent: 0 },
      nodesPerAz: { min: 1, desired: scale(2), max: scale(10) },
      limits: { vcpu: scale(10) * 3 * 8, memoryGiB: scale(10) * 3 * 32 },
      taints: [ML_TAINT],
      labels: { workload: 'ml' },
      gpu: { model: 'A10G', countPerNode: 1, sharing: 'whole' },
      notes: 'Recommendation inference on A10G; tainted so only ML workloads land here.',
    },
  ];
  const fleets: Input<'fleets'>[] = [
    {
      id: `${p}-edge`,
      name: `Streaming edge (${plan.code})`,
      region: p,
      zones: zoneIds,
      instanceType: 'c6in.metal',
      instancesPerAz: scale(3),
      throughputGbpsPerInstance: 40,
      hugepages: { size: '1Gi', count: 64 },
      cpu: { isolatedCores: '2-63,66-127', numaPinning: true },
      placementGroup: 'cluster',
      internetEgressTBPerMonth: Math.round(1500 * plan.share),
      notes: 'DPDK packet path on bare metal: 1 GiB hugepages, isolated and NUMA-pinned cores, no sidecar.',
    },
  ];
  type ServiceSpec = {
    key: string;
    name: string;
    cluster: 'api' | 'media' | 'ml';
    pool: string;
    hpa?: [number, number];
    replicas?: number;
    cpu: number;
    memoryGiB: number;
    gpu?: number;
    demand: { unit: 'rps' | 'sessions'; baseline: number; burstFactor: number; perReplica: number };
    stateful?: boolean;
    userFacing?: boolean;
    namespace: string;
  };
  const services: ServiceSpec[] = [
    {
      key: 'catalog',
      name: 'catalog',
      cluster: 'api',
      pool: 'api-general',
      hpa: [6, 120],
      cpu: 1,
      memoryGiB: 2,
      demand: { unit: 'rps', baseline: 20000, burstFactor: 4, perReplica: 800 },
      userFacing: true,
      namespace: 'catalog',
    },
    {
      key: 'auth',
      name: 'authentication',
      cluster: 'api',
      pool: 'api-general',
      hpa: [6, 40],
      cpu: 1,
      memoryGiB: 2,
      demand: { unit: 'rps', baseline: 5000, burstFactor: 4, perReplica: 500 },
      userFacing: true,
      namespace: 'identity',
    },
    {
      key: 'sessions',
      name: 'sessions',
      cluster: 'api',
      pool: 'api-general',
      replicas: 9,
      cpu: 2,
      memoryGiB: 8,
      demand: { unit: 'sessions', baseline: 200000, burstFactor: 3, perReplica: 80000 },
      stateful: true,
      userFacing: true,
      namespace: 'identity',
    },
    {
      key: 'manifests',
      name: 'video manifests',
      cluster: 'media',
      pool: 'media-pool',
      hpa: [6, 100],
      cpu: 2,
      memoryGiB: 8,
      demand: { unit: 'rps', baseline: 8000, burstFactor: 5, perReplica: 500 },
      userFacing: true,
      namespace: 'playback',
    },
    {
      key: 'drm',
      name: 'DRM licensing',
      cluster: 'media',
      pool: 'media-pool',
      hpa: [6, 40],
      cpu: 1,
      memoryGiB: 4,
      demand: { unit: 'rps', baseline: 3000, burstFactor: 5, perReplica: 400 },
      userFacing: true,
      namespace: 'playback',
    },
    {
      key: 'subtitles',
      name: 'subtitles',
      cluster: 'media',
      pool: 'media-pool',
      hpa: [3, 12],
      cpu: 0.5,
      memoryGiB: 2,
      demand: { unit: 'rps', baseline: 1500, burstFactor: 3, perReplica: 600 },
      namespace: 'playback',
    },
    {
      key: 'recommendations',
      name: 'recommendation inference',
      cluster: 'ml',
      pool: 'ml-gpu',
      hpa: [3, 18],
      cpu: 4,
      memoryGiB: 16,
      gpu: 1,
      demand: { unit: 'rps', baseline: 1500, burstFactor: 3, perReplica: 300 },
      namespace: 'ml',
    },
    {
      key: 'personalisation',
      name: 'personalisation',
      cluster: 'ml',
      pool: 'ml-gpu',
      hpa: [3, 12],
      cpu: 4,
      memoryGiB: 16,
      gpu: 1,
      demand: { unit: 'rps', baseline: 1000, burstFactor: 3, perReplica: 300 },
      namespace: 'ml',
    },
  ];
  const workloads: Input<'workloads'>[] = services.map((s) => {
    const tolerations =
      s.cluster === 'media' ? [MEDIA_TOLERATION] : s.cluster === 'ml' ? [ML_TOLERATION] : [];
    const selector = s.cluster === 'media' ? 'media' : s.cluster === 'ml' ? 'ml' : 'api';
    return {
      id: `${p}-${s.key}`,
      name: s.name,
      kind: 'service',
      cluster: `${p}-${s.cluster}`,
      nodePool: `${p}-${s.pool}`,
      namespace: s.namespace,
      ...(s.hpa
        ? {
            autoscaling: { minReplicas: scale(s.hpa[0]), maxReplicas: scale(s.hpa[1]), targetCpuPercent: 60 },
          }
        : { replicas: scale(s.replicas ?? 1) }),
      resources: { cpu: s.cpu, memoryGiB: s.memoryGiB, gpu: s.gpu ?? 0 },
      demand: { ...s.demand, baseline: Math.round(s.demand.baseline * plan.share) },
      userFacing: s.userFacing ?? false,
      stateful: s.stateful ?? false,
      tolerations,
      nodeSelector: { workload: selector },
    };
  });
  workloads.push({
    id: `${p}-streaming`,
    name: 'video streaming (DPDK)',
    kind: 'dpdk-service',
    fleet: `${p}-edge`,
    demand: { unit: 'gbps', baseline: Math.round(120 * plan.share), burstFactor: 3, perReplica: 40 },
    userFacing: true,
    notes: 'Segment delivery on the kernel-bypass path; one replica per fleet instance.',
  });
  const dependency = (from: string, to: string, type: 'hard' | 'soft'): Input<'dependencies'> => ({
    id: `${p}-${from}-to-${to}`,
    from: `${p}-${from}`,
    to: `${p}-${to}`,
    type,
  });
  const dependencies = [
    dependency('catalog', 'auth', 'hard'),
    dependency('catalog', 'personalisation', 'soft'),
    dependency('personalisation', 'recommendations', 'hard'),
    dependency('sessions', 'auth', 'hard'),
    dependency('manifests', 'sessions', 'hard'),
    dependency('manifests', 'drm', 'hard'),
    dependency('manifests', 'subtitles', 'soft'),
    dependency('streaming', 'manifests', 'hard'),
  ];
  return {
    region: { id: p, name: plan.name, code: plan.code } satisfies Input<'regions'>,
    zones,
    clusters,
    nodePools,
    fleets,
    workloads,
    dependencies,
  };
}

function document(metadata: TemplateInput['metadata'], spec: Spec): TemplateInput {
  return { apiVersion: API_VERSION, kind: 'Topology', schemaVersion: SCHEMA_VERSION, metadata, spec };
}

/** The OTT streaming platform of DOMAIN.md in us-east-1, us-west-2 and eu-west-1. */
export function ottTemplate(): TemplateInput {
  const regions = [
    ottRegion({ prefix: 'use1', code: 'us-east-1', name: 'US East (N. Virginia)', cidrBase: 0, share: 1 }),
    ottRegion({ prefix: 'usw2', code: 'us-west-2', name: 'US West (Oregon)', cidrBase: 10, share: 0.5 }),
    ottRegion({ prefix: 'euw1', code: 'eu-west-1', name: 'Europe (Ireland)', cidrBase: 20, share: 0.5 }),
  ];
  return document(
    {
      name: 'OTT streaming platform',
      description:
        'Per region: separate API, Media and ML clusters over three AZs so a failure in one cannot reach the others; ' +
        'system, spot API, tainted media and tainted GPU pools; the DPDK streaming tier on bare EC2 outside Kubernetes. ' +
        'Demand bursts 3-5x within 30 minutes of a release.',
      owner: 'platform-architecture',
    },
    {
      settings: {
        spot: { fallbackOnDemandPercent: 10 },
        engineering: { people: 8, monthlyCostPerPerson: 16000 },
        monitoring: { perNodeMonthly: 15, perClusterMonthly: 250 },
      },
      regions: regions.map((r) => r.region),
      zones: regions.flatMap((r) => r.zones),
      clusters: regions.flatMap((r) => r.clusters),
      nodePools: regions.flatMap((r) => r.nodePools),
      fleets: regions.flatMap((r) => r.fleets),
      workloads: regions.flatMap((r) => r.workloads),
      dependencies: regions.flatMap((r) => r.dependencies),
    },
  );
}

/** One region, one cluster, two pools: where most teams start. */
export function startupTemplate(): TemplateInput {
  const zones = ['a', 'b', 'c'].map((l) => ({
    id: `use1-${l}`,
    name: `us-east-1${l}`,
    region: 'use1',
    zoneName: `us-east-1${l}`,
  }));
  return document(
    {
      name: 'Single-cluster startup',
      description:
        'One EKS cluster over three AZs: a small on-demand system pool and a Karpenter pool, half spot.',
    },
    {
      settings: {
        engineering: { people: 1, monthlyCostPerPerson: 15000 },
        monitoring: { perNodeMonthly: 15, perClusterMonthly: 0 },
      },
      regions: [{ id: 'use1', name: 'US East (N. Virginia)', code: 'us-east-1' }],
      zones,
      clusters: [
        {
          id: 'app',
          name: 'app',
          region: 'use1',
          role: 'api',
          kubernetesVersion: '1.31',
          zones: zones.map((z) => z.id),
          network: { vpcCidr: '10.0.0.0/16', serviceCidr: '172.20.0.0/16' },
          natGateways: 'single',
          notes:
            'One NAT gateway to save cost while small (the design rules warn about it: an AZ loss cuts outbound access for the others).',
          loadBalancers: [{ name: 'web', type: 'alb', count: 1, capacityUnits: 2 }],
        },
      ],
      nodePools: [
        {
          ...SYSTEM_POOL,
          id: 'app-system',
          name: 'system',
          cluster: 'app',
          instanceTypes: ['m6i.large'],
          labels: { workload: 'system' },
          nodesPerAz: { min: 1, desired: 1, max: 2 },
          capacity: { spotAllowed: false, spotPercent: 0 },
          notes: 'A small start: one on-demand node per AZ (production platforms keep at least three).',
        },
        {
          id: 'app-general',
          name: 'general',
          cluster: 'app',
          role: 'general',
          provisioner: 'karpenter',
          instanceTypes: ['m6i.xlarge', 'm6a.xlarge', 'm7i.xlarge', 'm5.xlarge'],
          capacity: { spotAllowed: true, spotPercent: 50 },
          nodesPerAz: { min: 1, desired: 1, max: 5 },
          limits: { vcpu: 60, memoryGiB: 240 },
          labels: { workload: 'general' },
        },
      ],
      workloads: [
        {
          id: 'web',
          name: 'web',
          kind: 'service',
          cluster: 'app',
          nodePool: 'app-general',
          namespace: 'web',
          autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuPercent: 70 },
          resources: { cpu: 0.5, memoryGiB: 1 },
          demand: { unit: 'rps', baseline: 300, burstFactor: 3, perReplica: 150 },
          userFacing: true,
          nodeSelector: { workload: 'general' },
        },
        {
          id: 'api',
          name: 'api',
          kind: 'service',
          cluster: 'app',
          nodePool: 'app-general',
          namespace: 'web',
          autoscaling: { minReplicas: 3, maxReplicas: 12, targetCpuPercent: 70 },
          resources: { cpu: 1, memoryGiB: 2 },
          demand: { unit: 'rps', baseline: 400, burstFactor: 3, perReplica: 200 },
          userFacing: true,
          nodeSelector: { workload: 'general' },
        },
        {
          id: 'nightly-report',
          name: 'nightly report',
          kind: 'job',
          cluster: 'app',
          nodePool: 'app-general',
          namespace: 'jobs',
          resources: { cpu: 1, memoryGiB: 2 },
          job: { completions: 1, parallelism: 1, durationMinutes: 20, runsPerDay: 1 },
          nodeSelector: { workload: 'general' },
        },
      ],
      dependencies: [{ id: 'web-to-api', from: 'web', to: 'api', type: 'hard' }],
    },
  );
}

/** A training platform: an A100 pool for distributed training and an L4 pool shared by time-slicing. */
export function mlTrainingTemplate(): TemplateInput {
  const zones = ['a', 'b', 'c'].map((l) => ({
    id: `usw2-${l}`,
    name: `us-west-2${l}`,
    region: 'usw2',
    zoneName: `us-west-2${l}`,
  }));
  const zoneIds = zones.map((z) => z.id);
  return document(
    {
      name: 'ML training platform',
      description:
        'Batch training on A100 nodes that run ten hours a day, and experiments sharing L4 GPUs by time-slicing. ' +
        'Jobs have completions and parallelism; training uses gang scheduling (e.g. Volcano).',
    },
    {
      settings: {
        engineering: { people: 3, monthlyCostPerPerson: 17000 },
        monitoring: { perNodeMonthly: 15, perClusterMonthly: 100 },
      },
      regions: [{ id: 'usw2', name: 'US West (Oregon)', code: 'us-west-2' }],
      zones,
      clusters: [
        {
          id: 'training',
          name: 'training',
          region: 'usw2',
          role: 'ml',
          kubernetesVersion: '1.31',
          zones: zoneIds,
          network: { vpcCidr: '10.40.0.0/16', serviceCidr: '172.20.0.0/16' },
        },
      ],
      nodePools: [
        {
          ...SYSTEM_POOL,
          id: 'training-system',
          name: 'system',
          cluster: 'training',
          instanceTypes: ['m6i.xlarge'],
          labels: { workload: 'system' },
          nodesPerAz: { min: 3, desired: 3, max: 4 },
          capacity: { spotAllowed: false, spotPercent: 0 },
        },
        {
          id: 'training-cpu',
          name: 'data-prep',
          cluster: 'training',
          role: 'batch',
          provisioner: 'karpenter',
          instanceTypes: ['c6i.4xlarge', 'c7i.4xlarge', 'm6i.4xlarge'],
          capacity: { spotAllowed: true, spotPercent: 80 },
          nodesPerAz: { min: 0, desired: 2, max: 20 },
          limits: { vcpu: 960, memoryGiB: 3840 },
          labels: { workload: 'batch' },
          schedule: { hoursPerDay: 8 },
        },
        {
          id: 'training-a100',
          name: 'gpu-a100',
          cluster: 'training',
          role: 'gpu',
          provisioner: 'karpenter',
          instanceTypes: ['p4d.24xlarge'],
          capacity: { spotAllowed: false, spotPercent: 0 },
          nodesPerAz: { min: 0, desired: 1, max: 2 },
          limits: { vcpu: 576, memoryGiB: 6912 },
          taints: [ML_TAINT],
          labels: { workload: 'ml', 'gpu-class': 'a100' },
          gpu: { model: 'A100', countPerNode: 8, sharing: 'whole' },
          schedule: { hoursPerDay: 10 },
          notes: 'Distributed training; whole GPUs, 8 per node. Runs ten hours a day.',
        },
        {
          id: 'training-l4',
          name: 'gpu-l4-shared',
          cluster: 'training',
          role: 'gpu',
          provisioner: 'karpenter',
          instanceTypes: ['g6.12xlarge'],
          capacity: { spotAllowed: true, spotPercent: 50 },
          nodesPerAz: { min: 0, desired: 1, max: 4 },
          limits: { vcpu: 576, memoryGiB: 2304 },
          taints: [ML_TAINT],
          labels: { workload: 'ml', 'gpu-class': 'l4' },
          gpu: { model: 'L4', countPerNode: 4, sharing: 'time-slicing', timeSlicingReplicas: 4 },
          schedule: { hoursPerDay: 12 },
          notes:
            'Experiments and sweeps: each L4 is time-sliced four ways. Half spot on the one type with four L4s: the spot-diversity warning is accepted because sweeps retry.',
        },
      ],
      workloads: [
        {
          id: 'feature-prep',
          name: 'feature preparation',
          kind: 'job',
          cluster: 'training',
          nodePool: 'training-cpu',
          namespace: 'pipelines',
          resources: { cpu: 4, memoryGiB: 8 },
          job: { completions: 100, parallelism: 50, durationMinutes: 20, runsPerDay: 4 },
          nodeSelector: { workload: 'batch' },
        },
        {
          id: 'train-recsys',
          name: 'recommender training',
          kind: 'job',
          cluster: 'training',
          nodePool: 'training-a100',
          namespace: 'training',
          resources: { cpu: 48, memoryGiB: 500, gpu: 8 },
          job: { completions: 2, parallelism: 2, durationMinutes: 360, runsPerDay: 1 },
          tolerations: [ML_TOLERATION],
          nodeSelector: { workload: 'ml', 'gpu-class': 'a100' },
          priorityClass: 'training-high',
        },
        {
          id: 'hparam-sweep',
          name: 'hyper-parameter sweep',
          kind: 'job',
          cluster: 'training',
          nodePool: 'training-l4',
          namespace: 'experiments',
          resources: { cpu: 2, memoryGiB: 8, gpu: 1 },
          job: { completions: 100, parallelism: 16, durationMinutes: 30, runsPerDay: 2 },
          tolerations: [ML_TOLERATION],
          nodeSelector: { workload: 'ml', 'gpu-class': 'l4' },
        },
      ],
      dependencies: [{ id: 'train-needs-features', from: 'train-recsys', to: 'feature-prep', type: 'hard' }],
    },
  );
}

/** Every shipped template: file name, and the document it holds. */
export const TEMPLATES: readonly { readonly file: string; readonly build: () => TemplateInput }[] = [
  { file: 'ott-streaming-platform.topo.yaml', build: ottTemplate },
  { file: 'single-cluster-startup.topo.yaml', build: startupTemplate },
  { file: 'ml-training-platform.topo.yaml', build: mlTrainingTemplate },
];
