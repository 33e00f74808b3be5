// Property tests for commands: random command sequences on random valid documents. Every success is
// undone by its inverse and redone by the inverse of that; a refusal changes nothing; no command
// introduces a schema or integrity error; and undoing the whole history gives back the first document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze, docBuilder } from '../test-support/builders';
import type { Command } from './commands';
import { CONTAINMENT, executeCommand } from './commands';
import type { ElementKind } from './elements';
import { KIND_ORDER, elementsOf, findElement } from './elements';
import { checkIntegrity } from './integrity';
import type { TopologyDocument } from './schema';
import { TopologyDocumentSchema } from './schema';

const REGION_CODES = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
const LETTERS = ['a', 'b', 'c'] as const;

/** The shape of a random document; ids are derived from positions so they never clash. */
const planArb = fc.record({
  regions: fc.array(
    fc.record({
      zones: fc.integer({ min: 1, max: 3 }),
      fleet: fc.boolean(),
      clusters: fc.array(
        fc.record({
          zones: fc.integer({ min: 1, max: 3 }),
          workloads: fc.nat({ max: 1 }),
          pools: fc.array(
            fc.record({ gpu: fc.boolean(), ownZones: fc.boolean(), workloads: fc.nat({ max: 2 }) }),
            { maxLength: 2 },
          ),
        }),
        { maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  dependencies: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 3 }),
  layout: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -500, max: 500 })), { maxLength: 3 }),
});

type Plan = typeof planArb extends fc.Arbitrary<infer T> ? T : never;

function buildDocument(plan: Plan): TopologyDocument {
  const b = docBuilder('Random');
  const workloads: string[] = [];
  plan.regions.forEach((region, r) => {
    const id = `r${r}`;
    const zones = LETTERS.slice(0, region.zones);
    b.region(id, REGION_CODES[r]!, { zones: [...zones] });
    if (region.fleet) {
      b.fleet(`${id}-edge`, { region: id }).workload(`${id}-stream`, { fleet: `${id}-edge` });
      workloads.push(`${id}-stream`);
    }
    region.clusters.forEach((cluster, c) => {
      const clusterId = `${id}-c${c}`;
      const clusterZones = zones.slice(0, Math.min(cluster.zones, zones.length));
      b.cluster(clusterId, { region: id, zones: [...clusterZones] });
      for (let w = 0; w < cluster.workloads; w++) {
        b.workload(`${clusterId}-w${w}`, { cluster: clusterId });
        workloads.push(`${clusterId}-w${w}`);
      }
      cluster.pools.forEach((pool, p) => {
        const poolId = `${clusterId}-p${p}`;
        b.pool(poolId, {
          cluster: clusterId,
          ...(pool.gpu ? { role: 'gpu' } : {}),
          ...(pool.ownZones ? { zones: [clusterZones[0]!] } : {}),
        });
        for (let w = 0; w < pool.workloads; w++) {
          const gpu = pool.gpu && w === 0 ? { resources: { cpu: 1, memoryGiB: 4, gpu: 1 } } : {};
          b.workload(`${poolId}-w${w}`, { pool: poolId, ...(w === 1 ? { kind: 'job' } : {}), ...gpu });
          workloads.push(`${poolId}-w${w}`);
        }
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
  const doc = b.build();
  const ids = KIND_ORDER.flatMap((kind) => elementsOf(doc, kind).map((e) => e.id));
  for (const [pick, x] of plan.layout) b.layout(ids[pick % ids.length]!, x, -x);
  return deepFreeze(b.build());
}

const stepArb = fc.record({
  op: fc.constantFrom(
    'addPool',
    'addWorkload',
    'update',
    'move',
    'delete',
    'layout',
    'connect',
    'disconnect',
    'settings',
    'metadata',
  ),
  a: fc.nat(),
  b: fc.nat(),
  n: fc.integer({ min: -1, max: 12 }),
  valid: fc.boolean(),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;
/** A step, or a batch of steps run as one command. */
const entryArb = fc.oneof(
  { weight: 5, arbitrary: stepArb.map((step) => [step]) },
  { weight: 1, arbitrary: fc.array(stepArb, { minLength: 2, maxLength: 4 }) },
);

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

const idsOf = (doc: TopologyDocument, ...kinds: ElementKind[]) =>
  kinds.flatMap((kind) => elementsOf(doc, kind).map((e) => e.id));

/** Turns a random step into a command on the document's current ids; about half are invalid. */
function toCommand(doc: TopologyDocument, s: Step): Command {
  const all = idsOf(doc, ...KIND_ORDER);
  const zones = idsOf(doc, 'zone');
  const nodes = { min: s.n, desired: s.valid ? s.n + 1 : s.n - 1, max: s.n + 1 + (s.b % 3) };
  switch (s.op) {
    case 'addPool': {
      const gpu = s.b % 3 === 0;
      return {
        type: 'add',
        kind: 'nodePool',
        element: {
          id: `new-p${s.a % 6}`,
          name: `pool ${s.b}`,
          cluster: pick(idsOf(doc, 'cluster', 'region'), s.a) ?? 'none',
          role: gpu ? 'gpu' : 'general',
          provisioner: s.b % 2 ? 'managed' : 'karpenter',
          instanceTypes: ['m6i.large'],
          nodesPerAz: nodes,
          ...(gpu && s.valid ? { gpu: { model: 'L4', countPerNode: 1 } } : {}),
          ...(s.b % 5 === 1 ? { zones: [pick(zones, s.b) ?? 'none'] } : {}),
        },
        ...(s.b % 4 === 0 ? { layout: { x: s.n, y: s.b % 100 } } : {}),
      };
    }
    case 'addWorkload': {
      const parent = findElement(doc, pick(idsOf(doc, 'nodePool', 'cluster', 'fleet'), s.a) ?? '');
      const kind = (['service', 'job', 'dpdk-service'] as const)[s.b % 3]!;
      const where =
        parent?.kind === 'nodePool'
          ? { nodePool: parent.element.id, cluster: (parent.element as { cluster: string }).cluster }
          : parent?.kind === 'fleet'
            ? { fleet: parent.element.id }
            : { cluster: parent?.element.id ?? 'none' };
      return {
        type: 'add',
        kind: 'workload',
        element: {
          id: `new-w${s.a % 6}`,
          name: `workload ${s.b}`,
          kind,
          ...where,
          ...(kind === 'dpdk-service'
            ? {}
            : { resources: { cpu: 0.25, memoryGiB: 1, gpu: s.n > 8 ? 1 : 0 } }),
          ...(kind === 'service' ? { replicas: s.n } : {}),
          ...(kind === 'job' ? { job: { completions: Math.max(1, s.n), parallelism: 2 } } : {}),
        },
      };
    }
    case 'update': {
      const found = findElement(doc, pick(all, s.a) ?? '');
      const id = found?.element.id ?? 'none';
      const name = { name: s.valid ? `renamed ${s.b}` : '' };
      switch (found?.kind) {
        case 'nodePool':
          return { type: 'update', id, changes: s.b % 2 ? { nodesPerAz: nodes } : { ...name, zones: null } };
        case 'cluster':
        case 'fleet':
          return { type: 'update', id, changes: { zones: zones.filter((_, i) => (s.b >> i) & 1) } };
        case 'workload':
          return { type: 'update', id, changes: s.b % 2 ? name : { replicas: s.n, notes: `n${s.n}` } };
        case 'dependency':
          return { type: 'update', id, changes: { type: s.valid ? 'soft' : 'weak' } };
        default:
          return { type: 'update', id, changes: s.b % 3 ? name : { id: `${id}-x` } };
      }
    }
    case 'move': {
      const id = pick(all, s.a) ?? 'none';
      // Valid steps pick a parent of an allowed kind, so moves get past the containment table.
      const kind = findElement(doc, id)?.kind;
      const parent = pick(s.valid && kind ? idsOf(doc, ...CONTAINMENT[kind].parents) : all, s.b) ?? 'none';
      // Zones of the parent region, or of the parent cluster's region.
      const region = (findElement(doc, parent)?.element as { region?: string } | undefined)?.region ?? parent;
      const regionZones = elementsOf(doc, 'zone')
        .filter((z) => z.region === region)
        .map((z) => z.id);
      return s.valid && s.a % 2 && regionZones.length
        ? { type: 'move', id, parent, zones: regionZones.slice(0, 1 + (Math.abs(s.n) % regionZones.length)) }
        : { type: 'move', id, parent };
    }
    case 'delete':
      return {
        type: 'delete',
        ids: [pick(all, s.a) ?? 'none', ...(s.valid ? [] : [pick(all, s.b) ?? 'none'])],
      };
    case 'layout': {
      const entry = s.n < 0 ? null : s.valid ? { x: s.n * 10, y: s.b % 500 } : { x: s.n, y: 0, width: 0 };
      return {
        type: 'layout',
        entries: { [pick(all, s.a) ?? 'none']: entry, [pick(all, s.b) ?? 'none']: entry },
      };
    }
    case 'connect': {
      const workloads = idsOf(doc, 'workload');
      return {
        type: 'connect',
        dependency: {
          id: `new-d${s.n % 4}`,
          from: pick(workloads, s.a) ?? 'none',
          to: pick(workloads, s.b) ?? 'none',
          type: s.valid ? 'hard' : 'soft',
        },
      };
    }
    case 'disconnect':
      return {
        type: 'disconnect',
        id: (s.valid ? pick(idsOf(doc, 'dependency'), s.a) : pick(all, s.a)) ?? 'none',
      };
    case 'settings':
      return {
        type: 'settings',
        changes: { hoursPerMonth: s.valid ? 700 + s.n : 800, currency: s.b % 2 ? 'EUR' : 'USD' },
      };
    case 'metadata':
      return {
        type: 'metadata',
        changes: { name: s.valid ? `design ${s.b % 3}` : '', owner: s.n % 2 ? null : 'team' },
      };
  }
}

/** The command of one history entry: a single step, or a batch built step by step on the same document. */
function entryCommand(doc: TopologyDocument, steps: readonly Step[], index: number): Command {
  if (steps.length === 1) return toCommand(doc, steps[0]!);
  return { type: 'batch', label: `Batch ${index}`, commands: steps.map((s) => toCommand(doc, s)) };
}

describe('commands, on random documents', () => {
  it('builds valid random documents', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const doc = buildDocument(plan);
        expect(checkIntegrity(doc).filter((p) => p.severity === 'error')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('undoes every success with its inverse, redoes it with the inverse’s inverse, and never breaks a document', () => {
    const outcomes = { ok: 0, noop: 0, refused: 0 };
    fc.assert(
      fc.property(planArb, fc.array(entryArb, { minLength: 1, maxLength: 12 }), (plan, entries) => {
        const first = buildDocument(plan);
        let doc = first;
        const history: Command[] = [];
        entries.forEach((steps, index) => {
          const command = entryCommand(doc, steps, index);
          const before = doc;
          const result = executeCommand(doc, command);
          if (!result.ok) {
            outcomes.refused++;
            expect(result.error.code).toMatch(/^model\./);
            expect(result.error.message).not.toBe('');
            return;
          }
          expect(result.code).not.toBe('');
          expect(result.label).not.toBe('');
          if (result.document === before) {
            outcomes.noop++;
            expect(result.inverse).toMatchObject({ type: 'restore', changes: [] });
            return;
          }
          outcomes.ok++;
          const next = deepFreeze(result.document);
          expect(TopologyDocumentSchema.parse(next)).toEqual(next);
          expect(checkIntegrity(next).filter((p) => p.severity === 'error')).toEqual([]);

          const undo = executeCommand(next, result.inverse);
          if (!undo.ok) throw new Error(`undo refused: ${undo.error.message}`);
          expect(undo.document).toEqual(before);
          expect([undo.code, undo.label]).toEqual([result.code, result.label]);
          const redo = executeCommand(deepFreeze(undo.document), undo.inverse);
          if (!redo.ok) throw new Error(`redo refused: ${redo.error.message}`);
          expect(redo.document).toEqual(next);

          history.push(result.inverse);
          doc = next;
        });
        for (const inverse of history.reverse()) {
          const undone = executeCommand(doc, inverse);
          if (!undone.ok) throw new Error(`undo refused: ${undone.error.message}`);
          doc = deepFreeze(undone.document);
        }
        expect(doc).toEqual(first);
      }),
      { numRuns: 150 },
    );
    console.log(outcomes);
    // The generator must exercise both paths, not refuse (or accept) everything.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });

  it('returns ok: false, never throws, for arbitrary values as commands', () => {
    const doc = buildDocument({
      regions: [{ zones: 2, fleet: true, clusters: [{ zones: 2, workloads: 1, pools: [] }] }],
      dependencies: [],
      layout: [],
    });
    const type = fc.constantFrom(
      'add',
      'update',
      'move',
      'delete',
      'connect',
      'disconnect',
      'layout',
      'settings',
      'metadata',
      'batch',
      'restore',
    );
    const garbageCommand = fc.oneof(
      fc.anything(),
      fc
        .dictionary(
          fc.constantFrom(
            'kind',
            'id',
            'ids',
            'parent',
            'changes',
            'element',
            'entries',
            'commands',
            'label',
            'code',
            'dependency',
          ),
          fc.anything(),
        )
        .chain((fields) => type.map((t) => ({ ...fields, type: t }))),
    );
    fc.assert(
      fc.property(garbageCommand, (command) => {
        const result = executeCommand(doc, command as Command);
        if (!result.ok) expect(result.error.code).toMatch(/^model\./);
      }),
      { numRuns: 200 },
    );
  });
});
