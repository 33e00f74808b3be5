// The one seam between React Flow and the model (STYLE.md section 5). React Flow describes what the user
// did as typed changes; this adapter turns each into a command or a session update:
//   select                      -> session selection
//   position while dragging     -> live positions only (`onLivePositions`), not the document: a drag
//                                  moves the nodes on the canvas; its end writes one `layout` inside the
//                                  drag's gesture (the whole drag is one undo step)
//   drop into another container -> `move` (re-parent) in the same gesture; an invalid drop snaps back
//   position without a drag     -> one `layout` command (arrow keys)
//   dimensions while resizing   -> `layout` width/height inside a gesture
//   dimensions (measured)       -> session sizes
//   remove                      -> the edit.delete command (which shows what else goes)
//   connect                     -> `connect` between two workloads
// Nothing else writes to the document from the canvas.
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import { findElement, getElement } from '../../shared/model/elements';
import { uniqueId } from '../../shared/model/commands';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import type { AppStore } from '../store/app-store';
import { resolveDropTarget } from './drop-target';
import { CONTAINERS, computeGeometry, descendantsOf, isContainerKind, pinUnplaced } from './geometry';
import type { Geometry, NodeKind } from './geometry';
import type { DependencyEdge, TopologyNode } from './projection';
import { moveCommand } from './reparent';

export interface CanvasAdapter {
  onNodesChange(changes: readonly NodeChange<TopologyNode>[]): void;
  onEdgesChange(changes: readonly EdgeChange<DependencyEdge>[]): void;
  onConnect(connection: Connection): void;
  isValidConnection(connection: Pick<Connection, 'source' | 'target'>): boolean;
  /** A node drag began (React Flow's onNodeDragStart), with every node it moves. */
  dragStart(ids: readonly string[]): void;
  /** The pointer moved during a drag, in canvas coordinates: updates the drop target feedback. */
  dragMove(ids: readonly string[], pointer: { x: number; y: number }): void;
  /** The drag ended with the pointer here: re-parents, keeps the new position, or snaps back. */
  dragEnd(ids: readonly string[], pointer: { x: number; y: number } | undefined): void;
}

/** Where nodes being dragged are drawn, relative to their container, until the drag ends. */
export type LivePositions = ReadonlyMap<string, { readonly x: number; readonly y: number }>;

export interface AdapterDeps {
  readonly store: AppStore;
  /** Deletes elements the way the Delete command does (with its confirmation). */
  readonly deleteElements: (ids: readonly string[]) => void;
  /**
   * Told where dragged nodes are while a drag lasts (null when it ends). The canvas draws them there; the
   * document is written once, at the end, so a drag does not re-run everything that follows the document
   * (projection, selectors, autosave, the YAML view) on every pointer move.
   */
  readonly onLivePositions?: (positions: LivePositions | null) => void;
}

type Mode = 'drag' | 'resize' | null;

export function createCanvasAdapter({ store, deleteElements, onLivePositions }: AdapterDeps): CanvasAdapter {
  let mode: Mode = null;
  let live = new Map<string, { x: number; y: number }>();

  /** Writes the live positions of a drag to the document (inside the drag's gesture) and forgets them. */
  const flushLive = () => {
    const doc = store.getState().doc;
    const entries: Record<string, NodeLayout> = {};
    for (const [id, position] of live) {
      const entry = doc.layout.nodes[id];
      if (findElement(doc, id) === undefined) continue;
      if (entry && entry.x === position.x && entry.y === position.y) continue;
      entries[id] = { ...entry, ...position };
    }
    live = new Map();
    if (Object.keys(entries).length > 0) store.getState().dispatch({ type: 'layout', entries });
    onLivePositions?.(null);
  };

  const entryOf = (doc: TopologyDocument, id: string, pending: Record<string, NodeLayout>) =>
    pending[id] ?? doc.layout.nodes[id];

  const begin = (next: Exclude<Mode, null>) => {
    if (mode === next) return;
    if (mode !== null) store.getState().endGesture();
    mode = next;
    store.getState().beginGesture();
  };

  const applySelection = (changes: readonly { type: string; id: string; selected?: boolean }[]) => {
    const state = store.getState();
    const selection = new Set(state.selection);
    let touched = false;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      touched = true;
      if (change.selected) selection.add(change.id);
      else selection.delete(change.id);
    }
    if (touched) state.setSelection([...selection]);
  };

  return {
    onNodesChange(changes) {
      applySelection(changes as readonly { type: string; id: string; selected?: boolean }[]);
      const state = store.getState();
      const doc = state.doc;
      const entries: Record<string, NodeLayout> = {};
      const measured: Record<string, { width: number; height: number }> = {};
      const removed: string[] = [];
      let resizeEnded = false;
      let livesMoved = false;
      for (const change of changes) {
        switch (change.type) {
          case 'position': {
            if (!change.position || findElement(doc, change.id) === undefined) break;
            const x = Math.round(change.position.x);
            const y = Math.round(change.position.y);
            // Until the drag ends (React Flow's last change of a drag says dragging: false), positions are live.
            if (change.dragging || mode === 'drag') {
              if (change.dragging) begin('drag');
              live.set(change.id, { x, y });
              livesMoved = true;
              break;
            }
            if (live.delete(change.id)) livesMoved = true;
            const entry = entryOf(doc, change.id, entries);
            if (entry && entry.x === x && entry.y === y) break;
            entries[change.id] = { ...entry, x, y };
            break;
          }
          case 'dimensions': {
            if (!change.dimensions) break;
            if (change.resizing === true || (change.resizing === false && mode === 'resize')) {
              if (change.resizing) begin('resize');
              else resizeEnded = true;
              const box = computeGeometry(doc).boxes.get(change.id);
              const entry = entryOf(doc, change.id, entries) ?? (box ? { x: box.x, y: box.y } : undefined);
              if (!entry) break;
              entries[change.id] = {
                ...entry,
                width: Math.round(change.dimensions.width),
                height: Math.round(change.dimensions.height),
              };
            } else measured[change.id] = change.dimensions;
            break;
          }
          case 'remove':
            removed.push(change.id);
            break;
          default:
            break;
        }
      }
      if (Object.keys(entries).length > 0) state.dispatch({ type: 'layout', entries });
      if (livesMoved) onLivePositions?.(live.size > 0 ? new Map(live) : null);
      if (resizeEnded) {
        const ids = Object.keys(entries);
        store.getState().endGesture(ids.length === 1 ? `Resize "${ids[0]}"` : 'Resize');
        mode = null;
      }
      if (Object.keys(measured).length > 0) store.getState().setMeasured(measured);
      if (removed.length > 0) deleteElements(removed);
    },

    onEdgesChange(changes) {
      applySelection(changes as readonly { type: string; id: string; selected?: boolean }[]);
      const removed = changes.filter((change) => change.type === 'remove').map((change) => change.id);
      if (removed.length > 0) deleteElements(removed);
    },

    isValidConnection(connection) {
      const doc = store.getState().doc;
      const { source, target } = connection;
      if (!source || !target || source === target) return false;
      if (!getElement(doc, 'workload', source) || !getElement(doc, 'workload', target)) return false;
      return !doc.spec.dependencies.some((d) => d.from === source && d.to === target);
    },

    onConnect(connection) {
      if (!this.isValidConnection(connection)) return;
      const state = store.getState();
      const id = uniqueId(state.doc, `${connection.source}-to-${connection.target}`);
      const result = state.dispatch({
        type: 'connect',
        dependency: { id, from: connection.source, to: connection.target, type: 'hard' },
      });
      if (result.ok) state.setSelection([id]);
    },

    dragStart(ids) {
      begin('drag');
      store.getState().setDragging(ids);
    },

    dragMove(ids, pointer) {
      const state = store.getState();
      if (ids.length !== 1) return;
      const found = findElement(state.doc, ids[0]!);
      if (!found || found.kind === 'region') return;
      const geometry = computeGeometry(state.doc, state.dragging);
      const exclude = new Set([ids[0]!, ...descendantsOf(geometry, ids[0]!)]);
      state.setDropTarget(resolveDropTarget(geometry, found.kind, pointer, exclude));
    },

    dragEnd(ids, pointer) {
      const state = store.getState();
      if (mode !== 'drag') {
        live = new Map();
        onLivePositions?.(null);
        state.setDragging([]);
        state.setDropTarget(null);
        return;
      }
      const doc = state.doc;
      // The drop is judged on what the user saw: the document without the live positions, the dragged
      // nodes floating, and the dragged node where it was drawn.
      const geometry = computeGeometry(doc, state.dragging);
      const single = ids.length === 1 ? findElement(doc, ids[0]!) : undefined;
      let refusal: string | undefined;
      let label: string | undefined;
      if (single && single.kind !== 'region' && pointer) {
        const id = ids[0]!;
        const box = drawnBox(geometry, id, live.get(id));
        const exclude = new Set([id, ...descendantsOf(geometry, id)]);
        const target = resolveDropTarget(geometry, single.kind, pointer, exclude);
        if (!target.ok || target.id === undefined) refusal = target.reason;
        else if (box && target.id !== box.parent) {
          const parent = geometry.boxes.get(target.id)!;
          const position = insideContainer(
            { x: box.absX - parent.absX, y: box.absY - parent.absY },
            parent.kind,
          );
          // Siblings placed automatically in either container stay where they are drawn.
          const pinned = { ...pinUnplaced(geometry, box.parent), ...pinUnplaced(geometry, target.id) };
          if (Object.keys(pinned).length > 0) state.dispatch({ type: 'layout', entries: pinned });
          const result = state.dispatch(moveCommand(doc, id, target.id, position));
          if (!result.ok) refusal = '';
          else label = result.label;
          live.delete(id);
        }
      }
      if (refusal === undefined) flushLive();
      else {
        live = new Map();
        onLivePositions?.(null);
      }
      if (refusal === undefined) {
        // Whatever stays in its container is kept clear of the container's header.
        const clamped: Record<string, NodeLayout> = {};
        const current = store.getState().doc;
        const after = computeGeometry(current);
        for (const id of ids) {
          const box = after.boxes.get(id);
          const entry = current.layout.nodes[id];
          if (!box || !entry || box.parent === undefined) continue;
          const parent = after.boxes.get(box.parent)!;
          const p = insideContainer({ x: entry.x, y: entry.y }, parent.kind);
          if (p.x !== entry.x || p.y !== entry.y) clamped[id] = { ...entry, ...p };
        }
        if (Object.keys(clamped).length > 0) state.dispatch({ type: 'layout', entries: clamped });
        state.endGesture(
          label ?? (ids.length === 1 ? `Move "${ids[0]}" on the canvas` : `Move ${ids.length} elements`),
        );
      } else {
        state.cancelGesture();
        // An empty reason means the model refused the move and already said why.
        if (refusal) state.showToast({ kind: 'error', message: `Cannot drop here: ${refusal}` });
      }
      mode = null;
      state.setDragging([]);
      state.setDropTarget(null);
    },
  };
}

/** Where a node was drawn during a drag: its box, moved to its live position (relative to its container). */
function drawnBox(geometry: Geometry, id: string, position: { x: number; y: number } | undefined) {
  const box = geometry.boxes.get(id);
  if (!box || !position) return box;
  const parent = box.parent === undefined ? undefined : geometry.boxes.get(box.parent);
  return { ...box, absX: (parent?.absX ?? 0) + position.x, absY: (parent?.absY ?? 0) + position.y };
}

/** A child position kept below a container's header and inside its left and top padding. */
function insideContainer(position: { x: number; y: number }, kind: NodeKind): { x: number; y: number } {
  if (!isContainerKind(kind)) return position;
  const metrics = CONTAINERS[kind];
  return {
    x: Math.max(metrics.pad, Math.round(position.x)),
    y: Math.max(metrics.header, Math.round(position.y)),
  };
}
