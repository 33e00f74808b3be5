// Building blocks of the cost engine: one function that turns a quantity, a unit price and a period into
// a line item (amounts in the report's currency, rounded to the cent, or null with the reason), and the
// per-element result that the engine caches and rolls up.
import type { PriceAnswer, SpotAnswer } from '../catalog/types';
import type { ElementKind } from '../model/elements';
import type { Settings } from '../model/schema';
import type {
  AssumedPrice,
  CostCategory,
  CostLine,
  CostSubcategory,
  MaximumBound,
  SpotEstimate,
} from './types';

/** Rounds an amount to the cent; `toPrecision` first drops binary noise (16.424999... becomes 16.43). */
export function roundCents(amount: number): number {
  return Math.round(Number((amount * 100).toPrecision(12))) / 100;
}

/** Where a line belongs: its element and the region, cluster and pool that contain it. */
export interface LineOwner {
  readonly elementId: string;
  readonly elementKind: ElementKind | 'settings';
  readonly regionId?: string;
  readonly clusterId?: string;
  readonly poolId?: string;
}

/** What a line is made from; `makeLine` prices it. */
export interface LineInput {
  /** Suffix of the line id after the element id, e.g. `spot:m6i.2xlarge`. */
  readonly key: string;
  readonly category: CostCategory;
  readonly subcategory: CostSubcategory;
  readonly description: string;
  readonly quantity: { readonly expected: number; readonly maximum: number; readonly unit: string };
  readonly price: PriceAnswer | AssumedPrice;
  /** Spot lines: the Spot Advisor answer the estimate applies to `price`. */
  readonly spot?: SpotAnswer;
  readonly period: { readonly amount: number; readonly unit: 'hours' | 'months' };
  readonly assumption: string;
  readonly maximumBound?: MaximumBound;
}

/** A priced (or unpriced) line: amount = quantity x unit price x period x exchange rate, per the cent. */
export function makeLine(owner: LineOwner, input: LineInput, settings: Settings): CostLine {
  const price = input.price;
  let expected: number | null = null;
  let maximum: number | null = null;
  let sourceId: string | null = null;
  let date: string | null = null;
  let sourceIds: readonly string[] = [];
  let spot: SpotEstimate | undefined;
  let missingReason: string | undefined;
  if (price.status === 'missing') missingReason = price.reason;
  else if (price.status === 'assumed') {
    const factor = price.amount * input.period.amount;
    expected = roundCents(input.quantity.expected * factor);
    maximum = roundCents(input.quantity.maximum * factor);
  } else if (input.spot?.status === 'missing') missingReason = input.spot.reason;
  else {
    let rate = price.usd;
    if (input.spot) {
      rate = price.usd * (1 - input.spot.savingsPct / 100);
      spot = {
        savingsPct: input.spot.savingsPct,
        interruption: input.spot.interruption,
        usdPerHour: rate,
        sourceId: input.spot.sourceId,
        date: input.spot.date,
      };
    }
    const factor = rate * input.period.amount * settings.usdExchangeRate;
    expected = roundCents(input.quantity.expected * factor);
    maximum = roundCents(input.quantity.maximum * factor);
    sourceId = price.sourceId;
    date = price.date;
    sourceIds = spot ? [price.sourceId, spot.sourceId] : [price.sourceId];
  }
  const line: { -readonly [K in keyof CostLine]: CostLine[K] } = {
    id: `${owner.elementId}:${input.key}`,
    elementId: owner.elementId,
    elementKind: owner.elementKind,
    category: input.category,
    subcategory: input.subcategory,
    description: input.description,
    quantity: input.quantity,
    unitPrice: price,
    period: input.period,
    expected,
    maximum,
    estimate: input.spot !== undefined,
    sourceId,
    date,
    sourceIds,
    assumption: input.assumption,
  };
  if (owner.regionId !== undefined) line.regionId = owner.regionId;
  if (owner.clusterId !== undefined) line.clusterId = owner.clusterId;
  if (owner.poolId !== undefined) line.poolId = owner.poolId;
  if (spot) line.spot = spot;
  if (input.maximumBound) line.maximumBound = input.maximumBound;
  if (missingReason !== undefined) line.missingReason = missingReason;
  return line;
}

/** A mutable running total. */
export interface Sum {
  expected: number;
  maximum: number;
  unpriced: number;
  items: number;
}

/** An empty running total. */
export function emptySum(): Sum {
  return { expected: 0, maximum: 0, unpriced: 0, items: 0 };
}

/** Adds one line to a running total. */
export function addLine(sum: Sum, line: CostLine): void {
  sum.items += 1;
  if (line.expected === null || line.maximum === null) sum.unpriced += 1;
  else {
    sum.expected += line.expected;
    sum.maximum += line.maximum;
  }
}

/** Adds one running total to another. */
export function addSum(into: Sum, from: Sum): void {
  into.expected += from.expected;
  into.maximum += from.maximum;
  into.unpriced += from.unpriced;
  into.items += from.items;
}

/** What the engine keeps for one element: its lines, their totals, the sources they cite. */
export interface ElementCost {
  readonly owner: LineOwner;
  readonly lines: readonly CostLine[];
  readonly total: Sum;
  /** Totals per category, for the categories that have lines, in the order they first occur. */
  readonly byCategory: readonly { readonly category: CostCategory; readonly sum: Sum }[];
  readonly sourceIds: readonly string[];
  /** Internet egress, GB a month, that the region's egress tiers price together with the region's others. */
  readonly egressGB: number;
}

/** Prices the inputs of one element and totals them. */
export function elementCost(
  owner: LineOwner,
  inputs: readonly LineInput[],
  settings: Settings,
  egressGB = 0,
): ElementCost {
  const lines = inputs.map((input) => makeLine(owner, input, settings));
  return summarise(owner, lines, egressGB);
}

/** Totals ready-made lines of one element. */
export function summarise(owner: LineOwner, lines: readonly CostLine[], egressGB = 0): ElementCost {
  const total = emptySum();
  const byCategory: { category: CostCategory; sum: Sum }[] = [];
  const sourceIds = new Set<string>();
  for (const line of lines) {
    addLine(total, line);
    let entry = byCategory.find((e) => e.category === line.category);
    if (!entry) {
      entry = { category: line.category, sum: emptySum() };
      byCategory.push(entry);
    }
    addLine(entry.sum, line);
    for (const id of line.sourceIds) sourceIds.add(id);
  }
  return { owner, lines, total, byCategory, sourceIds: [...sourceIds], egressGB };
}

/** A count for prose and tables: thousands separated, fractions to two decimals (`1,536,000`, `3.02`). */
export function count(value: number): string {
  const text = Number.isInteger(value) ? String(value) : value.toFixed(2);
  const [whole, fraction] = text.split('.') as [string, string?];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A USD unit price for prose, with enough decimals for small prices: `$0.3456`, `$0.005`. */
export function usd(value: number): string {
  return `$${Number(value.toPrecision(6))}`;
}

/** A share for prose: `70%`. */
export function percent(share: number): string {
  return `${Number((share * 100).toPrecision(6))}%`;
}
