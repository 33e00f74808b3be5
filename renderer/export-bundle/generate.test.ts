import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { TopologyDocument } from '../../shared/model/schema';
import { TopologyDocumentSchema } from '../../shared/model/schema';
import { startupTemplate } from '../../shared/templates/templates';
import { testCatalog } from '../test-support/catalog';
import { generateBundle, zipBundle } from './generate';

// Node has no Web Workers: these run the in-place path the component tests use; the worker itself runs in
// the end-to-end suite (export-zip.spec.ts, csp.spec.ts).
describe('generateBundle without workers', () => {
  it('generates and validates the bundle the CLI writes', async () => {
    const doc = TopologyDocumentSchema.parse(startupTemplate());
    const result = await generateBundle(doc, testCatalog());
    expect(result.ok).toBe(true);
    const paths = result.ok ? result.files.map((f) => f.path) : [];
    expect(paths).toContain('bundle.json');
    expect(paths).toContain('pulumi/index.ts');
    expect(paths.some((p) => p.startsWith('k8s/') && p.endsWith('/kustomization.yaml'))).toBe(true);
  });

  it('rejects with the reason when the bundle cannot be made, instead of throwing', async () => {
    const broken = { ...TopologyDocumentSchema.parse(startupTemplate()), spec: undefined };
    const pending = generateBundle(broken as unknown as TopologyDocument, testCatalog());
    await expect(pending).rejects.toThrow(Error);
  });

  it('packs files as a .zip under their folder, and rejects a path the writer would refuse', async () => {
    const zip = await zipBundle([{ path: 'k8s/a.yaml', content: 'kind: A\n' }], 'bundle');
    const entries = unzipSync(zip);
    expect(Object.keys(entries)).toEqual(['bundle/k8s/a.yaml']);
    expect(strFromU8(entries['bundle/k8s/a.yaml']!)).toBe('kind: A\n');
    await expect(zipBundle([{ path: '../a.yaml', content: '' }], 'bundle')).rejects.toThrow(/unsafe path/);
  });
});
