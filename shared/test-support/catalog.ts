// The shipped AWS catalog for tests and the command line: read from resources/catalog/aws.json with
// node:fs (test support may use Node) and built once per process.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCatalog } from '../catalog/catalog';
import type { Catalog } from '../catalog/types';

/** Absolute path of the shipped catalog file. */
export const CATALOG_PATH = fileURLToPath(new URL('../../resources/catalog/aws.json', import.meta.url));

let cached: Catalog | undefined;

/** The shipped AWS catalog, read and validated on first use and shared afterwards. */
export function loadTestCatalog(): Catalog {
  cached ??= createCatalog(JSON.parse(readFileSync(CATALOG_PATH, 'utf8')));
  return cached;
}
