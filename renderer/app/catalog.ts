// The price and capacity catalog of the renderer: resources/catalog/aws.json, emitted by Vite as a file of its
// own and fetched while the app's scripts are still being parsed (index.html preloads it), then indexed once by
// `createShippedCatalog` (the file schema checked it when the file was built, and the test suite checks it on
// every run). Fetched as JSON rather than bundled as a script: a 547 kB script was parsed by V8 on a third
// background thread while the app's two chunks are parsed on the other two, and on two cores that delayed the
// start (measured: the shell showed 18–30 ms sooner, medians of 14 and 20 interleaved runs). The desktop app's
// `app:` scheme allows fetch (electron/main/main.ts), and the browser build is served over http.
import { createShippedCatalog } from '../../shared/catalog/file-catalog';
import type { CatalogFile } from '../../shared/catalog/catalog-file';
import type { Catalog } from '../../shared/catalog/types';
import catalogUrl from '../../resources/catalog/aws.json?url';

let loading: Promise<Catalog> | undefined;

/** The shipped catalog, read once; rejects with a message that names the file when it cannot be read. */
export function loadCatalog(): Promise<Catalog> {
  loading ??= readCatalog();
  return loading;
}

async function readCatalog(): Promise<Catalog> {
  const failed = (what: string, error: unknown) =>
    new Error(`the catalog ${catalogUrl} ${what}: ${error instanceof Error ? error.message : String(error)}`);
  let response: Response;
  try {
    response = await fetch(catalogUrl);
  } catch (error) {
    throw failed('could not be read', error);
  }
  if (!response.ok) throw new Error(`the catalog ${catalogUrl} could not be read (HTTP ${response.status})`);
  let file: unknown;
  try {
    file = await response.json();
  } catch (error) {
    throw failed('is not valid JSON', error);
  }
  return createShippedCatalog(file as CatalogFile);
}
