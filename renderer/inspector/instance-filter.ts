// The instance type picker's logic without React: which of the catalog's types pass the filters, in what
// order, and what each row shows — its on-demand price in the element's region (or why there is none:
// a missing price is never shown as 0) and the region's zones that offer it.
import type { Catalog, InstanceTypeInfo, PriceAnswer } from '../../shared/catalog/types';
import { compareStrings } from '../../shared/util/text';

export interface InstanceFilter {
  /** Words the type name must contain (e.g. `c6in` or `metal`). */
  readonly search: string;
  /** Instance family, e.g. `m6i`; empty for any. */
  readonly family: string;
  readonly minVcpu: number | undefined;
  readonly minMemoryGiB: number | undefined;
  /** `any`, `none` (no GPU), `yes` (any GPU) or a GPU model such as `A100`. */
  readonly gpu: string;
  readonly minNetworkGbps: number | undefined;
  readonly metalOnly: boolean;
  /** `any`, `amd64` or `arm64`. */
  readonly arch: string;
}

export const NO_FILTER: InstanceFilter = {
  search: '',
  family: '',
  minVcpu: undefined,
  minMemoryGiB: undefined,
  gpu: 'any',
  minNetworkGbps: undefined,
  metalOnly: false,
  arch: 'any',
};

export type InstanceSort = 'name' | 'price' | 'vcpu' | 'memory';

/** How many rows the picker draws at once; the rest is reached by narrowing the filters. */
export const ROW_LIMIT = 100;

export function matchesFilter(type: InstanceTypeInfo, filter: InstanceFilter): boolean {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.every((word) => type.name.includes(word))) return false;
  if (filter.family && type.family !== filter.family) return false;
  if (filter.minVcpu !== undefined && type.vcpu < filter.minVcpu) return false;
  if (filter.minMemoryGiB !== undefined && type.memoryGiB < filter.minMemoryGiB) return false;
  if (filter.minNetworkGbps !== undefined && type.networkGbps < filter.minNetworkGbps) return false;
  if (filter.metalOnly && !type.metal) return false;
  if (filter.arch !== 'any' && type.arch !== filter.arch) return false;
  if (filter.gpu === 'none' && type.gpus > 0) return false;
  if (filter.gpu === 'yes' && type.gpus === 0) return false;
  if (filter.gpu !== 'any' && filter.gpu !== 'none' && filter.gpu !== 'yes' && type.gpuModel !== filter.gpu)
    return false;
  return true;
}

/** A row of the picker: the type, its price in the region and the region's zones that offer it. */
export interface InstanceRow {
  readonly type: InstanceTypeInfo;
  readonly price: PriceAnswer;
  /** AZ names of the region that offer the type. */
  readonly zones: readonly string[];
}

export function instanceRow(
  catalog: Catalog,
  regionCode: string | undefined,
  type: InstanceTypeInfo,
): InstanceRow {
  return {
    type,
    price:
      regionCode === undefined
        ? { status: 'missing', reason: 'the element has no region' }
        : catalog.onDemandPrice(regionCode, type.name),
    zones: regionCode === undefined ? [] : catalog.zonesOffering(regionCode, type.name),
  };
}

const SIZE_ORDER = (type: InstanceTypeInfo) => type.vcpu * 1000 + type.memoryGiB;

function compareRows(sort: InstanceSort) {
  return (a: InstanceRow, b: InstanceRow): number => {
    if (sort === 'price') {
      const pa = a.price.status === 'priced' ? a.price.usd : Number.POSITIVE_INFINITY;
      const pb = b.price.status === 'priced' ? b.price.usd : Number.POSITIVE_INFINITY;
      if (pa !== pb) return pa - pb;
    } else if (sort === 'vcpu') {
      if (a.type.vcpu !== b.type.vcpu) return a.type.vcpu - b.type.vcpu;
    } else if (sort === 'memory') {
      if (a.type.memoryGiB !== b.type.memoryGiB) return a.type.memoryGiB - b.type.memoryGiB;
    }
    return (
      compareStrings(a.type.family, b.type.family) ||
      SIZE_ORDER(a.type) - SIZE_ORDER(b.type) ||
      compareStrings(a.type.name, b.type.name)
    );
  };
}

/** Every type that passes the filters, as rows in the chosen order. */
export function filterInstances(
  catalog: Catalog,
  regionCode: string | undefined,
  filter: InstanceFilter,
  sort: InstanceSort = 'name',
): InstanceRow[] {
  return catalog
    .instanceTypes()
    .filter((type) => matchesFilter(type, filter))
    .map((type) => instanceRow(catalog, regionCode, type))
    .sort(compareRows(sort));
}

/** The families and GPU models the catalog has, for the filter selects. */
export function filterChoices(catalog: Catalog): { families: string[]; gpuModels: string[] } {
  const families = new Set<string>();
  const gpuModels = new Set<string>();
  for (const type of catalog.instanceTypes()) {
    families.add(type.family);
    if (type.gpuModel) gpuModels.add(type.gpuModel);
  }
  return { families: [...families].sort(compareStrings), gpuModels: [...gpuModels].sort(compareStrings) };
}

/** An hourly price as the picker shows it: `$0.192/h`, or `no price`. */
export function hourlyPrice(price: PriceAnswer): string {
  if (price.status !== 'priced') return 'no price';
  const digits = price.usd < 1 ? 4 : price.usd < 10 ? 3 : 2;
  return `$${price.usd.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '')}/h`;
}
