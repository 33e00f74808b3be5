// Automatic layout with elkjs (layered), container by container from the inside out: the rows of a pool
// or fleet are stacked, the pools of a cluster and the clusters and fleets of a region are laid out by
// ELK with the dependencies between their workloads lifted to them (so callers sit before callees), and
// each container then takes the size of what it holds. The result is a set of layout entries: one
// `layout` command (one undo step) for "Arrange", or silent positions for a file opened without any.
import type ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import { elementsOf } from '../../shared/model/elements';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import type { Box, Geometry } from './geometry';
import { CONTAINERS, ROW_GAP, computeGeometry, isContainerKind } from './geometry';

export type LayoutMode = 'all' | 'missing';

let elk: Promise<InstanceType<typeof ELK>> | undefined;

/**
 * ELK (about 1.4 MB of compiled Java) is loaded the first time a layout is needed, not at startup. In a
 * browser it runs in a Web Worker, so arranging a large design never blocks the canvas; where there are no
 * workers (Node, the tests) it runs in place.
 */
function loadElk(): Promise<InstanceType<typeof ELK>> {
  elk ??=
    typeof Worker === 'undefined'
      ? import('elkjs/lib/elk.bundled.js').then(({ default: Elk }) => new Elk())
      : Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
          ([{ default: Elk }, { default: workerUrl }]) => new Elk({ workerUrl }) as InstanceType<typeof ELK>,
        );
  return elk;
}

/** ELK options by container: pools sit side by side in a cluster; layers run left to right elsewhere. */
function elkOptions(direction: 'RIGHT' | 'DOWN', spacing: number): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': String(spacing),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(spacing * 2),
    'elk.spacing.componentComponent': String(spacing),
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  };
}

/**
 * Positions for the elements without one that share their container with an element that has one: where
 * the geometry draws them now, after their placed siblings. That is what `computeAutoLayout(doc, 'missing')`
 * gives them too; this needs no ELK and no waiting, so a file that lacks a few positions can be completed
 * before it is first drawn. Elements whose siblings all lack positions are left to ELK.
 */
export function placeBesidePositioned(doc: TopologyDocument): Record<string, NodeLayout> {
  const geometry = computeGeometry(doc);
  const positioned = doc.layout.nodes;
  const entries: Record<string, NodeLayout> = {};
  for (const kids of geometry.children.values()) {
    const boxes = kids.map((kid) => geometry.boxes.get(kid)!).filter((box) => box.kind !== 'zone');
    if (!boxes.some((box) => positioned[box.id])) continue;
    for (const box of boxes) if (!positioned[box.id]) entries[box.id] = { x: box.x, y: box.y };
  }
  return entries;
}

/**
 * Layout entries for the canvas. `all` arranges everything (and drops fixed sizes); `missing` gives
 * positions only to elements without one, keeping what the file says.
 */
export async function computeAutoLayout(
  doc: TopologyDocument,
  mode: LayoutMode = 'all',
): Promise<Record<string, NodeLayout>> {
  const geometry = computeGeometry(doc);
  const positioned = new Set(Object.keys(doc.layout.nodes));
  const missing = [...geometry.boxes.values()].filter((b) => b.kind !== 'zone' && !positioned.has(b.id));
  if (mode === 'missing' && missing.length === 0) return {};

  const lifted = liftDependencies(doc, geometry);
  const sizes = new Map<string, { width: number; height: number }>();
  const positions = new Map<string, { x: number; y: number }>();

  const kidsOf = (id: string) =>
    (geometry.children.get(id) ?? []).filter((kid) => geometry.boxes.get(kid)!.kind !== 'zone');

  const layoutContainer = async (id: string): Promise<void> => {
    const box = id === '' ? undefined : geometry.boxes.get(id)!;
    const kids = kidsOf(id);
    for (const kid of kids) {
      const kidBox = geometry.boxes.get(kid)!;
      if (isContainerKind(kidBox.kind)) await layoutContainer(kid);
      else sizes.set(kid, { width: kidBox.width, height: kidBox.height });
    }
    const metrics = box ? CONTAINERS[box.kind as keyof typeof CONTAINERS] : undefined;
    const top = metrics?.header ?? 0;
    const left = metrics?.pad ?? 0;
    if (metrics?.flow === 'column') {
      let y = top;
      for (const kid of kids) {
        positions.set(kid, { x: left, y });
        y += sizes.get(kid)!.height + ROW_GAP;
      }
    } else if (mode === 'missing' && kids.some((kid) => positioned.has(kid))) {
      // Some children keep the places the file gives them, and new ones go where the geometry puts them
      // (see below): nothing here needs ELK.
      for (const kid of kids) {
        const kidBox = geometry.boxes.get(kid)!;
        positions.set(kid, { x: kidBox.x, y: kidBox.y });
      }
    } else if (kids.length > 0) {
      const graph: ElkNode = {
        id: id || 'root',
        layoutOptions: elkOptions(box?.kind === 'cluster' ? 'DOWN' : 'RIGHT', box ? 24 : 64),
        children: kids.map((kid) => ({ id: kid, ...sizes.get(kid)! })),
        edges: (lifted.get(id) ?? []).map(([from, to], i) => ({
          id: `e${i}`,
          sources: [from],
          targets: [to],
        })),
      };
      const result = await (await loadElk()).layout(graph);
      const down = box?.kind === 'cluster';
      // ELK centres the nodes of a layer on each other; a design reads better with each layer aligned
      // to the container's top (or left edge, when layers run downwards).
      const layerStart = new Map<number, number>();
      for (const child of result.children ?? []) {
        const layer = Math.round(down ? (child.y ?? 0) : (child.x ?? 0));
        const start = down ? (child.x ?? 0) : (child.y ?? 0);
        layerStart.set(layer, Math.min(layerStart.get(layer) ?? Infinity, start));
      }
      for (const child of result.children ?? []) {
        const x = child.x ?? 0;
        const y = child.y ?? 0;
        const shift = layerStart.get(Math.round(down ? y : x)) ?? 0;
        positions.set(child.id, {
          x: Math.round(left + (down ? x - shift : x)),
          y: Math.round(top + (down ? y : y - shift)),
        });
      }
    }
    if (box && metrics) {
      let right = 0;
      let bottom = 0;
      for (const kid of kids) {
        const p = positions.get(kid)!;
        const s = sizes.get(kid)!;
        right = Math.max(right, p.x + s.width);
        bottom = Math.max(bottom, p.y + s.height);
      }
      const lane = laneWidth(geometry, box);
      sizes.set(id, {
        width: Math.max(metrics.minWidth, right + metrics.pad, lane),
        height: Math.max(metrics.minHeight, bottom + metrics.pad),
      });
    }
  };
  await layoutContainer('');

  const entries: Record<string, NodeLayout> = {};
  if (mode === 'all') {
    for (const [id, p] of positions) entries[id] = { x: p.x, y: p.y };
    return entries;
  }
  // Only the missing: a container whose children all lack positions takes ELK's arrangement; one that
  // already has some keeps them, and its new children go where the geometry put them (after the rest).
  for (const box of missing) {
    const siblings = kidsOf(box.parent ?? '');
    const allMissing = siblings.every((kid) => !positioned.has(kid));
    const p = allMissing ? positions.get(box.id) : { x: box.x, y: box.y };
    if (p) entries[box.id] = { x: p.x, y: p.y };
  }
  return entries;
}

function laneWidth(geometry: Geometry, box: Box): number {
  if (box.kind !== 'region') return 0;
  const zones = (geometry.children.get(box.id) ?? []).map((id) => geometry.boxes.get(id)!);
  const last = zones.filter((z) => z.kind === 'zone').pop();
  return last ? last.x + last.width + CONTAINERS.region.pad : 0;
}

/**
 * The dependencies between workloads as edges between the children of the container where the two
 * workloads' ancestries meet: a call from a pool's workload to another pool's workload is an edge between
 * the two pools inside their cluster. Keyed by container id ('' for the top level).
 */
function liftDependencies(doc: TopologyDocument, geometry: Geometry): Map<string, [string, string][]> {
  const chain = (id: string): string[] => {
    const out: string[] = [];
    let current = geometry.boxes.get(id);
    while (current) {
      out.unshift(current.id);
      current = current.parent === undefined ? undefined : geometry.boxes.get(current.parent);
    }
    return out;
  };
  const lifted = new Map<string, [string, string][]>();
  const seen = new Set<string>();
  for (const dependency of elementsOf(doc, 'dependency')) {
    if (!geometry.boxes.has(dependency.from) || !geometry.boxes.has(dependency.to)) continue;
    const a = chain(dependency.from);
    const b = chain(dependency.to);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i >= a.length || i >= b.length) continue;
    const container = i === 0 ? '' : a[i - 1]!;
    const key = `${container}\u0000${a[i]}\u0000${b[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = lifted.get(container) ?? [];
    list.push([a[i]!, b[i]!]);
    lifted.set(container, list);
  }
  return lifted;
}
