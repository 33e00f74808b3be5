// The analysis slice: cost, design-rule diagnostics and the chosen failure domain's impact, derived from the
// document and the catalog (the blast-radius summary of every domain is computed where it is shown:
// analysis/blast-summary.ts), never edited directly, never in the undo history, never saved. The engines
// run on each change of the document, never during a gesture (a drag or a resize is analysed once, when it
// ends): in the same store update (they are memoised per element, so an edit costs about as much as the
// element it touched, and the views hear of the edit and its figures once), or, from 2,000 elements on, once
// the changes settle. From 1,000 elements on, the design rules run in the analysis worker where the page has
// one (analysis-remote.ts): the diagnostics follow when they are ready, and until then those of the version
// before are shown, marked pending (`problemsPending`). Load warnings (what the loader noticed in the file
// that was opened) are kept here too, until another document is loaded.
import type { StateCreator } from 'zustand';
import type { FileProblem } from '../../shared/format/document-file';
import type { AppState, AppStore } from './app-store';
import type { Analysis, AnalysisContext } from './analysis';
import {
  EMPTY_ANALYSIS,
  computeAnalysis,
  diagnosticsCurrent,
  elementCount,
  hasFailureDomain,
  runDesignRules,
  withDiagnostics,
  withImpact,
} from './analysis';
import type { RemoteAnalysis, RemoteAnalysisFactory } from './analysis-remote';

/**
 * From this many elements on, the design rules run in the analysis worker when there is one. Below it their
 * first run takes the page a few tens of milliseconds at most, and an edit's problems come with the edit.
 */
export const REMOTE_DOCUMENT = 1000;

/** From this many elements on, the engines wait for the changes to settle instead of running on each one. */
export const LARGE_DOCUMENT = 2000;
/** How long a large document must stay unchanged before it is analysed, ms. */
export const SETTLE_MS = 250;

export interface AnalysisSlice {
  analysis: Analysis;
  /**
   * Whether the cost and the impact lag behind the document (a gesture is running, or a large document
   * settles); the diagnostics may lag on their own (`problemsPending`).
   */
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

/** Timers the scheduler waits with (tests pass fakes). */
export interface SchedulerTimers {
  set: typeof setTimeout;
  clear: typeof clearTimeout;
}

const REAL_TIMERS: SchedulerTimers = {
  set: (...args) => setTimeout(...args),
  clear: (handle) => clearTimeout(handle),
};

/**
 * Keeps the analysis slice in step with the document (see AnalysisScheduler); `remote` runs the engines of
 * large documents off the main thread (none: they run here).
 */
export function createAnalysisScheduler(
  context: AnalysisContext,
  options: { readonly timers?: SchedulerTimers; readonly remote?: RemoteAnalysisFactory } = {},
): AnalysisScheduler {
  const timers = options.timers ?? REAL_TIMERS;
  let store: AppStore | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let remote: RemoteAnalysis | undefined;
  let startRemote = options.remote;
  /** The domain the last run was asked for (the impact may be null when that domain does not exist). */
  let analysedDomain: string | null = null;

  const cancel = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };

  const upToDate = (state: AppState) =>
    state.analysis.doc === state.doc && analysedDomain === state.blastDomain;

  /** Whether the analysis of `state` is its last one's figures as they are (positions and sizes alone changed). */
  const figuresStand = (state: AppState) => {
    const previous = state.analysis;
    return (
      previous.doc !== null &&
      previous.doc.spec === state.doc.spec &&
      previous.doc.metadata === state.doc.metadata &&
      state.blastDomain === previous.impactDomain &&
      (state.blastDomain === null || previous.impact !== null)
    );
  };

  /** The slice for `analysis` of `doc` under `blastDomain`, when it is the one the store should show. */
  const settled = (
    analysis: Analysis,
    doc: AppState['doc'],
    blastDomain: string | null,
    timing: Partial<AppState>,
  ): Partial<AppState> => {
    // A failure domain whose element was deleted ends the blast-radius view.
    const lost = blastDomain !== null && analysis.impact === null && !hasFailureDomain(doc, blastDomain);
    analysedDomain = lost ? null : blastDomain;
    return { analysis, analysisPending: false, ...timing, ...(lost ? { blastDomain: null } : {}) };
  };

  /** The worker, started on the first large document; undefined where there is none or after it failed. */
  const worker = (): RemoteAnalysis | undefined => {
    if (remote || !startRemote) return remote;
    remote = startRemote({
      answer(answer) {
        if (!store) return;
        const state = store.getState();
        // Diagnostics found here since (a flush) are newer than the worker's.
        if (diagnosticsCurrent(state.analysis, state.doc)) return;
        store.setState({
          analysis: withDiagnostics(state.analysis, answer.doc, answer.diagnostics, answer.failure),
        });
      },
      fail() {
        // The rules run here from now on; the document waiting for the worker is checked now.
        remote = undefined;
        startRemote = undefined;
        if (!store) return;
        const state = store.getState();
        if (state.gesture || diagnosticsCurrent(state.analysis, state.doc)) return;
        const found = runDesignRules(state.doc, context);
        store.setState({
          analysis: withDiagnostics(state.analysis, state.doc, found.diagnostics, found.failure),
        });
      },
    });
    return remote;
  };

  /**
   * The analysis of `state`'s document and failure domain: cost and impact computed now, the design rules
   * now or, for a large document, asked of the worker (`here`: now, whatever the size).
   */
  const compute = (state: AppState, here = false): Partial<AppState> => {
    const previous = state.analysis;
    const { doc, blastDomain } = state;
    const offThread = !here && elementCount(doc) >= REMOTE_DOCUMENT ? worker() : undefined;
    // Asked first, so that the worker runs the rules while the cost engine runs here.
    if (offThread && !diagnosticsCurrent(previous, doc)) offThread.request(doc);
    let analysis: Analysis = { ...previous, doc };
    let timing: Partial<AppState> = {};
    if (!figuresStand(state)) {
      const started = performance.now();
      analysis =
        previous.doc && previous.doc.spec === doc.spec && previous.doc.metadata === doc.metadata
          ? withImpact(analysis, blastDomain, context)
          : computeAnalysis(doc, blastDomain, context, previous, offThread === undefined);
      const ended = performance.now();
      timing = { analysisMs: ended - started, analysisAt: ended };
    }
    if (!offThread && !diagnosticsCurrent(analysis, doc)) {
      const found = runDesignRules(doc, context);
      analysis = withDiagnostics(analysis, doc, found.diagnostics, found.failure);
    }
    return settled(analysis, doc, blastDomain, timing);
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
    if (elementCount(state.doc) < LARGE_DOCUMENT || figuresStand(state)) return compute(state);
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
      if (!store || store.getState().gesture) return;
      cancel();
      const state = store.getState();
      if (!upToDate(state) || !diagnosticsCurrent(state.analysis, state.doc))
        store.setState(compute(state, true));
      else if (state.analysisPending) store.setState({ analysisPending: false });
    },
    dispose() {
      cancel();
      remote?.dispose();
    },
  };
}
