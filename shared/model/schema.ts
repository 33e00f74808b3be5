// The topology model: one runtime schema per element kind, the single source of truth. TypeScript types
// are inferred from it, the JSON Schema for the YAML editor is generated from it, and the loader and
// every command validate against it. Containment and references are checked in integrity.ts.
import { withParser, z } from 'zod';
import type { ServicePriceKey } from '../catalog/types';
import { parseCidr } from './cidr';
import { compileParser } from './fast-parse';
import { compareStrings, didYouMean } from '../util/text';

/** The `apiVersion` every document carries. */
export const API_VERSION = 'topology-designer.dev/v1';
/** The schema version this build writes; older files pass through migrations, newer ones are refused. */
export const SCHEMA_VERSION = 1;

const ID_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const K8S_LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const K8S_LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** An element id: lower-case letters, digits and dashes, 1-63 characters, unique in the document. */
export const Id = z
  .string()
  .regex(
    ID_PATTERN,
    'must be 1-63 lower-case letters, digits or dashes, starting and ending with a letter or digit',
  )
  .describe('Stable identifier of an element, unique in the document (lower-case letters, digits, dashes).');

/** A reference to another element by its id. */
const Ref = (what: string) => Id.describe(`Id of the ${what}.`);

/** Whole numbers at or above zero. */
const Count = z.number().int('must be a whole number').min(0, 'must be 0 or more');
const Positive = z.number().positive('must be greater than 0');
const Share = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');

/** Kubernetes-style label map, sorted by key so that saved files are stable. */
const LabelMap = z
  .record(
    z.string().regex(K8S_LABEL_KEY, 'must be a valid Kubernetes label key'),
    z.string().regex(K8S_LABEL_VALUE, 'must be a valid Kubernetes label value (63 characters at most)'),
  )
  .transform(sortRecord);

/** Returns a copy of a record with its keys in code-unit order. */
export function sortRecord<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compareStrings)) out[key] = record[key] as T;
  return out;
}

/** Whether a key is a user extension field (`x-...`), which the schema keeps but does not interpret. */
export function isExtensionKey(key: string): boolean {
  return key.startsWith('x-');
}

/**
 * An object schema that refuses unknown keys with a "did you mean" hint, keeps `x-` extension keys
 * (sorted, after the known ones) and runs `refine` for cross-field rules.
 */
function strictWithExtensions<S extends z.ZodRawShape>(
  shape: S,
  refine?: (value: z.infer<z.ZodObject<S>>, ctx: z.RefinementCtx) => void,
) {
  const known = Object.keys(shape);
  const base = z
    .object(shape)
    .catchall(z.unknown())
    .superRefine(
      (value, ctx) => {
        if (typeof value !== 'object' || value === null) return;
        for (const key of Object.keys(value)) {
          if (key in shape || isExtensionKey(key)) continue;
          const hint = didYouMean(key, known);
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `unknown field "${key}"${hint ? `; did you mean "${hint}"?` : ''} (custom fields must start with "x-")`,
            params: { unknownKey: key },
          });
        }
      },
      { when: () => true },
    );
  const refined = refine
    ? base.superRefine((value, ctx) => refine(value as z.infer<z.ZodObject<S>>, ctx))
    : base;
  return refined.transform(
    (value) => orderExtensions(value as Record<string, unknown>, known) as typeof value,
  );
}

function orderExtensions(value: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  // zod's output has the known keys in shape order, then the others: with no extension key and no
  // undefined value it is already the result (most objects of a document; no second copy of each).
  let plain = true;
  for (const key in value) {
    if (value[key] === undefined || isExtensionKey(key)) {
      plain = false;
      break;
    }
  }
  if (plain) return value;
  const out: Record<string, unknown> = {};
  for (const key of known) if (value[key] !== undefined) out[key] = value[key];
  for (const key of Object.keys(value).filter(isExtensionKey).sort(compareStrings)) out[key] = value[key];
  return out;
}

const common = {
  id: Id,
  name: z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'must be 200 characters or fewer')
    .describe('Display name.'),
  notes: z.string().max(10_000).optional().describe('Free-form notes for reviewers.'),
};

const cidr = (what: string) =>
  z
    .string()
    .superRefine((text, ctx) => {
      const parsed = parseCidr(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    })
    .describe(what);

const RootVolume = strictWithExtensions({
  sizeGiB: z.number().int().min(1).max(65_536).default(50).describe('Root EBS volume size per node, GiB.'),
  type: z.enum(['gp3', 'gp2']).default('gp3').describe('EBS volume type.'),
  iops: z.number().int().min(3000).max(80_000).optional().describe('Provisioned IOPS (gp3; 3000 included).'),
  throughputMiBps: z
    .number()
    .int()
    .min(125)
    .max(2000)
    .optional()
    .describe('Provisioned throughput (gp3; 125 MiB/s included).'),
});

// ---------------------------------------------------------------------------------------------------
// Element kinds

/** An AWS region; its availability zones are elements of their own. */
export const RegionSchema = strictWithExtensions({
  ...common,
  code: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region code such as us-east-1')
    .describe('AWS region code, e.g. us-east-1.'),
});

/** An availability zone of one region. */
export const ZoneSchema = strictWithExtensions({
  ...common,
  region: Ref('region this zone belongs to'),
  zoneName: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/, 'must be an AZ name such as us-east-1a')
    .describe('AZ name as your account sees it, e.g. us-east-1a.'),
  zoneId: z
    .string()
    .regex(/^[a-z]{2,4}\d+-az\d+$/, 'must be an AZ id such as use1-az1')
    .optional()
    .describe('AZ id (stable across accounts), e.g. use1-az1.'),
});

export const CLUSTER_ROLES = ['api', 'media', 'ml', 'batch', 'platform'] as const;

/** An EKS cluster in one region over some of its availability zones. */
export const ClusterSchema = strictWithExtensions({
  ...common,
  region: Ref('region the cluster runs in'),
  role: z
    .union([z.enum(CLUSTER_ROLES), Id.describe('A custom role name (lower-case letters, digits, dashes).')])
    .describe('Workload class of the cluster: api, media, ml, batch, platform, or a custom name.'),
  environment: z
    .enum(['production', 'staging', 'development'])
    .default('production')
    .describe('Production clusters are held to the strictest design rules.'),
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d{1,2}$/, 'must be a Kubernetes minor version such as 1.31')
    .describe('Kubernetes minor version, e.g. "1.31".'),
  zones: z
    .array(Ref('availability zone'))
    .min(1, 'must list at least one availability zone')
    .describe('Availability zones (zone element ids) the cluster spans.'),
  network: strictWithExtensions({
    vpcCidr: cidr('VPC CIDR block, e.g. 10.0.0.0/16.'),
    podCidr: cidr('Pod CIDR when pods use a secondary range (custom networking).').optional(),
    serviceCidr: cidr('Kubernetes service CIDR, e.g. 172.20.0.0/16.'),
  }),
  controlPlane: strictWithExtensions({
    support: z
      .enum(['standard', 'extended'])
      .default('standard')
      .describe('EKS support tier; extended support costs more per cluster-hour.'),
  }).default({ support: 'standard' }),
  natGateways: z
    .enum(['per-az', 'single', 'none'])
    .default('per-az')
    .describe('NAT gateways for private subnets: one per AZ (resilient), one shared, or none.'),
  loadBalancers: z
    .array(
      strictWithExtensions({
        name: z.string().min(1),
        type: z.enum(['alb', 'nlb']),
        count: z.number().int().min(1).default(1),
        capacityUnits: z
          .number()
          .min(0)
          .default(1)
          .describe('Average LCUs (ALB) or NLCUs (NLB) per hour for one load balancer.'),
      }),
    )
    .default([])
    .describe('Load balancers in front of the cluster.'),
  traffic: strictWithExtensions({
    natProcessedGBPerMonth: z
      .number()
      .min(0)
      .optional()
      .describe(
        'GB a month that the private subnets send through the NAT gateways (priced per GB processed).',
      ),
    interAzGBPerMonth: z
      .number()
      .min(0)
      .optional()
      .describe('GB a month moved between the cluster\u2019s availability zones (billed on both sides).'),
    internetEgressGBPerMonth: z
      .number()
      .min(0)
      .optional()
      .describe(
        'GB a month the cluster\u2019s services send to the internet (priced with the region\u2019s egress tiers).',
      ),
  })
    .optional()
    .describe('Monthly traffic volumes for the cost estimate; a volume left out is not priced.'),
});

export const POOL_ROLES = ['system', 'general', 'media', 'gpu', 'batch'] as const;

const Taint = strictWithExtensions({
  key: z.string().regex(K8S_LABEL_KEY, 'must be a valid Kubernetes taint key'),
  value: z.string().regex(K8S_LABEL_VALUE, 'must be a valid Kubernetes taint value').optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

const GpuSettings = strictWithExtensions(
  {
    model: z.string().min(1).describe('GPU model, e.g. A100, H100, L4, A10G, T4.'),
    countPerNode: z.number().int().min(1).describe('GPUs per node.'),
    sharing: z
      .enum(['whole', 'mig', 'time-slicing'])
      .default('whole')
      .describe('How pods share a GPU: whole devices, MIG partitions or time-slicing.'),
    migProfile: z
      .string()
      .regex(/^\d+g\.\d+gb$/, 'must be a MIG profile such as 1g.10gb')
      .optional()
      .describe('MIG profile when sharing is mig, e.g. 1g.10gb.'),
    timeSlicingReplicas: z
      .number()
      .int()
      .min(2)
      .optional()
      .describe('Pods per GPU when sharing is time-slicing.'),
  },
  (gpu, ctx) => {
    if (gpu.sharing === 'mig' && !gpu.migProfile) {
      ctx.addIssue({ code: 'custom', path: ['migProfile'], message: 'is required when sharing is "mig"' });
    }
    if (gpu.sharing === 'time-slicing' && !gpu.timeSlicingReplicas) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeSlicingReplicas'],
        message: 'is required when sharing is "time-slicing"',
      });
    }
  },
);

/** A node pool of a cluster: a managed node group or a Karpenter NodePool; with `gpu`, a GPU pool. */
export const NodePoolSchema = strictWithExtensions(
  {
    ...common,
    cluster: Ref('cluster the pool belongs to'),
    role: z.enum(POOL_ROLES).describe('What the pool is for: system, general, media, gpu or batch.'),
    provisioner: z
      .enum(['karpenter', 'managed'])
      .describe('karpenter (a NodePool + EC2NodeClass) or managed (an EKS managed node group).'),
    zones: z
      .array(Ref('availability zone'))
      .min(1, 'must list at least one zone, or be left out to use all of the cluster\u2019s zones')
      .optional()
      .describe('Zones the pool places nodes in; defaults to all of its cluster\u2019s zones.'),
    instanceTypes: z
      .array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must be an EC2 instance type such as m6i.xlarge'))
      .default([])
      .describe('Instance types the pool may launch.'),
    requirements: strictWithExtensions({
      families: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
      sizes: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
      architectures: z.array(z.enum(['amd64', 'arm64'])).optional(),
      minVcpu: Count.optional(),
      maxVcpu: Count.optional(),
    })
      .optional()
      .describe('Karpenter-style requirements instead of (or on top of) an explicit type list.'),
    capacity: strictWithExtensions(
      {
        spotAllowed: z.boolean().default(false).describe('Whether the pool may use spot capacity.'),
        spotPercent: Share.default(0).describe('Share of nodes on spot, 0-100; the rest is on-demand.'),
      },
      (capacity, ctx) => {
        if (!capacity.spotAllowed && capacity.spotPercent > 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['spotPercent'],
            message: `is ${capacity.spotPercent} but spotAllowed is false; set spotAllowed: true or spotPercent: 0`,
          });
        }
      },
    ).default({ spotAllowed: false, spotPercent: 0 }),
    nodesPerAz: strictWithExtensions(
      {
        min: Count.describe('Minimum nodes in each zone.'),
        desired: Count.describe('Expected nodes in each zone (used for expected cost).'),
        max: Count.describe('Maximum nodes in each zone.'),
      },
      (nodes, ctx) => {
        if (nodes.desired < nodes.min) {
          ctx.addIssue({ code: 'custom', path: ['desired'], message: `must be ≥ min (${nodes.min})` });
        }
        if (nodes.max < nodes.min) {
          ctx.addIssue({ code: 'custom', path: ['max'], message: `must be ≥ min (${nodes.min})` });
        } else if (nodes.max < nodes.desired) {
          ctx.addIssue({ code: 'custom', path: ['max'], message: `must be ≥ desired (${nodes.desired})` });
        }
      },
    ),
    limits: strictWithExtensions({
      vcpu: Positive.optional().describe('Karpenter NodePool limit on total vCPU.'),
      memoryGiB: Positive.optional().describe('Karpenter NodePool limit on total memory, GiB.'),
    })
      .optional()
      .describe('Karpenter NodePool limits (the ceiling for maximum spend).'),
    disruption: strictWithExtensions({
      consolidationPolicy: z
        .enum(['WhenEmptyOrUnderutilized', 'WhenEmpty'])
        .default('WhenEmptyOrUnderutilized'),
      consolidateAfter: z
        .string()
        .regex(/^(\d+(s|m|h))+$|^Never$/, 'must be a duration such as 30s, 5m, or Never')
        .default('1m'),
      budgetNodesPercent: Share.default(10).describe('At most this share of nodes disrupted at once.'),
    })
      .optional()
      .describe('Karpenter disruption settings.'),
    taints: z.array(Taint).default([]).describe('Taints that keep other work off the pool.'),
    labels: LabelMap.default({}).describe('Node labels.'),
    priorityClass: z.string().optional().describe('PriorityClass of the pool\u2019s critical pods.'),
    rootVolume: RootVolume.default({ sizeGiB: 50, type: 'gp3' }),
    gpu: GpuSettings.optional().describe('GPU settings; present on GPU pools.'),
    schedule: strictWithExtensions({
      hoursPerDay: z.number().min(0).max(24).describe('Hours per day the pool runs (batch/training pools).'),
    })
      .optional()
      .describe('Part-time schedule; absent means always on.'),
  },
  (pool, ctx) => {
    if (pool.instanceTypes.length === 0 && !pool.requirements?.families?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['instanceTypes'],
        message: 'must list at least one instance type (or give requirements.families)',
      });
    }
    if (pool.role === 'gpu' && !pool.gpu) {
      ctx.addIssue({ code: 'custom', path: ['gpu'], message: 'is required on a pool with role "gpu"' });
    }
    if (pool.gpu && pool.role !== 'gpu' && pool.role !== 'batch') {
      ctx.addIssue({
        code: 'custom',
        path: ['gpu'],
        message: `is only allowed on pools with role "gpu" or "batch", not "${pool.role}"`,
      });
    }
    if (pool.provisioner !== 'karpenter') {
      for (const key of ['limits', 'disruption'] as const) {
        if (pool[key]) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'applies only to pools with provisioner "karpenter"',
          });
        }
      }
    }
  },
);

const CPU_LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** Number of CPUs in a Linux cpu list such as "2-31,34-63"; undefined when the list is malformed. */
export function countCpuList(list: string): number | undefined {
  if (!CPU_LIST.test(list)) return undefined;
  let count = 0;
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (to! < from) return undefined;
    count += to! - from + 1;
  }
  return count;
}

/** A DPDK streaming fleet: bare EC2 instances per AZ, outside Kubernetes. */
export const FleetSchema = strictWithExtensions({
  ...common,
  region: Ref('region the fleet runs in'),
  zones: z.array(Ref('availability zone')).min(1, 'must list at least one availability zone'),
  instanceType: z
    .string()
    .regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must be an EC2 instance type such as c6in.metal')
    .describe('Instance type: bare metal or ENA Express capable.'),
  instancesPerAz: Count.describe('Instances in each zone.'),
  throughputGbpsPerInstance: Positive.describe(
    'Streaming throughput each instance is expected to push, Gbps.',
  ),
  hugepages: strictWithExtensions({
    size: z.enum(['2Mi', '1Gi']).describe('Hugepage size.'),
    count: Count.describe('Hugepages reserved at boot.'),
  }),
  cpu: strictWithExtensions({
    isolatedCores: z
      .string()
      .regex(CPU_LIST, 'must be a Linux cpu list such as 2-31,34-63')
      .refine(
        (list) => !CPU_LIST.test(list) || countCpuList(list) !== undefined,
        'has a range whose end is below its start',
      )
      .optional()
      .describe('Cores isolated from the kernel scheduler for DPDK (isolcpus), e.g. 2-31.'),
    numaPinning: z
      .boolean()
      .default(true)
      .describe('Pin DPDK threads and memory to the NIC\u2019s NUMA node.'),
  }).default({ numaPinning: true }),
  placementGroup: z
    .enum(['cluster', 'partition', 'spread'])
    .default('cluster')
    .describe('EC2 placement group strategy per zone.'),
  internetEgressTBPerMonth: z
    .number()
    .min(0)
    .default(0)
    .describe('Expected internet egress of the whole fleet, TB per month.'),
  rootVolume: RootVolume.default({ sizeGiB: 50, type: 'gp3' }),
});

const Toleration = strictWithExtensions({
  key: z.string().regex(K8S_LABEL_KEY, 'must be a valid Kubernetes taint key').optional(),
  operator: z.enum(['Equal', 'Exists']).default('Equal'),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
});

export const WORKLOAD_KINDS = ['service', 'job', 'dpdk-service'] as const;

/** A service, batch job or DPDK service, placed on a cluster (and pool) or on a streaming fleet. */
export const WorkloadSchema = strictWithExtensions(
  {
    ...common,
    kind: z
      .enum(WORKLOAD_KINDS)
      .describe('service (Deployment), job (batch Job) or dpdk-service (runs on a streaming fleet).'),
    cluster: Ref('cluster the workload runs on').optional(),
    nodePool: Ref('node pool the workload is pinned to').optional(),
    fleet: Ref('streaming fleet a dpdk-service runs on').optional(),
    namespace: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a valid Kubernetes namespace')
      .optional(),
    replicas: Count.optional().describe('Fixed replica count (services without autoscaling).'),
    autoscaling: strictWithExtensions(
      {
        minReplicas: z.number().int().min(1, 'must be at least 1'),
        maxReplicas: z.number().int().min(1, 'must be at least 1'),
        targetCpuPercent: z.number().int().min(1).max(100).default(70),
      },
      (hpa, ctx) => {
        if (hpa.maxReplicas < hpa.minReplicas) {
          ctx.addIssue({
            code: 'custom',
            path: ['maxReplicas'],
            message: `must be ≥ minReplicas (${hpa.minReplicas})`,
          });
        }
      },
    )
      .optional()
      .describe('HorizontalPodAutoscaler settings.'),
    resources: strictWithExtensions({
      cpu: Positive.describe('CPU request per replica, cores (0.5 = 500m).'),
      memoryGiB: Positive.describe('Memory request per replica, GiB.'),
      gpu: Count.default(0).describe('GPUs (or GPU shares) requested per replica.'),
      volumeGiB: z
        .number()
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(65_536, 'must be 65536 or less')
        .optional()
        .describe('Persistent volume per replica of a stateful service, GiB (EBS gp3).'),
    })
      .optional()
      .describe('Requests per replica.'),
    demand: strictWithExtensions({
      unit: z.enum(['rps', 'gbps', 'sessions']).describe('Unit of demand and capacity.'),
      baseline: z.number().min(0).describe('Normal demand, in unit.'),
      burstFactor: z.number().min(1).default(1).describe('Peak demand as a multiple of baseline (3-5x).'),
      perReplica: Positive.describe('Demand one replica (or instance) can serve, in unit.'),
    })
      .optional()
      .describe('Traffic the workload must carry.'),
    userFacing: z
      .boolean()
      .default(false)
      .describe('Whether users see this workload\u2019s failures directly.'),
    stateful: z.boolean().default(false),
    tolerations: z.array(Toleration).default([]),
    nodeSelector: LabelMap.default({}),
    priorityClass: z.string().optional(),
    job: strictWithExtensions({
      completions: z.number().int().min(1),
      parallelism: z.number().int().min(1),
      durationMinutes: Positive.optional().describe('Typical run time of one job.'),
      runsPerDay: z.number().min(0).optional(),
    })
      .optional()
      .describe('Job settings (kind job).'),
  },
  (w, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (w.kind === 'dpdk-service') {
      if (!w.fleet) issue('fleet', 'is required: a dpdk-service runs on a streaming fleet');
      if (w.cluster) issue('cluster', 'must be left out: a dpdk-service runs on a fleet, not in Kubernetes');
      if (w.nodePool)
        issue('nodePool', 'must be left out: a dpdk-service runs on a fleet, not in Kubernetes');
    } else {
      if (!w.cluster) issue('cluster', `is required: a ${w.kind} runs on a Kubernetes cluster`);
      if (w.fleet) issue('fleet', `must be left out: only a dpdk-service runs on a streaming fleet`);
      if (!w.resources)
        issue('resources', `is required for a ${w.kind} (CPU and memory requests per replica)`);
    }
    if (w.kind === 'job' && !w.job) issue('job', 'is required for kind job (completions and parallelism)');
    if (w.kind !== 'job' && w.job) issue('job', `applies only to kind job, not ${w.kind}`);
    if (w.kind === 'service' && w.replicas === undefined && !w.autoscaling) {
      issue('replicas', 'is required when there is no autoscaling (or add autoscaling)');
    }
    if (w.replicas !== undefined && w.autoscaling) {
      issue('replicas', 'must be left out when autoscaling is set (the HPA owns the replica count)');
    }
    if (w.job && w.job.parallelism > w.job.completions) {
      ctx.addIssue({
        code: 'custom',
        path: ['job', 'parallelism'],
        message: `must be ≤ completions (${w.job.completions})`,
      });
    }
  },
);

/** Workload `from` calls workload `to`; a hard dependency fails with it, a soft one degrades. */
export const DependencySchema = strictWithExtensions(
  {
    id: Id,
    name: z.string().max(200).optional(),
    notes: z.string().max(10_000).optional(),
    from: Ref('calling workload'),
    to: Ref('called workload'),
    type: z.enum(['hard', 'soft']).describe('hard: the caller fails without it; soft: the caller degrades.'),
  },
  (d, ctx) => {
    if (d.from === d.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must differ from "from"' });
  },
);

// ---------------------------------------------------------------------------------------------------
// Settings, metadata, layout, document

/** The unit of each service price key, as the catalog prices it; a price override must use the same. */
export const SERVICE_PRICE_UNITS: { readonly [K in ServicePriceKey]: string } = {
  'eks.controlPlane.standard.perClusterHour': 'cluster-hour',
  'eks.controlPlane.extendedSupport.perClusterHour': 'cluster-hour',
  'natGateway.perHour': 'hour',
  'natGateway.dataProcessed.perGB': 'GB',
  'alb.perHour': 'hour',
  'nlb.perHour': 'hour',
  'alb.lcu.perLcuHour': 'LCU-hour',
  'nlb.lcu.perLcuHour': 'LCU-hour',
  'ebs.gp3.perGBMonth': 'GB-month',
  'ebs.gp3.throughput.perMBpsMonth': '(MB/s)-month',
  'ebs.gp3.iops.perIopsMonth': 'IOPS-month',
  'ebs.gp2.perGBMonth': 'GB-month',
  'publicIPv4.perAddressHour': 'public-IPv4-address-hour',
};

/** Whether a price override key names a service price (else it names an EC2 instance type). */
export function isServicePriceKey(key: string): key is ServicePriceKey {
  return Object.hasOwn(SERVICE_PRICE_UNITS, key);
}

const INSTANCE_TYPE = /^[a-z0-9-]+\.[a-z0-9-]+$/;

/** A unit price the user enters to fill a gap in the catalog (or to replace one of its prices). */
const PriceOverrideSchema = strictWithExtensions(
  {
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region code such as us-east-1')
      .describe('AWS region code the price applies to, e.g. eu-west-1.'),
    key: z
      .string()
      .min(1, 'must not be empty')
      .describe(
        'An EC2 instance type (e.g. p5e.48xlarge, priced per instance-hour) or a service price key ' +
          '(e.g. eks.controlPlane.standard.perClusterHour).',
      ),
    usdPerHour: z
      .number()
      .min(0, 'must be 0 or more')
      .optional()
      .describe('Price per hour in US dollars: instance types and hourly service prices.'),
    usd: z.number().min(0, 'must be 0 or more').optional().describe('Price per unit in US dollars.'),
    unit: z
      .string()
      .min(1, 'must not be empty')
      .describe('Unit of the price: instance-hour for an instance type, else the unit of the service key.'),
    source: z
      .string()
      .min(1, 'must not be empty')
      .max(500)
      .describe(
        'Where the price comes from, e.g. "AWS Price List, AmazonEKS eu-west-1, published 2026-08-01".',
      ),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .describe('Date of the price data, YYYY-MM-DD.'),
  },
  (price, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const expected = isServicePriceKey(price.key)
      ? SERVICE_PRICE_UNITS[price.key]
      : INSTANCE_TYPE.test(price.key)
        ? 'instance-hour'
        : undefined;
    if (expected === undefined) {
      const hint = didYouMean(price.key, Object.keys(SERVICE_PRICE_UNITS));
      issue(
        'key',
        `must be an EC2 instance type such as m6i.xlarge or a service price key${hint ? `; did you mean "${hint}"?` : ''}`,
      );
    } else if (price.unit !== expected) {
      issue('unit', `must be ${expected} for ${price.key}`);
    }
    if ((price.usdPerHour === undefined) === (price.usd === undefined)) {
      issue('usd', 'give exactly one of usdPerHour and usd');
    } else if (price.usdPerHour !== undefined && !price.unit.endsWith('hour')) {
      issue('usdPerHour', `does not fit the unit ${price.unit}; use usd`);
    }
  },
);

/** Assumptions that every estimate depends on; they travel with the document. */
export const SettingsSchema = strictWithExtensions({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .default('USD')
    .describe('Currency of reports; prices are converted from USD at usdExchangeRate.'),
  usdExchangeRate: Positive.default(1).describe('Units of currency per US dollar.'),
  hoursPerMonth: z.number().positive().max(744).default(730).describe('Hours in a billing month.'),
  catalog: z.string().min(1).default('aws').describe('Id of the price catalog in use.'),
  spot: strictWithExtensions({
    fallbackOnDemandPercent: Share.default(10).describe(
      'Share of spot capacity assumed to run on on-demand after interruptions.',
    ),
  }).default({ fallbackOnDemandPercent: 10 }),
  engineering: strictWithExtensions({
    people: z.number().min(0).default(0).describe('Engineers running the platform (full-time equivalents).'),
    monthlyCostPerPerson: z.number().min(0).default(0).describe('Loaded monthly cost of one engineer.'),
  }).default({ people: 0, monthlyCostPerPerson: 0 }),
  monitoring: strictWithExtensions({
    perNodeMonthly: z.number().min(0).default(0).describe('Monitoring cost per node per month.'),
    perClusterMonthly: z.number().min(0).default(0).describe('Monitoring cost per cluster per month.'),
  }).default({ perNodeMonthly: 0, perClusterMonthly: 0 }),
  autoscaling: strictWithExtensions({
    hpaSyncSeconds: z.number().min(1).default(15),
    hpaScaleUpStabilizationSeconds: z.number().min(0).default(0),
    podStartSeconds: z.number().min(0).default(20),
    nodeLaunchSeconds: z.number().min(0).default(60),
    nodeJoinSeconds: z.number().min(0).default(45),
  })
    .default({
      hpaSyncSeconds: 15,
      hpaScaleUpStabilizationSeconds: 0,
      podStartSeconds: 20,
      nodeLaunchSeconds: 60,
      nodeJoinSeconds: 45,
    })
    .describe('Delays of the autoscaling chain (request rate -> HPA -> pods -> nodes).'),
  priceOverrides: z
    .array(PriceOverrideSchema)
    .superRefine((prices, ctx) => {
      const seen = new Set<string>();
      prices.forEach((price, i) => {
        const key = `${price.region} ${price.key}`;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'key'],
            message: `${price.key} is overridden twice for ${price.region}`,
          });
        }
        seen.add(key);
      });
    })
    .optional()
    .describe(
      'Unit prices entered by the user; they take precedence over the catalog and are cited as such.',
    ),
});

export const MetadataSchema = strictWithExtensions({
  name: z.string().min(1, 'must not be empty').max(200),
  description: z.string().max(10_000).optional(),
  owner: z.string().max(200).optional(),
  labels: LabelMap.optional(),
});

const NodeLayoutSchema = strictWithExtensions({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().positive().finite().optional(),
  height: z.number().positive().finite().optional(),
  collapsed: z.boolean().optional(),
});

/** Canvas positions and sizes; kept apart from the model so design diffs stay readable. */
export const LayoutSchema = strictWithExtensions({
  nodes: z.record(Id, NodeLayoutSchema).default({}).transform(sortRecord),
});

/** Sorts elements by id so that saved files are stable whatever order they were created in. */
function sortedById<T extends z.ZodType<{ id: string }>>(element: T) {
  return z
    .array(element)
    .default([])
    .transform((items) => [...items].sort((a, b) => compareStrings(a.id, b.id)));
}

export const SpecSchema = strictWithExtensions({
  settings: SettingsSchema.default(SettingsSchema.parse({})),
  regions: sortedById(RegionSchema),
  zones: sortedById(ZoneSchema),
  clusters: sortedById(ClusterSchema),
  nodePools: sortedById(NodePoolSchema),
  fleets: sortedById(FleetSchema),
  workloads: sortedById(WorkloadSchema),
  dependencies: sortedById(DependencySchema),
});

/**
 * A named variant of the design ("3 AZs, 70% spot"): a full snapshot of the spec, with the same element ids
 * as the design where the elements are the same, sharing the document's layout. Every engine runs on a
 * scenario as on the design (the document with its spec swapped).
 */
export const ScenarioSchema = strictWithExtensions({
  id: Id.describe('Stable identifier of the scenario, unique among the scenarios.'),
  name: common.name,
  notes: common.notes,
  spec: SpecSchema,
});

/** A whole `.topo.yaml` document. */
export const TopologyDocumentSchema = strictWithExtensions({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal('Topology'),
  schemaVersion: z.literal(SCHEMA_VERSION),
  metadata: MetadataSchema,
  spec: SpecSchema,
  scenarios: z
    .array(ScenarioSchema)
    .transform((items) => [...items].sort((a, b) => compareStrings(a.id, b.id)))
    .optional()
    .describe('Named variants of the design to compare with it; left out when there are none.'),
  layout: LayoutSchema.default({ nodes: {} }),
});

let compiledDocumentSchema: typeof TopologyDocumentSchema | undefined;

/**
 * TopologyDocumentSchema with a fast path (fast-parse.ts) in front of zod's interpreter, built on first use:
 * the same results and messages, several times faster on a valid document. Use it to parse whole documents.
 */
export function documentSchema(): typeof TopologyDocumentSchema {
  if (!compiledDocumentSchema) {
    try {
      compiledDocumentSchema = withParser(
        TopologyDocumentSchema,
        compileParser(TopologyDocumentSchema) as (input: unknown) => z.output<typeof TopologyDocumentSchema>,
      );
    } catch {
      // zod refuses a fast path for a schema with cycles: the interpreter alone is slower, never wrong.
      compiledDocumentSchema = TopologyDocumentSchema;
    }
  }
  return compiledDocumentSchema;
}

export type Region = z.infer<typeof RegionSchema>;
export type Zone = z.infer<typeof ZoneSchema>;
export type Cluster = z.infer<typeof ClusterSchema>;
export type NodePool = z.infer<typeof NodePoolSchema>;
export type Fleet = z.infer<typeof FleetSchema>;
export type Workload = z.infer<typeof WorkloadSchema>;
export type Dependency = z.infer<typeof DependencySchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type PriceOverride = z.infer<typeof PriceOverrideSchema>;
export type Metadata = z.infer<typeof MetadataSchema>;
export type NodeLayout = z.infer<typeof NodeLayoutSchema>;
export type Layout = z.infer<typeof LayoutSchema>;
export type Spec = z.infer<typeof SpecSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type TopologyDocument = z.infer<typeof TopologyDocumentSchema>;
/** The input shape of a document (defaults not yet applied), e.g. for builders and tests. */
export type TopologyDocumentInput = z.input<typeof TopologyDocumentSchema>;

/** Parses a layout entry (used by commands that move nodes). */
export const parseNodeLayout = (value: unknown) => NodeLayoutSchema.safeParse(value);
