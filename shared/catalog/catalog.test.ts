import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG_PATH, loadTestCatalog } from '../test-support/catalog';
import { createCatalog } from './catalog';
import { createShippedCatalog } from './file-catalog';
import type { CatalogFile } from './catalog-file';
import { SERVICE_PRICE_LABELS } from './service-prices';
import type { PriceAnswer, PriceFound, PriceMissing, ServicePriceKey, SpotAnswer } from './types';

/** The raw data the catalog is built from (data/aws in this repository, or CATALOG_DATA_DIR). */
const RAW_DIR = process.env.CATALOG_DATA_DIR ?? fileURLToPath(new URL('../../data/aws/', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw files are read as loose JSON in tests
const readRaw = (file: string): any => JSON.parse(readFileSync(`${RAW_DIR}/${file}`, 'utf8'));
const raw = readRaw('aws-catalog.json');
const regional = readRaw('aws-prices-regional.json');
const shipped = (): unknown => JSON.parse(readFileSync(CATALOG_PATH, 'utf8'));

const catalog = loadTestCatalog();

function priced(answer: PriceAnswer): PriceFound {
  if (answer.status !== 'priced') throw new Error(`expected a price, got: ${answer.reason}`);
  return answer;
}

function missingReason(answer: PriceAnswer | SpotAnswer): string {
  expect(answer.status).toBe('missing');
  return (answer as PriceMissing).reason;
}

describe('the shipped AWS catalog', () => {
  it('has 15 regions and 431 instance types, with id aws', () => {
    expect(catalog.id).toBe('aws');
    expect(catalog.currency).toBe('USD');
    expect(catalog.regions()).toHaveLength(15);
    expect(catalog.instanceTypes()).toHaveLength(431);
    expect([...catalog.instanceTypeNames()]).toHaveLength(431);
    expect(catalog.generatedAt).toBe(raw.generatedAt);
  });

  it('prices r5.4xlarge in us-east-1 from Karpenter, with its date', () => {
    const price = priced(catalog.onDemandPrice('us-east-1', 'r5.4xlarge'));
    expect(price.usd).toBe(raw.onDemandUsdPerHour['us-east-1']['r5.4xlarge']);
    expect(price.sourceId).toBe('karpenter-pricing');
    expect(price.date).toBe('2026-07-20');
    expect(price.unit).toBe('instance-hour');
    expect(price.confidence).toBe('high');
    expect(catalog.source('karpenter-pricing')?.dataDate).toBe(price.date);
    expect(catalog.source('karpenter-pricing')?.licence).toMatch(/Apache-2\.0/);
  });

  it('prices a CPU type in eu-west-1 from the Spare Cores snapshot', () => {
    const price = priced(catalog.onDemandPrice('eu-west-1', 'r5.4xlarge'));
    expect(price.usd).toBe(regional.onDemandUsdPerHour['eu-west-1']['r5.4xlarge']);
    expect(price.sourceId).toBe('sparecores-2024');
    expect(price.date).toBe('2024-02-21');
    expect(price.confidence).toBe('medium');
    expect(catalog.source('sparecores-2024')?.licence).toMatch(/CC BY-SA 4\.0/);
  });

  it('fills us-east-1 bare-metal gaps from the regional file and notes the shared-tenancy price', () => {
    const price = priced(catalog.onDemandPrice('us-east-1', 'c6g.metal'));
    expect(price.sourceId).toBe('sparecores-2024');
    expect(price.note).toMatch(/shared-tenancy/);
  });

  it('has no price for p5e.48xlarge in any region, and says so', () => {
    for (const region of catalog.regions()) {
      const reason = missingReason(catalog.onDemandPrice(region.code, 'p5e.48xlarge'));
      expect(reason).toContain(
        `no on-demand price for p5e.48xlarge in ${region.code} in the catalog (aws, 2026-`,
      );
      expect(reason).toMatch(/in any region/);
    }
  });

  it('prices c8g types only in us-east-1 and never copies that price to another region', () => {
    const c8g = catalog.instanceTypes().filter((t) => t.family === 'c8g');
    expect(c8g.length).toBeGreaterThan(5);
    for (const type of c8g) {
      expect(catalog.onDemandPrice('us-east-1', type.name).status).toBe('priced');
      for (const region of catalog.regions().filter((r) => r.code !== 'us-east-1')) {
        expect(missingReason(catalog.onDemandPrice(region.code, type.name))).toMatch(/only for us-east-1/);
      }
    }
    for (const region of catalog.regions().filter((r) => r.code !== 'us-east-1')) {
      for (const type of catalog.instanceTypes()) {
        const answer = catalog.onDemandPrice(region.code, type.name);
        if (answer.status === 'priced') expect(answer.sourceId).not.toBe('karpenter-pricing');
      }
    }
  });

  it('leaves out prices whose source states no data date, and says why', () => {
    expect(missingReason(catalog.onDemandPrice('eu-west-1', 'c7gn.metal'))).toMatch(
      /skypilot-catalog-v7-partial\) states no date/,
    );
  });

  it('gives every price a known source and an ISO date', () => {
    const keys = Object.keys(SERVICE_PRICE_LABELS) as ServicePriceKey[];
    for (const region of catalog.regions()) {
      const answers: PriceAnswer[] = [
        ...catalog.instanceTypes().map((t) => catalog.onDemandPrice(region.code, t.name)),
        ...keys.map((key) => catalog.servicePrice(region.code, key)),
        catalog.dataTransfer(region.code)!.interAzPerGB,
      ];
      for (const answer of answers) {
        if (answer.status === 'missing') {
          expect(answer.reason.length).toBeGreaterThan(20);
          continue;
        }
        expect(catalog.source(answer.sourceId), answer.sourceId).toBeDefined();
        expect(answer.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(answer.usd).toBeGreaterThan(0);
      }
    }
  });

  it('answers spot savings and interruption from Spot Advisor', () => {
    const spot = catalog.spot('us-east-1', 'r5.4xlarge');
    const figures = raw.spotAdvisor.regions['us-east-1']['r5.4xlarge'];
    expect(spot).toEqual({
      status: 'known',
      savingsPct: figures.savingsPctVsOnDemand,
      interruption: figures.interruptionFrequency,
      sourceId: 'spot-advisor',
      date: '2025-06-28',
    });
    expect(missingReason(catalog.spot('us-east-1', 'p5e.48xlarge'))).toMatch(
      /^no Spot Advisor figures for p5e\.48xlarge in us-east-1 in the catalog \(aws, .*\(spot-advisor, 2025-06-28\)$/,
    );
    // Spot Advisor's saving can be negative (spot above on-demand); it is kept as stated.
    expect(catalog.spot('ca-central-1', 'p5.48xlarge')).toMatchObject({ status: 'known', savingsPct: -62 });
    expect(catalog.spot('us-east-1', 'no.such')).toMatchObject({ status: 'missing' });
  });

  it('has the EKS control plane price for us-east-1 only', () => {
    const eks = priced(catalog.servicePrice('us-east-1', 'eks.controlPlane.standard.perClusterHour'));
    expect(eks).toMatchObject({
      usd: 0.1,
      unit: 'cluster-hour',
      sourceId: 'infracost-golden',
      date: '2025-07-07',
    });
    const reason = missingReason(
      catalog.servicePrice('eu-west-1', 'eks.controlPlane.standard.perClusterHour'),
    );
    expect(reason).toMatch(/only for us-east-1, not for eu-west-1/);
    expect(missingReason(catalog.servicePrice('eu-west-1', 'natGateway.perHour'))).toMatch(
      /only for us-east-1/,
    );
  });

  it('prices a public IPv4 address the same in every region, citing its source', () => {
    for (const region of catalog.regions()) {
      const price = priced(catalog.servicePrice(region.code, 'publicIPv4.perAddressHour'));
      expect(price).toMatchObject({ usd: 0.005, sourceId: 'fact:public-ipv4', date: '2024-02-01' });
    }
    expect(catalog.source('fact:public-ipv4')?.url).toMatch(/^https:\/\//);
  });

  it('has internet egress tiers in order with cumulative bounds', () => {
    const labels = ['first 10TB', 'next 40TB', 'next 100TB', 'over 150TB'];
    const bounds = [10240, 51200, 153600, undefined];
    for (const region of catalog.regions()) {
      const prices = catalog.dataTransfer(region.code)!;
      expect(prices.interAzPerGB).toMatchObject({ status: 'priced', usd: 0.01, unit: 'GB' });
      expect(prices.internetEgressTiers.length).toBeGreaterThanOrEqual(3);
      prices.internetEgressTiers.forEach((tier, i) => {
        expect(tier.label).toBe(labels[i]);
        expect(tier.upToGB).toBe(bounds[i]);
      });
    }
    const useast1 = catalog.dataTransfer('us-east-1')!;
    expect(useast1.internetEgressTiers.map((t) => t.usdPerGB)).toEqual([0.09, 0.085, 0.07]);
    expect(useast1.note).toMatch(/beyond 153600 GB/);
    expect(catalog.dataTransfer('eu-west-1')!.internetEgressTiers).toHaveLength(4);
    expect(catalog.dataTransfer('mars-north-1')).toBeUndefined();
  });

  it('lists the zones that offer a type', () => {
    expect(catalog.zonesOffering('us-east-1', 'c5.12xlarge')).toEqual(
      raw.availabilityByRegion['us-east-1']['c5.12xlarge'],
    );
    expect(catalog.zonesOffering('eu-west-1', 'c7gn.metal')).toEqual([
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1c',
    ]);
    expect(catalog.zonesOffering('eu-west-1', 'no.such')).toEqual([]);
    expect(catalog.zonesOffering('mars-north-1', 'c5.large')).toEqual([]);
  });

  it('implements the facts the integrity check needs', () => {
    expect(catalog.hasInstanceType('m7i.large')).toBe(true);
    expect(catalog.hasInstanceType('m7i.huge')).toBe(false);
    expect(catalog.zoneNamesOf('sa-east-1')).toEqual(['sa-east-1a', 'sa-east-1b', 'sa-east-1c']);
    expect(catalog.zoneNamesOf('mars-north-1')).toBeUndefined();
    expect(catalog.region('us-east-1')?.zones.find((z) => z.name === 'us-east-1a')?.id).toBe('use1-az2');
  });

  it('maps instance type facts to Kubernetes names and units', () => {
    const c5 = catalog.instanceType('c5.12xlarge')!;
    expect(c5).toMatchObject({ family: 'c5', size: '12xlarge', vcpu: 48, arch: 'amd64', metal: false });
    expect(c5.allocatable).toEqual({ cpu: 47.81, memoryGiB: 88002 / 1024, pods: 234 });
    expect(c5.allocatableSourceId).toBe('karpenter-instance-types-doc');
    expect(catalog.instanceType('c7g.large')?.arch).toBe('arm64');
    const p5e = catalog.instanceType('p5e.48xlarge')!;
    expect(p5e).toMatchObject({ gpus: 8, gpuModel: 'H200', gpuMemoryGiB: 141, efa: true });
    expect(catalog.instanceType('inf2.48xlarge')?.accelerator).toEqual({ name: 'Inferentia2', count: 12 });
    expect(catalog.instanceType('trn2.3xlarge')?.allocatable).toBeUndefined();
  });

  it('names unknown regions and types, with a hint', () => {
    expect(missingReason(catalog.onDemandPrice('us-east-7', 'm7i.large'))).toMatch(
      /does not know the region "us-east-7"; did you mean "us-east-\d"\?/,
    );
    expect(missingReason(catalog.onDemandPrice('us-east-1', 'm7i.larg'))).toMatch(
      /did you mean "m7i.large"\?/,
    );
  });

  it('keeps the cited facts', () => {
    const limits = catalog.facts?.find((f) => f.key === 'network.enaExpress');
    expect(limits?.value).toMatchObject({ interAzUnsupportedRegions: expect.arrayContaining(['sa-east-1']) });
    expect(limits?.citations[0]?.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
});

describe('createCatalog', () => {
  it('refuses malformed input with a message that names the field', () => {
    const data = shipped() as { instanceTypes: { vcpu: unknown }[] };
    data.instanceTypes[3]!.vcpu = 'four';
    expect(() => createCatalog(data)).toThrow(/^the catalog file is not valid: instanceTypes\[3\]\.vcpu: /);
    expect(() => createCatalog(null)).toThrow(
      /^the catalog file is not valid: Invalid input: expected object/,
    );
    expect(() => createCatalog({ format: 'something else' })).toThrow(/format/);
  });

  it('refuses a price that names an unknown type or source', () => {
    const data = shipped() as { onDemand: { sourceId: string; prices: Record<string, number> }[] };
    data.onDemand[0]!.prices['m99.large'] = 1;
    expect(() => createCatalog(data)).toThrow(/onDemand\[0\]\.prices: unknown instance type "m99.large"/);
    const other = shipped() as { onDemand: { sourceId: string }[] };
    other.onDemand[0]!.sourceId = 'nobody';
    expect(() => createCatalog(other)).toThrow(/onDemand\[0\]\.sourceId: names the source "nobody"/);
  });

  it('refuses a negative or zero price in a price table, naming the type', () => {
    const data = shipped() as { onDemand: { prices: Record<string, number> }[] };
    const [first] = Object.keys(data.onDemand[0]!.prices);
    data.onDemand[0]!.prices[first!] = 0;
    expect(() => createCatalog(data)).toThrow(
      new RegExp(`onDemand\\[0\\]\\.prices\\["?${first!.replace('.', '\\.')}`),
    );
  });

  it('answers override prices first and resolves their sources', () => {
    const override: PriceFound = {
      status: 'priced',
      usd: 100,
      unit: 'instance-hour',
      sourceId: 'pricelist-2026-10',
      date: '2026-10-01',
      confidence: 'high',
    };
    const withOverrides = createCatalog(shipped(), {
      sources: [
        {
          id: 'pricelist-2026-10',
          description: 'AWS Price List offer file imported by the user',
          dataDate: '2026-10-01',
          licence: 'AWS Price List',
        },
      ],
      onDemand: { 'eu-west-1': { 'p5e.48xlarge': override } },
    });
    expect(withOverrides.onDemandPrice('eu-west-1', 'p5e.48xlarge')).toEqual(override);
    expect(withOverrides.source('pricelist-2026-10')?.dataDate).toBe('2026-10-01');
    expect(withOverrides.onDemandPrice('us-west-2', 'p5e.48xlarge').status).toBe('missing');
    expect(() =>
      createCatalog(shipped(), {
        onDemand: { 'eu-west-1': { 'm7i.large': { ...override, sourceId: 'nobody' } } },
      }),
    ).toThrow(
      /^the price overrides are not valid: onDemand\.eu-west-1\["m7i\.large"\]\.sourceId: names the source "nobody"/,
    );
    expect(() =>
      createCatalog(shipped(), { onDemand: { 'eu-west-1': { 'm7i.large': { ...override, usd: -1 } } } }),
    ).toThrow(
      /^the price overrides are not valid: onDemand\.eu-west-1\["m7i\.large"\]\.usd: must be 0 or more/,
    );
  });
});

describe('createShippedCatalog', () => {
  it('answers as the validated catalog does, for every region and instance type', () => {
    const trusted = createShippedCatalog(shipped() as CatalogFile);
    expect(trusted.regions()).toEqual(catalog.regions());
    expect(trusted.instanceTypes()).toEqual(catalog.instanceTypes());
    for (const region of catalog.regions()) {
      for (const type of catalog.instanceTypes()) {
        expect(trusted.onDemandPrice(region.code, type.name)).toEqual(
          catalog.onDemandPrice(region.code, type.name),
        );
        expect(trusted.spot(region.code, type.name)).toEqual(catalog.spot(region.code, type.name));
      }
    }
  });

  it('is given a file that passes every check createCatalog makes (schema and references)', () => {
    expect(() => createCatalog(shipped())).not.toThrow();
  });
});
