import { describe, expect, it } from 'vitest';
import { TopologyDocumentSchema } from '../model/schema';
import { ottTemplate } from '../templates/templates';
import { docBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { analyzeFailure } from './impact';
import { summarizeBlastRadius } from './summary';
import { zoneLossMatrix } from './zone-matrix';

const catalog = loadTestCatalog();

describe('zoneLossMatrix: hand-computed cases', () => {
  // Region r1 (zones a-c): cluster `wide` over a-c (pool `all`, 5 per AZ max), cluster `two` over a-b with a
  // pool pinned to b, cluster `solo` in c only; fleet `edge` over a-c, 2 instances per AZ.
  const doc = docBuilder()
    .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
    .cluster('wide', { region: 'r1' })
    .pool('all', { cluster: 'wide', nodesPerAz: { min: 1, desired: 2, max: 5 } })
    .workload('web', { pool: 'all', replicas: 3 })
    .cluster('two', { region: 'r1', zones: ['a', 'b'] })
    .pool('two-ab', { cluster: 'two', nodesPerAz: { min: 1, desired: 1, max: 4 } })
    .pool('two-b', { cluster: 'two', zones: ['b'], nodesPerAz: { min: 1, desired: 1, max: 2 } })
    .workload('pinned', { pool: 'two-b', replicas: 2 })
    .cluster('solo', { region: 'r1', zones: ['c'] })
    .pool('solo-pool', { cluster: 'solo' })
    .workload('ledger', {
      pool: 'solo-pool',
      replicas: 2,
      demand: { unit: 'rps', baseline: 100, burstFactor: 2, perReplica: 100 },
    })
    .fleet('edge', { region: 'r1', instancesPerAz: 2 })
    .workload('stream', {
      fleet: 'edge',
      demand: { unit: 'gbps', baseline: 100, burstFactor: 3, perReplica: 50 },
    })
    .build();
  const matrix = zoneLossMatrix(doc, catalog);
  const region = matrix.regions[0]!;
  const row = (id: string) => region.rows.find((r) => r.elementId === id)!;
  const cell = (id: string, zone: string) => row(id).cells.find((c) => c.zoneId === zone)!;

  it('has one block per region: the region zones as columns, clusters then fleets as rows', () => {
    expect(matrix.regions).toHaveLength(1);
    expect(region.zones).toEqual([
      { id: 'r1-a', name: 'us-east-1a' },
      { id: 'r1-b', name: 'us-east-1b' },
      { id: 'r1-c', name: 'us-east-1c' },
    ]);
    expect(region.rows.map((r) => [r.kind, r.elementId])).toEqual([
      ['cluster', 'solo'],
      ['cluster', 'two'],
      ['cluster', 'wide'],
      ['fleet', 'edge'],
    ]);
    for (const r of region.rows) expect(r.cells.map((c) => c.zoneId)).toEqual(['r1-a', 'r1-b', 'r1-c']);
  });

  it('leaves (zones - 1) / zones of a cluster spanning three zones', () => {
    expect(cell('wide', 'r1-a')).toMatchObject({
      spans: true,
      nodesLeft: 10,
      nodesMax: 15,
      carriesBaseline: true,
      carriesBurst: true,
    });
    expect(cell('wide', 'r1-a').capacityLeft).toBeCloseTo(2 / 3, 6);
    expect(cell('wide', 'r1-a').message).toBe(
      'Losing us-east-1a leaves 66.7% of its maximum nodes (10 of 15); every workload still carries its burst.',
    );
  });

  it('counts each pool over its own zones, and leaves a cluster whole when the zone is not its', () => {
    // two-ab: 4 per AZ over a, b (8); two-b: 2 in b. Losing b: 4 + 0 of 10; the pinned workload is down.
    expect(cell('two', 'r1-b')).toMatchObject({ nodesLeft: 4, nodesMax: 10, capacityLeft: 0.4 });
    expect(cell('two', 'r1-b')).toMatchObject({ carriesBaseline: false, shortOfBaseline: ['pinned'] });
    expect(cell('two', 'r1-a')).toMatchObject({ nodesLeft: 6, nodesMax: 10, carriesBaseline: true });
    expect(cell('two', 'r1-c')).toMatchObject({ spans: false, nodesLeft: 10, capacityLeft: 1 });
  });

  it('leaves nothing of a single-zone cluster, whose workloads are then short of baseline', () => {
    expect(cell('solo', 'r1-c')).toMatchObject({
      spans: true,
      nodesLeft: 0,
      capacityLeft: 0,
      carriesBaseline: false,
      carriesBurst: false,
      shortOfBaseline: ['ledger'],
      shortOfBurst: ['ledger'],
    });
    expect(cell('solo', 'r1-c').message).toContain('1 workload not even its baseline: ledger.');
    expect(row('solo').intact).toEqual({
      carriesBaseline: true,
      carriesBurst: true,
      shortOfBaseline: [],
      shortOfBurst: [],
    });
  });

  it('counts a fleet in instances: 4 of 6 left, 200 Gbps carries the baseline but not a 300 Gbps burst', () => {
    expect(cell('edge', 'r1-a')).toMatchObject({
      nodesLeft: 4,
      nodesMax: 6,
      carriesBaseline: true,
      carriesBurst: false,
      shortOfBurst: ['stream'],
    });
    expect(cell('edge', 'r1-a').message).toContain('of its instances (4 of 6)');
    expect(row('edge').intact.carriesBurst).toBe(true);
  });

  it('agrees with analyzeFailure on each workload it judges', () => {
    for (const zone of region.zones) {
      const impact = analyzeFailure(doc, `zone:${zone.id}`, catalog);
      for (const r of region.rows) {
        const c = r.cells.find((x) => x.zoneId === zone.id)!;
        for (const id of r.workloadIds) {
          const w = impact.workloads.find((x) => x.workloadId === id)!;
          expect(c.shortOfBaseline.includes(id)).toBe(!w.carriesBaseline);
          expect(c.shortOfBurst.includes(id)).toBe(!w.carriesBurst);
        }
      }
    }
  });

  it('returns the same matrix object for the same document', () => {
    expect(zoneLossMatrix(doc, catalog)).toBe(matrix);
  });
});

describe('zoneLossMatrix: the OTT template', () => {
  const doc = TopologyDocumentSchema.parse(ottTemplate());
  const matrix = zoneLossMatrix(doc, catalog);

  it('has every cluster and fleet of every region against its three AZs', () => {
    expect(matrix.regions.map((r) => r.regionId)).toEqual(['euw1', 'use1', 'usw2']);
    for (const region of matrix.regions) {
      expect(region.zones).toHaveLength(3);
      expect(region.rows.filter((r) => r.kind === 'cluster')).toHaveLength(3);
      expect(region.rows.filter((r) => r.kind === 'fleet')).toHaveLength(1);
    }
  });

  it('matches the N+1 report of the summary at each cluster\u2019s worst zone', () => {
    const summary = summarizeBlastRadius(doc, catalog);
    const rows = matrix.regions.flatMap((r) => r.rows);
    for (const report of summary.zoneSurvivability) {
      const cell = rows
        .find((r) => r.elementId === report.clusterId)!
        .cells.find((c) => c.zoneId === report.worstZoneId)!;
      expect(cell.capacityLeft).toBe(report.nodeShareLeft);
      expect(cell.carriesBaseline).toBe(report.carriesBaseline);
      expect(cell.carriesBurst).toBe(report.carriesBurst);
      expect(cell.shortOfBurst).toEqual(
        report.workloads
          .filter((w) => !w.carriesBurst)
          .map((w) => w.workloadId)
          .sort(),
      );
    }
  });
});
