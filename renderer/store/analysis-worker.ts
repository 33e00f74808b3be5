// The analysis worker (analysis-remote.ts): answers the page's requests with createAnalysisService, on the
// shipped catalog file the page reads too (the catalog the page holds is objects with methods, which a message
// cannot carry). zod is set to its interpreted mode first, as in the export worker: the desktop app's
// Content-Security-Policy covers workers and refuses `new Function`.
import '../app/zod-jitless';
import { loadCatalog } from '../app/catalog';
import type { AnalysisAnswer, AnalysisRequest } from './analysis-protocol';
import { createAnalysisService } from './analysis-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisAnswer): void;
};

const service = loadCatalog().then(createAnalysisService);
// Requests are answered in the order they came: each waits for the catalog, then runs in turn. A message
// that cannot be posted is answered with why, and the queue goes on.
let queue: Promise<void> = Promise.resolve();

const refuse = (id: number, error: unknown) =>
  scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });

scope.onmessage = (event) => {
  const request = event.data;
  queue = queue
    .then(() => service)
    .then((ready) => scope.postMessage(ready.answer(request)))
    .catch((error: unknown) => refuse(request.id, error));
};
