// The analysis in the status bar: the monthly cost total (expected and maximum, and "incomplete (n
// unpriced)" when prices are missing), which opens a small breakdown by category, and the problem counts,
// which open the problems panel.
import { useEffect, useRef, useState } from 'react';
import type { CostTotal } from '../../shared/cost/types';
import { plural } from '../../shared/util/text';
import { useAppStore, useServices } from '../app/context';
import { problemTotals, selectCostTotal, selectProblemsPending } from '../store/analysis-selectors';
import { compactMoney, fullMoney } from './format';

/** `incomplete (3 unpriced)`, or nothing when every item has a price. */
export function incompleteText(total: Pick<CostTotal, 'unpriced'>): string | undefined {
  return total.unpriced > 0 ? `incomplete (${total.unpriced} unpriced)` : undefined;
}

export function CostStatus() {
  const total = useAppStore(selectCostTotal);
  const currency = useAppStore((s) => s.doc.spec.settings.currency);
  const pending = useAppStore((s) => s.analysisPending);
  const analysisMs = useAppStore((s) => s.analysisMs);
  const analysisAt = useAppStore((s) => s.analysisAt);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as globalThis.Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', escape, true);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', escape, true);
    };
  }, [open]);
  const incomplete = total ? incompleteText(total) : undefined;
  return (
    <span className="status-cost-root" ref={root}>
      <button
        type="button"
        className={pending ? 'status-cost pending' : 'status-cost'}
        data-testid="status-cost"
        data-complete={total ? String(total.unpriced === 0) : undefined}
        data-analysis-ms={analysisMs === null ? undefined : analysisMs.toFixed(1)}
        data-analysis-at={analysisAt === null ? undefined : analysisAt.toFixed(1)}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={
          'Monthly cost: expected (desired node counts) and maximum (max node counts). Click for the breakdown.' +
          (analysisMs === null ? '' : ` Cost and blast radius computed in ${analysisMs.toFixed(0)} ms.`)
        }
        onClick={() => setOpen(!open)}
        disabled={!total}
      >
        {total ? (
          total.items > 0 && total.unpriced === total.items ? (
            <span className="badge-missing">no price</span>
          ) : (
            <>
              <span className="cost-expected">{compactMoney(total.expected, currency)}/mo</span>
              <span className="cost-maximum">max {compactMoney(total.maximum, currency)}</span>
              {incomplete && <span className="badge-incomplete">{incomplete}</span>}
            </>
          )
        ) : (
          <span className="muted">computing cost…</span>
        )}
      </button>
      {open && total && <CostBreakdown />}
    </span>
  );
}

function CostBreakdown() {
  const report = useAppStore((s) => s.analysis.cost);
  const currency = useAppStore((s) => s.doc.spec.settings.currency);
  if (!report) return null;
  const { infrastructure, engineering, grand } = report.totals;
  const amount = (sum: CostTotal, which: 'expected' | 'maximum') =>
    sum.items > 0 && sum.unpriced === sum.items ? 'no price' : fullMoney(sum[which], currency);
  return (
    <div className="cost-popover" role="dialog" aria-label="Cost breakdown" data-testid="cost-breakdown">
      <div className="popover-title">Monthly cost by category</div>
      <table className="cost-table">
        <thead>
          <tr>
            <th>Category</th>
            <th className="num">Expected</th>
            <th className="num">Maximum</th>
          </tr>
        </thead>
        <tbody>
          {report.byCategory
            .filter((group) => group.key !== 'engineering')
            .map((group) => (
              <tr key={group.key} data-testid={`cost-category-${group.key}`}>
                <td>
                  {group.label}
                  {group.unpriced > 0 && (
                    <span className="badge-incomplete small">{group.unpriced} unpriced</span>
                  )}
                </td>
                <td className="num">{amount(group, 'expected')}</td>
                <td className="num">{amount(group, 'maximum')}</td>
              </tr>
            ))}
          <tr className="subtotal">
            <td>Infrastructure</td>
            <td className="num">{amount(infrastructure, 'expected')}</td>
            <td className="num">{amount(infrastructure, 'maximum')}</td>
          </tr>
          {engineering.items > 0 && (
            <>
              <tr data-testid="cost-category-engineering">
                <td>Engineering time</td>
                <td className="num">{amount(engineering, 'expected')}</td>
                <td className="num">{amount(engineering, 'maximum')}</td>
              </tr>
              <tr className="total">
                <td>Total</td>
                <td className="num">{amount(grand, 'expected')}</td>
                <td className="num">{amount(grand, 'maximum')}</td>
              </tr>
            </>
          )}
        </tbody>
      </table>
      {grand.unpriced > 0 && (
        <p className="popover-note">
          Incomplete: {plural(grand.unpriced, 'item')} {grand.unpriced === 1 ? 'has' : 'have'} no price in the
          catalog and {grand.unpriced === 1 ? 'is' : 'are'} not in these totals.
        </p>
      )}
      <p className="popover-note muted">
        {report.assumptions.hoursPerMonth} h a month · prices of {report.catalog.id} (
        {report.catalog.generatedAt.slice(0, 10)})
      </p>
    </div>
  );
}

export function ProblemsStatus() {
  const { store } = useServices();
  const errors = useAppStore((s) => problemTotals(s).errors);
  const warnings = useAppStore((s) => problemTotals(s).warnings);
  const open = useAppStore((s) => s.panels.problems);
  const pending = useAppStore(selectProblemsPending);
  const none = errors === 0 && warnings === 0;
  return (
    <button
      type="button"
      className={[
        'status-problems',
        errors > 0 && 'has-errors',
        warnings > 0 && 'has-warnings',
        pending && 'pending',
      ]
        .filter(Boolean)
        .join(' ')}
      data-testid="status-problems"
      data-errors={errors}
      data-warnings={warnings}
      aria-pressed={open}
      aria-busy={pending}
      title={
        'Toggle the problems panel (Ctrl/Cmd+Shift+M)' +
        (pending ? '. The design rules are checking the latest change.' : '')
      }
      onClick={() => store.getState().togglePanel('problems')}
    >
      {none ? (
        <span>No problems</span>
      ) : (
        <>
          <span className="count-errors">{plural(errors, 'error')}</span>
          <span className="sep"> · </span>
          <span className="count-warnings">{plural(warnings, 'warning')}</span>
        </>
      )}
    </button>
  );
}
