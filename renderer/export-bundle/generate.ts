// The Export dialog's heavy work, off the renderer's main thread: generating and validating the bundle (a
// design of 1,000 elements takes about 200 ms, one of 10,000 about 1.7 s) and packing it as a .zip (about
// 100 ms and 1 s for the same two). The canvas, the menus and the dialog's Close must answer meanwhile. A Web
// Worker (export-worker.ts) does both, a bundle with the same shipped catalog file the app reads; it starts
// on the first job and stays for the next ones. Where there are no workers (Node, the component tests) the
// jobs run in place.
import type { Catalog } from '../../shared/catalog/types';
import type { BundleFile, ExportResult } from '../../shared/export/types';
import type { TopologyDocument } from '../../shared/model/schema';
import type { ExportAnswerMessage, ExportJob, ExportJobResult, ExportRequestMessage } from './export-job';
import { runJob } from './export-job';

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

/** The worker, started once; a worker that fails to load rejects every job waiting on it and is dropped. */
function exportWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = (event: MessageEvent<ExportAnswerMessage>) => {
    const answer = event.data;
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if (answer.ok) pending.resolve(answer.value);
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

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Does `job` in the export worker where the page has workers, else here (a bundle job with `catalog`);
 * rejects with the reason it failed.
 */
function run<J extends ExportJob>(job: J, catalog?: Catalog): Promise<ExportJobResult[J['kind']]> {
  if (typeof Worker === 'undefined') {
    try {
      return Promise.resolve(
        runJob(job, () => {
          if (!catalog) throw new Error('a bundle needs the catalog');
          return catalog;
        }),
      );
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    const request: ExportRequestMessage = { id, job };
    try {
      exportWorker().postMessage(request);
    } catch (error) {
      // The worker could not be started or the job not sent: nothing will answer this one.
      waiting.delete(id);
      reject(asError(error));
    }
  });
}

/**
 * The bundle of `doc`, generated and validated: in the worker (with the shipped catalog) where there is one,
 * else here with `catalog`.
 */
export function generateBundle(doc: TopologyDocument, catalog: Catalog): Promise<ExportResult> {
  return run({ kind: 'bundle', doc }, catalog);
}

/** The bytes of the .zip of `files` under `folder/` (shared/export/bundle-zip.ts), packed in the worker. */
export function zipBundle(files: readonly BundleFile[], folder: string): Promise<Uint8Array> {
  return run({ kind: 'zip', files, folder });
}
