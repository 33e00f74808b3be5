// Cross-file checks of the generated manifests, pure: they read the objects as written (not the model),
// so a generator bug that would leave pods Pending or make `kubectl apply` fail is caught before the
// bundle is written. Per cluster: object names valid and unique; every pinned workload tolerates its
// pool's hard taints, selects labels its pool's nodes carry, asks for no more GPUs than a node offers,
// and spreads over the zones its pool places nodes in (all of them the cluster's).
import { tolerates } from '../rules/helpers';
import type { ClusterManifests, K8sObject } from './k8s';
import { POOL_LABEL, ZONE_KEY, gpuSlots, hardTaints, poolNodeLabels } from './k8s';
import type { PoolPlan } from './plan';
import type { ExportDiagnostic } from './types';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kinds whose names must be DNS-1123 labels (the others are subdomains). */
const LABEL_NAMED = new Set(['Namespace', 'Service', 'Deployment', 'Job', 'NodePool']);
/** Label domains Kubernetes, EKS and Karpenter set on nodes themselves. */
const SYSTEM_LABEL_DOMAIN =
  /(^|\.)(kubernetes\.io|k8s\.io|karpenter\.sh|karpenter\.k8s\.aws|amazonaws\.com)\//;

type Requirement = { key: string; operator: string; values?: string[] };

/** What a pool's nodes look like, as the generated files describe them. */
interface NodeShape {
  /** Label key -> values a node can have. */
  readonly labels: ReadonlyMap<string, ReadonlySet<string>>;
  readonly taints: readonly { key: string; value?: string; effect: string }[];
  readonly zones: readonly string[];
}

function get(object: unknown, ...path: string[]): unknown {
  let at = object;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function addLabel(labels: Map<string, Set<string>>, key: string, values: Iterable<string>) {
  const set = labels.get(key) ?? new Set<string>();
  for (const v of values) set.add(v);
  labels.set(key, set);
}

/** The nodes of a pool: from its NodePools for Karpenter, from the node group's settings when managed. */
function nodeShape(p: PoolPlan, nodePools: readonly K8sObject[] | undefined): NodeShape {
  const labels = new Map<string, Set<string>>();
  if (p.pool.provisioner === 'karpenter' && nodePools) {
    let taints: NodeShape['taints'] = [];
    let zones: string[] = [];
    for (const np of nodePools) {
      const template = get(np, 'spec', 'template');
      for (const [k, v] of Object.entries(
        (get(template, 'metadata', 'labels') ?? {}) as Record<string, string>,
      ))
        addLabel(labels, k, [v]);
      addLabel(labels, 'karpenter.sh/nodepool', [String(get(np, 'metadata', 'name'))]);
      for (const r of (get(template, 'spec', 'requirements') ?? []) as Requirement[]) {
        if (r.operator === 'In' && r.values) addLabel(labels, r.key, r.values);
        if (r.key === ZONE_KEY && r.operator === 'In') zones = [...(r.values ?? [])];
      }
      taints = (get(template, 'spec', 'taints') ?? []) as NodeShape['taints'];
    }
    return { labels, taints, zones };
  }
  for (const [k, v] of Object.entries(poolNodeLabels(p))) addLabel(labels, k, [v]);
  addLabel(labels, 'eks.amazonaws.com/nodegroup', [p.pool.id]);
  addLabel(
    labels,
    ZONE_KEY,
    p.zones.map((z) => z.name),
  );
  return { labels, taints: hardTaints(p.pool), zones: p.zones.map((z) => z.name) };
}

/** Runs the cross-file checks over one cluster's manifests. */
export function checkClusterManifests(m: ClusterManifests): ExportDiagnostic[] {
  const out: ExportDiagnostic[] = [];
  const clusterZones = new Set(m.cluster.zones.map((z) => z.name));
  const seen = new Map<string, string>();
  const shapes = new Map<string, NodeShape>();
  for (const p of m.cluster.pools) shapes.set(p.pool.id, nodeShape(p, m.nodePools.get(p.pool.id)));

  for (const file of m.files) {
    for (const { object, elementId } of file.objects) {
      const report = (code: string, message: string) =>
        out.push({ code, severity: 'error', message, elementId, file: file.path });
      const kind = String(object.kind);
      const name = String(get(object, 'metadata', 'name') ?? '');
      const namespace = get(object, 'metadata', 'namespace') as string | undefined;
      const pattern = LABEL_NAMED.has(kind) ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
      if (!pattern.test(name)) {
        report(
          'export.k8s-name',
          `${kind} name "${name}" is not a valid DNS-1123 ${LABEL_NAMED.has(kind) ? 'label' : 'subdomain'}`,
        );
      }
      if (namespace !== undefined && !DNS1123_LABEL.test(namespace)) {
        report('export.k8s-name', `${kind} "${name}" has an invalid namespace "${namespace}"`);
      }
      const key = `${String(object.apiVersion)}/${kind}/${namespace ?? ''}/${name}`;
      const first = seen.get(key);
      if (first !== undefined)
        report('export.k8s-duplicate', `${kind} "${name}" is also defined in ${first}`);
      else seen.set(key, file.path);

      const pod = kind === 'Deployment' || kind === 'Job' ? get(object, 'spec', 'template') : undefined;
      if (pod === undefined) continue;
      const wp = m.cluster.workloads.find((w) => w.workload.id === elementId);
      const podLabels = (get(pod, 'metadata', 'labels') ?? {}) as Record<string, string>;
      const spec = get(pod, 'spec') as Record<string, unknown>;
      const spread = (spec.topologySpreadConstraints ?? []) as {
        topologyKey: string;
        labelSelector?: { matchLabels?: Record<string, string> };
      }[];
      for (const s of spread) {
        const match = s.labelSelector?.matchLabels ?? {};
        if (Object.entries(match).some(([k, v]) => podLabels[k] !== v)) {
          report(
            'export.spread-selector',
            `${kind} "${name}": a topology spread constraint over ${s.topologyKey} selects labels its own pods do not carry`,
          );
        }
      }
      const selector = (spec.nodeSelector ?? {}) as Record<string, string>;
      const tolerations = (spec.tolerations ?? []) as Parameters<typeof tolerates>[0][];
      const gpus = ((spec.containers ?? []) as { resources?: { limits?: Record<string, string> } }[]).reduce(
        (sum, c) => sum + Number(c.resources?.limits?.['nvidia.com/gpu'] ?? 0),
        0,
      );
      const pool = wp?.pool;
      if (!pool) continue;
      const shape = shapes.get(pool.pool.id)!;
      for (const taint of shape.taints) {
        if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
        const t = {
          key: taint.key,
          effect: taint.effect as 'NoSchedule',
          ...(taint.value !== undefined ? { value: taint.value } : {}),
        };
        if (!tolerations.some((tol) => tolerates(tol, t))) {
          report(
            'export.toleration',
            `${kind} "${name}" does not tolerate the taint ${taint.key}${taint.value !== undefined ? `=${taint.value}` : ''}:${taint.effect} of node pool "${pool.pool.id}"`,
          );
        }
      }
      for (const [k, v] of Object.entries(selector)) {
        const values = shape.labels.get(k);
        if (values?.has(v)) continue;
        if (!values && SYSTEM_LABEL_DOMAIN.test(k)) continue;
        report(
          'export.node-selector',
          `${kind} "${name}" selects ${k}=${v}, which the nodes of pool "${pool.pool.id}" do not carry`,
        );
      }
      if (selector[POOL_LABEL] !== pool.pool.id) {
        report('export.node-selector', `${kind} "${name}" is not pinned to node pool "${pool.pool.id}"`);
      }
      const slots = gpuSlots(pool.pool);
      if (gpus > slots) {
        report(
          'export.gpu-fit',
          `${kind} "${name}" asks for ${gpus} GPU(s) per pod; a node of pool "${pool.pool.id}" offers ${slots}`,
        );
      }
      if (spread.some((s) => s.topologyKey === ZONE_KEY)) {
        const modelZones = pool.zones.map((z) => z.name);
        const outside = shape.zones.filter((z) => !clusterZones.has(z));
        if (outside.length > 0 || shape.zones.join() !== modelZones.join()) {
          report(
            'export.zone-spread',
            `${kind} "${name}" spreads over zones, but pool "${pool.pool.id}" places nodes in ${shape.zones.join(', ') || 'no zone'} (model: ${modelZones.join(', ')}; cluster: ${[...clusterZones].join(', ')})`,
          );
        }
      }
    }
  }
  return out;
}
