// `npm run bench`: how fast the engines are on large designs, as absolute figures and as ratios to
// parsing the same document's `.topo.yaml` in the same run (shared machines are noisy; ratios hold).
// For 100, 1,000, 10,000 and 100,000 elements: parse, full analysis per engine, re-analysis after one
// edit, heap kept by each result, and the process's peak memory. At 1,000 and 10,000 elements, the
// export too (generation of the whole bundle and its validation: design rules, Kubernetes schemas,
// cross-file checks, SHA-256 of every file) as a multiple of `saveDocument` of the same document; the
// target is at most 10x at 10,000 elements. Prints tables; writes bench/results/latest.json (and
// export.json). Run with
// `node --expose-gc` (the npm script does) for heap figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { summarizeBlastRadius } from '../shared/blast/summary';
import { estimateCost } from '../shared/cost/estimate';
import { loadDocument, saveDocument } from '../shared/format/document-file';
import { exportBundle } from '../shared/export/bundle';
import { executeCommand } from '../shared/model/commands';
import type { TopologyDocument } from '../shared/model/schema';
import { applyFix, runRules } from '../shared/rules/engine';
import { renderTable } from '../shared/report/table';
import { loadTestCatalog } from '../shared/test-support/catalog';
import { countElements, generateTopology } from './generate';
import { validateK8sObject } from '../shared/export/k8s-validator';
import { canMeasureHeap, peakRssMiB, retainedHeapMiB, time } from './measure';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000,100000').split(',').map(Number);
const catalog = loadTestCatalog();
/** The generated 100,000-element file is about 65 MiB, far above the loader's 10 MiB default for users. */
const maxBytes = 256 * 1024 * 1024;

type Engine = { readonly name: string; readonly run: (doc: TopologyDocument) => unknown };
const ENGINES: readonly Engine[] = [
  { name: 'cost', run: (doc) => estimateCost(doc, catalog) },
  { name: 'rules', run: (doc) => runRules(doc, catalog) },
  { name: 'blast', run: (doc) => summarizeBlastRadius(doc, catalog) },
];
const ALL: Engine = { name: 'all three', run: (doc) => ENGINES.map((e) => e.run(doc)) };

/** A fresh copy of the document with new object identities, so per-element caches start cold. */
function cold(doc: TopologyDocument): TopologyDocument {
  return structuredClone(doc);
}

/** One edit a user makes all the time: change the desired nodes of one pool. */
function edited(doc: TopologyDocument, round: number): TopologyDocument {
  const pool = doc.spec.nodePools[Math.floor(doc.spec.nodePools.length / 2)]!;
  const desired = pool.nodesPerAz.min + (round % Math.max(1, pool.nodesPerAz.max - pool.nodesPerAz.min));
  const result = executeCommand(doc, {
    type: 'update',
    id: pool.id,
    changes: { nodesPerAz: { ...pool.nodesPerAz, desired } },
  });
  if (!result.ok) throw new Error(`benchmark edit refused: ${result.error.message}`);
  return result.document;
}

/**
 * The generated document with its design-rule errors fixed, so that it can be exported: the generator
 * places some GPU pools in zones (or regions) their type is not offered in. Each error is fixed by the
 * rule's own fix command, or its element is deleted when the rule has none.
 */
function exportable(doc: TopologyDocument): TopologyDocument {
  let current = doc;
  for (let round = 0; round < 5; round++) {
    const errors = runRules(current, catalog, { memoize: false }).filter((d) => d.severity === 'error');
    if (errors.length === 0) return current;
    const doomed = new Set<string>();
    for (const d of errors) {
      const fixed = d.fix.command ? applyFix(current, d) : undefined;
      if (fixed?.ok) current = fixed.document;
      else doomed.add(d.elementId);
    }
    if (doomed.size > 0) {
      const deleted = executeCommand(current, { type: 'delete', ids: [...doomed] });
      if (deleted.ok) current = deleted.document;
    }
  }
  throw new Error('the generated document keeps design-rule errors; it cannot be exported');
}

interface ExportRow {
  elements: number;
  saveMs: number;
  exportMs: number;
  ratio: number;
  files: number;
  bundleMiB: number;
}
const EXPORT_SIZES = new Set([1000, 10000]);
const exportRows: ExportRow[] = [];

interface Row {
  elements: number;
  yamlMiB: number;
  parseMs: number;
  parseHeapMiB: number;
  engines: Record<
    string,
    { fullMs: number; editMs: number; heapMiB: number; fullRatio: number; editShare: number }
  >;
  peakRssMiB: number;
}

const rows: Row[] = [];
for (const size of SIZES) {
  const doc = generateTopology(size);
  const text = saveDocument(doc);
  const elements = countElements(doc);
  const big = size >= 100_000;
  const runs = big ? { minRuns: 2, maxRuns: 3, budgetMs: 0 } : { minRuns: 3, budgetMs: 2000 };
  const parseMs = time(() => {
    const loaded = loadDocument(text, { catalog, maxBytes });
    if (!loaded.ok) throw new Error(`generated document does not load: ${loaded.problems[0]?.message}`);
  }, runs);
  const parseHeapMiB = retainedHeapMiB(() => {
    const loaded = loadDocument(text, { catalog, maxBytes });
    return loaded.ok ? loaded.document : loaded;
  });
  const engines: Row['engines'] = {};
  for (const engine of [...ENGINES, ALL]) {
    const fullMs = time(() => engine.run(cold(doc)), runs);
    let current = cold(doc);
    engine.run(current);
    let round = 0;
    const editMs = time(() => {
      current = edited(current, ++round);
      return engine.run(current);
    }, runs);
    const heapMiB = retainedHeapMiB(() => engine.run(cold(doc)));
    engines[engine.name] = {
      fullMs,
      editMs,
      heapMiB,
      fullRatio: fullMs / parseMs,
      editShare: editMs / fullMs,
    };
  }
  if (EXPORT_SIZES.has(size)) {
    const ready = exportable(doc);
    const options = { generatorVersion: 'bench', validateK8s: validateK8sObject };
    const saveMs = time(() => saveDocument(ready), runs);
    // Fresh copies made beforehand (no cache of an earlier run helps), so the copying is not timed;
    // one export first warms the code up, as the other figures' repeated runs do.
    const copies = Array.from({ length: 6 }, () => cold(ready));
    exportBundle(copies.pop()!, catalog, options);
    const exportMs = time(
      () => {
        const result = exportBundle(copies.pop()!, catalog, options);
        if (!result.ok) throw new Error(`export refused: ${result.diagnostics[0]?.message}`);
        return result;
      },
      { minRuns: 5, maxRuns: 5, budgetMs: 0 },
    );
    const result = exportBundle(cold(ready), catalog, options);
    const files = result.ok ? result.files : [];
    exportRows.push({
      elements: countElements(ready),
      saveMs,
      exportMs,
      ratio: exportMs / saveMs,
      files: files.length,
      bundleMiB: files.reduce((n, f) => n + f.content.length, 0) / 1024 / 1024,
    });
  }
  rows.push({
    elements,
    yamlMiB: text.length / 1024 / 1024,
    parseMs,
    parseHeapMiB,
    engines,
    peakRssMiB: peakRssMiB(),
  });
  console.error(`measured ${elements} elements`);
}

const fmt = (n: number, digits = 1) => (Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const table = {
  title: `Engines vs parsing .topo.yaml (${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)})`,
  columns: [
    { key: 'elements', title: 'elements', align: 'right' as const },
    { key: 'engine', title: 'engine' },
    { key: 'full', title: 'full ms', align: 'right' as const },
    { key: 'ratio', title: 'full / parse', align: 'right' as const },
    { key: 'edit', title: 'one edit ms', align: 'right' as const },
    { key: 'share', title: 'edit / full', align: 'right' as const },
    { key: 'heap', title: 'heap MiB', align: 'right' as const },
  ],
  rows: rows.flatMap((row) => [
    {
      elements: row.elements,
      engine: `parse (${fmt(row.yamlMiB, 2)} MiB YAML)`,
      full: fmt(row.parseMs),
      ratio: '1.00',
      edit: '',
      share: '',
      heap: fmt(row.parseHeapMiB),
    },
    ...Object.entries(row.engines).map(([name, e]) => ({
      elements: row.elements,
      engine: name,
      full: fmt(e.fullMs),
      ratio: fmt(e.fullRatio, 2),
      edit: fmt(e.editMs, 2),
      share: `${fmt(e.editShare * 100)}%`,
      heap: fmt(e.heapMiB),
    })),
  ]),
  footnotes: [
    `peak RSS of the whole run: ${fmt(Math.max(...rows.map((r) => r.peakRssMiB)), 0)} MiB`,
    canMeasureHeap
      ? 'heap = heap kept alive by one result, after a forced GC'
      : 'heap figures need node --expose-gc',
    ...(rows.length >= 2 && rows.at(-1)!.elements >= 100_000
      ? [
          `growth 10k -> 100k (all three): ${fmt(rows.at(-1)!.engines['all three']!.fullMs / rows.at(-2)!.engines['all three']!.fullMs, 1)}x`,
        ]
      : []),
  ],
};
console.log(renderTable(table, 'table'));
if (exportRows.length > 0) {
  console.log(
    renderTable(
      {
        title: 'Export (generation + validation) vs saveDocument of the same document',
        columns: [
          { key: 'elements', title: 'elements', align: 'right' },
          { key: 'save', title: 'save ms', align: 'right' },
          { key: 'export', title: 'export ms', align: 'right' },
          { key: 'ratio', title: 'export / save', align: 'right' },
          { key: 'files', title: 'files', align: 'right' },
          { key: 'size', title: 'bundle MiB', align: 'right' },
        ],
        rows: exportRows.map((r) => ({
          elements: r.elements,
          save: fmt(r.saveMs),
          export: fmt(r.exportMs),
          ratio: fmt(r.ratio, 2),
          files: r.files,
          size: fmt(r.bundleMiB, 2),
        })),
        footnotes: ['target: export / save at most 10 at 10,000 elements'],
      },
      'table',
    ),
  );
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(rows, null, 2)}\n`);
writeFileSync(new URL('./results/export.json', import.meta.url), `${JSON.stringify(exportRows, null, 2)}\n`);
