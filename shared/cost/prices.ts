// The prices one estimate reads: the catalog, with the document's own price overrides answered first.
// One price book exists per (catalog, overrides list) pair and keeps its identity while neither changes,
// so the per-element caches of the cost engine can check it with `===`.
import type {
  Catalog,
  DataTransferPrices,
  InstanceTypeInfo,
  PriceAnswer,
  PriceFound,
  ServicePriceKey,
  SpotAnswer,
} from '../catalog/types';
import type { NodePool, PriceOverride } from '../model/schema';
import { isServicePriceKey } from '../model/schema';
import { compareStrings } from '../util/text';
import type { UsedSource } from './types';

type Requirements = NonNullable<NodePool['requirements']>;

/** Read access to prices for the cost engine: the catalog's answers, overridden by the document's. */
export class PriceBook {
  private readonly onDemandOverrides = new Map<string, PriceFound>();
  private readonly serviceOverrides = new Map<string, PriceFound>();
  private readonly overrideSources = new Map<string, UsedSource>();
  private readonly candidateCache = new Map<string, readonly InstanceTypeInfo[]>();

  constructor(
    readonly catalog: Catalog,
    overrides: readonly PriceOverride[],
  ) {
    for (const override of overrides) {
      const sourceId = `override:${override.region}/${override.key}`;
      const price: PriceFound = Object.freeze({
        status: 'priced',
        usd: override.usdPerHour ?? override.usd ?? 0,
        unit: override.unit,
        sourceId,
        date: override.date,
        confidence: 'medium',
        note: `entered in the document (settings.priceOverrides): ${override.source}`,
      });
      const key = `${override.region} ${override.key}`;
      if (isServicePriceKey(override.key)) this.serviceOverrides.set(key, price);
      else this.onDemandOverrides.set(key, price);
      this.overrideSources.set(sourceId, {
        id: sourceId,
        description: `${override.key} in ${override.region}: ${override.source}`,
        date: override.date,
        licence: 'entered by the user in the document (settings.priceOverrides)',
      });
    }
  }

  /** On-demand Linux price per instance-hour. */
  onDemand(regionCode: string, typeName: string): PriceAnswer {
    return (
      this.onDemandOverrides.get(`${regionCode} ${typeName}`) ??
      this.catalog.onDemandPrice(regionCode, typeName)
    );
  }

  /** Whether the document itself prices this type in this region. */
  hasOnDemandOverride(regionCode: string, typeName: string): boolean {
    return this.onDemandOverrides.has(`${regionCode} ${typeName}`);
  }

  /** Spot Advisor figures (savings versus on-demand and interruption bucket). */
  spot(regionCode: string, typeName: string): SpotAnswer {
    return this.catalog.spot(regionCode, typeName);
  }

  /** A service unit price. */
  service(regionCode: string, key: ServicePriceKey): PriceAnswer {
    return this.serviceOverrides.get(`${regionCode} ${key}`) ?? this.catalog.servicePrice(regionCode, key);
  }

  /** Data transfer prices of a region, if the catalog has them. */
  dataTransfer(regionCode: string): DataTransferPrices | undefined {
    return this.catalog.dataTransfer(regionCode);
  }

  /** What the catalog knows about an instance type. */
  instanceType(name: string): InstanceTypeInfo | undefined {
    return this.catalog.instanceType(name);
  }

  /** Whether a type can be launched in a region: the catalog lists an offering, or the document prices it. */
  offered(regionCode: string, typeName: string): boolean {
    return (
      this.catalog.zonesOffering(regionCode, typeName).length > 0 ||
      this.hasOnDemandOverride(regionCode, typeName)
    );
  }

  /** Catalog types offered in a region that meet Karpenter-style requirements, by name (cached). */
  candidates(regionCode: string, requirements: Requirements): readonly InstanceTypeInfo[] {
    const key = `${regionCode} ${JSON.stringify(requirements)}`;
    const cached = this.candidateCache.get(key);
    if (cached) return cached;
    const found = this.catalog
      .instanceTypes()
      .filter((type) => meetsRequirements(type, requirements) && this.offered(regionCode, type.name))
      .sort((a, b) => compareStrings(a.name, b.name));
    this.candidateCache.set(key, found);
    return found;
  }

  /** A source that a line cites, as the report lists it. */
  source(id: string): UsedSource | undefined {
    const override = this.overrideSources.get(id);
    if (override) return override;
    const source = this.catalog.source(id);
    if (!source) return undefined;
    return {
      id: source.id,
      description: source.description,
      date: source.dataDate,
      licence: source.licence,
      ...(source.url ? { url: source.url } : {}),
    };
  }
}

/** Whether a type meets every requirement that is given (families, sizes, architectures, vCPU range). */
export function meetsRequirements(type: InstanceTypeInfo, requirements: Requirements): boolean {
  const { families, sizes, architectures, minVcpu, maxVcpu } = requirements;
  if (families?.length && !families.includes(type.family)) return false;
  if (sizes?.length && !sizes.includes(type.size)) return false;
  if (architectures?.length && !architectures.includes(type.arch)) return false;
  if (minVcpu !== undefined && type.vcpu < minVcpu) return false;
  if (maxVcpu !== undefined && type.vcpu > maxVcpu) return false;
  return true;
}

/** Whether requirements constrain anything. */
export function hasRequirements(requirements: Requirements | undefined): requirements is Requirements {
  if (!requirements) return false;
  const { families, sizes, architectures, minVcpu, maxVcpu } = requirements;
  return Boolean(
    families?.length ||
    sizes?.length ||
    architectures?.length ||
    minVcpu !== undefined ||
    maxVcpu !== undefined,
  );
}

const books = new WeakMap<Catalog, PriceBook>();
const booksWithOverrides = new WeakMap<Catalog, WeakMap<readonly PriceOverride[], PriceBook>>();

/** The price book of a catalog and a document's overrides; the same object while neither changes. */
export function priceBook(catalog: Catalog, overrides: readonly PriceOverride[] | undefined): PriceBook {
  if (!overrides || overrides.length === 0) {
    let book = books.get(catalog);
    if (!book) {
      book = new PriceBook(catalog, []);
      books.set(catalog, book);
    }
    return book;
  }
  let byOverrides = booksWithOverrides.get(catalog);
  if (!byOverrides) {
    byOverrides = new WeakMap();
    booksWithOverrides.set(catalog, byOverrides);
  }
  let book = byOverrides.get(overrides);
  if (!book) {
    book = new PriceBook(catalog, overrides);
    byOverrides.set(overrides, book);
  }
  return book;
}
