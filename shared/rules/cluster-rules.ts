// Rules on clusters: zones of production clusters, a system pool, NAT gateways, EKS extended support,
// and the address ranges inside one cluster.
import type { Catalog } from '../catalog/types';
import type { Cidr } from '../model/cidr';
import { cidrsOverlap, parseCidr } from '../model/cidr';
import type { Cluster } from '../model/schema';
import { compareStrings, plural } from '../util/text';
import { fmt, listWords, updateCommand } from './helpers';
import { SYSTEM_MIN_NODES_PER_AZ, SYSTEM_PRIORITY_CLASS } from './pool-rules';
import { defineRule } from './registry';
import type { Finding, Rule, RuleContext } from './types';

/** Availability zones a production cluster spans at least. */
export const PRODUCTION_MIN_ZONES = 3;

const productionZones = defineRule({
  id: 'cluster.production-zones',
  severity: 'warning',
  scope: 'cluster',
  title: 'Production clusters span at least 3 availability zones',
  description:
    'With two zones, losing one halves capacity and leaves no spare zone for quorum-based systems; the ' +
    'platform runs each cluster over three.',
  check(cluster, context) {
    if (cluster.environment !== 'production' || cluster.zones.length >= PRODUCTION_MIN_ZONES) return [];
    const listed = new Set(cluster.zones);
    const names = cluster.zones.map((id) => context.element('zone', id)?.zoneName ?? id);
    const spare = [...context.zonesOfRegion(cluster.region)]
      .filter((z) => !listed.has(z.id))
      .sort((a, b) => compareStrings(a.zoneName, b.zoneName))
      .slice(0, PRODUCTION_MIN_ZONES - cluster.zones.length);
    const finding: Finding = {
      path: ['zones'],
      message: `production cluster spans ${plural(cluster.zones.length, 'availability zone')} (${listWords(names)}); a production cluster spans at least ${PRODUCTION_MIN_ZONES} so it keeps serving with spare capacity when a zone fails`,
      fix: { label: `Add availability zones to the region, then to the cluster` },
    };
    if (spare.length < PRODUCTION_MIN_ZONES - cluster.zones.length) return [finding];
    return [
      {
        ...finding,
        fix: {
          label: `Add ${listWords(spare.map((z) => z.zoneName))} to the cluster`,
          command: updateCommand(cluster.id, { zones: [...cluster.zones, ...spare.map((z) => z.id)] }),
        },
      },
    ];
  },
});

const SYSTEM_POOL_TYPES = ['m6i.xlarge', 'm5.xlarge', 'm6a.xlarge', 'm7i.xlarge'];

/** An id derived from `base` that no element uses yet (`api-system`, `api-system-2`, ...). */
function freeId(base: string, context: RuleContext): string | undefined {
  const stem = base.slice(0, 55).replace(/-+$/, '');
  for (let n = 1; n <= 20; n++) {
    const id = n === 1 ? stem : `${stem}-${n}`;
    if (context.isIdFree(id)) return id;
  }
  return undefined;
}

/** A general-purpose type offered in every zone of the cluster (the first of a short list). */
function systemPoolType(cluster: Cluster, context: RuleContext, catalog: Catalog): string | undefined {
  const code = context.element('region', cluster.region)?.code;
  const zoneNames = cluster.zones.map((id) => context.element('zone', id)?.zoneName);
  if (!code || !catalog.region(code)) return undefined;
  return SYSTEM_POOL_TYPES.find((type) => {
    const offered = catalog.zonesOffering(code, type);
    return zoneNames.every((name) => name !== undefined && offered.includes(name));
  });
}

const systemPool = defineRule({
  id: 'cluster.system-pool',
  severity: 'warning',
  scope: 'cluster',
  title: 'Every cluster has a system node pool',
  description:
    'A dedicated on-demand system pool keeps CoreDNS, ingress and observability away from workload ' +
    'churn and spot interruptions.',
  check(cluster, context) {
    if (context.poolsOfCluster(cluster.id).some((p) => p.role === 'system')) return [];
    const finding: Finding = {
      path: [],
      message: `cluster has no system node pool; CoreDNS, ingress and observability then share nodes with workloads and their spot interruptions`,
      fix: { label: 'Add an on-demand system node pool' },
    };
    const id = freeId(`${cluster.id}-system`, context);
    const type = systemPoolType(cluster, context, context.catalog);
    if (!id || !type) return [finding];
    return [
      {
        ...finding,
        fix: {
          label: `Add system pool "${id}" (${type}, on-demand, ${SYSTEM_MIN_NODES_PER_AZ} nodes per AZ)`,
          command: {
            type: 'add',
            kind: 'nodePool',
            element: {
              id,
              name: 'system',
              cluster: cluster.id,
              role: 'system',
              provisioner: 'managed',
              instanceTypes: [type],
              capacity: { spotAllowed: false, spotPercent: 0 },
              nodesPerAz: {
                min: SYSTEM_MIN_NODES_PER_AZ,
                desired: SYSTEM_MIN_NODES_PER_AZ,
                max: SYSTEM_MIN_NODES_PER_AZ + 1,
              },
              labels: { workload: 'system' },
              priorityClass: SYSTEM_PRIORITY_CLASS,
            },
          },
        },
      },
    ];
  },
});

const singleNat = defineRule({
  id: 'cluster.single-nat-gateway',
  severity: 'warning',
  scope: 'cluster',
  title: 'Production clusters have a NAT gateway per AZ',
  description:
    'With one shared NAT gateway, an outage of its zone cuts outbound access (image pulls, AWS APIs) of ' +
    'every zone, and traffic from the other zones pays cross-AZ transfer on the way.',
  check(cluster) {
    if (
      cluster.environment !== 'production' ||
      cluster.natGateways !== 'single' ||
      cluster.zones.length < 2
    ) {
      return [];
    }
    return [
      {
        path: ['natGateways'],
        message: `production cluster shares one NAT gateway across its ${cluster.zones.length} availability zones; if that gateway's zone fails, nodes in the others lose outbound access (image pulls, AWS APIs)`,
        fix: {
          label: 'Use one NAT gateway per AZ',
          command: updateCommand(cluster.id, { natGateways: 'per-az' }),
        },
      },
    ];
  },
});

const extendedSupport = defineRule({
  id: 'cluster.extended-support',
  severity: 'info',
  scope: 'cluster',
  title: 'EKS extended support costs more per cluster-hour',
  description:
    'A Kubernetes version past its standard support window is billed at the extended-support rate for ' +
    'the control plane; the prices come from the catalog.',
  check(cluster, context) {
    if (cluster.controlPlane.support !== 'extended') return [];
    const code = context.element('region', cluster.region)?.code;
    if (!code) return [];
    const extended = context.catalog.servicePrice(code, 'eks.controlPlane.extendedSupport.perClusterHour');
    const standard = context.catalog.servicePrice(code, 'eks.controlPlane.standard.perClusterHour');
    const price =
      extended.status === 'priced' && standard.status === 'priced'
        ? `$${extended.usd.toFixed(2)} per cluster-hour instead of $${standard.usd.toFixed(2)} in standard support (${fmt(extended.usd / standard.usd)}x; ${extended.sourceId}, ${extended.date})`
        : extended.status === 'priced'
          ? `$${extended.usd.toFixed(2)} per cluster-hour (${extended.sourceId}, ${extended.date})`
          : `a higher control-plane price (${extended.status === 'missing' ? extended.reason : ''})`;
    return [
      {
        path: ['controlPlane', 'support'],
        message: `Kubernetes ${cluster.kubernetesVersion} on EKS extended support costs ${price}`,
        fix: {
          label:
            'Upgrade to a Kubernetes version in standard support, then set controlPlane.support to standard',
        },
      },
    ];
  },
});

/** Private ranges EKS accepts a service CIDR in, and the prefix lengths it accepts. */
const SERVICE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(cidrOf);
const SERVICE_DEFAULTS = ['172.20.0.0/16', '10.100.0.0/16'];
const POD_DEFAULTS = ['100.64.0.0/16', '100.65.0.0/16', '100.66.0.0/16'];

function cidrOf(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.cidr;
}

function within(inner: Cidr, outer: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrsOverlap(inner, outer);
}

/** The first of `candidates` that overlaps none of `taken`. */
function firstFree(candidates: readonly string[], taken: readonly (Cidr | undefined)[]): string | undefined {
  return candidates.find((text) => taken.every((t) => !t || !cidrsOverlap(cidrOf(text), t)));
}

const clusterCidrs = defineRule({
  id: 'network.cluster-cidrs',
  severity: 'error',
  scope: 'cluster',
  title: 'A cluster’s VPC, pod and service ranges do not overlap',
  description:
    'Service IPs inside the VPC range, or a pod range overlapping either, make traffic go to the wrong ' +
    'place; EKS accepts a service CIDR only in 10/8, 172.16/12 or 192.168/16 with a prefix of /12 to /24.',
  check(cluster) {
    const { network } = cluster;
    const parse = (text: string | undefined) => {
      if (text === undefined) return undefined;
      const parsed = parseCidr(text);
      return parsed.ok ? parsed.cidr : undefined;
    };
    const vpc = parse(network.vpcCidr);
    const service = parse(network.serviceCidr);
    const pod = parse(network.podCidr);
    const findings: Finding[] = [];
    const serviceFix = () => {
      const free = firstFree(SERVICE_DEFAULTS, [vpc, pod]);
      return free
        ? {
            label: `Use service CIDR ${free}`,
            command: updateCommand(cluster.id, { network: { ...network, serviceCidr: free } }),
          }
        : { label: 'Choose a service CIDR outside the VPC and pod ranges' };
    };
    if (service && vpc && cidrsOverlap(service, vpc)) {
      findings.push({
        path: ['network', 'serviceCidr'],
        message: `service CIDR ${network.serviceCidr} overlaps the VPC CIDR ${network.vpcCidr}; Kubernetes service IPs must not be VPC addresses`,
        fix: serviceFix(),
      });
    } else if (
      service &&
      (service.prefix < 12 || service.prefix > 24 || !SERVICE_RANGES.some((r) => within(service, r)))
    ) {
      findings.push({
        path: ['network', 'serviceCidr'],
        message: `service CIDR ${network.serviceCidr} is not accepted by EKS: it must lie in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 with a prefix between /12 and /24`,
        fix: serviceFix(),
      });
    }
    if (pod && vpc && cidrsOverlap(pod, vpc)) {
      const free = firstFree(POD_DEFAULTS, [vpc, service]);
      findings.push({
        path: ['network', 'podCidr'],
        message: `pod CIDR ${network.podCidr} overlaps the VPC CIDR ${network.vpcCidr}; a secondary pod range must be separate from the VPC's own range`,
        fix: free
          ? {
              label: `Use pod CIDR ${free}`,
              command: updateCommand(cluster.id, { network: { ...network, podCidr: free } }),
            }
          : { label: 'Choose a pod CIDR outside the VPC range, e.g. in 100.64.0.0/10' },
      });
    }
    if (pod && service && cidrsOverlap(pod, service)) {
      findings.push({
        path: ['network', 'serviceCidr'],
        message: `service CIDR ${network.serviceCidr} overlaps the pod CIDR ${network.podCidr}; pods and services need separate ranges`,
        fix: serviceFix(),
      });
    }
    return findings;
  },
});

/** Cluster rules that look at one cluster. */
export const CLUSTER_RULES: readonly Rule[] = [
  productionZones,
  systemPool,
  singleNat,
  extendedSupport,
  clusterCidrs,
];
