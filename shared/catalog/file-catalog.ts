// The catalog the engines read, built from a catalog file that has been checked (catalog.ts
// `createCatalog`, or at build time for the shipped one): every lookup is a Map hit; every answer carries its
// source id and the date of its data, or says in words a user can read why there is no price. A missing
// price is never 0, and no price is copied from one region to another. Kept apart from the file schema and
// its checks, so that the app, which only ever reads the shipped file, does not build them at start.
import { didYouMean } from '../util/text';
import type { CatalogFile } from './catalog-file';
import { SERVICE_PRICE_LABELS } from './service-prices';
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

/** Checked override prices (catalog.ts `CatalogOverrides`, with every list present). */
export interface Overrides {
  readonly sources: readonly CatalogSource[];
  readonly onDemand: Readonly<Record<string, Readonly<Record<string, PriceFound>>>>;
  readonly servicePrices: Readonly<Record<string, Readonly<Partial<Record<ServicePriceKey, PriceFound>>>>>;
}

const NO_OVERRIDES: Overrides = { sources: [], onDemand: {}, servicePrices: {} };

/**
 * Builds the catalog the app ships with (resources/catalog/aws.json, bundled into the renderer) without
 * checking it again: that file is checked in full (schema and references) when `npm run catalog:build`
 * writes it, and by every test run that loads it (shared/test-support/catalog.ts), while the schema would
 * cost the app a tenth of its start-up and the references another 30-70 ms. Any other catalog goes through
 * `createCatalog`.
 */
export function createShippedCatalog(file: CatalogFile): Catalog {
  return new FileCatalog(file, NO_OVERRIDES);
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

/** A catalog over a checked catalog file and override prices. */
export class FileCatalog implements Catalog {
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
