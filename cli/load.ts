// Reads and loads a `.topo.yaml` for a command, printing every problem in compiler style.
import type { Catalog } from '../shared/catalog/types';
import { createCatalog } from '../shared/catalog/catalog';
import type { FileProblem } from '../shared/format/document-file';
import { formatProblem, loadDocument } from '../shared/format/document-file';
import type { TopologyDocument } from '../shared/model/schema';
import catalogData from '../resources/catalog/aws.json';
import type { CliIo } from './io';
import { readErrorMessage } from './io';

let catalog: Catalog | undefined;

/** The shipped AWS catalog, bundled into the tool and built once. */
export function shippedCatalog(): Catalog {
  catalog ??= createCatalog(catalogData);
  return catalog;
}

/** A loaded document with its load warnings, or the reason it could not be loaded (already printed). */
export type Loaded =
  | {
      readonly ok: true;
      readonly document: TopologyDocument;
      readonly warnings: readonly FileProblem[];
      readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
    }
  | { readonly ok: false; readonly code: number };

/** Reads and loads `file`; on failure prints the problems to stderr and returns the exit code. */
export function loadForCommand(file: string, io: CliIo): Loaded {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (error) {
    io.stderr(`topo: ${readErrorMessage(file, error)}\n`);
    return { ok: false, code: 2 };
  }
  const result = loadDocument(bytes, { fileName: file, catalog: shippedCatalog() });
  if (!result.ok) {
    for (const problem of result.problems) io.stderr(`${formatProblem(file, problem)}\n`);
    return { ok: false, code: 1 };
  }
  return { ok: true, document: result.document, warnings: result.warnings, locate: result.locate };
}
