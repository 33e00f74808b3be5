// A catalog from any catalog file and override prices, checked first: the file against its schema, then
// what the schema cannot check (every source, region, type and zone a value names exists); the catalog
// itself is file-catalog.ts. The app reads only the shipped file, checked when it is built
// (file-catalog.ts `createShippedCatalog`), and does not load this module.
import { z } from 'zod';
import { formatPath } from '../util/text';
import type { CatalogFile } from './catalog-file';
import { CatalogFileSchema } from './catalog-file';
import type { Overrides } from './file-catalog';
import { FileCatalog } from './file-catalog';
import { SERVICE_PRICE_LABELS } from './service-prices';
import type { Catalog, CatalogSource, PriceFound, ServicePriceKey } from './types';

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

/** A readable summary of schema problems: the first few with their paths, then how many more. */
function describeProblems(heading: string, issues: z.ZodError['issues']): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message));
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  return `${heading}: ${shown.join('; ')}${more}`;
}

function parseOverrides(overrides: CatalogOverrides | undefined): Overrides {
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
