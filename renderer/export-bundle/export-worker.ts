// The Export dialog's worker (generate.ts): generates and validates the bundle off the renderer's main thread,
// with the shipped catalog it reads itself (the catalog the page holds is objects with methods, which a
// message cannot carry). zod is set to its interpreted mode first: the desktop app sends its
// Content-Security-Policy with every file, this worker's included, and that policy refuses `new Function`.
import '../app/zod-jitless';
import { loadCatalog } from '../app/catalog';
import type { ExportAnswerMessage, ExportRequestMessage } from './export-job';
import { generateInPlace } from './export-job';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ExportRequestMessage>) => void) | null;
  postMessage(message: ExportAnswerMessage): void;
};

scope.onmessage = (event) => {
  const { id, doc } = event.data;
  loadCatalog()
    .then((catalog) => scope.postMessage({ id, ok: true, result: generateInPlace(doc, catalog) }))
    .catch((error: unknown) =>
      scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
};
