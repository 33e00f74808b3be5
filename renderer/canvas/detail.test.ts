// Level of detail: which nodes a canvas draws in full for a view, how that follows React Flow's store, and
// the one path the dependencies become when zoomed out.
import type { Edge, InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { createDetailStore, detailedIds, FAR_ZOOM, updateDetail } from './detail';
import type { FlowView } from './detail';
import { farEdgePath } from './FarEdges';

const box = (id: string, x: number, y: number, width = 100, height = 40) => ({
  id,
  rect: { x, y, width, height },
});
const VIEW = { x: 0, y: 0, width: 1000, height: 500 };
const NONE: ReadonlySet<string> = new Set();

describe('detailedIds', () => {
  it('details nothing when zoomed out past FAR_ZOOM, and keeps the empty set it was given', () => {
    const boxes = [box('a', 10, 10)];
    expect(detailedIds(NONE, FAR_ZOOM / 2, VIEW, boxes)).toBe(NONE);
    expect(detailedIds(new Set(['a']), FAR_ZOOM / 2, VIEW, boxes).size).toBe(0);
  });

  it('details the nodes in view and half a view around it, not those further away', () => {
    const boxes = [
      box('in', 10, 10),
      box('right-margin', 1400, 100),
      box('below-margin', 100, 740),
      box('left-margin', -560, 0),
      box('far-right', 1600, 100),
      box('far-below', 100, 800),
      box('far-left', -700, 0),
    ];
    const ids = detailedIds(NONE, 1, VIEW, boxes);
    expect([...ids].sort()).toEqual(['below-margin', 'in', 'left-margin', 'right-margin']);
  });

  it('keeps what it detailed once while zoomed in, and the same set when nothing is added', () => {
    const boxes = [box('a', 10, 10), box('b', 5000, 10)];
    const first = detailedIds(NONE, 1, VIEW, boxes);
    expect([...first]).toEqual(['a']);
    const panned = detailedIds(first, 1, { ...VIEW, x: 4800 }, boxes);
    expect([...panned].sort()).toEqual(['a', 'b']);
    expect(detailedIds(panned, 1, VIEW, boxes)).toBe(panned);
  });
});

/** A React Flow store as far as updateDetail reads it. */
function flow(
  transform: [number, number, number],
  nodes: { id: string; x: number; y: number }[],
  size = 800,
) {
  const nodeLookup = new Map(
    nodes.map((node) => [
      node.id,
      {
        id: node.id,
        internals: { positionAbsolute: { x: node.x, y: node.y } },
        measured: { width: 100, height: 40 },
      },
    ]),
  );
  return { transform, width: size, height: size, nodeLookup } satisfies FlowView;
}

describe('updateDetail', () => {
  it('draws everything in full while the pane has no size (not laid out)', () => {
    const store = createDetailStore();
    updateDetail(store, flow([0, 0, 1], [{ id: 'a', x: 0, y: 0 }], 0));
    expect(store.getState()).toMatchObject({ all: true, far: false });
  });

  it('follows the view: far when zoomed out, the visible nodes when zoomed in', () => {
    const store = createDetailStore();
    const nodes = [
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 100_000, y: 0 },
    ];
    updateDetail(store, flow([0, 0, 0.1], nodes));
    expect(store.getState()).toMatchObject({ all: false, far: true });
    expect(store.getState().ids.size).toBe(0);
    updateDetail(store, flow([0, 0, 1], nodes));
    expect(store.getState().far).toBe(false);
    expect([...store.getState().ids]).toEqual(['a']);
    // The view moved to b (translate by -100,000 px at zoom 1).
    updateDetail(store, flow([-100_000, 0, 1], nodes));
    expect([...store.getState().ids].sort()).toEqual(['a', 'b']);
  });

  it('does not notify subscribers when nothing changed', () => {
    const store = createDetailStore();
    const nodes = [{ id: 'a', x: 0, y: 0 }];
    updateDetail(store, flow([0, 0, 1], nodes));
    let notified = 0;
    store.subscribe(() => notified++);
    updateDetail(store, flow([-10, -10, 1], nodes));
    updateDetail(store, flow([-20, -20, 1], nodes));
    expect(notified).toBe(0);
  });
});

describe('farEdgePath', () => {
  const node = (id: string, type: string, x: number, y: number) =>
    ({
      id,
      type,
      position: { x, y },
      data: {},
      measured: { width: 200, height: 30 },
      internals: { positionAbsolute: { x, y }, z: 0, userNode: {} },
    }) as unknown as InternalNode;
  const lookup = new Map([
    ['w1', node('w1', 'workload', 0, 0)],
    ['w2', node('w2', 'workload', 300, 100)],
    ['pool', node('pool', 'nodePool', 0, 500)],
  ]);
  const edge = (id: string, source: string, target: string): Edge => ({ id, source, target });

  it('runs from the source’s right side to the target’s left side, at mid-height', () => {
    expect(farEdgePath([edge('e', 'w1', 'w2')], lookup)).toBe('M200 15L300 115');
  });

  it('leaves out edges React Flow cannot draw either: to a container or to a missing node', () => {
    expect(
      farEdgePath([edge('a', 'w1', 'pool'), edge('b', 'w1', 'gone'), edge('c', 'w2', 'w1')], lookup),
    ).toBe('M500 115L0 15');
  });
});
