// `npm run catalog:build [data-dir]`: writes resources/catalog/aws.json and LICENSES.md from the raw data
// (default data/aws in this repository), then loads the result once to check it and time it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createCatalog } from '../shared/catalog/catalog';
import { buildCatalog, buildLicenses, readRawData } from './catalog-build';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = path.resolve(root, process.argv[2] ?? 'data/aws');
const outDir = path.join(root, 'resources', 'catalog');

const { rawCatalog, rawRegional } = readRawData(dataDir);
const json = buildCatalog(rawCatalog, rawRegional);
const licences = buildLicenses(rawCatalog, rawRegional);
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'aws.json'), json);
writeFileSync(path.join(outDir, 'LICENSES.md'), licences);

const started = performance.now();
const parsed: unknown = JSON.parse(json);
const parsedAt = performance.now();
const catalog = createCatalog(parsed);
const loadedAt = performance.now();

let priced = 0;
let missing = 0;
for (const region of catalog.regions()) {
  for (const type of catalog.instanceTypes()) {
    if (catalog.onDemandPrice(region.code, type.name).status === 'priced') priced++;
    else missing++;
  }
}
const bytes = Buffer.byteLength(json);
console.log(`read ${dataDir}`);
console.log(
  `wrote ${path.relative(root, path.join(outDir, 'aws.json'))}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`,
);
console.log(`wrote ${path.relative(root, path.join(outDir, 'LICENSES.md'))}`);
console.log(
  `${catalog.regions().length} regions, ${catalog.instanceTypes().length} instance types, ` +
    `${catalog.sources.length} sources; on-demand: ${priced} priced, ${missing} missing (region x type)`,
);
console.log(
  `JSON.parse ${(parsedAt - started).toFixed(1)} ms, createCatalog ${(loadedAt - parsedAt).toFixed(1)} ms (first run, cold)`,
);
