import { describe, expect, it } from 'vitest';
import { docBuilder } from '../test-support/builders';
import { simulateBurst } from './burst';
import { simulateTrafficBurst } from './burst-total';

/**
 * Two user-facing rps services on one pool of m6i.xlarge (2 replicas per node at 2 CPU): `big` (baseline
 * 300, weight 0.75) and `small` (baseline 100, weight 0.25); `internal` is not user-facing.
 */
function twoServices(bigMax = 20) {
  return docBuilder()
    .region('r1', 'us-east-1', { zones: ['a'] })
    .cluster('c1', { region: 'r1' })
    .pool('p1', { cluster: 'c1', nodesPerAz: { min: 1, desired: 4, max: 20 } })
    .workload('big', {
      pool: 'p1',
      userFacing: true,
      resources: { cpu: 2, memoryGiB: 4 },
      autoscaling: { minReplicas: 3, maxReplicas: bigMax, targetCpuPercent: 100 },
      demand: { unit: 'rps', baseline: 300, burstFactor: 4, perReplica: 100 },
    })
    .workload('small', {
      pool: 'p1',
      userFacing: true,
      resources: { cpu: 2, memoryGiB: 4 },
      autoscaling: { minReplicas: 1, maxReplicas: 10, targetCpuPercent: 100 },
      demand: { unit: 'rps', baseline: 100, burstFactor: 2, perReplica: 100 },
    })
    .workload('internal', {
      pool: 'p1',
      replicas: 1,
      demand: { unit: 'rps', baseline: 1000, burstFactor: 1, perReplica: 2000 },
    })
    .build();
}

const knobs = { rampMinutes: 0, durationMinutes: 5, stepSeconds: 5 };

describe('simulateTrafficBurst', () => {
  it('adds user-facing workloads in their traffic weights, in multiples of baseline', () => {
    const doc = twoServices();
    const total = simulateTrafficBurst(doc, knobs);
    const big = simulateBurst(doc, 'big', knobs);
    const small = simulateBurst(doc, 'small', knobs);
    expect(total.unit).toBe('x baseline');
    expect(total.parts.map((p) => [p.workloadId, p.weight])).toEqual([
      ['big', 0.75],
      ['small', 0.25],
    ]);
    // Peak: 0.75 x 4 + 0.25 x 2.
    expect(total.peak).toBeCloseTo(3.5, 9);
    expect(total.series).toHaveLength(big.series.length);
    total.series.forEach((point, k) => {
      expect(point.t).toBe(big.series[k]!.t);
      expect(point.demand).toBeCloseTo(
        (0.75 * big.series[k]!.demand) / 300 + (0.25 * small.series[k]!.demand) / 100,
        9,
      );
      expect(point.unserved).toBeCloseTo(
        (0.75 * big.series[k]!.unserved) / 300 + (0.25 * small.series[k]!.unserved) / 100,
        9,
      );
    });
    expect(total.unserved.total).toBeCloseTo(
      (0.75 * big.unserved.total) / 300 + (0.25 * small.unserved.total) / 100,
      9,
    );
    expect(total.unserved.percentOfDemand).toBeCloseTo(
      (100 * total.unserved.total) / total.unserved.demandTotal,
      9,
    );
  });

  it('catches up when the last workload does, and says which one that is', () => {
    const doc = twoServices();
    const total = simulateTrafficBurst(doc, knobs);
    const seconds = ['big', 'small'].map((id) => {
      const catchUp = simulateBurst(doc, id, knobs).catchUp;
      return catchUp.status === 'caught-up' ? catchUp.seconds : 0;
    });
    expect(total.catchUp).toMatchObject({ status: 'caught-up', seconds: Math.max(...seconds) });
  });

  it('never catches up while one workload never does', () => {
    const total = simulateTrafficBurst(twoServices(5), knobs);
    expect(total.catchUp).toMatchObject({ status: 'never', workloadIds: ['big'] });
    if (total.catchUp.status === 'never') expect(total.catchUp.reason).toContain('1 of 2');
  });

  it('passes the delays on and is not applicable without user-facing demand', () => {
    const withDelay = simulateTrafficBurst(twoServices(), { ...knobs, nodeLaunchSeconds: 300 });
    expect(withDelay.overridden).toEqual(['nodeLaunchSeconds']);
    expect(withDelay.delays.nodeLaunchSeconds).toBe(300);
    const none = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a'] })
      .cluster('c1', { region: 'r1' })
      .pool('p1', { cluster: 'c1' })
      .workload('w', { pool: 'p1' })
      .build();
    const total = simulateTrafficBurst(none, { rampMinutes: 10 });
    expect(total.catchUp.status).toBe('not-applicable');
    expect(total).toMatchObject({ parts: [], series: [], rampMinutes: 10, durationMinutes: 20 });
    expect(total.delays.hpaSyncSeconds).toBe(15);
  });
});
