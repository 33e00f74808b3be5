// The analyses of one document, computed by the engines of shared/ and indexed for the views: the cost
// report with each element's share, the design-rule diagnostics by element and, when a failure domain is
// chosen, its impact with a mark per element (the blast-radius summary of every domain is computed only
// where it is shown: renderer/analysis/blast-summary.ts). Every index hands back the previous
// entry object when an element's figures did not change, so a canvas node that reads its entry by id
// re-renders only when its own figures change, not on every edit.
import { listFailureDomains } from '../../shared/blast/domains';
import { analyzeFailure } from '../../shared/blast/impact';
import type { FailureImpact } from '../../shared/blast/types';
import type { Catalog } from '../../shared/catalog/types';
import { estimateCost } from '../../shared/cost/estimate';
import type { CostReport } from '../../shared/cost/types';
import { runRules } from '../../shared/rules/engine';
import type { Diagnostic } from '../../shared/rules/types';
import type { TopologyDocument } from '../../shared/model/schema';

/** An element's monthly cost: the sum of its lines, and of its children's for a container. */
export interface ElementCostSummary {
  readonly expected: number;
  readonly maximum: number;
  /** Lines in the sum. */
  readonly items: number;
  /** Lines without a price (their amounts are not in the sums). */
  readonly unpriced: number;
}

/** How many problems the rules found on an element, worst first. */
export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** How an element fares under the chosen failure: it fails, it loses part of its capacity, or it survives. */
export type BlastMark = 'failed' | 'degraded' | 'ok';

export interface Analysis {
  /** The document these results describe (null before the first run). */
  readonly doc: TopologyDocument | null;
  /**
   * The document the diagnostics were found on: `doc`, or another version of it while the design rules of a
   * large document run in the analysis worker (analysis-remote.ts). Null before the first run and after a
   * document is loaded, until its rules have run.
   */
  readonly diagnosticsDoc: TopologyDocument | null;
  readonly cost: CostReport | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Which failure domain `impact` is for. */
  readonly impactDomain: string | null;
  readonly impact: FailureImpact | null;
  readonly costByElement: ReadonlyMap<string, ElementCostSummary>;
  readonly diagnosticsByElement: ReadonlyMap<string, readonly Diagnostic[]>;
  readonly problemsByElement: ReadonlyMap<string, ProblemCounts>;
  readonly blastMarks: ReadonlyMap<string, BlastMark>;
  /** An engine that threw, in words (the other results are still shown). */
  readonly failures: readonly string[];
}

export const EMPTY_ANALYSIS: Analysis = {
  doc: null,
  diagnosticsDoc: null,
  cost: null,
  diagnostics: [],
  impactDomain: null,
  impact: null,
  costByElement: new Map(),
  diagnosticsByElement: new Map(),
  problemsByElement: new Map(),
  blastMarks: new Map(),
  failures: [],
};

/** What a run needs beyond the document: the catalog and the rules engine's session key. */
export interface AnalysisContext {
  readonly catalog: Catalog;
  /** Keeps this store's rule runs apart from other stores' (each diffs against its own previous run). */
  readonly session: object;
}

const IMPACT_FAILURE = 'The analysis of the failure of';
const RULES_FAILURE = 'The design rules';

function attempt<T>(what: string, failures: string[], run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    failures.push(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Element costs from a report; entries equal to the previous ones are the previous objects. */
export function indexCosts(
  report: CostReport,
  previous: ReadonlyMap<string, ElementCostSummary>,
): ReadonlyMap<string, ElementCostSummary> {
  const sums = new Map<string, { expected: number; maximum: number; items: number; unpriced: number }>();
  const keys = new Set<string>();
  for (const line of report.lines) {
    keys.clear();
    keys.add(line.elementId);
    if (line.regionId !== undefined) keys.add(line.regionId);
    if (line.clusterId !== undefined) keys.add(line.clusterId);
    if (line.poolId !== undefined) keys.add(line.poolId);
    for (const key of keys) {
      let sum = sums.get(key);
      if (!sum) sums.set(key, (sum = { expected: 0, maximum: 0, items: 0, unpriced: 0 }));
      sum.items += 1;
      if (line.expected === null || line.maximum === null) sum.unpriced += 1;
      else {
        sum.expected += line.expected;
        sum.maximum += line.maximum;
      }
    }
  }
  const out = new Map<string, ElementCostSummary>();
  for (const [key, sum] of sums) {
    const rounded = {
      expected: Math.round(sum.expected * 100) / 100,
      maximum: Math.round(sum.maximum * 100) / 100,
      items: sum.items,
      unpriced: sum.unpriced,
    };
    const old = previous.get(key);
    out.set(
      key,
      old &&
        old.expected === rounded.expected &&
        old.maximum === rounded.maximum &&
        old.items === rounded.items &&
        old.unpriced === rounded.unpriced
        ? old
        : rounded,
    );
  }
  return out;
}

/** Diagnostics by element and their counts; unchanged entries keep their identity. */
export function indexDiagnostics(
  diagnostics: readonly Diagnostic[],
  previous: {
    byElement: ReadonlyMap<string, readonly Diagnostic[]>;
    counts: ReadonlyMap<string, ProblemCounts>;
  },
): { byElement: ReadonlyMap<string, readonly Diagnostic[]>; counts: ReadonlyMap<string, ProblemCounts> } {
  const grouped = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = grouped.get(d.elementId);
    if (list) list.push(d);
    else grouped.set(d.elementId, [d]);
  }
  const byElement = new Map<string, readonly Diagnostic[]>();
  const counts = new Map<string, ProblemCounts>();
  for (const [id, list] of grouped) {
    const old = previous.byElement.get(id);
    const same = old && old.length === list.length && old.every((d, i) => d === list[i]);
    byElement.set(id, same ? old : list);
    const next = {
      errors: list.filter((d) => d.severity === 'error').length,
      warnings: list.filter((d) => d.severity === 'warning').length,
      infos: list.filter((d) => d.severity === 'info').length,
    };
    const oldCounts = previous.counts.get(id);
    counts.set(
      id,
      oldCounts &&
        oldCounts.errors === next.errors &&
        oldCounts.warnings === next.warnings &&
        oldCounts.infos === next.infos
        ? oldCounts
        : next,
    );
  }
  return { byElement, counts };
}

/**
 * The mark of every element under a failure: what fails entirely is `failed` (a workload that is down is
 * too), what loses part of its capacity or serves less is `degraded`, everything else `ok`.
 */
export function blastMarks(doc: TopologyDocument, impact: FailureImpact): ReadonlyMap<string, BlastMark> {
  const marks = new Map<string, BlastMark>();
  const spec = doc.spec;
  for (const list of [spec.regions, spec.zones, spec.clusters, spec.nodePools, spec.fleets]) {
    for (const element of list) marks.set(element.id, 'ok');
  }
  for (const workload of impact.workloads) {
    marks.set(
      workload.workloadId,
      workload.status === 'down' ? 'failed' : workload.status === 'degraded' ? 'degraded' : 'ok',
    );
  }
  for (const partial of impact.partial) if (partial.shareLost > 0) marks.set(partial.id, 'degraded');
  for (const failed of impact.failed) marks.set(failed.id, 'failed');
  return marks;
}

/** The design rules on a document, with what stopped them in words (never thrown). */
export function runDesignRules(
  doc: TopologyDocument,
  context: AnalysisContext,
): { diagnostics: readonly Diagnostic[]; failure: string | null } {
  const failures: string[] = [];
  const diagnostics =
    attempt(RULES_FAILURE, failures, () => runRules(doc, context.catalog, { session: context.session })) ??
    [];
  return { diagnostics, failure: failures[0] ?? null };
}

function isRulesFailure(failure: string): boolean {
  return failure.startsWith(RULES_FAILURE);
}

/** `analysis` with the design rules' findings on `doc` (and what stopped them, if anything). */
export function withDiagnostics(
  analysis: Analysis,
  doc: TopologyDocument,
  diagnostics: readonly Diagnostic[],
  failure: string | null,
): Analysis {
  const indexed = indexDiagnostics(diagnostics, {
    byElement: analysis.diagnosticsByElement,
    counts: analysis.problemsByElement,
  });
  return {
    ...analysis,
    diagnosticsDoc: doc,
    diagnostics,
    diagnosticsByElement: indexed.byElement,
    problemsByElement: indexed.counts,
    failures: [...analysis.failures.filter((f) => !isRulesFailure(f)), ...(failure ? [failure] : [])],
  };
}

/** `analysis` without diagnostics (a document was loaded: those of the one before are not about it). */
export function withoutDiagnostics(analysis: Analysis): Analysis {
  return {
    ...analysis,
    diagnosticsDoc: null,
    diagnostics: EMPTY_ANALYSIS.diagnostics,
    diagnosticsByElement: EMPTY_ANALYSIS.diagnosticsByElement,
    problemsByElement: EMPTY_ANALYSIS.problemsByElement,
    failures: analysis.failures.filter((f) => !isRulesFailure(f)),
  };
}

/**
 * Whether two versions of a document give the same figures: the engines read only the spec and the metadata,
 * and a move on the canvas keeps both objects.
 */
export function sameFigures(a: TopologyDocument | null | undefined, b: TopologyDocument): boolean {
  return !!a && a.spec === b.spec && a.metadata === b.metadata;
}

/** Whether the diagnostics of `analysis` hold for `doc` (found on a version with the same figures). */
export function diagnosticsCurrent(analysis: Analysis, doc: TopologyDocument): boolean {
  return sameFigures(analysis.diagnosticsDoc, doc);
}

/**
 * The cost engine and the chosen failure's impact on a document, indexed for the views; `previous`'s entries
 * that did not change are reused, and its diagnostics kept (the design rules run apart: runDesignRules, here
 * or in the analysis worker). What cannot be computed is reported in `failures`, never thrown.
 */
export function computeAnalysis(
  doc: TopologyDocument,
  blastDomain: string | null,
  context: AnalysisContext,
  previous: Analysis,
): Analysis {
  const failures: string[] = [];
  const cost = attempt('The cost estimate', failures, () => estimateCost(doc, context.catalog)) ?? null;
  const impact = computeImpact(doc, blastDomain, context, failures);
  return {
    ...previous,
    doc,
    cost,
    impactDomain: impact ? blastDomain : null,
    impact,
    costByElement: cost
      ? cost === previous.cost
        ? previous.costByElement
        : indexCosts(cost, previous.costByElement)
      : new Map(),
    blastMarks: impact ? blastMarks(doc, impact) : EMPTY_ANALYSIS.blastMarks,
    failures: [...failures, ...previous.failures.filter(isRulesFailure)],
  };
}

/** The impact of the chosen failure domain, or null when none is chosen or it no longer exists. */
export function computeImpact(
  doc: TopologyDocument,
  blastDomain: string | null,
  context: AnalysisContext,
  failures: string[],
): FailureImpact | null {
  if (blastDomain === null || !hasFailureDomain(doc, blastDomain)) return null;
  return (
    attempt(`${IMPACT_FAILURE} ${blastDomain}`, failures, () =>
      analyzeFailure(doc, blastDomain, context.catalog),
    ) ?? null
  );
}

/** The same analysis with the impact of another failure domain (or none). */
export function withImpact(
  analysis: Analysis,
  blastDomain: string | null,
  context: AnalysisContext,
): Analysis {
  const failures = analysis.failures.filter((f) => !f.startsWith(IMPACT_FAILURE));
  const impact = analysis.doc ? computeImpact(analysis.doc, blastDomain, context, failures) : null;
  return {
    ...analysis,
    impactDomain: impact ? blastDomain : null,
    impact,
    blastMarks: impact && analysis.doc ? blastMarks(analysis.doc, impact) : EMPTY_ANALYSIS.blastMarks,
    failures,
  };
}

/** Whether a document has this failure domain (a domain goes when its element is deleted). */
export function hasFailureDomain(doc: TopologyDocument, id: string): boolean {
  return listFailureDomains(doc).some((domain) => domain.id === id);
}

/** Elements in a document (regions, zones, clusters, pools, fleets, workloads and dependencies). */
export function elementCount(doc: TopologyDocument): number {
  const spec = doc.spec;
  return (
    spec.regions.length +
    spec.zones.length +
    spec.clusters.length +
    spec.nodePools.length +
    spec.fleets.length +
    spec.workloads.length +
    spec.dependencies.length
  );
}
