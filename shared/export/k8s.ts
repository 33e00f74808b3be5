// The Kubernetes manifests of each cluster: namespaces, priority classes, Karpenter NodePools and
// EC2NodeClasses, the NVIDIA device plugin's configuration, and one file per workload (Deployment or
// Job, with its PodDisruptionBudget and HorizontalPodAutoscaler). Objects are plain data; the files
// are written with the project's deterministic YAML writer.
import { writeYaml } from '../format/yaml-writer';
import type { NodePool, Settings, Workload } from '../model/schema';
import { gpuSlotsPerNode, isHardTaint } from '../rules/helpers';
import type { ClusterPlan, PoolPlan, WorkloadPlan } from './plan';
import { boundedName } from './plan';

export type K8sObject = Record<string, unknown>;

/** One manifest file: its objects, each with the element it was generated from. */
export interface K8sFile {
  readonly path: string;
  readonly objects: readonly { readonly object: K8sObject; readonly elementId: string }[];
}

/** The Kubernetes files of one cluster and what the cross-file checks need to know about them. */
export interface ClusterManifests {
  readonly cluster: ClusterPlan;
  /** Manifest files (kustomization.yaml is written from them and is not listed here). */
  readonly files: readonly K8sFile[];
  /** The Karpenter NodePools of each pool, by pool id. */
  readonly nodePools: ReadonlyMap<string, readonly K8sObject[]>;
}

export const MANAGED_BY = 'topology-designer';
/** Node label naming the model's pool on every node of it (Karpenter and managed alike). */
export const POOL_LABEL = 'topology-designer.dev/pool';
/** Node label that splits a pool between its spot and on-demand NodePools (see capacitySplit). */
export const SPREAD_LABEL = 'topology-designer.dev/capacity-spread';
/** Node label that selects the NVIDIA device plugin's configuration for a GPU pool. */
export const DEVICE_PLUGIN_LABEL = 'nvidia.com/device-plugin.config';
export const DEVICE_PLUGIN_CONFIGMAP = 'nvidia-device-plugin-config';
export const ZONE_KEY = 'topology.kubernetes.io/zone';
/** Priority classes Kubernetes ships; they are never generated. */
const BUILTIN_PRIORITY_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);
/** Value given to generated priority classes (above the default 0, far below the system classes). */
export const PRIORITY_VALUE = 100000;

/** The image reference in manifests; kustomization.yaml's `images` replaces it (see README). */
export function imagePlaceholder(workloadId: string): string {
  return `REPLACE_ME/${workloadId}`;
}

/** CPU cores as a Kubernetes quantity: `2`, `500m`. */
export function cpuQuantity(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** GiB as a Kubernetes quantity: `4Gi`, `1536Mi`. */
export function memoryQuantity(gib: number): string {
  const mib = Math.round(gib * 1024);
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}

// ---------------------------------------------------------------------------------------------------
// Karpenter

/** One Karpenter NodePool a model pool becomes. */
export interface NodePoolPart {
  readonly name: string;
  readonly capacityTypes: readonly ('spot' | 'on-demand')[];
  /** Values of SPREAD_LABEL this NodePool owns (empty when the pool is not split). */
  readonly spread: readonly string[];
  /** Share of the pool's limits this part gets, 0-1. */
  readonly share: number;
}

/** Number of SPREAD_LABEL values: the spot share is honoured to the nearest 10%. */
const SPREAD_DOMAINS = 10;

/**
 * How a pool's spot share becomes NodePools. Karpenter cannot split one NodePool by percent, so a pool
 * with both spot and on-demand becomes two NodePools that own complementary values of SPREAD_LABEL
 * (spot gets round(spot% / 10) of ten values, at least one and at most nine); its workloads spread over
 * that label with maxSkew 1 (ScheduleAnyway, so Karpenter may relax it when spot capacity runs out).
 * This is the ratio pattern of Karpenter's documentation. An all-spot or all-on-demand pool is one NodePool.
 */
export function capacitySplit(pool: NodePool): readonly NodePoolPart[] {
  const spot = pool.capacity.spotAllowed ? pool.capacity.spotPercent : 0;
  if (spot <= 0)
    return [{ name: boundedName(pool.id, 63), capacityTypes: ['on-demand'], spread: [], share: 1 }];
  if (spot >= 100) return [{ name: boundedName(pool.id, 63), capacityTypes: ['spot'], spread: [], share: 1 }];
  const k = Math.min(SPREAD_DOMAINS - 1, Math.max(1, Math.round(spot / 10)));
  const values = Array.from({ length: SPREAD_DOMAINS }, (_, i) => String(i + 1));
  return [
    {
      name: boundedName(`${pool.id}-spot`, 63),
      capacityTypes: ['spot'],
      spread: values.slice(0, k),
      share: k / SPREAD_DOMAINS,
    },
    {
      name: boundedName(`${pool.id}-on-demand`, 63),
      capacityTypes: ['on-demand'],
      spread: values.slice(k),
      share: (SPREAD_DOMAINS - k) / SPREAD_DOMAINS,
    },
  ];
}

/** The labels every node of a pool carries (the model's, the pool label, the device plugin's). */
export function poolNodeLabels(p: PoolPlan): Record<string, string> {
  const labels: Record<string, string> = { ...p.pool.labels, [POOL_LABEL]: p.pool.id };
  const gpu = p.pool.gpu;
  if (p.nvidia) labels[DEVICE_PLUGIN_LABEL] = p.pool.id;
  if (gpu?.sharing === 'mig' && gpu.migProfile) labels['nvidia.com/mig.config'] = `all-${gpu.migProfile}`;
  return sortKeys(labels);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key]!;
  return out;
}

function requirement(key: string, operator: string, values: readonly string[]) {
  return { key, operator, values: [...values] };
}

function karpenterNodePools(p: PoolPlan): K8sObject[] {
  const pool = p.pool;
  const base: ReturnType<typeof requirement>[] = [];
  if (pool.instanceTypes.length > 0)
    base.push(requirement('node.kubernetes.io/instance-type', 'In', [...pool.instanceTypes].sort()));
  const r = pool.requirements;
  if (r?.families?.length)
    base.push(requirement('karpenter.k8s.aws/instance-family', 'In', [...r.families].sort()));
  if (r?.sizes?.length) base.push(requirement('karpenter.k8s.aws/instance-size', 'In', [...r.sizes].sort()));
  base.push(
    requirement(
      'kubernetes.io/arch',
      'In',
      r?.architectures?.length ? [...r.architectures].sort() : [p.arch],
    ),
  );
  base.push(requirement('kubernetes.io/os', 'In', ['linux']));
  if (r?.minVcpu !== undefined && r.minVcpu > 0)
    base.push(requirement('karpenter.k8s.aws/instance-cpu', 'Gt', [String(r.minVcpu - 1)]));
  if (r?.maxVcpu !== undefined)
    base.push(requirement('karpenter.k8s.aws/instance-cpu', 'Lt', [String(r.maxVcpu + 1)]));
  base.push(
    requirement(
      ZONE_KEY,
      'In',
      p.zones.map((z) => z.name),
    ),
  );
  const disruption = pool.disruption ?? {
    consolidationPolicy: 'WhenEmptyOrUnderutilized' as const,
    consolidateAfter: '1m',
    budgetNodesPercent: 10,
  };
  return capacitySplit(pool).map((part) => {
    const requirements = [...base, requirement('karpenter.sh/capacity-type', 'In', part.capacityTypes)];
    if (part.spread.length > 0) requirements.push(requirement(SPREAD_LABEL, 'In', part.spread));
    const limits: Record<string, string> = {};
    if (pool.limits?.vcpu !== undefined) limits.cpu = String(Math.ceil(pool.limits.vcpu * part.share));
    if (pool.limits?.memoryGiB !== undefined)
      limits.memory = `${Math.ceil(pool.limits.memoryGiB * part.share)}Gi`;
    return {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: part.name, labels: commonLabels(pool.id) },
      spec: {
        template: {
          metadata: { labels: poolNodeLabels(p) },
          spec: {
            nodeClassRef: {
              group: 'karpenter.k8s.aws',
              kind: 'EC2NodeClass',
              name: boundedName(pool.id, 63),
            },
            requirements,
            ...(pool.taints.length > 0 ? { taints: pool.taints.map(taintObject) } : {}),
          },
        },
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
        disruption: {
          consolidationPolicy: disruption.consolidationPolicy,
          consolidateAfter: disruption.consolidateAfter,
          budgets: [{ nodes: `${disruption.budgetNodesPercent}%` }],
        },
      },
    };
  });
}

function taintObject(t: NodePool['taints'][number]) {
  return { key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect };
}

function ec2NodeClass(c: ClusterPlan, p: PoolPlan): K8sObject {
  const v = p.pool.rootVolume;
  const discovery = { 'karpenter.sh/discovery': c.eksName };
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: boundedName(p.pool.id, 63), labels: commonLabels(p.pool.id) },
    spec: {
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      role: c.karpenterNodeRole,
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: `${v.sizeGiB}Gi`,
            volumeType: v.type,
            ...(v.type === 'gp3' && v.iops !== undefined ? { iops: v.iops } : {}),
            ...(v.type === 'gp3' && v.throughputMiBps !== undefined ? { throughput: v.throughputMiBps } : {}),
            encrypted: true,
            deleteOnTermination: true,
          },
        },
      ],
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      tags: { [POOL_LABEL]: p.pool.id, 'topology-designer.dev/cluster': c.cluster.id },
    },
  };
}

/** The NVIDIA device plugin's named configurations, one per GPU pool (the node label selects one). */
function devicePluginConfig(c: ClusterPlan, gpuPools: readonly PoolPlan[]): K8sObject {
  const data: Record<string, string> = {};
  for (const p of gpuPools) {
    const gpu = p.pool.gpu;
    const config: Record<string, unknown> = {
      version: 'v1',
      flags: { migStrategy: gpu?.sharing === 'mig' ? 'single' : 'none' },
    };
    if (gpu?.sharing === 'time-slicing' && gpu.timeSlicingReplicas) {
      config.sharing = {
        timeSlicing: { resources: [{ name: 'nvidia.com/gpu', replicas: gpu.timeSlicingReplicas }] },
      };
    }
    data[p.pool.id] = writeYaml(config);
  }
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: DEVICE_PLUGIN_CONFIGMAP, namespace: 'kube-system', labels: commonLabels(c.cluster.id) },
    data,
  };
}

// ---------------------------------------------------------------------------------------------------
// Workloads

function commonLabels(elementId: string): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'topology-designer.dev/element': elementId,
  };
}

function podLabels(w: Workload): Record<string, string> {
  return { 'app.kubernetes.io/name': w.id };
}

/** Whether a workload's pods must spread evenly over zones (user-facing services). */
function hardZoneSpread(w: Workload): boolean {
  return w.userFacing && w.kind === 'service';
}

function podSpec(wp: WorkloadPlan): Record<string, unknown> {
  const w = wp.workload;
  const res = w.resources!;
  const requests: Record<string, string> = {
    cpu: cpuQuantity(res.cpu),
    memory: memoryQuantity(res.memoryGiB),
  };
  const limits: Record<string, string> = { memory: memoryQuantity(res.memoryGiB) };
  if (res.gpu > 0) {
    requests['nvidia.com/gpu'] = String(res.gpu);
    limits['nvidia.com/gpu'] = String(res.gpu);
  }
  const nodeSelector: Record<string, string> = { ...w.nodeSelector };
  if (wp.pool) {
    Object.assign(nodeSelector, wp.pool.pool.labels);
    nodeSelector[POOL_LABEL] = wp.pool.pool.id;
  }
  const spread: Record<string, unknown>[] = [
    {
      maxSkew: 1,
      topologyKey: ZONE_KEY,
      whenUnsatisfiable: hardZoneSpread(w) ? 'DoNotSchedule' : 'ScheduleAnyway',
      labelSelector: { matchLabels: podLabels(w) },
    },
  ];
  if (wp.pool && wp.pool.pool.provisioner === 'karpenter' && capacitySplit(wp.pool.pool).length > 1) {
    spread.push({
      maxSkew: 1,
      topologyKey: SPREAD_LABEL,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: podLabels(w) },
    });
  }
  return {
    ...(w.priorityClass ? { priorityClassName: w.priorityClass } : {}),
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector: sortKeys(nodeSelector) } : {}),
    ...(w.tolerations.length > 0
      ? {
          tolerations: w.tolerations.map((t) => ({
            ...(t.key !== undefined ? { key: t.key } : {}),
            operator: t.operator,
            ...(t.value !== undefined && t.operator === 'Equal' ? { value: t.value } : {}),
            ...(t.effect !== undefined ? { effect: t.effect } : {}),
          })),
        }
      : {}),
    topologySpreadConstraints: spread,
    ...(w.kind === 'job' ? { restartPolicy: 'OnFailure' } : {}),
    containers: [
      {
        name: w.id,
        image: imagePlaceholder(w.id),
        resources: { requests: sortKeys(requests), limits: sortKeys(limits) },
      },
    ],
  };
}

function workloadMetadata(wp: WorkloadPlan) {
  return {
    name: wp.workload.id,
    namespace: wp.namespace,
    labels: { ...podLabels(wp.workload), ...commonLabels(wp.workload.id) },
    annotations: { 'topology-designer.dev/name': wp.workload.name },
  };
}

function workloadObjects(wp: WorkloadPlan, settings: Settings): K8sObject[] {
  const w = wp.workload;
  const template = { metadata: { labels: podLabels(w) }, spec: podSpec(wp) };
  if (w.kind === 'job') {
    return [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: workloadMetadata(wp),
        spec: { completions: w.job!.completions, parallelism: w.job!.parallelism, backoffLimit: 6, template },
      },
    ];
  }
  const out: K8sObject[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: workloadMetadata(wp),
      spec: {
        // With autoscaling the HPA owns the replica count; `kubectl apply` must not reset it.
        ...(w.autoscaling ? {} : { replicas: w.replicas ?? 1 }),
        selector: { matchLabels: podLabels(w) },
        template,
      },
    },
  ];
  const floor = w.autoscaling ? w.autoscaling.minReplicas : (w.replicas ?? 1);
  if (floor >= 2) {
    out.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: w.id, namespace: wp.namespace, labels: commonLabels(w.id) },
      spec: { maxUnavailable: 1, selector: { matchLabels: podLabels(w) } },
    });
  }
  if (w.autoscaling) {
    out.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: w.id, namespace: wp.namespace, labels: commonLabels(w.id) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: w.id },
        minReplicas: w.autoscaling.minReplicas,
        maxReplicas: w.autoscaling.maxReplicas,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: w.autoscaling.targetCpuPercent },
            },
          },
        ],
        behavior: {
          scaleUp: { stabilizationWindowSeconds: settings.autoscaling.hpaScaleUpStabilizationSeconds },
        },
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// A cluster's files

/** Every manifest of a cluster, sorted by path. */
export function clusterManifests(c: ClusterPlan, settings: Settings): ClusterManifests {
  const files: K8sFile[] = [];
  const file = (name: string, objects: K8sFile['objects']) => {
    if (objects.length > 0) files.push({ path: `${c.dir}/${name}`, objects });
  };
  const namespaces = [...new Set(c.workloads.map((w) => w.namespace))]
    .filter((n) => n !== 'default' && n !== 'kube-system')
    .sort();
  file(
    'namespaces.yaml',
    namespaces.map((name) => ({
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: commonLabels(c.cluster.id) } },
      elementId: c.cluster.id,
    })),
  );
  const classes = new Map<string, string[]>();
  const use = (name: string | undefined, by: string) => {
    if (!name || BUILTIN_PRIORITY_CLASSES.has(name)) return;
    classes.set(name, [...(classes.get(name) ?? []), by]);
  };
  for (const p of c.pools) use(p.pool.priorityClass, p.pool.id);
  for (const w of c.workloads) use(w.workload.priorityClass, w.workload.id);
  file(
    'priorityclasses.yaml',
    [...classes.keys()].sort().map((name) => ({
      object: {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name, labels: commonLabels(c.cluster.id) },
        value: PRIORITY_VALUE,
        globalDefault: false,
        preemptionPolicy: 'PreemptLowerPriority',
        description: `Used by ${classes.get(name)!.join(', ')}. Generated by Topology Designer; adjust the value to rank it.`,
      },
      elementId: classes.get(name)![0]!,
    })),
  );
  const nodePools = new Map<string, K8sObject[]>();
  for (const p of c.pools) {
    if (p.pool.provisioner !== 'karpenter') continue;
    const pools = karpenterNodePools(p);
    nodePools.set(p.pool.id, pools);
    file(
      `nodepool-${p.pool.id}.yaml`,
      pools.map((object) => ({ object, elementId: p.pool.id })),
    );
    file(`ec2nodeclass-${p.pool.id}.yaml`, [{ object: ec2NodeClass(c, p), elementId: p.pool.id }]);
  }
  const gpuPools = c.pools.filter((p) => p.nvidia);
  if (gpuPools.length > 0) {
    file('nvidia-device-plugin.yaml', [
      { object: devicePluginConfig(c, gpuPools), elementId: gpuPools[0]!.pool.id },
    ]);
  }
  for (const wp of c.workloads) {
    file(
      `workload-${wp.workload.id}.yaml`,
      workloadObjects(wp, settings).map((object) => ({ object, elementId: wp.workload.id })),
    );
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { cluster: c, files, nodePools };
}

/** A manifest file's text: its objects as YAML documents separated by `---`. */
export function manifestText(file: K8sFile, header: string): string {
  return `${header}${file.objects.map((o) => writeYaml(o.object)).join('---\n')}`;
}

/** kustomization.yaml of a cluster: every manifest, and the image of every workload to set. */
export function kustomizationText(m: ClusterManifests, header: string): string {
  const prefix = `${m.cluster.dir}/`;
  return `${header}${writeYaml({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: m.files.map((f) => f.path.slice(prefix.length)),
    ...(m.cluster.workloads.length > 0
      ? {
          images: m.cluster.workloads.map((w) => ({
            name: imagePlaceholder(w.workload.id),
            newName: imagePlaceholder(w.workload.id),
            newTag: 'latest',
          })),
        }
      : {}),
  })}`;
}

/** GPU devices (or shares) one node of a pool offers to pods. */
export function gpuSlots(pool: NodePool): number {
  return pool.gpu ? gpuSlotsPerNode(pool.gpu).slots : 0;
}

/** The taints of a pool that keep pods without a toleration off it. */
export function hardTaints(pool: NodePool): NodePool['taints'] {
  return pool.taints.filter(isHardTaint);
}
