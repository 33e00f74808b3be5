// The analyses the Failures view and its slide read besides the blast-radius summary (analysis/blast-summary.ts):
// the AZ-loss matrix of the analysed document, computed once per document (memoised on its identity; the
// engine also keeps it per capacity model) and never during a gesture or while a large document settles.
import { useMemo } from 'react';
import type { ZoneLossMatrix } from '../../../shared/blast/zone-matrix';
import { zoneLossMatrix } from '../../../shared/blast/zone-matrix';
import type { TopologyDocument } from '../../../shared/model/schema';
import { useAppStore, useServices } from '../../app/context';
import { selectAnalysedDocument } from '../../store/analysis-selectors';

/** The document the analysis describes (the one on screen before the first run). */
export function useAnalysedDocument(): TopologyDocument {
  return useAppStore(selectAnalysedDocument);
}

/** The AZ-loss matrix of the analysed document, or the reason it could not be computed. */
export type ZoneMatrixResult =
  { readonly ok: true; readonly matrix: ZoneLossMatrix } | { readonly ok: false; readonly message: string };

/** The AZ-loss matrix of the analysed document, recomputed only when that document changes. */
export function useZoneMatrix(): ZoneMatrixResult {
  const { catalog } = useServices();
  const doc = useAnalysedDocument();
  return useMemo((): ZoneMatrixResult => {
    try {
      return { ok: true, matrix: zoneLossMatrix(doc, catalog) };
    } catch (error) {
      return {
        ok: false,
        message: `The AZ-loss matrix failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }, [doc, catalog]);
}
