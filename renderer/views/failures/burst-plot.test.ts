// The burst plot's data and geometry: the burst in multiples of baseline (the whole design's user traffic or
// one workload), the curves and the unserved area laid out in the frame, the ticks, and a bad knob
// explained rather than thrown.
import { describe, expect, it } from 'vitest';
import { simulateBurst } from '../../../shared/blast/burst';
import { simulateTrafficBurst } from '../../../shared/blast/burst-total';
import { TopologyDocumentSchema } from '../../../shared/model/schema';
import { smallDocument } from '../../test-support/documents';
import type { BurstCurve } from './burst-plot';
import { PLOT_FRAME, burstCurve, niceStep, plotGeometry } from './burst-plot';

/** The small design with `web` user-facing: 300 rps at baseline, 4x burst, 100 rps a replica, HPA 3-20. */
function design() {
  const base = smallDocument();
  return TopologyDocumentSchema.parse({
    ...base,
    spec: {
      ...base.spec,
      workloads: base.spec.workloads.map((w) => {
        if (w.id !== 'web') return w;
        return {
          ...w,
          replicas: undefined,
          userFacing: true,
          autoscaling: { minReplicas: 3, maxReplicas: 20, targetCpuPercent: 100 },
          demand: { unit: 'rps', baseline: 300, burstFactor: 4, perReplica: 100 },
        };
      }),
    },
  });
}

/** A hand-made curve: 0-10 minutes, demand 1 -> 3, capacity 1 then 3 from minute 6. */
function handCurve(): BurstCurve {
  const points = [0, 2, 4, 6, 8, 10].map((minutes) => {
    const demand = Math.min(3, 1 + minutes / 3);
    const capacity = minutes < 6 ? 1 : 3;
    return { minutes, demand, capacity, unserved: Math.max(0, demand - capacity) };
  });
  return {
    points,
    peak: 3,
    rampMinutes: 6,
    durationMinutes: 10,
    unservedBaselineMinutes: 0,
    unservedPercent: 0,
    catchUp: '',
    notes: [],
  };
}

describe('burstCurve', () => {
  it('plots the whole design in multiples of baseline user traffic', () => {
    const doc = design();
    const options = { rampMinutes: 10, nodeLaunchSeconds: 120 };
    const result = burstCurve(doc, { kind: 'traffic' }, options);
    const burst = simulateTrafficBurst(doc, options);
    if (!result.ok) throw new Error(result.message);
    expect(result.curve.points).toHaveLength(burst.series.length);
    expect(result.curve.points[0]!.demand).toBeCloseTo(1, 9);
    expect(result.curve.peak).toBeCloseTo(4, 9);
    expect(result.curve.unservedPercent).toBeCloseTo(burst.unserved.percentOfDemand, 9);
    expect(result.curve.unservedBaselineMinutes).toBeCloseTo(burst.unserved.total / 60, 9);
    expect(result.curve.points[12]!.minutes).toBeCloseTo(burst.series[12]!.t / 60, 9);
  });

  it('plots one workload divided by its baseline, with its burst factor as the peak', () => {
    const doc = design();
    const options = { rampMinutes: 10, burstFactor: 3 };
    const result = burstCurve(doc, { kind: 'workload', id: 'web' }, options);
    const burst = simulateBurst(doc, 'web', options);
    if (!result.ok) throw new Error(result.message);
    expect(result.curve.peak).toBe(3);
    const last = result.curve.points.at(-1)!;
    expect(last.demand).toBeCloseTo(3, 9);
    expect(last.capacity).toBeCloseTo(burst.series.at(-1)!.capacity / 300, 9);
    expect(result.curve.unservedBaselineMinutes).toBeCloseTo(burst.unserved.total / 300 / 60, 9);
  });

  it('a slower pod start-up leaves more demand unserved', () => {
    const doc = design();
    const fast = burstCurve(doc, { kind: 'traffic' }, { rampMinutes: 5, podStartSeconds: 0 });
    const slow = burstCurve(doc, { kind: 'traffic' }, { rampMinutes: 5, podStartSeconds: 300 });
    if (!fast.ok || !slow.ok) throw new Error('simulation failed');
    expect(slow.curve.unservedPercent).toBeGreaterThan(fast.curve.unservedPercent);
  });

  it('explains a bad knob or an unknown workload instead of throwing', () => {
    const doc = design();
    expect(burstCurve(doc, { kind: 'traffic' }, { burstFactor: 0.5 })).toEqual({
      ok: false,
      message: 'burstFactor must be 1 or more, not 0.5',
    });
    const unknown = burstCurve(doc, { kind: 'workload', id: 'nope' }, {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.message).toContain('nope');
  });
});

describe('plotGeometry', () => {
  it('maps minutes to x and multiples of baseline to y inside the frame', () => {
    const g = plotGeometry(handCurve());
    const plotWidth = PLOT_FRAME.width - PLOT_FRAME.left - PLOT_FRAME.right;
    const plotHeight = PLOT_FRAME.height - PLOT_FRAME.top - PLOT_FRAME.bottom;
    expect(g.yMax).toBe(3);
    const bottom = PLOT_FRAME.top + plotHeight;
    // Demand starts at 1 (a third of the height) on the left edge and ends at 3 (the top) on the right.
    expect(
      g.demandPath.startsWith(`M${PLOT_FRAME.left},${Math.round((bottom - plotHeight / 3) * 10) / 10}`),
    ).toBe(true);
    expect(g.demandPath.endsWith(`L${PLOT_FRAME.left + plotWidth},${PLOT_FRAME.top}`)).toBe(true);
    expect(g.rampX).toBeCloseTo(PLOT_FRAME.left + 0.6 * plotWidth, 9);
    expect(g.xTicks.map((t) => t.label)).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(g.yTicks.map((t) => t.label)).toEqual(['0x', '1x', '2x', '3x']);
    expect(g.yTicks[0]!.at).toBe(bottom);
  });

  it('shades one polygon per stretch of unserved demand, none when all is served', () => {
    const g = plotGeometry(handCurve());
    // Minutes 2 and 4 are short (demand above a capacity of 1): one closed polygon of four corners.
    expect(g.unservedPath.match(/M/g)).toHaveLength(1);
    expect(g.unservedPath.endsWith('Z')).toBe(true);
    expect(g.unservedPath.split(/ L/)).toHaveLength(4);
    const served = {
      ...handCurve(),
      points: handCurve().points.map((p) => ({ ...p, capacity: 3, unserved: 0 })),
    };
    expect(plotGeometry(served).unservedPath).toBe('');
    const twice = {
      ...handCurve(),
      points: handCurve().points.map((p, i) => ({ ...p, unserved: i === 1 || i === 4 ? 0.5 : 0 })),
    };
    expect(plotGeometry(twice).unservedPath.match(/M/g)).toHaveLength(2);
  });

  it('picks round steps', () => {
    expect(niceStep(10, 6)).toBe(2);
    expect(niceStep(60, 6)).toBe(10);
    expect(niceStep(4.2, 5)).toBe(1);
    expect(niceStep(0, 5)).toBe(1);
  });
});
