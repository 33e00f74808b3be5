// Where a dragged element would land: the container under the pointer, or the nearest container around it
// that may hold the element (a pool dropped on a workload row of another pool goes into that pool's
// cluster). The model's containment rules decide (`canContain`), and a refusal carries their words.
import type { ElementKind } from '../../shared/model/elements';
import { CONTAINMENT, canContain } from '../../shared/model/commands';
import type { DropTarget } from '../store/session-slice';
import type { Geometry } from './geometry';
import { ancestry, containerAt } from './geometry';

/** The drop target for an element of `kind` at a canvas point, skipping `exclude` (the dragged subtree). */
export function resolveDropTarget(
  geometry: Geometry,
  kind: ElementKind,
  point: { x: number; y: number },
  exclude: ReadonlySet<string> = new Set(),
): DropTarget {
  const deepest = containerAt(geometry, point, exclude);
  if (kind === 'region') {
    return deepest
      ? { id: deepest.id, ok: false, reason: CONTAINMENT.region.rule }
      : { id: undefined, ok: true };
  }
  for (const box of ancestry(geometry, deepest?.id)) {
    if (canContain(box.kind, kind).ok) return { id: box.id, ok: true };
  }
  const refusal = canContain(deepest?.kind, kind);
  return { id: deepest?.id, ok: false, reason: refusal.ok ? undefined : refusal.reason };
}
