// The real export bundle of the startup template, for tests of what takes a bundle (the writer, the archive).
import { exportBundle } from '../export/bundle';
import { validateK8sObject } from '../export/k8s-validator';
import type { BundleFile } from '../export/types';
import { TopologyDocumentSchema } from '../model/schema';
import { startupTemplate } from '../templates/templates';
import { loadTestCatalog } from './catalog';

/** The files `topo export` writes for the startup template (generator version `test`). */
export function startupBundle(): BundleFile[] {
  const result = exportBundle(TopologyDocumentSchema.parse(startupTemplate()), loadTestCatalog(), {
    generatorVersion: 'test',
    validateK8s: validateK8sObject,
  });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return [...result.files];
}
