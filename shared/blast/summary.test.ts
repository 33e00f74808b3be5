import { describe, expect, it } from 'vitest';
import type { TopologyDocument } from '../model/schema';
import { docBuilder, platformBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { RECENT_DOCUMENTS } from './cache';
import { analyzeFailure } from './impact';
import { structureOf } from './structure';
import { summarizeBlastRadius } from './summary';

describe('summarizeBlastRadius: ranking', () => {
  it('scores every domain, worst first, ties by id, and agrees with analyzeFailure', () => {
    const doc = platformBuilder().build();
    const summary = summarizeBlastRadius(doc, loadTestCatalog());
    const scores = summary.domains.map((d) => d.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (let i = 1; i < summary.domains.length; i++) {
      const [a, b] = [summary.domains[i - 1]!, summary.domains[i]!];
      if (a.score === b.score) expect(a.domain.id < b.domain.id).toBe(true);
    }
    expect(summary.domains[0]!.domain.id).toBe('region:use1');
    for (const entry of summary.domains) {
      const impact = analyzeFailure(doc, entry.domain.id, loadTestCatalog());
      expect(impact.score).toBe(entry.score);
      expect(impact.counts.newlyDown).toBe(entry.newlyDown);
    }
  });

  it('returns the same summary object for the same document (cached per spec)', () => {
    const doc = platformBuilder().build();
    expect(summarizeBlastRadius(doc)).toBe(summarizeBlastRadius(doc));
  });

  it('is deterministic: the same input twice gives deep-equal output', () => {
    const first = summarizeBlastRadius(platformBuilder().build(), loadTestCatalog());
    const second = summarizeBlastRadius(platformBuilder().build(), loadTestCatalog());
    expect(second).toEqual(first);
  });
});

describe('summarizeBlastRadius: single points of failure', () => {
  it('finds single-zone elements, single replicas, a single NAT gateway and inherited ones', () => {
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .cluster('solo', { region: 'r1', zones: ['a'] })
      .pool('solo-pool', { cluster: 'solo' })
      .workload('ledger', { pool: 'solo-pool' })
      .cluster('main', { region: 'r1', natGateways: 'single' })
      .pool('wide', { cluster: 'main' })
      .pool('narrow', { cluster: 'main', zones: ['b'] })
      .workload('front', { pool: 'wide' })
      .workload('mid', { pool: 'wide' })
      .workload('pinned', { pool: 'narrow' })
      .workload('one', { pool: 'wide', replicas: 1 })
      .workload('safe', { pool: 'wide' })
      .fleet('edge', { region: 'r1', zones: ['c'] })
      .dependency('front-mid', 'front', 'mid')
      .dependency('mid-ledger', 'mid', 'ledger')
      .dependency('safe-one', 'safe', 'one', { type: 'soft' })
      .build();
    const spofs = summarizeBlastRadius(doc).singlePointsOfFailure.map((s) => [
      s.elementId,
      s.rule,
      s.zoneId ?? s.via,
    ]);
    expect(spofs).toEqual([
      ['edge', 'fleet-single-zone', 'r1-c'],
      ['front', 'hard-dependency-on-spof', ['mid', 'ledger']],
      ['ledger', 'workload-single-zone', 'r1-a'],
      ['main', 'single-nat-gateway', undefined],
      ['mid', 'hard-dependency-on-spof', ['ledger']],
      ['narrow', 'pool-single-zone', 'r1-b'],
      ['one', 'workload-single-replica', undefined],
      ['pinned', 'workload-single-zone', 'r1-b'],
      ['solo', 'cluster-single-zone', 'r1-a'],
      ['solo-pool', 'pool-single-zone', 'r1-a'],
    ]);
  });
});

describe('summarizeBlastRadius: N+1 zone survivability', () => {
  it('says per cluster whether baseline and burst survive its worst zone', () => {
    const demand = (burstFactor: number) => ({
      unit: 'rps' as const,
      baseline: 400,
      burstFactor,
      perReplica: 100,
    });
    const hpa = { minReplicas: 2, maxReplicas: 20, targetCpuPercent: 50 };
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      // Room 24 -> 16 replicas after a zone: 1,600 rps. Burst 1,600 survives.
      .cluster('roomy', { region: 'r1' })
      .pool('roomy-pool', { cluster: 'roomy', nodesPerAz: { min: 1, desired: 1, max: 2 } })
      .workload('web', {
        pool: 'roomy-pool',
        autoscaling: hpa,
        demand: demand(4),
        resources: { cpu: 1, memoryGiB: 2 },
      })
      // Burst 2,000 does not; baseline 400 does.
      .cluster('tight', { region: 'r1' })
      .pool('tight-pool', { cluster: 'tight', nodesPerAz: { min: 1, desired: 1, max: 2 } })
      .workload('api', {
        pool: 'tight-pool',
        autoscaling: hpa,
        demand: demand(5),
        resources: { cpu: 1, memoryGiB: 2 },
      })
      // All in zone b: losing b loses everything.
      .cluster('lopsided', { region: 'r1' })
      .pool('lop-pool', { cluster: 'lopsided', zones: ['b'] })
      .workload('jobs', {
        pool: 'lop-pool',
        autoscaling: hpa,
        demand: demand(2),
        resources: { cpu: 1, memoryGiB: 2 },
      })
      .build();
    const rows = Object.fromEntries(summarizeBlastRadius(doc).zoneSurvivability.map((c) => [c.clusterId, c]));
    expect(rows['roomy']).toMatchObject({
      worstZoneId: 'r1-a',
      nodeShareLeft: 0.666667,
      carriesBaseline: true,
      carriesBurst: true,
    });
    expect(rows['roomy']!.workloads).toEqual([
      {
        workloadId: 'web',
        unit: 'rps',
        capacity: 1600,
        baseline: 400,
        burst: 1600,
        carriesBaseline: true,
        carriesBurst: true,
      },
    ]);
    expect(rows['tight']).toMatchObject({ carriesBaseline: true, carriesBurst: false });
    expect(rows['tight']!.message).toContain(
      'every workload carries its baseline; 1 workload not its burst: api',
    );
    expect(rows['lopsided']).toMatchObject({ worstZoneId: 'r1-b', nodeShareLeft: 0, carriesBaseline: false });
  });
});

describe('summarizeBlastRadius: caches stay correct across copy-on-write edits', () => {
  it('after an edit, equals the summary of an identical document built from scratch', () => {
    const doc = platformBuilder().build();
    summarizeBlastRadius(doc, loadTestCatalog());
    // Copy-on-write edits: the spot pool shrinks and becomes a GPU pool; every other element keeps its object.
    const edited: TopologyDocument = {
      ...doc,
      spec: {
        ...doc.spec,
        nodePools: doc.spec.nodePools.map((p) =>
          p.id === 'api-spot' ? { ...p, nodesPerAz: { min: 1, desired: 1, max: 1 } } : p,
        ),
        workloads: doc.spec.workloads.map((w) => (w.id === 'auth' ? { ...w, replicas: 1 } : w)),
      },
    };
    const incremental = summarizeBlastRadius(edited, loadTestCatalog());
    const scratch = summarizeBlastRadius(structuredClone(edited), loadTestCatalog());
    expect(incremental).toEqual(scratch);
    expect(incremental).not.toEqual(summarizeBlastRadius(doc, loadTestCatalog()));
    const before = summarizeBlastRadius(doc, loadTestCatalog()).domains.find(
      (d) => d.domain.id === 'zone:use1-c',
    );
    const after = incremental.domains.find((d) => d.domain.id === 'zone:use1-c');
    expect(after!.domain).toBe(before!.domain);
  });

  it('rebuilds a rollout domain when its workload moves onto a GPU pool', () => {
    const doc = platformBuilder().build();
    expect(analyzeFailure(doc, 'rollout:catalog').failed).toEqual([{ id: 'catalog', kind: 'workload' }]);
    const moved: TopologyDocument = {
      ...doc,
      spec: {
        ...doc.spec,
        nodePools: doc.spec.nodePools.map((p) =>
          p.id === 'api-spot'
            ? { ...p, role: 'gpu', gpu: { model: 'A10G', countPerNode: 1, sharing: 'whole' } }
            : p,
        ),
      },
    };
    expect(analyzeFailure(moved, 'rollout:catalog').failed).toEqual([
      { id: 'api-spot', kind: 'nodePool' },
      { id: 'catalog', kind: 'workload' },
    ]);
  });

  it('keeps the tables of the last few documents only, and recomputes older ones identically', () => {
    const first = platformBuilder().build();
    const tables = structureOf(first);
    const summary = summarizeBlastRadius(first);
    for (let i = 0; i < RECENT_DOCUMENTS; i++) summarizeBlastRadius({ ...first, spec: { ...first.spec } });
    expect(structureOf(first)).not.toBe(tables);
    // Nothing the analysis reads changed, so the recomputed summary may be the same object.
    expect(summarizeBlastRadius(first)).toEqual(summary);
  });

  it('summarises a document with dependency cycles', () => {
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b'] })
      .cluster('c1', { region: 'r1' })
      .pool('p1', { cluster: 'c1' })
      .workload('a', { pool: 'p1', userFacing: true, demand: { unit: 'rps', baseline: 10, perReplica: 10 } })
      .workload('b', { pool: 'p1' })
      .workload('c', { pool: 'p1' })
      .dependency('a-b', 'a', 'b')
      .dependency('b-c', 'b', 'c', { type: 'soft' })
      .dependency('c-a', 'c', 'a')
      .build();
    const summary = summarizeBlastRadius(doc);
    expect(summary.domains.find((d) => d.domain.id === 'rollout:c')).toMatchObject({
      newlyDown: 1,
      newlyDegraded: 2,
    });
  });
});
