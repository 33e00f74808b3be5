// BENCH_CANVAS_TRACE=1: where a page's time goes outside JavaScript. The CPU profiler puts style, layout,
// paint and raster under "(program)"; a Chrome trace names them. This file summarises a trace: per thread
// of the renderer (main, compositor, raster workers), the self time of each event name, largest first.

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** The trace categories the summary reads: the DevTools timeline's, plus the raster and GPU tasks. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'blink',
  'cc',
  'v8',
  'gpu',
];

/** One thread's busiest event names by self time (ms), and the thread's total busy time. */
export interface ThreadSummary {
  readonly thread: string;
  readonly busyMs: number;
  readonly top: readonly { readonly name: string; readonly selfMs: number }[];
}

/** Self time per event name and thread from a Chrome trace (complete events only; nested events subtracted). */
export function summariseTrace(json: string, topN = 12): ThreadSummary[] {
  const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const names = new Map<string, string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name)
      names.set(`${event.pid}:${event.tid}`, event.args.name);
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const key = `${event.pid}:${event.tid}`;
    const thread = names.get(key) ?? key;
    if (!/CrRendererMain|Compositor|Raster|TileWorker|VizCompositor|CrGpuMain/.test(thread)) continue;
    const list = byThread.get(key) ?? [];
    list.push(event);
    byThread.set(key, list);
  }
  const summaries: ThreadSummary[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<string, number>();
    const stack: { event: TraceEvent; end: number }[] = [];
    let busy = 0;
    for (const event of list) {
      const end = event.ts + (event.dur ?? 0);
      while (stack.length > 0 && stack[stack.length - 1]!.end <= event.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        self.set(parent.event.name, (self.get(parent.event.name) ?? 0) - (event.dur ?? 0));
      } else {
        busy += event.dur ?? 0;
      }
      self.set(event.name, (self.get(event.name) ?? 0) + (event.dur ?? 0));
      stack.push({ event, end });
    }
    const top = [...self]
      .map(([name, us]) => ({ name, selfMs: us / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, topN);
    summaries.push({ thread: names.get(key) ?? key, busyMs: busy / 1000, top });
  }
  return summaries.sort((a, b) => b.busyMs - a.busyMs);
}
