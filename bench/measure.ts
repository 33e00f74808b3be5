// Timing and memory helpers for the benchmark. Figures are medians over repeated runs; memory is the
// heap a result keeps alive (after a forced GC) and the process's peak resident set.

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` until `minRuns` runs and `budgetMs` have passed (at most `maxRuns`); returns the median ms. */
export function time(
  fn: () => unknown,
  options: { minRuns?: number; maxRuns?: number; budgetMs?: number } = {},
): number {
  const { minRuns = 3, maxRuns = 50, budgetMs = 1500 } = options;
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < maxRuns && (samples.length < minRuns || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Whether the process runs with --expose-gc (needed for retained-heap figures). */
export const canMeasureHeap = typeof gc === 'function';

/** Heap in MiB kept alive by what `fn` returns (measured after a forced GC), or NaN without --expose-gc. */
export function retainedHeapMiB(fn: () => unknown): number {
  if (!gc) return Number.NaN;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fn();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) return 0;
  return (after - before) / 1024 / 1024;
}

/** Peak resident set of this process so far, MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
