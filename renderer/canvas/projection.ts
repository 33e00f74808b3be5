// React Flow's nodes and edges are a projection of the document and the session (STYLE.md section 3),
// never a second source of truth. The projector is memoised twice over: it recomputes only when the
// geometry, the dependencies, the selection, the drag or the measured sizes change, and it hands back the
// previous node or edge object when nothing about it changed, so React Flow and the memo'd node views skip
// the rest.
//
// Every node also declares its size (`measured`) and its handles, where the canvas draws them. React Flow
// otherwise measures each node's handles once it is drawn and then draws every node again with what it
// found: about 80 ms for a design of 2,000 elements, right after the first drawing. With the size and the
// handles known, the edges are drawn in the first pass and, with patches/@xyflow+system (a node that
// declares its handles is measured again only when its size changes, and keeps the handles it declares),
// nothing is drawn twice, and a node need not draw its handles at all.
import { MarkerType, Position } from '@xyflow/react';
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import { elementsOf } from '../../shared/model/elements';
import type { TopologyDocument } from '../../shared/model/schema';
import type { Geometry, NodeKind } from './geometry';
import { computeGeometry } from './geometry';

export type TopologyNodeData = { readonly kind: NodeKind };
export type TopologyNode = Node<TopologyNodeData, NodeKind>;
export type DependencyEdgeData = { readonly type: 'hard' | 'soft' };
export type DependencyEdge = Edge<DependencyEdgeData>;

/**
 * Side of a workload's two handles, px: app.css draws `.workload-handle` (full nodes) this size, centred on
 * the middle of the node's left and right edges; a node drawn from afar has no handle elements, and React
 * Flow routes its edges to these declared ones.
 */
export const HANDLE_SIZE = 8;

const NO_HANDLES: NodeHandle[] = [];

/**
 * The handles of a node of this kind and size, as React Flow would measure them (relative to the node's
 * top left corner): a workload's dependencies come in on its left and go out on its right; containers
 * have none.
 */
export function handlesOf(kind: NodeKind, width: number, height: number): NodeHandle[] {
  if (kind !== 'workload') return NO_HANDLES;
  const half = HANDLE_SIZE / 2;
  const y = height / 2 - half;
  return [
    { type: 'target', position: Position.Left, x: -half, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
    { type: 'source', position: Position.Right, x: width - half, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
  ];
}

export interface ProjectionInput {
  readonly doc: TopologyDocument;
  readonly selection: readonly string[];
  readonly dragging: readonly string[];
  readonly measured: Readonly<Record<string, { readonly width: number; readonly height: number }>>;
}

export interface Projection {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly DependencyEdge[];
}

function sameNode(a: TopologyNode, b: TopologyNode): boolean {
  return (
    a.type === b.type &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.parentId === b.parentId &&
    a.extent === b.extent &&
    a.selected === b.selected &&
    a.draggable === b.draggable &&
    a.measured?.width === b.measured?.width &&
    a.measured?.height === b.measured?.height
  );
}

function sameEdge(a: DependencyEdge, b: DependencyEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.selected === b.selected &&
    a.data?.type === b.data?.type
  );
}

/** A memoised projection function; one per canvas (or per test). */
export function createProjector(): (input: ProjectionInput) => Projection {
  let last: { input: ProjectionInput; geometry: Geometry; output: Projection } | undefined;
  let nodeCache = new Map<string, TopologyNode>();
  let edgeCache = new Map<string, DependencyEdge>();
  const dataCache = new Map<NodeKind, TopologyNodeData>();
  const dataOf = (kind: NodeKind) => {
    let data = dataCache.get(kind);
    if (!data) dataCache.set(kind, (data = { kind }));
    return data;
  };

  return (input) => {
    if (
      last &&
      last.input.doc === input.doc &&
      last.input.selection === input.selection &&
      last.input.dragging === input.dragging &&
      last.input.measured === input.measured
    ) {
      return last.output;
    }
    const geometry = computeGeometry(input.doc, input.dragging);
    if (
      last &&
      last.geometry === geometry &&
      elementsOf(last.input.doc, 'dependency') === elementsOf(input.doc, 'dependency') &&
      last.input.selection === input.selection &&
      last.input.dragging === input.dragging &&
      last.input.measured === input.measured
    ) {
      // An edit of what the canvas does not place (a count, a type): the same nodes and edges.
      last = { ...last, input };
      return last.output;
    }
    const selected = new Set(input.selection);
    const dragging = new Set(input.dragging);
    const nextNodes = new Map<string, TopologyNode>();
    const nodes: TopologyNode[] = [];
    for (const id of geometry.order) {
      const box = geometry.boxes.get(id)!;
      // The size React Flow measured, or the size the node is drawn at: React Flow then has nothing to
      // report after the first render, and a large design is not re-projected once all its nodes are measured.
      const measured = input.measured[id] ?? box;
      const node: TopologyNode = {
        id,
        type: box.kind,
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        data: dataOf(box.kind),
        selected: selected.has(id),
        draggable: box.kind !== 'zone',
        ...(box.parent !== undefined ? { parentId: box.parent } : {}),
        // A node stays inside its container, except while it is dragged: it may then be dropped into
        // another container (the adapter decides what the drop means).
        ...(box.parent !== undefined && !dragging.has(id) ? { extent: 'parent' as const } : {}),
        measured: { width: measured.width, height: measured.height },
        handles: handlesOf(box.kind, measured.width, measured.height),
      };
      const previous = nodeCache.get(id);
      const kept = previous && sameNode(previous, node) ? previous : node;
      nextNodes.set(id, kept);
      nodes.push(kept);
    }
    const nextEdges = new Map<string, DependencyEdge>();
    let nodesKept = last !== undefined && nodes.length === last.output.nodes.length;
    for (let i = 0; nodesKept && i < nodes.length; i++) nodesKept = nodes[i] === last!.output.nodes[i];
    const edges: DependencyEdge[] = [];
    for (const dependency of elementsOf(input.doc, 'dependency')) {
      if (!geometry.boxes.has(dependency.from) || !geometry.boxes.has(dependency.to)) continue;
      const edge: DependencyEdge = {
        id: dependency.id,
        source: dependency.from,
        target: dependency.to,
        selected: selected.has(dependency.id),
        className: `dependency dependency-${dependency.type}`,
        data: { type: dependency.type },
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--edge-color)' },
      };
      const previous = edgeCache.get(dependency.id);
      const kept = previous && sameEdge(previous, edge) ? previous : edge;
      nextEdges.set(dependency.id, kept);
      edges.push(kept);
    }
    let edgesKept = last !== undefined && edges.length === last.output.edges.length;
    for (let i = 0; edgesKept && i < edges.length; i++) edgesKept = edges[i] === last!.output.edges[i];
    nodeCache = nextNodes;
    edgeCache = nextEdges;
    // Unchanged lists keep their identity too, so React Flow does not re-adopt 2,000 nodes (or rebuild its
    // edge lookups) after an edit that moved nothing.
    const output = {
      nodes: nodesKept ? last!.output.nodes : nodes,
      edges: edgesKept ? last!.output.edges : edges,
    };
    last = { input, geometry, output };
    return output;
  };
}

/**
 * The nodes with the ones being dragged drawn at their live positions (the adapter's, until the drag
 * ends); the same list when nothing is being dragged.
 */
export function withLivePositions(
  nodes: readonly TopologyNode[],
  live: ReadonlyMap<string, { readonly x: number; readonly y: number }> | null,
): readonly TopologyNode[] {
  if (!live || live.size === 0) return nodes;
  return nodes.map((node) => {
    const position = live.get(node.id);
    return position && (position.x !== node.position.x || position.y !== node.position.y)
      ? { ...node, position: { x: position.x, y: position.y } }
      : node;
  });
}
