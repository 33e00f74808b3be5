// The analysis slice: cost, design-rule diagnostics and blast radius derived from the document and the
// catalog, never edited directly, never in the undo history, never saved. The engines run after each change
// of the document: at once on a document of ordinary size (they are memoised per element, so an edit costs
// about as much as the element it touched), after the changes settle on a large one, and never during a
// gesture — a drag or a resize is analysed once, when it ends. Load warnings (what the loader noticed in
// the file that was opened) are kept here too, until another document is loaded.
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
    loadWarnings: [],
    setLoadWarnings(warnings) {
      set({ loadWarnings: [...warnings] });
    },
    // Replaced by the scheduler's flush when the store is connected (connectAnalysis).
    flushAnalysis() {},
  });
}

export interface AnalysisScheduler {
  /** Runs the engines now on the current document, whatever its size (tests, and before a report). */
  flush(): void;
  /** Stops listening to the store. */
  dispose(): void;
}

/** Keeps the analysis slice in step with the document; returns a handle to flush or stop it. */
export function connectAnalysis(
  store: AppStore,
  context: AnalysisContext,
  timers: { set: typeof setTimeout; clear: typeof clearTimeout } = {
    set: (...args) => setTimeout(...args),
    clear: (handle) => clearTimeout(handle),
  },
): AnalysisScheduler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The domain the last run was asked for (the impact may be null when that domain does not exist). */
  let analysedDomain: string | null = null;

  const cancel = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };

  const upToDate = (state: AppState) =>
    state.analysis.doc === state.doc && analysedDomain === state.blastDomain;

  const run = () => {
    cancel();
    const state = store.getState();
    if (upToDate(state)) {
      if (state.analysisPending) store.setState({ analysisPending: false });
      return;
    }
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
    analysedDomain = blastDomain;
    // A failure domain whose element was deleted ends the blast-radius view.
    const lost = blastDomain !== null && analysis.impact === null && !hasFailureDomain(doc, blastDomain);
    const analysisMs = engines ? performance.now() - started : state.analysisMs;
    store.setState({ analysis, analysisPending: false, analysisMs, ...(lost ? { blastDomain: null } : {}) });
    if (lost) analysedDomain = null;
  };

  const schedule = () => {
    const state = store.getState();
    if (upToDate(state)) {
      cancel();
      if (state.analysisPending) store.setState({ analysisPending: false });
      return;
    }
    if (state.gesture) {
      cancel();
      if (!state.analysisPending) store.setState({ analysisPending: true });
      return;
    }
    if (elementCount(state.doc) < LARGE_DOCUMENT) {
      run();
      return;
    }
    cancel();
    if (!state.analysisPending) store.setState({ analysisPending: true });
    timer = timers.set(run, SETTLE_MS);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (
      state.doc === previous.doc &&
      state.gesture === previous.gesture &&
      state.blastDomain === previous.blastDomain
    )
      return;
    schedule();
  });
  schedule();

  return {
    flush() {
      if (!store.getState().gesture) run();
    },
    dispose() {
      cancel();
      unsubscribe();
    },
  };
}
