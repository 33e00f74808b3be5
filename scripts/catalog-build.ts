// Builds the shipped AWS catalog (resources/catalog/aws.json) and its licence notice from the raw data in
// data/aws. Pure functions of the two raw files: the output has sorted keys and a stable order, so
// building twice gives the same bytes and a test can tell when the committed copy is stale.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CatalogFile } from '../shared/catalog/catalog-file';
import { CATALOG_FORMAT, CATALOG_FORMAT_VERSION, CatalogFileSchema } from '../shared/catalog/catalog-file';
import { SERVICE_PRICE_LABELS } from '../shared/catalog/service-prices';
import type { ServicePriceKey } from '../shared/catalog/types';
import { compareStrings } from '../shared/util/text';

/** Names of the raw files, as they sit in the data directory. */
export const RAW_CATALOG_FILE = 'aws-catalog.json';
export const RAW_REGIONAL_FILE = 'aws-prices-regional.json';

/** The id of the catalog, as a document's `settings.catalog` names it. */
const CATALOG_ID = 'aws';

// ---------------------------------------------------------------------------------------------------
// The raw files, as far as the build reads them (other keys are ignored)

const Str = z.string().min(1);
const RawSource = z.looseObject({
  id: Str,
  description: Str,
  dataDate: Str.optional(),
  license: Str,
  url: Str.optional(),
  repo: Str.optional(),
  path: Str.optional(),
  commit: Str.optional(),
});
const RawRegion = z.looseObject({
  azNames: z.array(Str),
  displayName: Str,
  exampleAzNameToId: z.record(Str, Str),
  source: Str,
});
const RawInstanceType = z.looseObject({
  family: Str,
  vcpu: z.number().int().positive(),
  memoryGiB: z.number().positive(),
  arch: z.enum(['x86_64', 'arm64']),
  metal: z.boolean(),
  burstable: z.boolean(),
  gpus: z.number().int().min(0),
  gpuModel: Str.nullable(),
  gpuMemoryGiB: z.number().positive().nullable(),
  accelerator: z.looseObject({ name: Str, count: z.number().int().positive() }).nullable(),
  networkGbps: z.number().min(0),
  networkPeakGbps: z.number().min(0),
  enaExpress: z.boolean(),
  efa: z.boolean(),
  spotSupported: z.boolean(),
  eksAllocatableKarpenterAL2023: z.record(Str, Str).optional(),
  eksAllocatableSource: Str.optional(),
  source: Str,
});
const PriceTable = z.record(Str, z.record(Str, z.number().positive()));
const SourceTable = z.record(Str, z.record(Str, Str));
const ConfidenceTable = z.record(Str, z.record(Str, z.enum(['high', 'medium', 'low'])));
const RawFact = z.looseObject({
  id: Str,
  key: Str,
  value: z.unknown(),
  unit: Str,
  region: Str,
  status: Str,
  note: Str.optional(),
  citations: z.array(z.looseObject({ url: Str, excerpt: Str })),
});
const RawCatalog = z.looseObject({
  schemaVersion: z.literal(1),
  generatedAt: Str,
  currency: z.literal('USD'),
  sources: z.array(RawSource),
  conventions: z.record(Str, Str),
  regions: z.record(Str, RawRegion),
  instanceTypes: z.record(Str, RawInstanceType),
  availabilityByRegion: z.record(Str, z.record(Str, z.array(Str))),
  onDemandUsdPerHour: PriceTable,
  onDemandPriceSource: SourceTable,
  onDemandPriceConfidence: ConfidenceTable,
  spotAdvisor: z.looseObject({
    source: Str,
    note: Str,
    regions: z.record(
      Str,
      z.record(
        Str,
        z.looseObject({
          savingsPctVsOnDemand: z.number().int().max(100),
          interruptionFrequency: z.enum(['<5%', '5-10%', '10-15%', '15-20%', '>20%']),
        }),
      ),
    ),
  }),
  servicePrices: z.array(
    z.looseObject({
      key: Str,
      region: Str,
      value: z.number().positive(),
      rawDerivedValue: z.number(),
      unit: Str,
      source: Str,
      dataDate: Str,
      derivation: Str,
      evidenceLine: Str,
      path: Str,
      fileLastChangedCommit: Str,
    }),
  ),
  dataTransfer: z.looseObject({
    source: Str,
    dataDate: Str,
    derivation: Str,
    path: Str,
    fileLastChangedCommit: Str,
    regions: z.record(
      Str,
      z.record(Str, z.looseObject({ usdPerGB: z.number().positive(), evidenceLine: Str })),
    ),
  }),
  facts: z.array(RawFact),
  metalTypesWithDedicatedSkuDiff: z.array(Str),
  typesWithListPriceChangeSince2024: z.array(Str),
});
const RawRegional = z.looseObject({
  schemaVersion: z.literal(1),
  license: Str,
  sources: z.array(RawSource),
  onDemandUsdPerHour: PriceTable,
  onDemandPriceSource: SourceTable,
  onDemandPriceConfidence: ConfidenceTable,
});
type RawCatalog = z.infer<typeof RawCatalog>;
type RawRegional = z.infer<typeof RawRegional>;
type RawSource = z.infer<typeof RawSource>;
type RawFact = z.infer<typeof RawFact>;

/** Parses one raw file, naming the file and the field in the error when it does not have the expected shape. */
function parseRaw<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new Error(`${file} does not have the expected shape:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

/** The value of `key` in a record, or a thrown error that names what is missing. */
function need<T>(record: Readonly<Record<string, T>>, key: string, what: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`${what}: no entry for "${key}"`);
  return value;
}

/** The leading `YYYY-MM-DD` of a date or timestamp, or undefined when it does not start with one. */
function isoDay(text: string | undefined): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(text ?? '');
  return match?.[1];
}

/** The first `YYYY-MM-DD` anywhere in a text. */
function firstIsoDay(text: string): string | undefined {
  return /\b(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1];
}

/** A number parsed from a Kubernetes quantity: `47810m` -> 47.81 (cores), `88002Mi` -> GiB. */
export function parseQuantity(text: string, kind: 'cpu' | 'memoryGiB' | 'count'): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(text);
  if (!match) throw new Error(`cannot read the quantity "${text}"`);
  const value = Number(match[1]);
  const suffix = match[2] ?? '';
  if (kind === 'cpu' && (suffix === 'm' || suffix === '')) return suffix === 'm' ? value / 1000 : value;
  if (kind === 'memoryGiB' && suffix === 'Ki') return value / (1024 * 1024);
  if (kind === 'memoryGiB' && suffix === 'Mi') return value / 1024;
  if (kind === 'memoryGiB' && suffix === 'Gi') return value;
  if (kind === 'count' && suffix === '') return value;
  throw new Error(`cannot read the ${kind} quantity "${text}"`);
}

/** Sorts the keys of a record in code-unit order (JSON keeps insertion order). */
function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of [...entries].sort((a, b) => compareStrings(a[0], b[0]))) out[key] = value;
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Sources

/** Every source id a value in the output cites, with the dates of the values drawn from it. */
type SourceDates = Map<string, Set<string>>;

function citeSource(dates: SourceDates, id: string, date: string): void {
  const set = dates.get(id) ?? new Set<string>();
  set.add(date);
  dates.set(id, set);
}

/** The date of a raw source's data, or undefined when it states none or an unreadable one. */
function sourceDay(source: RawSource): string | undefined {
  return isoDay(source.dataDate);
}

/** The catalog's form of a raw source: ISO data date (or `unknown`), licence and where to find it. */
function convertSource(source: RawSource, citedDates: ReadonlySet<string> | undefined) {
  let dataDate = sourceDay(source);
  let description = source.description;
  if (dataDate === undefined && source.dataDate === undefined && citedDates && citedDates.size > 0) {
    // A source without a single date (each value dated on its own) is dated by its newest value.
    dataDate = [...citedDates].sort(compareStrings).at(-1)!;
    description += ` Each value carries its own date; ${dataDate} is the newest of those used here.`;
  }
  if (dataDate === undefined) {
    description += ` Data date: ${source.dataDate ?? 'not stated'}.`;
  }
  return {
    id: source.id,
    description,
    dataDate: dataDate ?? 'unknown',
    licence: source.license,
    ...(source.url ? { url: source.url } : {}),
    ...(source.repo ? { repository: source.repo } : {}),
    ...(source.path ? { path: source.path } : {}),
    ...(source.commit ? { commit: source.commit } : {}),
  };
}

/** The id under which a cited fact appears as a source when one of its values is used as a price. */
function factSourceId(fact: RawFact): string {
  return `fact:${fact.id}`;
}

// ---------------------------------------------------------------------------------------------------
// Instance types, regions, offerings

const ARCH = { x86_64: 'amd64', arm64: 'arm64' } as const;

/** Family, vCPUs, memory, name: sizes of a family in growing order, metal after the size it equals. */
function compareTypes(
  a: { family: string; vcpu: number; memoryGiB: number; name: string },
  b: typeof a,
): number {
  return (
    compareStrings(a.family, b.family) ||
    a.vcpu - b.vcpu ||
    a.memoryGiB - b.memoryGiB ||
    compareStrings(a.name, b.name)
  );
}

function convertInstanceTypes(raw: RawCatalog): CatalogFile['instanceTypes'] {
  const out: CatalogFile['instanceTypes'] = [];
  for (const [name, t] of Object.entries(raw.instanceTypes)) {
    const dot = name.indexOf('.');
    if (dot <= 0) throw new Error(`instance type "${name}" has no family.size form`);
    const allocatable = t.eksAllocatableKarpenterAL2023;
    out.push({
      name,
      family: t.family,
      size: name.slice(dot + 1),
      vcpu: t.vcpu,
      memoryGiB: t.memoryGiB,
      arch: ARCH[t.arch],
      metal: t.metal,
      burstable: t.burstable,
      gpus: t.gpus,
      ...(t.gpuModel !== null ? { gpuModel: t.gpuModel } : {}),
      ...(t.gpuMemoryGiB !== null ? { gpuMemoryGiB: t.gpuMemoryGiB } : {}),
      ...(t.accelerator ? { accelerator: { name: t.accelerator.name, count: t.accelerator.count } } : {}),
      networkGbps: t.networkGbps,
      networkPeakGbps: t.networkPeakGbps,
      enaExpress: t.enaExpress,
      efa: t.efa,
      spotSupported: t.spotSupported,
      ...(allocatable
        ? {
            allocatable: {
              cpu: parseQuantity(need(allocatable, 'cpu', `${name} allocatable`), 'cpu'),
              memoryGiB: parseQuantity(need(allocatable, 'memory', `${name} allocatable`), 'memoryGiB'),
              pods: parseQuantity(need(allocatable, 'pods', `${name} allocatable`), 'count'),
            },
            allocatableSourceId:
              t.eksAllocatableSource ?? fail(`${name} has allocatable figures without a source`),
          }
        : {}),
      sourceId: t.source,
    });
  }
  return out.sort(compareTypes);
}

/** Whether a zone name is its region's code followed by one letter (`us-east-1a`). */
function isZoneOf(zone: string, code: string): boolean {
  return zone.length === code.length + 1 && zone.startsWith(code) && /[a-z]$/.test(zone);
}

function convertRegions(raw: RawCatalog): CatalogFile['regions'] {
  return Object.entries(raw.regions)
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([code, region]) => {
      for (const zone of region.azNames) {
        if (!isZoneOf(zone, code)) {
          throw new Error(`zone "${zone}" of ${code} is not the region code followed by one letter`);
        }
      }
      return {
        code,
        displayName: region.displayName,
        zones: [...region.azNames].sort(compareStrings).map((name) => {
          const id = region.exampleAzNameToId[name];
          return id ? { name, id } : { name };
        }),
        sourceId: region.source,
      };
    });
}

function convertOfferings(raw: RawCatalog, regionCodes: ReadonlySet<string>, typeNames: ReadonlySet<string>) {
  const regions: Record<string, Record<string, string>> = {};
  for (const code of [...regionCodes].sort(compareStrings)) {
    const byType = raw.availabilityByRegion[code] ?? {};
    regions[code] = sortedRecord(
      Object.entries(byType).map(([type, zones]) => {
        if (!typeNames.has(type)) throw new Error(`offerings of ${code} name an unknown type "${type}"`);
        const letters = zones.map((zone) => {
          if (!isZoneOf(zone, code)) {
            throw new Error(`offering of ${type} names zone "${zone}", not a zone of ${code}`);
          }
          return zone.slice(code.length);
        });
        return [type, [...new Set(letters)].sort(compareStrings).join('')] as const;
      }),
    );
  }
  return regions;
}

// ---------------------------------------------------------------------------------------------------
// On-demand prices

interface PriceEntry {
  readonly region: string;
  readonly type: string;
  readonly usd: number;
  readonly sourceId: string;
  readonly confidence: 'high' | 'medium' | 'low';
}

/** Every on-demand price of one raw file, with its source id and confidence. */
function priceEntries(
  prices: z.infer<typeof PriceTable>,
  sources: z.infer<typeof SourceTable>,
  confidences: z.infer<typeof ConfidenceTable>,
  file: string,
): PriceEntry[] {
  const out: PriceEntry[] = [];
  for (const [region, byType] of Object.entries(prices)) {
    for (const [type, usd] of Object.entries(byType)) {
      const sourceId = need(need(sources, region, `${file} onDemandPriceSource`), type, `${file} ${region}`);
      const confidence = need(
        need(confidences, region, `${file} onDemandPriceConfidence`),
        type,
        `${file} ${region}`,
      );
      out.push({ region, type, usd, sourceId, confidence });
    }
  }
  return out;
}

/**
 * us-east-1 from the main file (Karpenter's fresh table), everything else from the regional file; the
 * regional file fills a us-east-1 type only when the main file has no price for it. Prices whose source
 * has no data date are left out (a price must carry its date), and so are 2024 snapshot prices of types
 * whose list price has changed since.
 */
function mergeOnDemand(
  raw: RawCatalog,
  regional: RawRegional,
  regionCodes: ReadonlySet<string>,
  typeNames: ReadonlySet<string>,
  sourcesById: ReadonlyMap<string, RawSource>,
) {
  const main = priceEntries(
    raw.onDemandUsdPerHour,
    raw.onDemandPriceSource,
    raw.onDemandPriceConfidence,
    RAW_CATALOG_FILE,
  );
  const mainKeys = new Set(main.map((e) => `${e.region} ${e.type}`));
  const fromRegional = priceEntries(
    regional.onDemandUsdPerHour,
    regional.onDemandPriceSource,
    regional.onDemandPriceConfidence,
    RAW_REGIONAL_FILE,
  ).filter((e) => !mainKeys.has(`${e.region} ${e.type}`));
  const changedSince2024 = new Set(raw.typesWithListPriceChangeSince2024);

  const kept: PriceEntry[] = [];
  const excluded: CatalogFile['onDemandExcluded'] = [];
  for (const entry of [...main, ...fromRegional]) {
    if (!regionCodes.has(entry.region))
      throw new Error(`on-demand price in unknown region "${entry.region}"`);
    if (!typeNames.has(entry.type)) throw new Error(`on-demand price for unknown type "${entry.type}"`);
    const source = sourcesById.get(entry.sourceId);
    if (!source) throw new Error(`on-demand price of ${entry.type} cites unknown source "${entry.sourceId}"`);
    const day = sourceDay(source);
    if (day === undefined) {
      excluded.push({
        region: entry.region,
        type: entry.type,
        sourceId: entry.sourceId,
        reason: `the only source with a price for it (${entry.sourceId}) states no date for its data, so the price is left out`,
      });
      continue;
    }
    if (day < '2025-01-01' && changedSince2024.has(entry.type)) {
      excluded.push({
        region: entry.region,
        type: entry.type,
        sourceId: entry.sourceId,
        reason: `its list price changed after the ${day} snapshot of ${entry.sourceId}`,
      });
      continue;
    }
    kept.push(entry);
  }

  const groups = new Map<string, CatalogFile['onDemand'][number]>();
  for (const entry of kept) {
    const date = sourceDay(sourcesById.get(entry.sourceId)!)!;
    const key = `${entry.region}\u0000${entry.sourceId}\u0000${entry.confidence}`;
    const group = groups.get(key) ?? {
      region: entry.region,
      sourceId: entry.sourceId,
      date,
      confidence: entry.confidence,
      prices: {},
    };
    group.prices[entry.type] = entry.usd;
    groups.set(key, group);
  }
  const onDemand = [...groups.entries()]
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([, group]) => ({ ...group, prices: sortedRecord(Object.entries(group.prices)) }));
  excluded.sort((a, b) => compareStrings(a.region, b.region) || compareStrings(a.type, b.type));
  return { onDemand, excluded };
}

// ---------------------------------------------------------------------------------------------------
// Service prices, data transfer, facts

/** A fact that says the same value for the same key and region corroborates a price (medium confidence). */
function corroboratingFact(facts: readonly RawFact[], key: string, region: string, usd: number) {
  return facts.find(
    (fact) =>
      fact.key === key &&
      fact.value === usd &&
      (fact.region.startsWith(region) || /^all regions/.test(fact.region)),
  );
}

/** `USD/GB-month` -> `GB-month`; `USD/(MB/s)-month above 125 MB/s baseline` -> unit and "billed above ..." note. */
function splitUnit(raw: string): { unit: string; qualifier?: string } {
  const match = /^USD\/(\S+)(?:\s+\((.+)\)|\s+(.+))?$/.exec(raw);
  if (!match) throw new Error(`cannot read the unit "${raw}"`);
  const qualifier = match[2] ?? match[3];
  return qualifier ? { unit: match[1]!, qualifier } : { unit: match[1]! };
}

function convertServicePrices(raw: RawCatalog, serviceKeys: ReadonlySet<string>, dates: SourceDates) {
  const out: CatalogFile['servicePrices'] = [];
  for (const price of raw.servicePrices) {
    if (!serviceKeys.has(price.key)) throw new Error(`unknown service price key "${price.key}"`);
    const date = isoDay(price.dataDate);
    if (!date) throw new Error(`service price ${price.key} has no data date`);
    const { unit, qualifier } = splitUnit(price.unit);
    const fact = corroboratingFact(raw.facts, price.key, price.region, price.value);
    const notes = [
      qualifier ? `billed ${qualifier}` : undefined,
      fact ? `corroborated by ${fact.citations.map((c) => c.url).join(', ')}` : undefined,
    ].filter((n) => n !== undefined);
    citeSource(dates, price.source, date);
    out.push({
      key: price.key as ServicePriceKey,
      region: price.region,
      usd: price.value,
      unit,
      sourceId: price.source,
      date,
      confidence: fact ? 'medium' : 'low',
      ...(notes.length ? { note: notes.join('; ') } : {}),
      evidence: {
        path: price.path,
        commit: price.fileLastChangedCommit,
        line: cleanEvidence(price.evidenceLine),
        derivation: price.derivation,
        derivedValue: price.rawDerivedValue,
      },
    });
  }
  // Cited facts whose value is a unit price the engines ask for, when no data file gives it.
  for (const fact of raw.facts) {
    if (!serviceKeys.has(fact.key) || typeof fact.value !== 'number') continue;
    if (out.some((p) => p.key === fact.key)) continue;
    const date = firstIsoDay(fact.status);
    if (!date) throw new Error(`fact ${fact.id} is used as a price but states no date`);
    const region = /^all regions/.test(fact.region) ? '*' : fact.region;
    if (region !== '*' && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      throw new Error(`fact ${fact.id} applies to "${fact.region}", not a region code`);
    }
    const { unit, qualifier } = splitUnit(fact.unit);
    out.push({
      key: fact.key as ServicePriceKey,
      region,
      usd: fact.value,
      unit,
      sourceId: factSourceId(fact),
      date,
      // Two independent citations that agree count as corroboration.
      confidence: fact.citations.length >= 2 ? 'medium' : 'low',
      note: qualifier ? `${fact.status}; applies to ${qualifier}` : fact.status,
    });
  }
  return out.sort((a, b) => compareStrings(a.key, b.key) || compareStrings(a.region, b.region));
}

const INTER_AZ_LABEL = 'Intra-region data transfer';
const INTERNET_PREFIX = 'Outbound data transfer to Internet (';
const REGION_PREFIX = 'Outbound data transfer ';
/** Internet egress tiers in billing order, with their cumulative upper bounds in GB (1 TB = 1024 GB). */
const EGRESS_TIERS: readonly { label: string; upToGB?: number }[] = [
  { label: 'first 10TB', upToGB: 10 * 1024 },
  { label: 'next 40TB', upToGB: 50 * 1024 },
  { label: 'next 100TB', upToGB: 150 * 1024 },
  { label: 'over 150TB' },
];

/** An evidence line of a golden file without its tree-drawing prefix and padding. */
function cleanEvidence(line: string): string {
  return line
    .replace(/^[\s└├─│]+/u, '')
    .replace(/\s+\*$/, '')
    .replace(/\s+/g, ' ');
}

function convertDataTransfer(raw: RawCatalog, regionCodes: ReadonlySet<string>, dates: SourceDates) {
  const dt = raw.dataTransfer;
  const date = isoDay(dt.dataDate);
  if (!date) throw new Error('dataTransfer has no data date');
  citeSource(dates, dt.source, date);
  const interAzFact = raw.facts.find((f) => f.key === 'dataTransfer.interAZ.perGBEachDirection');
  const regions: Record<string, CatalogFile['dataTransfer']['regions'][string]> = {};
  for (const code of [...regionCodes].sort(compareStrings)) {
    const lines = dt.regions[code];
    if (!lines) continue;
    const interAz = need(lines, INTER_AZ_LABEL, `dataTransfer ${code}`);
    const corroborated =
      interAzFact !== undefined &&
      interAzFact.value === interAz.usdPerGB &&
      interAzFact.region.startsWith(code);
    const tiers: CatalogFile['dataTransfer']['regions'][string]['internetEgress'] = [];
    const interRegion: CatalogFile['dataTransfer']['regions'][string]['interRegion'] = [];
    for (const [label, line] of Object.entries(lines)) {
      if (label === INTER_AZ_LABEL) continue;
      if (label.startsWith(INTERNET_PREFIX)) {
        const tier = label.slice(INTERNET_PREFIX.length, -1);
        if (!EGRESS_TIERS.some((t) => t.label === tier)) throw new Error(`unknown egress tier "${label}"`);
      } else if (label.startsWith(REGION_PREFIX)) {
        interRegion.push({
          label: label.slice(REGION_PREFIX.length),
          usdPerGB: line.usdPerGB,
          evidence: cleanEvidence(line.evidenceLine),
        });
      } else {
        throw new Error(`unknown data transfer line "${label}" in ${code}`);
      }
    }
    let note: string | undefined;
    for (const tier of EGRESS_TIERS) {
      const line = lines[`${INTERNET_PREFIX}${tier.label})`];
      if (!line) {
        const from = tiers.at(-1)?.upToGB ?? 0;
        note = `the source prices no internet egress beyond ${from} GB a month in ${code} (the "${tier.label}" tier and above)`;
        break;
      }
      tiers.push({
        label: tier.label,
        ...(tier.upToGB !== undefined ? { upToGB: tier.upToGB } : {}),
        usdPerGB: line.usdPerGB,
        evidence: cleanEvidence(line.evidenceLine),
      });
    }
    regions[code] = {
      interAz: {
        usdPerGB: interAz.usdPerGB,
        confidence: corroborated ? 'medium' : 'low',
        note:
          'charged in each direction, so a GB moved between zones costs twice this' +
          (corroborated && interAzFact ? `; corroborated by ${interAzFact.citations[0]!.url}` : ''),
        evidence: cleanEvidence(interAz.evidenceLine),
      },
      internetEgress: tiers,
      interRegion: interRegion.sort((a, b) => compareStrings(a.label, b.label)),
      note: `${note ? `${note}; ` : ''}the AWS free tier (100 GB a month) is not deducted`,
    };
  }
  return {
    sourceId: dt.source,
    date,
    path: dt.path,
    commit: dt.fileLastChangedCommit,
    derivation: dt.derivation,
    regions,
  };
}

function convertFacts(raw: RawCatalog): CatalogFile['facts'] {
  return raw.facts
    .map((fact) => {
      const date = firstIsoDay(fact.status);
      return {
        id: fact.id,
        key: fact.key,
        value: fact.value,
        unit: fact.unit,
        region: fact.region,
        status: fact.status,
        ...(fact.note ? { note: fact.note } : {}),
        ...(date ? { date } : {}),
        // Only the original address: the raw data's "stored copy" links point at mirrors.
        citations: fact.citations.map((c) => ({ url: c.url, excerpt: c.excerpt })),
      };
    })
    .sort((a, b) => compareStrings(a.id, b.id));
}

// ---------------------------------------------------------------------------------------------------
// The build

/** The catalog file as data: validated against the loader's schema before it is written. */
export function buildCatalogData(rawCatalog: unknown, rawRegional: unknown): CatalogFile {
  const raw = parseRaw(RawCatalog, rawCatalog, RAW_CATALOG_FILE);
  const regional = parseRaw(RawRegional, rawRegional, RAW_REGIONAL_FILE);

  const rawSources = [...raw.sources, ...regional.sources];
  const sourcesById = new Map<string, RawSource>();
  for (const source of rawSources) {
    if (sourcesById.has(source.id)) throw new Error(`source id "${source.id}" appears twice`);
    sourcesById.set(source.id, source);
  }

  const regions = convertRegions(raw);
  const regionCodes = new Set(regions.map((r) => r.code));
  const instanceTypes = convertInstanceTypes(raw);
  const typeNames = new Set(instanceTypes.map((t) => t.name));
  const { onDemand, excluded } = mergeOnDemand(raw, regional, regionCodes, typeNames, sourcesById);

  const dates: SourceDates = new Map();
  const serviceKeys = new Set<string>(Object.keys(SERVICE_PRICE_LABELS));
  const servicePrices = convertServicePrices(raw, serviceKeys, dates);
  const dataTransfer = convertDataTransfer(raw, regionCodes, dates);

  // Zone offerings come from the same source as the regions' zone lists.
  const offeringsSourceIds = new Set(regions.map((r) => r.sourceId));
  if (offeringsSourceIds.size !== 1) throw new Error('regions cite more than one source for their zones');
  const offeringsSource = sourceById(sourcesById, [...offeringsSourceIds][0]!);
  const spotSource = sourceById(sourcesById, raw.spotAdvisor.source);
  const spotRegions: CatalogFile['spot']['regions'] = {};
  for (const code of [...regionCodes].sort(compareStrings)) {
    const byType = raw.spotAdvisor.regions[code];
    if (!byType) continue;
    spotRegions[code] = sortedRecord(
      Object.entries(byType).map(([type, figures]) => {
        if (!typeNames.has(type)) throw new Error(`Spot Advisor names an unknown type "${type}"`);
        return [type, [figures.savingsPctVsOnDemand, figures.interruptionFrequency]] as const;
      }),
    );
  }

  const factSources = raw.facts
    .filter((fact) => servicePrices.some((p) => p.sourceId === factSourceId(fact)))
    .map((fact) => ({
      id: factSourceId(fact),
      description: `Cited fact "${fact.key}": ${fact.status}.`,
      dataDate: firstIsoDay(fact.status)!,
      licence: 'Short excerpts of public web pages, quoted for attribution; no licence is granted by them.',
      url: fact.citations[0]!.url,
    }));
  const sources = [
    ...rawSources.map((source) => convertSource(source, dates.get(source.id))),
    ...factSources,
  ].sort((a, b) => compareStrings(a.id, b.id));

  const metalNote =
    'shared-tenancy price; AWS also lists a dedicated-tenancy SKU for this bare-metal type that costs 6-10% more';
  const onDemandNotes = sortedRecord(
    raw.metalTypesWithDedicatedSkuDiff.filter((t) => typeNames.has(t)).map((t) => [t, metalNote] as const),
  );

  const data: CatalogFile = {
    format: CATALOG_FORMAT,
    formatVersion: CATALOG_FORMAT_VERSION,
    id: CATALOG_ID,
    currency: 'USD',
    generatedAt: raw.generatedAt,
    builtFrom: [
      { file: RAW_CATALOG_FILE, schemaVersion: raw.schemaVersion, generatedAt: raw.generatedAt },
      { file: RAW_REGIONAL_FILE, schemaVersion: regional.schemaVersion },
    ],
    licenceNotice:
      'Prices from sparecores-2024 are derived from Spare Cores (https://sparecores.com) data and stay under ' +
      'CC BY-SA 4.0; see resources/catalog/LICENSES.md for every source, its licence and attribution. ' +
      regional.license,
    conventions: {
      ...raw.conventions,
      catalogLayout:
        'onDemand groups prices of one region by source, date and confidence; offerings give zone letters; ' +
        'spot gives [savings %, interruption bucket]; a price that is absent is missing, never 0',
      serviceConfidence:
        'service and data transfer prices: medium when a second, independent cited source gives the same value ' +
        'for that region, low otherwise',
    },
    sources,
    regions,
    instanceTypes,
    offerings: {
      sourceId: offeringsSource.id,
      date: sourceDay(offeringsSource) ?? fail('moto-offerings has no data date'),
      regions: convertOfferings(raw, regionCodes, typeNames),
    },
    onDemand,
    onDemandExcluded: excluded,
    onDemandNotes,
    spot: {
      sourceId: spotSource.id,
      date: sourceDay(spotSource) ?? fail('the Spot Advisor source has no data date'),
      note: raw.spotAdvisor.note,
      regions: spotRegions,
    },
    servicePrices,
    dataTransfer,
    facts: convertFacts(raw),
  };
  const checked = CatalogFileSchema.safeParse(data);
  if (!checked.success) {
    throw new Error(`the built catalog does not match its schema: ${checked.error.issues[0]?.message}`);
  }
  return data;
}

function sourceById(sources: ReadonlyMap<string, RawSource>, id: string): RawSource {
  return sources.get(id) ?? fail(`no source with id "${id}"`);
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * JSON with sorted keys and a stable layout: a value goes on one line when its compact form is at most
 * `width` characters, otherwise one line per entry. So one instance type, one price or one offering is one
 * line (a refresh shows as a readable diff) without the size of fully indented JSON.
 */
export function stableJson(value: unknown, width = 400): string {
  const compact = (node: unknown): string => {
    if (node === null || typeof node !== 'object') {
      if (typeof node === 'number' && !Number.isFinite(node)) throw new Error('non-finite number in catalog');
      return JSON.stringify(node);
    }
    if (Array.isArray(node)) return `[${node.map(compact).join(',')}]`;
    return `{${entriesOf(node)
      .map(([key, item]) => `${JSON.stringify(key)}:${compact(item)}`)
      .join(',')}}`;
  };
  const write = (node: unknown, indent: string): string => {
    const flat = compact(node);
    if (flat.length <= width || node === null || typeof node !== 'object') return flat;
    const inner = `${indent} `;
    if (Array.isArray(node))
      return `[\n${inner}${node.map((item) => write(item, inner)).join(`,\n${inner}`)}\n${indent}]`;
    const items = entriesOf(node).map(([key, item]) => `${JSON.stringify(key)}:${write(item, inner)}`);
    return `{\n${inner}${items.join(`,\n${inner}`)}\n${indent}}`;
  };
  return `${write(value, '')}\n`;
}

/** The defined entries of an object, keys in code-unit order. */
function entriesOf(node: object): [string, unknown][] {
  return Object.entries(node)
    .filter(([, item]) => item !== undefined)
    .sort((a, b) => compareStrings(a[0], b[0]));
}

/** The text of resources/catalog/aws.json built from the two raw files (already parsed from JSON). */
export function buildCatalog(rawCatalog: unknown, rawRegional: unknown): string {
  return stableJson(buildCatalogData(rawCatalog, rawRegional));
}

/** The text of resources/catalog/LICENSES.md: every source with its licence, attribution and use. */
export function buildLicenses(rawCatalog: unknown, rawRegional: unknown): string {
  const data = buildCatalogData(rawCatalog, rawRegional);
  const used = new Map<string, string[]>();
  const use = (id: string, what: string) => {
    const list = used.get(id) ?? [];
    if (!list.includes(what)) list.push(what);
    used.set(id, list);
  };
  for (const t of data.instanceTypes) {
    use(t.sourceId, 'instance type specifications');
    if (t.allocatableSourceId) use(t.allocatableSourceId, 'EKS allocatable CPU, memory and pods');
  }
  for (const r of data.regions) use(r.sourceId, 'regions and zones');
  use(data.offerings.sourceId, 'zone offerings per instance type');
  for (const g of data.onDemand) use(g.sourceId, 'on-demand prices');
  use(data.spot.sourceId, 'spot savings and interruption frequency');
  for (const p of data.servicePrices) use(p.sourceId, 'service unit prices');
  use(data.dataTransfer.sourceId, 'data transfer prices');
  const useOf = (id: string) => {
    const list = used.get(id);
    if (list) return list.join('; ');
    const left = data.onDemandExcluded.filter((e) => e.sourceId === id).length;
    return left > 0 ? `nothing: its ${left} prices state no date for their data and are left out` : 'nothing';
  };

  const spareCores = data.onDemand.filter((g) => g.sourceId === 'sparecores-2024');
  const spareCoresPrices = spareCores.reduce((n, g) => n + Object.keys(g.prices).length, 0);
  const unclear = data.sources.filter((s) => /^UNCLEAR/i.test(s.licence) && used.has(s.id));

  const lines = [
    '# Licences and attribution of the AWS catalog',
    '',
    'Generated by `npm run catalog:build` together with `aws.json`; do not edit by hand.',
    '',
    '`aws.json` is assembled from the public sources below. Each value in it keeps the id of its source and',
    'the date of its data, and the app shows them next to every estimate.',
    '',
    '## Spare Cores data (CC BY-SA 4.0)',
    '',
    `The ${spareCoresPrices} on-demand prices in \`aws.json\` whose source is \`sparecores-2024\` (in ${new Set(spareCores.map((g) => g.region)).size}`,
    'regions) are derived from data of [Spare Cores](https://sparecores.com) (SpareCores/sc-data), licensed',
    'under [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/). Those prices remain under CC BY-SA',
    '4.0: whoever adapts or redistributes them must credit Spare Cores (https://sparecores.com), link the',
    'licence and share their adaptation under the same licence. The other values in `aws.json` are not Spare',
    'Cores data.',
    '',
  ];
  if (unclear.length > 0) {
    lines.push(
      '## Sources whose licence is unclear',
      '',
      'These sources publish no licence file. The values taken from them are AWS list prices as those',
      'catalogs collected them, attributed below; their licence should be confirmed with their authors.',
      '',
      ...unclear.map((s) => `- \`${s.id}\`: ${useOf(s.id)}`),
      '',
    );
  }
  lines.push('## Sources', '');
  for (const source of data.sources) {
    lines.push(`### \`${source.id}\``, '');
    lines.push(`- Licence: ${source.licence}`);
    if (source.repository) {
      const where = source.path ? `, \`${source.path}\`` : '';
      const commit = source.commit ? ` at commit \`${source.commit}\`` : '';
      lines.push(`- Attribution: ${source.repository}${where}${commit}`);
    }
    if (source.url) lines.push(`- Address: <${source.url}>`);
    lines.push(`- Data date: ${source.dataDate}`);
    lines.push(`- Used for: ${useOf(source.id)}`);
    lines.push('');
  }
  lines.push(
    '## The code',
    '',
    'The code that builds and reads the catalog is part of Topology Designer and is licensed Apache-2.0.',
    '',
  );
  return lines.join('\n');
}

/** Reads the two raw files from a data directory. */
export function readRawData(dataDir: string): { rawCatalog: unknown; rawRegional: unknown } {
  const read = (file: string): unknown => {
    const full = path.join(dataDir, file);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${full}: ${(error as Error).message}`, { cause: error });
    }
    return JSON.parse(text);
  };
  return { rawCatalog: read(RAW_CATALOG_FILE), rawRegional: read(RAW_REGIONAL_FILE) };
}
