// Where every element sits on the canvas and how big it is, computed from the document alone. The
// projection (React Flow nodes), the automatic layout, the drop targets and the minimap all read this one
// geometry, so they cannot disagree. Positions are relative to the parent container, as in the layout
// section of the file and in React Flow sub-flows; containers size themselves from their children unless
// the layout entry fixes a width and height.
import type { ElementKind } from '../../shared/model/elements';
import { elementsOf } from '../../shared/model/elements';
import type { TopologyDocument } from '../../shared/model/schema';

/** Snap grid of the canvas, px. */
export const GRID = 16;

/** Kinds drawn as React Flow nodes (dependencies are edges). */
export type NodeKind = Exclude<ElementKind, 'dependency'>;

interface ContainerMetrics {
  /** Height of the header above the children (title, details, zone chips). */
  readonly header: number;
  /** Space around the children. */
  readonly pad: number;
  readonly minWidth: number;
  readonly minHeight: number;
  /** How children without a position are placed: side by side or one under the other. */
  readonly flow: 'row' | 'column';
}

export const WORKLOAD_SIZE = { width: 252, height: 32 } as const;
export const ZONE_SIZE = { width: 118, height: 26 } as const;
/** Top of the zone lane inside a region, and the gap between zone chips. */
export const ZONE_LANE_TOP = 46;
export const ZONE_GAP = 8;
export const ROW_GAP = 6;
export const CHILD_GAP = 24;
/** Vertical gap between top-level regions. */
export const ROOT_GAP = 64;

export const CONTAINERS: { readonly [K in 'region' | 'cluster' | 'nodePool' | 'fleet']: ContainerMetrics } = {
  region: { header: 92, pad: 24, minWidth: 420, minHeight: 220, flow: 'row' },
  cluster: { header: 60, pad: 14, minWidth: 300, minHeight: 140, flow: 'row' },
  nodePool: { header: 56, pad: 10, minWidth: 272, minHeight: 70, flow: 'column' },
  fleet: { header: 60, pad: 12, minWidth: 288, minHeight: 110, flow: 'column' },
};

export function isContainerKind(kind: ElementKind): kind is keyof typeof CONTAINERS {
  return Object.hasOwn(CONTAINERS, kind);
}

/** One element's place on the canvas. */
export interface Box {
  readonly id: string;
  readonly kind: NodeKind;
  /** Id of the containing element; undefined for regions (and for elements whose parent is missing). */
  readonly parent: string | undefined;
  /** Position relative to the parent (absolute for top-level boxes). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Absolute position on the canvas. */
  readonly absX: number;
  readonly absY: number;
  /** Whether the position came from the layout section (false: placed automatically). */
  readonly placed: boolean;
}

export interface Geometry {
  readonly boxes: ReadonlyMap<string, Box>;
  /** Every box, parents before their children (the order React Flow needs). */
  readonly order: readonly string[];
  /** Children of each container, in document order; top-level boxes under the key ''. */
  readonly children: ReadonlyMap<string, readonly string[]>;
}

/**
 * The rectangle that holds every box of a geometry, in canvas coordinates (what React Flow's fitView frames,
 * computed before the nodes are drawn); undefined when there is nothing to frame.
 */
export function geometryBounds(
  geometry: Geometry,
): { x: number; y: number; width: number; height: number } | undefined {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of geometry.boxes.values()) {
    left = Math.min(left, box.absX);
    top = Math.min(top, box.absY);
    right = Math.max(right, box.absX + box.width);
    bottom = Math.max(bottom, box.absY + box.height);
  }
  if (!(right > left) || !(bottom > top)) return undefined;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The container each node-drawn element sits in on the canvas, with its kind. */
export function canvasParent(kind: NodeKind, element: unknown): string | undefined {
  switch (kind) {
    case 'zone':
    case 'cluster':
    case 'fleet':
      return (element as { region: string }).region;
    case 'nodePool':
      return (element as { cluster: string }).cluster;
    case 'workload': {
      const w = element as { nodePool?: string; cluster?: string; fleet?: string };
      return w.nodePool ?? w.cluster ?? w.fleet;
    }
    default:
      return undefined;
  }
}

const NODE_KINDS: readonly NodeKind[] = ['region', 'zone', 'cluster', 'fleet', 'nodePool', 'workload'];

const cache = new WeakMap<TopologyDocument, { floating: readonly string[]; geometry: Geometry }>();
const NONE: readonly string[] = [];
/** The last geometry built or reused, and the document it is for: the next document may share it. */
let latest: { doc: TopologyDocument; floating: readonly string[]; geometry: Geometry } | undefined;

/**
 * The geometry of a document, computed once per document object (and set of floating ids). Floating
 * boxes (nodes being dragged) do not count towards their container's size, so a container does not grow
 * after a node that is being dragged out of it. A document that differs from the last one only in what
 * the canvas does not place (an edited count, type or name) gets the last geometry object back, so an
 * edit of a field costs no new geometry and no new projection.
 */
export function computeGeometry(doc: TopologyDocument, floating: readonly string[] = NONE): Geometry {
  const cached = cache.get(doc);
  if (cached && (cached.floating === floating || sameIds(cached.floating, floating))) return cached.geometry;
  const geometry =
    latest && sameIds(latest.floating, floating) && samePlaces(latest.doc, doc)
      ? latest.geometry
      : buildGeometry(doc, new Set(floating));
  cache.set(doc, { floating, geometry });
  latest = { doc, floating, geometry };
  return geometry;
}

/**
 * Whether two documents place the same boxes at the same spots: the same layout section and, kind by kind,
 * the same elements (by id, in order) in the same containers — everything buildGeometry reads.
 */
function samePlaces(a: TopologyDocument, b: TopologyDocument): boolean {
  if (a.layout.nodes !== b.layout.nodes) return false;
  for (const kind of NODE_KINDS) {
    const left = elementsOf(a, kind);
    const right = elementsOf(b, kind);
    if (left === right) continue;
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) {
      const x = left[i]!;
      const y = right[i]!;
      if (x !== y && (x.id !== y.id || canvasParent(kind, x) !== canvasParent(kind, y))) return false;
    }
  }
  return true;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

interface Item {
  id: string;
  kind: NodeKind;
  parent: string | undefined;
}

function buildGeometry(doc: TopologyDocument, floating: ReadonlySet<string>): Geometry {
  const items = new Map<string, Item>();
  for (const kind of NODE_KINDS) {
    for (const element of elementsOf(doc, kind)) {
      if (items.has(element.id)) continue;
      items.set(element.id, { id: element.id, kind, parent: canvasParent(kind, element) });
    }
  }
  const children = new Map<string, string[]>();
  for (const item of items.values()) {
    // A parent that is missing or cannot hold the element (a broken file) leaves the element at the top.
    const parentItem = item.parent === undefined ? undefined : items.get(item.parent);
    if (!parentItem || !isContainerKind(parentItem.kind)) item.parent = undefined;
    const key = item.parent ?? '';
    const list = children.get(key) ?? [];
    list.push(item.id);
    children.set(key, list);
  }
  // Zones first inside a region (their lane), then the rest in document order by kind.
  const rank = (id: string) => NODE_KINDS.indexOf(items.get(id)!.kind);
  for (const list of children.values()) list.sort((a, b) => rank(a) - rank(b));

  const sizes = new Map<string, { width: number; height: number }>();
  const local = new Map<string, { x: number; y: number; placed: boolean }>();
  const nodes = doc.layout.nodes;

  const measure = (id: string): { width: number; height: number } => {
    const item = items.get(id)!;
    const known = sizes.get(id);
    if (known) return known;
    let size: { width: number; height: number };
    if (item.kind === 'workload') size = { ...WORKLOAD_SIZE };
    else if (item.kind === 'zone') size = { ...ZONE_SIZE };
    else {
      const metrics = CONTAINERS[item.kind as keyof typeof CONTAINERS];
      const kids = children.get(id) ?? [];
      for (const kid of kids) measure(kid);
      placeChildren(id, item.kind, kids);
      let right = 0;
      let bottom = 0;
      for (const kid of kids) {
        if (items.get(kid)!.kind === 'zone' || floating.has(kid)) continue;
        const p = local.get(kid)!;
        const s = sizes.get(kid)!;
        right = Math.max(right, p.x + s.width);
        bottom = Math.max(bottom, p.y + s.height);
      }
      const lane =
        item.kind === 'region'
          ? metrics.pad +
            kids.filter((k) => items.get(k)!.kind === 'zone').length * (ZONE_SIZE.width + ZONE_GAP)
          : 0;
      const entry = nodes[id];
      size = {
        width: entry?.width ?? Math.max(metrics.minWidth, right + metrics.pad, lane + metrics.pad - ZONE_GAP),
        height: entry?.height ?? Math.max(metrics.minHeight, bottom + metrics.pad),
      };
    }
    sizes.set(id, size);
    return size;
  };

  /** Positions of a container's children: from the layout section, else placed after the placed ones. */
  const placeChildren = (parentId: string | undefined, parentKind: NodeKind | undefined, kids: string[]) => {
    const metrics = parentKind ? CONTAINERS[parentKind as keyof typeof CONTAINERS] : undefined;
    const top = metrics ? metrics.header : 0;
    const left = metrics ? metrics.pad : 0;
    let zoneIndex = 0;
    let right = left;
    let bottom = top;
    const missing: string[] = [];
    for (const kid of kids) {
      const item = items.get(kid)!;
      if (item.kind === 'zone') {
        local.set(kid, {
          x: left + zoneIndex++ * (ZONE_SIZE.width + ZONE_GAP),
          y: ZONE_LANE_TOP,
          placed: true,
        });
        continue;
      }
      const entry = nodes[kid];
      if (entry) {
        local.set(kid, { x: entry.x, y: entry.y, placed: true });
        const s = sizes.get(kid)!;
        right = Math.max(right, entry.x + s.width + CHILD_GAP);
        bottom = Math.max(bottom, entry.y + s.height + (metrics?.flow === 'column' ? ROW_GAP : CHILD_GAP));
      } else missing.push(kid);
    }
    const flow = metrics?.flow ?? 'column';
    // Rows stack under the placed children; boxes in a row go to the right of them, aligned at the top.
    let cursorX = flow === 'row' && right > left ? right : left;
    let cursorY = flow === 'column' ? bottom : top;
    if (parentId === undefined) cursorY = bottom === top ? 0 : bottom + ROOT_GAP - CHILD_GAP;
    for (const kid of missing) {
      const s = sizes.get(kid)!;
      local.set(kid, { x: cursorX, y: cursorY, placed: false });
      if (flow === 'row') cursorX += s.width + CHILD_GAP;
      else cursorY += s.height + (parentId === undefined ? ROOT_GAP : ROW_GAP);
    }
  };

  const roots = children.get('') ?? [];
  for (const id of roots) measure(id);
  placeChildren(undefined, undefined, roots);

  const boxes = new Map<string, Box>();
  const order: string[] = [];
  const visit = (id: string, absX: number, absY: number) => {
    const item = items.get(id)!;
    const p = local.get(id)!;
    const s = sizes.get(id)!;
    const box: Box = {
      id,
      kind: item.kind,
      parent: item.parent,
      x: p.x,
      y: p.y,
      width: s.width,
      height: s.height,
      absX: absX + p.x,
      absY: absY + p.y,
      placed: p.placed,
    };
    boxes.set(id, box);
    order.push(id);
    for (const kid of children.get(id) ?? []) visit(kid, box.absX, box.absY);
  };
  for (const id of roots) visit(id, 0, 0);
  return { boxes, order, children };
}

/** The ids inside a box (its children, their children...), not including the box itself. */
export function descendantsOf(geometry: Geometry, id: string): Set<string> {
  const out = new Set<string>();
  const stack = [...(geometry.children.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    out.add(next);
    stack.push(...(geometry.children.get(next) ?? []));
  }
  return out;
}

/**
 * The deepest container whose box holds a canvas point, skipping `exclude` (what is being dragged and
 * everything inside it).
 */
export function containerAt(
  geometry: Geometry,
  point: { x: number; y: number },
  exclude: ReadonlySet<string> = new Set(),
): Box | undefined {
  let found: Box | undefined;
  for (const id of geometry.order) {
    const box = geometry.boxes.get(id)!;
    if (!isContainerKind(box.kind) || exclude.has(id)) continue;
    const inside =
      point.x >= box.absX &&
      point.x <= box.absX + box.width &&
      point.y >= box.absY &&
      point.y <= box.absY + box.height;
    // `order` lists parents before children, so a later hit is deeper.
    if (inside) found = box;
  }
  return found;
}

/** The chain of containers from a box up to the top, the box first. */
export function ancestry(geometry: Geometry, id: string | undefined): Box[] {
  const chain: Box[] = [];
  let current = id === undefined ? undefined : geometry.boxes.get(id);
  while (current) {
    chain.push(current);
    current = current.parent === undefined ? undefined : geometry.boxes.get(current.parent);
  }
  return chain;
}

/**
 * Layout entries that pin the children of a container that have no position of their own where they are
 * drawn now. Giving one child a position moves the automatically placed ones (they go after the placed
 * ones), so a command that places a child pins its unplaced siblings in the same step.
 */
export function pinUnplaced(
  geometry: Geometry,
  parentId: string | undefined,
): Record<string, { x: number; y: number }> {
  const entries: Record<string, { x: number; y: number }> = {};
  for (const id of geometry.children.get(parentId ?? '') ?? []) {
    const box = geometry.boxes.get(id)!;
    if (!box.placed && box.kind !== 'zone') entries[id] = { x: box.x, y: box.y };
  }
  return entries;
}
