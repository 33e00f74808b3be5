// The blast-radius summary of the analysed document (every failure domain scored, the single points of
// failure, N+1 zone survivability), computed when something on screen shows it: the toolbar's failure list
// once the user goes to it, the Failures view and its slide. It is not part of the analysis run on every
// edit: on a 2,000-element design it is the largest step of the engines, and most edits are made with none
// of those on screen. The engine builds on the last summary it made (shared/blast/summary.ts), so a summary
// asked for after several edits is still incremental where the design allows it.
import { useMemo } from 'react';
import { summarizeBlastRadius } from '../../shared/blast/summary';
import type { BlastSummary } from '../../shared/blast/types';
import type { Catalog } from '../../shared/catalog/types';
import type { TopologyDocument } from '../../shared/model/schema';
import { useServices } from '../app/context';

/** The summary, or why the engine could not make it. */
export type BlastSummaryResult =
  { readonly ok: true; readonly summary: BlastSummary } | { readonly ok: false; readonly message: string };

const results = new WeakMap<Catalog, WeakMap<TopologyDocument, BlastSummaryResult>>();

/** The blast-radius summary of a document, made once per document and catalog; a failure is a message. */
export function blastSummaryOf(doc: TopologyDocument, catalog: Catalog): BlastSummaryResult {
  let byDoc = results.get(catalog);
  if (!byDoc) results.set(catalog, (byDoc = new WeakMap()));
  let result = byDoc.get(doc);
  if (!result) {
    try {
      result = { ok: true, summary: summarizeBlastRadius(doc, catalog) };
    } catch (error) {
      result = {
        ok: false,
        message: `The blast-radius summary failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    byDoc.set(doc, result);
  }
  return result;
}

/** The summary of `doc` while `wanted` (once per document); null otherwise, and nothing is computed. */
export function useBlastSummary(doc: TopologyDocument): BlastSummaryResult;
export function useBlastSummary(doc: TopologyDocument, wanted: boolean): BlastSummaryResult | null;
export function useBlastSummary(doc: TopologyDocument, wanted = true): BlastSummaryResult | null {
  const { catalog } = useServices();
  return useMemo(() => (wanted ? blastSummaryOf(doc, catalog) : null), [wanted, doc, catalog]);
}
