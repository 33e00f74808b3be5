// What the canvas's plain boxes (nodes.tsx FarNode) read from the app store, watched element by element. A
// 2,000-element design has 1,260 boxes (661 drawn when fitted, those in view); with a store selector each,
// every update of the store (an edit, a click that selects, each pointer move of a palette drag that moves
// the drop feedback) ran a selector per box drawn: with all 1,260 drawn (before the canvas left boxes out of
// view undrawn), 1.2 ms of every update in Node, warm (0.004 ms with the watch). One listener per store
// instead finds what changed for which element, by comparing the element lists object by object (commands
// copy on write, so an untouched element keeps its identity), the drop target and the blast marks, and calls
// the listeners of those elements only.
import { ELEMENT_KINDS, elementsOf, findElement } from '../../shared/model/elements';
import type { Element, ElementKind } from '../../shared/model/elements';
import type { BlastMark } from '../store/analysis';
import type { AppState, AppStore } from '../store/app-store';
import type { DropTarget } from '../store/session-slice';

/** What a plain box shows of its element: the element, the drop feedback on it, its blast-radius mark. */
export interface BoxView {
  readonly element: Element | undefined;
  readonly drop: DropTarget | null;
  readonly blast: BlastMark | undefined;
}

/** Subscriptions to one element's BoxView (the shape of React's useSyncExternalStore). */
export interface ElementWatch {
  /** Calls `listener` after each store update that changes the BoxView of `id`; returns the unsubscribe. */
  subscribe(id: string, listener: () => void): () => void;
  /** The BoxView of `id` now: the same object while its parts are the same. */
  view(id: string): BoxView;
}

const KINDS = Object.keys(ELEMENT_KINDS) as ElementKind[];
const NO_MARKS: ReadonlyMap<string, BlastMark> = new Map();

/** The blast marks the boxes show: none while no failure domain is chosen. */
function marksOf(state: AppState): ReadonlyMap<string, BlastMark> {
  return state.blastDomain === null ? NO_MARKS : state.analysis.blastMarks;
}

/** Adds to `out` the ids whose BoxView may differ between `previous` and `state`. */
export function changedElements(state: AppState, previous: AppState, out: Set<string>): void {
  if (state.doc !== previous.doc) {
    for (const kind of KINDS) {
      const before = elementsOf(previous.doc, kind) as readonly Element[];
      const after = elementsOf(state.doc, kind) as readonly Element[];
      if (before === after) continue;
      if (before.length === after.length) {
        for (let i = 0; i < after.length; i++) {
          if (before[i] === after[i]) continue;
          out.add(before[i]!.id);
          out.add(after[i]!.id);
        }
        continue;
      }
      // Elements added or removed: each element that is in one list and not in the other.
      const kept = new Set<Element>(after);
      const was = new Set<Element>(before);
      for (const element of after) if (!was.has(element)) out.add(element.id);
      for (const element of before) if (!kept.has(element)) out.add(element.id);
    }
  }
  if (state.dropTarget !== previous.dropTarget) {
    if (previous.dropTarget?.id !== undefined) out.add(previous.dropTarget.id);
    if (state.dropTarget?.id !== undefined) out.add(state.dropTarget.id);
  }
  const marks = marksOf(state);
  const before = marksOf(previous);
  if (marks !== before) {
    for (const [id, mark] of marks) if (before.get(id) !== mark) out.add(id);
    for (const id of before.keys()) if (!marks.has(id)) out.add(id);
  }
}

function viewOf(state: AppState, id: string): BoxView {
  return {
    element: findElement(state.doc, id)?.element,
    drop: state.dropTarget?.id === id ? state.dropTarget : null,
    blast: marksOf(state).get(id),
  };
}

const watches = new WeakMap<AppStore, ElementWatch>();

/** The element watch of a store: one per store, listening to it while any element is watched. */
export function elementWatch(store: AppStore): ElementWatch {
  let watch = watches.get(store);
  if (watch) return watch;
  const listeners = new Map<string, Set<() => void>>();
  const views = new Map<string, BoxView>();
  let stop: (() => void) | undefined;
  const changed = new Set<string>();
  const onUpdate = (state: AppState, previous: AppState) => {
    changedElements(state, previous, changed);
    if (changed.size === 0) return;
    const notify: (() => void)[] = [];
    for (const id of changed) {
      const watching = listeners.get(id);
      if (watching) notify.push(...watching);
    }
    changed.clear();
    for (const listener of notify) listener();
  };
  watch = {
    subscribe(id, listener) {
      let watching = listeners.get(id);
      if (!watching) listeners.set(id, (watching = new Set()));
      watching.add(listener);
      stop ??= store.subscribe(onUpdate);
      return () => {
        watching.delete(listener);
        if (watching.size > 0) return;
        listeners.delete(id);
        views.delete(id);
        if (listeners.size === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
    view(id) {
      const next = viewOf(store.getState(), id);
      const last = views.get(id);
      if (last && last.element === next.element && last.drop === next.drop && last.blast === next.blast)
        return last;
      views.set(id, next);
      return next;
    },
  };
  watches.set(store, watch);
  return watch;
}
