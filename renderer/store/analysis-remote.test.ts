// The analysis worker's protocol and the store's use of it, both sides in this thread: the worker's service
// behind a port that clones every message as postMessage does, its answers delivered when a test says. The
// Web Worker itself runs in the end-to-end suite (e2e/specs/large-design.spec.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../../shared/catalog/types';
import { executeCommand } from '../../shared/model/commands';
import type { TopologyDocument } from '../../shared/model/schema';
import { testCatalog } from '../test-support/catalog';
import { largeDocument, setDesiredCommand, smallDocument } from '../test-support/documents';
import { createFakeHost } from '../test-support/fake-host';
import { runDesignRules } from './analysis';
import type { AnalysisAnswer, AnalysisRequest } from './analysis-protocol';
import { ListDecoder, ListEncoder, createAnalysisService } from './analysis-protocol';
import type { AnalysisPort, RemoteAnalysisFactory, RemoteAnswer, RemoteHandlers } from './analysis-remote';
import { createRemoteAnalysis } from './analysis-remote';
import { problemTotals, selectCostTotal, selectProblemsPending } from './analysis-selectors';
import { LARGE_DOCUMENT, REMOTE_DOCUMENT } from './analysis-slice';
import type { AppStore } from './app-store';
import { createAppStore } from './app-store';

/** The worker's service behind a port: requests and answers cloned; answers wait for `deliver`. */
function localWorker(catalog: Catalog = testCatalog()) {
  const service = createAnalysisService(catalog);
  const posted: AnalysisRequest[] = [];
  const outbox: AnalysisAnswer[] = [];
  let onAnswer: ((answer: AnalysisAnswer) => void) | undefined;
  let onError: ((message: string) => void) | undefined;
  let opened = 0;
  let terminated = false;
  const port: AnalysisPort = {
    post(request) {
      const received = structuredClone(request);
      posted.push(received);
      outbox.push(structuredClone(service.answer(received)));
    },
    listen(answer, error) {
      onAnswer = answer;
      onError = error;
    },
    terminate() {
      terminated = true;
    },
  };
  return {
    open: () => {
      opened += 1;
      return port;
    },
    posted,
    outbox,
    get opened() {
      return opened;
    },
    get terminated() {
      return terminated;
    },
    /** Delivers the oldest answer; false when there is none. */
    deliver(): boolean {
      const answer = outbox.shift();
      if (!answer) return false;
      onAnswer!(answer);
      return true;
    },
    die(message: string) {
      onError!(message);
    },
  };
}

function recorder() {
  const answers: RemoteAnswer[] = [];
  const failures: string[] = [];
  const handlers: RemoteHandlers = {
    answer: (answer) => answers.push(answer),
    fail: (message) => failures.push(message),
  };
  return { answers, failures, handlers };
}

/** The pool's desired nodes per AZ set to `desired` by the model's command, sharing everything else. */
function withDesired(doc: TopologyDocument, poolId: string, desired: number): TopologyDocument {
  const result = executeCommand(doc, setDesiredCommand(doc, poolId, desired));
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

/** What the design rules find here, as it would arrive from another thread. */
function here(doc: TopologyDocument) {
  return structuredClone(runDesignRules(doc, { catalog: testCatalog(), session: {} }));
}

describe('ListEncoder and ListDecoder', () => {
  it('send an object sent before as its index, and give back the same object', () => {
    const [a, b, c, d] = [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }];
    const encoder = new ListEncoder<{ n: number }>();
    const decoder = new ListDecoder<{ n: number }>();
    const first = decoder.decode(structuredClone(encoder.encode([a, b, c])));
    expect(first).toEqual([a, b, c]);
    const code = encoder.encode([c, d, a]);
    expect(code).toEqual([2, d, 0]);
    const second = decoder.decode(structuredClone(code));
    expect(second).toEqual([c, d, a]);
    expect(second[0]).toBe(first[2]);
    expect(second[2]).toBe(first[0]);
  });

  it('refuse an index the list before does not have', () => {
    expect(() => new ListDecoder<object>().decode([0])).toThrow(/item 0 of a list it never sent/);
  });
});

describe('createRemoteAnalysis', () => {
  it('gives the diagnostics the rules give here, edit after edit, unchanged ones kept as the same objects', () => {
    const worker = localWorker();
    const { answers, failures, handlers } = recorder();
    const remote = createRemoteAnalysis(worker.open, handlers);
    const first = largeDocument(40);
    remote.request(first);
    expect(worker.posted[0]!.delta.kind).toBe('full');
    expect(worker.deliver()).toBe(true);
    // Cluster edge over its region's three zones: its "production zones" warning goes.
    const spread = executeCommand(first, {
      type: 'update',
      id: 'edge',
      changes: { zones: ['usw2-a', 'usw2-b', 'usw2-c'] },
    });
    if (!spread.ok) throw new Error(spread.error.message);
    const second = spread.document;
    remote.request(second);
    const delta = worker.posted[1]!.delta;
    expect(delta.kind).toBe('patch');
    if (delta.kind === 'patch') {
      expect(Object.keys(delta.spec!.set)).toEqual(['clusters']);
      expect(delta.spec!.set.clusters).toMatchObject({ kind: 'list', changed: [{ id: 'edge' }] });
    }
    worker.deliver();
    expect(failures).toEqual([]);
    expect(answers.map((a) => a.doc)).toEqual([first, second]);
    for (const [i, doc] of [first, second].entries()) {
      const expected = here(doc);
      expect(answers[i]!.diagnostics).toEqual(expected.diagnostics);
      expect(answers[i]!.failure).toBe(expected.failure);
    }
    const before = answers[0]!.diagnostics;
    const after = answers[1]!.diagnostics;
    expect(before.length).toBeGreaterThan(0);
    expect(after).not.toEqual(before);
    // Those of the elements the edit did not touch are the first answer's objects.
    const untouched = after.filter((d) => d.elementId !== 'edge');
    expect(untouched.length).toBeGreaterThan(0);
    for (const diagnostic of untouched) expect(before).toContain(diagnostic);
    expect(after.filter((d) => d.elementId === 'edge').every((d) => !before.includes(d))).toBe(true);
  });

  it('keeps one request out at a time and sends only the newest of those that waited', () => {
    const worker = localWorker();
    const { answers, handlers } = recorder();
    const remote = createRemoteAnalysis(worker.open, handlers);
    const docs = [1, 2, 3].map((n) => withDesired(largeDocument(5), 'app-general', n));
    for (const doc of docs) remote.request(doc);
    expect(worker.posted).toHaveLength(1);
    worker.deliver();
    expect(worker.posted).toHaveLength(2);
    worker.deliver();
    expect(worker.deliver()).toBe(false);
    expect(answers.map((a) => a.doc)).toEqual([docs[0], docs[2]]);
    expect(worker.opened).toBe(1);
  });

  it('asks nothing more for a version with the same spec and metadata as the one out or waiting', () => {
    const worker = localWorker();
    const { answers, handlers } = recorder();
    const remote = createRemoteAnalysis(worker.open, handlers);
    const doc = largeDocument(5);
    const moved = { ...doc, layout: { nodes: { use1: { x: 1, y: 2 } } } };
    remote.request(doc);
    remote.request(moved);
    expect(worker.posted).toHaveLength(1);
    const edited = withDesired(doc, 'app-general', 3);
    remote.request(edited);
    remote.request({ ...edited, layout: moved.layout });
    worker.deliver();
    worker.deliver();
    expect(answers.map((a) => a.doc)).toEqual([doc, edited]);
  });

  it('reports a worker that dies once, after the task that asked, stops it and asks it nothing more', async () => {
    const worker = localWorker();
    const { answers, failures, handlers } = recorder();
    const remote = createRemoteAnalysis(worker.open, handlers);
    remote.request(smallDocument());
    worker.die('out of memory');
    worker.die('again');
    expect(failures).toEqual([]);
    await Promise.resolve();
    expect(failures).toEqual(['the analysis worker failed: out of memory']);
    expect(worker.terminated).toBe(true);
    remote.request(smallDocument());
    expect(worker.posted).toHaveLength(1);
    worker.deliver();
    expect(answers).toEqual([]);
  });

  it('reports a worker that cannot start, and an answer that is not ok', async () => {
    const { failures, handlers } = recorder();
    createRemoteAnalysis(() => {
      throw new Error('workers are not allowed here');
    }, handlers).request(smallDocument());
    await Promise.resolve();
    expect(failures).toEqual(['the analysis worker could not be asked: workers are not allowed here']);

    const refused = recorder();
    let listener: ((answer: AnalysisAnswer) => void) | undefined;
    const remote = createRemoteAnalysis(
      () => ({
        post: (request) =>
          queueMicrotask(() => listener!({ id: request.id, ok: false, message: 'no catalog' })),
        listen: (answer) => (listener = answer),
        terminate: () => undefined,
      }),
      refused.handlers,
    );
    remote.request(smallDocument());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(refused.failures).toEqual(['the analysis worker failed: no catalog']);
  });

  it('answers a change to a copy the worker does not have with a failure, not with wrong figures', () => {
    const service = createAnalysisService(testCatalog());
    const doc = smallDocument();
    const answer = service.answer({
      id: 1,
      delta: { kind: 'patch', top: { set: {}, removed: [] }, spec: null },
    });
    expect(answer).toEqual({ id: 1, ok: false, message: 'a change arrived before the document it changes' });
    expect(service.answer({ id: 2, delta: { kind: 'full', doc } }).ok).toBe(true);
  });
});

describe('the store with the analysis worker', () => {
  let store: AppStore;
  const state = () => store.getState();
  /** What the store logs when its worker fails (it says so once, on the console, and goes on without it). */
  const warnings = () => vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  afterEach(() => vi.restoreAllMocks());

  function storeWith(document: TopologyDocument, worker = localWorker()) {
    store = createAppStore(
      {
        host: createFakeHost(),
        catalog: testCatalog(),
        newKey: () => 'k',
        remoteAnalysis: (handlers) => createRemoteAnalysis(worker.open, handlers),
      },
      { document },
    );
    return worker;
  }

  /** A store without a worker, analysed here: the reference. */
  function reference(document: TopologyDocument) {
    const local = createAppStore(
      { host: createFakeHost(), catalog: testCatalog(), newKey: () => 'k' },
      { document },
    );
    local.getState().flushAnalysis();
    return local.getState();
  }

  const setDesired = (id: string, desired: number) =>
    state().dispatch(setDesiredCommand(state().doc, id, desired));

  it('costs a large document at once and shows its problems when the worker answers', () => {
    const worker = storeWith(largeDocument(REMOTE_DOCUMENT));
    const local = reference(state().doc);
    expect(state().analysis.doc).toBe(state().doc);
    expect(state().analysisPending).toBe(false);
    expect(selectCostTotal(state())).toEqual(selectCostTotal(local));
    expect(worker.posted).toHaveLength(1);
    expect(selectProblemsPending(state())).toBe(true);
    expect(state().analysis.diagnostics).toEqual([]);
    worker.deliver();
    expect(selectProblemsPending(state())).toBe(false);
    expect(state().analysis.diagnosticsDoc).toBe(state().doc);
    expect(problemTotals(state())).toEqual(problemTotals(local));
    expect(state().analysis.diagnostics).toEqual(local.analysis.diagnostics);
  });

  it('shows the problems of the version before, pending, while an edit waits for the worker', () => {
    const worker = storeWith(largeDocument(REMOTE_DOCUMENT));
    worker.deliver();
    const first = state().analysis.diagnostics;
    expect(setDesired('app-gpu', 0).ok).toBe(true);
    const afterFirstEdit = state().doc;
    expect(setDesired('app-general', 6).ok).toBe(true);
    // The cost follows each edit at once.
    expect(state().analysis.doc).toBe(state().doc);
    expect(selectCostTotal(state())).toEqual(selectCostTotal(reference(state().doc)));
    expect(selectProblemsPending(state())).toBe(true);
    expect(state().analysis.diagnostics).toBe(first);
    expect(worker.posted).toHaveLength(2);
    worker.deliver();
    expect(state().analysis.diagnosticsDoc).toBe(afterFirstEdit);
    expect(selectProblemsPending(state())).toBe(true);
    expect(worker.posted).toHaveLength(3);
    worker.deliver();
    expect(selectProblemsPending(state())).toBe(false);
    const local = reference(state().doc);
    expect(state().analysis.diagnostics).toEqual(local.analysis.diagnostics);
    expect(state().analysis.diagnostics).not.toEqual(first);
  });

  it('sends nothing for a move, nor for a small document', () => {
    const worker = storeWith(largeDocument(REMOTE_DOCUMENT));
    worker.deliver();
    state().dispatch({ type: 'layout', entries: { use1: { x: 10, y: 10 } } });
    expect(worker.posted).toHaveLength(1);
    expect(state().analysis.doc).toBe(state().doc);
    expect(selectProblemsPending(state())).toBe(false);
    const small = storeWith(smallDocument());
    expect(small.posted).toHaveLength(0);
    expect(state().analysis.diagnosticsDoc).toBe(state().doc);
  });

  it('checks here from the moment the worker fails, even when it fails as it is asked', async () => {
    const warn = warnings();
    const worker = storeWith(largeDocument(REMOTE_DOCUMENT));
    worker.die('it could not be loaded');
    await Promise.resolve();
    expect(warn).toHaveBeenCalledWith(
      'the analysis worker failed: it could not be loaded; the design rules run in the page from now on',
    );
    expect(selectProblemsPending(state())).toBe(false);
    expect(state().analysis.diagnostics).toEqual(reference(state().doc).analysis.diagnostics);
    setDesired('app-general', 5);
    expect(worker.posted).toHaveLength(1);
    expect(selectProblemsPending(state())).toBe(false);

    const failing: RemoteAnalysisFactory = (handlers) =>
      createRemoteAnalysis(() => {
        throw new Error('blocked');
      }, handlers);
    store = createAppStore(
      { host: createFakeHost(), catalog: testCatalog(), newKey: () => 'k', remoteAnalysis: failing },
      { document: largeDocument(REMOTE_DOCUMENT) },
    );
    expect(selectProblemsPending(state())).toBe(true);
    await Promise.resolve();
    expect(selectProblemsPending(state())).toBe(false);
    expect(problemTotals(state())).toEqual(problemTotals(reference(state().doc)));
  });

  it('checks after a gesture the version the worker could not, when it failed during the gesture', async () => {
    const warn = warnings();
    const worker = storeWith(largeDocument(REMOTE_DOCUMENT));
    state().beginGesture();
    worker.die('gone');
    await Promise.resolve();
    expect(selectProblemsPending(state())).toBe(true);
    state().endGesture('Nothing');
    expect(selectProblemsPending(state())).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('shows no answer about the document before once another is loaded', () => {
    const worker = storeWith(largeDocument(REMOTE_DOCUMENT));
    worker.deliver();
    setDesired('app-gpu', 0);
    const other = largeDocument(REMOTE_DOCUMENT + 1);
    state().loadDocument(other, { name: 'other.topo.yaml', key: 'other' });
    expect(state().analysis.diagnostics).toEqual([]);
    expect(selectProblemsPending(state())).toBe(true);
    worker.deliver();
    expect(state().analysis.diagnosticsDoc).toBeNull();
    worker.deliver();
    expect(state().analysis.diagnosticsDoc).toBe(other);
    expect(state().analysis.diagnostics).toEqual(reference(other).analysis.diagnostics);
  });

  it('computes the cost on a flush and leaves the rules to the worker', () => {
    const worker = storeWith(largeDocument(LARGE_DOCUMENT));
    expect(state().analysisPending).toBe(true);
    state().flushAnalysis();
    expect(state().analysis.doc).toBe(state().doc);
    expect(state().analysisPending).toBe(false);
    expect(selectProblemsPending(state())).toBe(true);
    worker.deliver();
    expect(selectProblemsPending(state())).toBe(false);
  });
});
