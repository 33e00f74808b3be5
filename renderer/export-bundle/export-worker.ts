// The Export dialog's worker (generate.ts): generates and validates the bundle, and packs it as a .zip, off
// the renderer's main thread. A bundle job reads the shipped catalog (the catalog the page holds is objects
// with methods, which a message cannot carry). zod is set to its interpreted mode first: the desktop app
// sends its Content-Security-Policy with every file, this worker's included, and that policy refuses
// `new Function`.
import '../app/zod-jitless';
import { loadCatalog } from '../app/catalog';
import type { Catalog } from '../../shared/catalog/types';
import type { ExportAnswerMessage, ExportRequestMessage } from './export-job';
import { runJob } from './export-job';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ExportRequestMessage>) => void) | null;
  postMessage(message: ExportAnswerMessage, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { id, job } = event.data;
  // Only a bundle needs the catalog: an archive is packed without reading it.
  const catalog: Promise<Catalog | null> = job.kind === 'bundle' ? loadCatalog() : Promise.resolve(null);
  catalog
    .then((loaded) => {
      const value = runJob(job, () => {
        if (!loaded) throw new Error('a bundle needs the catalog');
        return loaded;
      });
      // An archive's bytes are handed over, not copied.
      scope.postMessage({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
    })
    .catch((error: unknown) =>
      scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
};
