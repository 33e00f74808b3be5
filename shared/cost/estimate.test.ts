import { describe, expect, it } from 'vitest';
import { executeCommand } from '../model/commands';
import type { TopologyDocument } from '../model/schema';
import { SERVICE_PRICE_UNITS, TopologyDocumentSchema } from '../model/schema';
import { ottTemplate } from '../templates/templates';
import { deepFreeze, docBuilder } from '../test-support/builders';
import type { DocumentBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { estimateCost } from './estimate';
import type { CostLine, CostReport } from './types';

const catalog = loadTestCatalog();

/** The line with this id; fails the test when there is none. */
function line(report: CostReport, id: string): CostLine {
  const found = report.lines.find((l) => l.id === id);
  if (!found) throw new Error(`no line ${id}; lines: ${report.lines.map((l) => l.id).join(', ')}`);
  return found;
}

/** Lines of one element. */
function linesOf(report: CostReport, elementId: string): CostLine[] {
  return report.lines.filter((l) => l.elementId === elementId);
}

/** One region (us-east-1 unless said) with zones a-c and cluster `c`; add pools and fleets to it. */
function oneCluster(code = 'us-east-1', zones = ['a', 'b', 'c']): DocumentBuilder {
  return docBuilder('Cost test').region('r', code, { zones }).cluster('c', { region: 'r' });
}

/** Parses and freezes a built document, so a mutation by the engine fails the test. */
function frozen(builder: DocumentBuilder): TopologyDocument {
  return deepFreeze(builder.build());
}

// Unit prices of the shipped catalog (resources/catalog/aws.json) that the hand computations below use.
const PRICES = {
  r5_4xlarge: 1.008, // karpenter-pricing, us-east-1
  m6i_2xlarge: 0.384,
  m6a_2xlarge: 0.3456,
  m6i_xlarge: 0.192,
  g5_xlarge: 1.006,
  c6in_metal_euw1: 8.1984, // sparecores-2024, eu-west-1
  eks: 0.1,
  eksExtended: 0.6,
  nat: 0.045,
  natGB: 0.045,
  alb: 0.0225,
  albLcu: 0.008,
  nlb: 0.0225,
  nlbLcu: 0.006,
  gp3: 0.08,
  gp2: 0.1,
  gp3Iops: 0.005,
  gp3Throughput: 0.04,
  ipv4: 0.005,
  interAz: 0.01,
} as const;

describe('the unit prices the hand computations use', () => {
  it('are the shipped catalog prices', () => {
    const od = (region: string, type: string) => catalog.onDemandPrice(region, type);
    expect(od('us-east-1', 'r5.4xlarge')).toMatchObject({
      usd: PRICES.r5_4xlarge,
      sourceId: 'karpenter-pricing',
    });
    expect(od('us-east-1', 'm6i.2xlarge')).toMatchObject({ usd: PRICES.m6i_2xlarge });
    expect(od('us-east-1', 'm6a.2xlarge')).toMatchObject({ usd: PRICES.m6a_2xlarge });
    expect(od('us-east-1', 'm6i.xlarge')).toMatchObject({ usd: PRICES.m6i_xlarge });
    expect(od('us-east-1', 'g5.xlarge')).toMatchObject({ usd: PRICES.g5_xlarge });
    expect(od('eu-west-1', 'c6in.metal')).toMatchObject({
      usd: PRICES.c6in_metal_euw1,
      sourceId: 'sparecores-2024',
    });
    const service = (key: Parameters<typeof catalog.servicePrice>[1]) =>
      catalog.servicePrice('us-east-1', key);
    expect(service('eks.controlPlane.standard.perClusterHour')).toMatchObject({ usd: PRICES.eks });
    expect(service('eks.controlPlane.extendedSupport.perClusterHour')).toMatchObject({
      usd: PRICES.eksExtended,
    });
    expect(service('natGateway.perHour')).toMatchObject({ usd: PRICES.nat });
    expect(service('natGateway.dataProcessed.perGB')).toMatchObject({ usd: PRICES.natGB });
    expect(service('alb.perHour')).toMatchObject({ usd: PRICES.alb });
    expect(service('alb.lcu.perLcuHour')).toMatchObject({ usd: PRICES.albLcu });
    expect(service('nlb.perHour')).toMatchObject({ usd: PRICES.nlb });
    expect(service('nlb.lcu.perLcuHour')).toMatchObject({ usd: PRICES.nlbLcu });
    expect(service('ebs.gp3.perGBMonth')).toMatchObject({ usd: PRICES.gp3 });
    expect(service('ebs.gp2.perGBMonth')).toMatchObject({ usd: PRICES.gp2 });
    expect(service('ebs.gp3.iops.perIopsMonth')).toMatchObject({ usd: PRICES.gp3Iops });
    expect(service('ebs.gp3.throughput.perMBpsMonth')).toMatchObject({ usd: PRICES.gp3Throughput });
    expect(service('publicIPv4.perAddressHour')).toMatchObject({ usd: PRICES.ipv4 });
    expect(catalog.dataTransfer('us-east-1')?.interAzPerGB).toMatchObject({ usd: PRICES.interAz });
  });

  it('are in the units that price overrides must use', () => {
    for (const [key, unit] of Object.entries(SERVICE_PRICE_UNITS)) {
      const price = catalog.servicePrice('us-east-1', key as keyof typeof SERVICE_PRICE_UNITS);
      expect(price.status === 'priced' && price.unit, key).toBe(unit);
    }
    expect(catalog.onDemandPrice('us-east-1', 'm6i.xlarge')).toMatchObject({ unit: 'instance-hour' });
  });
});

describe('compute', () => {
  it('prices 100 x r5.4xlarge on-demand in us-east-1 for a 730-hour month', () => {
    const doc = frozen(
      oneCluster('us-east-1', ['a']).pool('workers', {
        cluster: 'c',
        provisioner: 'managed',
        instanceTypes: ['r5.4xlarge'],
        nodesPerAz: { min: 50, desired: 100, max: 500 },
      }),
    );
    const report = estimateCost(doc, catalog);
    const compute = line(report, 'workers:on-demand:r5.4xlarge');
    // 100 nodes x $1.008 x 730 h = $73,584.00; maximum 500 nodes = $367,920.00.
    expect(compute).toMatchObject({
      elementKind: 'nodePool',
      regionId: 'r',
      clusterId: 'c',
      poolId: 'workers',
      category: 'compute',
      subcategory: 'on-demand',
      quantity: { expected: 100, maximum: 500, unit: 'node' },
      unitPrice: { status: 'priced', usd: 1.008, unit: 'instance-hour', sourceId: 'karpenter-pricing' },
      period: { amount: 730, unit: 'hours' },
      expected: 73_584,
      maximum: 367_920,
      estimate: false,
      sourceId: 'karpenter-pricing',
      date: '2026-07-20',
      maximumBound: 'nodesPerAz.max',
    });
    expect(compute.assumption).toContain('first listed type r5.4xlarge');
    expect(report.byCategory.find((g) => g.key === 'compute')).toMatchObject({
      expected: 73_584,
      complete: true,
    });
    const source = report.sources.find((s) => s.id === 'karpenter-pricing');
    expect(source).toMatchObject({ date: '2026-07-20' });
    expect(source?.licence).toMatch(/Apache-2\.0/);
  });

  it('splits a 70% spot pool into on-demand, spot (an equal mix, estimated) and 10% fallback', () => {
    const doc = frozen(
      oneCluster('us-east-1', ['a', 'b']).pool('api', {
        cluster: 'c',
        instanceTypes: ['m6i.2xlarge', 'm6a.2xlarge'],
        capacity: { spotAllowed: true, spotPercent: 70 },
        nodesPerAz: { min: 10, desired: 50, max: 100 },
      }),
    );
    expect(doc.spec.settings.spot.fallbackOnDemandPercent).toBe(10);
    const report = estimateCost(doc, catalog);
    const savings = (type: string) => {
      const spot = catalog.spot('us-east-1', type);
      return spot.status === 'known' ? spot.savingsPct : NaN;
    };
    expect(savings('m6i.2xlarge')).toBe(58);
    expect(savings('m6a.2xlarge')).toBe(54);
    // 100 nodes expected (50/AZ x 2), 200 maximum: 30% on-demand, 70% x 90% = 63% spot, 70% x 10% = 7% fallback.
    // On-demand at the cheaper type m6a.2xlarge: 30 x 0.3456 x 730 = 7,568.64.
    expect(line(report, 'api:on-demand:m6a.2xlarge')).toMatchObject({
      quantity: { expected: 30, maximum: 60 },
      expected: 7_568.64,
      maximum: 15_137.28,
      estimate: false,
    });
    // Spot: 31.5 nodes of each type. m6i: 31.5 x 0.384 x (1 - 0.58) x 730 = 3,708.6336.
    const spotM6i = line(report, 'api:spot:m6i.2xlarge');
    expect(spotM6i).toMatchObject({
      subcategory: 'spot',
      quantity: { expected: 31.5, maximum: 63 },
      unitPrice: { usd: 0.384, sourceId: 'karpenter-pricing' },
      spot: { savingsPct: 58, sourceId: 'spot-advisor', date: '2025-06-28' },
      expected: 3_708.63,
      maximum: 7_417.27,
      estimate: true,
      sourceIds: ['karpenter-pricing', 'spot-advisor'],
    });
    expect(spotM6i.spot?.usdPerHour).toBeCloseTo(0.16128, 10);
    expect(spotM6i.assumption).toMatch(/estimated as on-demand x \(1 - Spot Advisor savings\)/);
    // m6a: 31.5 x 0.3456 x (1 - 0.54) x 730 = 3,655.65312.
    expect(line(report, 'api:spot:m6a.2xlarge')).toMatchObject({ expected: 3_655.65, maximum: 7_311.31 });
    // Fallback: 7 nodes at on-demand m6a.2xlarge: 7 x 0.3456 x 730 = 1,766.016.
    expect(line(report, 'api:spot-fallback:m6a.2xlarge')).toMatchObject({
      subcategory: 'spot-fallback',
      quantity: { expected: 7, maximum: 14 },
      expected: 1_766.02,
      maximum: 3_532.03,
    });
    const compute = report.byCategory.find((g) => g.key === 'compute')!;
    expect(compute.expected).toBe(16_698.94);
  });

  it('caps the maximum (and an expected count above it) by Karpenter limits, and says which bound applied', () => {
    const pool = (id: string, limits: { vcpu?: number; memoryGiB?: number }, desired = 2) => ({
      cluster: 'c',
      instanceTypes: ['m6i.2xlarge'],
      nodesPerAz: { min: 1, desired, max: 10 },
      limits,
      name: id,
    });
    const doc = frozen(
      oneCluster()
        .pool('by-max', pool('by-max', { vcpu: 1000 }))
        .pool('by-vcpu', pool('by-vcpu', { vcpu: 160, memoryGiB: 10_000 }))
        .pool('by-memory', pool('by-memory', { vcpu: 1000, memoryGiB: 320 }))
        .pool('capped', pool('capped', { vcpu: 32 }, 5)),
    );
    const report = estimateCost(doc, catalog);
    // m6i.2xlarge: 8 vCPU, 32 GiB, $0.384/h. 2/AZ x 3 = 6 nodes expected ($1,681.92); 10/AZ x 3 = 30 maximum.
    expect(line(report, 'by-max:on-demand:m6i.2xlarge')).toMatchObject({
      quantity: { expected: 6, maximum: 30 },
      expected: 1_681.92,
      maximum: 8_409.6,
      maximumBound: 'nodesPerAz.max',
    });
    // limits.vcpu 160 / 8 = 20 nodes.
    const byVcpu = line(report, 'by-vcpu:on-demand:m6i.2xlarge');
    expect(byVcpu).toMatchObject({
      quantity: { expected: 6, maximum: 20 },
      maximum: 5_606.4,
      maximumBound: 'limits.vcpu',
    });
    expect(byVcpu.assumption).toContain('limits.vcpu 160 / 8 vCPU, 32 GiB per node = 20 nodes');
    // limits.memoryGiB 320 / 32 = 10 nodes; the root volumes follow the same counts.
    expect(line(report, 'by-memory:on-demand:m6i.2xlarge')).toMatchObject({
      quantity: { maximum: 10 },
      maximumBound: 'limits.memoryGiB',
    });
    expect(line(report, 'by-memory:root-volume')).toMatchObject({
      quantity: { expected: 300, maximum: 500 },
      maximumBound: 'limits.memoryGiB',
    });
    // 5/AZ x 3 = 15 desired, but limits.vcpu 32 allows 4 nodes: expected and maximum are 4.
    const capped = line(report, 'capped:on-demand:m6i.2xlarge');
    expect(capped).toMatchObject({ quantity: { expected: 4, maximum: 4 }, expected: 1_121.28 });
    expect(capped.assumption).toContain('capped at 4 by limits.vcpu');
  });

  it('prices a GPU pool on a 10 h/day schedule for hoursPerMonth x 10/24 hours', () => {
    const doc = frozen(
      oneCluster().pool('train', {
        cluster: 'c',
        role: 'gpu',
        instanceTypes: ['g5.xlarge'],
        nodesPerAz: { min: 0, desired: 2, max: 4 },
        schedule: { hoursPerDay: 10 },
      }),
    );
    const report = estimateCost(doc, catalog);
    // 6 nodes x $1.006 x (730 x 10/24 = 304.1667 h) = $1,835.95; maximum 12 nodes = $3,671.90.
    const gpu = line(report, 'train:on-demand:g5.xlarge');
    expect(gpu).toMatchObject({
      subcategory: 'gpu-on-demand',
      quantity: { expected: 6, maximum: 12 },
      expected: 1_835.95,
      maximum: 3_671.9,
    });
    expect(gpu.period.amount).toBeCloseTo(304.1667, 4);
    expect(gpu.description).toContain('1 x A10G each; 1,825 GPU-hours expected');
    expect(gpu.assumption).toContain('runs 10 h a day');
    // Root volumes exist while their nodes do: 300 GB x $0.08 x 10/24 = $10.00.
    expect(line(report, 'train:root-volume')).toMatchObject({ expected: 10, maximum: 20 });
  });

  it('prices on-demand at the first listed type for a managed node group', () => {
    const doc = frozen(
      oneCluster().pool('sys', {
        cluster: 'c',
        provisioner: 'managed',
        instanceTypes: ['m6i.2xlarge', 'm6a.2xlarge'],
        nodesPerAz: { min: 1, desired: 1, max: 1 },
      }),
    );
    const report = estimateCost(doc, catalog);
    expect(linesOf(report, 'sys').map((l) => l.id)).toEqual(['sys:on-demand:m6i.2xlarge', 'sys:root-volume']);
    expect(line(report, 'sys:on-demand:m6i.2xlarge').expected).toBe(840.96); // 3 x $0.384 x 730
  });

  it('resolves a pool given only by requirements to catalog types, cheapest for on-demand, same size for spot', () => {
    const doc = frozen(
      oneCluster().pool('req', {
        cluster: 'c',
        instanceTypes: [],
        requirements: { families: ['m6i', 'm6a'], sizes: ['2xlarge', '4xlarge'] },
        capacity: { spotAllowed: true, spotPercent: 50 },
        nodesPerAz: { min: 1, desired: 1, max: 1 },
      }),
    );
    const report = estimateCost(doc, catalog);
    const onDemand = line(report, 'req:on-demand:m6a.2xlarge');
    expect(onDemand.assumption).toContain(
      'the cheapest of the 4 catalog types that meet the requirements, m6a.2xlarge',
    );
    expect(
      linesOf(report, 'req')
        .filter((l) => l.subcategory === 'spot')
        .map((l) => l.id),
    ).toEqual(['req:spot:m6a.2xlarge', 'req:spot:m6i.2xlarge']);
  });

  it('prices a DPDK fleet on-demand with a public IPv4 address per instance', () => {
    const doc = frozen(
      oneCluster('eu-west-1').fleet('edge', { region: 'r', instanceType: 'c6in.metal', instancesPerAz: 2 }),
    );
    const report = estimateCost(doc, catalog);
    // 6 x $8.1984 x 730 = $35,909.00 (35,908.992).
    expect(line(report, 'edge:fleet:c6in.metal')).toMatchObject({
      subcategory: 'fleet',
      quantity: { expected: 6, maximum: 6, unit: 'instance' },
      expected: 35_908.99,
      maximum: 35_908.99,
      sourceId: 'sparecores-2024',
      date: '2024-02-21',
    });
    // 6 x $0.005 x 730 = $21.90 (the IPv4 price applies to every region).
    expect(line(report, 'edge:public-ipv4')).toMatchObject({ expected: 21.9, sourceId: 'fact:public-ipv4' });
  });
});

describe('cluster services', () => {
  it('prices the EKS control plane at the standard and the extended support rate', () => {
    const doc = frozen(
      oneCluster().cluster('old', {
        region: 'r',
        kubernetesVersion: '1.24',
        controlPlane: { support: 'extended' },
      }),
    );
    const report = estimateCost(doc, catalog);
    expect(line(report, 'c:control-plane')).toMatchObject({
      category: 'controlPlane',
      subcategory: 'standard-support',
      expected: 73, // 1 x $0.10 x 730
      sourceId: 'infracost-golden',
    });
    expect(line(report, 'old:control-plane')).toMatchObject({
      subcategory: 'extended-support',
      expected: 438,
    });
  });

  it('prices NAT gateways per AZ, single or none, with their public IPv4 addresses and data processed', () => {
    const doc = frozen(
      docBuilder()
        .region('r', 'us-east-1', { zones: ['a', 'b', 'c'] })
        .cluster('per-az', { region: 'r', traffic: { natProcessedGBPerMonth: 1000 } })
        .cluster('single', { region: 'r', natGateways: 'single' })
        .cluster('none', { region: 'r', natGateways: 'none', traffic: { natProcessedGBPerMonth: 1000 } }),
    );
    const report = estimateCost(doc, catalog);
    // 3 x $0.045 x 730 = $98.55 against 1 x $0.045 x 730 = $32.85.
    expect(line(report, 'per-az:nat-gateway')).toMatchObject({ quantity: { expected: 3 }, expected: 98.55 });
    expect(line(report, 'single:nat-gateway')).toMatchObject({ quantity: { expected: 1 }, expected: 32.85 });
    expect(line(report, 'per-az:nat-public-ipv4').expected).toBe(10.95);
    expect(line(report, 'single:nat-public-ipv4').expected).toBe(3.65);
    expect(line(report, 'per-az:nat-data')).toMatchObject({
      quantity: { expected: 1000, unit: 'GB' },
      expected: 45,
    });
    expect(linesOf(report, 'none').map((l) => l.subcategory)).toEqual(['standard-support']);
  });

  it('prices load balancers as count x (hourly + capacity units x LCU price)', () => {
    const doc = frozen(
      docBuilder()
        .region('r', 'us-east-1', { zones: ['a'] })
        .cluster('c', {
          region: 'r',
          natGateways: 'none',
          loadBalancers: [
            { name: 'web', type: 'alb', count: 2, capacityUnits: 10 },
            { name: 'tcp', type: 'nlb', capacityUnits: 4 },
          ],
        }),
    );
    const report = estimateCost(doc, catalog);
    // ALB: 2 x $0.0225 x 730 = $32.85; 2 x 10 LCU x $0.008 x 730 = $116.80.
    expect(line(report, 'c:lb-0-web')).toMatchObject({ subcategory: 'alb', expected: 32.85 });
    expect(line(report, 'c:lb-0-web-lcu')).toMatchObject({
      subcategory: 'alb-lcu',
      quantity: { expected: 20, unit: 'LCU' },
      expected: 116.8,
    });
    // NLB: 1 x $0.0225 x 730 = $16.425, to the cent $16.43; 4 NLCU x $0.006 x 730 = $17.52.
    expect(line(report, 'c:lb-1-tcp')).toMatchObject({ subcategory: 'nlb', expected: 16.43 });
    expect(line(report, 'c:lb-1-tcp-lcu')).toMatchObject({
      quantity: { expected: 4, unit: 'NLCU' },
      expected: 17.52,
    });
    expect(report.byCategory.find((g) => g.key === 'loadBalancers')?.expected).toBe(183.6);
  });

  it('prices inter-AZ transfer on both sides', () => {
    const doc = frozen(oneCluster().cluster('t', { region: 'r', traffic: { interAzGBPerMonth: 1000 } }));
    // 1,000 GB moved = 2,000 GB billed x $0.01 = $20.00.
    expect(line(estimateCost(doc, catalog), 't:inter-az')).toMatchObject({
      quantity: { expected: 2000 },
      expected: 20,
    });
  });
});

describe('storage', () => {
  it('prices gp3 root volumes with IOPS above 3,000 and throughput above 125 MB/s, and gp2 volumes', () => {
    const doc = frozen(
      oneCluster('us-east-1', ['a', 'b'])
        .pool('fast', {
          cluster: 'c',
          nodesPerAz: { min: 2, desired: 2, max: 2 },
          rootVolume: { sizeGiB: 100, type: 'gp3', iops: 6000, throughputMiBps: 250 },
        })
        .pool('old', {
          cluster: 'c',
          nodesPerAz: { min: 2, desired: 2, max: 2 },
          rootVolume: { sizeGiB: 100, type: 'gp2' },
        }),
    );
    const report = estimateCost(doc, catalog);
    // 4 nodes: 400 GB x $0.08 = $32.00; 4 x 3,000 IOPS x $0.005 = $60.00; 4 x 125 MB/s x $0.04 = $20.00.
    expect(line(report, 'fast:root-volume')).toMatchObject({
      quantity: { expected: 400, unit: 'GB' },
      expected: 32,
    });
    expect(line(report, 'fast:root-volume-iops')).toMatchObject({
      quantity: { expected: 12_000 },
      expected: 60,
    });
    expect(line(report, 'fast:root-volume-throughput')).toMatchObject({
      quantity: { expected: 500 },
      expected: 20,
    });
    // gp2: 400 GB x $0.10 = $40.00, no IOPS or throughput lines.
    expect(line(report, 'old:root-volume')).toMatchObject({ expected: 40 });
    expect(linesOf(report, 'old').filter((l) => l.category === 'storage')).toHaveLength(1);
  });

  it('prices persistent volumes of services from autoscaler minimum (expected) to maximum', () => {
    const doc = frozen(
      oneCluster()
        .pool('p', { cluster: 'c' })
        .workload('db', {
          pool: 'p',
          stateful: true,
          autoscaling: { minReplicas: 3, maxReplicas: 9 },
          resources: { cpu: 1, memoryGiB: 4, volumeGiB: 100 },
        }),
    );
    // 3 x 100 GB x $0.08 = $24.00; 9 replicas = $72.00.
    expect(line(estimateCost(doc, catalog), 'db:persistent-volume')).toMatchObject({
      elementKind: 'workload',
      clusterId: 'c',
      poolId: 'p',
      subcategory: 'persistent-volume',
      expected: 24,
      maximum: 72,
    });
  });
});

describe('internet egress', () => {
  it('prices a fleet\u2019s egress through the region\u2019s tiers, TB = 1,024 GB', () => {
    const doc = frozen(oneCluster('eu-west-1').fleet('edge', { region: 'r', internetEgressTBPerMonth: 200 }));
    const report = estimateCost(doc, catalog);
    const egress = report.lines.filter((l) => l.subcategory === 'internet-egress');
    // 200 TB = 204,800 GB: 10,240 x $0.09 + 40,960 x $0.085 + 102,400 x $0.07 + 51,200 x $0.05.
    expect(egress.map((l) => [l.quantity.expected, l.expected])).toEqual([
      [10_240, 921.6],
      [40_960, 3_481.6],
      [102_400, 7_168],
      [51_200, 2_560],
    ]);
    expect(egress.every((l) => l.elementKind === 'region' && l.elementId === 'r')).toBe(true);
    expect(egress[0]?.unitPrice).toMatchObject({ sourceId: 'infracost-golden', unit: 'GB' });
  });

  it('leaves egress beyond the last priced tier unpriced, and adds clusters\u2019 egress to the same tiers', () => {
    const doc = frozen(
      docBuilder()
        .region('r', 'us-east-1', { zones: ['a'] })
        .cluster('c', { region: 'r', natGateways: 'none', traffic: { internetEgressGBPerMonth: 100_000 } })
        .fleet('edge', { region: 'r', internetEgressTBPerMonth: 100 }),
    );
    const report = estimateCost(doc, catalog);
    // 100,000 + 102,400 = 202,400 GB; us-east-1 is priced up to 153,600 GB only.
    const egress = report.lines.filter((l) => l.subcategory === 'internet-egress');
    expect(egress.map((l) => [l.quantity.expected, l.expected])).toEqual([
      [10_240, 921.6],
      [40_960, 3_481.6],
      [102_400, 7_168],
      [48_800, null],
    ]);
    expect(egress[3]?.missingReason).toMatch(/only up to 153,600 GB a month/);
    expect(report.totals.infrastructure).toMatchObject({ complete: false, unpriced: 1 });
  });
});

describe('totals', () => {
  const base = () =>
    oneCluster('us-east-1', ['a']).pool('workers', {
      cluster: 'c',
      provisioner: 'managed',
      instanceTypes: ['r5.4xlarge'],
      nodesPerAz: { min: 50, desired: 100, max: 500 },
    });

  it('keeps engineering time apart from infrastructure', () => {
    const report = estimateCost(
      frozen(base().settings({ engineering: { people: 2, monthlyCostPerPerson: 15_000 } })),
      catalog,
    );
    const { infrastructure, engineering, grand } = report.totals;
    expect(engineering).toMatchObject({ expected: 30_000, maximum: 30_000, complete: true, items: 1 });
    expect(line(report, 'settings.engineering:people')).toMatchObject({
      category: 'engineering',
      elementKind: 'settings',
    });
    expect(infrastructure.expected).toBe(73_584 + 400 + 73 + 32.85 + 3.65); // compute, root volumes, EKS, NAT, IPv4
    expect(grand.expected).toBe(infrastructure.expected + 30_000);
    expect(report.byRegion.reduce((sum, g) => sum + g.expected, 0)).toBe(infrastructure.expected);
    expect(report.byCategory.map((g) => g.key)).toEqual([
      'compute',
      'controlPlane',
      'storage',
      'networking',
      'engineering',
    ]);
  });

  it('converts USD prices at the exchange rate but takes the document\u2019s own amounts as they are', () => {
    const report = estimateCost(
      frozen(
        base().settings({
          currency: 'EUR',
          usdExchangeRate: 0.9,
          engineering: { people: 1, monthlyCostPerPerson: 10_000 },
          monitoring: { perNodeMonthly: 10, perClusterMonthly: 100 },
        }),
      ),
      catalog,
    );
    expect(report.currency).toBe('EUR');
    // $73,584.00 x 0.9 = EUR 66,225.60.
    expect(line(report, 'workers:on-demand:r5.4xlarge')).toMatchObject({
      expected: 66_225.6,
      unitPrice: { usd: 1.008 },
    });
    expect(line(report, 'workers:monitoring')).toMatchObject({
      expected: 1000,
      unitPrice: { currency: 'EUR' },
    });
    expect(line(report, 'c:monitoring').expected).toBe(100);
    expect(report.totals.engineering.expected).toBe(10_000);
    expect(report.assumptions).toMatchObject({ currency: 'EUR', usdExchangeRate: 0.9, hoursPerMonth: 730 });
  });

  it('shows a missing price as null with the reason and counts it in incomplete totals', () => {
    const doc = frozen(
      docBuilder()
        .region('east', 'us-east-1', { zones: ['a'] })
        .cluster('e', { region: 'east', natGateways: 'none' })
        .pool('p5e-east', {
          cluster: 'e',
          instanceTypes: ['p5e.48xlarge'],
          nodesPerAz: { min: 1, desired: 1, max: 2 },
        })
        .region('west', 'us-west-2', { zones: ['c'] })
        .cluster('w', { region: 'west', natGateways: 'none' })
        .pool('p5e', {
          cluster: 'w',
          instanceTypes: ['p5e.48xlarge'],
          nodesPerAz: { min: 1, desired: 1, max: 2 },
        }),
    );
    const report = estimateCost(doc, catalog);
    // p5e.48xlarge has no price anywhere; us-east-1 does not even offer it.
    const p5e = line(report, 'p5e:on-demand:p5e.48xlarge');
    expect(p5e).toMatchObject({ expected: null, maximum: null, sourceId: null, date: null, sourceIds: [] });
    expect(p5e.missingReason).toMatch(/^no on-demand price for p5e\.48xlarge in us-west-2/);
    expect(line(report, 'p5e-east:on-demand').missingReason).toBe(
      'none of the listed types (p5e.48xlarge) is offered in us-east-1 according to the catalog',
    );
    // EKS and EBS prices exist for us-east-1 only.
    const eks = line(report, 'w:control-plane');
    expect(eks).toMatchObject({ expected: null, maximum: null, unitPrice: { status: 'missing' } });
    expect(eks.missingReason).toMatch(/only for us-east-1, not for us-west-2/);
    expect(line(report, 'p5e:root-volume').missingReason).toMatch(/ebs\.gp3\.perGBMonth/);
    expect(line(report, 'e:control-plane').expected).toBe(73);
    expect(report.totals.infrastructure).toMatchObject({ complete: false, unpriced: 4, items: 6 });
    expect(report.totals.grand).toMatchObject({ complete: false, unpriced: 4 });
    expect(report.byRegion.find((g) => g.key === 'west')).toMatchObject({
      expected: 0,
      complete: false,
      unpriced: 3,
    });
  });

  it('prices from the document\u2019s price overrides and cites them', () => {
    const doc = frozen(
      docBuilder()
        .region('west', 'us-west-2', { zones: ['a'] })
        .cluster('w', { region: 'west', natGateways: 'none' })
        .pool('p5e', {
          cluster: 'w',
          instanceTypes: ['p5e.48xlarge'],
          nodesPerAz: { min: 0, desired: 1, max: 1 },
        })
        .settings({
          priceOverrides: [
            {
              region: 'us-west-2',
              key: 'eks.controlPlane.standard.perClusterHour',
              usd: 0.1,
              unit: 'cluster-hour',
              source: 'AWS Price List AmazonEKS us-west-2',
              date: '2026-08-01',
            },
            {
              region: 'us-west-2',
              key: 'p5e.48xlarge',
              usdPerHour: 40,
              unit: 'instance-hour',
              source: 'AWS Price List AmazonEC2 us-west-2',
              date: '2026-08-01',
            },
          ],
        }),
    );
    const report = estimateCost(doc, catalog);
    expect(line(report, 'w:control-plane')).toMatchObject({
      expected: 73,
      sourceId: 'override:us-west-2/eks.controlPlane.standard.perClusterHour',
      date: '2026-08-01',
    });
    // 1 node x $40 x 730 h.
    expect(line(report, 'p5e:on-demand:p5e.48xlarge')).toMatchObject({
      expected: 29_200,
      sourceId: 'override:us-west-2/p5e.48xlarge',
    });
    expect(report.sources.map((s) => s.id)).toContain('override:us-west-2/p5e.48xlarge');
    expect(report.assumptions.priceOverrides).toBe(2);
    expect(report.assumptions.rules.join(' ')).toMatch(/2 prices entered in the document/);
  });

  it('marks a pool whose cluster is not in the document as unpriced', () => {
    const doc = frozen(oneCluster().pool('lost', { cluster: 'nowhere' }));
    const lost = line(estimateCost(doc, catalog), 'lost:unresolved');
    expect(lost.missingReason).toBe(`the pool's cluster "nowhere" is not in the document`);
  });

  it('lists the assumptions and the sources in every report', () => {
    const report = estimateCost(frozen(oneCluster()), catalog);
    expect(report.assumptions).toMatchObject({
      hoursPerMonth: 730,
      currency: 'USD',
      usdExchangeRate: 1,
      spotFallbackOnDemandPercent: 10,
      engineering: { people: 0, monthlyCostPerPerson: 0 },
      monitoring: { perNodeMonthly: 0, perClusterMonthly: 0 },
    });
    expect(report.assumptions.rules.length).toBeGreaterThan(10);
    expect(report.sources.map((s) => s.id)).toEqual(['fact:public-ipv4', 'infracost-golden']);
  });
});

describe('determinism and memoisation', () => {
  const ott = () => deepFreeze(TopologyDocumentSchema.parse(ottTemplate()));

  it('gives the same report for the same document, cached or not', () => {
    const doc = ott();
    const first = estimateCost(doc, catalog);
    const again = estimateCost(doc, catalog);
    const fresh = estimateCost(structuredClone(doc), catalog);
    expect(again).toEqual(first);
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(first));
  });

  it('after one edit reuses every other element\u2019s lines and equals a fresh run', () => {
    const doc = ott();
    const before = estimateCost(doc, catalog);
    const result = executeCommand(doc, {
      type: 'update',
      id: 'use1-api-general',
      changes: { nodesPerAz: { min: 2, desired: 12, max: 40 } },
    });
    if (!result.ok) throw new Error(result.error.message);
    const after = estimateCost(result.document, catalog);
    for (const l of after.lines) {
      const old = before.lines.find((o) => o.id === l.id);
      if (l.elementId === 'use1-api-general') expect(l).not.toBe(old);
      else if (l.elementKind !== 'region' && l.elementKind !== 'settings') expect(l).toBe(old);
    }
    expect(line(after, 'use1-api-general:on-demand:c6i.2xlarge').quantity.expected).toBe(10.8); // 30% of 36
    expect(after).toEqual(estimateCost(structuredClone(result.document), catalog));
    expect(after.totals.infrastructure.expected).toBeGreaterThan(before.totals.infrastructure.expected);
  });

  it('recomputes every element when a setting changes', () => {
    const doc = ott();
    const before = estimateCost(doc, catalog);
    const result = executeCommand(doc, { type: 'settings', changes: { hoursPerMonth: 720 } });
    if (!result.ok) throw new Error(result.error.message);
    const after = estimateCost(result.document, catalog);
    expect(line(after, 'use1-edge:fleet:c6in.metal').expected).toBe(47_029.25); // 9 x 7.2576 x 720 = 47,029.248
    expect(line(before, 'use1-edge:fleet:c6in.metal').expected).toBe(47_682.43); // 9 x 7.2576 x 730
  });
});

describe('the OTT template', () => {
  const report = estimateCost(deepFreeze(TopologyDocumentSchema.parse(ottTemplate())), catalog);

  it('has a positive amount in every category', () => {
    expect(report.byCategory.map((g) => g.key)).toEqual([
      'compute',
      'controlPlane',
      'storage',
      'loadBalancers',
      'networking',
      'monitoring',
      'engineering',
    ]);
    for (const group of report.byCategory) expect(group.expected, String(group.key)).toBeGreaterThan(0);
    expect(report.totals.engineering.expected).toBe(128_000); // 8 x 16,000
  });

  it('is incomplete exactly where the catalog has gaps', () => {
    // Service prices are us-east-1 only. Per other region: 3 EKS control planes, 3 NAT gateway lines, 3 load
    // balancers (hourly + capacity units), 7 gp3 root-volume lines (6 pools and the fleet) = 19. In us-east-1
    // the fleet's 1,500 TB of egress runs past the last priced tier (153,600 GB).
    const unpriced = report.lines.filter((l) => l.expected === null);
    const perRegion = (region: string) =>
      unpriced
        .filter((l) => l.regionId === region)
        .map((l) => l.subcategory)
        .sort();
    const expected = [
      ...Array(2).fill('alb'),
      ...Array(2).fill('alb-lcu'),
      'nlb',
      'nlb-lcu',
      ...Array(3).fill('nat-gateway'),
      ...Array(7).fill('root-volume'),
      ...Array(3).fill('standard-support'),
    ].sort();
    expect(perRegion('usw2')).toEqual(expected);
    expect(perRegion('euw1')).toEqual(expected);
    expect(unpriced.filter((l) => l.regionId === 'use1').map((l) => l.id)).toEqual([
      'use1:internet-egress-beyond',
    ]);
    for (const l of unpriced.filter((u) => u.regionId !== 'use1')) {
      expect(l.missingReason).toMatch(/only for us-east-1, not for (us-west-2|eu-west-1)/);
    }
    expect(report.totals.infrastructure).toMatchObject({ complete: false, unpriced: 39 });
    expect(report.totals.grand).toMatchObject({ complete: false, unpriced: 39 });
    expect(report.byCategory.find((g) => g.key === 'compute')).toMatchObject({ complete: true });
    expect(report.byCategory.find((g) => g.key === 'monitoring')).toMatchObject({ complete: true });
  });
});
