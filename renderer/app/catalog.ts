// The price and capacity catalog of the renderer: resources/catalog/aws.json, emitted by Vite as a file of its
// own and fetched while the app's scripts are still being parsed (index.html preloads it), then indexed once by
// `createShippedCatalog` (the file schema checked it when the file was built, and the test suite checks it on
// every run). Fetched as JSON rather than bundled as a script: a 650 KiB script is parsed by V8 on a third
// background thread while the app's two chunks are parsed on the other two, and on two cores that delayed the
// start (measured: the shell showed about 18 ms sooner, median of 14 interleaved runs). The desktop app's
// `app:` scheme allows fetch (electron/main/main.ts), and the browser build is served over http.
import { createShippedCatalog } from '../../shared/catalog/file-catalog';
import type { CatalogFile } from '../../shared/catalog/catalog-file';
import type { Catalog } from '../../shared/catalog/types';
import catalogUrl from '../../resources/catalog/aws.json?url';

let loading: Promise<Catalog> | undefined;

/** The shipped catalog, read once; rejects with a message that names the file when it cannot be read. */
export function loadCatalog(): Promise<Catalog> {
  loading ??= fetch(catalogUrl)
    .then((response) => {
      if (!response.ok)
        throw new Error(`the catalog ${catalogUrl} could not be read (HTTP ${response.status})`);
      return response.json() as Promise<unknown>;
    })
    .then((file) => createShippedCatalog(file as CatalogFile));
  return loading;
}
