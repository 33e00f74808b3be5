// Two variants of a design side by side: the design and its scenarios (named snapshots of the spec saved in
// the same document), or any two of them. Each side is the document with its spec swapped, so every engine
// runs on it unchanged: cost per category and total (shared/cost), blast-radius score per failure domain
// (shared/blast, domains matched by id) and the design-rule problems that appear or disappear (shared/rules,
// matched by code, element and message). Deltas are always B minus A.
import type { Catalog } from '../catalog/types';
import { summarizeBlastRadius } from '../blast/summary';
import type { FailureDomainKind } from '../blast/types';
import { estimateCost } from '../cost/estimate';
import { roundCents } from '../cost/lines';
import type { CostTotal } from '../cost/types';
import { COST_CATEGORIES } from '../cost/types';
import type { TopologyDocument } from '../model/schema';
import { runRules } from '../rules/engine';
import type { RunRulesOptions } from '../rules/engine';
import type { Diagnostic, Severity } from '../rules/types';
import { compareStrings } from '../util/text';

/** The design itself, as a side of a comparison (scenario ids are element-style ids, so never this). */
export const DESIGN_SIDE = 'design';

/** A side of a comparison: its label and the document whose spec is that variant. */
export interface CompareSide {
  /** `design` or a scenario id. */
  readonly id: string;
  readonly label: string;
  readonly document: TopologyDocument;
}

/** The sides a document offers: the design first, then each scenario in id order. */
export function compareSides(doc: TopologyDocument): readonly CompareSide[] {
  return [
    { id: DESIGN_SIDE, label: 'Design', document: doc },
    ...(doc.scenarios ?? []).map((s) => ({
      id: s.id,
      label: s.name,
      document: { ...doc, spec: s.spec, scenarios: undefined },
    })),
  ];
}

/** The side with this id (`design` or a scenario id); undefined when the document has no such scenario. */
export function compareSide(doc: TopologyDocument, id: string): CompareSide | undefined {
  return compareSides(doc).find((side) => side.id === id);
}

/** One amount on both sides; `delta` is b - a, rounded to the cent. */
export interface AmountDelta {
  readonly a: number;
  readonly b: number;
  readonly delta: number;
}

/** A cost category (or total) on both sides, expected and maximum, and whether each side is fully priced. */
export interface CostRowDelta {
  /** A category key, or `infrastructure`, `engineering`, `total`. */
  readonly key: string;
  readonly label: string;
  readonly expected: AmountDelta;
  readonly maximum: AmountDelta;
  /** False when that side has lines without a price in this row (their amounts are not in it). */
  readonly aComplete: boolean;
  readonly bComplete: boolean;
}

/** A failure domain's blast-radius score on both sides; null on the side that does not have the domain. */
export interface DomainDelta {
  readonly id: string;
  readonly kind: FailureDomainKind;
  readonly label: string;
  readonly a: number | null;
  readonly b: number | null;
  /** b - a when both sides have the domain, else null. */
  readonly delta: number | null;
  readonly change: 'same' | 'changed' | 'added' | 'removed';
}

/** A design-rule problem that only one side has. */
export interface ProblemChange {
  readonly code: string;
  readonly severity: Severity;
  readonly elementId: string;
  readonly message: string;
}

/** The comparison of side B against side A. */
export interface Comparison {
  readonly a: { readonly id: string; readonly label: string };
  readonly b: { readonly id: string; readonly label: string };
  readonly currency: string;
  readonly cost: {
    /** Every category either side has, in display order. */
    readonly categories: readonly CostRowDelta[];
    readonly infrastructure: CostRowDelta;
    readonly engineering: CostRowDelta;
    readonly total: CostRowDelta;
  };
  readonly blast: {
    /** Every domain of either side: the largest score first (ties by id). */
    readonly domains: readonly DomainDelta[];
    /** The worst domain score on each side (0 when a side has none). */
    readonly worst: { readonly a: number; readonly b: number; readonly delta: number };
    readonly singlePointsOfFailure: { readonly a: number; readonly b: number; readonly delta: number };
  };
  readonly problems: {
    /** On B and not on A. */
    readonly appeared: readonly ProblemChange[];
    /** On A and not on B. */
    readonly disappeared: readonly ProblemChange[];
    /** Problems both sides have. */
    readonly unchanged: number;
  };
}

/** Options of a comparison: how the rules run (the app passes its own session so its memo is left alone). */
export interface CompareOptions {
  readonly rules?: RunRulesOptions;
}

function amounts(a: number, b: number): AmountDelta {
  return { a, b, delta: roundCents(b - a) };
}

const EMPTY_TOTAL: CostTotal = { expected: 0, maximum: 0, complete: true, unpriced: 0, items: 0 };

function costRow(key: string, label: string, a: CostTotal, b: CostTotal): CostRowDelta {
  return {
    key,
    label,
    expected: amounts(a.expected, b.expected),
    maximum: amounts(a.maximum, b.maximum),
    aComplete: a.complete,
    bComplete: b.complete,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Cost per category and total, blast-radius score per failure domain, and problems gained and lost, B against A. */
export function compareDesigns(
  a: CompareSide,
  b: CompareSide,
  catalog: Catalog,
  options: CompareOptions = {},
): Comparison {
  const costA = estimateCost(a.document, catalog);
  const costB = estimateCost(b.document, catalog);
  const categoryOf = (report: typeof costA, key: string) =>
    report.byCategory.find((group) => group.key === key) ?? EMPTY_TOTAL;
  const categories = COST_CATEGORIES.filter(
    (c) =>
      costA.byCategory.some((group) => group.key === c.key) ||
      costB.byCategory.some((group) => group.key === c.key),
  ).map((c) => costRow(c.key, c.label, categoryOf(costA, c.key), categoryOf(costB, c.key)));

  const blastA = summarizeBlastRadius(a.document, catalog);
  const blastB = summarizeBlastRadius(b.document, catalog);
  const scoresB = new Map(blastB.domains.map((d) => [d.domain.id, d]));
  const domains: DomainDelta[] = [];
  for (const before of blastA.domains) {
    const after = scoresB.get(before.domain.id);
    scoresB.delete(before.domain.id);
    const delta = after ? round1(after.score - before.score) : null;
    domains.push({
      id: before.domain.id,
      kind: before.domain.kind,
      label: before.domain.label,
      a: before.score,
      b: after ? after.score : null,
      delta,
      change: !after ? 'removed' : delta === 0 ? 'same' : 'changed',
    });
  }
  for (const after of scoresB.values()) {
    domains.push({
      id: after.domain.id,
      kind: after.domain.kind,
      label: after.domain.label,
      a: null,
      b: after.score,
      delta: null,
      change: 'added',
    });
  }
  const rank = (d: DomainDelta) => Math.max(d.a ?? 0, d.b ?? 0);
  domains.sort((x, y) => rank(y) - rank(x) || compareStrings(x.id, y.id));
  const worstA = blastA.domains[0]?.score ?? 0;
  const worstB = blastB.domains[0]?.score ?? 0;
  const spofA = blastA.singlePointsOfFailure.length;
  const spofB = blastB.singlePointsOfFailure.length;

  const problemsA = runRules(a.document, catalog, options.rules);
  const problemsB = runRules(b.document, catalog, options.rules);
  const keysA = new Set(problemsA.map(problemKey));
  const keysB = new Set(problemsB.map(problemKey));
  const appeared = problemsB.filter((d) => !keysA.has(problemKey(d))).map(problemChange);
  const disappeared = problemsA.filter((d) => !keysB.has(problemKey(d))).map(problemChange);

  return {
    a: { id: a.id, label: a.label },
    b: { id: b.id, label: b.label },
    currency: costB.currency,
    cost: {
      categories,
      infrastructure: costRow(
        'infrastructure',
        'Infrastructure',
        costA.totals.infrastructure,
        costB.totals.infrastructure,
      ),
      engineering: costRow(
        'engineering-total',
        'Engineering',
        costA.totals.engineering,
        costB.totals.engineering,
      ),
      total: costRow('total', 'Total', costA.totals.grand, costB.totals.grand),
    },
    blast: {
      domains,
      worst: { a: worstA, b: worstB, delta: round1(worstB - worstA) },
      singlePointsOfFailure: { a: spofA, b: spofB, delta: spofB - spofA },
    },
    problems: { appeared, disappeared, unchanged: problemsB.length - appeared.length },
  };
}

function problemKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.elementId}\u0000${d.message}`;
}

function problemChange(d: Diagnostic): ProblemChange {
  return { code: d.code, severity: d.severity, elementId: d.elementId, message: d.message };
}

/** Whether a comparison finds no difference at all: every delta zero, no domain or problem gained or lost. */
export function isSameComparison(result: Comparison): boolean {
  const rows = [
    ...result.cost.categories,
    result.cost.infrastructure,
    result.cost.engineering,
    result.cost.total,
  ];
  return (
    rows.every((r) => r.expected.delta === 0 && r.maximum.delta === 0) &&
    result.blast.domains.every((d) => d.change === 'same') &&
    result.blast.worst.delta === 0 &&
    result.blast.singlePointsOfFailure.delta === 0 &&
    result.problems.appeared.length === 0 &&
    result.problems.disappeared.length === 0
  );
}
