// What the engines may ask of a price catalog. Every price answer carries where it came from (source id
// and the date of the data) or says plainly that there is no price: a missing price is never 0.
import type { CatalogFacts } from '../model/integrity';

/** Where a set of values came from: enough for a reviewer to find and check it. */
export interface CatalogSource {
  readonly id: string;
  readonly description: string;
  /** Date of the data itself (not of our download), ISO `YYYY-MM-DD`; `unknown` only for a source no price cites. */
  readonly dataDate: string;
  readonly licence: string;
  readonly url?: string;
  readonly repository?: string;
  readonly path?: string;
  readonly commit?: string;
}

/** How much to trust a price: high = fresh primary data, medium = older snapshot corroborated, low = neither. */
export type PriceConfidence = 'high' | 'medium' | 'low';

/** A price found in the catalog (or in the document's own price overrides). */
export interface PriceFound {
  readonly status: 'priced';
  /** The price in US dollars per `unit`. */
  readonly usd: number;
  /** What one unit is, e.g. `instance-hour`, `cluster-hour`, `GB`, `GB-month`. */
  readonly unit: string;
  /** Id of a `CatalogSource`, or `override:<id>` for a price the user entered in the document. */
  readonly sourceId: string;
  /** Date of the data, ISO `YYYY-MM-DD`. */
  readonly date: string;
  readonly confidence: PriceConfidence;
  /** Anything a reviewer should know, e.g. "us-east-1 price; other regions not verified". */
  readonly note?: string;
}

/** No price: the reason says what is missing, and the caller must show it as missing, never as 0. */
export interface PriceMissing {
  readonly status: 'missing';
  readonly reason: string;
}

export type PriceAnswer = PriceFound | PriceMissing;

/** An availability zone as the catalog knows it. */
export interface CatalogZone {
  /** Account-specific alias, e.g. `us-east-1a`. */
  readonly name: string;
  /** Stable id, e.g. `use1-az4`, when known (mapping inferred from one account). */
  readonly id?: string;
}

export interface CatalogRegion {
  readonly code: string;
  readonly displayName: string;
  readonly zones: readonly CatalogZone[];
}

/** The facts about one EC2 instance type that design, cost and export need. */
export interface InstanceTypeInfo {
  readonly name: string;
  readonly family: string;
  readonly size: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** Kubernetes architecture name (`amd64` for x86_64). */
  readonly arch: 'amd64' | 'arm64';
  readonly metal: boolean;
  readonly burstable: boolean;
  readonly gpus: number;
  readonly gpuModel?: string;
  /** Memory per GPU, GiB. */
  readonly gpuMemoryGiB?: number;
  /** Non-GPU accelerator (e.g. AWS Neuron), with its device count. */
  readonly accelerator?: { readonly name: string; readonly count: number };
  /** Sustained baseline network bandwidth, Gbps. */
  readonly networkGbps: number;
  /** Burst ("up to") network bandwidth, Gbps. */
  readonly networkPeakGbps: number;
  readonly enaExpress: boolean;
  readonly efa: boolean;
  readonly spotSupported: boolean;
  /** What is left for pods on an EKS AL2023 node (Karpenter's figures), when known. */
  readonly allocatable?: { readonly cpu: number; readonly memoryGiB: number; readonly pods: number };
  readonly sourceId: string;
  /** Source of `allocatable` (Karpenter's instance-type reference); the other fields come from `sourceId`. */
  readonly allocatableSourceId?: string;
}

/** Spot Advisor figures for a type in a region. */
export type SpotAnswer =
  | {
      readonly status: 'known';
      /** Typical saving versus on-demand, percent. */
      readonly savingsPct: number;
      /** Spot Advisor interruption bucket: `<5%`, `5-10%`, `10-15%`, `15-20%` or `>20%`. */
      readonly interruption: string;
      readonly sourceId: string;
      readonly date: string;
    }
  | PriceMissing;

/** Unit prices of AWS services other than EC2 instances. */
export type ServicePriceKey =
  | 'eks.controlPlane.standard.perClusterHour'
  | 'eks.controlPlane.extendedSupport.perClusterHour'
  | 'natGateway.perHour'
  | 'natGateway.dataProcessed.perGB'
  | 'alb.perHour'
  | 'nlb.perHour'
  | 'alb.lcu.perLcuHour'
  | 'nlb.lcu.perLcuHour'
  | 'ebs.gp3.perGBMonth'
  | 'ebs.gp3.throughput.perMBpsMonth'
  | 'ebs.gp3.iops.perIopsMonth'
  | 'ebs.gp2.perGBMonth'
  | 'publicIPv4.perAddressHour';

/**
 * One tier of internet egress pricing: the next `upToGB` GB (cumulative bound; undefined = no bound).
 * When the last tier has a bound, traffic beyond it has no price in the catalog.
 */
export interface EgressTier {
  readonly label: string;
  readonly upToGB?: number;
  readonly usdPerGB: number;
}

/** Price per GB sent from a region to other regions, e.g. `to US East regions`, `to other regions`. */
export interface InterRegionRate {
  readonly label: string;
  readonly usdPerGB: number;
}

/** Data transfer prices of a region. */
export interface DataTransferPrices {
  /** Per GB, charged in each direction (so a GB moved between AZs costs twice this). */
  readonly interAzPerGB: PriceAnswer;
  /** Internet egress tiers in order; empty when unknown. */
  readonly internetEgressTiers: readonly EgressTier[];
  readonly sourceId: string;
  readonly date: string;
  /** Rates to other regions, as the source labels them; absent when unknown. */
  readonly interRegion?: readonly InterRegionRate[];
  /** What is missing or approximate, e.g. an egress tier the source does not price. */
  readonly note?: string;
}

/** A cited fact that is not a unit price, e.g. ENA Express limits or per-flow bandwidth caps. */
export interface CatalogFact {
  readonly id: string;
  /** What the fact is about, e.g. `network.flowLimits`. */
  readonly key: string;
  /** The value as the source states it: a number or a small object of named numbers and lists. */
  readonly value: unknown;
  readonly unit: string;
  /** Where it applies, in words (e.g. `global behaviour`, `us-east-1`). */
  readonly region: string;
  /** How well it is established, in words. */
  readonly status: string;
  readonly note?: string;
  /** Date the fact took effect, ISO `YYYY-MM-DD`, when the source states one. */
  readonly date?: string;
  readonly citations: readonly { readonly url: string; readonly excerpt: string }[];
}

/** The read-only price and capacity catalog the engines use. */
export interface Catalog extends CatalogFacts {
  /** Id of the catalog, as named in a document's `settings.catalog`. */
  readonly id: string;
  /** When the catalog file was assembled, ISO timestamp. */
  readonly generatedAt: string;
  readonly currency: 'USD';
  readonly sources: readonly CatalogSource[];
  source(id: string): CatalogSource | undefined;
  regions(): readonly CatalogRegion[];
  region(code: string): CatalogRegion | undefined;
  instanceType(name: string): InstanceTypeInfo | undefined;
  instanceTypes(): readonly InstanceTypeInfo[];
  /** AZ names of a region that offer a type; empty when none do or the region/type is unknown. */
  zonesOffering(regionCode: string, typeName: string): readonly string[];
  /** On-demand Linux price per instance-hour. */
  onDemandPrice(regionCode: string, typeName: string): PriceAnswer;
  spot(regionCode: string, typeName: string): SpotAnswer;
  servicePrice(regionCode: string, key: ServicePriceKey): PriceAnswer;
  dataTransfer(regionCode: string): DataTransferPrices | undefined;
  /** Cited facts that are not prices (network limits and the like); absent when the catalog has none. */
  readonly facts?: readonly CatalogFact[];
}
