// The shape of a cost report: line items that each carry their unit price, its source and date and the
// assumption behind them, rolled up by category, region, cluster and pool. Amounts are monthly, in the
// document's currency, rounded to the cent per line; a line without a price has a null amount and says why.
import type { PriceAnswer } from '../catalog/types';
import type { ElementKind } from '../model/elements';

/** What a cost is for, in the order cost tables list them; engineering is kept apart from infrastructure. */
export type CostCategory =
  'compute' | 'controlPlane' | 'storage' | 'loadBalancers' | 'networking' | 'monitoring' | 'engineering';

/** Every category with the label tables show, in display order. */
export const COST_CATEGORIES: readonly { readonly key: CostCategory; readonly label: string }[] = [
  { key: 'compute', label: 'EC2 compute' },
  { key: 'controlPlane', label: 'EKS control plane' },
  { key: 'storage', label: 'Storage (EBS)' },
  { key: 'loadBalancers', label: 'Load balancers' },
  { key: 'networking', label: 'Networking (NAT, data transfer, public IPv4)' },
  { key: 'monitoring', label: 'Monitoring' },
  { key: 'engineering', label: 'Engineering time' },
];

/** The finer kind of a line within its category. */
export type CostSubcategory =
  | 'on-demand'
  | 'spot'
  | 'spot-fallback'
  | 'gpu-on-demand'
  | 'gpu-spot'
  | 'gpu-spot-fallback'
  | 'fleet'
  | 'standard-support'
  | 'extended-support'
  | 'root-volume'
  | 'root-volume-iops'
  | 'root-volume-throughput'
  | 'persistent-volume'
  | 'alb'
  | 'alb-lcu'
  | 'nlb'
  | 'nlb-lcu'
  | 'nat-gateway'
  | 'nat-public-ipv4'
  | 'nat-data'
  | 'inter-az'
  | 'internet-egress'
  | 'public-ipv4'
  | 'per-node'
  | 'per-cluster'
  | 'people';

/** A unit price that is one of the document's own assumptions (a settings value), not a catalog price. */
export interface AssumedPrice {
  readonly status: 'assumed';
  /** In the document's currency (settings amounts are not converted from USD). */
  readonly amount: number;
  readonly currency: string;
  readonly unit: string;
  /** The setting it comes from, e.g. `settings.monitoring.perNodeMonthly`. */
  readonly setting: string;
}

/** How a spot line's price was estimated: on-demand x (1 - savingsPct/100), from Spot Advisor. */
export interface SpotEstimate {
  readonly savingsPct: number;
  /** Spot Advisor interruption bucket, e.g. `5-10%`. */
  readonly interruption: string;
  /** The estimated spot price per instance-hour, USD. */
  readonly usdPerHour: number;
  readonly sourceId: string;
  readonly date: string;
}

/** Which bound set a pool's maximum node count. */
export type MaximumBound = 'nodesPerAz.max' | 'limits.vcpu' | 'limits.memoryGiB';

/** One priced (or unpriceable) item of the monthly cost. */
export interface CostLine {
  /** Unique and stable within a report, e.g. `use1-api-general:spot:m6i.2xlarge`. */
  readonly id: string;
  readonly elementId: string;
  /** The element kind, or `settings` for engineering time. */
  readonly elementKind: ElementKind | 'settings';
  readonly regionId?: string;
  readonly clusterId?: string;
  readonly poolId?: string;
  readonly category: CostCategory;
  readonly subcategory: CostSubcategory;
  readonly description: string;
  /** How many units are billed per period at expected and at maximum scale. */
  readonly quantity: { readonly expected: number; readonly maximum: number; readonly unit: string };
  /** The catalog's answer as is (for spot lines, the on-demand price the estimate starts from). */
  readonly unitPrice: PriceAnswer | AssumedPrice;
  /** Present on spot lines: how the spot price was estimated from `unitPrice`. */
  readonly spot?: SpotEstimate;
  /** The hours (or months) a unit is billed for in a month. */
  readonly period: { readonly amount: number; readonly unit: 'hours' | 'months' };
  /** Monthly amount at expected scale in the report's currency; null when unpriced. */
  readonly expected: number | null;
  /** Monthly amount at maximum scale in the report's currency; null when unpriced. */
  readonly maximum: number | null;
  /** True when the amount rests on an estimated price (spot). */
  readonly estimate: boolean;
  /** Source id of the price (the on-demand source for spot lines), or null when unpriced. */
  readonly sourceId: string | null;
  /** Date of the price data, or null when unpriced or assumed. */
  readonly date: string | null;
  /** Every source the amount rests on (spot lines cite the on-demand source and Spot Advisor). */
  readonly sourceIds: readonly string[];
  /** The rule and the numbers behind the quantity and price, in words. */
  readonly assumption: string;
  /** For pool lines: the bound that set the maximum node count. */
  readonly maximumBound?: MaximumBound;
  /** Why there is no amount; present exactly when the amounts are null. */
  readonly missingReason?: string;
}

/** A sum of line amounts, and whether every line in it was priced. */
export interface CostTotal {
  readonly expected: number;
  readonly maximum: number;
  /** False when at least one line has no price (its amount is not in the sums). */
  readonly complete: boolean;
  /** Number of lines without a price. */
  readonly unpriced: number;
  /** Number of lines. */
  readonly items: number;
}

/** The total of the lines sharing a category, region, cluster or pool. */
export interface CostGroup extends CostTotal {
  /** The category key or element id; null for the lines that belong to no such element. */
  readonly key: string | null;
  readonly label: string;
}

/** A catalog source (or a price override) that at least one line of the report cites. */
export interface UsedSource {
  readonly id: string;
  readonly description: string;
  /** Date of the data, ISO `YYYY-MM-DD`. */
  readonly date: string;
  readonly licence: string;
  readonly url?: string;
}

/** The settings every estimate depends on, and the pricing rules, in words. */
export interface CostAssumptions {
  readonly hoursPerMonth: number;
  readonly currency: string;
  readonly usdExchangeRate: number;
  readonly spotFallbackOnDemandPercent: number;
  readonly engineering: { readonly people: number; readonly monthlyCostPerPerson: number };
  readonly monitoring: { readonly perNodeMonthly: number; readonly perClusterMonthly: number };
  readonly priceOverrides: number;
  /** The pricing rules the engine applied, one sentence each. */
  readonly rules: readonly string[];
}

/** The monthly cost of a document. */
export interface CostReport {
  readonly documentName: string;
  readonly currency: string;
  readonly catalog: { readonly id: string; readonly generatedAt: string };
  /** Every line, region by region (clusters with their pools and workloads, fleets, egress), engineering last. */
  readonly lines: readonly CostLine[];
  readonly totals: {
    /** Everything except engineering time. */
    readonly infrastructure: CostTotal;
    readonly engineering: CostTotal;
    /** Infrastructure plus engineering. */
    readonly grand: CostTotal;
  };
  /** Every category that has lines, engineering included, in display order. */
  readonly byCategory: readonly CostGroup[];
  /** Infrastructure by region, cluster and pool (in document order; lines outside any last, key null). */
  readonly byRegion: readonly CostGroup[];
  readonly byCluster: readonly CostGroup[];
  readonly byPool: readonly CostGroup[];
  readonly assumptions: CostAssumptions;
  /** The sources the priced lines cite, by id. */
  readonly sources: readonly UsedSource[];
}
