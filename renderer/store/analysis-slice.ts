// The analysis slice: cost, design-rule diagnostics and the chosen failure domain's impact, derived from the
// document and the catalog (the blast-radius summary of every domain is computed where it is shown:
// analysis/blast-summary.ts), never edited directly, never in the undo history, never saved. The engines
// run on each change of the document, never during a gesture (a drag or a resize is analysed once, when it
// ends): in the same store update (they are memoised per element, so an edit costs about as much as the
// element it touched, and the views hear of the edit and its figures once), or, from 2,000 elements on, once
// the changes settle (a move alone keeps the figures at once). From 1,000 elements on, the design rules run
// in the analysis worker where the page has one (analysis-remote.ts): the diagnostics follow when they are
// ready, and until then those of the version before are shown, marked pending (selectProblemsPending). Load
// warnings (what the loader noticed in the file that was opened) are kept here too, until another document
// is loaded.
import type { StateCreator } from 'zustand';
import type { FileProblem } from '../../shared/format/document-file';
import type { TopologyDocument } from '../../shared/model/schema';
import type { AppState, AppStore } from './app-store';
import type { Analysis, AnalysisContext } from './analysis';
import {
  EMPTY_ANALYSIS,
  computeAnalysis,
  diagnosticsCurrent,
  elementCount,
  hasFailureDomain,
  runDesignRules,
  sameFigures,
  withDiagnostics,
  withImpact,
} from './analysis';
import type { RemoteAnalysis, RemoteAnalysisFactory } from './analysis-remote';

/**
 * From this many elements on, the design rules run in the analysis worker when there is one. Below it their
 * first run holds the page less (it grows with the elements: most of 100–220 ms at 1,960), and an edit's
 * problems come with the edit.
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
   * settles); the diagnostics may lag on their own (selectProblemsPending).
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
  /**
   * Runs the cost engine and the impact now on the current document, whatever its size (not during a
   * gesture); the design rules too, unless a worker runs them.
   */
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
  /**
   * Runs the cost engine and the impact now on the current document, whatever its size (tests, and before a
   * report); the design rules too, unless they are the worker's.
   */
  flush(): void;
  /** Stops the settle timer and the worker. */
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
 * Keeps the analysis slice in step with the document (see AnalysisScheduler); `remote` runs the design rules
 * of large documents off the main thread (none: they run here).
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
      sameFigures(previous.doc, state.doc) &&
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

  /**
   * Requests to the worker are numbered; an answer is shown only when it is newer than the diagnostics on
   * screen (after a document is loaded, the answers about the one before are not).
   */
  const asked = new WeakMap<TopologyDocument, number>();
  let lastAsked = 0;
  let shown = 0;

  /**
   * `analysis` of `doc` with its diagnostics brought up to date: found here, or asked of `offThread` (the
   * diagnostics stay as they are until it answers).
   */
  const checkRules = (analysis: Analysis, doc: TopologyDocument, offThread?: RemoteAnalysis): Analysis => {
    if (diagnosticsCurrent(analysis, doc)) return analysis;
    if (analysis.diagnosticsDoc === null) shown = lastAsked;
    if (offThread) {
      asked.set(doc, ++lastAsked);
      offThread.request(doc);
      return analysis;
    }
    shown = lastAsked;
    const found = runDesignRules(doc, context);
    return withDiagnostics(analysis, doc, found.diagnostics, found.failure);
  };

  /** The worker for `doc`'s rules: for a large document, where there is one (started on first use). */
  const workerFor = (doc: TopologyDocument): RemoteAnalysis | undefined => {
    if (elementCount(doc) < REMOTE_DOCUMENT || (!remote && !startRemote)) return undefined;
    remote ??= startRemote!({
      answer(answer) {
        const serial = asked.get(answer.doc) ?? 0;
        if (!store || serial <= shown) return;
        shown = serial;
        const state = store.getState();
        store.setState({
          analysis: withDiagnostics(state.analysis, answer.doc, answer.diagnostics, answer.failure),
        });
      },
      fail(message) {
        console.warn(`${message}; the design rules run in the page from now on`);
        remote = undefined;
        startRemote = undefined;
        // The document waiting for the worker is checked now (after a gesture, when it ends: derive).
        if (!store || store.getState().gesture) return;
        const state = store.getState();
        const analysis = checkRules(state.analysis, state.doc);
        if (analysis !== state.analysis) store.setState({ analysis });
      },
    });
    return remote;
  };

  /**
   * The analysis of `state`'s document and failure domain: cost and impact computed now, the design rules
   * now or, for a large document, asked of the worker.
   */
  const compute = (state: AppState): Partial<AppState> => {
    const previous = state.analysis;
    const { doc, blastDomain } = state;
    const offThread = workerFor(doc);
    // Asked first, so that the worker runs the rules while the cost engine runs here.
    if (offThread) checkRules(previous, doc, offThread);
    let analysis: Analysis = { ...previous, doc };
    let timing: Partial<AppState> = {};
    if (!figuresStand(state)) {
      const started = performance.now();
      analysis = sameFigures(previous.doc, doc)
        ? withImpact(analysis, blastDomain, context)
        : computeAnalysis(doc, blastDomain, context, previous);
      const ended = performance.now();
      timing = { analysisMs: ended - started, analysisAt: ended };
    }
    if (!offThread) analysis = checkRules(analysis, doc);
    return settled(analysis, doc, blastDomain, timing);
  };

  /** What an up-to-date state still needs: its diagnostics checked (after a gesture, say), the flag down. */
  const recheck = (state: AppState): Partial<AppState> | null => {
    const analysis = checkRules(state.analysis, state.doc, workerFor(state.doc));
    const patch: Partial<AppState> = analysis === state.analysis ? {} : { analysis };
    if (state.analysisPending) patch.analysisPending = false;
    return Object.keys(patch).length > 0 ? patch : null;
  };

  const run = () => {
    cancel();
    if (!store) return;
    const state = store.getState();
    const patch = upToDate(state) ? recheck(state) : compute(state);
    if (patch) store.setState(patch);
  };

  const derive = (state: AppState): Partial<AppState> | null => {
    cancel();
    if (upToDate(state)) {
      if (!state.gesture) return recheck(state);
      return state.analysisPending ? { analysisPending: false } : null;
    }
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
      if (store && !store.getState().gesture) run();
    },
    dispose() {
      cancel();
      remote?.dispose();
    },
  };
}
