// What the export worker does and the messages it exchanges with the page (generate.ts), apart from the code
// that starts the worker, so the worker's own bundle does not hold a worker. Two jobs: the bundle of a
// document (generated and validated), and the .zip of a bundle's files.
import type { Catalog } from '../../shared/catalog/types';
import { exportBundle } from '../../shared/export/bundle';
import { bundleZip } from '../../shared/export/bundle-zip';
import { validateK8sObject } from '../../shared/export/k8s-validator';
import type { BundleFile, ExportResult } from '../../shared/export/types';
import { PRODUCT_VERSION } from '../../shared/export/versions';
import type { TopologyDocument } from '../../shared/model/schema';

/** A job for the worker: the bundle of a document, or the archive of a bundle's files under `folder/`. */
export type ExportJob =
  | { readonly kind: 'bundle'; readonly doc: TopologyDocument }
  | { readonly kind: 'zip'; readonly files: readonly BundleFile[]; readonly folder: string };

/** What each job gives. */
export interface ExportJobResult {
  bundle: ExportResult;
  zip: Uint8Array;
}

/** What the page asks the worker. */
export interface ExportRequestMessage {
  readonly id: number;
  readonly job: ExportJob;
}

/** What the worker answers: the job's result, or why it could not be done. */
export type ExportAnswerMessage =
  | { readonly id: number; readonly ok: true; readonly value: ExportJobResult[ExportJob['kind']] }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** Does `job` here (the worker does the same); `catalog` is read only by a bundle job. */
export function runJob<J extends ExportJob>(job: J, catalog: () => Catalog): ExportJobResult[J['kind']] {
  if (job.kind === 'zip') return bundleZip(job.files, job.folder) as ExportJobResult[J['kind']];
  return exportBundle(job.doc, catalog(), {
    generatorVersion: PRODUCT_VERSION,
    validateK8s: validateK8sObject,
  }) as ExportJobResult[J['kind']];
}
