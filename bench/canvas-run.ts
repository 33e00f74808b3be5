// `npm run bench:canvas`: how fluid the canvas is on large designs, in Chromium, side by side with a bare
// React Flow page (bench/canvas/bare/) showing the same boxes at the same positions in the same run.
//
// For generated designs of 500 and 2,000 elements (BENCH_CANVAS_SIZES=500,2000), each page in a fresh
// browser context, BENCH_CANVAS_ROUNDS times (medians; the two pages take turns going first, and the time to
// interactive is also given round by round as a ratio):
// - time to interactive: from navigation until every node in view is drawn and the page has gone quiet (no
//   long task for a second; the figure is the end of the last long task, as Lighthouse counts it). The app
//   opens the design the way a user drops a .topo.yaml file on its window, the moment its shell (palette
//   and canvas) shows: the page drops the file itself, in the task after the first frame with the shell, so
//   all of the app's own start-up work counts and no round trip of the benchmark does;
// - frame times (p50, p95 of the gaps between requestAnimationFrame timestamps) while panning the pane,
//   zooming with the wheel, and dragging a workload node, from the same fitted view;
// - the JS heap after load (CDP: forced GC, then Runtime.getHeapUsage);
// - app only, at the largest size: an edit in the inspector (a pool's desired nodes per AZ) until the cost
//   total in the status bar changes, the longest task in between, and the renderer's analysis step as the
//   page timed it and on like edits in Node.
// Ratios are app / bare (lower is better). Prints a table; writes bench/results/canvas.json. Reports,
// never asserts: shared machines are noisy, and the ratios are what to compare.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { CHROMIUM_ARGS, requireChromium } from './canvas/chromium';
import { startStaticServer } from './canvas/static-server';
import { summariseTrace, TRACE_CATEGORIES } from './canvas/trace';
import { saveDocument } from '../shared/format/document-file';
import { executeCommand } from '../shared/model/commands';
import type { TopologyDocument } from '../shared/model/schema';
import { renderTable } from '../shared/report/table';
import { loadTestCatalog } from '../shared/test-support/catalog';
import type { BareBox, BareFlow } from './canvas/bare-flow';
import {
  costSettled,
  armDrop,
  droppedAt,
  fetchedAt,
  inputTime,
  emptyPaneSpot,
  installProbe,
  longTasks,
  problemsAt,
  nextFrame,
  setBareFlow,
  shellAt,
  startFrames,
  stopFrames,
  textChange,
  viewportStill,
  waitForNodes,
  type ProbeBox,
  watchInput,
  watchText,
} from './canvas/probe';
import { countElements, generateTopology } from './generate';
import { median } from './measure';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_CANVAS_SIZES ?? '500,2000').split(',').map(Number);
/** Rounds per size (bare page, then app); the figures are medians over them. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_CANVAS_ROUNDS ?? 3));
/** The built renderer to measure (BENCH_CANVAS_APP_DIR, relative to the repository; `npm run bench:canvas` builds dist/renderer). */
const APP_DIR = path.resolve(ROOT, process.env.BENCH_CANVAS_APP_DIR ?? path.join('dist', 'renderer'));
const BARE_DIR = path.join(ROOT, 'dist', 'bench-canvas-bare');
const RESULTS = path.join(ROOT, 'bench', 'results');
const VIEWPORT = { width: 1600, height: 1000 };
const FRAME_MS = 1000 / 60;
/** How long a page must run no long task after showing its nodes to count as interactive, ms. */
const QUIET_MS = 1000;
/** How long after navigation a page may take to draw all its nodes before the run is given up, ms. */
const OPEN_TIMEOUT_MS = 60_000;

/** The app's canvas geometry, loaded at run time: the renderer is its own TypeScript project (DOM, no Node). */
interface GeometryBox {
  readonly kind: string;
  readonly absX: number;
  readonly absY: number;
  readonly width: number;
  readonly height: number;
}
type ComputeGeometry = (doc: TopologyDocument) => {
  readonly boxes: ReadonlyMap<string, GeometryBox>;
  readonly order: readonly string[];
};
const geometryModule = new URL('../renderer/canvas/geometry.ts', import.meta.url).href;
const { computeGeometry } = (await import(geometryModule)) as { computeGeometry: ComputeGeometry };

interface FrameStats {
  readonly frames: number;
  readonly p50: number;
  readonly p95: number;
}

interface PageRun {
  /** ms from navigation to every node in view drawn and the page answering. */
  readonly ttiMs: number;
  /** Nodes the page drew when it was interactive (the app leaves those out of view undrawn). */
  readonly nodes: number;
  /** Nodes in view at that moment (all of them drawn). */
  readonly inView: number;
  /** The page's JS heap after a collection, and its workers' (the app's analysis worker), MiB. */
  readonly heapMiB: number;
  /** App only: the part of `heapMiB` in the page's workers. */
  readonly workerHeapMiB?: number;
  /** App only: when the opened design's cost was computed (status bar `data-analysis-at`, ms after navigation). */
  readonly figuresMs?: number;
  /**
   * App only: when its problems were on screen (ms after navigation), where the design rules ran in the
   * analysis worker (1,000 elements on) and so may come after the canvas answers; else null.
   */
  readonly problemsMs?: number | null;
  /** React Flow's viewport transform the interactions start from (the same on both pages). */
  readonly transform: string;
  readonly pan: FrameStats;
  /** Both halves of the wheel zoom: the worse p95 of the two (`zoomIn`, `zoomOut`), the mean of their p50s. */
  readonly zoom: FrameStats;
  readonly zoomIn: FrameStats;
  /** Starts where the zoom in ended, after a drag and an edit: nodes drawn in full, on the app. */
  readonly zoomOut: FrameStats;
  readonly drag: FrameStats;
  /** App only: when the shell showed (ms after navigation), and the open's part (from the drop on). */
  readonly shellMs?: number;
  readonly openMs?: number;
  /**
   * The long tasks (50 ms or more) up to the moment the page became interactive: when each began (ms after
   * navigation) and how long it ran.
   */
  readonly tasks: readonly { readonly at: number; readonly ms: number }[];
}

interface EditRun {
  /** ms from the committing key press to the cost total changing. */
  readonly editToCostMs: number;
  /** The longest task in between (the edit's command, the engines and the render they trigger), ms. */
  readonly longestTaskMs: number | null;
  /** The app's analysis step on this edit in the page, as the app measured it (status bar `data-analysis-ms`). */
  readonly pageEngineMs: number | null;
  /**
   * ms from the engines finishing (status bar `data-analysis-at`) to the cost total changing in the DOM: the
   * issue's "within one frame of the engine finishing".
   */
  readonly afterEngineMs: number | null;
  /** The app's analysis step alone on a like edit, in Node (median ms). */
  readonly engineMs?: number;
  readonly before: string;
  readonly after: string;
}

interface SizeRun {
  readonly elements: number;
  readonly nodes: number;
  readonly yamlKiB: number;
  readonly app: PageRun;
  readonly bare: PageRun;
  /**
   * Each round's time to interactive on both pages. The two pages of a round run back to back, so their
   * ratio cancels out what slows the whole machine for a while (other tenants of a shared host), which
   * moves the bare page alone by a fifth between runs.
   */
  readonly ttiRounds: readonly { readonly app: number; readonly bare: number }[];
  readonly edit: EditRun | { readonly skipped: string };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function frameStats(timestamps: readonly number[]): FrameStats {
  const gaps: number[] = [];
  for (let i = 1; i < timestamps.length; i++) gaps.push(timestamps[i]! - timestamps[i - 1]!);
  gaps.sort((a, b) => a - b);
  return { frames: gaps.length, p50: percentile(gaps, 50), p95: percentile(gaps, 95) };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The median of figures some runs could not read; null when any run could not. */
function medianOrNull(values: readonly (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : median(values as number[]);
}

/** The median of each figure over several runs of one page. */
function medianRun(runs: readonly PageRun[]): PageRun {
  const of = (pick: (run: PageRun) => number) => median(runs.map(pick));
  const frames = (pick: (run: PageRun) => FrameStats): FrameStats => ({
    frames: of((r) => pick(r).frames),
    p50: of((r) => pick(r).p50),
    p95: of((r) => pick(r).p95),
  });
  const first = runs[0]!;
  return {
    ttiMs: of((r) => r.ttiMs),
    nodes: of((r) => r.nodes),
    inView: of((r) => r.inView),
    heapMiB: of((r) => r.heapMiB),
    transform: first.transform,
    pan: frames((r) => r.pan),
    zoom: frames((r) => r.zoom),
    zoomIn: frames((r) => r.zoomIn),
    zoomOut: frames((r) => r.zoomOut),
    drag: frames((r) => r.drag),
    ...(first.shellMs !== undefined ? { shellMs: of((r) => r.shellMs ?? 0) } : {}),
    ...(first.openMs !== undefined ? { openMs: of((r) => r.openMs ?? 0) } : {}),
    ...(first.workerHeapMiB !== undefined ? { workerHeapMiB: of((r) => r.workerHeapMiB ?? 0) } : {}),
    ...(first.figuresMs !== undefined ? { figuresMs: of((r) => r.figuresMs ?? 0) } : {}),
    ...(runs.some((r) => typeof r.problemsMs === 'number')
      ? { problemsMs: median(runs.flatMap((r) => (typeof r.problemsMs === 'number' ? [r.problemsMs] : []))) }
      : {}),
    tasks: [...runs].sort((a, b) => a.ttiMs - b.ttiMs)[Math.floor((runs.length - 1) / 2)]!.tasks,
  };
}

/** The bare page's input: the app's boxes of the design as flat nodes, its dependencies as edges. */
function bareFlowOf(doc: TopologyDocument, pane: { width: number; height: number }): BareFlow {
  const geometry = computeGeometry(doc);
  const nodes: BareBox[] = geometry.order.map((id) => {
    const box = geometry.boxes.get(id)!;
    return { id, kind: box.kind, x: box.absX, y: box.absY, width: box.width, height: box.height };
  });
  const drawn = new Set(nodes.map((node) => node.id));
  const edges = doc.spec.dependencies
    .filter((dependency) => drawn.has(dependency.from) && drawn.has(dependency.to))
    .map((dependency) => ({ id: dependency.id, source: dependency.from, target: dependency.to }));
  return { nodes, edges, pane };
}

/** The workload nearest the middle of the design: on screen once the view is fitted, in both pages. */
function centralWorkload(flow: BareFlow): BareBox {
  const xs = flow.nodes.flatMap((n) => [n.x, n.x + n.width]);
  const ys = flow.nodes.flatMap((n) => [n.y, n.y + n.height]);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  let best: BareBox | undefined;
  let bestDistance = Infinity;
  for (const node of flow.nodes) {
    if (node.kind !== 'workload') continue;
    const d = Math.hypot(node.x + node.width / 2 - cx, node.y + node.height / 2 - cy);
    if (d < bestDistance) [best, bestDistance] = [node, d];
  }
  if (!best) throw new Error('the generated design has no workload');
  return best;
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/**
 * The JS heap of every dedicated worker in the browser after a collection, MiB (one page is open at a time:
 * they are its workers). Playwright opens CDP sessions on pages only, so each worker is reached through the
 * browser's session.
 */
async function workersHeapMiB(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    let total = 0;
    for (const target of targetInfos.filter((t) => t.type === 'worker')) {
      const { sessionId } = await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      });
      let nextId = 0;
      const waiting = new Map<number, (result: unknown) => void>();
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message) as { id?: number; result?: unknown };
        if (message.id !== undefined) waiting.get(message.id)?.(message.result);
      });
      const call = (method: string) =>
        new Promise<unknown>((resolve) => {
          const id = ++nextId;
          waiting.set(id, resolve);
          void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
        });
      await call('HeapProfiler.enable');
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
      total += usage.usedSize / 1024 / 1024;
      await cdp.send('Target.detachFromTarget', { sessionId });
    }
    return total;
  } finally {
    await cdp.detach();
  }
}

/** The screen centre of a node, from its React Flow wrapper. */
async function nodeCenter(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  if (!box) throw new Error(`node ${id} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(emptyPaneSpot);
  if (!point) throw new Error('no empty spot of the pane to pan from');
  return point;
}

/** The long tasks that ended after `from` and began before `until`, timed from `from`. */
function tasksUntil(
  tasks: readonly { start: number; duration: number }[],
  from: number,
  until: number,
): PageRun['tasks'] {
  return tasks
    .filter((task) => task.start + task.duration > from && task.start <= until)
    .map((task) => ({ at: task.start - from, ms: task.duration }));
}

/**
 * BENCH_CANVAS_FRAMES=1: each page's frame times of the pan, the zooms and the drag are printed in the order
 * they came, to see which frames of a gesture set its p95.
 */
const FRAMES = process.env.BENCH_CANVAS_FRAMES === '1';

/** Records the frames while `act` runs (and prints them as `label` when asked for: FRAMES). */
async function framesDuring(page: Page, act: () => Promise<void>, label?: string): Promise<FrameStats> {
  await page.evaluate(startFrames);
  await act();
  await page.evaluate(nextFrame);
  const timestamps = await page.evaluate(stopFrames);
  if (FRAMES && label) {
    const gaps = timestamps.slice(1).map((time, i) => Math.round(time - timestamps[i]!));
    console.log(`  ${label} frames, ms: ${gaps.join(' ')}`);
  }
  return frameStats(timestamps);
}

/**
 * BENCH_CANVAS_PROFILE=1: the app's open, pan, zoom in, drag, edit and zoom out are each recorded with the CPU
 * profiler (the zoom out sets the zoom p95 more often than the zoom in: it starts from nodes drawn in full) and the
 * functions with the most self time are printed (the profiles go to bench/results/canvas-<phase>.cpuprofile).
 * The profiler slows the page, so frame figures of a profiled run are not comparable.
 */
const PROFILE = process.env.BENCH_CANVAS_PROFILE === '1';
/**
 * BENCH_CANVAS_TRACE=1: the same phases, on both pages, are recorded as Chrome traces and each thread's
 * busiest events (style, layout, paint, raster, script) are printed; the traces go to
 * bench/results/canvas-<phase>.trace.json. Like the profiler, tracing slows the page.
 */
const TRACE = process.env.BENCH_CANVAS_TRACE === '1';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `act` under the CPU profiler (when asked for and `label` is set), printing where the time went. */
async function profiled<T>(page: Page, label: string | undefined, act: () => Promise<T>): Promise<T> {
  if (TRACE && label) return traced(page, label, act);
  if (!PROFILE || !label) return act();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await act();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  writeFileSync(path.join(RESULTS, `canvas-${label}.cpuprofile`), JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const key = frame
      ? `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber}`
      : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`  ${label}: ${total.toFixed(0)} ms profiled; most self time:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`    ${ms.toFixed(1).padStart(8)} ms  ${key}`);
  }
  return result;
}

/** Runs `act` under a Chrome trace, printing each renderer thread's busiest events. */
async function traced<T>(page: Page, label: string, act: () => Promise<T>): Promise<T> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  let result: T;
  let buffer: Buffer;
  try {
    result = await act();
  } finally {
    // Stopped even when the phase fails, or the next phase could not start tracing.
    buffer = await browser.stopTracing();
  }
  const json = buffer.toString('utf8');
  writeFileSync(path.join(RESULTS, `canvas-${label}.trace.json`), json);
  console.log(`  ${label}:`);
  for (const thread of summariseTrace(json, 10).slice(0, 4)) {
    const top = thread.top.map((t) => `${t.name} ${t.selfMs.toFixed(0)}`).join(', ');
    console.log(`    ${thread.thread} busy ${thread.busyMs.toFixed(0)} ms: ${top}`);
  }
  return result;
}

/** Pans, zooms and drags the same way on either page; returns the frame figures. */
async function interact(page: Page, target: string, edit?: () => Promise<void>, profileAs?: string) {
  const { mouse } = page;
  const pan = await profiled(page, profileAs && `${profileAs}-pan`, () =>
    framesDuring(
      page,
      async () => {
        const from = await emptyPanePoint(page);
        await mouse.move(from.x, from.y);
        await mouse.down();
        await mouse.move(from.x + 240, from.y + 160, { steps: 40 });
        await mouse.move(from.x, from.y, { steps: 40 });
        await mouse.up();
      },
      profileAs && `${profileAs} pan`,
    ),
  );
  const at = await nodeCenter(page, target);
  await mouse.move(at.x, at.y);
  const zoomIn = await profiled(page, profileAs && `${profileAs}-zoom-in`, () =>
    framesDuring(
      page,
      async () => {
        for (let i = 0; i < 12; i++) {
          await mouse.wheel(0, -120);
          await page.evaluate(nextFrame);
        }
      },
      profileAs && `${profileAs} zoom-in`,
    ),
  );
  const drag = await profiled(page, profileAs && `${profileAs}-drag`, () =>
    framesDuring(
      page,
      async () => {
        const start = await nodeCenter(page, target);
        await mouse.move(start.x, start.y);
        await mouse.down();
        const side = 40;
        for (const [dx, dy] of [
          [side, 0],
          [side, side],
          [0, side],
          [0, 0],
          [side, 0],
          [side, side],
          [0, side],
          [0, 0],
        ] as const) {
          await mouse.move(start.x + dx, start.y + dy, { steps: 15 });
        }
        await mouse.up();
      },
      profileAs && `${profileAs} drag`,
    ),
  );
  if (edit) await edit();
  const back = await nodeCenter(page, target).catch(() => at);
  await mouse.move(back.x, back.y);
  const zoomOut = await profiled(page, profileAs && `${profileAs}-zoom-out`, () =>
    framesDuring(
      page,
      async () => {
        for (let i = 0; i < 12; i++) {
          await mouse.wheel(0, 120);
          await page.evaluate(nextFrame);
        }
      },
      profileAs && `${profileAs} zoom-out`,
    ),
  );
  const zoom = {
    frames: zoomIn.frames + zoomOut.frames,
    // Both halves are equally long; their percentiles are combined conservatively.
    p50: (zoomIn.p50 + zoomOut.p50) / 2,
    p95: Math.max(zoomIn.p95, zoomOut.p95),
  };
  return { pan, zoom, zoomIn, zoomOut, drag };
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  // tsx (esbuild with keepNames) wraps inner functions in `__name(fn, "name")`; the functions this script
  // sends to the page carry those calls, so the page gets a `__name` that leaves functions as they are.
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await page.addInitScript(installProbe);
  return { context, page };
}

/** The boxes of a design as the page-side wait reads them (what is in view is decided in the page). */
function probeBoxes(flow: BareFlow): ProbeBox[] {
  return flow.nodes.map((box) => [box.id, box.x, box.y, box.width, box.height] as const);
}

/** The app's canvas size with its panels, so the bare page fits the same area. */
async function appCanvasSize(browser: Browser, url: string): Promise<{ width: number; height: number }> {
  const { context, page } = await newPage(browser);
  await page.goto(url);
  const box = await page.getByTestId('canvas').boundingBox();
  await context.close();
  if (!box) throw new Error('the app shows no canvas');
  return { width: Math.round(box.width), height: Math.round(box.height) };
}

async function runBare(browser: Browser, url: string, flow: BareFlow, target: string): Promise<PageRun> {
  const { context, page } = await newPage(browser);
  await page.addInitScript(setBareFlow, flow);
  const shown = await profiled(page, 'bare-open', async () => {
    await page.goto(url);
    return page.evaluate(waitForNodes, {
      boxes: probeBoxes(flow),
      quietMs: QUIET_MS,
      timeoutMs: OPEN_TIMEOUT_MS,
    });
  });
  const tasks = tasksUntil(await page.evaluate(longTasks), 0, shown.interactiveAt);
  const heap = await heapMiB(page);
  const transform = await page.evaluate(viewportStill);
  await page.screenshot({ path: path.join(RESULTS, `canvas-bare-${flow.nodes.length}.png`) });
  const frames = await interact(page, target, undefined, 'bare');
  await context.close();
  return {
    ttiMs: shown.interactiveAt,
    nodes: shown.count,
    inView: shown.inView,
    heapMiB: heap,
    transform,
    ...frames,
    tasks,
  };
}

/** The field the edit benchmark changes, and the values it sets (the maximum first, untimed). */
const EDIT_FIELD = 'nodesPerAz.desired';
const EDIT_MAX_FIELD = 'nodesPerAz.max';
/**
 * Desired nodes per AZ after the edit: a large step, so the compact cost total in the status bar ("$12.3M")
 * changes visibly on a design of this size.
 */
const EDITED_NODES = 400;

/** Edits a pool's desired nodes per AZ in the inspector and times the cost total's change. */
async function timeEdit(page: Page, poolId: string): Promise<EditRun | { skipped: string }> {
  const node = page.locator(`.react-flow__node[data-id="${poolId}"]`);
  const box = await node.boundingBox();
  if (!box) return { skipped: `pool ${poolId} is not on screen` };
  await page.mouse.click(box.x + Math.min(40, box.width / 3), box.y + Math.min(8, box.height / 4));
  const field = (name: string) => page.getByTestId(`inspector-field-${name}`);
  if (
    !(await field(EDIT_FIELD)
      .isVisible()
      .catch(() => false))
  ) {
    return { skipped: `the inspector shows no field ${EDIT_FIELD}` };
  }
  const cost = page.getByTestId('status-cost');
  await field(EDIT_MAX_FIELD).fill(String(EDITED_NODES));
  await page.waitForFunction(costSettled);
  const before = (await cost.innerText()).replace(/\s+/g, ' ').trim();
  await page.evaluate(watchText, { selector: '[data-testid="status-cost"]', timeoutMs: 10_000 });
  await page.evaluate(watchInput);
  // A number field commits on input: the edit is one input event, dispatched as one command.
  await field(EDIT_FIELD).fill(String(EDITED_NODES));
  const changed = await page.evaluate(textChange);
  const inputAt = await page.evaluate(inputTime);
  if (!changed || inputAt === null) return { skipped: 'the cost total did not change after the edit' };
  const analysisMs = await cost.getAttribute('data-analysis-ms');
  const analysisAt = await cost.getAttribute('data-analysis-at');
  const tasks = await page.evaluate(longTasks);
  const between = tasks.filter((t) => t.start + t.duration >= inputAt && t.start <= changed.changedAt);
  const longest = between.sort((a, b) => b.duration - a.duration)[0];
  return {
    editToCostMs: changed.changedAt - inputAt,
    longestTaskMs: longest ? longest.duration : null,
    pageEngineMs: analysisMs === null ? null : Number(analysisMs),
    afterEngineMs: analysisAt === null ? null : changed.changedAt - Number(analysisAt),
    before,
    after: changed.text.replace(/\s+/g, ' ').trim(),
  };
}

/** The app's engines on a one-field edit like the page's, in Node (the renderer's own analysis step, warmed up). */
async function engineEditMs(doc: TopologyDocument, poolId: string): Promise<number> {
  const analysisModule = new URL('../renderer/store/analysis.ts', import.meta.url).href;
  const { computeAnalysis, EMPTY_ANALYSIS } = (await import(analysisModule)) as {
    computeAnalysis: (doc: TopologyDocument, domain: null, context: object, previous: unknown) => unknown;
    EMPTY_ANALYSIS: unknown;
  };
  const context = { catalog: loadTestCatalog(), session: {} };
  const edit = (desired: number, max: number) => {
    const pool = doc.spec.nodePools.find((p) => p.id === poolId)!;
    const result = executeCommand(doc, {
      type: 'update',
      id: poolId,
      changes: { nodesPerAz: { ...pool.nodesPerAz, desired, max } },
    });
    if (!result.ok) throw new Error(`benchmark edit refused: ${result.error.message}`);
    return result.document;
  };
  let previous = computeAnalysis(edit(1, EDITED_NODES), null, context, EMPTY_ANALYSIS);
  const samples: number[] = [];
  for (let i = 0; i < 12; i++) {
    // Each run analyses a document never seen before, one field away from the last one: what the app does
    // on an edit (a document seen already would be answered from the engines' caches).
    const next = edit(2 + i, EDITED_NODES);
    const t0 = performance.now();
    previous = computeAnalysis(next, null, context, previous);
    samples.push(performance.now() - t0);
  }
  return median(samples.slice(2));
}

async function runApp(
  browser: Browser,
  url: string,
  file: { name: string; url: string },
  boxes: readonly ProbeBox[],
  target: string,
  pool: string,
  measureEdit: boolean,
): Promise<{ run: PageRun; edit: EditRun | { skipped: string } }> {
  const { context, page } = await newPage(browser);
  await page.addInitScript(armDrop, file);
  // Navigation, the shell, the drop the page makes as soon as the shell shows, and the open, as one span: the
  // figure runs from navigation, as the bare page's does.
  const shown = await profiled(page, 'app-open', async () => {
    await page.goto(url);
    return page.evaluate(waitForNodes, { boxes, quietMs: QUIET_MS, timeoutMs: OPEN_TIMEOUT_MS });
  });
  const shellMs = await page.evaluate(shellAt);
  const dropped = await page.evaluate(droppedAt);
  const fetched = await page.evaluate(fetchedAt);
  if (fetched > shellMs) {
    console.warn(
      `  the design file arrived ${round(fetched - shellMs)} ms after the shell showed: the drop waited for it`,
    );
  }
  const tasks = tasksUntil(await page.evaluate(longTasks), 0, shown.interactiveAt);
  await page.waitForFunction(costSettled);
  const figuresMs = Number(await page.getByTestId('status-cost').getAttribute('data-analysis-at'));
  await page.locator('[data-testid="status-problems"]:not(.pending)').waitFor();
  const problemsTime = await page.evaluate(problemsAt);
  const problemsMs = problemsTime < 0 ? null : problemsTime;
  const workerHeap = await workersHeapMiB(browser);
  const heap = (await heapMiB(page)) + workerHeap;
  // The app frames a design as it opens it; the toolbar's fit makes sure both pages show the same view (the
  // bare page fits on load, with the app's padding and zoom limits).
  await page.getByTestId('toolbar-view.zoomToFit').click();
  const transform = await page.evaluate(viewportStill);
  await page.screenshot({ path: path.join(RESULTS, `canvas-app-${boxes.length}.png`) });
  let edit: EditRun | { skipped: string } = { skipped: 'measured at the largest size only' };
  const frames = await interact(
    page,
    target,
    measureEdit
      ? async () => {
          edit = await profiled(page, 'app-edit', () => timeEdit(page, pool));
        }
      : undefined,
    'app',
  );
  await context.close();
  const openMs = shown.interactiveAt - dropped;
  return {
    run: {
      ttiMs: shown.interactiveAt,
      shellMs,
      openMs,
      figuresMs,
      problemsMs,
      tasks,
      nodes: shown.count,
      inView: shown.inView,
      heapMiB: heap,
      workerHeapMiB: workerHeap,
      transform,
      ...frames,
    },
    edit,
  };
}

async function main(): Promise<void> {
  const executablePath = requireChromium();
  mkdirSync(RESULTS, { recursive: true });
  console.log('building the bare React Flow page…');
  await viteBuild({ configFile: path.join(ROOT, 'bench', 'canvas', 'bare', 'vite.config.ts') });
  // The design file each app page drops, served by the app's own server (see `armDrop`).
  const designs = new Map<string, string>();
  const appServer = await startStaticServer(APP_DIR, designs);
  const bareServer = await startStaticServer(BARE_DIR);
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  const runs: SizeRun[] = [];
  try {
    const pane = await appCanvasSize(browser, appServer.url);
    const largest = Math.max(...SIZES);
    for (const size of SIZES) {
      const doc = generateTopology(size);
      const text = saveDocument(doc);
      const fileName = `generated-${size}.topo.yaml`;
      designs.set(`/__bench/${fileName}`, text);
      const flow = bareFlowOf(doc, pane);
      const target = centralWorkload(flow);
      const pool = doc.spec.workloads.find((w) => w.id === target.id)?.nodePool ?? '';
      const bares: PageRun[] = [];
      const apps: PageRun[] = [];
      const edits: EditRun[] = [];
      let skipped: { skipped: string } = { skipped: 'measured at the largest size only' };
      for (let pass = 1; pass <= ROUNDS; pass++) {
        console.log(`${countElements(doc)} elements (${flow.nodes.length} nodes), round ${pass}/${ROUNDS}`);
        const bare = () => runBare(browser, bareServer.url, flow, target.id);
        const app = () =>
          runApp(
            browser,
            appServer.url,
            { name: fileName, url: `${appServer.url}__bench/${fileName}` },
            probeBoxes(flow),
            target.id,
            pool,
            size === largest,
          );
        // The pages take turns going first, so neither always runs on a browser the other just used.
        const bareFirst = pass % 2 === 1;
        const bareRun = bareFirst ? await bare() : undefined;
        const appRun = await app();
        bares.push(bareRun ?? (await bare()));
        apps.push(appRun.run);
        if ('skipped' in appRun.edit) skipped = appRun.edit;
        else edits.push(appRun.edit);
      }
      const edit: EditRun | { skipped: string } =
        edits.length > 0
          ? {
              editToCostMs: median(edits.map((e) => e.editToCostMs)),
              longestTaskMs: medianOrNull(edits.map((e) => e.longestTaskMs)),
              pageEngineMs: medianOrNull(edits.map((e) => e.pageEngineMs)),
              afterEngineMs: medianOrNull(edits.map((e) => e.afterEngineMs)),
              engineMs: await engineEditMs(doc, pool),
              before: edits[0]!.before,
              after: edits[0]!.after,
            }
          : skipped;
      runs.push({
        elements: countElements(doc),
        nodes: flow.nodes.length,
        yamlKiB: round(Buffer.byteLength(text) / 1024),
        app: medianRun(apps),
        bare: medianRun(bares),
        ttiRounds: apps.map((app, i) => ({ app: app.ttiMs, bare: bares[i]!.ttiMs })),
        edit,
      });
    }
  } finally {
    await browser.close();
    await appServer.close();
    await bareServer.close();
  }
  report(runs);
}

/** "80 ms at +12, 120 ms at +95" (or "none"). */
function taskList(tasks: PageRun['tasks']): string {
  if (tasks.length === 0) return 'none';
  return tasks.map((task) => `${round(task.ms)} ms at +${round(task.at)}`).join(', ');
}

function report(runs: readonly SizeRun[]): void {
  const rows = runs.flatMap((run) => {
    const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 2) : null);
    const metric = (name: string, app: number, bare: number, unit: string) => ({
      elements: run.elements,
      metric: name,
      app: `${round(app)} ${unit}`,
      bare: `${round(bare)} ${unit}`,
      ratio: ratio(app, bare),
    });
    return [
      metric('time to interactive', run.app.ttiMs, run.bare.ttiMs, 'ms'),
      metric('pan p50', run.app.pan.p50, run.bare.pan.p50, 'ms'),
      metric('pan p95', run.app.pan.p95, run.bare.pan.p95, 'ms'),
      metric('zoom p50', run.app.zoom.p50, run.bare.zoom.p50, 'ms'),
      metric('zoom p95', run.app.zoom.p95, run.bare.zoom.p95, 'ms'),
      metric('drag p50', run.app.drag.p50, run.bare.drag.p50, 'ms'),
      metric('drag p95', run.app.drag.p95, run.bare.drag.p95, 'ms'),
      metric('JS heap', run.app.heapMiB, run.bare.heapMiB, 'MiB'),
    ];
  });
  const footnotes = runs.flatMap((run) => {
    const notes = [
      `${run.elements} elements: ${run.nodes} nodes (when interactive: ${run.app.inView} in view; ${run.app.nodes} drawn by the app, ${run.bare.nodes} by the bare page), ` +
        `${run.yamlKiB} KiB of YAML; app shell shown at ${round(run.app.shellMs ?? 0)} ms, open ${round(run.app.openMs ?? 0)} ms from the drop, ` +
        `cost computed at ${round(run.app.figuresMs ?? 0)} ms, problems shown ` +
        (run.app.problemsMs === undefined || run.app.problemsMs === null
          ? 'with it'
          : `at ${round(run.app.problemsMs)} ms (design rules in the worker)`) +
        `; the app's JS heap includes ${round(run.app.workerHeapMiB ?? 0)} MiB in its workers`,
      `  long tasks until interactive (the median run, ms after navigation): app ${taskList(run.app.tasks)}; ` +
        `bare page ${taskList(run.bare.tasks)}`,
      `  zoom p95, in / out: app ${round(run.app.zoomIn.p95)} / ${round(run.app.zoomOut.p95)} ms, ` +
        `bare ${round(run.bare.zoomIn.p95)} / ${round(run.bare.zoomOut.p95)} ms`,
    ];
    if (run.ttiRounds.length > 1) {
      const ratios = run.ttiRounds.map((r) => r.app / r.bare);
      notes.push(
        `  time to interactive round by round (app / bare): ${ratios.map((r) => round(r, 2).toFixed(2)).join(', ')}; ` +
          `median ${round(median(ratios), 2).toFixed(2)}`,
      );
    }
    if ('skipped' in run.edit) {
      if (!run.edit.skipped.startsWith('measured at'))
        notes.push(`  edit → cost: not measured (${run.edit.skipped})`);
    } else {
      const { editToCostMs, engineMs, pageEngineMs, afterEngineMs, longestTaskMs } = run.edit;
      const ms = (value: number | null | undefined) =>
        value === null || value === undefined ? 'n/a' : `${round(value)} ms`;
      const beforeEngine =
        pageEngineMs === null || afterEngineMs === null ? null : editToCostMs - pageEngineMs - afterEngineMs;
      notes.push(
        `  edit → cost total: ${round(editToCostMs)} ms in the page (${run.edit.before} → ${run.edit.after}) = ` +
          `${ms(beforeEngine)} input, command and hand-over + ${ms(pageEngineMs)} engines (${ms(engineMs)} in Node) + ` +
          `${ms(afterEngineMs)} from the engines finishing to the total on screen` +
          (afterEngineMs === null ? '' : ` (${round(afterEngineMs / FRAME_MS, 2)} frames)`) +
          `; longest task in between ${ms(longestTaskMs)}`,
      );
    }
    return notes;
  });
  const table = {
    title:
      `Canvas: app vs bare React Flow (Chromium, ${VIEWPORT.width}×${VIEWPORT.height}, median of ${ROUNDS} ` +
      `round${ROUNDS === 1 ? '' : 's'}; ratio = app / bare, lower is better)`,
    columns: [
      { key: 'elements', title: 'elements', align: 'right' as const },
      { key: 'metric', title: 'metric' },
      { key: 'app', title: 'app', align: 'right' as const },
      { key: 'bare', title: 'bare React Flow', align: 'right' as const },
      { key: 'ratio', title: 'ratio', align: 'right' as const },
    ],
    rows,
    footnotes: [
      ...footnotes,
      'Targets (reported, not asserted): ratios ≤ 1.0 at 2,000 elements; heap within 2x; the cost total within one frame of the engines finishing.',
    ],
  };
  console.log(`\n${renderTable(table, 'table')}`);
  const out = path.join(RESULTS, 'canvas.json');
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model ?? '',
          memoryGiB: round(os.totalmem() / 2 ** 30),
        },
        node: process.version,
        viewport: VIEWPORT,
        rounds: ROUNDS,
        runs,
      },
      (_key, value: unknown) => (typeof value === 'number' ? round(value, 2) : value),
      2,
    )}\n`,
  );
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

await main();
