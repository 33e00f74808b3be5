import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { WorkloadSchema } from '../model/schema';
import { docBuilder } from '../test-support/builders';
import { simulateBurst } from './burst';

type WorkloadInput = z.input<typeof WorkloadSchema>;

/**
 * One workload on one pool of m6i.xlarge in a single zone (no catalog: 4 vCPU, 16 GiB, 110 pods by the name
 * estimate); requests 2 CPU / 4 GiB, so 2 replicas per node.
 */
function oneWorkload(
  workload: Partial<WorkloadInput>,
  nodes = { min: 1, desired: 1, max: 3 },
  limits?: { vcpu: number },
) {
  return docBuilder()
    .region('r1', 'us-east-1', { zones: ['a'] })
    .cluster('c1', { region: 'r1' })
    .pool('p1', { cluster: 'c1', nodesPerAz: nodes, ...(limits ? { limits } : {}) })
    .workload('w', { pool: 'p1', resources: { cpu: 2, memoryGiB: 4 }, ...workload })
    .build();
}

const hpa = (minReplicas: number, maxReplicas: number, targetCpuPercent = 100) => ({
  autoscaling: { minReplicas, maxReplicas, targetCpuPercent },
});

describe('simulateBurst: hand-computed cases', () => {
  it('a fixed replica count: unserved = sum of max(0, demand - capacity) x step', () => {
    // 2 replicas x 100 rps = 200. Demand 100 -> 300 over 10 minutes, sampled every 60 s: 100, 120, ..., 280.
    // Unserved 20 + 40 + 60 + 80 = 200 rps over 60 s each = 12,000 rps-s; demand 1,900 x 60 = 114,000.
    const doc = oneWorkload({
      replicas: 2,
      demand: { unit: 'rps', baseline: 100, burstFactor: 3, perReplica: 100 },
    });
    const sim = simulateBurst(doc, 'w', { rampMinutes: 10, durationMinutes: 10, stepSeconds: 60 });
    expect(sim.series.map((p) => p.demand)).toEqual([100, 120, 140, 160, 180, 200, 220, 240, 260, 280]);
    expect(sim.series.every((p) => p.capacity === 200)).toBe(true);
    expect(sim.unserved.total).toBeCloseTo(12_000, 6);
    expect(sim.unserved.demandTotal).toBeCloseTo(114_000, 6);
    expect(sim.unserved.percentOfDemand).toBeCloseTo((100 * 12_000) / 114_000, 9);
    expect(sim.catchUp).toMatchObject({ status: 'never', limit: 'fixed-replicas' });
  });

  it('pods that need a node wait for launch + join, then pod start', () => {
    // Instant burst 200 -> 400 rps; 2 replicas fill the one existing node. The HPA asks for 4 at t = 0; the
    // 2 new pods need a node: ready at 60 + 45 = 105 s, pods ready at 125 s. Unserved 200 rps for 125 s.
    const doc = oneWorkload({
      ...hpa(2, 10),
      demand: { unit: 'rps', baseline: 200, burstFactor: 2, perReplica: 100 },
    });
    const sim = simulateBurst(doc, 'w', { rampMinutes: 0, durationMinutes: 5, stepSeconds: 5 });
    expect(sim.limits).toMatchObject({ podsPerNode: 2, nodesAtStart: 1, maxNodes: 3 });
    expect(sim.catchUp).toEqual({ status: 'caught-up', seconds: 125 });
    expect(sim.unserved.total).toBeCloseTo(200 * 125, 6);
    expect(sim.series.find((p) => p.t === 100)).toMatchObject({ nodes: 1, replicas: 2, desiredReplicas: 4 });
    expect(sim.series.find((p) => p.t === 105)).toMatchObject({ nodes: 2, replicas: 2 });
    expect(sim.series.find((p) => p.t === 125)).toMatchObject({ nodes: 2, replicas: 4, capacity: 400 });
  });

  it('pods that fit on spare node room start after pod start only', () => {
    const doc = oneWorkload(
      { ...hpa(2, 10), demand: { unit: 'rps', baseline: 200, burstFactor: 2, perReplica: 100 } },
      { min: 2, desired: 2, max: 3 },
    );
    const sim = simulateBurst(doc, 'w', { rampMinutes: 0, durationMinutes: 5, stepSeconds: 5 });
    expect(sim.catchUp).toEqual({ status: 'caught-up', seconds: 20 });
    expect(sim.unserved.total).toBeCloseTo(200 * 20, 6);
  });

  it('options override each delay and say so', () => {
    const doc = oneWorkload({
      ...hpa(2, 10),
      demand: { unit: 'rps', baseline: 200, burstFactor: 2, perReplica: 100 },
    });
    const sim = simulateBurst(doc, 'w', {
      rampMinutes: 0,
      durationMinutes: 5,
      stepSeconds: 5,
      nodeLaunchSeconds: 30,
      podStartSeconds: 10,
    });
    expect(sim.overridden).toEqual(['podStartSeconds', 'nodeLaunchSeconds']);
    expect(sim.delays).toMatchObject({ nodeLaunchSeconds: 30, nodeJoinSeconds: 45, podStartSeconds: 10 });
    expect(sim.catchUp).toEqual({ status: 'caught-up', seconds: 85 });
  });
});

describe('simulateBurst: the HPA', () => {
  const jump = { unit: 'rps' as const, baseline: 200, burstFactor: 10, perReplica: 100 };

  it('scales up by at most max(+4 pods, +100%) per 15 s', () => {
    // 2 replicas see 2,000 rps at 100% target and ask for 20: 2 -> 6 -> 12 -> 20.
    const doc = oneWorkload({ ...hpa(2, 40), demand: jump }, { min: 1, desired: 20, max: 20 });
    const sim = simulateBurst(doc, 'w', { rampMinutes: 0, durationMinutes: 2, stepSeconds: 15 });
    expect(sim.series.slice(0, 4).map((p) => p.desiredReplicas)).toEqual([6, 12, 20, 20]);
    // Pods fit on existing nodes and start 20 s later: the first sample at or after that is the next one.
    expect(sim.series.slice(0, 5).map((p) => p.replicas)).toEqual([2, 2, 6, 12, 20]);
  });

  it('a scale-up stabilisation window slows the chain on a ramp', () => {
    const doc = oneWorkload({ ...hpa(2, 40, 70), demand: jump }, { min: 1, desired: 20, max: 20 });
    const quick = simulateBurst(doc, 'w', { rampMinutes: 10, durationMinutes: 20 });
    const slow = simulateBurst(doc, 'w', {
      rampMinutes: 10,
      durationMinutes: 20,
      hpaScaleUpStabilizationSeconds: 120,
    });
    expect(slow.unserved.total).toBeGreaterThan(quick.unserved.total);
    expect(slow.overridden).toEqual(['hpaScaleUpStabilizationSeconds']);
  });
});

describe('simulateBurst: catching up or not', () => {
  const demand = { unit: 'rps' as const, baseline: 1000, burstFactor: 4, perReplica: 100 };

  it('catches up on a 30-minute 4x ramp with enough headroom', () => {
    const doc = oneWorkload({ ...hpa(10, 60, 70), demand }, { min: 5, desired: 8, max: 40 });
    const sim = simulateBurst(doc, 'w');
    expect(sim.peak).toBe(4000);
    expect(sim.rampMinutes).toBe(30);
    expect(sim.series).toHaveLength(720);
    expect(sim.catchUp.status === 'caught-up' || sim.catchUp.status === 'immediate').toBe(true);
    expect(sim.series[sim.series.length - 1]!.capacity).toBeGreaterThanOrEqual(4000);
    expect(sim.unserved.percentOfDemand).toBeLessThan(1);
  });

  it('never catches up when the HPA max is too low, and says so', () => {
    const doc = oneWorkload({ ...hpa(10, 30, 70), demand }, { min: 5, desired: 8, max: 40 });
    const sim = simulateBurst(doc, 'w');
    expect(sim.catchUp).toMatchObject({ status: 'never', limit: 'hpa-max' });
    if (sim.catchUp.status === 'never') {
      expect(sim.catchUp.reason).toBe(
        'HPA max 30 x 100 rps = 3,000 rps < peak 4,000 rps (needs 40 replicas)',
      );
    }
    expect(sim.series[sim.series.length - 1]!.replicas).toBe(30);
  });

  it('never catches up when the pool maximum is too small, or its Karpenter limits are', () => {
    const byMax = simulateBurst(
      oneWorkload({ ...hpa(10, 60, 70), demand }, { min: 5, desired: 8, max: 12 }),
      'w',
    );
    expect(byMax.catchUp).toMatchObject({ status: 'never', limit: 'pool-max' });
    const byLimits = simulateBurst(
      oneWorkload({ ...hpa(10, 60, 70), demand }, { min: 5, desired: 8, max: 40 }, { vcpu: 48 }),
      'w',
    );
    expect(byLimits.limits.maxNodes).toBe(12);
    expect(byLimits.catchUp).toMatchObject({ status: 'never', limit: 'pool-limits' });
  });

  it('a streaming fleet does not autoscale', () => {
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b'] })
      .fleet('edge', { region: 'r1', instancesPerAz: 2 })
      .workload('stream', {
        fleet: 'edge',
        demand: { unit: 'gbps', baseline: 100, burstFactor: 3, perReplica: 50 },
      })
      .build();
    const sim = simulateBurst(doc, 'stream');
    expect(sim.series.every((p) => p.capacity === 200)).toBe(true);
    expect(sim.catchUp).toMatchObject({ status: 'never', limit: 'fleet' });
  });

  it('is not applicable to a workload without demand', () => {
    const sim = simulateBurst(oneWorkload({ replicas: 2 }), 'w');
    expect(sim.catchUp.status).toBe('not-applicable');
    expect(sim.series).toEqual([]);
  });

  it('is deterministic and refuses bad options', () => {
    const doc = oneWorkload({ ...hpa(10, 60, 70), demand }, { min: 5, desired: 8, max: 40 });
    expect(simulateBurst(doc, 'w', { stepSeconds: 15 })).toEqual(
      simulateBurst(doc, 'w', { stepSeconds: 15 }),
    );
    expect(() => simulateBurst(doc, 'w', { stepSeconds: 0 })).toThrow(RangeError);
    expect(() => simulateBurst(doc, 'nope')).toThrow(/unknown workload/);
  });
});
