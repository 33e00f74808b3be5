// The store without React: dispatch, undo and redo, gestures, refusals, loading and the dirty flag.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/model/commands';
import { testCatalog } from '../test-support/catalog';
import { smallDocument } from '../test-support/documents';
import { createFakeHost } from '../test-support/fake-host';
import type { AppStore } from './app-store';
import { createAppStore, emptyDocument } from './app-store';
import { squashInverses } from './history';

let store: AppStore;
const state = () => store.getState();
const move = (id: string, x: number, y: number): Command => ({ type: 'layout', entries: { [id]: { x, y } } });
const rename = (id: string, name: string): Command => ({ type: 'update', id, changes: { name } });

beforeEach(() => {
  store = createAppStore(
    { host: createFakeHost(), catalog: testCatalog(), newKey: () => 'k' },
    { document: smallDocument() },
  );
});

describe('dispatch, undo and redo', () => {
  it('runs a command, records it with its label and code, and marks the document dirty', () => {
    const result = state().dispatch(rename('web', 'frontend'));
    expect(result).toEqual({ ok: true, label: 'Change workload "web"', code: 'model.update' });
    expect(state().doc.spec.workloads.find((w) => w.id === 'web')?.name).toBe('frontend');
    expect(state().undoStack.map((e) => e.label)).toEqual(['Change workload "web"']);
    expect(state().dirty).toBe(true);
    expect(state().revision).toBe(1);
  });

  it('undoes and redoes, and the dirty flag follows the save point', () => {
    const original = state().doc;
    state().dispatch(rename('web', 'frontend'));
    expect(state().undo().ok).toBe(true);
    expect(state().doc).toEqual(original);
    expect(state().dirty).toBe(false);
    expect(state().redoStack).toHaveLength(1);
    expect(state().redo().ok).toBe(true);
    expect(state().doc.spec.workloads.find((w) => w.id === 'web')?.name).toBe('frontend');
    expect(state().dirty).toBe(true);
    expect(state().redoStack).toHaveLength(0);
  });

  it('a new command clears the redo stack', () => {
    state().dispatch(rename('web', 'a'));
    state().undo();
    state().dispatch(rename('api', 'b'));
    expect(state().redoStack).toHaveLength(0);
    expect(state().redo()).toMatchObject({ ok: false, error: { code: 'history.empty' } });
  });

  it('refuses a command that breaks the model: nothing changes, the reason comes back and shows as a toast', () => {
    const before = state().doc;
    const result = state().dispatch({ type: 'move', id: 'app-general', parent: 'use1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('a node pool must be inside a cluster');
    expect(state().doc).toBe(before);
    expect(state().undoStack).toHaveLength(0);
    expect(state().dirty).toBe(false);
    expect(state().revision).toBe(0);
    expect(state().toasts.map((t) => t.kind)).toEqual(['error']);
  });

  it('a command that changes nothing is not an undo step', () => {
    state().dispatch(rename('web', 'web'));
    expect(state().undoStack).toHaveLength(0);
    expect(state().dirty).toBe(false);
  });

  it('prunes the selection of elements that no longer exist', () => {
    state().setSelection(['web', 'api']);
    state().dispatch({ type: 'delete', ids: ['web'] });
    expect(state().selection).toEqual(['api']);
  });
});

describe('gestures', () => {
  it('squashes the commands of a drag into one undo step', () => {
    const before = state().doc;
    state().beginGesture();
    for (let i = 1; i <= 20; i++) state().dispatch(move('app', i * 10, i * 5));
    expect(state().undoStack).toHaveLength(0);
    expect(state().dirty).toBe(true);
    state().endGesture('Move "app" on the canvas');
    expect(state().undoStack).toHaveLength(1);
    expect(state().undoStack[0]!.label).toBe('Move "app" on the canvas');
    expect(state().doc.layout.nodes.app).toEqual({ x: 200, y: 100 });
    // One change per slot survives the squash.
    const inverse = state().undoStack[0]!.inverse;
    expect(inverse.type === 'restore' && inverse.changes).toHaveLength(1);
    state().undo();
    expect(state().doc.layout).toEqual(before.layout);
    expect(state().dirty).toBe(false);
    state().redo();
    expect(state().doc.layout.nodes.app).toEqual({ x: 200, y: 100 });
  });

  it('cancelling a gesture puts the document back and records nothing', () => {
    const before = state().doc;
    state().beginGesture();
    state().dispatch(move('app', 40, 40));
    state().dispatch(rename('app', 'moved'));
    state().cancelGesture();
    expect(state().doc).toBe(before);
    expect(state().undoStack).toHaveLength(0);
    expect(state().dirty).toBe(false);
    expect(state().gesture).toBeNull();
  });

  it('undo and redo refuse to run in the middle of a gesture', () => {
    state().dispatch(rename('web', 'a'));
    state().beginGesture();
    state().dispatch(move('app', 10, 10));
    expect(state().undo()).toMatchObject({ ok: false, error: { code: 'history.gesture-active' } });
    expect(state().redo()).toMatchObject({ ok: false, error: { code: 'history.gesture-active' } });
    state().endGesture();
    expect(state().undoStack).toHaveLength(2);
  });

  it('a gesture without changes leaves no undo step', () => {
    state().beginGesture();
    state().endGesture('nothing');
    expect(state().undoStack).toHaveLength(0);
  });

  it('a gesture that mixes kinds of change undoes all of them at once', () => {
    const before = state().doc;
    state().beginGesture();
    state().dispatch(move('web', 10, 60));
    state().dispatch({ type: 'move', id: 'web', parent: 'app-gpu' });
    state().dispatch(move('web', 10, 100));
    state().endGesture('Move web');
    state().undo();
    expect(state().doc.spec).toEqual(before.spec);
    expect(state().doc.layout).toEqual(before.layout);
  });
});

describe('loading and saving', () => {
  it('loading a document resets history and selection and is not an undo step', () => {
    state().dispatch(rename('web', 'a'));
    state().setSelection(['web']);
    const next = emptyDocument('Other');
    state().loadDocument(next, {
      name: 'other.topo.yaml',
      path: '/x/other.topo.yaml',
      key: '/x/other.topo.yaml',
    });
    expect(state().doc).toBe(next);
    expect(state().undoStack).toHaveLength(0);
    expect(state().redoStack).toHaveLength(0);
    expect(state().selection).toEqual([]);
    expect(state().dirty).toBe(false);
    expect(state().file.name).toBe('other.topo.yaml');
  });

  it('a recovered draft opens dirty', () => {
    state().loadDocument(emptyDocument(), { name: 'draft', key: 'k2' }, { dirty: true });
    expect(state().dirty).toBe(true);
    state().dispatch({ type: 'metadata', changes: { name: 'x' } });
    state().undo();
    expect(state().dirty).toBe(true);
  });

  it('saving clears the dirty flag; undoing past the save makes it dirty again', () => {
    state().dispatch(rename('web', 'a'));
    state().markSaved({ name: 'small.topo.yaml', path: '/d/small.topo.yaml', key: '/d/small.topo.yaml' });
    expect(state().dirty).toBe(false);
    state().undo();
    expect(state().dirty).toBe(true);
    state().redo();
    expect(state().dirty).toBe(false);
  });

  it('positions given silently change neither history nor the dirty flag', () => {
    const result = state().applyLayoutSilently({ app: { x: 16, y: 96 } });
    expect(result.ok).toBe(true);
    expect(state().doc.layout.nodes.app).toEqual({ x: 16, y: 96 });
    expect(state().undoStack).toHaveLength(0);
    expect(state().dirty).toBe(false);
  });
});

describe('session', () => {
  it('keeps toasts, panels and theme apart from the document and its history', () => {
    const doc = state().doc;
    state().showToast({ kind: 'info', message: 'hello' });
    state().togglePanel('minimap');
    state().setTheme('dark');
    state().setSelection(['app']);
    expect(state().doc).toBe(doc);
    expect(state().undoStack).toHaveLength(0);
    expect(state().dirty).toBe(false);
    expect(state().panels.minimap).toBe(false);
  });

  it('keeps at most four toasts and dismisses them by id', () => {
    const ids = [1, 2, 3, 4, 5].map((n) => state().showToast({ kind: 'info', message: `t${n}` }));
    expect(state().toasts.map((t) => t.message)).toEqual(['t2', 't3', 't4', 't5']);
    state().dismissToast(ids[2]!);
    expect(state().toasts.map((t) => t.message)).toEqual(['t2', 't4', 't5']);
  });
});

describe('squashInverses', () => {
  it('keeps the last write to each slot, in order', () => {
    const squashed = squashInverses(
      [
        { type: 'restore', code: 'a', label: 'a', changes: [{ op: 'layout', id: 'x', entry: null }] },
        {
          type: 'restore',
          code: 'b',
          label: 'b',
          changes: [
            { op: 'layout', id: 'x', entry: { x: 1, y: 1 } },
            { op: 'layout', id: 'y', entry: null },
          ],
        },
      ],
      'gesture',
      'Drag',
    );
    expect(squashed).toEqual({
      type: 'restore',
      code: 'gesture',
      label: 'Drag',
      changes: [
        { op: 'layout', id: 'y', entry: null },
        { op: 'layout', id: 'x', entry: null },
      ],
    });
  });

  it('keeps every change of a run that replaces the whole spec (switching to a scenario), so undo is exact', () => {
    const start = state().doc;
    expect(state().dispatch({ type: 'saveScenario', name: 'Before' }).ok).toBe(true);
    state().beginGesture();
    state().dispatch(rename('web', 'frontend'));
    state().dispatch({ type: 'switchScenario', id: 'before' });
    state().dispatch(rename('web', 'storefront'));
    state().endGesture('Try a scenario');
    expect(state().doc.spec.workloads.find((w) => w.id === 'web')?.name).toBe('storefront');
    state().undo();
    state().undo();
    expect(state().doc).toEqual(start);
  });
});
