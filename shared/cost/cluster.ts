// Lines of a cluster (EKS control plane, load balancers, NAT gateways, traffic it declares, monitoring),
// of a workload's persistent volumes, of a region's internet egress (priced once per region with its
// tiers) and of engineering time. The rules are in README.md beside this file.
import type { PriceAnswer, PriceFound } from '../catalog/types';
import type { Cluster, Region, Settings, Workload } from '../model/schema';
import type { ElementCost, LineInput, LineOwner } from './lines';
import { count, elementCost, usd } from './lines';
import { volumeInputs } from './nodes';
import type { PriceBook } from './prices';

/** Every line of a cluster; its internet egress is priced with its region's tiers. */
export function clusterCost(
  cluster: Cluster,
  region: Region | undefined,
  settings: Settings,
  prices: PriceBook,
): ElementCost {
  const owner: LineOwner = {
    elementId: cluster.id,
    elementKind: 'cluster',
    regionId: cluster.region,
    clusterId: cluster.id,
  };
  const hours = { amount: settings.hoursPerMonth, unit: 'hours' } as const;
  const month = { amount: 1, unit: 'months' } as const;
  const egressGB = cluster.traffic?.internetEgressGBPerMonth ?? 0;
  const extended = cluster.controlPlane.support === 'extended';
  const unresolvedReason = `the cluster's region "${cluster.region}" is not in the document`;
  const service = (key: Parameters<PriceBook['service']>[1]): PriceAnswer =>
    region ? prices.service(region.code, key) : { status: 'missing', reason: unresolvedReason };
  const one = (n: number) => ({ expected: n, maximum: n });

  const inputs: LineInput[] = [
    {
      key: 'control-plane',
      category: 'controlPlane',
      subcategory: extended ? 'extended-support' : 'standard-support',
      description: `EKS control plane, ${extended ? 'extended' : 'standard'} support (Kubernetes ${cluster.kubernetesVersion})`,
      quantity: { ...one(1), unit: 'cluster' },
      price: service(
        extended
          ? 'eks.controlPlane.extendedSupport.perClusterHour'
          : 'eks.controlPlane.standard.perClusterHour',
      ),
      period: hours,
      assumption: `one EKS cluster all month at the ${extended ? 'extended' : 'standard'} support rate (controlPlane.support)`,
    },
  ];

  for (const [i, lb] of cluster.loadBalancers.entries()) {
    const kind = lb.type;
    const label = kind === 'alb' ? 'ALB' : 'NLB';
    const units = kind === 'alb' ? 'LCU' : 'NLCU';
    const key = `lb-${i}-${lb.name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
    inputs.push({
      key,
      category: 'loadBalancers',
      subcategory: kind,
      description: `${label} "${lb.name}"`,
      quantity: { ...one(lb.count), unit: 'load balancer' },
      price: service(kind === 'alb' ? 'alb.perHour' : 'nlb.perHour'),
      period: hours,
      assumption: `${lb.count} ${label}${lb.count === 1 ? '' : 's'} all month (expected = maximum)`,
    });
    if (lb.capacityUnits > 0) {
      inputs.push({
        key: `${key}-lcu`,
        category: 'loadBalancers',
        subcategory: kind === 'alb' ? 'alb-lcu' : 'nlb-lcu',
        description: `${label} "${lb.name}" capacity units, ${lb.capacityUnits} ${units} each`,
        quantity: { ...one(lb.count * lb.capacityUnits), unit: units },
        price: service(kind === 'alb' ? 'alb.lcu.perLcuHour' : 'nlb.lcu.perLcuHour'),
        period: hours,
        assumption: `${lb.count} x ${lb.capacityUnits} ${units} an hour on average (capacityUnits), all month`,
      });
    }
  }

  const nat =
    cluster.natGateways === 'per-az' ? cluster.zones.length : cluster.natGateways === 'single' ? 1 : 0;
  if (nat > 0) {
    const natText =
      cluster.natGateways === 'per-az'
        ? `one NAT gateway per cluster zone (natGateways: per-az): ${nat}`
        : 'one shared NAT gateway (natGateways: single)';
    inputs.push(
      {
        key: 'nat-gateway',
        category: 'networking',
        subcategory: 'nat-gateway',
        description: `NAT gateways (${cluster.natGateways})`,
        quantity: { ...one(nat), unit: 'NAT gateway' },
        price: service('natGateway.perHour'),
        period: hours,
        assumption: `${natText}, all month`,
      },
      {
        key: 'nat-public-ipv4',
        category: 'networking',
        subcategory: 'nat-public-ipv4',
        description: 'Public IPv4 addresses of the NAT gateways',
        quantity: { ...one(nat), unit: 'address' },
        price: service('publicIPv4.perAddressHour'),
        period: hours,
        assumption: `one public IPv4 address per NAT gateway; ${natText}`,
      },
    );
    const processed = cluster.traffic?.natProcessedGBPerMonth;
    if (processed !== undefined && processed > 0) {
      inputs.push({
        key: 'nat-data',
        category: 'networking',
        subcategory: 'nat-data',
        description: 'NAT gateway data processed',
        quantity: { ...one(processed), unit: 'GB' },
        price: service('natGateway.dataProcessed.perGB'),
        period: month,
        assumption: `${count(processed)} GB a month through the NAT gateways (traffic.natProcessedGBPerMonth)`,
      });
    }
  }

  const interAz = cluster.traffic?.interAzGBPerMonth;
  if (interAz !== undefined && interAz > 0) {
    const transfer = region ? prices.dataTransfer(region.code) : undefined;
    const price: PriceAnswer = !region
      ? { status: 'missing', reason: unresolvedReason }
      : (transfer?.interAzPerGB ?? {
          status: 'missing',
          reason: `the catalog has no data transfer prices for ${region.code}`,
        });
    inputs.push({
      key: 'inter-az',
      category: 'networking',
      subcategory: 'inter-az',
      description: 'Data transfer between availability zones',
      quantity: { ...one(interAz * 2), unit: 'GB (out + in)' },
      price,
      period: month,
      assumption: `${count(interAz)} GB a month between zones (traffic.interAzGBPerMonth), billed on the sending and on the receiving side: ${count(interAz * 2)} GB`,
    });
  }

  const perCluster = settings.monitoring.perClusterMonthly;
  if (perCluster > 0) {
    inputs.push({
      key: 'monitoring',
      category: 'monitoring',
      subcategory: 'per-cluster',
      description: 'Monitoring, per cluster',
      quantity: { ...one(1), unit: 'cluster' },
      price: {
        status: 'assumed',
        amount: perCluster,
        currency: settings.currency,
        unit: 'cluster-month',
        setting: 'settings.monitoring.perClusterMonthly',
      },
      period: month,
      assumption: `settings.monitoring.perClusterMonthly: ${perCluster} ${settings.currency} per cluster a month (an assumption of the document, not a catalog price)`,
    });
  }
  return elementCost(owner, inputs, settings, region ? egressGB : 0);
}

/** The persistent volumes of a service that declares `resources.volumeGiB` (none otherwise). */
export function workloadCost(
  workload: Workload,
  cluster: Cluster | undefined,
  region: Region | undefined,
  settings: Settings,
  prices: PriceBook,
): ElementCost {
  const owner: LineOwner = {
    elementId: workload.id,
    elementKind: 'workload',
    ...(cluster ? { regionId: cluster.region } : {}),
    ...(workload.cluster ? { clusterId: workload.cluster } : {}),
    ...(workload.nodePool ? { poolId: workload.nodePool } : {}),
  };
  const size = workload.resources?.volumeGiB;
  if (size === undefined || workload.kind !== 'service') return elementCost(owner, [], settings);
  const hpa = workload.autoscaling;
  const replicas = hpa
    ? { expected: hpa.minReplicas, maximum: hpa.maxReplicas }
    : { expected: workload.replicas ?? 0, maximum: workload.replicas ?? 0 };
  const rule = hpa
    ? `replicas from the autoscaler: minReplicas ${hpa.minReplicas} expected, maxReplicas ${hpa.maxReplicas} maximum (volumes of replicas scaled away are kept until deleted)`
    : `${replicas.expected} replicas`;
  const code = region?.code ?? '';
  const reason = !cluster
    ? `the workload's cluster "${workload.cluster}" is not in the document`
    : `the region "${cluster.region}" of cluster "${cluster.id}" is not in the document`;
  const inputs = volumeInputs({ sizeGiB: size, type: 'gp3' }, replicas, code, prices, {
    key: 'persistent-volume',
    subcategory: 'persistent-volume',
    what: 'replica',
    months: 1,
    note: `; ${rule}`,
  });
  if (!region) {
    return elementCost(
      owner,
      inputs.map((input) => ({ ...input, price: { status: 'missing', reason } })),
      settings,
    );
  }
  return elementCost(owner, inputs, settings);
}

/** One contribution to a region's internet egress. */
export interface EgressSource {
  readonly elementId: string;
  readonly gb: number;
}

// A region's fleets and clusters share its egress tiers: their GB are added up and priced through the tiers
// in order (TB = 1,024 GB, as the tiers are written), one line per tier used.
/** The internet egress lines of a region, one per tier its fleets' and clusters' traffic reaches. */
export function egressCost(
  region: Region,
  contributions: readonly EgressSource[],
  settings: Settings,
  prices: PriceBook,
): ElementCost {
  const owner: LineOwner = { elementId: region.id, elementKind: 'region', regionId: region.id };
  const total = contributions.reduce((sum, c) => sum + c.gb, 0);
  if (total <= 0) return elementCost(owner, [], settings);
  const from = contributions.filter((c) => c.gb > 0).map((c) => `${c.elementId} (${count(c.gb)} GB)`);
  const fromText =
    from.length > 4 ? `${from.slice(0, 4).join(', ')} and ${from.length - 4} more` : from.join(', ');
  const month = { amount: 1, unit: 'months' } as const;
  const base = `${count(total)} GB a month from ${fromText}, priced together through the region's tiers (fleet TB x 1,024 GB)`;
  const transfer = prices.dataTransfer(region.code);
  const tiers = transfer?.internetEgressTiers ?? [];
  if (!transfer || tiers.length === 0) {
    return elementCost(
      owner,
      [
        {
          key: 'internet-egress',
          category: 'networking',
          subcategory: 'internet-egress',
          description: 'Internet egress',
          quantity: { expected: total, maximum: total, unit: 'GB' },
          price: {
            status: 'missing',
            reason: `the catalog has no internet egress prices for ${region.code}`,
          },
          period: month,
          assumption: base,
        },
      ],
      settings,
    );
  }
  const confidence = transfer.interAzPerGB.status === 'priced' ? transfer.interAzPerGB.confidence : 'low';
  const inputs: LineInput[] = [];
  let start = 0;
  for (const [i, tier] of tiers.entries()) {
    if (start >= total) break;
    const end = Math.min(total, tier.upToGB ?? Infinity);
    const gb = end - start;
    const price: PriceFound = {
      status: 'priced',
      usd: tier.usdPerGB,
      unit: 'GB',
      sourceId: transfer.sourceId,
      date: transfer.date,
      confidence,
      note: `internet egress tier "${tier.label}" of ${region.code}${transfer.note ? `; ${transfer.note}` : ''}`,
    };
    inputs.push({
      key: `internet-egress-${i + 1}`,
      category: 'networking',
      subcategory: 'internet-egress',
      description: `Internet egress, tier "${tier.label}" (${tier.upToGB === undefined ? `above ${count(start)}` : `${count(start)}-${count(tier.upToGB)}`} GB) at ${usd(tier.usdPerGB)}/GB`,
      quantity: { expected: gb, maximum: gb, unit: 'GB' },
      price,
      period: month,
      assumption: `${count(gb)} of ${base}; the free tier is not deducted`,
    });
    start = end;
  }
  if (start < total) {
    const gb = total - start;
    inputs.push({
      key: 'internet-egress-beyond',
      category: 'networking',
      subcategory: 'internet-egress',
      description: `Internet egress beyond ${count(start)} GB`,
      quantity: { expected: gb, maximum: gb, unit: 'GB' },
      price: {
        status: 'missing',
        reason: `the catalog prices internet egress from ${region.code} only up to ${count(start)} GB a month${transfer.note ? ` (${transfer.note})` : ''}`,
      },
      period: month,
      assumption: `${count(gb)} of ${base}`,
    });
  }
  return elementCost(owner, inputs, settings);
}

/** Engineering time: people x monthly cost per person, an assumption of the document; none when no people. */
export function engineeringCost(settings: Settings): ElementCost {
  const owner: LineOwner = { elementId: 'settings.engineering', elementKind: 'settings' };
  const { people, monthlyCostPerPerson } = settings.engineering;
  if (people <= 0) return elementCost(owner, [], settings);
  return elementCost(
    owner,
    [
      {
        key: 'people',
        category: 'engineering',
        subcategory: 'people',
        description: 'Engineering time running the platform',
        quantity: { expected: people, maximum: people, unit: 'person' },
        price: {
          status: 'assumed',
          amount: monthlyCostPerPerson,
          currency: settings.currency,
          unit: 'person-month',
          setting: 'settings.engineering.monthlyCostPerPerson',
        },
        period: { amount: 1, unit: 'months' },
        assumption: `settings.engineering: ${people} people x ${monthlyCostPerPerson} ${settings.currency} a month each (loaded cost, an assumption of the document; not converted from USD)`,
      },
    ],
    settings,
  );
}
