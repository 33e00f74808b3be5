// The bundle of the OTT template as `topo export` writes it: what the Export dialog's outputs are checked against.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCatalog } from '../../shared/catalog/catalog';
import { exportBundle } from '../../shared/export/bundle';
import { validateK8sObject } from '../../shared/export/k8s-validator';
import { PRODUCT_VERSION } from '../../shared/export/versions';
import { loadDocument } from '../../shared/format/document-file';

const resource = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../../resources/${file}`, import.meta.url)), 'utf8');

/** The bundle of the OTT template, exported here by the same engine the CLI uses: file path to content. */
export function ottBundle(): Record<string, string> {
  const catalog = createCatalog(JSON.parse(resource('catalog/aws.json')));
  const loaded = loadDocument(resource('templates/ott-streaming-platform.topo.yaml'), { catalog });
  if (!loaded.ok) throw new Error(`the OTT template did not load: ${loaded.problems[0]?.message}`);
  const result = exportBundle(loaded.document, catalog, {
    generatorVersion: PRODUCT_VERSION,
    validateK8s: validateK8sObject,
  });
  if (!result.ok) throw new Error(`the OTT template did not export: ${result.diagnostics[0]?.message}`);
  return Object.fromEntries(result.files.map((f) => [f.path, f.content]));
}
