// The shipped catalog file (resources/catalog/aws.json) as one runtime schema: scripts/catalog-build.ts
// writes it and createCatalog reads it through the same schema, so the two cannot drift apart. The layout
// is compact (prices grouped by region, source and confidence) so that the app parses it quickly, and
// every value keeps the id of its source and the date of its data.
import { z } from 'zod';
import { SERVICE_PRICE_LABELS } from './service-prices';
import type { ServicePriceKey } from './types';

/** Format name that every catalog file carries. */
export const CATALOG_FORMAT = 'topology-designer-catalog';
/** Format version this build writes and reads. */
export const CATALOG_FORMAT_VERSION = 1;

const SERVICE_PRICE_KEYS = Object.keys(SERVICE_PRICE_LABELS) as [ServicePriceKey, ...ServicePriceKey[]];

/** A Spot Advisor interruption bucket, from least to most frequent. */
type InterruptionBucket = '<5%' | '5-10%' | '10-15%' | '15-20%' | '>20%';

const Text = z.string().min(1, 'must not be empty');
/** The date of a source's data; `unknown` only for a source that states none (no price cites one). */
const SourceDate = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}|unknown)$/, 'must be a date YYYY-MM-DD or "unknown"');
const DataDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const Usd = z.number().positive('must be a price above 0');
const Confidence = z.enum(['high', 'medium', 'low']);
const Count = z.number().int('must be a whole number').min(0, 'must be 0 or more');

/**
 * A map from instance type names to small values, checked with a plain loop: zod's per-entry schemas cost
 * tens of milliseconds on the ~5,000 entries of a price table, at every start of the app. Names are
 * checked against the instance types by createCatalog.
 */
function typeMap<T>(isValue: (value: unknown) => value is T, expected: string) {
  return z
    .custom<Record<string, T>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      'must be an object that maps instance type names to values',
    )
    .superRefine((value, ctx) => {
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!isValue(record[key]))
          ctx.addIssue({ code: 'custom', path: [key], message: `must be ${expected}` });
      }
    });
}

const isPrice = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;
const isZoneLetters = (value: unknown): value is string =>
  typeof value === 'string' && /^[a-z]+$/.test(value);
const BUCKETS: ReadonlySet<unknown> = new Set(['<5%', '5-10%', '10-15%', '15-20%', '>20%']);
const isSpotFigures = (value: unknown): value is [number, InterruptionBucket] =>
  Array.isArray(value) &&
  value.length === 2 &&
  Number.isInteger(value[0]) &&
  (value[0] as number) <= 100 &&
  BUCKETS.has(value[1]);

const SourceSchema = z.strictObject({
  id: Text,
  description: Text,
  dataDate: SourceDate,
  licence: Text,
  url: Text.optional(),
  repository: Text.optional(),
  path: Text.optional(),
  commit: Text.optional(),
});

const RegionSchema = z.strictObject({
  code: Text,
  displayName: Text,
  zones: z.array(z.strictObject({ name: Text, id: Text.optional() })).min(1, 'must list at least one zone'),
  sourceId: Text,
});

const InstanceTypeSchema = z.strictObject({
  name: Text,
  family: Text,
  size: Text,
  vcpu: z.number().int('must be a whole number').positive('must be above 0'),
  memoryGiB: z.number().positive('must be above 0'),
  arch: z.enum(['amd64', 'arm64']),
  metal: z.boolean(),
  burstable: z.boolean(),
  gpus: Count,
  gpuModel: Text.optional(),
  gpuMemoryGiB: z.number().positive().optional(),
  accelerator: z.strictObject({ name: Text, count: Count }).optional(),
  networkGbps: z.number().min(0),
  networkPeakGbps: z.number().min(0),
  enaExpress: z.boolean(),
  efa: z.boolean(),
  spotSupported: z.boolean(),
  allocatable: z
    .strictObject({ cpu: z.number().positive(), memoryGiB: z.number().positive(), pods: Count })
    .optional(),
  allocatableSourceId: Text.optional(),
  sourceId: Text,
});

/** Zone offerings: per region, per type, the letters of the zones that offer it (`"abd"`). */
const OfferingsSchema = z.strictObject({
  sourceId: Text,
  date: DataDate,
  regions: z.record(z.string(), typeMap(isZoneLetters, 'zone letters such as "abc"')),
});

/** On-demand prices of one region that share a source, date and confidence. */
const OnDemandGroupSchema = z.strictObject({
  region: Text,
  sourceId: Text,
  date: DataDate,
  confidence: Confidence,
  prices: typeMap(isPrice, 'a price above 0'),
});

/** A price in the raw data that the catalog leaves out, and why. */
const ExcludedPriceSchema = z.strictObject({
  region: Text,
  type: Text,
  sourceId: Text,
  reason: Text,
});

/**
 * Spot Advisor figures: per region, per type, `[savings percent, interruption bucket]`. A negative saving
 * (spot above on-demand) is kept as the source states it.
 */
const SpotSchema = z.strictObject({
  sourceId: Text,
  date: DataDate,
  note: Text,
  regions: z.record(
    z.string(),
    typeMap(isSpotFigures, '[savings percent (at most 100), interruption bucket such as "<5%"]'),
  ),
});

const EvidenceSchema = z.strictObject({
  path: Text,
  commit: Text,
  line: Text,
  derivation: Text,
  derivedValue: z.number(),
});

/** A unit price of a service; `region` is a region code, or `*` when the source says it is the same everywhere. */
const ServicePriceSchema = z.strictObject({
  key: z.enum(SERVICE_PRICE_KEYS),
  region: Text,
  usd: Usd,
  unit: Text,
  sourceId: Text,
  date: DataDate,
  confidence: Confidence,
  note: Text.optional(),
  evidence: EvidenceSchema.optional(),
});

const DataTransferRegionSchema = z.strictObject({
  interAz: z.strictObject({ usdPerGB: Usd, confidence: Confidence, note: Text, evidence: Text }),
  internetEgress: z.array(
    z.strictObject({
      label: Text,
      upToGB: z.number().int().positive().optional(),
      usdPerGB: Usd,
      evidence: Text,
    }),
  ),
  interRegion: z.array(z.strictObject({ label: Text, usdPerGB: Usd, evidence: Text })),
  note: Text.optional(),
});

const DataTransferSchema = z.strictObject({
  sourceId: Text,
  date: DataDate,
  path: Text,
  commit: Text,
  derivation: Text,
  regions: z.record(Text, DataTransferRegionSchema),
});

const FactSchema = z.strictObject({
  id: Text,
  key: Text,
  value: z.unknown(),
  unit: Text,
  region: Text,
  status: Text,
  note: Text.optional(),
  date: DataDate.optional(),
  citations: z.array(z.strictObject({ url: Text, excerpt: Text })),
});

/** The whole catalog file. */
export const CatalogFileSchema = z.strictObject({
  format: z.literal(CATALOG_FORMAT),
  formatVersion: z.literal(CATALOG_FORMAT_VERSION),
  id: Text,
  currency: z.literal('USD'),
  generatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T/, 'must be an ISO timestamp'),
  builtFrom: z.array(z.strictObject({ file: Text, schemaVersion: Count, generatedAt: Text.optional() })),
  licenceNotice: Text,
  conventions: z.record(Text, Text),
  sources: z.array(SourceSchema).min(1, 'must list the sources'),
  regions: z.array(RegionSchema).min(1, 'must list at least one region'),
  instanceTypes: z.array(InstanceTypeSchema),
  offerings: OfferingsSchema,
  onDemand: z.array(OnDemandGroupSchema),
  onDemandExcluded: z.array(ExcludedPriceSchema),
  onDemandNotes: z.record(Text, Text),
  spot: SpotSchema,
  servicePrices: z.array(ServicePriceSchema),
  dataTransfer: DataTransferSchema,
  facts: z.array(FactSchema),
});

/** The catalog file as the builder writes it and the loader reads it. */
export type CatalogFile = z.infer<typeof CatalogFileSchema>;
