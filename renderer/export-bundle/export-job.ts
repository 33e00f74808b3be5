// What the export worker does and the messages it exchanges with the page (generate.ts), apart from the code
// that starts the worker, so the worker's own bundle does not hold a worker.
import type { Catalog } from '../../shared/catalog/types';
import { exportBundle } from '../../shared/export/bundle';
import { validateK8sObject } from '../../shared/export/k8s-validator';
import type { ExportResult } from '../../shared/export/types';
import { PRODUCT_VERSION } from '../../shared/export/versions';
import type { TopologyDocument } from '../../shared/model/schema';

/** What the page asks the worker: the bundle of this document. */
export interface ExportRequestMessage {
  readonly id: number;
  readonly doc: TopologyDocument;
}

/** What the worker answers: the bundle, or why it could not be made. */
export type ExportAnswerMessage =
  | { readonly id: number; readonly ok: true; readonly result: ExportResult }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** The bundle of `doc`, generated and validated here (the worker does the same). */
export function generateInPlace(doc: TopologyDocument, catalog: Catalog): ExportResult {
  return exportBundle(doc, catalog, { generatorVersion: PRODUCT_VERSION, validateK8s: validateK8sObject });
}
