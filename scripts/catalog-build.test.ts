import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildLicenses, parseQuantity, readRawData, stableJson } from './catalog-build';

/** The raw data directory (data/aws in this repository, or CATALOG_DATA_DIR). */
const RAW_DIR = process.env.CATALOG_DATA_DIR ?? fileURLToPath(new URL('../data/aws/', import.meta.url));
const { rawCatalog, rawRegional } = readRawData(RAW_DIR);
const committed = (file: string) =>
  readFileSync(new URL(`../resources/catalog/${file}`, import.meta.url), 'utf8');

describe('catalog build', () => {
  it('is deterministic: building twice gives the same text', () => {
    const first = buildCatalog(rawCatalog, rawRegional);
    const second = buildCatalog(structuredClone(rawCatalog), structuredClone(rawRegional));
    expect(second).toBe(first);
  });

  it('is committed as built from the raw data (run `npm run catalog:build` after the data changes)', () => {
    expect(committed('aws.json')).toBe(buildCatalog(rawCatalog, rawRegional));
    expect(committed('LICENSES.md')).toBe(buildLicenses(rawCatalog, rawRegional));
  });

  it('keeps the Spare Cores licence and attribution in LICENSES.md', () => {
    const licences = buildLicenses(rawCatalog, rawRegional);
    expect(licences).toContain('[Spare Cores](https://sparecores.com)');
    expect(licences).toMatch(/remain under CC BY-SA\s+4\.0/);
    expect(licences).toContain('### `karpenter-pricing`');
  });

  it('refuses raw data of an unexpected shape, naming the file and field', () => {
    const broken = structuredClone(rawCatalog) as { instanceTypes: Record<string, { vcpu: unknown }> };
    broken.instanceTypes['c5.large']!.vcpu = 'two';
    expect(() => buildCatalog(broken, rawRegional)).toThrow(
      /aws-catalog\.json does not have the expected shape:\s+instanceTypes\.c5\.large\.vcpu/,
    );
  });

  it('reads Kubernetes quantities', () => {
    expect(parseQuantity('47810m', 'cpu')).toBe(47.81);
    expect(parseQuantity('4', 'cpu')).toBe(4);
    expect(parseQuantity('88002Mi', 'memoryGiB')).toBe(88002 / 1024);
    expect(parseQuantity('16Gi', 'memoryGiB')).toBe(16);
    expect(parseQuantity('234', 'count')).toBe(234);
    expect(() => parseQuantity('12Ti', 'memoryGiB')).toThrow(/cannot read/);
  });

  it('writes JSON with sorted keys, one line per entry when an entry is long', () => {
    expect(stableJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,2]},"b":1}\n');
    expect(stableJson({ b: 'x'.repeat(20), a: 1 }, 10)).toBe(`{\n "a":1,\n "b":"${'x'.repeat(20)}"\n}\n`);
  });
});
