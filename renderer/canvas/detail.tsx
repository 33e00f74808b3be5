// Level of detail of the canvas's nodes. A node is drawn in full (header, details, cost, problems, zone
// chips, handles) only once the view is close enough to read it (zoom at least FAR_ZOOM) and it has been
// near the visible area; otherwise it is a plain coloured box. A 2,000-element design, fitted, is drawn
// as 1,260 boxes of a few pixels: full nodes there cost four times the DOM, style, layout, paint and hit
// testing for text nobody can read. Which nodes are detailed is view state of one canvas, kept in its own
// small store so the app store's subscribers do not run when the view moves.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { createStore, useStore } from 'zustand';
import type { StoreApi } from 'zustand';

/**
 * Below this zoom a node's text is under 3 px tall: nodes are drawn as boxes (container titles aside) and
 * the background grid, whose dots would be closer than 4 px, is not drawn.
 */
export const FAR_ZOOM = 0.25;

/** How far around the visible area nodes are detailed ahead of being scrolled into view, in viewports. */
const MARGIN = 0.5;

export interface DetailState {
  /** Every node is detailed (outside a canvas: tests, previews). */
  readonly all: boolean;
  /** The view is zoomed out past FAR_ZOOM: no node is detailed, dependencies are drawn as one path. */
  readonly far: boolean;
  /** The nodes drawn in full. */
  readonly ids: ReadonlySet<string>;
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
  return createStore<DetailState>(() => ({ all: false, far: false, ids: NONE }));
}

/**
 * The nodes to draw in full for a view: none when zoomed out past FAR_ZOOM; otherwise the ones detailed
 * already plus every node within half a viewport of the visible area (a node once drawn in full stays so
 * until the view zooms out, so panning back and forth re-renders nothing). Returns `current` when
 * nothing changes, so subscribers see the same set.
 */
export function detailedIds(
  current: ReadonlySet<string>,
  zoom: number,
  view: FlowRect,
  boxes: Iterable<{ readonly id: string; readonly rect: FlowRect }>,
): ReadonlySet<string> {
  if (zoom < FAR_ZOOM) return current.size === 0 ? current : NONE;
  const left = view.x - view.width * MARGIN;
  const top = view.y - view.height * MARGIN;
  const right = view.x + view.width * (1 + MARGIN);
  const bottom = view.y + view.height * (1 + MARGIN);
  let next: Set<string> | undefined;
  for (const { id, rect } of boxes) {
    if (current.has(id)) continue;
    if (rect.x > right || rect.y > bottom || rect.x + rect.width < left || rect.y + rect.height < top)
      continue;
    next ??= new Set(current);
    next.add(id);
  }
  return next ?? current;
}

const EVERYTHING = createStore<DetailState>(() => ({ all: true, far: false, ids: NONE }));
const DetailContext = createContext<StoreApi<DetailState>>(EVERYTHING);

/** Provides a canvas's detail store to the nodes it draws. */
export function DetailProvider({ store, children }: { store: StoreApi<DetailState>; children: ReactNode }) {
  return <DetailContext.Provider value={store}>{children}</DetailContext.Provider>;
}

/** Whether the view is zoomed out past FAR_ZOOM. */
export function useFarView(): boolean {
  return useStore(useContext(DetailContext), (state) => state.far);
}

/** Whether the node is drawn in full; re-renders the caller only when that changes. */
export function useDetailed(id: string): boolean {
  return useStore(useContext(DetailContext), (state) => state.all || state.ids.has(id));
}

/** What `updateDetail` reads of React Flow's store. */
export interface FlowView {
  readonly transform: readonly [number, number, number];
  readonly width: number;
  readonly height: number;
  readonly nodeLookup: ReadonlyMap<
    string,
    {
      readonly id: string;
      readonly internals: { readonly positionAbsolute: { readonly x: number; readonly y: number } };
      readonly measured: { readonly width?: number; readonly height?: number };
      readonly width?: number;
      readonly height?: number;
    }
  >;
}

/**
 * Brings a detail store in line with React Flow's view: everything in full while the pane has no size
 * (not laid out: nothing is known about what is visible), otherwise `detailedIds`.
 */
export function updateDetail(store: StoreApi<DetailState>, flow: FlowView): void {
  const state = store.getState();
  if (flow.width <= 0 || flow.height <= 0) {
    if (!state.all) store.setState({ all: true, far: false, ids: NONE });
    return;
  }
  const [tx, ty, zoom] = flow.transform;
  const view = { x: -tx / zoom, y: -ty / zoom, width: flow.width / zoom, height: flow.height / zoom };
  const current = state.all ? NONE : state.ids;
  const ids = detailedIds(current, zoom, view, boxesOf(flow.nodeLookup));
  const far = zoom < FAR_ZOOM;
  if (state.all || ids !== state.ids || far !== state.far) store.setState({ all: false, far, ids });
}

function* boxesOf(lookup: FlowView['nodeLookup']): Iterable<{ id: string; rect: FlowRect }> {
  for (const node of lookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? node.width ?? 0;
    const height = node.measured.height ?? node.height ?? 0;
    yield { id: node.id, rect: { x, y, width, height } };
  }
}
