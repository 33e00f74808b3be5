// The price and capacity catalog of the renderer: resources/catalog/aws.json, bundled by Vite as its own
// chunk (a JSON.parse() of one string, the fastest way for an engine to read 650 KiB of data) and loaded
// while the rest of the app starts, then indexed once by `createShippedCatalog` (the file schema checked it
// when the file was built, and the test suite checks it on every run). Bundling rather
// than fetching keeps it working from a file:// or custom app protocol, where fetch may be refused.
import { createShippedCatalog } from '../../shared/catalog/file-catalog';
import type { CatalogFile } from '../../shared/catalog/catalog-file';
import type { Catalog } from '../../shared/catalog/types';

let loading: Promise<Catalog> | undefined;

export function loadCatalog(): Promise<Catalog> {
  loading ??= import('../../resources/catalog/aws.json').then((module) =>
    createShippedCatalog(module.default as unknown as CatalogFile),
  );
  return loading;
}
