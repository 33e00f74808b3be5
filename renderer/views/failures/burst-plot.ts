// The burst plot of the Failures view, as pure data: the burst simulation (the whole design's user traffic,
// or one workload) in multiples of its baseline, and the SVG geometry drawing it. x is minutes since the
// burst started, y a multiple of baseline demand. Three shapes: the demand curve, the capacity curve the
// autoscaling chain brings up (HPA, pods, nodes), and the unserved demand shaded between the demand and what
// is served (demand - unserved). For one workload what is served is min(demand, capacity), so the shade lies
// between the two curves; for the whole design unserved demand is added workload by workload, so spare
// capacity of one workload does not hide another's shortfall.
import { simulateBurst } from '../../../shared/blast/burst';
import { simulateTrafficBurst } from '../../../shared/blast/burst-total';
import type { Catalog } from '../../../shared/catalog/types';
import type { BurstOptions } from '../../../shared/blast/types';
import type { TopologyDocument } from '../../../shared/model/schema';

/** Which burst is plotted: every user-facing workload at once, or one workload. */
export type BurstTarget = { readonly kind: 'traffic' } | { readonly kind: 'workload'; readonly id: string };

/** One sample, in multiples of baseline. */
export interface CurvePoint {
  readonly minutes: number;
  readonly demand: number;
  readonly capacity: number;
  readonly unserved: number;
}

/** A burst ready to plot: its samples in multiples of baseline and its figures. */
export interface BurstCurve {
  readonly points: readonly CurvePoint[];
  readonly peak: number;
  readonly rampMinutes: number;
  readonly durationMinutes: number;
  /** Unserved demand over the window, baseline x minutes. */
  readonly unservedBaselineMinutes: number;
  /** Unserved demand as a share of all demand over the window, 0-100. */
  readonly unservedPercent: number;
  /** When capacity catches up, in words. */
  readonly catchUp: string;
  readonly notes: readonly string[];
}

/** A burst that could not be simulated, with the reason. */
export type BurstCurveResult =
  { readonly ok: true; readonly curve: BurstCurve } | { readonly ok: false; readonly message: string };

function minutesText(seconds: number): string {
  const minutes = seconds / 60;
  return `${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} min`;
}

function catchUpText(catchUp: { status: string; seconds?: number; reason?: string }): string {
  if (catchUp.status === 'immediate') return 'Capacity keeps up all along.';
  if (catchUp.status === 'caught-up')
    return `Capacity catches up after ${minutesText(catchUp.seconds ?? 0)}.`;
  if (catchUp.status === 'never') return `Capacity never catches up: ${catchUp.reason ?? ''}`;
  return catchUp.reason ?? '';
}

/** The burst of a target with these knobs in multiples of baseline, or why it cannot be simulated. */
export function burstCurve(
  doc: TopologyDocument,
  target: BurstTarget,
  options: BurstOptions,
  catalog?: Catalog,
): BurstCurveResult {
  try {
    if (target.kind === 'traffic') {
      const burst = simulateTrafficBurst(doc, options, catalog);
      if (burst.series.length === 0) return { ok: false, message: catchUpText(burst.catchUp) };
      return {
        ok: true,
        curve: {
          points: burst.series.map((p) => ({
            minutes: p.t / 60,
            demand: p.demand,
            capacity: p.capacity,
            unserved: p.unserved,
          })),
          peak: burst.peak,
          rampMinutes: burst.rampMinutes,
          durationMinutes: burst.durationMinutes,
          unservedBaselineMinutes: burst.unserved.total / 60,
          unservedPercent: burst.unserved.percentOfDemand,
          catchUp: catchUpText(burst.catchUp),
          notes: burst.notes,
        },
      };
    }
    const burst = simulateBurst(doc, target.id, options, catalog);
    if (burst.series.length === 0 || !(burst.baseline > 0))
      return {
        ok: false,
        message: catchUpText(burst.catchUp) || `${target.id} declares no baseline demand.`,
      };
    const scale = 1 / burst.baseline;
    return {
      ok: true,
      curve: {
        points: burst.series.map((p) => ({
          minutes: p.t / 60,
          demand: p.demand * scale,
          capacity: p.capacity * scale,
          unserved: p.unserved * scale,
        })),
        peak: burst.burstFactor,
        rampMinutes: burst.rampMinutes,
        durationMinutes: burst.durationMinutes,
        unservedBaselineMinutes: (burst.unserved.total * scale) / 60,
        unservedPercent: burst.unserved.percentOfDemand,
        catchUp: catchUpText(burst.catchUp),
        notes: burst.notes,
      },
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The drawing area of the plot, in SVG user units. */
export interface PlotFrame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The default frame: wide enough for the side panel, room for the axis labels. */
export const PLOT_FRAME: PlotFrame = { width: 520, height: 260, left: 44, right: 12, top: 12, bottom: 32 };

/** A tick on an axis: its value, its position and its label. */
export interface Tick {
  readonly value: number;
  readonly at: number;
  readonly label: string;
}

/** The SVG geometry of a burst curve. */
export interface PlotGeometry {
  /** Path data of the demand and capacity polylines. */
  readonly demandPath: string;
  readonly capacityPath: string;
  /** Path data of the unserved area: one closed polygon per stretch of unserved demand. */
  readonly unservedPath: string;
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  /** The largest y value the frame shows. */
  readonly yMax: number;
  /** x of the end of the ramp (the peak is reached there). */
  readonly rampX: number;
}

const EPSILON = 1e-9;

function fmt(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/** A "nice" step (1, 2 or 5 x 10^k) that divides `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return nice * power;
}

/** Lays a burst curve out in a frame: curves, the unserved area, ticks on both axes. */
export function plotGeometry(curve: BurstCurve, frame: PlotFrame = PLOT_FRAME): PlotGeometry {
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  const xMax = curve.durationMinutes > 0 ? curve.durationMinutes : 1;
  const highest = curve.points.reduce((m, p) => Math.max(m, p.demand, p.capacity), curve.peak);
  const yStep = niceStep(highest, 5);
  const yMax = Math.max(yStep, Math.ceil(highest / yStep - EPSILON) * yStep);
  const x = (minutes: number) => frame.left + (Math.min(Math.max(minutes, 0), xMax) / xMax) * plotWidth;
  const y = (value: number) =>
    frame.top + plotHeight - (Math.min(Math.max(value, 0), yMax) / yMax) * plotHeight;
  const line = (value: (p: CurvePoint) => number) =>
    curve.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(x(p.minutes))},${fmt(y(value(p)))}`).join(' ');

  // Each sample holds for one step: a stretch of unserved samples becomes one polygon from the demand
  // curve down to the served curve.
  const polygons: string[] = [];
  let stretch: CurvePoint[] = [];
  const close = () => {
    if (stretch.length === 0) return;
    const topEdge = stretch.map((p) => `${fmt(x(p.minutes))},${fmt(y(p.demand))}`);
    const bottomEdge = [...stretch]
      .reverse()
      .map((p) => `${fmt(x(p.minutes))},${fmt(y(p.demand - p.unserved))}`);
    polygons.push(`M${[...topEdge, ...bottomEdge].join(' L')} Z`);
    stretch = [];
  };
  for (const point of curve.points) {
    if (point.unserved > EPSILON) stretch.push(point);
    else close();
  }
  close();

  const xStep = niceStep(xMax, 6);
  const xTicks: Tick[] = [];
  for (let i = 0; i * xStep <= xMax + EPSILON; i++) {
    const v = i * xStep;
    xTicks.push({ value: v, at: x(v), label: fmt(v) });
  }
  const yTicks: Tick[] = [];
  for (let i = 0; i * yStep <= yMax + EPSILON; i++) {
    const v = i * yStep;
    yTicks.push({ value: v, at: y(v), label: `${fmt(v)}x` });
  }
  return {
    demandPath: line((p) => p.demand),
    capacityPath: line((p) => p.capacity),
    unservedPath: polygons.join(' '),
    xTicks,
    yTicks,
    yMax,
    rampX: x(curve.rampMinutes),
  };
}
