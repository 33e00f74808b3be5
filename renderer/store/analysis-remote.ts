// The design rules of large documents off the main thread: a Web Worker (analysis-worker.ts) keeps a copy of
// the document and runs the rules on it while the page goes on drawing and answering. On a design of 2,000
// elements the rules were most of the first analysis, which held the main thread 100–220 ms of its open
// (measured: leaving the rules out of the open took 217 ms off its time to interactive, leaving out cost and
// rules 223 ms; medians of 8 interleaved runs). The cost engine stays on the main thread: each edit's total
// must be on screen within a frame of the engine, and a worker's answer waits behind the frame that shows the
// edit (2–3 frames, measured with the whole analysis in the worker). Each later edit sends the worker only
// what changed (shared/model/delta.ts). One request is out at a time: while the worker works, only the
// newest document waits, so a burst of edits costs one run after the one under way. The worker starts with
// the first large document and stays. When it cannot start or fails, the page is told once (`fail`) and runs
// the rules in place from then on (analysis-slice.ts).
import { documentDelta } from '../../shared/model/delta';
import type { TopologyDocument } from '../../shared/model/schema';
import type { Diagnostic } from '../../shared/rules/types';
import { sameFigures } from './analysis';
import type { AnalysisAnswer, AnalysisRequest } from './analysis-protocol';
import { ListDecoder } from './analysis-protocol';

/** An answer, read: the document it is for, the diagnostics, and what stopped the rules. */
export interface RemoteAnswer {
  readonly doc: TopologyDocument;
  readonly diagnostics: readonly Diagnostic[];
  readonly failure: string | null;
}

export interface RemoteAnalysis {
  /**
   * Asks for the design rules on `doc`; replaces any request not sent yet. Nothing is asked when the request
   * out or waiting is for a version with the same spec and metadata (a move, another failure domain).
   */
  request(doc: TopologyDocument): void;
  /** Stops the worker. */
  dispose(): void;
}

/** Where answers go: each answer in order, or, once and never during `request`, why the worker cannot go on. */
export interface RemoteHandlers {
  answer(answer: RemoteAnswer): void;
  fail(message: string): void;
}

/** The message channel to the worker (a Worker, or the service in this thread in tests). */
export interface AnalysisPort {
  post(request: AnalysisRequest): void;
  /** Calls back with each answer, and with a message when the worker fails to load or dies. */
  listen(onAnswer: (answer: AnalysisAnswer) => void, onError: (message: string) => void): void;
  terminate(): void;
}

/** Starts the remote design rules, answering to `handlers`. */
export type RemoteAnalysisFactory = (handlers: RemoteHandlers) => RemoteAnalysis;

/** The remote design rules over the port `open` gives (opened on the first request). */
export function createRemoteAnalysis(open: () => AnalysisPort, handlers: RemoteHandlers): RemoteAnalysis {
  let port: AnalysisPort | undefined;
  let failed = false;
  let nextId = 0;
  /** The document the worker's copy is (the base of the next delta). */
  let sentDoc: TopologyDocument | null = null;
  let inFlight: { id: number; doc: TopologyDocument } | null = null;
  let waiting: TopologyDocument | null = null;
  const decoder = new ListDecoder<Diagnostic>();

  const fail = (message: string) => {
    if (failed) return;
    failed = true;
    inFlight = null;
    waiting = null;
    port?.terminate();
    // Told after the task that asked: the store is then past the update that made the request.
    queueMicrotask(() => handlers.fail(message));
  };

  const send = (doc: TopologyDocument) => {
    try {
      if (!port) {
        port = open();
        port.listen(onAnswer, (message) => fail(`the analysis worker failed: ${message}`));
      }
      const id = ++nextId;
      const request: AnalysisRequest = { id, delta: documentDelta(sentDoc, doc) };
      inFlight = { id, doc };
      sentDoc = doc;
      port.post(request);
    } catch (error) {
      fail(
        `the analysis worker could not be asked: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const onAnswer = (answer: AnalysisAnswer) => {
    if (failed || !inFlight || answer.id !== inFlight.id) return;
    if (!answer.ok) {
      fail(`the analysis worker failed: ${answer.message}`);
      return;
    }
    const { doc } = inFlight;
    inFlight = null;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = decoder.decode(answer.diagnostics);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      fail(`the analysis worker's answer could not be read: ${reason}`);
      return;
    }
    const next = waiting;
    waiting = null;
    if (next) send(next);
    handlers.answer({ doc, diagnostics, failure: answer.failure });
  };

  return {
    request(doc) {
      if (failed || sameFigures(waiting ?? inFlight?.doc, doc)) return;
      if (inFlight) {
        waiting = doc;
        return;
      }
      send(doc);
    },
    dispose() {
      failed = true;
      port?.terminate();
    },
  };
}

/** A port to a new analysis worker. */
function workerPort(): AnalysisPort {
  const worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
  return {
    post: (request) => worker.postMessage(request),
    listen(onAnswer, onError) {
      worker.onmessage = (event: MessageEvent<AnalysisAnswer>) => onAnswer(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onError(event.message || 'it could not be loaded');
      };
      worker.onmessageerror = () => onError('an answer could not be read');
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * The design rules in a Web Worker, where the page has workers (not in Node or the component tests). The
 * worker starts with the first large document, not with the app: started with the app, it slowed the app's
 * own start (the shell showed 120 ms later, medians of 8 interleaved runs), and a small design never needs it.
 */
export function workerAnalysis(): RemoteAnalysisFactory | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return (handlers) => createRemoteAnalysis(workerPort, handlers);
}
