// The Kubernetes schema validator of the export (shared/export/types.ts K8sValidator), built on the
// official OpenAPI schemas as compiled by kubernetes-models (core, apps, batch, policy, autoscaling,
// scheduling) and @kubernetes-models/karpenter (Karpenter v1 NodePool and EC2NodeClass): pure data and
// Ajv, no DOM or Node, so it runs in the app's Export dialog, the CLI and the tests alike. It is injected
// into exportBundle (and the app loads it only when the dialog opens: the schemas are large).
//
// Besides the schema, it refuses fields the schema does not define (what `kubectl apply` does with
// strict field validation): the compiled validators read every property they check, so the object is
// validated through a proxy that records the reads, and a key never read is unknown. Optional strings
// without constraints compile to no check at all, so a string-valued key is not judged this way.
import { EC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import { NodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import type { K8sValidator } from './types';

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(): void };
}

const MODELS: readonly ModelClass[] = [
  Namespace,
  ConfigMap,
  Service,
  Deployment,
  Job,
  PodDisruptionBudget,
  HorizontalPodAutoscaler,
  PriorityClass,
  NodePool,
  EC2NodeClass,
];

const BY_TYPE = new Map(MODELS.map((m) => [`${m.apiVersion}/${m.kind}`, m]));

/** The apiVersion/kind pairs the validator knows. */
export const KNOWN_KINDS: readonly string[] = [...BY_TYPE.keys()].sort();

/** A proxy over plain data that records, per object, which keys were read. */
function tracked(root: object): { proxy: object; reads: WeakMap<object, Set<PropertyKey>> } {
  const reads = new WeakMap<object, Set<PropertyKey>>();
  const proxies = new WeakMap<object, object>();
  const wrap = (target: object): object => {
    let proxy = proxies.get(target);
    if (proxy) return proxy;
    const seen = new Set<PropertyKey>();
    reads.set(target, seen);
    proxy = new Proxy(target, {
      get(t, key, receiver) {
        seen.add(key);
        const value = Reflect.get(t, key, receiver) as unknown;
        return typeof value === 'object' && value !== null ? wrap(value) : value;
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return { proxy: wrap(root), reads };
}

/** Paths of keys no validator read, i.e. fields the schema does not define. */
function unknownFields(
  value: unknown,
  reads: WeakMap<object, Set<PropertyKey>>,
  path: string,
  out: string[],
) {
  if (typeof value !== 'object' || value === null) return;
  const seen = reads.get(value);
  if (!seen) return; // not reached by the validator (inside a field that failed or is free-form)
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, reads, `${path}[${i}]`, out));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!seen.has(key) && typeof child !== 'string')
      out.push(`${at}: unknown field (the schema does not define it)`);
    else unknownFields(child, reads, at, out);
  }
}

function errorList(error: unknown): string[] {
  const errors = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
  if (!Array.isArray(errors)) return [error instanceof Error ? error.message : String(error)];
  return errors.map((e) => {
    const at = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    return `${at || '(object)'}: ${e.message ?? 'is invalid'}`;
  });
}

/** Validates an object against the official schema of its apiVersion and kind. */
export const validateK8sObject: K8sValidator = (object) => {
  const type = `${String(object.apiVersion)}/${String(object.kind)}`;
  const model = BY_TYPE.get(type);
  if (!model) return [`no schema for ${type} (known: ${KNOWN_KINDS.join(', ')})`];
  const { proxy, reads } = tracked(object);
  try {
    model.prototype.validate.call(proxy);
  } catch (error) {
    return [...new Set(errorList(error))];
  }
  const unknown: string[] = [];
  for (const [key, child] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind') continue;
    if (!reads.get(object)?.has(key) && typeof child !== 'string')
      unknown.push(`${key}: unknown field (the schema does not define it)`);
    else unknownFields(child, reads, key, unknown);
  }
  return unknown;
};
