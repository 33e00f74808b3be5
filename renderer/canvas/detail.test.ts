// Level of detail: which nodes a canvas draws in full for a view, how that follows React Flow's store, and
// the one path the dependencies become when zoomed out.
import type { Edge, InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import {
  createDetailStore,
  createEdgeDetail,
  detailedIds,
  dropDetail,
  dropsDetail,
  FAR_ZOOM,
  MOTION_ZOOM,
  updateDetail,
} from './detail';
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
    expect(detailedIds(NONE, FAR_ZOOM / 2, VIEW, boxes)).toEqual({ ids: NONE, done: true });
    expect(detailedIds(new Set(['a']), FAR_ZOOM / 2, VIEW, boxes).ids.size).toBe(0);
  });

  it('details the nodes in view, wholly or in part, not those outside it', () => {
    const boxes = [
      box('in', 10, 10),
      box('across-right', 950, 100),
      box('across-top', 100, -20),
      box('right', 1010, 100),
      box('below', 100, 510),
      box('left', -110, 0),
    ];
    const { ids } = detailedIds(NONE, 1, VIEW, boxes);
    expect([...ids].sort()).toEqual(['across-right', 'across-top', 'in']);
  });

  it('keeps what it detailed once while zoomed in, and the same set when nothing is added', () => {
    const boxes = [box('a', 10, 10), box('b', 5000, 10)];
    const first = detailedIds(NONE, 1, VIEW, boxes).ids;
    expect([...first]).toEqual(['a']);
    const panned = detailedIds(first, 1, { ...VIEW, x: 4800 }, boxes).ids;
    expect([...panned].sort()).toEqual(['a', 'b']);
    expect(detailedIds(panned, 1, VIEW, boxes)).toEqual({ ids: panned, done: true });
  });

  it('adds at most `limit` nodes a step, and drops every detail at once when zoomed out', () => {
    const boxes = [box('v1', 0, 0), box('v2', 200, 0), box('v3', 400, 0), box('v4', 600, 0)];
    const first = detailedIds(NONE, 1, VIEW, boxes, 2);
    expect([...first.ids]).toEqual(['v1', 'v2']);
    expect(first.done).toBe(false);
    const second = detailedIds(first.ids, 1, VIEW, boxes, 2);
    expect([...second.ids].sort()).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(second.done).toBe(true);
    // Zoomed out, the details go all at once, whatever the limit.
    expect(detailedIds(second.ids, FAR_ZOOM / 2, VIEW, boxes, 3)).toEqual({ ids: NONE, done: true });
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
  it('draws everything in full while the view is unknown: a pane with no size, a zoom not computed', () => {
    const store = createDetailStore();
    updateDetail(store, flow([0, 0, 1], [{ id: 'a', x: 0, y: 0 }], 0));
    expect(store.getState().all).toBe(true);
    updateDetail(store, flow([0, 0, 1], [{ id: 'a', x: 0, y: 0 }]));
    expect(store.getState().all).toBe(false);
    // Known once, a pane squeezed to nothing leaves the detail as it was.
    updateDetail(store, flow([Number.NaN, Number.NaN, Number.NaN], [{ id: 'a', x: 0, y: 0 }]));
    expect(store.getState().all).toBe(false);
    expect([...store.getState().ids]).toEqual(['a']);
    const fresh = createDetailStore();
    updateDetail(fresh, flow([Number.NaN, Number.NaN, Number.NaN], [{ id: 'a', x: 0, y: 0 }]));
    expect(fresh.getState().all).toBe(true);
  });

  it('follows the view: nothing in full when zoomed out, the visible nodes when zoomed in', () => {
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

  it('says when it has caught up with the view', () => {
    const store = createDetailStore();
    const nodes = Array.from({ length: 5 }, (_, i) => ({ id: `n${i}`, x: i * 120, y: 0 }));
    expect(updateDetail(store, flow([0, 0, 1], nodes), 2)).toBe(false);
    expect(updateDetail(store, flow([0, 0, 1], nodes), 2)).toBe(false);
    expect(updateDetail(store, flow([0, 0, 1], nodes), 2)).toBe(true);
    expect(store.getState().ids.size).toBe(5);
  });

  it('hands React Flow the edges of the nodes a catch-up details once, when it has caught up', () => {
    const store = createDetailStore();
    const nodes = Array.from({ length: 5 }, (_, i) => ({ id: `n${i}`, x: i * 120, y: 0 }));
    updateDetail(store, flow([0, 0, 1], nodes), 2);
    expect(store.getState().ids.size).toBe(2);
    expect(store.getState().edges.size).toBe(0);
    updateDetail(store, flow([0, 0, 1], nodes), 2);
    expect(store.getState().edges.size).toBe(0);
    expect(updateDetail(store, flow([0, 0, 1], nodes), 2)).toBe(true);
    expect(store.getState().edges).toBe(store.getState().ids);
    // Nodes that appear in a view at rest are detailed at once, with their edges.
    const more = [...nodes, { id: 'n5', x: 600, y: 0 }];
    expect(updateDetail(store, flow([0, 0, 1], more))).toBe(true);
    expect([...store.getState().edges]).toContain('n5');
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

describe('dropDetail', () => {
  it('takes every detail away at once, leaving the edges where they were until updateDetail hands them over', () => {
    const store = createDetailStore();
    const nodes = [
      { id: 'a', x: 0, y: 0 },
      { id: 'b', x: 200, y: 0 },
    ];
    updateDetail(store, flow([0, 0, 1], nodes));
    const edges = store.getState().edges;
    expect([...edges].sort()).toEqual(['a', 'b']);
    dropDetail(store);
    expect(store.getState()).toMatchObject({ all: false, far: false, edges });
    expect(store.getState().ids.size).toBe(0);
    // The view at rest, zoomed out: the edges go to FarEdges.
    updateDetail(store, flow([0, 0, FAR_ZOOM / 2], nodes));
    expect(store.getState()).toMatchObject({ far: true });
    expect(store.getState().edges.size).toBe(0);
  });

  it('does not notify subscribers when there is nothing to take away', () => {
    const store = createDetailStore();
    updateDetail(store, flow([0, 0, FAR_ZOOM / 2], [{ id: 'a', x: 0, y: 0 }]));
    let notified = 0;
    store.subscribe(() => notified++);
    dropDetail(store);
    expect(notified).toBe(0);
  });
});

describe('dropsDetail', () => {
  it('takes the details away from a view that zooms out below MOTION_ZOOM, and only then', () => {
    expect(FAR_ZOOM).toBeLessThan(MOTION_ZOOM);
    expect(dropsDetail(MOTION_ZOOM, MOTION_ZOOM * 0.85)).toBe(true);
    expect(dropsDetail(1, FAR_ZOOM / 2)).toBe(true);
    // Zooming out above it, where text can still be read; zooming in; a view that does not change its zoom.
    expect(dropsDetail(2, MOTION_ZOOM * 1.2)).toBe(false);
    expect(dropsDetail(MOTION_ZOOM * 0.5, MOTION_ZOOM * 0.6)).toBe(false);
    expect(dropsDetail(FAR_ZOOM * 1.2, FAR_ZOOM * 1.2)).toBe(false);
    // The first move of a canvas, whose zoom before it is unknown.
    expect(dropsDetail(Number.NaN, FAR_ZOOM)).toBe(false);
  });

  it('leaves a view that rests between FAR_ZOOM and MOTION_ZOOM its details back once it rests', () => {
    const store = createDetailStore();
    const nodes = [{ id: 'a', x: 0, y: 0 }];
    const zoom = (FAR_ZOOM + MOTION_ZOOM) / 2;
    updateDetail(store, flow([0, 0, 1], nodes));
    expect(dropsDetail(1, zoom)).toBe(true);
    dropDetail(store);
    expect(store.getState().ids.size).toBe(0);
    updateDetail(store, flow([0, 0, zoom], nodes));
    expect([...store.getState().ids]).toEqual(['a']);
    expect(store.getState().far).toBe(false);
  });
});

describe('createEdgeDetail', () => {
  type TestEdge = { id: string; source: string; target: string; selected?: boolean };
  const edges: TestEdge[] = [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c' },
    { id: 'cd', source: 'c', target: 'd' },
  ];
  const near = (ids: string[]) => ({ all: false, edges: new Set(ids), far: false });

  const ids = (list: readonly TestEdge[]) => list.map((edge) => edge.id);

  it('zoomed in, leaves React Flow the edges with an end drawn in full, keeping identities', () => {
    const detail = createEdgeDetail<TestEdge>();
    const first = detail(edges, near(['a', 'b']));
    expect(first.drawn).toEqual([edges[0], edges[1]]);
    expect(first.drawn[0]).toBe(edges[0]);
    expect(first.far).toEqual([edges[2]]);
    expect(first.far[0]).toBe(edges[2]);
    expect(detail(edges, near(['a', 'b']))).toBe(first);
    const more = detail(edges, near(['a', 'b', 'c']));
    expect(more.drawn).toEqual(edges);
    expect(more.far).toEqual([]);
    const back = detail(edges, near(['a', 'b']));
    expect(ids(back.drawn)).toEqual(['ab', 'bc']);
    expect(back.drawn).not.toBe(more.drawn);
  });

  it('keeps one list when only the other changes', () => {
    const detail = createEdgeDetail<TestEdge>();
    const first = detail(edges, near(['a']));
    expect(ids(first.drawn)).toEqual(['ab']);
    const next = detail([...edges, { id: 'de', source: 'd', target: 'e' }], near(['a']));
    expect(next.drawn).toBe(first.drawn);
    expect(ids(next.far)).toEqual(['bc', 'cd', 'de']);
    const zoomed = detail([...edges, { id: 'de', source: 'd', target: 'e' }], near(['a', 'e']));
    expect(ids(zoomed.drawn)).toEqual(['ab', 'de']);
    expect(ids(zoomed.far)).toEqual(['bc', 'cd']);
  });

  it('zoomed out, gives React Flow the selected edges only', () => {
    const selected = [...edges.slice(0, 2), { ...edges[2]!, selected: true }];
    const out = createEdgeDetail<TestEdge>()(selected, { ...near(['a', 'b', 'c', 'd']), far: true });
    expect(ids(out.drawn)).toEqual(['cd']);
    expect(ids(out.far)).toEqual(['ab', 'bc']);
  });

  it('gives React Flow every edge when everything is drawn in full', () => {
    const out = createEdgeDetail<TestEdge>()(edges, { all: true, edges: new Set(), far: false });
    expect(out.drawn).toEqual(edges);
    expect(out.far).toEqual([]);
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
