import { describe, expect, it } from 'vitest';
import { docBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { listFailureDomains } from './domains';
import { analyzeFailure } from './impact';
import type { FailureImpact, WorkloadImpact } from './types';

const byId = (impact: FailureImpact, id: string): WorkloadImpact => {
  const found = impact.workloads.find((w) => w.workloadId === id);
  if (!found) throw new Error(`no workload ${id}`);
  return found;
};

/**
 * Region r1 (zones a-c), cluster c1 with two pools of m6i.xlarge (no catalog: 4 vCPU, 16 GiB, 110 pods by
 * the name estimate), 2 nodes per AZ at most = 6 nodes each. Each pool runs one workload with 1 CPU / 2 GiB
 * requests, so 4 replicas per node and room for 24 replicas; HPA max 20 x 100 rps = 2,000 rps.
 */
function azDoc() {
  const hpa = { minReplicas: 2, maxReplicas: 20, targetCpuPercent: 50 };
  return docBuilder()
    .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
    .cluster('c1', { region: 'r1' })
    .pool('p-web', { cluster: 'c1', nodesPerAz: { min: 1, desired: 1, max: 2 } })
    .pool('p-worker', { cluster: 'c1', nodesPerAz: { min: 1, desired: 1, max: 2 } })
    .workload('web', {
      pool: 'p-web',
      autoscaling: hpa,
      resources: { cpu: 1, memoryGiB: 2 },
      demand: { unit: 'rps', baseline: 400, burstFactor: 4, perReplica: 100 },
      userFacing: true,
    })
    .workload('worker', {
      pool: 'p-worker',
      autoscaling: hpa,
      resources: { cpu: 1, memoryGiB: 2 },
      demand: { unit: 'rps', baseline: 400, burstFactor: 5, perReplica: 100 },
      userFacing: true,
    })
    .build();
}

describe('analyzeFailure: zone loss', () => {
  it('leaves 4 of 6 nodes per pool; survivors scale to the room left', () => {
    const impact = analyzeFailure(azDoc(), 'zone:r1-a');
    const web = byId(impact, 'web');
    expect(web.capacity.pools[0]).toMatchObject({
      nodesIntact: 6,
      nodesSurviving: 4,
      podsPerNode: 4,
      roomReplicas: 16,
      coTenantNodes: 0,
    });
    // Intact: min(HPA max 20, room 24) = 20 replicas = 2,000 rps; after: min(20, 16) = 16 = 1,600 rps.
    expect(web.capacity).toMatchObject({
      capacityIntact: 2000,
      replicasAfter: 16,
      capacity: 1600,
      burst: 1600,
      limitedBy: 'pool-room',
    });
    expect(web.capacityLost).toBeCloseTo(0.2, 10);
    expect(web).toMatchObject({ status: 'ok', carriesBaseline: true, carriesBurst: true, changed: false });
    // At baseline the HPA runs ceil(400 / (100 x 50%)) = 8 replicas; a third of them (ceil(8/3) = 3) die with the zone.
    expect(web.capacity.replicasBefore).toBe(8);
    expect(web.capacity.replicasAtOnce).toBe(5);
    expect(web.capacity.rule).toBe('16 replicas (room on the surviving pool) x 100 rps = 1,600 rps');

    const worker = byId(impact, 'worker');
    expect(worker).toMatchObject({
      status: 'degraded',
      carriesBaseline: true,
      carriesBurst: false,
      changed: true,
    });
    expect(worker.capacity.capacity).toBe(1600);
    expect(worker.capacity.burst).toBe(2000);
    expect(worker.shortfall).toBeCloseTo(0.2, 10);
    expect(worker.reason).toContain('carries 1,600 of 2,000 rps at burst (80%)');
  });

  it('lists the zone as failed and the cluster, pools as partly lost', () => {
    const impact = analyzeFailure(azDoc(), 'zone:r1-a');
    expect(impact.failed).toEqual([{ id: 'r1-a', kind: 'zone' }]);
    expect(impact.partial.map((p) => [p.kind, p.id, p.shareLost])).toEqual([
      ['cluster', 'c1', 1 / 3],
      ['nodePool', 'p-web', 1 - 4 / 6],
      ['nodePool', 'p-worker', 1 - 4 / 6],
    ]);
    // Two user-facing rps workloads of equal baseline weigh 0.5 each; worker loses 20% of its burst.
    expect(impact.userTraffic.byFailure).toBeCloseTo(0.1, 6);
    expect(impact.counts).toMatchObject({ ok: 1, degraded: 1, down: 0, newlyDegraded: 1, newlyDown: 0 });
    // 100 x (0.75 x 0.1 + 0.25 x (0.5 x 1) / 2) = 13.75 -> 13.8
    expect(impact.score).toBe(13.8);
  });

  it('sizes nodes from the catalog allocatable when a catalog is given', () => {
    const impact = analyzeFailure(azDoc(), 'zone:r1-a', loadTestCatalog());
    const pool = byId(impact, 'web').capacity.pools[0]!;
    // m6i.xlarge allocatable: 3.92 CPU, 13.83 GiB, 58 pods -> min(3, 6, 58) = 3 per node.
    expect(pool.podsPerNode).toBe(3);
    expect(pool.roomReplicas).toBe(12);
    expect(pool.podsPerNodeRule).toContain('floor(3.92 CPU / 1) = 3');
    expect(pool.podsPerNodeRule).toContain('catalog allocatable');
  });

  it('marks a stateful workload\u2019s replicas in the lost zone as stuck (zonal volumes)', () => {
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .cluster('c1', { region: 'r1' })
      .pool('p1', { cluster: 'c1' })
      .workload('db', {
        pool: 'p1',
        replicas: 9,
        stateful: true,
        demand: { unit: 'sessions', baseline: 100, burstFactor: 2, perReplica: 30 },
      })
      .workload('cache', {
        pool: 'p1',
        replicas: 9,
        demand: { unit: 'sessions', baseline: 100, burstFactor: 2, perReplica: 30 },
      })
      .build();
    const impact = analyzeFailure(doc, 'zone:r1-b');
    expect(byId(impact, 'db').capacity).toMatchObject({ replicasAtOnce: 6, replicasAfter: 6, capacity: 180 });
    expect(byId(impact, 'db').status).toBe('degraded');
    // A stateless Deployment is rescheduled onto the surviving zones.
    expect(byId(impact, 'cache').capacity).toMatchObject({
      replicasAtOnce: 6,
      replicasAfter: 9,
      capacity: 270,
    });
    expect(byId(impact, 'cache').status).toBe('ok');
  });
});

describe('analyzeFailure: co-tenants share a pool', () => {
  it('splits a pool that is too small in proportion to what each asks at burst', () => {
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .cluster('c1', { region: 'r1' })
      .pool('p1', { cluster: 'c1', nodesPerAz: { min: 1, desired: 1, max: 2 } })
      .workload('web', {
        pool: 'p1',
        autoscaling: { minReplicas: 2, maxReplicas: 20, targetCpuPercent: 50 },
        resources: { cpu: 1, memoryGiB: 2 },
        demand: { unit: 'rps', baseline: 500, burstFactor: 4, perReplica: 100 },
      })
      .workload('api', { pool: 'p1', replicas: 3, resources: { cpu: 2, memoryGiB: 4 } })
      .build();
    const impact = analyzeFailure(doc, 'rollout:api');
    // web asks min(20, ceil(2000 / 50)) = 20 replicas / 4 per node = 5 nodes; api asks 3 / 2 = 1.5 nodes.
    // 6.5 > 6 nodes: web gets floor(4 x 6 x 5 / 6.5) = 18 replicas even while api crash-loops.
    const web = byId(impact, 'web');
    expect(web.capacity.pools[0]).toMatchObject({ coTenantNodes: 1.5, roomReplicas: 18 });
    expect(web.capacity.capacity).toBe(1800);
    expect(web.status).toBe('degraded');
    expect(byId(impact, 'api')).toMatchObject({
      status: 'down',
      cause: { kind: 'failed', elementId: 'api' },
    });
  });
});

/** front -hard-> api -soft-> recs, all without demand (judged on replicas). */
function chainDoc() {
  return docBuilder()
    .region('r1', 'us-east-1', { zones: ['a', 'b'] })
    .cluster('c1', { region: 'r1' })
    .pool('p1', { cluster: 'c1' })
    .workload('front', { pool: 'p1' })
    .workload('api', { pool: 'p1' })
    .workload('recs', { pool: 'p1' })
    .dependency('front-api', 'front', 'api')
    .dependency('api-recs', 'api', 'recs', { type: 'soft' })
    .build();
}

describe('analyzeFailure: dependencies', () => {
  it('a soft dependency on a down workload degrades; a hard one on a degraded one degrades', () => {
    const impact = analyzeFailure(chainDoc(), 'rollout:recs');
    expect(byId(impact, 'recs')).toMatchObject({ status: 'down', shortfall: 1 });
    expect(byId(impact, 'api')).toMatchObject({
      status: 'degraded',
      shortfall: 0.25,
      cause: { kind: 'soft-dependency', workloadId: 'recs' },
    });
    expect(byId(impact, 'api').reason).toContain('soft dependency on recs (recs), which is down');
    expect(byId(impact, 'front')).toMatchObject({
      status: 'degraded',
      shortfall: 0.25,
      cause: { kind: 'hard-dependency', workloadId: 'api' },
    });
  });

  it('a hard dependency on a down workload takes the caller down', () => {
    const impact = analyzeFailure(chainDoc(), 'rollout:api');
    expect(byId(impact, 'front')).toMatchObject({ status: 'down', cause: { kind: 'hard-dependency' } });
    expect(byId(impact, 'recs')).toMatchObject({ status: 'ok', changed: false });
  });

  it('terminates on dependency cycles and still propagates through them', () => {
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b'] })
      .cluster('c1', { region: 'r1' })
      .pool('p1', { cluster: 'c1' })
      .workload('a', { pool: 'p1' })
      .workload('b', { pool: 'p1' })
      .workload('c', { pool: 'p1' })
      .workload('x', { pool: 'p1' })
      .workload('y', { pool: 'p1' })
      .dependency('a-b', 'a', 'b')
      .dependency('b-a', 'b', 'a')
      .dependency('c-a', 'c', 'a', { type: 'soft' })
      .dependency('x-y', 'x', 'y', { type: 'soft' })
      .dependency('y-x', 'y', 'x', { type: 'soft' })
      .build();
    const hard = analyzeFailure(doc, 'rollout:a');
    expect(byId(hard, 'b').status).toBe('down');
    expect(byId(hard, 'c')).toMatchObject({ status: 'degraded', shortfall: 0.25 });
    const soft = analyzeFailure(doc, 'rollout:x');
    expect(byId(soft, 'x').status).toBe('down');
    expect(byId(soft, 'y')).toMatchObject({ status: 'degraded', shortfall: 0.25 });
    for (const domain of listFailureDomains(doc)) expect(() => analyzeFailure(doc, domain.id)).not.toThrow();
  });
});

describe('analyzeFailure: fleets, spot waves and rollouts', () => {
  const platform = () =>
    docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .cluster('api', { region: 'r1' })
      .pool('spot', {
        cluster: 'api',
        zones: ['a', 'b'],
        instanceTypes: ['m6i.xlarge', 'm6a.xlarge'],
        capacity: { spotAllowed: true, spotPercent: 70 },
        nodesPerAz: { min: 1, desired: 2, max: 5 },
      })
      .workload('catalog', {
        pool: 'spot',
        autoscaling: { minReplicas: 2, maxReplicas: 30, targetCpuPercent: 70 },
        resources: { cpu: 1, memoryGiB: 2 },
        demand: { unit: 'rps', baseline: 1000, burstFactor: 2, perReplica: 100 },
        userFacing: true,
      })
      .cluster('ml', { region: 'r1' })
      .pool('gpu', { cluster: 'ml', role: 'gpu' })
      .pool('cpu', { cluster: 'ml' })
      .workload('recs', { pool: 'gpu', resources: { cpu: 2, memoryGiB: 8, gpu: 1 } })
      .workload('pers', { pool: 'gpu', resources: { cpu: 2, memoryGiB: 8, gpu: 1 } })
      .workload('batch', { pool: 'cpu' })
      .fleet('edge', { region: 'r1', instancesPerAz: 2 })
      .workload('stream', {
        fleet: 'edge',
        demand: { unit: 'gbps', baseline: 150, burstFactor: 2, perReplica: 50 },
        userFacing: true,
      })
      .build();

  it('a fleet loses the lost zone\u2019s instances: capacity = instances x perReplica', () => {
    const impact = analyzeFailure(platform(), 'zone:r1-c');
    const stream = byId(impact, 'stream');
    expect(stream.capacity.fleet).toEqual({
      fleetId: 'edge',
      instancesPerAz: 2,
      zones: 3,
      zonesSurviving: 2,
      instances: 4,
    });
    expect(stream.capacity).toMatchObject({ capacityIntact: 300, capacity: 200, burst: 300 });
    expect(stream).toMatchObject({ status: 'degraded', carriesBaseline: true, carriesBurst: false });
    expect(stream.shortfall).toBeCloseTo(1 / 3, 6);
    expect(impact.partial).toContainEqual(
      expect.objectContaining({ id: 'edge', kind: 'fleet', shareLost: 1 / 3 }),
    );
  });

  it('a fleet is never part of a Kubernetes failure domain', () => {
    for (const id of ['cluster:api', 'cluster:ml', 'spot:r1', 'pool:gpu']) {
      expect(byId(analyzeFailure(platform(), id), 'stream').changed).toBe(false);
    }
    expect(byId(analyzeFailure(platform(), 'fleet:edge'), 'stream').status).toBe('down');
  });

  it('a spot wave removes a 70% spot pool\u2019s spot share: 10 nodes -> 3', () => {
    const impact = analyzeFailure(platform(), 'spot:r1');
    const pool = byId(impact, 'catalog').capacity.pools[0]!;
    expect(pool).toMatchObject({ nodesIntact: 10, nodesSurviving: 3, podsPerNode: 4, roomReplicas: 12 });
    expect(pool.nodesRule).toContain('70% spot reclaimed');
    expect(byId(impact, 'catalog').capacity.capacity).toBe(1200);
    expect(byId(impact, 'catalog').shortfall).toBeCloseTo(0.4, 6);
    expect(impact.partial).toContainEqual(
      expect.objectContaining({ id: 'spot', kind: 'nodePool', shareLost: 0.7 }),
    );
  });

  it('a per-family spot wave takes that family\u2019s share of the spot nodes', () => {
    const domains = listFailureDomains(platform()).map((d) => d.id);
    expect(domains).toEqual(expect.arrayContaining(['spot:r1', 'spot:r1:m6a', 'spot:r1:m6i']));
    // m6i is 1 of 2 types: 70% x 1/2 = 35% of 10 nodes lost -> floor(6.5) = 6 nodes, room 24 replicas.
    const impact = analyzeFailure(platform(), 'spot:r1:m6i');
    expect(byId(impact, 'catalog').capacity.pools[0]).toMatchObject({ nodesSurviving: 6, roomReplicas: 24 });
    expect(byId(impact, 'catalog').status).toBe('ok');
  });

  it('a bad rollout of a GPU workload takes its GPU pool and the pool\u2019s other workloads', () => {
    const impact = analyzeFailure(platform(), 'rollout:recs');
    expect(impact.failed).toEqual([
      { id: 'gpu', kind: 'nodePool' },
      { id: 'pers', kind: 'workload' },
      { id: 'recs', kind: 'workload' },
    ]);
    expect(byId(impact, 'pers')).toMatchObject({
      status: 'down',
      cause: { kind: 'failed', elementId: 'gpu', elementKind: 'nodePool' },
    });
    expect(byId(impact, 'batch').changed).toBe(false);
    expect(impact.domain.rule).toContain('GPU pool gpu');
  });

  it('a bad rollout elsewhere fails only the workload', () => {
    const impact = analyzeFailure(platform(), 'rollout:batch');
    expect(impact.failed).toEqual([{ id: 'batch', kind: 'workload' }]);
  });

  it('a region loss fails its whole subtree', () => {
    const impact = analyzeFailure(platform(), 'region:r1');
    expect(impact.failed.filter((e) => e.kind !== 'workload').map((e) => e.id)).toEqual([
      'r1',
      'r1-a',
      'r1-b',
      'r1-c',
      'api',
      'ml',
      'cpu',
      'gpu',
      'spot',
      'edge',
    ]);
    expect(impact.workloads.every((w) => w.status === 'down')).toBe(true);
    expect(impact.userTraffic.byFailure).toBe(1);
  });

  it('is deterministic: the same input twice gives deep-equal reports for every domain', () => {
    for (const domain of listFailureDomains(platform())) {
      expect(analyzeFailure(platform(), domain.id, loadTestCatalog())).toEqual(
        analyzeFailure(platform(), domain.id, loadTestCatalog()),
      );
    }
  });

  it('refuses an unknown domain with a hint', () => {
    expect(() => analyzeFailure(platform(), 'zone:r1-d')).toThrow(
      /unknown failure domain "zone:r1-d"; did you mean/,
    );
  });
});
