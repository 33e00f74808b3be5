// Selectors over the analysis slice. Each returns a value that keeps its identity while what it describes
// is unchanged (the slice's indexes reuse unchanged entries), so a view that reads one element's figures
// re-renders only when they change. Selectors by id are made once per id and kept.
import type { FailureImpact } from '../../shared/blast/types';
import type { CostTotal } from '../../shared/cost/types';
import type { TopologyDocument } from '../../shared/model/schema';
import type { Diagnostic } from '../../shared/rules/types';
import type { BlastMark, ElementCostSummary, ProblemCounts } from './analysis';
import { diagnosticsCurrent } from './analysis';
import type { AppState } from './app-store';

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/** The document the analysis describes (the one on screen before the first run, or while it is pending). */
export const selectAnalysedDocument = (state: AppState): TopologyDocument => state.analysis.doc ?? state.doc;

/** The monthly total of the document (infrastructure and engineering): expected, maximum, complete, unpriced. */
export const selectCostTotal = (state: AppState): CostTotal | undefined => state.analysis.cost?.totals.grand;

/** The infrastructure total alone (engineering time apart). */
export const selectInfrastructureTotal = (state: AppState): CostTotal | undefined =>
  state.analysis.cost?.totals.infrastructure;

/** Every diagnostic, sorted by severity, element and code. */
export const selectDiagnostics = (state: AppState): readonly Diagnostic[] => state.analysis.diagnostics;

/**
 * Whether the diagnostics shown are those of an earlier version of the document: the design rules of a large
 * one run in the analysis worker, and its answer follows the edit.
 */
export const selectProblemsPending = (state: AppState): boolean =>
  !diagnosticsCurrent(state.analysis, state.doc);

/** The impact of the chosen failure domain (null when the blast-radius view is off). */
export const selectBlastImpact = (state: AppState): FailureImpact | null =>
  state.blastDomain === null ? null : state.analysis.impact;

function byId<T>(read: (state: AppState, id: string) => T): (id: string) => (state: AppState) => T {
  const made = new Map<string, (state: AppState) => T>();
  return (id) => {
    let selector = made.get(id);
    if (!selector) made.set(id, (selector = (state) => read(state, id)));
    return selector;
  };
}

/** An element's monthly cost (its lines and its children's); undefined when nothing of it is priced. */
export const costOf = byId((state, id): ElementCostSummary | undefined =>
  state.analysis.costByElement.get(id),
);

/** The diagnostics about one element. */
export const diagnosticsOf = byId(
  (state, id): readonly Diagnostic[] => state.analysis.diagnosticsByElement.get(id) ?? NO_DIAGNOSTICS,
);

/** How many errors, warnings and notes one element has; undefined when none. */
export const problemsOf = byId((state, id): ProblemCounts | undefined =>
  state.analysis.problemsByElement.get(id),
);

/** How one element fares under the chosen failure; undefined when the blast-radius view is off. */
export const blastMarkOf = byId((state, id): BlastMark | undefined =>
  state.blastDomain === null ? undefined : state.analysis.blastMarks.get(id),
);

/** Problem counts of the whole document: errors, warnings (load warnings included) and notes. */
export function problemTotals(state: AppState): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of state.analysis.diagnostics) {
    if (d.severity === 'error') errors += 1;
    else if (d.severity === 'warning') warnings += 1;
    else infos += 1;
  }
  for (const w of state.loadWarnings) {
    if (w.severity === 'error') errors += 1;
    else warnings += 1;
  }
  errors += state.analysis.failures.length;
  return { errors, warnings, infos };
}
