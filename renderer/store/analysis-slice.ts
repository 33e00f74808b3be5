// The analysis slice: cost, design-rule diagnostics and the chosen failure domain's impact, derived from the
// document and the catalog (the blast-radius summary of every domain is computed where it is shown:
// analysis/blast-summary.ts), never edited directly, never in the undo history, never saved. The engines
// run on each change of the document, never during a gesture (a drag or a resize is analysed once, when it
// ends): on a document of ordinary size in the same store update (they are memoised per element, so an edit
// costs about as much as the element it touched, and the views hear of the edit and its figures once); on a
// large one in the analysis worker where the page has one (analysis-remote.ts: the page goes on drawing and
// answering while they run, and the figures follow when they are ready), else here once the changes settle.
// Load warnings (what the loader noticed in the file that was opened) are kept here too, until another
// document is loaded.
import type { StateCreator } from 'zustand';
import type { FileProblem } from '../../shared/format/document-file';
import type { AppState, AppStore } from './app-store';
import type { Analysis, AnalysisContext } from './analysis';
import {
  EMPTY_ANALYSIS,
  computeAnalysis,
  elementCount,
  hasFailureDomain,
  indexAnalysis,
  withImpact,
} from './analysis';
import type { RemoteAnalysis, RemoteAnalysisFactory, RemoteAnswer } from './analysis-remote';

/**
 * From this many elements on, the engines run in the analysis worker when there is one. Below it a full run
 * takes the page a few tens of milliseconds at most, and an edit's figures come in the same update as the edit.
 */
export const REMOTE_DOCUMENT = 1000;

/**
 * From this many elements on, when there is no worker, the engines wait for the changes to settle instead of
 * running on each one.
 */
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

  /** The analysis of `state`'s document and failure domain, computed now. */
  const compute = (state: AppState): Partial<AppState> => {
    const previous = state.analysis;
    const { doc, blastDomain } = state;
    if (figuresStand(state)) return settled({ ...previous, doc }, doc, blastDomain, {});
    const started = performance.now();
    const analysis =
      previous.doc && previous.doc.spec === doc.spec && previous.doc.metadata === doc.metadata
        ? withImpact({ ...previous, doc }, blastDomain, context)
        : computeAnalysis(doc, blastDomain, context, previous);
    const ended = performance.now();
    return settled(analysis, doc, blastDomain, { analysisMs: ended - started, analysisAt: ended });
  };

  /** Takes the worker's answer: shown when it is for the document and failure the store holds. */
  const received = (answer: RemoteAnswer) => {
    if (!store) return;
    const state = store.getState();
    if (upToDate(state)) return;
    const analysis = indexAnalysis(answer.doc, answer.results, state.analysis);
    const timing = { analysisMs: answer.ms, analysisAt: answer.endedAt };
    if (answer.doc === state.doc && answer.blastDomain === state.blastDomain) {
      store.setState(settled(analysis, state.doc, state.blastDomain, timing));
    } else {
      // The document moved on while the worker ran (its newer version is on its way there): the figures of
      // the one before are shown meanwhile, marked pending.
      store.setState({ analysis, ...timing });
    }
  };

  /** The worker, started on the first large document; undefined where there is none or after it failed. */
  const worker = (): RemoteAnalysis | undefined => {
    if (remote || !startRemote) return remote;
    remote = startRemote({
      answer: received,
      fail() {
        // Analysed here from now on; the document waiting for the worker is analysed now.
        remote = undefined;
        startRemote = undefined;
        if (!store) return;
        const state = store.getState();
        if (!upToDate(state) && !state.gesture) store.setState(compute(state));
      },
    });
    return remote;
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
    const elements = elementCount(state.doc);
    if (elements < REMOTE_DOCUMENT || figuresStand(state)) return compute(state);
    const offThread = worker();
    if (offThread) offThread.request(state.doc, state.blastDomain);
    else if (elements < LARGE_DOCUMENT) return compute(state);
    else timer = timers.set(run, SETTLE_MS);
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
