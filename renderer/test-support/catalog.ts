// The shipped catalog for renderer tests, imported the way the app bundles it and built once per worker.
import data from '../../resources/catalog/aws.json';
import { createCatalog } from '../../shared/catalog/catalog';
import type { Catalog } from '../../shared/catalog/types';

let cached: Catalog | undefined;

export function testCatalog(): Catalog {
  cached ??= createCatalog(data);
  return cached;
}
