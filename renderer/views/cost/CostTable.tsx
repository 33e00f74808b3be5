// The cost table: one row per group (sortable by clicking a heading), the totals under them, and an
// expanded row's line items (quantity × unit price × hours, the amounts, the source with its date, the
// assumption). Only expanded rows render their items, at most a page of them until "show all", so a large
// document stays responsive. A missing price reads "no price", never 0.
import { Fragment, useState } from 'react';
import type { CostLine, CostReport } from '../../../shared/cost/types';
import { fullMoney } from '../../analysis/format';
import type { CostGrouping, CostRow, CostSort, SortKey, SplitAmount } from './cost-rows';
import { COST_GROUPINGS, nextSort, noPrice, statusText } from './cost-rows';
import { lineFormula, lineSources } from './cost-chart';

/** Line items an expanded row shows before "show all". */
export const LINES_SHOWN = 50;

interface ColumnDef {
  readonly key: Exclude<SortKey, 'order'>;
  readonly title: string;
  readonly numeric: boolean;
}

function columns(grouping: CostGrouping): ColumnDef[] {
  return [
    { key: 'label', title: COST_GROUPINGS.find((g) => g.key === grouping)!.label, numeric: false },
    { key: 'expected', title: 'Expected', numeric: true },
    { key: 'maximum', title: 'Maximum', numeric: true },
    { key: 'onDemand', title: 'On-demand', numeric: true },
    { key: 'spot', title: 'Spot', numeric: true },
    { key: 'other', title: 'Other', numeric: true },
    { key: 'items', title: 'Items', numeric: true },
  ];
}

function Money({
  sum,
  amount,
  currency,
}: {
  sum: { items: number; unpriced: number };
  amount: number;
  currency: string;
}) {
  if (sum.items === 0) return <span className="cost-none">—</span>;
  if (noPrice(sum)) return <span className="cost-missing-price">no price</span>;
  return (
    <>
      {fullMoney(amount, currency)}
      {sum.unpriced > 0 && (
        <span className="cost-partial" title={`${sum.unpriced} item(s) without a price are not included`}>
          +{sum.unpriced}?
        </span>
      )}
    </>
  );
}

function SplitCell({ part, currency }: { part: SplitAmount; currency: string }) {
  return (
    <td className="num">
      <Money sum={part} amount={part.amount} currency={currency} />
    </td>
  );
}

function LineRow({
  line,
  currency,
  span,
  prefix,
}: {
  line: CostLine;
  currency: string;
  span: number;
  prefix: string;
}) {
  return (
    <tr className="cost-line" data-testid={`${prefix}-line-${line.id}`}>
      <td colSpan={span}>
        <div className="cost-line-grid">
          <div className="cost-line-what">
            <span className="cost-line-desc">{line.description}</span>
            <span className="cost-line-formula" data-testid="cost-line-formula">
              {lineFormula(line)}
            </span>
          </div>
          <div className="cost-line-amounts">
            {line.expected === null ? (
              <span className="cost-missing-price" title={line.missingReason}>
                no price: {line.missingReason}
              </span>
            ) : (
              <>
                <span>{fullMoney(line.expected, currency)}</span>
                <span className="cost-line-max">max {fullMoney(line.maximum ?? 0, currency)}</span>
              </>
            )}
          </div>
          <div className="cost-line-source" data-testid="cost-line-source">
            {lineSources(line)}
            {line.estimate && <span className="cost-tag">estimate</span>}
          </div>
          <div className="cost-line-assumption">{line.assumption}</div>
        </div>
      </td>
    </tr>
  );
}

function Lines({
  row,
  currency,
  span,
  prefix,
}: {
  row: CostRow;
  currency: string;
  span: number;
  prefix: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? row.lines : row.lines.slice(0, LINES_SHOWN);
  return (
    <>
      {shown.map((line) => (
        <LineRow key={line.id} line={line} currency={currency} span={span} prefix={prefix} />
      ))}
      {shown.length < row.lines.length && (
        <tr className="cost-line">
          <td colSpan={span}>
            <button
              type="button"
              className="button small"
              data-testid={`${prefix}-lines-all-${row.id}`}
              onClick={() => setAll(true)}
            >
              Show all {row.lines.length} items
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

export interface CostTableProps {
  readonly report: CostReport;
  readonly grouping: CostGrouping;
  readonly rows: readonly CostRow[];
  readonly totals: readonly CostRow[];
  readonly sort: CostSort;
  /** Absent: headings do not sort (print). */
  readonly onSort?: (sort: CostSort) => void;
  readonly expanded: ReadonlySet<string>;
  /** Absent: rows do not expand (print shows the rows expanded on screen). */
  readonly onToggle?: (id: string) => void;
  readonly testId?: string;
}

export function CostTable({
  report,
  grouping,
  rows,
  totals,
  sort,
  onSort,
  expanded,
  onToggle,
  testId = 'cost-table',
}: CostTableProps) {
  const cur = report.currency;
  const cols = columns(grouping);
  const span = cols.length + 1;
  const prefix = testId === 'cost-table' ? 'cost' : testId.replace(/-table$/, '');
  const body = (row: CostRow) => {
    const open = expanded.has(row.id) && row.lines.length > 0;
    const expandable = onToggle !== undefined && row.lines.length > 0;
    return (
      <Fragment key={`${row.kind}:${row.id}`}>
        <tr
          className={`cost-row cost-row-${row.kind}${open ? ' open' : ''}`}
          data-testid={`${prefix}-row-${row.id}`}
          data-unpriced={row.unpriced}
        >
          <th scope="row" className="cost-name">
            {expandable ? (
              <button
                type="button"
                className="cost-expand"
                aria-expanded={open}
                data-testid={`cost-expand-${row.id}`}
                onClick={() => onToggle(row.id)}
              >
                <span className="cost-caret" aria-hidden="true">
                  {open ? '▾' : '▸'}
                </span>
                {row.label}
              </button>
            ) : (
              row.label
            )}
          </th>
          <td className="num cost-expected">
            <Money sum={row} amount={row.expected} currency={cur} />
          </td>
          <td className="num">
            <Money sum={row} amount={row.maximum} currency={cur} />
          </td>
          <SplitCell part={row.split.onDemand} currency={cur} />
          <SplitCell part={row.split.spot} currency={cur} />
          <SplitCell part={row.split.other} currency={cur} />
          <td className="num">{row.items}</td>
          <td className={row.unpriced > 0 ? 'cost-status incomplete' : 'cost-status'}>{statusText(row)}</td>
        </tr>
        {open && <Lines row={row} currency={cur} span={span} prefix={prefix} />}
      </Fragment>
    );
  };
  return (
    <table className="cost-table" data-testid={testId}>
      <thead>
        <tr>
          {cols.map((col) => {
            const active = sort.key === col.key;
            const aria = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
            return (
              <th key={col.key} scope="col" className={col.numeric ? 'num' : undefined} aria-sort={aria}>
                {onSort ? (
                  <button
                    type="button"
                    className={active ? 'cost-sort active' : 'cost-sort'}
                    data-testid={`cost-sort-${col.key}`}
                    onClick={() => onSort(nextSort(sort, col.key))}
                  >
                    {col.title}
                    {col.numeric && col.key !== 'items' ? ` (${cur})` : ''}
                    <span className="cost-sort-mark" aria-hidden="true">
                      {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                ) : (
                  `${col.title}${col.numeric && col.key !== 'items' ? ` (${cur})` : ''}`
                )}
              </th>
            );
          })}
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>{rows.map(body)}</tbody>
      <tbody className="cost-totals">{totals.map(body)}</tbody>
    </table>
  );
}
