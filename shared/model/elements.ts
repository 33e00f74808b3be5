// The element kinds of the model in one table: the list each lives in, its schema and its label.
// Commands, the loader and the UI look kinds up here instead of switching on them.
import type { z } from 'zod';
import {
  ClusterSchema,
  DependencySchema,
  FleetSchema,
  NodePoolSchema,
  RegionSchema,
  WorkloadSchema,
  ZoneSchema,
} from './schema';
import type {
  Cluster,
  Dependency,
  Fleet,
  NodePool,
  Region,
  Spec,
  TopologyDocument,
  Workload,
  Zone,
} from './schema';

/** Element of each kind, by kind name. */
export interface ElementByKind {
  region: Region;
  zone: Zone;
  cluster: Cluster;
  nodePool: NodePool;
  fleet: Fleet;
  workload: Workload;
  dependency: Dependency;
}

export type ElementKind = keyof ElementByKind;
export type Element = ElementByKind[ElementKind];
/** The spec lists that hold elements. */
export type ElementListKey =
  'regions' | 'zones' | 'clusters' | 'nodePools' | 'fleets' | 'workloads' | 'dependencies';

interface KindInfo {
  readonly list: ElementListKey;
  readonly label: string;
  readonly schema: z.ZodType;
}

/** Each kind's list in `spec`, its human label and its schema, in containment order (parents first). */
export const ELEMENT_KINDS: { readonly [K in ElementKind]: KindInfo } = {
  region: { list: 'regions', label: 'region', schema: RegionSchema },
  zone: { list: 'zones', label: 'availability zone', schema: ZoneSchema },
  cluster: { list: 'clusters', label: 'cluster', schema: ClusterSchema },
  nodePool: { list: 'nodePools', label: 'node pool', schema: NodePoolSchema },
  fleet: { list: 'fleets', label: 'DPDK streaming fleet', schema: FleetSchema },
  workload: { list: 'workloads', label: 'workload', schema: WorkloadSchema },
  dependency: { list: 'dependencies', label: 'dependency', schema: DependencySchema },
};

/** Every kind, parents before children. */
export const KIND_ORDER = Object.keys(ELEMENT_KINDS) as ElementKind[];

/** Whether a string names an element kind. */
export function isElementKind(value: unknown): value is ElementKind {
  return typeof value === 'string' && Object.hasOwn(ELEMENT_KINDS, value);
}

/** The label users read for an element: "GPU pool" for a node pool with GPUs, else the kind's label. */
export function kindLabel(kind: ElementKind, element?: Element): string {
  if (kind === 'nodePool' && element && (element as NodePool).gpu) return 'GPU pool';
  return ELEMENT_KINDS[kind].label;
}

/** Where an element lives: its kind and position in its list. */
export interface ElementLocation {
  readonly kind: ElementKind;
  readonly index: number;
}

/** Lookup tables of a document, built once per document object and cached. */
export interface DocumentIndex {
  /** Every id in the document; duplicates keep the first. */
  readonly byId: ReadonlyMap<string, ElementLocation>;
  /** Ids that occur more than once, with every location. */
  readonly duplicates: ReadonlyMap<string, readonly ElementLocation[]>;
}

const indexCache = new WeakMap<Spec, DocumentIndex>();

/** The id index of a document's spec, computed once per (immutable) spec object. */
export function indexDocument(doc: TopologyDocument): DocumentIndex {
  const cached = indexCache.get(doc.spec);
  if (cached) return cached;
  const byId = new Map<string, ElementLocation>();
  const duplicates = new Map<string, ElementLocation[]>();
  for (const kind of KIND_ORDER) {
    const list = doc.spec[ELEMENT_KINDS[kind].list] as readonly Element[];
    list.forEach((element, index) => {
      const location = { kind, index };
      const first = byId.get(element.id);
      if (first) {
        const seen = duplicates.get(element.id) ?? [first];
        seen.push(location);
        duplicates.set(element.id, seen);
      } else byId.set(element.id, location);
    });
  }
  const index = { byId, duplicates };
  indexCache.set(doc.spec, index);
  return index;
}

/** The element with this id and its kind, or undefined. */
export function findElement(
  doc: TopologyDocument,
  id: string,
): { kind: ElementKind; element: Element } | undefined {
  const location = indexDocument(doc).byId.get(id);
  if (!location) return undefined;
  const element = (doc.spec[ELEMENT_KINDS[location.kind].list] as readonly Element[])[location.index];
  return element ? { kind: location.kind, element } : undefined;
}

/** The element with this id if it is of the given kind. */
export function getElement<K extends ElementKind>(
  doc: TopologyDocument,
  kind: K,
  id: string,
): ElementByKind[K] | undefined {
  const found = findElement(doc, id);
  return found && found.kind === kind ? (found.element as ElementByKind[K]) : undefined;
}

/** The elements of one kind. */
export function elementsOf<K extends ElementKind>(
  doc: TopologyDocument,
  kind: K,
): readonly ElementByKind[K][] {
  return doc.spec[ELEMENT_KINDS[kind].list] as unknown as readonly ElementByKind[K][];
}

/** The zones a node pool places nodes in: its own list, or its cluster's when it has none. */
export function effectivePoolZones(doc: TopologyDocument, pool: NodePool): readonly string[] {
  return pool.zones ?? getElement(doc, 'cluster', pool.cluster)?.zones ?? [];
}

/**
 * The element that contains this one on the canvas and in the model: a zone's, cluster's or fleet's
 * region; a pool's cluster; a workload's pool, cluster or fleet. Dependencies and regions have none.
 */
export function parentOf(kind: ElementKind, element: Element): string | undefined {
  switch (kind) {
    case 'zone':
    case 'cluster':
    case 'fleet':
      return (element as Zone | Cluster | Fleet).region;
    case 'nodePool':
      return (element as NodePool).cluster;
    case 'workload': {
      const w = element as Workload;
      return w.nodePool ?? w.cluster ?? w.fleet;
    }
    default:
      return undefined;
  }
}
