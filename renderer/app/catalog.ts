// The price and capacity catalog of the renderer: resources/catalog/aws.json, emitted by Vite as a file of its
// own, then indexed once by `createShippedCatalog` (the file schema checked it when the file was built, and the
// test suite checks it on every run). In the built app, `index.html` preloads the file and a small classic
// script (`catalog-early.js`, renderer/vite.config.ts) fetches and parses it while the app's scripts are still
// being parsed: this module takes that promise over; without it (Vite's dev server, a worker) it fetches the
// file itself. Fetched as JSON rather than bundled as a script: a 547 kB script was parsed by V8 on a third
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

/** The catalog file's contents as `catalog-early.js` started reading them, when it ran in this page. */
function takeEarlyRead(): Promise<unknown> | undefined {
  const scope = globalThis as { __topologyCatalog?: Promise<unknown> };
  const early = scope.__topologyCatalog;
  delete scope.__topologyCatalog;
  return early instanceof Promise ? early : undefined;
}

async function fetchCatalog(): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(catalogUrl);
  } catch (error) {
    throw new Error(`could not be read: ${messageOf(error)}`, { cause: error });
  }
  if (!response.ok) throw new Error(`could not be read (HTTP ${response.status})`);
  try {
    return await response.json();
  } catch (error) {
    throw new Error(`is not valid JSON: ${messageOf(error)}`, { cause: error });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readCatalog(): Promise<Catalog> {
  const early = takeEarlyRead();
  let file: unknown;
  try {
    file = await (early ?? fetchCatalog());
  } catch (error) {
    // The early script words its errors as `fetchCatalog` does.
    throw new Error(`the catalog ${catalogUrl} ${messageOf(error)}`, { cause: error });
  }
  return createShippedCatalog(file as CatalogFile);
}
