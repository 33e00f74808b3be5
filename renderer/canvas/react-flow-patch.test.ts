// patches/@xyflow+system+0.0.84.patch (applied by `npm install` through patch-package): React Flow measures a
// node again when its ResizeObserver reports it, even at the same size, unless the node declares its
// handles (canvas/projection.ts declares them for every node); then only a new size is measured, and the
// handles stay the declared ones (a node drawn from afar has no handle elements). This runs
// React Flow's own update on the smallest DOM it reads (the viewport's transform, each node's size, rect and
// handle elements), so a missing or outdated patch fails here rather than as a slower canvas.
import { adoptUserNodes, updateNodeInternals } from '@xyflow/system';
import type { InternalNodeBase, InternalNodeUpdate, NodeBase } from '@xyflow/system';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlesOf } from './projection';

const globals = globalThis as { window?: unknown };
let savedWindow: unknown;

beforeEach(() => {
  savedWindow = globals.window;
  globals.window = {
    getComputedStyle: () => ({ transform: 'none' }),
    DOMMatrixReadOnly: class {
      readonly m22 = 1;
    },
  };
});

afterEach(() => {
  globals.window = savedWindow;
});

/** A drawn node of this size with no handle elements inside. */
function element(width: number, height: number): HTMLDivElement {
  return {
    offsetWidth: width,
    offsetHeight: height,
    getBoundingClientRect: () => ({ left: 0, top: 0, width, height }),
    querySelectorAll: () => [],
  } as unknown as HTMLDivElement;
}

const pane = { querySelector: () => ({}) } as unknown as HTMLDivElement;

function lookupOf(nodes: NodeBase[]): Map<string, InternalNodeBase> {
  const lookup = new Map<string, InternalNodeBase>();
  adoptUserNodes(nodes, lookup, new Map());
  return lookup;
}

/** What a ResizeObserver report makes of one node: whether React Flow updated it, and its handle bounds. */
function report(node: NodeBase, drawn: HTMLDivElement) {
  const lookup = lookupOf([node]);
  const updates = new Map<string, InternalNodeUpdate>([
    [node.id, { id: node.id, nodeElement: drawn, force: true }],
  ]);
  const result = updateNodeInternals(updates, lookup, new Map(), pane);
  return {
    updated: result.updatedInternals,
    changes: result.changes,
    handles: lookup.get(node.id)!.internals.handleBounds,
  };
}

const size = { width: 252, height: 32 };
const declared: NodeBase = {
  id: 'web',
  position: { x: 0, y: 0 },
  data: {},
  ...size,
  measured: size,
  handles: handlesOf('workload', size.width, size.height),
};

describe('React Flow with patches/@xyflow+system', () => {
  it('leaves a node that declares its handles alone when it is drawn at its size', () => {
    const result = report(declared, element(252, 32));
    expect(result.updated).toBe(false);
    expect(result.handles?.source?.map((h) => [h.x, h.y])).toEqual([[248, 12]]);
    expect(result.handles?.target?.map((h) => [h.x, h.y])).toEqual([[-4, 12]]);
  });

  it('measures it again when it is drawn at another size, and keeps the handles it declares', () => {
    // The drawn node has no handle elements (a box drawn from afar): React Flow would find none.
    const result = report(declared, element(300, 32));
    expect(result.updated).toBe(true);
    expect(result.changes).toEqual([
      { id: 'web', type: 'dimensions', dimensions: { width: 300, height: 32 } },
    ]);
    expect(result.handles?.source?.map((h) => [h.x, h.y])).toEqual([[248, 12]]);
    expect(result.handles?.target?.map((h) => [h.x, h.y])).toEqual([[-4, 12]]);
  });

  it('still measures a node that does not declare its handles', () => {
    const undeclared: NodeBase = { ...declared, handles: undefined };
    expect(report(undeclared, element(252, 32)).updated).toBe(true);
  });
});
