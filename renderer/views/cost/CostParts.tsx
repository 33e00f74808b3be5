// Parts of the cost report shared by the view and its print layout: the completeness marker (naming
// what has no price) and the facts a review needs (catalog and its date, price sources with their dates,
// assumptions).
import { useMemo } from 'react';
import type { CostReport } from '../../../shared/cost/types';
import { missingItems } from './cost-chart';
import { costExportHeader } from './cost-rows';

/** How many unpriced items the marker lists before "and n more". */
const MISSING_SHOWN = 12;

/** "incomplete: n unpriced", with the list of what has no price. */
export function IncompleteMarker({
  report,
  open = false,
  prefix = 'cost',
}: {
  report: CostReport;
  open?: boolean;
  prefix?: string;
}) {
  const { unpriced } = report.totals.grand;
  const missing = useMemo(() => missingItems(report), [report]);
  if (unpriced === 0) {
    return (
      <span className="cost-complete" data-testid={`${prefix}-complete`}>
        complete: every item priced
      </span>
    );
  }
  return (
    <details className="cost-incomplete" data-testid={`${prefix}-incomplete`} open={open}>
      <summary>
        incomplete: {unpriced} unpriced <span className="cost-incomplete-hint">(not in the totals)</span>
      </summary>
      <ul className="cost-missing" data-testid={`${prefix}-missing`}>
        {missing.slice(0, MISSING_SHOWN).map((item, index) => (
          <li key={index}>{item}</li>
        ))}
        {missing.length > MISSING_SHOWN && <li>and {missing.length - MISSING_SHOWN} more</li>}
      </ul>
    </details>
  );
}

/** The facts a review needs on the page: catalog and its date, price sources with dates, assumptions. */
export function ReportFacts({
  report,
  prefix = 'cost',
  omit = [],
}: {
  report: CostReport;
  prefix?: string;
  /** Labels of facts shown elsewhere on the page (e.g. `Assumptions` beside their editable fields). */
  omit?: readonly string[];
}) {
  const header = useMemo(() => costExportHeader(report), [report]);
  return (
    <dl className="cost-facts" data-testid={`${prefix}-facts`}>
      {header
        .filter((entry) => entry.label !== 'Status' && !omit.includes(entry.label))
        .map((entry) => (
          <div key={entry.label} className="cost-fact">
            <dt>{entry.label}</dt>
            <dd>{entry.value}</dd>
          </div>
        ))}
    </dl>
  );
}
