import { describe, expect, it } from 'vitest';
import type { Command } from '../model/commands';
import { executeCommand } from '../model/commands';
import type { TopologyDocument } from '../model/schema';
import { TopologyDocumentSchema } from '../model/schema';
import { TEMPLATES } from '../templates/templates';
import { deepFreeze, docBuilder, platformBuilder } from '../test-support/builders';
import { loadTestCatalog } from '../test-support/catalog';
import { BUILTIN_RULES } from './builtin';
import type { RuleRunStats } from './engine';
import { applyFix, compareDiagnostics, runRules } from './engine';
import { createRuleRegistry, defineRule } from './registry';
import type { Diagnostic } from './types';

const catalog = loadTestCatalog();

function apply(doc: TopologyDocument, command: Command): TopologyDocument {
  const result = executeCommand(doc, command);
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

const newStats = (): RuleRunStats => ({
  mode: 'full',
  elementsChecked: 0,
  elementsReused: 0,
  documentRulesRun: 0,
});

describe('ordering', () => {
  it('sorts by severity, then element id, then code, then path', () => {
    const d = (
      severity: Diagnostic['severity'],
      elementId: string,
      code: string,
      path: (string | number)[] = [],
    ) => ({ severity, elementId, code, path, message: '', fix: { label: '' } }) satisfies Diagnostic;
    const sorted = [
      d('info', 'a', 'x.a'),
      d('warning', 'b', 'x.a'),
      d('error', 'z', 'x.b'),
      d('warning', 'a', 'x.b', ['spec', 'nodePools', 10]),
      d('warning', 'a', 'x.b', ['spec', 'nodePools', 9]),
      d('error', 'z', 'x.a'),
    ].sort(compareDiagnostics);
    expect(sorted.map((x) => `${x.severity} ${x.elementId} ${x.code} ${x.path.join('.')}`)).toEqual([
      'error z x.a ',
      'error z x.b ',
      'warning a x.b spec.nodePools.9',
      'warning a x.b spec.nodePools.10',
      'warning b x.a ',
      'info a x.a ',
    ]);
  });

  it('gives the same list whatever order the document lists its elements in', () => {
    const doc = platformBuilder()
      .pool('old', { cluster: 'api', provisioner: 'managed', instanceTypes: ['p4d.24xlarge'] })
      .build();
    const reversed = {
      ...doc,
      spec: Object.fromEntries(
        Object.entries(doc.spec).map(([key, value]) => [
          key,
          Array.isArray(value) ? [...value].reverse() : value,
        ]),
      ),
    } as TopologyDocument;
    const forward = runRules(doc, catalog, { memoize: false });
    const backward = runRules(reversed, catalog, { memoize: false });
    expect(forward.length).toBeGreaterThan(3);
    expect(forward.map((d) => [d.severity, d.elementId, d.code])).toEqual(
      backward.map((d) => [d.severity, d.elementId, d.code]),
    );
    expect([...forward].sort(compareDiagnostics)).toEqual(forward);
    expect(runRules(doc, catalog, { memoize: false })).toEqual(forward);
    expect(forward[0]!.severity).toBe('error');
  });

  it('does not modify the document', () => {
    const doc = deepFreeze(platformBuilder().build());
    expect(() => runRules(doc, catalog, { memoize: false })).not.toThrow();
  });
});

describe('options', () => {
  it('leaves out disabled rules', () => {
    const doc = platformBuilder().build();
    const all = runRules(doc, catalog, { memoize: false });
    expect(all.some((d) => d.code === 'cluster.system-pool')).toBe(true);
    const some = runRules(doc, catalog, { memoize: false, disabled: ['cluster.system-pool'] });
    expect(some).toEqual(all.filter((d) => d.code !== 'cluster.system-pool'));
  });

  it('runs only the rules of the registry it is given', () => {
    const registry = createRuleRegistry([
      defineRule({
        id: 'test.every-cluster',
        severity: 'info',
        scope: 'cluster',
        title: 'Every cluster',
        description: 'Reports each cluster.',
        check: (cluster) => [{ path: ['name'], message: `cluster ${cluster.id}`, fix: { label: 'none' } }],
      }),
    ]);
    const doc = platformBuilder().build();
    expect(runRules(doc, catalog, { registry }).map((d) => [d.code, d.elementId, d.path.join('.')])).toEqual([
      ['test.every-cluster', 'api', 'spec.clusters.0.name'],
      ['test.every-cluster', 'batch', 'spec.clusters.1.name'],
      ['test.every-cluster', 'ml', 'spec.clusters.2.name'],
    ]);
  });

  it('re-runs a rule that read the settings when the settings change', () => {
    const registry = createRuleRegistry([
      defineRule({
        id: 'test.hours',
        severity: 'info',
        scope: 'cluster',
        title: 'Hours',
        description: 'Reads the settings.',
        check: (cluster, context) => [
          { message: `${cluster.id}: ${context.settings().hoursPerMonth} h`, fix: { label: 'none' } },
        ],
      }),
    ]);
    const doc = docBuilder()
      .region('use1', 'us-east-1', { zones: ['a'] })
      .cluster('api', { region: 'use1' })
      .build();
    expect(runRules(doc, catalog, { registry }).map((d) => d.message)).toEqual(['api: 730 h']);
    const changed = apply(doc, { type: 'settings', changes: { hoursPerMonth: 720 } });
    const stats = newStats();
    expect(runRules(changed, catalog, { registry, stats }).map((d) => d.message)).toEqual(['api: 720 h']);
    expect(stats).toEqual({
      mode: 'incremental',
      elementsChecked: 1,
      elementsReused: 0,
      documentRulesRun: 0,
    });
  });

  it('reports a rule that throws instead of failing the whole run', () => {
    const registry = createRuleRegistry([
      defineRule({
        id: 'test.broken',
        severity: 'error',
        scope: 'zone',
        title: 'Broken',
        description: 'Throws.',
        check: () => {
          throw new Error('boom');
        },
      }),
      defineRule({
        id: 'test.broken-document',
        severity: 'error',
        scope: 'document',
        inputs: ['regions'],
        title: 'Broken too',
        description: 'Throws.',
        check: () => {
          throw new Error('bang');
        },
      }),
    ]);
    const doc = docBuilder()
      .region('use1', 'us-east-1', { zones: ['a'] })
      .build();
    expect(runRules(doc, catalog, { registry, memoize: false })).toEqual([
      {
        code: 'rules.failed',
        severity: 'warning',
        elementId: '',
        path: ['spec'],
        message: 'design rule "test.broken-document" could not check this element: bang',
        fix: { label: 'Report this to the maintainers of Topology Designer' },
      },
      {
        code: 'rules.failed',
        severity: 'warning',
        elementId: 'use1-a',
        path: ['spec', 'zones', 0],
        message: 'design rule "test.broken" could not check this element: boom',
        fix: { label: 'Report this to the maintainers of Topology Designer' },
      },
    ]);
  });

  it('refuses to apply a fix that has no command', () => {
    const doc = platformBuilder().build();
    const d = runRules(doc, catalog, { memoize: false }).find((x) => x.code === 'cluster.production-zones')!;
    const result = applyFix(doc, d);
    expect(result).toEqual({
      ok: false,
      error: { code: 'rules.no-fix-command', message: `cluster.production-zones: ${d.fix.label}` },
    });
  });
});

/** A small deterministic random number generator (mulberry32), so that failures can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random edit of the kind a user makes: a field of some element, an element added, moved or deleted. */
function randomCommand(doc: TopologyDocument, next: () => number, step: number): Command {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const { workloads, nodePools, clusters, fleets } = doc.spec;
  switch (Math.floor(next() * 14)) {
    case 0: {
      const w = pick(workloads);
      return { type: 'update', id: w.id, changes: { notes: `edit ${step}` } };
    }
    case 1: {
      const w = pick(workloads.filter((x) => x.kind === 'service' && x.autoscaling));
      return w
        ? {
            type: 'update',
            id: w.id,
            changes: {
              autoscaling: { ...w.autoscaling!, maxReplicas: 1 + Math.floor(next() * 60), minReplicas: 1 },
            },
          }
        : { type: 'update', id: pick(workloads).id, changes: { userFacing: next() < 0.5 } };
    }
    case 2: {
      const p = pick(nodePools);
      const max = Math.floor(next() * 6);
      return { type: 'update', id: p.id, changes: { nodesPerAz: { min: 0, desired: 0, max } } };
    }
    case 3: {
      const p = pick(nodePools);
      return {
        type: 'update',
        id: p.id,
        changes: {
          taints:
            next() < 0.5 ? [] : [{ key: 'workload', value: pick(['media', 'ml']), effect: 'NoSchedule' }],
        },
      };
    }
    case 4: {
      const p = pick(nodePools);
      return {
        type: 'update',
        id: p.id,
        changes: { labels: { workload: pick(['api', 'media', 'ml', 'system']) } },
      };
    }
    case 5: {
      const w = pick(workloads.filter((x) => x.kind !== 'dpdk-service'));
      return {
        type: 'update',
        id: w.id,
        changes: {
          tolerations:
            next() < 0.5
              ? []
              : [{ key: 'workload', operator: 'Equal', value: pick(['media', 'ml']), effect: 'NoSchedule' }],
          nodeSelector: next() < 0.5 ? {} : { workload: pick(['api', 'media', 'ml']) },
        },
      };
    }
    case 6: {
      const c = pick(clusters);
      return {
        type: 'update',
        id: c.id,
        changes: {
          network: {
            ...c.network,
            vpcCidr: pick(['10.0.0.0/16', '10.1.0.0/16', '10.9.0.0/16', '10.0.0.0/8']),
          },
        },
      };
    }
    case 7: {
      const w = pick(workloads.filter((x) => x.kind !== 'dpdk-service' && x.cluster));
      const pools = nodePools.filter((p) => p.cluster === w?.cluster);
      return w && pools.length
        ? { type: 'move', id: w.id, parent: pick(pools).id }
        : { type: 'settings', changes: { hoursPerMonth: 700 } };
    }
    case 8: {
      const p = pick(nodePools);
      return {
        type: 'add',
        kind: 'workload',
        element: {
          id: `w-${step}`,
          name: `w ${step}`,
          kind: 'service',
          cluster: p.cluster,
          nodePool: p.id,
          autoscaling: { minReplicas: 1, maxReplicas: 4 },
          resources: { cpu: 1, memoryGiB: 2 },
          demand: { unit: 'rps', baseline: 100, burstFactor: 4, perReplica: 50 },
          userFacing: true,
        },
      };
    }
    case 9: {
      const c = pick(clusters);
      return {
        type: 'add',
        kind: 'nodePool',
        element: {
          id: `p-${step}`,
          name: `p ${step}`,
          cluster: c.id,
          role: pick(['system', 'general', 'media']),
          provisioner: 'managed',
          instanceTypes: [pick(['m6i.xlarge', 'p4d.24xlarge', 'r6i.4xlarge'])],
          nodesPerAz: { min: 0, desired: 1, max: 2 },
        },
      };
    }
    case 10: {
      const a = pick(workloads);
      const b = pick(workloads);
      return a.id === b.id
        ? { type: 'update', id: a.id, changes: { notes: 'same' } }
        : {
            type: 'connect',
            dependency: { id: `d-${step}`, from: a.id, to: b.id, type: pick(['hard', 'soft']) },
          };
    }
    case 11:
      return { type: 'delete', ids: [pick([...workloads, ...nodePools, ...doc.spec.dependencies]).id] };
    case 12: {
      const f = pick(fleets);
      return f
        ? {
            type: 'update',
            id: f.id,
            changes: { instancesPerAz: Math.floor(next() * 5), placementGroup: pick(['cluster', 'spread']) },
          }
        : { type: 'settings', changes: { hoursPerMonth: 720 } };
    }
    default: {
      const c = pick(clusters);
      return {
        type: 'update',
        id: c.id,
        changes: { environment: pick(['production', 'staging']), natGateways: pick(['single', 'per-az']) },
      };
    }
  }
}

describe('memoisation', () => {
  it('gives after every edit exactly what a fresh run gives', () => {
    const next = random(20_240_601);
    const starts = [
      platformBuilder().build(),
      ...TEMPLATES.map((t) => TopologyDocumentSchema.parse(t.build())),
    ];
    let doc = starts[0]!;
    const history: Command[] = [];
    const stats = newStats();
    let incremental = 0;
    for (let step = 0; step < 400; step++) {
      const roll = next();
      if (roll < 0.04) {
        doc = starts[Math.floor(next() * starts.length)]!;
        history.length = 0;
      } else if (roll < 0.14 && history.length > 0) {
        doc = apply(doc, history.pop()!);
      } else {
        if (doc.spec.workloads.length === 0 || doc.spec.nodePools.length === 0) doc = starts[0]!;
        const result = executeCommand(doc, randomCommand(doc, next, step));
        if (!result.ok) continue;
        history.push(result.inverse);
        doc = result.document;
      }
      const memoised = runRules(doc, catalog, { stats });
      if (stats.mode === 'incremental') incremental += 1;
      // A copy has new list objects, so the fresh run shares no cached index with the memoised one.
      const fresh = runRules(structuredClone(doc), catalog, { memoize: false });
      expect(memoised, `step ${step}`).toEqual(fresh);
    }
    expect(incremental).toBeGreaterThan(300);
  });

  it('checks again only the edited element and what looked it up', () => {
    const doc = platformBuilder().build();
    const stats = newStats();
    runRules(doc, catalog, { stats });
    runRules(doc, catalog, { stats });
    expect(stats).toEqual({
      mode: 'incremental',
      elementsChecked: 0,
      elementsReused: 13,
      documentRulesRun: 0,
    });

    const notes = apply(doc, { type: 'update', id: 'auth', changes: { notes: 'reviewed' } });
    runRules(notes, catalog, { stats });
    expect(stats).toEqual({
      mode: 'incremental',
      elementsChecked: 1,
      elementsReused: 12,
      documentRulesRun: 0,
    });

    // The pool's workloads look their pool up, and its cluster lists its pools.
    const pool = apply(notes, {
      type: 'update',
      id: 'api-spot',
      changes: { nodesPerAz: { min: 1, desired: 2, max: 6 } },
    });
    runRules(pool, catalog, { stats });
    expect(stats.elementsChecked).toBe(4);
    expect(stats.documentRulesRun).toBe(0);

    const dependency = apply(pool, { type: 'disconnect', id: 'catalog-auth' });
    runRules(dependency, catalog, { stats });
    expect(stats).toEqual({
      mode: 'incremental',
      elementsChecked: 0,
      elementsReused: 13,
      documentRulesRun: 1,
    });
  });

  it('keeps diagnostics right when elements shift position', () => {
    let doc = platformBuilder().build();
    runRules(doc, catalog);
    doc = apply(doc, {
      type: 'add',
      kind: 'nodePool',
      element: {
        id: 'aaa',
        name: 'first',
        cluster: 'api',
        role: 'general',
        provisioner: 'karpenter',
        instanceTypes: ['m6i.xlarge'],
        nodesPerAz: { min: 0, desired: 0, max: 1 },
      },
    });
    expect(runRules(doc, catalog)).toEqual(runRules(doc, catalog, { memoize: false }));
    doc = apply(doc, { type: 'delete', ids: ['aaa'] });
    expect(runRules(doc, catalog)).toEqual(runRules(doc, catalog, { memoize: false }));
  });

  it('falls back to a full run on a document with duplicate ids', () => {
    const doc = platformBuilder().build();
    runRules(doc, catalog);
    const twice = {
      ...doc,
      spec: { ...doc.spec, workloads: [...doc.spec.workloads, doc.spec.workloads[0]!] },
    };
    const stats = newStats();
    expect(runRules(twice, catalog, { stats })).toEqual(runRules(twice, catalog, { memoize: false }));
    expect(stats.mode).toBe('full');
  });

  it('keeps a previous run per session, so documents checked in turn stay incremental', () => {
    const a = platformBuilder().build();
    const b = TopologyDocumentSchema.parse(TEMPLATES[0]!.build());
    const [tabA, tabB] = [{}, {}];
    runRules(a, catalog, { session: tabA });
    runRules(b, catalog, { session: tabB });
    const stats = newStats();
    expect(runRules(a, catalog, { session: tabA, stats })).toEqual(runRules(a, catalog, { memoize: false }));
    expect(stats).toMatchObject({ mode: 'incremental', elementsChecked: 0 });
    expect(runRules(b, catalog, { session: tabB, stats })).toEqual(runRules(b, catalog, { memoize: false }));
    expect(stats).toMatchObject({ mode: 'incremental', elementsChecked: 0 });
  });

  it('keeps separate results per catalog and per rule set', () => {
    const doc = platformBuilder().build();
    const registry = createRuleRegistry([BUILTIN_RULES.get('cluster.system-pool')!]);
    expect(runRules(doc, catalog, { registry }).map((d) => d.code)).toEqual([
      'cluster.system-pool',
      'cluster.system-pool',
    ]);
    expect(runRules(doc, catalog).length).toBeGreaterThan(2);
    expect(runRules(doc, catalog, { registry }).map((d) => d.code)).toEqual([
      'cluster.system-pool',
      'cluster.system-pool',
    ]);
  });
});
