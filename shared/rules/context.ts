// Lookups the rules make, and the record of them that lets the engine reuse a result. Indexes are built
// once per list object: commands copy a list only when they change one of its elements, so after an edit
// to a workload the pool and zone indexes of the previous document are reused as they are.
import type { Catalog } from '../catalog/types';
import type { DocumentIndex, Element, ElementByKind, ElementKind } from '../model/elements';
import { ELEMENT_KINDS, indexDocument } from '../model/elements';
import type { NodePool, Settings, TopologyDocument, Workload, Zone } from '../model/schema';
import { compareStrings } from '../util/text';
import type { RuleContext } from './types';

const EMPTY: readonly never[] = Object.freeze([]);

/** Orders a group by id (stable, so that equal ids keep list order). */
function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return compareStrings(a.id, b.id);
}

function sortGroup<T extends { readonly id: string }>(group: T[]): T[] {
  for (let i = 1; i < group.length; i++) {
    if (compareStrings(group[i - 1]!.id, group[i]!.id) > 0) return group.sort(byId);
  }
  return group;
}

type Grouping<T> = ReadonlyMap<string, readonly T[]>;

/** One way of grouping a list: by the cluster of a pool, the pool of a workload, the region of a zone. */
interface GroupIndex<T extends { readonly id: string }> {
  readonly cache: WeakMap<readonly T[], Grouping<T>>;
  readonly keyOf: (item: T) => string | undefined;
}

/** A list grouped by a key, each group sorted by id; built once per list object. */
function grouped<T extends { readonly id: string }>(index: GroupIndex<T>, list: readonly T[]): Grouping<T> {
  let groups = index.cache.get(list);
  if (!groups) {
    const map = new Map<string, T[]>();
    for (const item of list) {
      const key = index.keyOf(item);
      if (key === undefined) continue;
      const group = map.get(key);
      if (group) group.push(item);
      else map.set(key, [item]);
    }
    for (const group of map.values()) sortGroup(group);
    groups = map;
    index.cache.set(list, groups);
  }
  return groups;
}

/**
 * The grouping of a new list made from the grouping of the list it replaced: only the groups that lose or
 * gain an element are rebuilt, the others are the same arrays. Used when no id is duplicated, so that the
 * result equals a grouping built from scratch.
 */
function derive<T extends { readonly id: string }>(
  index: GroupIndex<T>,
  before: readonly T[],
  after: readonly T[],
  entering: readonly T[],
  leaving: readonly T[],
): void {
  const old = index.cache.get(before);
  if (!old || index.cache.has(after)) return;
  const groups = new Map(old);
  const gone = new Set(leaving);
  const keys = new Set<string>();
  for (const item of [...leaving, ...entering]) {
    const key = index.keyOf(item);
    if (key !== undefined) keys.add(key);
  }
  for (const key of keys) {
    const group = (old.get(key) ?? []).filter((item) => !gone.has(item));
    for (const item of entering) if (index.keyOf(item) === key) group.push(item);
    if (group.length > 0) groups.set(key, sortGroup(group));
    else groups.delete(key);
  }
  index.cache.set(after, groups);
}

const POOLS: GroupIndex<NodePool> = { cache: new WeakMap(), keyOf: (p) => p.cluster };
const WORKLOADS: GroupIndex<Workload> = { cache: new WeakMap(), keyOf: (w) => w.nodePool };
const ZONES: GroupIndex<Zone> = { cache: new WeakMap(), keyOf: (z) => z.region };

/** The grouping a kind's list is indexed by, if any. */
function groupIndexOf(kind: ElementKind): GroupIndex<{ readonly id: string }> | undefined {
  const index =
    kind === 'nodePool' ? POOLS : kind === 'workload' ? WORKLOADS : kind === 'zone' ? ZONES : undefined;
  return index as GroupIndex<{ readonly id: string }> | undefined;
}

/**
 * Builds the grouping of a changed list from the previous list's, given the elements that entered and
 * left it (from a diff of the two documents). The caller guarantees that no id is duplicated.
 */
export function deriveGrouping(
  kind: ElementKind,
  before: readonly Element[],
  after: readonly Element[],
  entering: readonly Element[],
  leaving: readonly Element[],
): void {
  const index = groupIndexOf(kind);
  if (index) derive(index, before, after, entering, leaving);
}

/** The lookups of one document, answered from indexes cached per list object. */
export class DocumentView {
  readonly index: DocumentIndex;

  constructor(readonly doc: TopologyDocument) {
    this.index = indexDocument(doc);
  }

  /** The element with this id, whatever its kind (the first one when the id is duplicated). */
  byId(id: string): Element | undefined {
    const location = this.index.byId.get(id);
    if (!location) return undefined;
    return (this.doc.spec[ELEMENT_KINDS[location.kind].list] as readonly Element[])[location.index];
  }

  /** The kind of the element with this id. */
  kindOf(id: string): ElementKind | undefined {
    return this.index.byId.get(id)?.kind;
  }

  /** The node pools of a cluster, by id. */
  poolsOfCluster(clusterId: string): readonly NodePool[] {
    return grouped(POOLS, this.doc.spec.nodePools).get(clusterId) ?? EMPTY;
  }

  /** The workloads pinned to a node pool, by id. */
  workloadsOnPool(poolId: string): readonly Workload[] {
    return grouped(WORKLOADS, this.doc.spec.workloads).get(poolId) ?? EMPTY;
  }

  /** The zones of a region, by id. */
  zonesOfRegion(regionId: string): readonly Zone[] {
    return grouped(ZONES, this.doc.spec.zones).get(regionId) ?? EMPTY;
  }
}

/** What a lookup was about: `element` by id, the `pools` of a cluster, and so on. */
export type ProbeTopic = 'element' | 'pools' | 'workloads' | 'zones' | 'settings';

/** One recorded lookup and the answer it gave. */
export type Probe =
  | {
      readonly on: 'element';
      readonly key: string;
      readonly value: Element | undefined;
      readonly kind: ElementKind | undefined;
    }
  | { readonly on: 'pools' | 'workloads' | 'zones'; readonly key: string; readonly value: readonly object[] }
  | { readonly on: 'settings'; readonly key: ''; readonly value: Settings };

function sameItems(a: readonly object[], b: readonly object[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether every recorded lookup gives the same answer (the same objects) on this document. */
export function probesHold(view: DocumentView, probes: readonly Probe[]): boolean {
  for (const probe of probes) {
    switch (probe.on) {
      case 'element':
        if (view.byId(probe.key) !== probe.value) return false;
        break;
      case 'pools':
        if (!sameItems(view.poolsOfCluster(probe.key), probe.value)) return false;
        break;
      case 'workloads':
        if (!sameItems(view.workloadsOnPool(probe.key), probe.value)) return false;
        break;
      case 'zones':
        if (!sameItems(view.zonesOfRegion(probe.key), probe.value)) return false;
        break;
      case 'settings':
        if (view.doc.spec.settings !== probe.value) return false;
        break;
    }
  }
  return true;
}

/**
 * The context an element rule runs with: answers from the view, each lookup recorded once. The rules of
 * one element share it, so a second rule asking the same thing is answered from the record.
 */
export class RecordingContext implements RuleContext {
  /** Few lookups per element, so a list searched linearly beats a map. */
  private readonly recorded: Probe[] = [];

  constructor(
    private readonly view: DocumentView,
    readonly catalog: Catalog,
  ) {}

  /** The lookups made so far. */
  probes(): readonly Probe[] {
    return this.recorded;
  }

  private find(on: ProbeTopic, key: string): Probe | undefined {
    for (const probe of this.recorded) if (probe.key === key && probe.on === on) return probe;
    return undefined;
  }

  private lookup(id: string): Probe & { on: 'element' } {
    const known = this.find('element', id);
    if (known) return known as Probe & { on: 'element' };
    const value = this.view.byId(id);
    const probe = { on: 'element', key: id, value, kind: value && this.view.kindOf(id) } as const;
    this.recorded.push(probe);
    return probe;
  }

  private list<T extends object>(
    on: 'pools' | 'workloads' | 'zones',
    key: string,
    answer: () => readonly T[],
  ): readonly T[] {
    const known = this.find(on, key);
    if (known) return known.value as readonly T[];
    const value = answer();
    this.recorded.push({ on, key, value });
    return value;
  }

  element<K extends ElementKind>(kind: K, id: string): ElementByKind[K] | undefined {
    const probe = this.lookup(id);
    return probe.kind === kind ? (probe.value as ElementByKind[K]) : undefined;
  }

  isIdFree(id: string): boolean {
    return this.lookup(id).value === undefined;
  }

  poolsOfCluster(clusterId: string): readonly NodePool[] {
    return this.list('pools', clusterId, () => this.view.poolsOfCluster(clusterId));
  }

  workloadsOnPool(poolId: string): readonly Workload[] {
    return this.list('workloads', poolId, () => this.view.workloadsOnPool(poolId));
  }

  zonesOfRegion(regionId: string): readonly Zone[] {
    return this.list('zones', regionId, () => this.view.zonesOfRegion(regionId));
  }

  settings(): Settings {
    const known = this.find('settings', '');
    if (known) return known.value as Settings;
    const value = this.view.doc.spec.settings;
    this.recorded.push({ on: 'settings', key: '', value });
    return value;
  }
}

/** A lookup by topic and key, e.g. the `pools` of cluster `api`. */
export type Slot = readonly [on: ProbeTopic, key: string];

/** The lookups whose answer changes when this element enters, leaves or changes. */
export function slotsTouchedBy(kind: ElementKind, element: Element): Slot[] {
  const slots: Slot[] = [['element', element.id]];
  if (kind === 'nodePool') slots.push(['pools', (element as NodePool).cluster]);
  else if (kind === 'zone') slots.push(['zones', (element as Zone).region]);
  else if (kind === 'workload') {
    const pool = (element as Workload).nodePool;
    if (pool !== undefined) slots.push(['workloads', pool]);
  }
  return slots;
}
