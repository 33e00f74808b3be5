// The report shapes of the blast-radius engine. Every figure travels with the inputs that produced it, so
// a reviewer can redo the arithmetic: capacities carry replicas, per-replica demand, pool nodes and pods
// per node; scores carry the traffic share and workload counts they are made of.
import type { ElementKind } from '../model/elements';

/** What kind of failure a domain is. */
export type FailureDomainKind =
  'region' | 'zone' | 'cluster' | 'nodePool' | 'fleet' | 'spot-region' | 'spot-family' | 'rollout';

/** Something that can fail at once: an element, a spot reclaim wave or a bad rollout. */
export interface FailureDomain {
  /** Stable id: `region:<id>`, `zone:<id>`, `cluster:<id>`, `pool:<id>`, `fleet:<id>`, `spot:<region>`, `spot:<region>:<family>`, `rollout:<workload>`. */
  readonly id: string;
  readonly kind: FailureDomainKind;
  /** The element the domain is about: the region of a spot wave, the workload of a rollout. */
  readonly elementId: string;
  /** Region the domain lies in, when it lies in one. */
  readonly regionId?: string;
  /** Instance family of a per-family spot wave, e.g. `m6i`. */
  readonly family?: string;
  /** Short title, e.g. "Loss of availability zone us-east-1a". */
  readonly label: string;
  /** What fails, in words: the rule the engine applies. */
  readonly rule: string;
}

/** ok: carries its burst; degraded: serves some but not all of it (or lost a soft dependency); down: serves nothing. */
export type WorkloadStatus = 'ok' | 'degraded' | 'down';

/** An element by id and kind. */
export interface ElementRef {
  readonly id: string;
  readonly kind: ElementKind;
}

/** A cluster, pool or fleet that loses part of its capacity. */
export interface PartialLoss extends ElementRef {
  /** Share of its maximum nodes (or instances) lost, 0-1. */
  readonly shareLost: number;
  /** How the share was computed, e.g. "40 of 120 nodes: 1 of 3 zones". */
  readonly detail: string;
}

/** The node a pool is sized with. */
export interface ReferenceNodeReport {
  /** Instance types the pool may launch. */
  readonly types: readonly string[];
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly pods: number;
  /** GPUs (or GPU shares: MIG slices, time-slices) per node. */
  readonly gpuSlots: number;
  /** Where the figures come from, in words (catalog allocatable, catalog capacity or a name estimate). */
  readonly source: string;
}

/** How much of one node pool a workload can use in a scenario. */
export interface PoolRoom {
  readonly poolId: string;
  /** Maximum nodes with nothing failed: nodesPerAz.max x zones, capped by Karpenter limits. */
  readonly nodesIntact: number;
  /** Maximum nodes left in this scenario. */
  readonly nodesSurviving: number;
  /** The arithmetic behind `nodesSurviving`. */
  readonly nodesRule: string;
  /** Replicas of this workload one node holds; null when the pool's hardware is unknown (not limiting). */
  readonly podsPerNode: number | null;
  /** The arithmetic behind `podsPerNode`. */
  readonly podsPerNodeRule: string;
  readonly node?: ReferenceNodeReport;
  /** Node-equivalents the other workloads on the pool ask for at burst. */
  readonly coTenantNodes: number;
  /** Share of this workload's replicas placed on this pool (1 unless it may run on several pools). */
  readonly share: number;
  /** Replicas of this workload the surviving pool can hold; null when not limiting. */
  readonly roomReplicas: number | null;
  /** The arithmetic behind `roomReplicas`, co-tenants included. */
  readonly roomRule: string;
}

/** What limits a workload's replicas in a scenario. */
export type CapacityLimit =
  'hpa-max' | 'fixed-replicas' | 'parallelism' | 'pool-room' | 'fleet-instances' | 'failed' | 'no-placement';

/** A workload's capacity and the inputs that produced it: capacity = replicasAfter x perReplica. */
export interface WorkloadCapacity {
  /** Demand unit; `replicas` when the workload declares no demand (it is then judged on replica count). */
  readonly unit: string;
  readonly perReplica: number;
  readonly baseline: number;
  readonly burstFactor: number;
  /** baseline x burstFactor. */
  readonly burst: number;
  /** The replica ceiling before pool room: HPA max, fixed replicas, job parallelism or fleet instances. */
  readonly ceiling: {
    readonly kind: 'hpa-max' | 'fixed' | 'parallelism' | 'fleet-instances';
    readonly value: number;
  };
  /** Replicas running at baseline with nothing failed. */
  readonly replicasBefore: number;
  /** Replicas left right after the failure, before anything is rescheduled or scaled. */
  readonly replicasAtOnce: number;
  /** Replicas reachable after rescheduling and scaling within the ceiling and the surviving pool room. */
  readonly replicasAfter: number;
  /** Replicas the surviving pools can hold; null when not limited by known hardware. */
  readonly roomReplicas: number | null;
  /** replicasAfter x perReplica. */
  readonly capacity: number;
  /** The same figure with nothing failed. */
  readonly capacityIntact: number;
  readonly limitedBy: CapacityLimit;
  readonly pools: readonly PoolRoom[];
  readonly fleet?: {
    readonly fleetId: string;
    readonly instancesPerAz: number;
    readonly zones: number;
    readonly zonesSurviving: number;
    readonly instances: number;
  };
  /** The arithmetic in words, e.g. "80 replicas (HPA max) x 800 rps = 64,000 rps". */
  readonly rule: string;
}

/** One workload under a failure. */
export interface WorkloadImpact {
  readonly workloadId: string;
  readonly name: string;
  readonly status: WorkloadStatus;
  readonly statusIntact: WorkloadStatus;
  /** Whether the failure made it worse than with nothing failed. */
  readonly changed: boolean;
  /** Share of its burst demand not served, 0-1 (1 = down), dependencies included; see propagate.ts. */
  readonly shortfall: number;
  readonly shortfallIntact: number;
  /** Share of its own capacity lost: 1 - capacity / capacityIntact. */
  readonly capacityLost: number;
  /** Own capacity >= baseline demand (dependencies aside). */
  readonly carriesBaseline: boolean;
  /** Own capacity >= burst demand (dependencies aside). */
  readonly carriesBurst: boolean;
  readonly capacity: WorkloadCapacity;
  readonly userFacing: boolean;
  /** Its weight in the user-traffic share (0 unless user-facing with a demand). */
  readonly trafficWeight: number;
  /** What decides its status. */
  readonly cause:
    | { readonly kind: 'capacity' }
    | { readonly kind: 'failed'; readonly elementId: string; readonly elementKind: FailureDomainKind }
    | { readonly kind: 'hard-dependency' | 'soft-dependency'; readonly workloadId: string };
  /** The status in words. */
  readonly reason: string;
}

/** Share of user traffic affected, 0-1, with and without the failure. */
export interface UserTraffic {
  /** Under this failure. */
  readonly affected: number;
  /** With nothing failed (a design that cannot carry its burst is affected already). */
  readonly intact: number;
  /** affected - intact: what the failure adds. Scores use this. */
  readonly byFailure: number;
  readonly definition: string;
}

/** What one failure does to the whole design. */
export interface FailureImpact {
  readonly domain: FailureDomain;
  /** Elements that fail entirely. */
  readonly failed: readonly ElementRef[];
  /** Clusters, pools and fleets that lose part of their capacity. */
  readonly partial: readonly PartialLoss[];
  /** Every workload, in id order. */
  readonly workloads: readonly WorkloadImpact[];
  readonly counts: {
    readonly ok: number;
    readonly degraded: number;
    readonly down: number;
    /** Workloads the failure made worse and that are now down. */
    readonly newlyDown: number;
    /** Workloads the failure made worse and that are now degraded. */
    readonly newlyDegraded: number;
    readonly total: number;
  };
  readonly userTraffic: UserTraffic;
  /** Blast-radius score 0-100; see SCORE_FORMULA. */
  readonly score: number;
  readonly notes: readonly string[];
}

/** A failure domain with its score, for the ranked list. */
export interface DomainScore {
  readonly domain: FailureDomain;
  readonly score: number;
  /** User traffic the failure adds to what is affected anyway, 0-1. */
  readonly userTrafficAffected: number;
  readonly newlyDown: number;
  readonly newlyDegraded: number;
  readonly elementsFailed: number;
  /** Up to five workloads it hurts most (largest shortfall added, then id). */
  readonly worstWorkloads: readonly string[];
}

/** Why something is a single point of failure. */
export type SpofRule =
  | 'workload-single-zone'
  | 'workload-single-replica'
  | 'pool-single-zone'
  | 'cluster-single-zone'
  | 'fleet-single-zone'
  | 'single-nat-gateway'
  | 'hard-dependency-on-spof';

/** A single point of failure. */
export interface SinglePointOfFailure {
  readonly elementId: string;
  readonly kind: ElementKind;
  readonly rule: SpofRule;
  readonly zoneId?: string;
  /** For an inherited one: the hard-dependency chain from this workload to the workload with the SPOF. */
  readonly via?: readonly string[];
  readonly message: string;
}

/** One workload of a cluster after the cluster loses a zone. */
export interface ZoneLossWorkload {
  readonly workloadId: string;
  readonly unit: string;
  readonly capacity: number;
  readonly baseline: number;
  readonly burst: number;
  readonly carriesBaseline: boolean;
  readonly carriesBurst: boolean;
}

/** N+1 zone survivability of one cluster: after losing its worst zone, what still carries? */
export interface ClusterSurvivability {
  readonly clusterId: string;
  readonly zoneIds: readonly string[];
  /** The zone whose loss hurts most; null when the cluster has no zones or no workloads to judge. */
  readonly worstZoneId: string | null;
  /** Surviving share of the cluster's maximum nodes after losing that zone. */
  readonly nodeShareLeft: number;
  readonly carriesBaseline: boolean;
  readonly carriesBurst: boolean;
  readonly workloads: readonly ZoneLossWorkload[];
  readonly message: string;
}

/** The whole design's blast radius at a glance. */
export interface BlastSummary {
  /** Every failure domain, worst first (ties by id). */
  readonly domains: readonly DomainScore[];
  readonly singlePointsOfFailure: readonly SinglePointOfFailure[];
  readonly zoneSurvivability: readonly ClusterSurvivability[];
  /** The design with nothing failed. */
  readonly intact: {
    readonly userTrafficAffected: number;
    /** Workloads that cannot carry their burst even with nothing failed. */
    readonly notCarryingBurst: readonly string[];
    readonly down: readonly string[];
  };
  readonly scoreFormula: string;
  readonly trafficDefinition: string;
}

/** Why capacity never catches up with demand in a burst. */
export type BurstLimit =
  'hpa-max' | 'pool-max' | 'pool-limits' | 'fixed-replicas' | 'fleet' | 'no-room' | 'window';

/** One sample of a burst simulation (capacity and demand in the workload's unit). */
export interface BurstPoint {
  /** Seconds since the burst started. */
  readonly t: number;
  readonly demand: number;
  readonly capacity: number;
  /** Ready replicas (serving). */
  readonly replicas: number;
  /** Replicas the HPA asks for. */
  readonly desiredReplicas: number;
  /** Ready nodes in the pool. */
  readonly nodes: number;
  /** max(0, demand - capacity). */
  readonly unserved: number;
}

/** Delays of the autoscaling chain used by a simulation, seconds. */
export interface ChainDelays {
  readonly hpaSyncSeconds: number;
  readonly hpaScaleUpStabilizationSeconds: number;
  readonly podStartSeconds: number;
  readonly nodeLaunchSeconds: number;
  readonly nodeJoinSeconds: number;
}

/** Knobs of a burst simulation; each delay defaults to the document's `settings.autoscaling`. */
export interface BurstOptions extends Partial<ChainDelays> {
  /** Peak demand as a multiple of baseline; defaults to the workload's burstFactor. */
  readonly burstFactor?: number;
  /** Minutes the ramp from baseline to peak takes; default 30. */
  readonly rampMinutes?: number;
  /** Minutes simulated; default twice the ramp, at least 10. */
  readonly durationMinutes?: number;
  /** Seconds between samples; default 5. */
  readonly stepSeconds?: number;
}

/** A burst against the autoscaling chain, sample by sample. */
export interface BurstSimulation {
  readonly workloadId: string;
  readonly unit: string;
  readonly baseline: number;
  readonly burstFactor: number;
  readonly peak: number;
  readonly rampMinutes: number;
  readonly durationMinutes: number;
  readonly stepSeconds: number;
  readonly delays: ChainDelays;
  /** Which delays came from options rather than the document's settings. */
  readonly overridden: readonly (keyof ChainDelays)[];
  /** The limits the chain runs into. */
  readonly limits: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly targetCpuPercent: number | null;
    readonly perReplica: number;
    readonly podsPerNode: number | null;
    readonly nodesAtStart: number;
    readonly maxNodes: number | null;
    /** Node-equivalents co-tenants hold (at their baseline) on the pool. */
    readonly coTenantNodes: number;
  };
  readonly series: readonly BurstPoint[];
  readonly catchUp:
    | { readonly status: 'immediate'; readonly seconds: 0 }
    | { readonly status: 'caught-up'; readonly seconds: number }
    | { readonly status: 'never'; readonly limit: BurstLimit; readonly reason: string }
    | { readonly status: 'not-applicable'; readonly reason: string };
  readonly unserved: {
    /** Sum of unserved demand over time, unit x seconds. */
    readonly total: number;
    /** Sum of demand over time, unit x seconds. */
    readonly demandTotal: number;
    /** total / demandTotal x 100. */
    readonly percentOfDemand: number;
  };
  readonly notes: readonly string[];
}
