// A comparison as tables (shared/report/table.ts) for the command line and the app's exports: cost per
// category and total, blast-radius score per failure domain, problems that appear or disappear, and one
// long table with all three for CSV (a CSV file holds a single table).
import type { Cell, Table } from '../report/table';
import { formatMoney } from '../report/table';
import type { AmountDelta, Comparison, CostRowDelta, DomainDelta } from './compare';

/** A delta with its sign, for words: `+1,234.00`, `-5.00`, `0.00`. */
export function signedMoney(delta: number): string {
  return delta > 0 ? `+${formatMoney(delta)}` : formatMoney(delta);
}

/** A score delta with its sign and one decimal: `+12.5`, `-3.0`, `0.0`. */
export function signedScore(delta: number): string {
  return delta > 0 ? `+${delta.toFixed(1)}` : delta.toFixed(1);
}

/** The change as a share of A, e.g. `+12.3%`; empty when A is zero. */
export function deltaPercent(amount: AmountDelta): string {
  if (amount.a === 0) return '';
  const share = (amount.delta / Math.abs(amount.a)) * 100;
  return `${share > 0 ? '+' : ''}${share.toFixed(1)}%`;
}

function priced(row: CostRowDelta): string {
  if (row.aComplete && row.bComplete) return 'complete';
  const sides = [!row.aComplete ? 'A' : '', !row.bComplete ? 'B' : ''].filter(Boolean).join(' and ');
  return `incomplete on ${sides}`;
}

/** The rows of a cost comparison: infrastructure categories, their subtotal, engineering time and the total. */
export function costRows(result: Comparison): CostRowDelta[] {
  const { categories, infrastructure, total } = result.cost;
  const engineering = categories.find((c) => c.key === 'engineering');
  const rows = [...categories.filter((c) => c.key !== 'engineering'), infrastructure];
  return engineering ? [...rows, engineering, total] : rows;
}

/** Cost per category, infrastructure and total on both sides, expected and maximum, with deltas (B - A). */
export function costComparisonTable(result: Comparison): Table {
  const { a, b } = result;
  return {
    title: `Monthly cost: "${b.label}" against "${a.label}" (${result.currency})`,
    columns: [
      { key: 'item', title: 'Category' },
      { key: 'a', title: `A: ${a.label}`, align: 'right', kind: 'money' },
      { key: 'b', title: `B: ${b.label}`, align: 'right', kind: 'money' },
      { key: 'delta', title: 'Delta (B - A)', align: 'right', kind: 'money' },
      { key: 'percent', title: 'Delta %', align: 'right' },
      { key: 'aMax', title: 'A maximum', align: 'right', kind: 'money' },
      { key: 'bMax', title: 'B maximum', align: 'right', kind: 'money' },
      { key: 'deltaMax', title: 'Delta maximum', align: 'right', kind: 'money' },
      { key: 'status', title: 'Prices' },
    ],
    rows: costRows(result).map((row) => ({
      item: row.label,
      a: row.expected.a,
      b: row.expected.b,
      delta: row.expected.delta,
      percent: deltaPercent(row.expected),
      aMax: row.maximum.a,
      bMax: row.maximum.b,
      deltaMax: row.maximum.delta,
      status: priced(row),
    })),
    footnotes: [
      `A: ${a.label}; B: ${b.label}. Amounts are monthly, in ${result.currency}; deltas are B minus A.`,
      'An incomplete side has items without a price; their amounts are in neither side\u2019s figures.',
    ],
  };
}

function score(value: number | null): Cell {
  return value === null ? '' : value.toFixed(1);
}

function domainRow(d: DomainDelta): Record<string, Cell> {
  return {
    domain: d.id,
    kind: d.kind,
    a: score(d.a),
    b: score(d.b),
    delta: d.delta === null ? '' : signedScore(d.delta),
    change: d.change,
  };
}

/** Blast-radius score (0-100) of every failure domain on both sides, largest first, with deltas. */
export function blastComparisonTable(result: Comparison): Table {
  const { a, b, blast } = result;
  return {
    title: `Blast radius per failure domain: "${b.label}" against "${a.label}"`,
    columns: [
      { key: 'domain', title: 'Domain' },
      { key: 'kind', title: 'Kind' },
      { key: 'a', title: `A: ${a.label}`, align: 'right' },
      { key: 'b', title: `B: ${b.label}`, align: 'right' },
      { key: 'delta', title: 'Delta (B - A)', align: 'right' },
      { key: 'change', title: 'Change' },
    ],
    rows: blast.domains.map(domainRow),
    footnotes: [
      `Worst domain score: A ${blast.worst.a.toFixed(1)}, B ${blast.worst.b.toFixed(1)} (${signedScore(blast.worst.delta)}).`,
      `Single points of failure: A ${blast.singlePointsOfFailure.a}, B ${blast.singlePointsOfFailure.b}.`,
      'added: the domain exists only in B; removed: only in A.',
    ],
  };
}

/** Design-rule problems that appear in B or disappear from A. */
export function problemsComparisonTable(result: Comparison): Table {
  const { a, b, problems } = result;
  const row = (change: string) => (p: Comparison['problems']['appeared'][number]) => ({
    change,
    severity: p.severity,
    code: p.code,
    element: p.elementId,
    message: p.message,
  });
  return {
    title: `Problems: "${b.label}" against "${a.label}"`,
    columns: [
      { key: 'change', title: 'Change' },
      { key: 'severity', title: 'Severity' },
      { key: 'code', title: 'Code' },
      { key: 'element', title: 'Element' },
      { key: 'message', title: 'Message' },
    ],
    rows: [...problems.appeared.map(row('appeared')), ...problems.disappeared.map(row('disappeared'))],
    footnotes: [
      `${problems.appeared.length} appeared, ${problems.disappeared.length} disappeared, ${problems.unchanged} on both sides.`,
    ],
  };
}

/** The three tables of a comparison: cost, blast radius, problems. */
export function comparisonTables(result: Comparison): readonly Table[] {
  return [costComparisonTable(result), blastComparisonTable(result), problemsComparisonTable(result)];
}

/**
 * The whole comparison as one long table (section, item, A, B, delta, note) for CSV: cost rows, then every
 * failure domain whose score differs, then the problems that appear or disappear.
 */
export function comparisonSheet(result: Comparison): Table {
  const { a, b, currency } = result;
  const rows: Record<string, Cell>[] = costRows(result).map((row) => ({
    section: `Cost (${currency}/month, expected)`,
    item: row.label,
    a: row.expected.a,
    b: row.expected.b,
    delta: row.expected.delta,
    note: priced(row),
  }));
  for (const d of result.blast.domains) {
    if (d.change === 'same') continue;
    rows.push({
      section: 'Blast radius score',
      item: d.id,
      a: d.a === null ? '' : Number(d.a.toFixed(1)),
      b: d.b === null ? '' : Number(d.b.toFixed(1)),
      delta: d.delta === null ? '' : d.delta,
      note: d.change,
    });
  }
  for (const [change, list] of [
    ['appeared', result.problems.appeared],
    ['disappeared', result.problems.disappeared],
  ] as const) {
    for (const p of list) {
      rows.push({
        section: `Problem ${change}`,
        item: `${p.code} ${p.elementId}`,
        a: change === 'disappeared' ? p.severity : '',
        b: change === 'appeared' ? p.severity : '',
        delta: '',
        note: p.message,
      });
    }
  }
  return {
    title: `"${b.label}" against "${a.label}"`,
    columns: [
      { key: 'section', title: 'Section' },
      { key: 'item', title: 'Item' },
      { key: 'a', title: `A: ${a.label}`, align: 'right' },
      { key: 'b', title: `B: ${b.label}`, align: 'right' },
      { key: 'delta', title: 'Delta (B - A)', align: 'right' },
      { key: 'note', title: 'Note' },
    ],
    rows,
  };
}
