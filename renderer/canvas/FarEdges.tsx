// The dependencies React Flow is not given, as one SVG path (detail.tsx `createEdgeDetail`: all of them
// when zoomed out, those between two plain boxes when zoomed in; never a selected one). React Flow draws each
// edge as an SVG of its own, and 700 of them, a hairline each when zoomed out, cost the browser more per
// frame than all the boxes. Straight lines from the source's right side to the target's left side, where
// the workloads' handles are. The others are React Flow's (selectable, with arrows and the dependency type).
import { useStore } from '@xyflow/react';
import type { Edge, InternalNode, ReactFlowState } from '@xyflow/react';
import { useLayoutEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { shallowEqual } from '../app/shallow';

type Lookup = ReadonlyMap<string, InternalNode>;

/** The `d` of one path through every edge between two workloads (the only nodes with handles). */
export function farEdgePath(edges: readonly Edge[], lookup: Lookup): string {
  const parts: string[] = [];
  for (const edge of edges) {
    const source = lookup.get(edge.source);
    const target = lookup.get(edge.target);
    if (source?.type !== 'workload' || target?.type !== 'workload') continue;
    const from = source.internals.positionAbsolute;
    const to = target.internals.positionAbsolute;
    const sourceWidth = source.measured.width ?? source.width ?? 0;
    const sourceHeight = source.measured.height ?? source.height ?? 0;
    const targetHeight = target.measured.height ?? target.height ?? 0;
    parts.push(
      `M${Math.round(from.x + sourceWidth)} ${Math.round(from.y + sourceHeight / 2)}` +
        `L${Math.round(to.x)} ${Math.round(to.y + targetHeight / 2)}`,
    );
  }
  return parts.join('');
}

const flowParts = (state: ReactFlowState) => ({
  nodes: state.nodes,
  lookup: state.nodeLookup as Lookup,
});

const domNodeOf = (state: ReactFlowState) => state.domNode;

/**
 * React Flow's layer that moves with its nodes, looked up once. Its `ViewportPortal` looks it up with a
 * `querySelector` over the whole canvas in a store selector, that is on every frame of a pan or zoom (about
 * 0.1 ms a frame at 2,000 elements, for an element that never changes).
 */
function useViewportLayer(): Element | null {
  const domNode = useStore(domNodeOf);
  const [layer, setLayer] = useState<Element | null>(null);
  useLayoutEffect(() => {
    setLayer(domNode?.querySelector('.react-flow__viewport-portal') ?? null);
  }, [domNode]);
  return layer;
}

/** The edges React Flow is not given, as one path between its nodes as it places them. */
export function FarEdges({ edges }: { edges: readonly Edge[] }) {
  const layer = useViewportLayer();
  const { nodes, lookup } = useStore(flowParts, shallowEqual);
  // The node list changes whenever a position does; the lookup is updated in place, with it.
  const d = useMemo(() => farEdgePath(edges, lookup), [nodes, edges, lookup]);
  if (d === '' || !layer) return null;
  return createPortal(
    <svg className="far-edges" aria-hidden="true">
      <path d={d} />
    </svg>,
    layer,
  );
}
