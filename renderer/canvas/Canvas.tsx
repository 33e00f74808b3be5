// The canvas: React Flow showing the projection of the document, wired to the store only through the
// adapter (canvas changes) and the palette drop planner (new elements).
import {
  Controls,
  ReactFlow,
  SelectionMode,
  getViewportForBounds,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi,
} from '@xyflow/react';
import type { Node, OnEdgesChange, OnNodesChange, ReactFlowProps, Viewport } from '@xyflow/react';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent as ReactDragEvent, MouseEvent as ReactMouseEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useAppStoreShallow, useServices } from '../app/context';
import { deleteElements } from '../commands/app-commands';
import { paletteDropTarget, paletteItemOfTypes, planPaletteDrop } from '../palette/drop';
import { createCanvasAdapter } from './adapter';
import {
  createDetailStore,
  createEdgeDetail,
  DETAIL_BATCH,
  DETAIL_REST_MS,
  DetailProvider,
  dropDetail,
  dropsDetail,
  FAR_ZOOM,
  updateDetail,
} from './detail';
import type { EdgeDetailInput } from './detail';
import type { LivePositions } from './adapter';
import { GRID, computeGeometry, geometryBounds } from './geometry';
import { NODE_TYPES } from './nodes';
import type { DependencyEdge, TopologyNode } from './projection';
import { createProjector, withLivePositions } from './projection';
import { ContextMenu } from './ContextMenu';
import type { ContextMenuState } from './ContextMenu';
import { DropHint } from './DropHint';
import { EmptyCanvas } from './EmptyCanvas';
import { FarEdges } from './FarEdges';
import { GridBackground } from './GridBackground';
import { Minimap } from './Minimap';

// Props React Flow receives keep their identity from render to render: any prop that changes makes React
// Flow update its store, and every node re-checks what it reads from it.
const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: false };

/** Fit the design with a margin; a small design is not blown up past its natural size. */
const FIT_VIEW = { padding: 0.08, maxZoom: 1, duration: 200 } as const;

function pointerOf(event: MouseEvent | TouchEvent | ReactMouseEvent): { x: number; y: number } | undefined {
  if ('clientX' in event) return { x: event.clientX, y: event.clientY };
  const touch = event.changedTouches?.[0] ?? event.touches?.[0];
  return touch ? { x: touch.clientX, y: touch.clientY } : undefined;
}

export function Canvas() {
  const services = useServices();
  const { store } = services;
  const flow = useReactFlow<TopologyNode, DependencyEdge>();
  const projector = useMemo(createProjector, []);
  const input = useAppStoreShallow((s) => ({
    doc: s.doc,
    selection: s.selection,
    dragging: s.dragging,
    measured: s.measured,
  }));
  // An edit of the model (not of positions, sizes or the selection) reaches the canvas at a lower priority
  // than the rest of the window: the status bar, inspector and node badges show the new figures first, and
  // the projection of a large design renders after them, interruptibly. Anything the user moves or selects
  // on the canvas is drawn at once.
  const deferred = useDeferredValue(input);
  const [live, setLive] = useState<LivePositions | null>(null);
  const modelEditOnly =
    deferred.doc.layout === input.doc.layout &&
    deferred.selection === input.selection &&
    deferred.dragging === input.dragging &&
    deferred.measured === input.measured;
  const projection = projector(modelEditOnly && live === null ? deferred : input);
  const nodes = useMemo(() => withLivePositions(projection.nodes, live), [projection.nodes, live]);
  const minimap = useAppStore((s) => s.panels.minimap);
  const theme = useAppStore((s) => s.theme);
  const empty = nodes.length === 0;
  const wrapper = useRef<HTMLDivElement>(null);

  // Which nodes are drawn in full follows React Flow's view and nodes (detail.tsx); the app store is not
  // involved, so moving the view runs no selector of the rest of the window.
  const flowStore = useStoreApi<TopologyNode, DependencyEdge>();
  const detail = useMemo(createDetailStore, []);
  // Only what decides the edges: the nodes a catch-up details do not re-render the canvas.
  const edgeInput = useStore(
    detail,
    useShallow((state): EdgeDetailInput => ({ all: state.all, edges: state.edges, far: state.far })),
  );
  // React Flow can tell which nodes are in view once the canvas is laid out (a component test's never is:
  // React Flow then takes its pane for 500 by 500 pixels): until then every node is drawn, from then on only
  // those in view, even if the pane is squeezed to nothing for a moment. Read after the frame that lays the
  // canvas out, and again each time React Flow sees its pane change size until then (not after: a resize of
  // the window would re-render the canvas for nothing).
  const [virtualise, setVirtualise] = useState(false);
  const paneSize = useFlowStore((state) => (virtualise ? '' : `${state.width}x${state.height}`));
  useEffect(() => {
    const element = wrapper.current;
    if (!virtualise && element && element.clientWidth > 0 && element.clientHeight > 0) setVirtualise(true);
  }, [paneSize, virtualise]);
  // Set by the detail effect below: makes the detail treat the view as at rest (after a move of the app's own
  // that no one watches, such as framing a document before it is drawn).
  const settleDetail = useRef<() => void>(() => undefined);
  const edgeDetail = useMemo(createEdgeDetail<DependencyEdge>, []);
  const edges = edgeDetail(projection.edges, edgeInput);
  useEffect(() => {
    let frame = 0;
    let rest: ReturnType<typeof setTimeout> | undefined;
    let movedAt = Number.NEGATIVE_INFINITY;
    // While the view or a dragged node moves, the detail stays as it is (a zoom stays as fluid as plain
    // React Flow's), but for a view that crosses below FAR_ZOOM (`onMove`); once they rest, a few nodes a
    // frame (DETAIL_BATCH) until the detail has caught up with the view. Nodes that appear in a view at rest
    // (a document opened, a drop, a paste) are detailed at once, before they are first drawn.
    const run = (limit: number) => {
      cancelAnimationFrame(frame);
      frame = 0;
      const wait = movedAt + DETAIL_REST_MS - performance.now();
      if (wait > 0) {
        // A timer may fire a little early by this clock: wait for the rest of the time.
        clearTimeout(rest);
        rest = setTimeout(step, wait + 1);
        return;
      }
      if (store.getState().dragging.length > 0) return;
      if (!updateDetail(detail, flowStore.getState(), limit))
        frame = requestAnimationFrame(() => run(DETAIL_BATCH));
    };
    function step() {
      run(DETAIL_BATCH);
    }
    const now = () => run(Number.POSITIVE_INFINITY);
    now();
    settleDetail.current = () => {
      movedAt = Number.NEGATIVE_INFINITY;
      clearTimeout(rest);
    };
    const stopWatchingDrags = store.subscribe((state, previous) => {
      if (state.dragging.length === 0 && previous.dragging.length > 0) step();
    });
    const unsubscribe = flowStore.subscribe((state, previous) => {
      if (state.transform !== previous.transform) {
        movedAt = performance.now();
        clearTimeout(rest);
        rest = setTimeout(step, DETAIL_REST_MS);
      } else if (
        state.nodes !== previous.nodes ||
        state.width !== previous.width ||
        state.height !== previous.height
      ) {
        // While a few-a-frame catch-up runs (after the view rested), it goes on; a click that selects a
        // node must not turn it into one long task.
        if (frame === 0) now();
      }
    });
    return () => {
      settleDetail.current = () => undefined;
      unsubscribe();
      stopWatchingDrags();
      cancelAnimationFrame(frame);
      clearTimeout(rest);
    };
  }, [detail, flowStore, store]);

  const adapter = useMemo(
    () =>
      createCanvasAdapter({
        store,
        deleteElements: (ids) => void deleteElements(services, ids),
        onLivePositions: setLive,
      }),
    [store, services],
  );

  useEffect(() => {
    services.canvas.current = {
      fitView: () => void flow.fitView(FIT_VIEW),
      showWhole: (doc) => {
        const { width, height, minZoom } = flowStore.getState();
        const bounds = geometryBounds(computeGeometry(doc));
        if (!bounds || width <= 0 || height <= 0) return false;
        void flow.setViewport(
          getViewportForBounds(bounds, width, height, minZoom, FIT_VIEW.maxZoom, FIT_VIEW.padding),
        );
        settleDetail.current();
        return true;
      },
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      reveal: (ids) =>
        void flow.fitView({ nodes: ids.map((id) => ({ id })), padding: '72px', maxZoom: 1.2, duration: 250 }),
      viewCenter: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        if (!rect) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      },
    };
    return () => {
      services.canvas.current = null;
    };
  }, [flow, flowStore, services]);

  // Choosing a failure brings what it hits into view, clear of the banner and the impact list.
  const impactDomain = useAppStore((s) => s.analysis.impactDomain);
  useEffect(() => {
    const { analysis, panels, blastDomain } = store.getState();
    const impact = analysis.impact;
    if (!impactDomain || !impact || blastDomain !== impactDomain) return;
    const ids = [
      ...impact.failed.filter((e) => e.kind !== 'workload').map((e) => e.id),
      ...impact.partial.map((e) => e.id),
      ...impact.workloads.filter((w) => w.changed).map((w) => w.workloadId),
    ];
    if (ids.length === 0) return;
    void flow.fitView({
      nodes: ids.map((id) => ({ id })),
      padding: { top: '84px', right: panels.blastImpact ? '372px' : '40px', bottom: '40px', left: '40px' },
      maxZoom: 1,
      duration: 300,
    });
  }, [flow, store, impactDomain]);

  // A document that is already open when the canvas appears is shown whole.
  useEffect(() => {
    if (store.getState().doc.spec.regions.length > 0) void flow.fitView({ ...FIT_VIEW, duration: 0 });
  }, [flow, store]);

  const toFlow = useCallback(
    (event: MouseEvent | TouchEvent | ReactMouseEvent) => {
      const point = pointerOf(event);
      return point ? flow.screenToFlowPosition(point) : undefined;
    },
    [flow],
  );

  const onDragOver = useCallback(
    (event: ReactDragEvent) => {
      const item = paletteItemOfTypes([...event.dataTransfer.types]);
      if (!item) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      store.getState().setDropTarget(paletteDropTarget(store.getState().doc, item, point));
    },
    [flow, store],
  );

  const onDragLeave = useCallback(
    (event: ReactDragEvent) => {
      const next = event.relatedTarget as globalThis.Node | null;
      if (!next || !wrapper.current?.contains(next)) store.getState().setDropTarget(null);
    },
    [store],
  );

  const onDrop = useCallback(
    (event: ReactDragEvent) => {
      const item = paletteItemOfTypes([...event.dataTransfer.types]);
      if (!item) return;
      event.preventDefault();
      const state = store.getState();
      state.setDropTarget(null);
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const plan = planPaletteDrop(state.doc, services.catalog, item, point);
      if (!plan.ok) {
        state.showToast({ kind: 'error', message: `Cannot drop here: ${plan.reason}` });
        return;
      }
      const result = state.dispatch(plan.command);
      if (result.ok) state.setSelection([plan.id]);
    },
    [flow, store, services],
  );

  const [menu, setMenu] = useState<ContextMenuState | null>(null);
  const openMenu = useCallback(
    (event: ReactMouseEvent, id: string) => {
      event.preventDefault();
      if (!store.getState().selection.includes(id)) store.getState().setSelection([id]);
      setMenu({ id, at: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) });
    },
    [flow, store],
  );

  // The far look (no background grid) and the pan layer are set on the wrapper directly: they change with
  // the viewport, which moves every frame, and must not re-render React. A view that zooms out below
  // MOTION_ZOOM loses its details in that frame, which repaints anyway, without waiting for the view to rest
  // (`dropsDetail`): the wheel zoom goes on over plain boxes. Its edges are handed over once it rests
  // (`dropDetail`).
  const zoomWas = useRef(Number.NaN);
  const onMove = useCallback(
    (_event: unknown, viewport: Viewport) => {
      const element = wrapper.current;
      if (!element) return;
      const from = zoomWas.current;
      zoomWas.current = viewport.zoom;
      // A node being dragged keeps its look until the drag ends (the catch-up then follows the view).
      if (dropsDetail(from, viewport.zoom) && store.getState().dragging.length === 0) dropDetail(detail);
      const lod = viewport.zoom < FAR_ZOOM ? 'far' : 'near';
      if (element.dataset.lod !== lod) element.dataset.lod = lod;
    },
    [detail, store],
  );
  useEffect(() => {
    if (wrapper.current) wrapper.current.dataset.lod = flow.getZoom() < FAR_ZOOM ? 'far' : 'near';
  }, [flow]);
  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      zoomWas.current = flow.getZoom();
      // The user moving the view closes the context menu; a move of the app's own (a fit once the nodes are
      // measured, a fit from the keyboard) leaves it open, by its element (ContextMenu.tsx).
      if (event) setMenu(null);
      // A pan (not a wheel zoom) moves the drawing as one composited layer: no repaint per frame.
      if (event && event.type !== 'wheel') wrapper.current?.setAttribute('data-panning', '');
    },
    [flow],
  );
  // The view lives in React Flow's store alone: nothing of the app reads it, and writing it to the app store
  // at the end of every move (each wheel step is one) ran every node's selectors for nothing.
  const onMoveEnd = useCallback(() => {
    wrapper.current?.removeAttribute('data-panning');
  }, []);

  const handlers = useMemo((): Partial<ReactFlowProps<TopologyNode, DependencyEdge>> => {
    const idsOf = (list: readonly Node[]) => list.map((node) => node.id);
    return {
      onNodesChange: adapter.onNodesChange as OnNodesChange<TopologyNode>,
      onEdgesChange: adapter.onEdgesChange as OnEdgesChange<DependencyEdge>,
      onConnect: (connection) => adapter.onConnect(connection),
      isValidConnection: (connection) => adapter.isValidConnection(connection),
      onNodeDragStart: (_event, _node, dragged) => adapter.dragStart(idsOf(dragged)),
      onNodeDrag: (event, _node, dragged) => {
        const point = toFlow(event);
        if (point) adapter.dragMove(idsOf(dragged), point);
      },
      onNodeDragStop: (event, _node, dragged) => adapter.dragEnd(idsOf(dragged), toFlow(event)),
      onSelectionDragStart: (_event, dragged) => adapter.dragStart(idsOf(dragged)),
      onSelectionDragStop: (event, dragged) => adapter.dragEnd(idsOf(dragged), toFlow(event)),
      onNodeContextMenu: (event, node) => openMenu(event, node.id),
      onEdgeContextMenu: (event, edge) => openMenu(event, edge.id),
      onPaneClick: () => setMenu(null),
    };
  }, [adapter, toFlow, openMenu]);

  return (
    <div
      className="canvas"
      ref={wrapper}
      data-testid="canvas"
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <DetailProvider store={detail}>
        <ReactFlow<TopologyNode, DependencyEdge>
          nodes={nodes as TopologyNode[]}
          edges={edges.drawn as DependencyEdge[]}
          nodeTypes={NODE_TYPES}
          {...handlers}
          onMove={onMove}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          snapToGrid
          snapGrid={SNAP_GRID}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          selectionMode={SelectionMode.Partial}
          deleteKeyCode={null}
          elevateNodesOnSelect={false}
          // Nodes and edges out of view are not drawn (virtualisation): a 2,000-element design is wider than
          // the view even at the smallest zoom: fitted, 661 of its 1,260 nodes are in view, and all 1,260 used
          // to be rendered, laid out and painted. Every node declares its size and handles
          // (projection.ts), so React Flow can tell what is in view without drawing a node first; the
          // minimap, the far edges and the pictures draw from the geometry, not from the nodes drawn.
          onlyRenderVisibleElements={virtualise}
          minZoom={0.05}
          maxZoom={2.5}
          colorMode={theme}
          proOptions={PRO_OPTIONS}
        >
          <GridBackground />
          <FarEdges edges={edges.far} />
          <Controls showInteractive={false} position="bottom-left" />
          {minimap && <Minimap theme={theme} />}
        </ReactFlow>
      </DetailProvider>
      {empty && <EmptyCanvas />}
      <DropHint />
      {menu && <ContextMenu menu={menu} onClose={() => setMenu(null)} />}
    </div>
  );
}
