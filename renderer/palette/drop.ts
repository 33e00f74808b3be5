// Dropping a palette item on the canvas: the drag carries the item id in a custom MIME type, the pointer
// position picks the target container (the model's containment rules decide), and a valid drop becomes
// one command. An invalid drop creates nothing and says why.
import type { Catalog } from '../../shared/catalog/types';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import { resolveDropTarget } from '../canvas/drop-target';
import { CONTAINERS, GRID, ROW_GAP, computeGeometry, isContainerKind, pinUnplaced } from '../canvas/geometry';
import type { DropTarget } from '../store/session-slice';
import type { CreateResult, PaletteItemId } from './items';
import { createFromPalette, paletteItem } from './items';

/** MIME type prefix of a palette drag; the item id follows, lower-cased (browsers lower-case types). */
export const PALETTE_MIME = 'application/x-topology-palette';

export function paletteMimeType(id: PaletteItemId): string {
  return `${PALETTE_MIME}+${id.toLowerCase()}`;
}

/** The palette item a drag carries, read from its types (readable during dragover, unlike its data). */
export function paletteItemOfTypes(types: readonly string[]): PaletteItemId | undefined {
  for (const type of types) {
    if (!type.startsWith(`${PALETTE_MIME}+`)) continue;
    const name = type.slice(PALETTE_MIME.length + 1);
    const item = ['region', 'zone', 'cluster', 'nodePool', 'gpuPool', 'fleet', 'workload'].find(
      (id) => id.toLowerCase() === name,
    );
    if (item) return item as PaletteItemId;
  }
  return undefined;
}

const snap = (value: number) => Math.round(value / GRID) * GRID;

/** Where a palette item would go at a canvas point (for the highlight while dragging). */
export function paletteDropTarget(
  doc: TopologyDocument,
  itemId: PaletteItemId,
  point: { x: number; y: number },
): DropTarget {
  const item = paletteItem(itemId)!;
  return resolveDropTarget(computeGeometry(doc), item.kind, point);
}

/** What dropping a palette item at a canvas point does: a command (and the id to select) or a reason. */
export function planPaletteDrop(
  doc: TopologyDocument,
  catalog: Catalog,
  itemId: PaletteItemId,
  point: { x: number; y: number },
): CreateResult {
  const item = paletteItem(itemId);
  if (!item) return { ok: false, reason: `unknown palette item "${itemId}"` };
  const geometry = computeGeometry(doc);
  const target = resolveDropTarget(geometry, item.kind, point);
  if (!target.ok) return { ok: false, reason: target.reason ?? 'it cannot be placed here' };
  let layout: NodeLayout = { x: snap(point.x), y: snap(point.y) };
  const parent = target.id === undefined ? undefined : geometry.boxes.get(target.id);
  if (parent && isContainerKind(parent.kind)) {
    const metrics = CONTAINERS[parent.kind];
    if (metrics.flow === 'column') {
      // Rows go under the rows already there.
      let bottom = metrics.header;
      for (const kid of geometry.children.get(parent.id) ?? []) {
        const box = geometry.boxes.get(kid)!;
        bottom = Math.max(bottom, box.y + box.height + ROW_GAP);
      }
      layout = { x: metrics.pad, y: bottom };
    } else {
      layout = {
        x: Math.max(metrics.pad, snap(point.x - parent.absX)),
        y: Math.max(metrics.header, snap(point.y - parent.absY)),
      };
    }
  }
  const created = createFromPalette(item, doc, catalog, target.id, layout);
  const pinned = pinUnplaced(geometry, target.id);
  if (!created.ok || Object.keys(pinned).length === 0) return created;
  const label = created.command.type === 'batch' ? created.command.label : `Add ${item.label.toLowerCase()}`;
  return {
    ...created,
    command: { type: 'batch', label, commands: [{ type: 'layout', entries: pinned }, created.command] },
  };
}
