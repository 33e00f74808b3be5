// The analysis slice without React: cost, diagnostics and blast radius follow the document after each
// command, wait for a gesture to end, wait for a large document to settle, and stay out of the history.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveDocument } from '../../shared/format/document-file';
import type { TopologyDocument } from '../../shared/model/schema';
import { testCatalog } from '../test-support/catalog';
import { largeDocument, loadTemplate, setDesiredCommand, smallDocument } from '../test-support/documents';
import { createFakeHost } from '../test-support/fake-host';
import {
  blastMarkOf,
  costOf,
  diagnosticsOf,
  problemsOf,
  problemTotals,
  selectBlastImpact,
  selectCostTotal,
} from './analysis-selectors';
import { LARGE_DOCUMENT, SETTLE_MS } from './analysis-slice';
import type { AppStore } from './app-store';
import { createAppStore } from './app-store';

const storeWith = (document: TopologyDocument): AppStore =>
  createAppStore({ host: createFakeHost(), catalog: testCatalog(), newKey: () => 'k' }, { document });

let store: AppStore;
const state = () => store.getState();

const setDesired = (id: string, desired: number) =>
  state().dispatch(setDesiredCommand(state().doc, id, desired));

beforeEach(() => {
  store = storeWith(smallDocument());
});

describe('analysis of an ordinary document', () => {
  it('is computed when the store is created', () => {
    expect(state().analysis.doc).toBe(state().doc);
    expect(state().analysisPending).toBe(false);
    const total = selectCostTotal(state())!;
    expect(total.expected).toBeGreaterThan(0);
    expect(total.maximum).toBeGreaterThanOrEqual(total.expected);
    // The blast-radius summary is not part of it: it is computed where it is shown.
    expect(Object.keys(state().analysis)).not.toContain('blast');
    expect(Array.isArray(state().analysis.diagnostics)).toBe(true);
  });

  it('recomputes right after a command, and after undo', () => {
    const before = selectCostTotal(state())!.expected;
    const pool = costOf('app-general')(state())!;
    expect(setDesired('app-general', 3).ok).toBe(true);
    expect(state().analysis.doc).toBe(state().doc);
    const after = selectCostTotal(state())!.expected;
    expect(after).toBeGreaterThan(before);
    expect(costOf('app-general')(state())!.expected).toBeGreaterThan(pool.expected);
    state().undo();
    expect(state().analysis.doc).toBe(state().doc);
    expect(selectCostTotal(state())!.expected).toBe(before);
  });

  it('reaches the store\u2019s listeners in the same update as the edit it follows', () => {
    const seen: { analysed: boolean; pending: boolean }[] = [];
    const unsubscribe = store.subscribe((next) =>
      seen.push({ analysed: next.analysis.doc === next.doc, pending: next.analysisPending }),
    );
    expect(setDesired('app-general', 3).ok).toBe(true);
    state().undo();
    unsubscribe();
    expect(seen).toEqual([
      { analysed: true, pending: false },
      { analysed: true, pending: false },
    ]);
  });

  it('times the engines on each run', () => {
    const before = performance.now();
    expect(setDesired('app-general', 3).ok).toBe(true);
    expect(state().analysisMs).toBeGreaterThan(0);
    expect(Number.isFinite(state().analysisMs)).toBe(true);
    expect(state().analysisAt).toBeGreaterThanOrEqual(before + state().analysisMs!);
    expect(state().analysisAt).toBeLessThanOrEqual(performance.now());
  });

  it('sums a container\u2019s cost over its children and keeps unchanged entries identical', () => {
    const s = state();
    const cluster = costOf('app')(s)!;
    const pools = ['app-general', 'app-gpu'].map((id) => costOf(id)(s)!.expected);
    expect(cluster.expected).toBeGreaterThan(pools[0]! + pools[1]!);
    const region = costOf('use1')(s)!;
    expect(region.expected).toBeGreaterThanOrEqual(cluster.expected);
    const edge = costOf('edge-general')(s);
    setDesired('app-general', 3);
    // Only what the edit touched gets a new entry: other nodes do not re-render.
    expect(costOf('edge-general')(state())).toBe(edge);
    expect(costOf('app')(state())).not.toBe(cluster);
  });

  it('never recomputes during a gesture, and does once it ends', () => {
    const analysed = state().analysis;
    state().beginGesture();
    state().dispatch({ type: 'layout', entries: { use1: { x: 100, y: 100 } } });
    setDesired('app-general', 3);
    expect(state().analysis).toBe(analysed);
    expect(state().analysisPending).toBe(true);
    state().endGesture('Drag');
    expect(state().analysis.doc).toBe(state().doc);
    expect(state().analysisPending).toBe(false);
    expect(costOf('app-general')(state())!.expected).toBeGreaterThan(
      costOf('app-general')(storeWith(smallDocument()).getState())!.expected,
    );
  });

  it('a cancelled gesture leaves the figures as they were', () => {
    const total = selectCostTotal(state());
    state().beginGesture();
    setDesired('app-general', 3);
    state().cancelGesture();
    expect(selectCostTotal(state())).toBe(total);
  });

  it('stays out of the history and of the saved file', () => {
    setDesired('app-general', 3);
    expect(state().undoStack).toHaveLength(1);
    state().setBlastDomain('cluster:app');
    expect(state().undoStack).toHaveLength(1);
    expect(state().dirty).toBe(true);
    const text = saveDocument(state().doc);
    expect(text).not.toMatch(/analysis|blast|diagnostic/i);
  });

  it('lists diagnostics per element and counts them', () => {
    const s = state();
    for (const d of s.analysis.diagnostics) {
      expect(diagnosticsOf(d.elementId)(s)).toContain(d);
      expect(problemsOf(d.elementId)(s)).toBeDefined();
    }
    const totals = problemTotals(s);
    expect(totals.errors + totals.warnings + totals.infos).toBe(s.analysis.diagnostics.length);
    expect(diagnosticsOf('no-such-element')(s)).toEqual([]);
  });

  it('a fix command clears its diagnostic and undo brings it back', () => {
    const doc = loadTemplate('startup');
    store = storeWith(doc);
    const nat = state().analysis.diagnostics.find((d) => d.code === 'cluster.single-nat-gateway')!;
    expect(nat.fix.command).toBeDefined();
    expect(state().dispatch(nat.fix.command!).ok).toBe(true);
    expect(state().analysis.diagnostics.some((d) => d.code === 'cluster.single-nat-gateway')).toBe(false);
    state().undo();
    expect(state().analysis.diagnostics.some((d) => d.code === 'cluster.single-nat-gateway')).toBe(true);
  });

  it('keeps load warnings until another document is loaded', () => {
    const warning = {
      severity: 'warning' as const,
      code: 'zone-unknown',
      message: 'an odd zone',
      elementId: 'use1-a',
    };
    state().loadDocument(smallDocument(), { name: 'a.topo.yaml', key: 'a' }, { warnings: [warning] });
    expect(state().loadWarnings).toEqual([warning]);
    expect(problemTotals(state()).warnings).toBeGreaterThanOrEqual(1);
    state().loadDocument(smallDocument(), { name: 'b.topo.yaml', key: 'b' });
    expect(state().loadWarnings).toEqual([]);
  });
});

describe('blast radius', () => {
  it('marks what fails, degrades and survives the loss of the ML cluster of the OTT template', () => {
    store = storeWith(loadTemplate('ott'));
    expect(blastMarkOf('use1-ml')(state())).toBeUndefined();
    state().setBlastDomain('cluster:use1-ml');
    const impact = selectBlastImpact(state())!;
    expect(impact.domain.id).toBe('cluster:use1-ml');
    const mark = (id: string) => blastMarkOf(id)(state());
    for (const id of [
      'use1-ml',
      'use1-ml-gpu',
      'use1-ml-system',
      'use1-personalisation',
      'use1-recommendations',
    ])
      expect(mark(id), id).toBe('failed');
    expect(mark('use1-catalog')).toBe('degraded');
    for (const id of ['use1-api', 'use1-media', 'use1-api-general', 'use1-auth', 'use1', 'euw1-ml', 'use1-a'])
      expect(mark(id), id).toBe('ok');
    state().setBlastDomain(null);
    expect(mark('use1-ml')).toBeUndefined();
    expect(selectBlastImpact(state())).toBeNull();
  });

  it('follows edits, and ends when the failed element is deleted', () => {
    state().setBlastDomain('pool:app-gpu');
    expect(blastMarkOf('app-gpu')(state())).toBe('failed');
    expect(blastMarkOf('ml')(state())).toBe('failed');
    state().dispatch({ type: 'delete', ids: ['app-gpu'] });
    expect(state().blastDomain).toBeNull();
    expect(selectBlastImpact(state())).toBeNull();
  });

  it('is cleared by loading another document', () => {
    state().setBlastDomain('cluster:app');
    state().loadDocument(smallDocument(), { name: 'x.topo.yaml', key: 'x' });
    expect(state().blastDomain).toBeNull();
  });
});

describe('a large document', () => {
  afterEach(() => vi.useRealTimers());

  it('is analysed after the changes settle, not on each one', () => {
    vi.useFakeTimers();
    store = storeWith(largeDocument(LARGE_DOCUMENT));
    expect(state().analysisPending).toBe(true);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(state().analysis.doc).toBe(state().doc);
    const analysed = state().analysis;
    setDesired('app-general', 3);
    setDesired('app-general', 4);
    expect(state().analysis).toBe(analysed);
    expect(state().analysisPending).toBe(true);
    vi.advanceTimersByTime(SETTLE_MS - 1);
    expect(state().analysis).toBe(analysed);
    vi.advanceTimersByTime(1);
    expect(state().analysis.doc).toBe(state().doc);
    expect(state().analysisPending).toBe(false);
  });

  it('waits for a gesture to end before it starts counting', () => {
    vi.useFakeTimers();
    store = storeWith(largeDocument(LARGE_DOCUMENT));
    state().flushAnalysis();
    const analysed = state().analysis;
    state().beginGesture();
    state().dispatch({ type: 'layout', entries: { use1: { x: 10, y: 10 } } });
    vi.advanceTimersByTime(SETTLE_MS * 4);
    expect(state().analysis).toBe(analysed);
    state().endGesture('Drag');
    vi.advanceTimersByTime(SETTLE_MS);
    expect(state().analysis.doc).toBe(state().doc);
  });
});
