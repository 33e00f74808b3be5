// Names that reach Kubernetes. The exporter names every Kubernetes object after the element id
// (Deployment, Service, Job, Karpenter NodePool and EC2NodeClass, managed node group), so ids, which are
// DNS labels already, are checked only where a kind is stricter: a Service name must start with a letter.
// Label keys and values, namespaces and taint keys are checked by the schema; what the schema lets
// through is checked here: reserved namespaces, toleration fields, PriorityClass names and node labels
// in domains that Kubernetes, EKS and Karpenter keep for themselves.
import type { NodePool, Workload } from '../model/schema';
import { updateCommand } from './helpers';
import { defineRule } from './registry';
import type { Finding, Rule } from './types';

/** A DNS-1123 subdomain: what a PriorityClass (and most object) name must be. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const BUILT_IN_PRIORITY_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);

const serviceName = defineRule({
  id: 'names.service-dns-label',
  severity: 'error',
  scope: 'workload',
  title: 'Service names start with a letter',
  description:
    'The exporter names a service’s Kubernetes Service after its id, and a Service name must be a ' +
    'DNS-1035 label: it cannot start with a digit.',
  check(w) {
    if (w.kind !== 'service' || !/^[0-9]/.test(w.id)) return [];
    return [
      {
        path: ['id'],
        message: `the Kubernetes Service is named after the id "${w.id}", and a Service name must start with a letter (DNS-1035 label); the API server refuses it`,
        fix: { label: 'Recreate the workload with an id that starts with a letter' },
      },
    ];
  },
});

const reservedNamespace = defineRule({
  id: 'names.reserved-namespace',
  severity: 'warning',
  scope: 'workload',
  title: 'Workloads stay out of kube-* namespaces',
  description:
    'Namespaces that start with kube- belong to Kubernetes itself (kube-system, kube-public, ' +
    'kube-node-lease); workloads there share their quotas, policies and blast radius.',
  check(w) {
    if (w.namespace === undefined || !w.namespace.startsWith('kube-')) return [];
    return [
      {
        path: ['namespace'],
        message: `namespace "${w.namespace}" is reserved for Kubernetes system components; the workload would share their quotas, policies and failures`,
        fix: { label: 'Use a namespace of its own' },
      },
    ];
  },
});

const tolerationFields = defineRule({
  id: 'names.toleration',
  severity: 'error',
  scope: 'workload',
  title: 'Tolerations are valid Kubernetes tolerations',
  description:
    'Kubernetes refuses a toleration without a key unless its operator is Exists, a value with operator ' +
    'Exists, and a value that is not a label value.',
  check(w) {
    const findings: Finding[] = [];
    w.tolerations.forEach((t, i) => {
      const replace = (next: Workload['tolerations'][number]) =>
        updateCommand(w.id, { tolerations: w.tolerations.map((old, j) => (j === i ? next : old)) });
      const n = i + 1;
      if ((t.key === undefined || t.key === '') && t.operator === 'Equal') {
        findings.push({
          path: ['tolerations', i, 'operator'],
          message: `toleration ${n} has no key, which Kubernetes accepts only with operator Exists (tolerating every taint)`,
          fix: {
            label: 'Use operator Exists',
            command: replace({ operator: 'Exists', ...(t.effect ? { effect: t.effect } : {}) }),
          },
        });
      } else if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
        const rest = { ...t };
        Reflect.deleteProperty(rest, 'value');
        findings.push({
          path: ['tolerations', i, 'value'],
          message: `toleration ${n} has operator Exists and the value "${t.value}"; Kubernetes refuses a value with Exists`,
          fix: { label: 'Remove the value', command: replace(rest) },
        });
      } else if (t.value !== undefined && !LABEL_VALUE.test(t.value)) {
        findings.push({
          path: ['tolerations', i, 'value'],
          message: `toleration ${n} has the value "${t.value}", which is not a valid label value (63 characters at most: letters, digits, "-", "_" and ".", starting and ending with a letter or digit)`,
          fix: { label: 'Use the value of the taint it tolerates' },
        });
      }
    });
    return findings;
  },
});

/** Why a PriorityClass name is refused, or undefined when it is fine. */
function priorityClassProblem(name: string): string | undefined {
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    return `PriorityClass "${name}" is not a valid name (lower-case letters, digits, "-" and ".", at most 253 characters)`;
  }
  if (name.startsWith('system-') && !BUILT_IN_PRIORITY_CLASSES.has(name)) {
    return `PriorityClass "${name}" starts with "system-", which is reserved: the only such classes are system-cluster-critical and system-node-critical`;
  }
  return undefined;
}

function checkPriorityClass(element: NodePool | Workload): Finding[] {
  if (element.priorityClass === undefined) return [];
  const problem = priorityClassProblem(element.priorityClass);
  return problem
    ? [{ path: ['priorityClass'], message: problem, fix: { label: 'Use a valid PriorityClass name' } }]
    : [];
}

const workloadPriorityClass = defineRule({
  id: 'names.workload-priority-class',
  severity: 'error',
  scope: 'workload',
  title: 'Workload PriorityClass names are valid',
  description: 'A PriorityClass name is a DNS subdomain, and names starting with system- are reserved.',
  check: checkPriorityClass,
});

const poolPriorityClass = defineRule({
  id: 'names.pool-priority-class',
  severity: 'error',
  scope: 'nodePool',
  title: 'Pool PriorityClass names are valid',
  description: 'A PriorityClass name is a DNS subdomain, and names starting with system- are reserved.',
  check: checkPriorityClass,
});

const RESTRICTED_DOMAINS = [
  'kubernetes.io',
  'k8s.io',
  'karpenter.sh',
  'karpenter.k8s.aws',
  'eks.amazonaws.com',
];
const ALLOWED_DOMAINS = ['node.kubernetes.io', 'kubelet.kubernetes.io', 'node-restriction.kubernetes.io'];

function inDomain(prefix: string, domain: string): boolean {
  return prefix === domain || prefix.endsWith(`.${domain}`);
}

const restrictedNodeLabel = defineRule({
  id: 'names.restricted-node-label',
  severity: 'warning',
  scope: 'nodePool',
  title: 'Node labels stay out of reserved domains',
  description:
    'The kubelet (NodeRestriction), EKS and Karpenter keep label domains such as kubernetes.io, k8s.io ' +
    'and karpenter.sh for labels they set; a pool label there is refused or never reaches the nodes. ' +
    'node.kubernetes.io and kubelet.kubernetes.io are allowed.',
  check(pool) {
    const findings: Finding[] = [];
    for (const key of Object.keys(pool.labels)) {
      const slash = key.indexOf('/');
      if (slash < 0) continue;
      const prefix = key.slice(0, slash);
      const domain = RESTRICTED_DOMAINS.find((d) => inDomain(prefix, d));
      if (!domain || ALLOWED_DOMAINS.some((d) => inDomain(prefix, d))) continue;
      findings.push({
        path: ['labels', key],
        message: `node label "${key}" is in the ${domain} domain, which Kubernetes, EKS and Karpenter keep for labels they set; ${
          pool.provisioner === 'karpenter'
            ? 'Karpenter refuses the NodePool'
            : 'the kubelet refuses to set it'
        }`,
        fix: { label: `Use a label under a domain of your own, e.g. example.com/${key.slice(slash + 1)}` },
      });
    }
    return findings;
  },
});

/** The rules on names that reach Kubernetes. */
export const NAME_RULES: readonly Rule[] = [
  serviceName,
  reservedNamespace,
  tolerationFields,
  workloadPriorityClass,
  poolPriorityClass,
  restrictedNodeLabel,
];
