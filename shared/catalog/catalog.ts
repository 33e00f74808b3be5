// The price and capacity catalog the engines read, built once from the shipped catalog file. Every lookup
// is a Map hit; every answer carries its source id and the date of its data, or says in words a user can
// read why there is no price. A missing price is never 0, and no price is copied from one region to another.
import { z } from 'zod';
import { didYouMean, formatPath } from '../util/text';
import type { CatalogFile } from './catalog-file';
import { CatalogFileSchema, SERVICE_PRICE_LABELS } from './catalog-file';
import type {
  Catalog,
  CatalogFact,
  CatalogRegion,
  CatalogSource,
  DataTransferPrices,
  InstanceTypeInfo,
  PriceAnswer,
  PriceFound,
  PriceMissing,
  ServicePriceKey,
  SpotAnswer,
} from './types';

/** Prices that take precedence over the catalog's own, e.g. from an AWS Price List file the user imported. */
export interface CatalogOverrides {
  /** Sources that the override prices cite (with the date of their data); ids must be new. */
  readonly sources?: readonly CatalogSource[];
  /** On-demand prices per instance-hour, by region code and then instance type name. */
  readonly onDemand?: Readonly<Record<string, Readonly<Record<string, PriceFound>>>>;
  /** Service unit prices, by region code and then key. */
  readonly servicePrices?: Readonly<Record<string, Readonly<Partial<Record<ServicePriceKey, PriceFound>>>>>;
}

const OverridePrice = z.strictObject({
  status: z.literal('priced'),
  usd: z.number().min(0, 'must be 0 or more'),
  unit: z.string().min(1),
  sourceId: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  confidence: z.enum(['high', 'medium', 'low']),
  note: z.string().optional(),
});
const OverridesSchema = z.strictObject({
  sources: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        description: z.string().min(1),
        dataDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
        licence: z.string().min(1),
        url: z.string().optional(),
        repository: z.string().optional(),
        path: z.string().optional(),
        commit: z.string().optional(),
      }),
    )
    .optional(),
  onDemand: z.record(z.string(), z.record(z.string(), OverridePrice)).optional(),
  servicePrices: z
    .record(
      z.string(),
      z.partialRecord(z.enum(Object.keys(SERVICE_PRICE_LABELS) as [ServicePriceKey]), OverridePrice),
    )
    .optional(),
});

/** Builds the catalog from the parsed JSON of a catalog file; throws an Error that names the bad field. */
export function createCatalog(data: unknown, overrides?: CatalogOverrides): Catalog {
  const parsed = CatalogFileSchema.safeParse(data);
  if (!parsed.success)
    throw new Error(describeProblems('the catalog file is not valid', parsed.error.issues));
  const file = parsed.data;
  const extra = parseOverrides(overrides);
  checkReferences(file, extra);
  return new FileCatalog(file, extra);
}

/**
 * Builds the catalog the app ships with (resources/catalog/aws.json, bundled into the renderer) without
 * checking it again: that file is checked in full (schema and references) when `npm run catalog:build`
 * writes it, and by every test run that loads it (shared/test-support/catalog.ts), while the schema would
 * cost the app a tenth of its start-up and the references another 30-70 ms. Any other catalog goes through
 * `createCatalog`.
 */
export function createShippedCatalog(file: CatalogFile): Catalog {
  return new FileCatalog(file, parseOverrides(undefined));
}

/** A readable summary of schema problems: the first few with their paths, then how many more. */
function describeProblems(heading: string, issues: z.ZodError['issues']): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message));
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  return `${heading}: ${shown.join('; ')}${more}`;
}

function parseOverrides(overrides: CatalogOverrides | undefined) {
  if (overrides === undefined) return { sources: [], onDemand: {}, servicePrices: {} };
  const parsed = OverridesSchema.safeParse(overrides);
  if (!parsed.success)
    throw new Error(describeProblems('the price overrides are not valid', parsed.error.issues));
  return {
    sources: parsed.data.sources ?? [],
    onDemand: parsed.data.onDemand ?? {},
    servicePrices: parsed.data.servicePrices ?? {},
  };
}

type Overrides = ReturnType<typeof parseOverrides>;

/** Checks what the schema cannot: that every source, region, type and zone a value names exists. */
function checkReferences(file: CatalogFile, overrides: Overrides): void {
  const problems: string[] = [];
  const sourceIds = new Set<string>();
  for (const [i, source] of file.sources.entries()) {
    if (sourceIds.has(source.id)) problems.push(`sources[${i}].id: "${source.id}" appears twice`);
    sourceIds.add(source.id);
  }
  const cite = (where: string, id: string) => {
    if (!sourceIds.has(id)) problems.push(`${where}: names the source "${id}", which the file does not list`);
  };
  const zoneLetters = new Map<string, Set<string>>();
  for (const [i, region] of file.regions.entries()) {
    if (zoneLetters.has(region.code)) problems.push(`regions[${i}].code: "${region.code}" appears twice`);
    zoneLetters.set(region.code, new Set(region.zones.map((zone) => zone.name.slice(region.code.length))));
    for (const [j, zone] of region.zones.entries()) {
      if (zone.name.length !== region.code.length + 1 || !zone.name.startsWith(region.code)) {
        problems.push(`regions[${i}].zones[${j}].name: "${zone.name}" is not ${region.code} and a letter`);
      }
    }
    cite(`regions[${i}].sourceId`, region.sourceId);
  }
  const types = new Set<string>();
  for (const [i, type] of file.instanceTypes.entries()) {
    if (types.has(type.name)) problems.push(`instanceTypes[${i}].name: "${type.name}" appears twice`);
    types.add(type.name);
    cite(`instanceTypes[${i}].sourceId`, type.sourceId);
    if (type.allocatableSourceId) cite(`instanceTypes[${i}].allocatableSourceId`, type.allocatableSourceId);
  }
  const region = (where: string, code: string) => {
    if (!zoneLetters.has(code)) problems.push(`${where}: unknown region "${code}"`);
  };
  // Loops over thousands of entries test `types.has` before calling this, so that the `where` text is
  // built only for a problem.
  const type = (where: string, name: string) => {
    if (!types.has(name)) problems.push(`${where}: unknown instance type "${name}"`);
  };

  cite('offerings.sourceId', file.offerings.sourceId);
  for (const [code, byType] of Object.entries(file.offerings.regions)) {
    region(`offerings.regions`, code);
    const letters = zoneLetters.get(code);
    for (const name in byType) {
      const zones = byType[name]!;
      if (!types.has(name)) type(`offerings.regions.${code}`, name);
      for (const letter of zones) {
        if (letters && !letters.has(letter)) {
          problems.push(`offerings.regions.${code}["${name}"]: ${code} has no zone "${letter}"`);
        }
      }
    }
  }
  const priced = new Map<string, Set<string>>();
  for (const [i, group] of file.onDemand.entries()) {
    region(`onDemand[${i}].region`, group.region);
    cite(`onDemand[${i}].sourceId`, group.sourceId);
    const inRegion = priced.get(group.region) ?? new Set<string>();
    priced.set(group.region, inRegion);
    for (const name of Object.keys(group.prices)) {
      if (!types.has(name)) type(`onDemand[${i}].prices`, name);
      if (inRegion.has(name))
        problems.push(`onDemand[${i}].prices: ${name} is priced twice in ${group.region}`);
      inRegion.add(name);
    }
  }
  for (const [i, excluded] of file.onDemandExcluded.entries()) {
    region(`onDemandExcluded[${i}].region`, excluded.region);
    type(`onDemandExcluded[${i}].type`, excluded.type);
    cite(`onDemandExcluded[${i}].sourceId`, excluded.sourceId);
  }
  for (const name of Object.keys(file.onDemandNotes)) type('onDemandNotes', name);
  cite('spot.sourceId', file.spot.sourceId);
  for (const [code, byType] of Object.entries(file.spot.regions)) {
    region('spot.regions', code);
    for (const name of Object.keys(byType)) if (!types.has(name)) type(`spot.regions.${code}`, name);
  }
  const services = new Set<string>();
  for (const [i, price] of file.servicePrices.entries()) {
    if (price.region !== '*') region(`servicePrices[${i}].region`, price.region);
    cite(`servicePrices[${i}].sourceId`, price.sourceId);
    const key = `${price.key} ${price.region}`;
    if (services.has(key))
      problems.push(`servicePrices[${i}]: ${price.key} is priced twice for ${price.region}`);
    services.add(key);
  }
  cite('dataTransfer.sourceId', file.dataTransfer.sourceId);
  for (const [code, prices] of Object.entries(file.dataTransfer.regions)) {
    region('dataTransfer.regions', code);
    let previous = 0;
    for (const [j, tier] of prices.internetEgress.entries()) {
      const last = j === prices.internetEgress.length - 1;
      if ((tier.upToGB === undefined && !last) || (tier.upToGB !== undefined && tier.upToGB <= previous)) {
        problems.push(`dataTransfer.regions.${code}.internetEgress[${j}].upToGB: tiers must grow in order`);
      }
      previous = tier.upToGB ?? previous;
    }
  }
  throwProblems('the catalog file is not valid', problems);

  // Override prices cite one of their own sources, a catalog source, or `override:<id>` (a document's own).
  const overrideProblems: string[] = [];
  const overrideSources = new Set<string>();
  for (const [i, source] of overrides.sources.entries()) {
    if (sourceIds.has(source.id) || overrideSources.has(source.id)) {
      overrideProblems.push(`sources[${i}].id: "${source.id}" is already a source`);
    }
    overrideSources.add(source.id);
  }
  const citeOverride = (where: string, id: string) => {
    if (!id.startsWith('override:') && !sourceIds.has(id) && !overrideSources.has(id)) {
      overrideProblems.push(`${where}.sourceId: names the source "${id}", which is not listed`);
    }
  };
  for (const [code, byType] of Object.entries(overrides.onDemand)) {
    for (const [name, price] of Object.entries(byType))
      citeOverride(`onDemand.${code}["${name}"]`, price.sourceId);
  }
  for (const [code, byKey] of Object.entries(overrides.servicePrices)) {
    for (const [key, price] of Object.entries(byKey))
      citeOverride(`servicePrices.${code}["${key}"]`, price.sourceId);
  }
  throwProblems('the price overrides are not valid', overrideProblems);
}

/** Throws one Error that lists the first few problems under a heading, if there are any. */
function throwProblems(heading: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  throw new Error(`${heading}: ${problems.slice(0, 3).join('; ')}${more}`);
}

/** A list of region codes in words, at most four of them. */
function listRegions(codes: readonly string[]): string {
  if (codes.length <= 4) return codes.join(', ');
  return `${codes.slice(0, 4).join(', ')} and ${codes.length - 4} more`;
}

type OnDemandGroup = CatalogFile['onDemand'][number];

/** A Map of a record's entries (without the intermediate pairs of `Object.entries` on large tables). */
function mapOf<T>(record: Readonly<Record<string, T>>): Map<string, T> {
  const map = new Map<string, T>();
  for (const key in record) map.set(key, record[key]!);
  return map;
}

function missing(reason: string): PriceMissing {
  return { status: 'missing', reason };
}

class FileCatalog implements Catalog {
  readonly id: string;
  readonly generatedAt: string;
  readonly currency = 'USD' as const;
  readonly sources: readonly CatalogSource[];
  readonly facts: readonly CatalogFact[];

  /** How reasons name the catalog: `the catalog (aws, 2026-11-21)`. */
  private readonly label: string;
  private readonly sourcesById = new Map<string, CatalogSource>();
  private readonly regionList: readonly CatalogRegion[];
  private readonly regionsByCode = new Map<string, CatalogRegion>();
  private readonly zoneNames = new Map<string, readonly string[]>();
  private readonly typeList: readonly InstanceTypeInfo[];
  private readonly typesByName = new Map<string, InstanceTypeInfo>();
  /** region -> type -> zone letters, turned into names on first use. */
  private readonly offeringLetters = new Map<string, Map<string, string>>();
  private readonly offeringNames = new Map<string, readonly string[]>();
  /** region -> type -> the price group (source, date, confidence) that prices it; answers are made on demand. */
  private readonly onDemand = new Map<string, Map<string, OnDemandGroup>>();
  private readonly onDemandNotes: Readonly<Record<string, string>>;
  private readonly excluded = new Map<string, string>();
  private readonly spotFigures = new Map<string, Map<string, readonly [number, string]>>();
  private readonly spotSource: { readonly id: string; readonly date: string };
  /** key -> region code (or `*`) -> price. */
  private readonly services = new Map<ServicePriceKey, Map<string, PriceFound>>();
  private readonly transfer = new Map<string, DataTransferPrices>();
  private readonly overrideOnDemand: Overrides['onDemand'];
  private readonly overrideServices: Overrides['servicePrices'];

  constructor(file: CatalogFile, overrides: Overrides) {
    this.id = file.id;
    this.generatedAt = file.generatedAt;
    this.label = `the catalog (${file.id}, ${file.generatedAt.slice(0, 10)})`;
    this.sources = Object.freeze([...file.sources, ...overrides.sources].map((s) => Object.freeze(s)));
    for (const source of this.sources) this.sourcesById.set(source.id, source);
    this.facts = Object.freeze(file.facts.map((fact) => Object.freeze(fact as CatalogFact)));

    this.regionList = Object.freeze(
      file.regions.map((region) =>
        Object.freeze({
          code: region.code,
          displayName: region.displayName,
          zones: Object.freeze(region.zones.map((zone) => Object.freeze(zone))),
        }),
      ),
    );
    for (const region of this.regionList) {
      this.regionsByCode.set(region.code, region);
      this.zoneNames.set(region.code, Object.freeze(region.zones.map((zone) => zone.name)));
    }
    this.typeList = Object.freeze(file.instanceTypes.map((type) => Object.freeze(type as InstanceTypeInfo)));
    for (const type of this.typeList) this.typesByName.set(type.name, type);

    for (const [code, byType] of Object.entries(file.offerings.regions)) {
      this.offeringLetters.set(code, mapOf(byType));
    }

    for (const group of file.onDemand) {
      const byType = this.onDemand.get(group.region) ?? new Map<string, OnDemandGroup>();
      this.onDemand.set(group.region, byType);
      for (const name of Object.keys(group.prices)) byType.set(name, group);
    }
    this.onDemandNotes = file.onDemandNotes;
    for (const entry of file.onDemandExcluded)
      this.excluded.set(`${entry.region} ${entry.type}`, entry.reason);

    this.spotSource = { id: file.spot.sourceId, date: file.spot.date };
    for (const [code, byType] of Object.entries(file.spot.regions)) {
      this.spotFigures.set(code, mapOf(byType));
    }

    for (const price of file.servicePrices) {
      const byRegion = this.services.get(price.key) ?? new Map<string, PriceFound>();
      this.services.set(price.key, byRegion);
      byRegion.set(
        price.region,
        Object.freeze({
          status: 'priced',
          usd: price.usd,
          unit: price.unit,
          sourceId: price.sourceId,
          date: price.date,
          confidence: price.confidence,
          ...(price.note ? { note: price.note } : {}),
        }),
      );
    }

    const dt = file.dataTransfer;
    for (const [code, prices] of Object.entries(dt.regions)) {
      this.transfer.set(
        code,
        Object.freeze({
          interAzPerGB: Object.freeze({
            status: 'priced',
            usd: prices.interAz.usdPerGB,
            unit: 'GB',
            sourceId: dt.sourceId,
            date: dt.date,
            confidence: prices.interAz.confidence,
            note: prices.interAz.note,
          }),
          internetEgressTiers: Object.freeze(
            prices.internetEgress.map((tier) =>
              Object.freeze({
                label: tier.label,
                ...(tier.upToGB !== undefined ? { upToGB: tier.upToGB } : {}),
                usdPerGB: tier.usdPerGB,
              }),
            ),
          ),
          interRegion: Object.freeze(
            prices.interRegion.map((rate) => Object.freeze({ label: rate.label, usdPerGB: rate.usdPerGB })),
          ),
          sourceId: dt.sourceId,
          date: dt.date,
          ...(prices.note ? { note: prices.note } : {}),
        }),
      );
    }

    this.overrideOnDemand = overrides.onDemand;
    this.overrideServices = overrides.servicePrices;
  }

  source(id: string): CatalogSource | undefined {
    return this.sourcesById.get(id);
  }

  regions(): readonly CatalogRegion[] {
    return this.regionList;
  }

  region(code: string): CatalogRegion | undefined {
    return this.regionsByCode.get(code);
  }

  instanceType(name: string): InstanceTypeInfo | undefined {
    return this.typesByName.get(name);
  }

  instanceTypes(): readonly InstanceTypeInfo[] {
    return this.typeList;
  }

  zoneNamesOf(regionCode: string): readonly string[] | undefined {
    return this.zoneNames.get(regionCode);
  }

  hasInstanceType(name: string): boolean {
    return this.typesByName.has(name);
  }

  instanceTypeNames(): Iterable<string> {
    return this.typesByName.keys();
  }

  zonesOffering(regionCode: string, typeName: string): readonly string[] {
    const key = `${regionCode} ${typeName}`;
    const cached = this.offeringNames.get(key);
    if (cached) return cached;
    const letters = this.offeringLetters.get(regionCode)?.get(typeName) ?? '';
    const names = Object.freeze([...letters].map((letter) => `${regionCode}${letter}`));
    this.offeringNames.set(key, names);
    return names;
  }

  onDemandPrice(regionCode: string, typeName: string): PriceAnswer {
    const override = this.overrideOnDemand[regionCode]?.[typeName];
    if (override) return override;
    const unknown = this.unknownRegion(regionCode) ?? this.unknownType(typeName);
    if (unknown) return unknown;
    const group = this.onDemand.get(regionCode)?.get(typeName);
    if (group) {
      const note = this.onDemandNotes[typeName];
      return {
        status: 'priced',
        usd: group.prices[typeName]!,
        unit: 'instance-hour',
        sourceId: group.sourceId,
        date: group.date,
        confidence: group.confidence,
        ...(note ? { note } : {}),
      };
    }
    const excluded = this.excluded.get(`${regionCode} ${typeName}`);
    const elsewhere = [...this.onDemand.entries()]
      .filter(([, byType]) => byType.has(typeName))
      .map(([code]) => code)
      .sort();
    const why = excluded
      ? `; ${excluded}`
      : elsewhere.length > 0
        ? `; it has one only for ${listRegions(elsewhere)}`
        : '; none of its sources prices this type in any region';
    return missing(`no on-demand price for ${typeName} in ${regionCode} in ${this.label}${why}`);
  }

  spot(regionCode: string, typeName: string): SpotAnswer {
    const unknown = this.unknownRegion(regionCode) ?? this.unknownType(typeName);
    if (unknown) return unknown;
    if (!this.typesByName.get(typeName)!.spotSupported) {
      return missing(`${typeName} cannot run as a spot instance`);
    }
    const figures = this.spotFigures.get(regionCode)?.get(typeName);
    if (!figures) {
      return missing(
        `no Spot Advisor figures for ${typeName} in ${regionCode} in ${this.label} (${this.spotSource.id}, ${this.spotSource.date})`,
      );
    }
    return {
      status: 'known',
      savingsPct: figures[0],
      interruption: figures[1],
      sourceId: this.spotSource.id,
      date: this.spotSource.date,
    };
  }

  servicePrice(regionCode: string, key: ServicePriceKey): PriceAnswer {
    const override = this.overrideServices[regionCode]?.[key];
    if (override) return override;
    const unknown = this.unknownRegion(regionCode);
    if (unknown) return unknown;
    const byRegion = this.services.get(key);
    const found = byRegion?.get(regionCode) ?? byRegion?.get('*');
    if (found) return found;
    const what = SERVICE_PRICE_LABELS[key] ?? key;
    const elsewhere = [...(byRegion?.keys() ?? [])].sort();
    if (elsewhere.length > 0) {
      return missing(
        `${this.label} has the ${what} price (${key}) only for ${listRegions(elsewhere)}, not for ${regionCode}; ` +
          'AWS prices differ by region, so it is not copied',
      );
    }
    return missing(`${this.label} has no ${what} price (${key}) for any region`);
  }

  dataTransfer(regionCode: string): DataTransferPrices | undefined {
    return this.transfer.get(regionCode);
  }

  private unknownRegion(regionCode: string): PriceMissing | undefined {
    if (this.regionsByCode.has(regionCode)) return undefined;
    const hint = didYouMean(regionCode, this.regionsByCode.keys());
    return missing(
      `${this.label} does not know the region "${regionCode}"${hint ? `; did you mean "${hint}"?` : ''}`,
    );
  }

  private unknownType(typeName: string): PriceMissing | undefined {
    if (this.typesByName.has(typeName)) return undefined;
    const hint = didYouMean(typeName, this.typesByName.keys());
    return missing(
      `${this.label} does not know the instance type "${typeName}"${hint ? `; did you mean "${hint}"?` : ''}`,
    );
  }
}
