// Level of detail of the canvas's nodes. A node is drawn in full (header, details, cost, problems, zone
// chips, handles) only once the view is close enough to read it (zoom at least FAR_ZOOM) and it has been
// in view, and not while the view zooms out below MOTION_ZOOM; otherwise it is a plain coloured box. A
// 2,000-element design, fitted, is drawn as boxes of a few pixels (the 661 of its 1,260 nodes in view: React
// Flow leaves the others undrawn, Canvas.tsx): full nodes there cost four times the DOM, style, layout, paint
// and hit testing for text nobody can read. Which nodes are detailed is view state of one canvas, kept in its
// own small store so the app store's subscribers do not run when the view moves.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { createStore, useStore } from 'zustand';
import type { StoreApi } from 'zustand';
import { viewRect } from './minimap-geometry';

/**
 * Below this zoom a node's text is under 3 px tall: nodes are drawn as boxes (container titles aside) and
 * the background grid, whose dots would be closer than 4 px, is not drawn.
 */
export const FAR_ZOOM = 0.25;

/**
 * Below this zoom a node's text is under about 5 px tall: unreadable while the view moves. A view zooming out
 * past it loses its nodes' details at once (`dropsDetail`), and gets them back once it rests, if it rests at
 * FAR_ZOOM or closer. Each step of a wheel zoom repaints every node in view, and a hundred nodes drawn in full
 * made each step down here miss its frame, for text nobody could read at that size in motion.
 */
export const MOTION_ZOOM = 0.4;

/** Whether a move of the view from zoom `from` to `to` takes the nodes' details away while it moves. */
export function dropsDetail(from: number, to: number): boolean {
  return to < from && to < MOTION_ZOOM;
}

/** How long the view must rest before the detail follows it, ms. */
export const DETAIL_REST_MS = 100;

export interface DetailState {
  /** Every node is detailed (outside a canvas: tests, previews; a view never laid out). */
  readonly all: boolean;
  /** The nodes drawn in full. */
  readonly ids: ReadonlySet<string>;
  /**
   * The nodes whose edges React Flow draws (`createEdgeDetail`): the nodes drawn in full as of the last time
   * the detail caught up with the view. A catch-up a few nodes a frame hands React Flow their edges once, at
   * its end: each change of React Flow's edge list makes it run a selector for every node (about 3.5 ms at
   * 1,260 nodes), which on every frame of a catch-up made most of them miss their time.
   */
  readonly edges: ReadonlySet<string>;
  /** The view is zoomed out past FAR_ZOOM. */
  readonly far: boolean;
  /** The view has been known once (a pane laid out, a zoom computed). */
  readonly known: boolean;
}

/** A rectangle in flow coordinates. */
export interface FlowRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const NONE: ReadonlySet<string> = new Set();

/** A store of which nodes one canvas draws in full; starts with none. */
export function createDetailStore(): StoreApi<DetailState> {
  return createStore<DetailState>(() => ({ all: false, ids: NONE, edges: NONE, far: false, known: false }));
}

/**
 * How many nodes are drawn in full in one frame at most, once the view rests: a node drawn in full costs
 * about a millisecond and a half to render and lay out, so a zoom across FAR_ZOOM that brings a hundred
 * nodes into view fills them in over a few frames instead of freezing one. (Details are taken away at once.)
 */
export const DETAIL_BATCH = 8;

/**
 * One step towards the nodes to draw in full for a view. Zoomed out past FAR_ZOOM the target is none, and
 * it is reached at once; zoomed in it is the nodes detailed already plus every node in view (a node once
 * drawn in full stays so until the view zooms out, so panning back and forth re-renders nothing), at most
 * `limit` more a step. `done` says whether the target was reached. `ids` is `current` itself when nothing
 * changes, so subscribers see the same set.
 *
 * Details are taken away in one frame (`dropDetail`): every step of a wheel zoom repaints the drawing, and
 * taking them away a few nodes a frame made each of those frames miss its time while the zoom went on.
 */
export function detailedIds(
  current: ReadonlySet<string>,
  zoom: number,
  view: FlowRect,
  boxes: Iterable<{ readonly id: string; readonly rect: FlowRect }>,
  limit = Number.POSITIVE_INFINITY,
): { readonly ids: ReadonlySet<string>; readonly done: boolean } {
  if (zoom < FAR_ZOOM) return { ids: current.size === 0 ? current : NONE, done: true };
  const visible: string[] = [];
  for (const { id, rect } of boxes) {
    if (current.has(id)) continue;
    if (rect.x > view.x + view.width || rect.y > view.y + view.height) continue;
    if (rect.x + rect.width < view.x || rect.y + rect.height < view.y) continue;
    visible.push(id);
  }
  if (visible.length === 0) return { ids: current, done: true };
  const next = new Set(current);
  for (const id of visible.slice(0, limit)) next.add(id);
  return { ids: next, done: visible.length <= limit };
}

const EVERYTHING = createStore<DetailState>(() => ({
  all: true,
  ids: NONE,
  edges: NONE,
  far: false,
  known: false,
}));
const DetailContext = createContext<StoreApi<DetailState>>(EVERYTHING);

/** Provides a canvas's detail store to the nodes it draws. */
export function DetailProvider({ store, children }: { store: StoreApi<DetailState>; children: ReactNode }) {
  return <DetailContext.Provider value={store}>{children}</DetailContext.Provider>;
}

/** Whether the node is drawn in full; re-renders the caller only when that changes. */
export function useDetailed(id: string): boolean {
  return useStore(useContext(DetailContext), (state) => state.all || state.ids.has(id));
}

/** The dependencies split between React Flow and FarEdges. */
export interface EdgeSplit<E> {
  /** The edges React Flow draws (selectable, with arrows and the dependency type). */
  readonly drawn: readonly E[];
  /** The edges FarEdges draws, as one path. */
  readonly far: readonly E[];
}

/** What of the detail decides which edges React Flow draws. */
export type EdgeDetailInput = Pick<DetailState, 'all' | 'edges' | 'far'>;

/**
 * Which edges React Flow draws and which FarEdges draws: when zoomed out, FarEdges draws every edge; zoomed
 * in, those neither of whose ends is in `edges` (an edge to one node drawn in full is React Flow's: its other
 * end is the handle its plain box declares). A selected edge is always React Flow's, so what is selected (and
 * would be deleted) is seen. The edges FarEdges draws are left out of React Flow's list rather than marked
 * hidden: React Flow renders a component for every edge it is given, hidden or not, and 700 of them cost an
 * open of a large design about 30 ms for nothing. Each list keeps its identity while its edges are the same,
 * so React Flow re-renders only the edges that appear or disappear.
 */
export function createEdgeDetail<
  E extends { readonly source: string; readonly target: string; readonly selected?: boolean },
>(): (edges: readonly E[], detail: EdgeDetailInput) => EdgeSplit<E> {
  let last: EdgeSplit<E> | undefined;
  const same = (a: readonly E[], b: readonly E[]) =>
    a.length === b.length && a.every((edge, i) => edge === b[i]);
  return (edges, detail) => {
    const shown = (id: string) => detail.all || detail.edges.has(id);
    const drawn: E[] = [];
    const far: E[] = [];
    for (const edge of edges) {
      const reactFlows =
        detail.all || edge.selected || (!detail.far && (shown(edge.source) || shown(edge.target)));
      (reactFlows ? drawn : far).push(edge);
    }
    const next = {
      drawn: last && same(last.drawn, drawn) ? last.drawn : drawn,
      far: last && same(last.far, far) ? last.far : far,
    };
    if (last && next.drawn === last.drawn && next.far === last.far) return last;
    last = next;
    return next;
  };
}

/** What `updateDetail` reads of React Flow's store. */
export interface FlowView {
  readonly transform: readonly [number, number, number];
  readonly width: number;
  readonly height: number;
  readonly nodeLookup: ReadonlyMap<string, FlowNode>;
}

/** A node as React Flow's lookup holds it, as far as the detail reads it. */
export interface FlowNode {
  readonly id: string;
  readonly internals: { readonly positionAbsolute: { readonly x: number; readonly y: number } };
  readonly measured: { readonly width?: number; readonly height?: number };
  readonly width?: number;
  readonly height?: number;
}

/**
 * Moves a detail store one step (`detailedIds`, at most `limit` nodes) towards React Flow's view. While
 * the view is unknown (a pane not laid out, a zoom not yet computed) everything is drawn in full if it never
 * was known, and left as it is otherwise (a pane squeezed to nothing for a moment). Returns whether the
 * store has caught up with the view.
 */
export function updateDetail(
  store: StoreApi<DetailState>,
  flow: FlowView,
  limit = Number.POSITIVE_INFINITY,
): boolean {
  const state = store.getState();
  const [tx, ty, zoom] = flow.transform;
  if (!(flow.width > 0 && flow.height > 0 && zoom > 0 && Number.isFinite(tx + ty + zoom))) {
    if (!state.all && !state.known) store.setState({ all: true, ids: NONE, edges: NONE });
    return true;
  }
  const view = viewRect(flow.transform, flow.width, flow.height);
  const current = state.all ? NONE : state.ids;
  const { ids, done } = detailedIds(current, zoom, view, boxesOf(flow.nodeLookup), limit);
  const far = zoom < FAR_ZOOM;
  const edges = done ? ids : state.all ? NONE : state.edges;
  if (state.all || !state.known || ids !== state.ids || far !== state.far || edges !== state.edges)
    store.setState({ all: false, ids, edges, far, known: true });
  return done;
}

/**
 * Takes every node's details away at once, and nothing else: for a view that zooms out below MOTION_ZOOM while
 * it moves. The edges stay with whoever drew them until the view rests (`updateDetail` then hands them over):
 * a change of React Flow's edge list re-runs a selector for every node and every edge it draws, and the path
 * of the edges it no longer draws is built again, about 12 ms of the frame that takes the details away.
 */
export function dropDetail(store: StoreApi<DetailState>): void {
  const state = store.getState();
  if (state.all || state.ids.size > 0) store.setState({ all: false, ids: NONE, known: true });
}

/** A node's rectangle in flow coordinates, as React Flow places and measures it. */
export function nodeRect(node: FlowNode): FlowRect {
  const { x, y } = node.internals.positionAbsolute;
  return {
    x,
    y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

function* boxesOf(lookup: FlowView['nodeLookup']): Iterable<{ id: string; rect: FlowRect }> {
  for (const node of lookup.values()) yield { id: node.id, rect: nodeRect(node) };
}
