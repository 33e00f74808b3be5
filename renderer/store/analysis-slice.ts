// The analysis slice: cost, design-rule diagnostics and the chosen failure domain's impact, derived from the
// document and the catalog (the blast-radius summary of every domain is computed where it is shown:
// analysis/blast-summary.ts), never edited directly, never in the undo history, never saved. The engines
// run on each change of the document: in the same store update on a document of ordinary size (they are
// memoised per element, so an edit costs about as much as the element it touched, and the views hear of
// the edit and its figures once), after the changes settle on a large one, and never during a gesture — a
// drag or a resize is analysed once, when it ends. Load warnings (what the loader noticed in the file that
// was opened) are kept here too, until another document is loaded.
import type { StateCreator } from 'zustand';
import type { FileProblem } from '../../shared/format/document-file';
import type { AppState, AppStore } from './app-store';
import type { Analysis, AnalysisContext } from './analysis';
import { EMPTY_ANALYSIS, computeAnalysis, elementCount, hasFailureDomain, withImpact } from './analysis';

/** From this many elements on, the engines wait for the changes to settle instead of running on each one. */
export const LARGE_DOCUMENT = 2000;
/** How long a large document must stay unchanged before it is analysed, ms. */
export const SETTLE_MS = 250;

export interface AnalysisSlice {
  analysis: Analysis;
  /** Whether the results lag behind the document (a gesture is running, or a large document settles). */
  analysisPending: boolean;
  /** How long the engines took on their last run, ms (null before the first). */
  analysisMs: number | null;
  /**
   * When that run ended (performance.now(), null before the first): what the views show of it should be on
   * screen within a frame of this moment (the canvas benchmark reads it from the status bar).
   */
  analysisAt: number | null;
  /** What the loader warned about in the file that is open. */
  loadWarnings: readonly FileProblem[];
  setLoadWarnings(warnings: readonly FileProblem[]): void;
  /** Runs the engines now on the current document, whatever its size (not during a gesture). */
  flushAnalysis(): void;
}

export function createAnalysisSlice(): StateCreator<AppState, [], [], AnalysisSlice> {
  return (set) => ({
    analysis: EMPTY_ANALYSIS,
    analysisPending: true,
    analysisMs: null,
    analysisAt: null,
    loadWarnings: [],
    setLoadWarnings(warnings) {
      set({ loadWarnings: [...warnings] });
    },
    // Replaced by the scheduler's flush when the store is created (createAppStore).
    flushAnalysis() {},
  });
}

export interface AnalysisScheduler {
  /**
   * What the store's next state needs besides what was set: the analysis of its document when it is of
   * ordinary size (so a change and its figures reach the views in one notification), or the pending flag.
   * Called by the store for every update that changes the document, the gesture or the failure domain.
   */
  derive(next: AppState): Partial<AppState> | null;
  /** Lets the scheduler update the store when a large document has settled; schedules the first run. */
  attach(store: AppStore): void;
  /** Runs the engines now on the current document, whatever its size (tests, and before a report). */
  flush(): void;
  /** Stops the settle timer. */
  dispose(): void;
}

/** Keeps the analysis slice in step with the document (see AnalysisScheduler). */
export function createAnalysisScheduler(
  context: AnalysisContext,
  timers: { set: typeof setTimeout; clear: typeof clearTimeout } = {
    set: (...args) => setTimeout(...args),
    clear: (handle) => clearTimeout(handle),
  },
): AnalysisScheduler {
  let store: AppStore | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The domain the last run was asked for (the impact may be null when that domain does not exist). */
  let analysedDomain: string | null = null;

  const cancel = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };

  const upToDate = (state: AppState) =>
    state.analysis.doc === state.doc && analysedDomain === state.blastDomain;

  /** The analysis of `state`'s document and failure domain, computed now. */
  const compute = (state: AppState): Partial<AppState> => {
    const previous = state.analysis;
    const { doc, blastDomain } = state;
    const started = performance.now();
    let analysis: Analysis;
    // Whether the engines ran (the time of a run that only carried the figures over is not worth showing).
    let engines = true;
    if (previous.doc && previous.doc.spec === doc.spec && previous.doc.metadata === doc.metadata) {
      // Positions and sizes alone changed, or the chosen failure: the figures stand.
      engines = !(
        blastDomain === previous.impactDomain &&
        (blastDomain === null || previous.impact !== null)
      );
      analysis = engines ? withImpact({ ...previous, doc }, blastDomain, context) : { ...previous, doc };
    } else analysis = computeAnalysis(doc, blastDomain, context, previous);
    // A failure domain whose element was deleted ends the blast-radius view.
    const lost = blastDomain !== null && analysis.impact === null && !hasFailureDomain(doc, blastDomain);
    analysedDomain = lost ? null : blastDomain;
    const ended = performance.now();
    const timing = engines ? { analysisMs: ended - started, analysisAt: ended } : {};
    return { analysis, analysisPending: false, ...timing, ...(lost ? { blastDomain: null } : {}) };
  };

  const run = () => {
    cancel();
    if (!store) return;
    const state = store.getState();
    if (!upToDate(state)) store.setState(compute(state));
    else if (state.analysisPending) store.setState({ analysisPending: false });
  };

  const derive = (state: AppState): Partial<AppState> | null => {
    cancel();
    if (upToDate(state)) return state.analysisPending ? { analysisPending: false } : null;
    if (state.gesture) return state.analysisPending ? null : { analysisPending: true };
    if (elementCount(state.doc) < LARGE_DOCUMENT) return compute(state);
    timer = timers.set(run, SETTLE_MS);
    return state.analysisPending ? null : { analysisPending: true };
  };

  return {
    derive,
    attach(target) {
      store = target;
      const first = derive(target.getState());
      if (first) target.setState(first);
    },
    flush() {
      if (store && !store.getState().gesture) run();
    },
    dispose: cancel,
  };
}
