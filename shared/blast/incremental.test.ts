// Re-analysis after an edit reuses what the edit did not touch; these tests hold it to the only standard
// that matters: after any sequence of edits, the summary (and the capacity model and failure reports it
// shares) deep-equals a fresh analysis of a `structuredClone` of the same document, which shares no object
// with anything analysed before and so gets no reuse at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/types';
import type { Command } from '../model/commands';
import { executeCommand } from '../model/commands';
import type { TopologyDocument } from '../model/schema';
import { docBuilder, platformBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { capacityModel } from './capacity';
import { analyzeFailure } from './impact';
import { structureOf } from './structure';
import { summarizeBlastRadius } from './summary';
import type { BlastSummary, FailureImpact } from './types';

const REGION_CODES = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
const LETTERS = ['a', 'b', 'c'] as const;
const TYPES = [['m6i.xlarge'], ['m6i.2xlarge', 'm6a.2xlarge', 'm7i.2xlarge'], ['c6i.4xlarge', 'm6i.4xlarge']];

const workloadArb = fc.record({
  pool: fc.nat(),
  free: fc.boolean(),
  job: fc.boolean(),
  hpa: fc.option(fc.record({ min: fc.integer({ min: 1, max: 3 }), extra: fc.nat({ max: 12 }) })),
  replicas: fc.integer({ min: 1, max: 6 }),
  demand: fc.option(
    fc.record({
      unit: fc.constantFrom('rps', 'sessions'),
      baseline: fc.integer({ min: 0, max: 4000 }),
      burst: fc.integer({ min: 1, max: 4 }),
      perReplica: fc.integer({ min: 50, max: 400 }),
    }),
  ),
  userFacing: fc.boolean(),
  stateful: fc.boolean(),
  cpu: fc.constantFrom(0.25, 0.5, 1, 2),
  tolerate: fc.boolean(),
});

const planArb = fc.record({
  regions: fc.array(
    fc.record({
      zones: fc.integer({ min: 1, max: 3 }),
      fleet: fc.boolean(),
      clusters: fc.array(
        fc.record({
          zones: fc.integer({ min: 1, max: 3 }),
          singleNat: fc.boolean(),
          pools: fc.array(
            fc.record({
              gpu: fc.boolean(),
              ownZones: fc.boolean(),
              spot: fc.integer({ min: 0, max: 100 }),
              taint: fc.boolean(),
              max: fc.integer({ min: 1, max: 6 }),
              limit: fc.option(fc.integer({ min: 4, max: 64 })),
              types: fc.nat({ max: TYPES.length - 1 }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          workloads: fc.array(workloadArb, { maxLength: 4 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  dependencies: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 10 }),
});

type Plan = typeof planArb extends fc.Arbitrary<infer T> ? T : never;
type WorkloadPlan = typeof workloadArb extends fc.Arbitrary<infer T> ? T : never;

const TAINT = { key: 'dedicated', value: 'x', effect: 'NoSchedule' } as const;

function workloadFields(plan: WorkloadPlan, gpu: boolean) {
  const kind = plan.job ? ('job' as const) : ('service' as const);
  return {
    kind,
    ...(kind === 'job' ? { job: { completions: 20, parallelism: plan.replicas } } : {}),
    ...(kind === 'service' && plan.hpa
      ? {
          autoscaling: {
            minReplicas: plan.hpa.min,
            maxReplicas: plan.hpa.min + plan.hpa.extra,
            targetCpuPercent: 60,
          },
        }
      : kind === 'service'
        ? { replicas: plan.replicas }
        : {}),
    resources: { cpu: plan.cpu, memoryGiB: plan.cpu * 2, gpu: gpu ? 1 : 0 },
    ...(plan.demand
      ? {
          demand: {
            unit: plan.demand.unit,
            baseline: plan.demand.baseline,
            burstFactor: plan.demand.burst,
            perReplica: plan.demand.perReplica,
          },
        }
      : {}),
    userFacing: plan.userFacing,
    stateful: plan.stateful,
    ...(plan.tolerate ? { tolerations: [{ key: 'dedicated', operator: 'Exists' as const }] } : {}),
  };
}

function buildDocument(plan: Plan): TopologyDocument {
  const b = docBuilder('Random blast');
  const workloads: string[] = [];
  plan.regions.forEach((region, r) => {
    const id = `r${r}`;
    const zones = LETTERS.slice(0, region.zones);
    b.region(id, REGION_CODES[r]!, { zones: [...zones] });
    if (region.fleet) {
      b.fleet(`${id}-edge`, { region: id }).workload(`${id}-stream`, {
        fleet: `${id}-edge`,
        demand: { unit: 'gbps', baseline: 40, burstFactor: 2, perReplica: 30 },
        userFacing: true,
      });
      workloads.push(`${id}-stream`);
    }
    region.clusters.forEach((cluster, c) => {
      const clusterId = `${id}-c${c}`;
      const clusterZones = zones.slice(0, Math.min(cluster.zones, zones.length));
      b.cluster(clusterId, {
        region: id,
        zones: [...clusterZones],
        natGateways: cluster.singleNat ? 'single' : 'per-az',
      });
      const pools = cluster.pools.map((pool, p) => {
        const poolId = `${clusterId}-p${p}`;
        b.pool(poolId, {
          cluster: clusterId,
          ...(pool.gpu ? { role: 'gpu' } : { instanceTypes: TYPES[pool.types]! }),
          ...(pool.ownZones ? { zones: [clusterZones[0]!] } : {}),
          capacity: pool.spot > 50 ? { spotAllowed: true, spotPercent: pool.spot } : undefined,
          nodesPerAz: { min: 1, desired: 1, max: pool.max },
          ...(pool.limit !== null ? { limits: { vcpu: pool.limit } } : {}),
          ...(pool.taint ? { taints: [TAINT] } : {}),
        });
        return { id: poolId, gpu: pool.gpu };
      });
      cluster.workloads.forEach((workload, w) => {
        const pool = pools[workload.pool % pools.length]!;
        const id = `${clusterId}-w${w}`;
        const fields = workloadFields(workload, pool.gpu && !workload.free);
        if (workload.free) b.workload(id, { cluster: clusterId, ...fields });
        else b.workload(id, { pool: pool.id, ...fields });
        workloads.push(id);
      });
    });
  });
  const pairs = new Set<string>();
  plan.dependencies.forEach(([from, to, soft], i) => {
    if (workloads.length < 2) return;
    const a = workloads[from % workloads.length]!;
    const z = workloads[to % workloads.length]!;
    if (a === z || pairs.has(`${a}>${z}`)) return;
    pairs.add(`${a}>${z}`);
    b.dependency(`dep-${i}`, a, z, { type: soft ? 'soft' : 'hard' });
  });
  return b.build();
}

const OPS = [
  'poolMax',
  'poolDesired',
  'poolSpot',
  'poolTaint',
  'poolTypes',
  'poolLimits',
  'poolGpu',
  'addPool',
  'deletePool',
  'addCluster',
  'deleteCluster',
  'deleteZone',
  'hpa',
  'replicas',
  'baseline',
  'userFacing',
  'addWorkload',
  'deleteWorkload',
  'connect',
  'disconnect',
  'moveWorkload',
  'movePool',
  'fleet',
  'nat',
  'zoneName',
  'settings',
  'metadata',
  'layout',
  'undo',
] as const;

const stepArb = fc.record({
  op: fc.constantFrom(...OPS),
  a: fc.nat(),
  b: fc.nat(),
  n: fc.nat({ max: 40 }),
  workload: workloadArb,
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length ? list[n % list.length] : undefined;

/** A random step as a command on the document's current elements (undefined when it does not apply). */
function toCommand(doc: TopologyDocument, step: Step): Command | undefined {
  const { spec } = doc;
  const { a, b, n } = step;
  const pool = pick(spec.nodePools, a);
  const workload = pick(
    spec.workloads.filter((w) => w.kind !== 'dpdk-service'),
    a,
  );
  switch (step.op) {
    case 'poolMax': {
      if (!pool) return undefined;
      const max = 1 + (n % 8);
      const min = Math.min(pool.nodesPerAz.min, max);
      const desired = Math.min(Math.max(pool.nodesPerAz.desired, min), max);
      return { type: 'update', id: pool.id, changes: { nodesPerAz: { min, desired, max } } };
    }
    case 'poolDesired': {
      if (!pool) return undefined;
      const { min, max } = pool.nodesPerAz;
      return {
        type: 'update',
        id: pool.id,
        changes: { nodesPerAz: { min, max, desired: min + (n % (max - min + 1)) } },
      };
    }
    case 'poolSpot':
      return pool
        ? {
            type: 'update',
            id: pool.id,
            changes: {
              capacity: n % 3 ? { spotAllowed: true, spotPercent: (n * 7) % 101 } : { spotAllowed: false },
            },
          }
        : undefined;
    case 'poolTaint':
      return pool
        ? { type: 'update', id: pool.id, changes: { taints: pool.taints.length ? [] : [TAINT] } }
        : undefined;
    case 'poolTypes':
      return pool && !pool.gpu
        ? { type: 'update', id: pool.id, changes: { instanceTypes: TYPES[n % TYPES.length] } }
        : undefined;
    case 'poolLimits':
      return pool
        ? { type: 'update', id: pool.id, changes: { limits: n % 4 ? { vcpu: n + 4 } : null } }
        : undefined;
    case 'poolGpu':
      if (!pool) return undefined;
      if (pool.gpu) {
        return {
          type: 'update',
          id: pool.id,
          changes: { role: 'general', gpu: null, instanceTypes: TYPES[n % 3] },
        };
      }
      // A batch pool may carry GPUs on the same instance types: only its GPU-ness changes.
      return n % 2
        ? { type: 'update', id: pool.id, changes: { role: 'batch', gpu: { model: 'A10G', countPerNode: 1 } } }
        : {
            type: 'update',
            id: pool.id,
            changes: { role: 'gpu', gpu: { model: 'A10G', countPerNode: 1 }, instanceTypes: ['g5.xlarge'] },
          };
    case 'addPool': {
      const cluster = pick(spec.clusters, b);
      if (!cluster) return undefined;
      return {
        type: 'add',
        kind: 'nodePool',
        element: {
          id: `${n % 2 ? 'a' : 'z'}-pool-${a % 6}`,
          name: 'added',
          cluster: cluster.id,
          role: 'general',
          provisioner: 'karpenter',
          instanceTypes: TYPES[n % 3],
          nodesPerAz: { min: 0, desired: 1, max: 1 + (n % 4) },
          ...(n % 3 === 0 ? { zones: [cluster.zones[0]] } : {}),
        },
      };
    }
    case 'deletePool':
      return pool ? { type: 'delete', ids: [pool.id] } : undefined;
    case 'addCluster': {
      const region = pick(spec.regions, b);
      if (!region) return undefined;
      const zones = spec.zones.filter((z) => z.region === region.id).map((z) => z.id);
      if (!zones.length) return undefined;
      return {
        type: 'batch',
        label: 'add cluster',
        commands: [
          {
            type: 'add',
            kind: 'cluster',
            element: {
              id: `${n % 2 ? 'a' : 'z'}-cl-${a % 4}`,
              name: 'added',
              region: region.id,
              role: 'api',
              kubernetesVersion: '1.31',
              zones: zones.slice(0, 1 + (n % zones.length)),
              network: { vpcCidr: `10.${100 + (a % 100)}.0.0/16`, serviceCidr: '172.20.0.0/16' },
            },
          },
          ...(n % 3 === 0
            ? []
            : [
                {
                  type: 'add' as const,
                  kind: 'nodePool' as const,
                  element: {
                    id: `${n % 2 ? 'a' : 'z'}-cl-${a % 4}-pool`,
                    name: 'added',
                    cluster: `${n % 2 ? 'a' : 'z'}-cl-${a % 4}`,
                    role: 'general',
                    provisioner: 'karpenter',
                    instanceTypes: TYPES[n % 3],
                    nodesPerAz: { min: 0, desired: 1, max: 2 },
                  },
                },
              ]),
        ],
      };
    }
    case 'deleteCluster': {
      const cluster = pick(spec.clusters, a);
      return cluster ? { type: 'delete', ids: [cluster.id] } : undefined;
    }
    case 'deleteZone': {
      const zone = pick(spec.zones, a);
      return zone ? { type: 'delete', ids: [zone.id] } : undefined;
    }
    case 'hpa':
      if (!workload?.autoscaling) return undefined;
      return {
        type: 'update',
        id: workload.id,
        changes: {
          autoscaling: { ...workload.autoscaling, maxReplicas: workload.autoscaling.minReplicas + (n % 12) },
        },
      };
    case 'replicas':
      if (!workload || workload.kind !== 'service') return undefined;
      return workload.autoscaling
        ? { type: 'update', id: workload.id, changes: { autoscaling: null, replicas: 1 + (n % 6) } }
        : { type: 'update', id: workload.id, changes: { replicas: 1 + (n % 6) } };
    case 'baseline': {
      const target = pick(spec.workloads, a);
      if (!target) return undefined;
      const demand = target.demand ?? { unit: 'rps' as const, burstFactor: 2, perReplica: 100 };
      return { type: 'update', id: target.id, changes: { demand: { ...demand, baseline: n * 100 } } };
    }
    case 'userFacing': {
      const target = pick(spec.workloads, a);
      return target
        ? { type: 'update', id: target.id, changes: { userFacing: !target.userFacing } }
        : undefined;
    }
    case 'addWorkload': {
      const host = pick([...spec.nodePools, ...spec.clusters, ...spec.fleets], b);
      if (!host) return undefined;
      if ('instancesPerAz' in host) {
        return {
          type: 'add',
          kind: 'workload',
          element: {
            id: `new-w${a % 12}`,
            name: 'stream',
            kind: 'dpdk-service',
            fleet: host.id,
            demand: { unit: 'gbps', baseline: 10 + n, burstFactor: 2, perReplica: 30 },
            userFacing: n % 2 === 0,
          },
        };
      }
      const onPool = 'provisioner' in host;
      const cluster = onPool ? host.cluster : host.id;
      return {
        type: 'add',
        kind: 'workload',
        element: {
          id: `new-w${a % 12}`,
          name: `new ${a % 12}`,
          cluster,
          ...(onPool ? { nodePool: host.id } : {}),
          ...workloadFields(step.workload, onPool && host.gpu !== undefined && n % 2 === 0),
        },
      };
    }
    case 'deleteWorkload': {
      const target = pick(spec.workloads, a);
      return target ? { type: 'delete', ids: [target.id] } : undefined;
    }
    case 'connect': {
      const from = pick(spec.workloads, a);
      const to = pick(spec.workloads, b);
      if (!from || !to || from.id === to.id) return undefined;
      return {
        type: 'connect',
        dependency: {
          id: `dep-${from.id}-${to.id}`,
          from: from.id,
          to: to.id,
          type: n % 2 ? 'hard' : 'soft',
        },
      };
    }
    case 'disconnect': {
      const dependency = pick(spec.dependencies, a);
      return dependency ? { type: 'disconnect', id: dependency.id } : undefined;
    }
    case 'moveWorkload': {
      const host = pick([...spec.nodePools, ...spec.clusters], b);
      return workload && host ? { type: 'move', id: workload.id, parent: host.id } : undefined;
    }
    case 'movePool': {
      const cluster = pick(spec.clusters, b);
      return pool && cluster ? { type: 'move', id: pool.id, parent: cluster.id } : undefined;
    }
    case 'fleet': {
      const fleet = pick(spec.fleets, a);
      return fleet ? { type: 'update', id: fleet.id, changes: { instancesPerAz: 1 + (n % 5) } } : undefined;
    }
    case 'nat': {
      const cluster = pick(spec.clusters, a);
      return cluster
        ? {
            type: 'update',
            id: cluster.id,
            changes: { natGateways: cluster.natGateways === 'single' ? 'per-az' : 'single' },
          }
        : undefined;
    }
    case 'zoneName': {
      const zone = pick(spec.zones, a);
      const code = spec.regions.find((r) => r.id === zone?.region)?.code;
      if (!zone || !code) return undefined;
      return {
        type: 'update',
        id: zone.id,
        changes: { zoneName: `${code}${'defgh'[n % 5]}`, name: `zone ${n}` },
      };
    }
    case 'settings':
      return {
        type: 'settings',
        changes: { autoscaling: { ...spec.settings.autoscaling, hpaSyncSeconds: 5 + n } },
      };
    case 'metadata':
      return { type: 'metadata', changes: { name: `renamed ${n}` } };
    case 'layout': {
      const target = pick(spec.workloads, a);
      return target ? { type: 'layout', entries: { [target.id]: { x: n, y: -n } } } : undefined;
    }
    case 'undo':
      return undefined;
  }
}

interface Observed {
  readonly doc: TopologyDocument;
  readonly summary: BlastSummary;
  readonly impacts: readonly FailureImpact[];
  readonly model: unknown;
}

/** Runs the steps through the commands, analysing every document reached, incrementally. */
function runSteps(start: TopologyDocument, steps: readonly Step[], catalog: Catalog | undefined): Observed[] {
  const observed: Observed[] = [];
  const undo: Command[] = [];
  const observe = (doc: TopologyDocument, step: number) => {
    const summary = summarizeBlastRadius(doc, catalog);
    const ids = doc.spec.workloads.length ? [summary.domains[step % summary.domains.length]!.domain.id] : [];
    const impacts = ids.map((id) => analyzeFailure(doc, id, catalog));
    observed.push({ doc, summary, impacts, model: capacityModel(structureOf(doc), catalog) });
  };
  let doc = start;
  observe(doc, 0);
  steps.forEach((step, i) => {
    const command = step.op === 'undo' ? undo.pop() : toCommand(doc, step);
    if (!command) return;
    const result = executeCommand(doc, command);
    if (!result.ok) return;
    if (step.op !== 'undo') undo.push(result.inverse);
    doc = result.document;
    observe(doc, i + 1);
  });
  return observed;
}

/** Each observation against a fresh analysis of a copy that shares no object with anything analysed. */
function expectFresh(observed: readonly Observed[], catalog: Catalog | undefined): void {
  for (const { doc, summary, impacts, model } of observed) {
    const copy = structuredClone(doc);
    expect(summary).toStrictEqual(summarizeBlastRadius(copy, catalog));
    for (const impact of impacts)
      expect(impact).toStrictEqual(analyzeFailure(copy, impact.domain.id, catalog));
    expect(model).toEqual(capacityModel(structureOf(copy), catalog));
  }
}

describe('summarizeBlastRadius after edits equals a fresh analysis', () => {
  it('for random edit sequences on random documents', () => {
    fc.assert(
      fc.property(planArb, fc.array(stepArb, { maxLength: 14 }), fc.boolean(), (plan, steps, withCatalog) => {
        const catalog = withCatalog ? loadTestCatalog() : undefined;
        expectFresh(runSteps(buildDocument(plan), steps, catalog), catalog);
      }),
      { numRuns: 80 },
    );
  });

  it('for every kind of edit on a larger document', () => {
    const plan: Plan = {
      regions: [0, 1].map(() => ({
        zones: 3,
        fleet: true,
        clusters: [0, 1].map((c) => ({
          zones: 3 - c,
          singleNat: c === 1,
          pools: [0, 1, 2].map((p) => ({
            gpu: p === 2,
            ownZones: p === 1,
            spot: p === 0 ? 70 : 0,
            taint: p === 1,
            max: 3 + p,
            limit: p === 0 ? 24 : null,
            types: p % TYPES.length,
          })),
          workloads: Array.from({ length: 12 }, (_, w) => ({
            pool: w,
            free: w % 5 === 0,
            job: w % 7 === 6,
            hpa: w % 2 ? { min: 2, extra: w } : null,
            replicas: 1 + (w % 4),
            demand: w % 3 ? { unit: 'rps' as const, baseline: 300 * w, burst: 3, perReplica: 200 } : null,
            userFacing: w % 4 === 1,
            stateful: w % 6 === 2,
            cpu: 0.5,
            tolerate: w % 5 === 0,
          })),
        })),
      })),
      dependencies: Array.from(
        { length: 40 },
        (_, i) => [i * 7, i * 13 + 1, i % 3 === 0] as [number, number, boolean],
      ),
    };
    const doc = buildDocument(plan);
    const steps: Step[] = [...OPS, ...OPS].flatMap((op, i) =>
      [0, 1].map((k) => ({
        op,
        a: i * 5 + k * 11,
        b: i * 3 + k,
        n: i + k * 7,
        workload: plan.regions[0]!.clusters[0]!.workloads[k]!,
      })),
    );
    const catalog = loadTestCatalog();
    expectFresh(runSteps(doc, steps, catalog), catalog);
  });
});

describe('summarizeBlastRadius after edits: reads a domain makes without touching the element', () => {
  const catalog = loadTestCatalog();
  const check = (doc: TopologyDocument, commands: readonly Command[]) => {
    const observed: { doc: TopologyDocument; summary: BlastSummary }[] = [];
    let current = doc;
    observed.push({ doc: current, summary: summarizeBlastRadius(current, catalog) });
    for (const command of commands) {
      const result = executeCommand(current, command);
      if (!result.ok) throw new Error(result.error.message);
      current = result.document;
      observed.push({ doc: current, summary: summarizeBlastRadius(current, catalog) });
    }
    for (const { doc: each, summary } of observed) {
      expect(summary).toStrictEqual(summarizeBlastRadius(structuredClone(each), catalog));
    }
  };

  it('N+1: a zone reads the workloads of its clusters it does not touch', () => {
    // Losing zone b (pool wide-b, two workloads) is the cluster's worst zone; its N+1 rows hold `narrow`,
    // which runs in zone a only, with its capacity with nothing failed.
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b'] })
      .cluster('c1', { region: 'r1' })
      .pool('narrow-a', { cluster: 'c1', zones: ['a'] })
      .pool('wide-b', { cluster: 'c1', zones: ['b'] })
      .pool('spare-a', { cluster: 'c1', zones: ['a'] })
      .workload('narrow', { pool: 'narrow-a', replicas: 2 })
      .workload('y1', { pool: 'wide-b' })
      .workload('y2', { pool: 'wide-b' })
      .build();
    check(doc, [
      ...[3, 1, 5].map((replicas): Command => ({ type: 'update', id: 'narrow', changes: { replicas } })),
      // An empty pool outside the worst zone still counts in the share of nodes left.
      { type: 'update', id: 'spare-a', changes: { nodesPerAz: { min: 1, desired: 1, max: 9 } } },
    ]);
  });

  it('a zone touches every dpdk-service of a fleet spanning it, including one added later', () => {
    const doc = platformBuilder().build();
    check(doc, [
      {
        type: 'add',
        kind: 'workload',
        element: {
          id: 'stream-2',
          name: 'stream 2',
          kind: 'dpdk-service',
          fleet: 'edge',
          demand: { unit: 'gbps', baseline: 100, burstFactor: 2, perReplica: 40 },
        },
      },
      { type: 'delete', ids: ['stream'] },
    ]);
  });

  it('failure reports quote the new Karpenter limits when they change without changing the node count', () => {
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a'] })
      .cluster('c1', { region: 'r1' })
      .pool('p', { cluster: 'c1', nodesPerAz: { min: 1, desired: 1, max: 1 }, limits: { vcpu: 32 } })
      .workload('w', { pool: 'p', replicas: 1 })
      .build();
    summarizeBlastRadius(doc, catalog);
    analyzeFailure(doc, 'rollout:w', catalog);
    const result = executeCommand(doc, { type: 'update', id: 'p', changes: { limits: { vcpu: 33 } } });
    if (!result.ok) throw new Error(result.error.message);
    const after = result.document;
    expect(summarizeBlastRadius(after, catalog)).toStrictEqual(
      summarizeBlastRadius(structuredClone(after), catalog),
    );
    expect(analyzeFailure(after, 'rollout:w', catalog)).toStrictEqual(
      analyzeFailure(structuredClone(after), 'rollout:w', catalog),
    );
  });

  it('a workload that may use several pools reads the co-tenants of pools the domain does not hit', () => {
    // `free` may run on p and q; losing q leaves it p, whose room it shares with `pinned` in proportion to
    // what each asks at burst. Changing what `pinned` asks changes `free` under the loss of q only.
    const doc = docBuilder()
      .region('r1', 'us-east-1', { zones: ['a', 'b', 'c'] })
      .cluster('c1', { region: 'r1' })
      .pool('p', { cluster: 'c1', nodesPerAz: { min: 1, desired: 1, max: 1 } })
      .pool('q', { cluster: 'c1', nodesPerAz: { min: 1, desired: 1, max: 2 } })
      .workload('free', {
        cluster: 'c1',
        autoscaling: { minReplicas: 1, maxReplicas: 8, targetCpuPercent: 50 },
        demand: { unit: 'rps', baseline: 400, burstFactor: 2, perReplica: 100 },
        resources: { cpu: 1, memoryGiB: 2 },
        userFacing: true,
      })
      .workload('pinned', {
        pool: 'p',
        autoscaling: { minReplicas: 1, maxReplicas: 2, targetCpuPercent: 50 },
        demand: { unit: 'rps', baseline: 100, burstFactor: 2, perReplica: 100 },
        resources: { cpu: 1, memoryGiB: 2 },
      })
      .build();
    check(
      doc,
      [6, 12, 3, 9].map((maxReplicas) => ({
        type: 'update',
        id: 'pinned',
        changes: { autoscaling: { minReplicas: 1, maxReplicas, targetCpuPercent: 50 } },
      })),
    );
  });
});

describe('summarizeBlastRadius reuses what an edit does not touch', () => {
  const catalog = loadTestCatalog();
  const edit = (doc: TopologyDocument, command: Command) => {
    const result = executeCommand(doc, command);
    if (!result.ok) throw new Error(result.error.message);
    return result.document;
  };

  it('returns the same summary after a layout, metadata or settings edit', () => {
    const doc = platformBuilder().build();
    const before = summarizeBlastRadius(doc, catalog);
    const moved = edit(doc, { type: 'layout', entries: { catalog: { x: 1, y: 2 } } });
    expect(summarizeBlastRadius(moved, catalog)).toBe(before);
    const renamed = edit(moved, { type: 'metadata', changes: { name: 'Renamed' } });
    expect(summarizeBlastRadius(renamed, catalog)).toBe(before);
    const tuned = edit(renamed, {
      type: 'settings',
      changes: { autoscaling: { ...doc.spec.settings.autoscaling, hpaSyncSeconds: 30 } },
    });
    expect(summarizeBlastRadius(tuned, catalog)).toBe(before);
  });

  it('keeps the scores of domains an edit cannot reach', () => {
    const doc = platformBuilder().build();
    const before = summarizeBlastRadius(doc, catalog);
    const smaller = edit(doc, {
      type: 'update',
      id: 'batch-pool',
      changes: { nodesPerAz: { min: 1, desired: 1, max: 1 } },
    });
    const after = summarizeBlastRadius(smaller, catalog);
    const byId = (summary: BlastSummary) => new Map(summary.domains.map((d) => [d.domain.id, d]));
    const [old, now] = [byId(before), byId(after)];
    expect(now.get('zone:use1-a')).toBe(old.get('zone:use1-a'));
    expect(now.get('rollout:catalog')).toBe(old.get('rollout:catalog'));
    expect(now.get('pool:batch-pool')).not.toBe(old.get('pool:batch-pool'));
    expect(after).toStrictEqual(summarizeBlastRadius(structuredClone(smaller), catalog));
  });
});
