import { describe, expect, it } from 'vitest';
import { TopologyDocumentSchema } from '../model/schema';
import { TEMPLATES, mlTrainingTemplate, ottTemplate, startupTemplate } from '../templates/templates';
import { loadTestCatalog } from '../test-support/catalog';
import { applyFix, runRules } from './engine';

const catalog = loadTestCatalog();

describe('the shipped templates', () => {
  it.each(TEMPLATES.map((t) => [t.file, t.build] as const))('%s has no errors', (_file, build) => {
    const doc = TopologyDocumentSchema.parse(build());
    const errors = runRules(doc, catalog, { memoize: false }).filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('OTT platform: no diagnostics (its autoscalers and GPU pool carry the stated 3-5x peak)', () => {
    const doc = TopologyDocumentSchema.parse(ottTemplate());
    expect(runRules(doc, catalog, { memoize: false })).toEqual([]);
  });

  it('single-cluster startup: one system node per AZ and one shared NAT gateway', () => {
    const doc = TopologyDocumentSchema.parse(startupTemplate());
    expect(runRules(doc, catalog, { memoize: false }).map((d) => [d.severity, d.code, d.elementId])).toEqual([
      ['warning', 'cluster.single-nat-gateway', 'app'],
      ['warning', 'pool.system-min-nodes', 'app-system'],
    ]);
  });

  it('ML training: the shared L4 pool runs half on spot over one instance type', () => {
    const doc = TopologyDocumentSchema.parse(mlTrainingTemplate());
    expect(runRules(doc, catalog, { memoize: false }).map((d) => [d.severity, d.code, d.elementId])).toEqual([
      ['warning', 'pool.spot-diversity', 'training-l4'],
    ]);
  });

  it.each(TEMPLATES.map((t) => [t.file, t.build] as const))(
    '%s: every fix command applies and clears its diagnostic',
    (_file, build) => {
      const doc = TopologyDocumentSchema.parse(build());
      for (const d of runRules(doc, catalog, { memoize: false })) {
        if (!d.fix.command) continue;
        const result = applyFix(doc, d, { catalog });
        if (!result.ok) throw new Error(result.error.message);
        const after = runRules(result.document, catalog, { memoize: false });
        expect(after.filter((x) => x.code === d.code && x.elementId === d.elementId)).toEqual([]);
        expect(after.filter((x) => x.severity === 'error')).toEqual([]);
      }
    },
  );
});
