// The adapter: React Flow changes in, commands and session updates out.
import type { NodeChange } from '@xyflow/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { getElement } from '../../shared/model/elements';
import { createAppStore } from '../store/app-store';
import type { AppStore } from '../store/app-store';
import { testCatalog } from '../test-support/catalog';
import { smallDocument } from '../test-support/documents';
import { createFakeHost } from '../test-support/fake-host';
import type { CanvasAdapter } from './adapter';
import { createCanvasAdapter } from './adapter';
import { computeGeometry } from './geometry';
import type { TopologyNode } from './projection';

let store: AppStore;
let adapter: CanvasAdapter;
let deleted: string[][];
const state = () => store.getState();

beforeEach(() => {
  store = createAppStore({ host: createFakeHost(), catalog: testCatalog() }, { document: smallDocument() });
  deleted = [];
  adapter = createCanvasAdapter({ store, deleteElements: (ids) => deleted.push([...ids]) });
});

const position = (id: string, x: number, y: number, dragging?: boolean): NodeChange<TopologyNode> => ({
  type: 'position',
  id,
  position: { x, y },
  ...(dragging === undefined ? {} : { dragging }),
});

/** Makes the adapter report its live positions; returns the list they are reported to. */
const reportLivePositions = () => {
  const reported: (ReadonlyMap<string, { x: number; y: number }> | null)[] = [];
  adapter = createCanvasAdapter({
    store,
    deleteElements: () => undefined,
    onLivePositions: (positions) => reported.push(positions),
  });
  return reported;
};

/** The canvas point at the middle of an element's box, as drawn (dragged nodes float). */
const centre = (id: string) => {
  const box = computeGeometry(state().doc, state().dragging).boxes.get(id)!;
  return { x: box.absX + box.width / 2, y: box.absY + box.height / 2 };
};

describe('selection', () => {
  it('turns select changes of nodes and edges into the session selection', () => {
    adapter.onNodesChange([{ type: 'select', id: 'web', selected: true }]);
    expect(state().selection).toEqual(['web']);
    adapter.onNodesChange([
      { type: 'select', id: 'web', selected: false },
      { type: 'select', id: 'api', selected: true },
    ]);
    adapter.onEdgesChange([{ type: 'select', id: 'web-to-api', selected: true }]);
    expect(state().selection).toEqual(['api', 'web-to-api']);
    expect(state().undoStack).toHaveLength(0);
  });
});

describe('moving nodes', () => {
  it('a drag inside its container is one undo step, however many moves it makes', () => {
    adapter.dragStart(['web']);
    expect(state().dragging).toEqual(['web']);
    for (let i = 1; i <= 5; i++) adapter.onNodesChange([position('web', 10 + i * 16, 60 + i * 16, true)]);
    adapter.onNodesChange([position('web', 90, 140, false)]);
    adapter.dragEnd(['web'], centre('app-general'));
    expect(state().undoStack).toHaveLength(1);
    expect(state().undoStack[0]!.label).toBe('Move "web" on the canvas');
    expect(state().doc.layout.nodes.web).toEqual({ x: 90, y: 140 });
    expect(state().dragging).toEqual([]);
    expect(state().dropTarget).toBeNull();
    state().undo();
    expect(state().doc.layout.nodes.web).toBeUndefined();
  });

  it('a drag moves live positions, not the document, until it ends', () => {
    const reported = reportLivePositions();
    const before = state().doc;
    adapter.dragStart(['web']);
    adapter.onNodesChange([position('web', 26.4, 76.6, true)]);
    adapter.onNodesChange([position('web', 42, 92, true)]);
    expect(state().doc).toBe(before);
    expect(reported.map((p) => p && Object.fromEntries(p))).toEqual([
      { web: { x: 26, y: 77 } },
      { web: { x: 42, y: 92 } },
    ]);
    // React Flow's last change of a drag (dragging: false) is still part of the drag.
    adapter.onNodesChange([position('web', 58, 108, false)]);
    expect(state().doc).toBe(before);
    adapter.dragEnd(['web'], centre('app-general'));
    expect(reported.at(-1)).toBeNull();
    expect(state().doc.layout.nodes.web).toEqual({ x: 58, y: 108 });
    expect(state().undoStack).toHaveLength(1);
  });

  it('an invalid drop forgets the live positions as well', () => {
    const reported = reportLivePositions();
    const before = state().doc;
    adapter.dragStart(['app-general']);
    adapter.onNodesChange([position('app-general', 5000, 5000, true)]);
    adapter.dragEnd(['app-general'], { x: -4000, y: -4000 });
    expect(reported.at(-1)).toBeNull();
    expect(state().doc).toBe(before);
  });

  it('keeps a node that stays in its container below the container header', () => {
    adapter.dragStart(['web']);
    adapter.onNodesChange([position('web', -40, 4, true)]);
    adapter.dragEnd(['web'], centre('app-general'));
    const entry = state().doc.layout.nodes.web!;
    expect(entry.x).toBeGreaterThanOrEqual(0);
    expect(entry.y).toBeGreaterThanOrEqual(40);
    expect(state().undoStack).toHaveLength(1);
  });

  it('dropping a workload on another pool re-parents it with the move command, in the same undo step', () => {
    adapter.dragStart(['web']);
    adapter.onNodesChange([position('web', 300, 300, true)]);
    const target = centre('edge-general');
    adapter.dragMove(['web'], target);
    expect(state().dropTarget).toEqual({ id: 'edge-general', ok: true });
    adapter.dragEnd(['web'], target);
    const web = getElement(state().doc, 'workload', 'web')!;
    expect(web.nodePool).toBe('edge-general');
    expect(web.cluster).toBe('edge');
    expect(state().undoStack).toHaveLength(1);
    expect(state().undoStack[0]!.label).toBe('Move workload "web" into node pool "general"');
    state().undo();
    expect(getElement(state().doc, 'workload', 'web')).toMatchObject({
      nodePool: 'app-general',
      cluster: 'app',
    });
    expect(state().doc.layout.nodes.web).toBeUndefined();
  });

  it('dropping a cluster in another region maps its zones and its pools\u2019 zones to that region', () => {
    adapter.dragStart(['app']);
    adapter.onNodesChange([position('app', 900, 900, true)]);
    adapter.dragEnd(['app'], centre('usw2-b'));
    const app = getElement(state().doc, 'cluster', 'app')!;
    expect(app.region).toBe('usw2');
    expect(app.zones).toEqual(['usw2-a', 'usw2-b', 'usw2-c']);
    expect(getElement(state().doc, 'nodePool', 'app-general')!.zones).toEqual(['usw2-a', 'usw2-b']);
    expect(state().undoStack).toHaveLength(1);
  });

  it('an invalid drop snaps back, records nothing and says why', () => {
    const before = state().doc;
    adapter.dragStart(['app-general']);
    adapter.onNodesChange([position('app-general', 5000, 5000, true)]);
    const outside = { x: -4000, y: -4000 };
    adapter.dragMove(['app-general'], outside);
    expect(state().dropTarget).toMatchObject({ ok: false, reason: 'a node pool must be inside a cluster' });
    adapter.dragEnd(['app-general'], outside);
    expect(state().doc).toBe(before);
    expect(state().undoStack).toHaveLength(0);
    expect(state().toasts.at(-1)?.message).toBe('Cannot drop here: a node pool must be inside a cluster');
  });

  it('a drop the model refuses rolls back too', () => {
    // The GPU workload cannot go to a pool without GPUs.
    const before = state().doc;
    adapter.dragStart(['ml']);
    adapter.onNodesChange([position('ml', 20, 400, true)]);
    adapter.dragEnd(['ml'], centre('edge-general'));
    expect(state().doc).toBe(before);
    expect(state().undoStack).toHaveLength(0);
    expect(state().toasts.at(-1)?.message).toMatch(/GPU/);
  });

  it('a move without a drag (arrow keys) is a single undo step', () => {
    adapter.onNodesChange([position('app', 40, 112)]);
    expect(state().doc.layout.nodes.app).toEqual({ x: 40, y: 112 });
    expect(state().undoStack).toHaveLength(1);
  });
});

describe('sizes', () => {
  it('keeps measured sizes in the session', () => {
    adapter.onNodesChange([{ type: 'dimensions', id: 'web', dimensions: { width: 252, height: 32 } }]);
    expect(state().measured.web).toEqual({ width: 252, height: 32 });
    expect(state().undoStack).toHaveLength(0);
  });

  it('a resize is one undo step that fixes the width and height', () => {
    adapter.onNodesChange([
      { type: 'dimensions', id: 'app', dimensions: { width: 700, height: 500 }, resizing: true },
    ]);
    adapter.onNodesChange([
      { type: 'dimensions', id: 'app', dimensions: { width: 720, height: 520 }, resizing: true },
    ]);
    adapter.onNodesChange([
      { type: 'dimensions', id: 'app', dimensions: { width: 720, height: 520 }, resizing: false },
    ]);
    expect(state().doc.layout.nodes.app).toMatchObject({ width: 720, height: 520 });
    expect(state().undoStack).toHaveLength(1);
    expect(state().undoStack[0]!.label).toBe('Resize "app"');
    expect(computeGeometry(state().doc).boxes.get('app')).toMatchObject({ width: 720, height: 520 });
  });
});

describe('removing and connecting', () => {
  it('sends removals to the delete command', () => {
    adapter.onNodesChange([{ type: 'remove', id: 'web' }]);
    adapter.onEdgesChange([{ type: 'remove', id: 'web-to-api' }]);
    expect(deleted).toEqual([['web'], ['web-to-api']]);
    expect(state().undoStack).toHaveLength(0);
  });

  it('connects two workloads with a hard dependency and selects it', () => {
    adapter.onConnect({ source: 'web', target: 'ml', sourceHandle: null, targetHandle: null });
    const dependency = getElement(state().doc, 'dependency', 'web-to-ml');
    expect(dependency).toMatchObject({ from: 'web', to: 'ml', type: 'hard' });
    expect(state().selection).toEqual(['web-to-ml']);
    expect(state().undoStack.at(-1)?.label).toBe('Connect web \u2192 ml');
  });

  it('accepts connections only between two different workloads not yet connected', () => {
    expect(adapter.isValidConnection({ source: 'web', target: 'ml' })).toBe(true);
    expect(adapter.isValidConnection({ source: 'web', target: 'api' })).toBe(false);
    expect(adapter.isValidConnection({ source: 'web', target: 'web' })).toBe(false);
    expect(adapter.isValidConnection({ source: 'web', target: 'app-general' })).toBe(false);
  });
});
