// Generating and validating the bundle for the Export dialog, off the renderer's main thread: a design of
// 1,000 elements takes about 200 ms, one of 10,000 about 1.7 s, and the canvas, the menus and the dialog's
// Close must answer meanwhile. A Web Worker (export-worker.ts) runs the same `exportBundle` on the same
// shipped catalog file; it starts on the first export and stays for the next ones. Where there are no
// workers (Node, the component tests) the bundle is generated in place.
import type { Catalog } from '../../shared/catalog/types';
import type { ExportResult } from '../../shared/export/types';
import type { TopologyDocument } from '../../shared/model/schema';
import type { ExportAnswerMessage, ExportRequestMessage } from './export-job';
import { generateInPlace } from './export-job';

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(result: ExportResult): void; reject(error: Error): void }>();

/** The worker, started once; a worker that fails to load rejects every export waiting on it and is dropped. */
function exportWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = (event: MessageEvent<ExportAnswerMessage>) => {
    const answer = event.data;
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if (answer.ok) pending.resolve(answer.result);
    else pending.reject(new Error(answer.message));
  };
  started.onerror = (event) => {
    event.preventDefault();
    const error = new Error(`the export worker failed: ${event.message || 'it could not be loaded'}`);
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
    started.terminate();
    if (worker === started) worker = undefined;
  };
  worker = started;
  return started;
}

/**
 * The bundle of `doc`: generated in the export worker where the page has workers, else here with `catalog`
 * (the worker reads the same shipped catalog). Rejects with the reason when it cannot be made.
 */
export function generateBundle(doc: TopologyDocument, catalog: Catalog): Promise<ExportResult> {
  if (typeof Worker === 'undefined') {
    try {
      return Promise.resolve(generateInPlace(doc, catalog));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject });
    const request: ExportRequestMessage = { id, doc };
    try {
      exportWorker().postMessage(request);
    } catch (error) {
      // The worker could not be started or the document not sent: nothing will answer this one.
      waiting.delete(id);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
