// The element watch of the canvas's plain boxes: after every kind of store update, each element whose box
// would show something else is told, and the others are not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ELEMENT_KINDS, elementsOf } from '../../shared/model/elements';
import type { ElementKind } from '../../shared/model/elements';
import { testCatalog } from '../test-support/catalog';
import { largeDocument, setDesiredCommand, smallDocument } from '../test-support/documents';
import { createFakeHost } from '../test-support/fake-host';
import type { AppState, AppStore } from '../store/app-store';
import { createAppStore } from '../store/app-store';
import { elementWatch } from './element-watch';
import type { BoxView } from './element-watch';

let store: AppStore;
const state = () => store.getState();
let unsubscribe: (() => void)[] = [];

/** Every element id of a state's document. */
function idsOf(s: AppState): string[] {
  return (Object.keys(ELEMENT_KINDS) as ElementKind[]).flatMap((kind) =>
    elementsOf(s.doc, kind).map((element) => element.id),
  );
}

/** Watches every element of the document now, and `more`; `take` lists the ids told since it was last called. */
function watchAll(more: readonly string[] = []) {
  const watch = elementWatch(store);
  const told = new Set<string>();
  for (const id of new Set([...idsOf(state()), ...more])) {
    unsubscribe.push(watch.subscribe(id, () => told.add(id)));
  }
  return {
    watch,
    take: () => {
      const out = [...told].sort();
      told.clear();
      return out;
    },
  };
}

/** The ids whose box view differs between two snapshots of views. */
function differing(before: Map<string, BoxView>, after: Map<string, BoxView>): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids]
    .filter((id) => {
      const a = before.get(id);
      const b = after.get(id);
      return a?.element !== b?.element || a?.drop !== b?.drop || a?.blast !== b?.blast;
    })
    .sort();
}

beforeEach(() => {
  store = createAppStore(
    { host: createFakeHost(), catalog: testCatalog(), newKey: () => 'k' },
    { document: smallDocument() },
  );
});

afterEach(() => {
  for (const stop of unsubscribe) stop();
  unsubscribe = [];
});

describe('elementWatch', () => {
  it('tells only the element an edit touched, and keeps every other view the same object', () => {
    const { watch, take } = watchAll();
    const views = new Map(idsOf(state()).map((id) => [id, watch.view(id)]));
    expect(state().dispatch(setDesiredCommand(state().doc, 'app-general', 5)).ok).toBe(true);
    expect(take()).toEqual(['app-general']);
    for (const id of idsOf(state())) {
      if (id === 'app-general') expect(watch.view(id)).not.toBe(views.get(id));
      else expect(watch.view(id)).toBe(views.get(id));
    }
    expect(watch.view('app-general').element).toBe(
      state().doc.spec.nodePools.find((pool) => pool.id === 'app-general'),
    );
  });

  it('tells the containers the drop feedback leaves and reaches', () => {
    const { watch, take } = watchAll();
    state().setDropTarget({ id: 'app', ok: true });
    expect(take()).toEqual(['app']);
    expect(watch.view('app').drop).toEqual({ id: 'app', ok: true });
    state().setDropTarget({ id: 'use1', ok: false, reason: 'no' });
    expect(take()).toEqual(['app', 'use1']);
    expect(watch.view('app').drop).toBeNull();
    state().setDropTarget(null);
    expect(take()).toEqual(['use1']);
  });

  it('misses no change through edits, deletions, additions, failures, undo, redo and loads', () => {
    // new-svc is watched before it exists, as a box may be (a node drawn before its element is there).
    const { watch, take } = watchAll(['new-svc']);
    const snapshot = () => new Map([...idsOf(state()), 'new-svc'].map((id) => [id, watch.view(id)]));
    const steps: [string, () => void][] = [
      ['edit', () => state().dispatch(setDesiredCommand(state().doc, 'app-general', 4))],
      ['choose a failure', () => state().setBlastDomain('cluster:app')],
      ['edit during it', () => state().dispatch(setDesiredCommand(state().doc, 'app-general', 6))],
      ['clear the failure', () => state().setBlastDomain(null)],
      ['delete a cluster', () => state().dispatch({ type: 'delete', ids: ['edge'] })],
      ['undo', () => state().undo()],
      ['redo', () => state().redo()],
      ['undo again', () => state().undo()],
      [
        'add a workload',
        () =>
          state().dispatch({
            type: 'add',
            kind: 'workload',
            element: {
              id: 'new-svc',
              name: 'new',
              kind: 'service',
              cluster: 'app',
              nodePool: 'app-general',
              replicas: 2,
              resources: { cpu: 0.5, memoryGiB: 1 },
            },
          }),
      ],
      ['a setting', () => state().dispatch({ type: 'settings', changes: { hoursPerMonth: 720 } })],
      [
        'load another design',
        () => state().loadDocument(largeDocument(20), { name: 'l.topo.yaml', key: 'l' }),
      ],
    ];
    for (const [what, step] of steps) {
      const before = snapshot();
      step();
      const after = snapshot();
      const told = take();
      const changed = differing(before, after);
      // Every id whose box changed was told (ids new to the document have no listener yet).
      expect({ what, missed: changed.filter((id) => before.has(id) && !told.includes(id)) }).toEqual({
        what,
        missed: [],
      });
      // A setting changes no box; every other step changes some.
      expect({ what, told: told.length > 0 }).toEqual({ what, told: what !== 'a setting' });
      // And only those: an id told without a change of its box is a wasted render.
      expect({ what, extra: told.filter((id) => !changed.includes(id)) }).toEqual({ what, extra: [] });
    }
  });

  it('stops telling a listener once it unsubscribes', () => {
    const watch = elementWatch(store);
    let told = 0;
    const stop = watch.subscribe('app-general', () => told++);
    state().dispatch(setDesiredCommand(state().doc, 'app-general', 4));
    stop();
    state().dispatch(setDesiredCommand(state().doc, 'app-general', 5));
    expect(told).toBe(1);
  });

  it('is one watch per store', () => {
    expect(elementWatch(store)).toBe(elementWatch(store));
  });
});
