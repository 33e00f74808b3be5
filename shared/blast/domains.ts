// Failure domains and what each one takes out. A domain's scenario touches only its containment subtree
// (and, for spot waves, the spot pools of its region), so analysing one never walks the whole document.
// Scenarios live in a reusable buffer stamped with an epoch: the summary evaluates thousands of domains
// without allocating per element.
import type { ElementKind } from '../model/elements';
import type { TopologyDocument } from '../model/schema';
import type { DomainTarget, Structure } from './structure';
import { isGpuPool, structureOf } from './structure';
import type { FailureDomain } from './types';

/** Nodes (or instances) an element loses: some zones, a spot share, or everything. */
export interface Loss {
  readonly zonesLost: number;
  /** Share of the remaining nodes lost to a spot wave, 0-1. */
  readonly spotLost: number;
  readonly whole: boolean;
}

const CAUSE_KINDS = ['region', 'zone', 'cluster', 'nodePool', 'fleet', 'rollout'] as const;
/** Each cause kind's code in the scenario buffer. */
const CAUSE = { region: 0, zone: 1, cluster: 2, nodePool: 3, fleet: 4, rollout: 5 } as const;

/** The element whose failure took a workload down with it. */
export interface FailCause {
  readonly kind: (typeof CAUSE_KINDS)[number];
  readonly index: number;
}

/** Every failure domain of the document with a stable id, in kind order then id order. */
export function listFailureDomains(doc: TopologyDocument): readonly FailureDomain[] {
  return structureOf(doc).domains;
}

/**
 * Whether the document has any failure domain, without building them: every region, zone, cluster, pool,
 * fleet and workload is one (and spot waves need a region), so this is a glance at six lists where
 * `listFailureDomains` builds the whole blast structure.
 */
export function hasFailureDomains(doc: TopologyDocument): boolean {
  const { regions, zones, clusters, nodePools, fleets, workloads } = doc.spec;
  return (
    regions.length + zones.length + clusters.length + nodePools.length + fleets.length + workloads.length > 0
  );
}

/** What one failure domain does, element by element; reused from one domain to the next. */
export class Scenario {
  target: DomainTarget = { kind: 'region', index: -1 };
  /** Workloads that fail with their container (or their own rollout). */
  readonly failedWorkloads: number[] = [];
  /** Pools and fleets that lose nodes or instances. */
  readonly pools: number[] = [];
  readonly fleets: number[] = [];
  /** Elements other than workloads that fail entirely: kinds and indexes, side by side. */
  readonly failedKinds: ElementKind[] = [];
  readonly failedIndexes: number[] = [];
  private epoch = 0;
  private readonly failMark: Int32Array;
  private readonly failKind: Uint8Array;
  private readonly failIndex: Int32Array;
  private readonly poolMark: Int32Array;
  private readonly fleetMark: Int32Array;
  /** Per pool (fleet): zones lost, spot share lost, whole loss; valid where marked. */
  readonly poolZonesLost: Float64Array;
  readonly poolSpotLost: Float64Array;
  readonly poolWhole: Uint8Array;
  readonly fleetZonesLost: Float64Array;
  readonly fleetWhole: Uint8Array;

  constructor(private readonly s: Structure) {
    const workloads = s.workloads.length;
    this.failMark = new Int32Array(workloads);
    this.failKind = new Uint8Array(workloads);
    this.failIndex = new Int32Array(workloads);
    this.poolMark = new Int32Array(s.pools.length);
    this.poolZonesLost = new Float64Array(s.pools.length);
    this.poolSpotLost = new Float64Array(s.pools.length);
    this.poolWhole = new Uint8Array(s.pools.length);
    this.fleetMark = new Int32Array(s.fleets.length);
    this.fleetZonesLost = new Float64Array(s.fleets.length);
    this.fleetWhole = new Uint8Array(s.fleets.length);
  }

  /** Whether a workload fails with its container in this scenario. */
  hasFailed(w: number): boolean {
    return this.failMark[w] === this.epoch;
  }

  /** What took a failed workload down. */
  failedBy(w: number): FailCause | undefined {
    if (this.failMark[w] !== this.epoch) return undefined;
    return { kind: CAUSE_KINDS[this.failKind[w]!]!, index: this.failIndex[w]! };
  }

  /** Whether a pool loses nodes in this scenario. */
  poolHit(p: number): boolean {
    return this.poolMark[p] === this.epoch;
  }

  /** Whether a fleet loses instances in this scenario. */
  fleetHit(f: number): boolean {
    return this.fleetMark[f] === this.epoch;
  }

  /** The loss of a pool, for reports. */
  poolLoss(p: number): Loss | undefined {
    if (!this.poolHit(p)) return undefined;
    return {
      zonesLost: this.poolZonesLost[p]!,
      spotLost: this.poolSpotLost[p]!,
      whole: this.poolWhole[p] === 1,
    };
  }

  /** The loss of a fleet, for reports. */
  fleetLoss(f: number): Loss | undefined {
    if (!this.fleetHit(f)) return undefined;
    return { zonesLost: this.fleetZonesLost[f]!, spotLost: 0, whole: this.fleetWhole[f] === 1 };
  }

  /** Loads the scenario of one domain, replacing the previous one. */
  load(target: DomainTarget): this {
    this.epoch += 1;
    this.target = target;
    this.failedWorkloads.length = 0;
    this.pools.length = 0;
    this.fleets.length = 0;
    this.failedKinds.length = 0;
    this.failedIndexes.length = 0;
    const s = this.s;
    const { kind, index } = target;
    switch (kind) {
      case 'region':
        this.failElement('region', index);
        for (const z of s.regionZones[index]!) this.failElement('zone', z);
        for (const c of s.regionClusters[index]!) this.failCluster(c, CAUSE.region, index);
        for (const f of s.regionFleets[index]!) this.failFleet(f, CAUSE.region, index);
        this.failAll(s.regionWorkloads[index]!, CAUSE.region, index);
        break;
      case 'zone':
        this.failElement('zone', index);
        for (const c of s.zoneClusters[index]!)
          if (s.clusterZones[c]!.length === 1) this.failCluster(c, CAUSE.cluster, c);
        for (const p of s.zonePools[index]!) {
          if (this.poolHit(p)) continue;
          if (s.poolZones[p]!.length === 1) this.failPool(p, CAUSE.nodePool, p);
          else this.losePool(p, 1, 0);
        }
        for (const f of s.zoneFleets[index]!) {
          if (s.fleetZones[f]!.length === 1) this.failFleet(f, CAUSE.fleet, f);
          else if (!this.fleetHit(f)) {
            this.fleetMark[f] = this.epoch;
            this.fleetZonesLost[f] = 1;
            this.fleetWhole[f] = 0;
            this.fleets.push(f);
          }
        }
        break;
      case 'cluster':
        this.failCluster(index, CAUSE.cluster, index);
        break;
      case 'nodePool':
        this.failPool(index, CAUSE.nodePool, index);
        break;
      case 'fleet':
        this.failFleet(index, CAUSE.fleet, index);
        break;
      case 'spot-region':
      case 'spot-family':
        for (const p of s.regionPools[index]!) {
          const spot = s.poolSpot[p]!;
          if (spot <= 0) continue;
          const share = kind === 'spot-region' ? 1 : (s.poolFamilies[p]!.get(target.family!) ?? 0);
          if (share > 0) this.losePool(p, 0, spot * share);
        }
        break;
      case 'rollout': {
        this.failWorkload(index, CAUSE.rollout, index);
        const p = s.workloadPool[index]!;
        if (p >= 0 && isGpuPool(s.pools[p]!)) this.failPool(p, CAUSE.nodePool, p);
        break;
      }
    }
    return this;
  }

  private failElement(kind: ElementKind, index: number): void {
    this.failedKinds.push(kind);
    this.failedIndexes.push(index);
  }

  private failWorkload(w: number, kind: number, index: number): void {
    if (this.failMark[w] === this.epoch) return;
    this.failMark[w] = this.epoch;
    this.failKind[w] = kind;
    this.failIndex[w] = index;
    this.failedWorkloads.push(w);
  }

  private failAll(list: readonly number[], kind: number, index: number): void {
    for (const w of list) this.failWorkload(w, kind, index);
  }

  private losePool(p: number, zonesLost: number, spotLost: number): void {
    this.poolMark[p] = this.epoch;
    this.poolZonesLost[p] = zonesLost;
    this.poolSpotLost[p] = spotLost;
    this.poolWhole[p] = 0;
    this.pools.push(p);
  }

  private failPool(p: number, kind: number, index: number): void {
    if (this.poolHit(p) && this.poolWhole[p] === 1) return;
    if (!this.poolHit(p)) this.pools.push(p);
    this.poolMark[p] = this.epoch;
    this.poolWhole[p] = 1;
    this.poolZonesLost[p] = 0;
    this.poolSpotLost[p] = 0;
    this.failElement('nodePool', p);
    this.failAll(this.s.poolPinned[p]!, kind, index);
  }

  private failFleet(f: number, kind: number, index: number): void {
    if (this.fleetHit(f) && this.fleetWhole[f] === 1) return;
    if (!this.fleetHit(f)) this.fleets.push(f);
    this.fleetMark[f] = this.epoch;
    this.fleetWhole[f] = 1;
    this.fleetZonesLost[f] = 0;
    this.failElement('fleet', f);
    this.failAll(this.s.fleetWorkloads[f]!, kind, index);
  }

  private failCluster(c: number, kind: number, index: number): void {
    this.failElement('cluster', c);
    for (const p of this.s.clusterPools[c]!) this.failPool(p, kind, index);
    this.failAll(this.s.clusterWorkloads[c]!, kind, index);
  }
}
