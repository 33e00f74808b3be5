import { describe, expect, it } from 'vitest';
import { deepFreeze, platformBuilder } from '../test-support/builders';
import { executeCommand } from './commands';
import type { TopologyDocument } from './schema';

const platform = (): TopologyDocument => deepFreeze(platformBuilder().build());

/** A copy of `doc` with some of its parts changed, as a text edit would give. */
function edited(doc: TopologyDocument, change: (copy: TopologyDocument) => void): TopologyDocument {
  const copy = structuredClone(doc) as TopologyDocument;
  change(copy);
  return copy;
}

describe('replace', () => {
  it('changes what differs, keeps unchanged elements identical and undoes in one step', () => {
    const doc = platform();
    const next = edited(doc, (copy) => {
      copy.spec.clusters = copy.spec.clusters.map((c) => (c.id === 'api' ? { ...c, name: 'Storefront' } : c));
      copy.spec.dependencies = copy.spec.dependencies.filter((d) => d.id !== 'catalog-recs');
      copy.layout.nodes = { ...copy.layout.nodes, api: { x: 99, y: 40 } };
      copy.metadata = { ...copy.metadata, description: 'edited as text' };
    });
    const result = executeCommand(doc, { type: 'replace', document: next, label: 'Edit YAML' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.label).toBe('Edit YAML');
    expect(result.code).toBe('model.replace');
    expect(result.document.spec.clusters.find((c) => c.id === 'api')?.name).toBe('Storefront');
    expect(result.document.spec.dependencies.map((d) => d.id)).toEqual(['catalog-auth']);
    expect(result.document.layout.nodes.api).toEqual({ x: 99, y: 40 });
    expect(result.document.metadata.description).toBe('edited as text');
    result.document.spec.workloads.forEach((workload, i) => expect(workload).toBe(doc.spec.workloads[i]));
    expect(result.document.spec.clusters.find((c) => c.id === 'ml')).toBe(
      doc.spec.clusters.find((c) => c.id === 'ml'),
    );
    const undo = executeCommand(result.document, result.inverse);
    expect(undo.ok && undo.document).toEqual(doc);
  });

  it('returns the same document when nothing differs', () => {
    const doc = platform();
    const result = executeCommand(doc, { type: 'replace', document: structuredClone(doc) });
    expect(result.ok && result.document).toBe(doc);
  });

  it('refuses a value that is not a valid document, naming the field', () => {
    const doc = platform();
    const next = edited(doc, (copy) => {
      (copy.spec.clusters[0] as { name: unknown }).name = 42;
    });
    const result = executeCommand(doc, { type: 'replace', document: next });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('model.invalid-document');
      expect(result.error.message).toContain('name');
    }
  });

  it('refuses a result that breaks an integrity rule', () => {
    const doc = platform();
    const next = edited(doc, (copy) => {
      copy.spec.workloads = copy.spec.workloads.map((w) =>
        w.id === 'auth' ? { ...w, cluster: 'nowhere' } : w,
      );
    });
    const result = executeCommand(doc, { type: 'replace', document: next });
    expect(result.ok).toBe(false);
  });

  it('refuses a change of extension keys it cannot record', () => {
    const doc = platform();
    const next = { ...structuredClone(doc), 'x-team': 'core' };
    const result = executeCommand(doc, { type: 'replace', document: next });
    expect(!result.ok && result.error.code).toBe('model.unsupported-change');
  });
});
