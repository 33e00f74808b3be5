// The cost report as it prints (PDF): a copy of the report placed directly in <body>, hidden on screen;
// the print stylesheet (cost-view.css, @media print) shows it alone and hides the rest of the app. It
// carries the header (document, catalog date, price sources with dates, assumptions, completeness), the
// table as grouped and sorted on screen (with the rows expanded there) and the charts.
import { createPortal } from 'react-dom';
import type { CostReport } from '../../../shared/cost/types';
import { CostChart } from './CostChart';
import { IncompleteMarker, ReportFacts } from './CostParts';
import { CostTable } from './CostTable';
import type { Bar } from './cost-chart';
import type { CostGrouping, CostRow, CostSort } from './cost-rows';

export interface CostPrintProps {
  readonly report: CostReport;
  readonly grouping: CostGrouping;
  readonly rows: readonly CostRow[];
  readonly totals: readonly CostRow[];
  readonly sort: CostSort;
  readonly expanded: ReadonlySet<string>;
  readonly byCategory: readonly Bar[];
  readonly byCluster: readonly Bar[];
}

export function CostPrint(props: CostPrintProps) {
  const { report } = props;
  const cur = report.currency;
  return createPortal(
    <div className="cost-print-root" data-testid="cost-print" aria-hidden="true">
      <h1>Monthly cost of “{report.documentName}”</h1>
      <IncompleteMarker report={report} open prefix="cost-print" />
      <ReportFacts report={report} prefix="cost-print" />
      <CostTable
        report={report}
        grouping={props.grouping}
        rows={props.rows}
        totals={props.totals}
        sort={props.sort}
        expanded={props.expanded}
        testId="cost-print-table"
      />
      <div className="cost-charts">
        <CostChart
          title={`By category (${cur}/month, expected)`}
          bars={props.byCategory}
          currency={cur}
          testId="cost-print-chart-category"
        />
        <CostChart
          title={`By cluster (${cur}/month, expected)`}
          bars={props.byCluster}
          currency={cur}
          testId="cost-print-chart-cluster"
          legend
        />
      </div>
    </div>,
    document.body,
  );
}
