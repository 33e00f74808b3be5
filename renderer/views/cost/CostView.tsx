// The cost view: the engine's report (read from the analysis slice, never recomputed here) as a table
// grouped by category, region, cluster or pool, sortable, each row expandable to its line items; the
// on-demand / spot split, expected and maximum, the totals and an "incomplete" marker naming what has no
// price; the assumptions, editable in place (one undoable `settings` command per committed edit); charts
// by category and by cluster; exports (CSV, XLSX, Markdown, PDF) and a print layout of the whole report.
import { useMemo, useState } from 'react';
import type { CostReport } from '../../../shared/cost/types';
import { useAppStore, useServices } from '../../app/context';
import { saveTableExport, TABLE_EXPORT_FORMATS, exportFileName } from '../../exports/table-export';
import type { TableExportFormat } from '../../exports/table-export';
import type { AppServices } from '../../app/services';
import { AssumptionsPanel } from './AssumptionsPanel';
import { CostChart } from './CostChart';
import { IncompleteMarker, ReportFacts } from './CostParts';
import { CostPrint } from './CostPrint';
import { CostTable } from './CostTable';
import { categoryBars, clusterBars, topBars } from './cost-chart';
import type { CostGrouping, CostSort } from './cost-rows';
import {
  COST_GROUPINGS,
  DOCUMENT_ORDER,
  costExport,
  costRows,
  isCostGrouping,
  sortRows,
  totalRows,
} from './cost-rows';
import './cost-view.css';

/** Facts the view shows in its title and its assumptions panel (the print copy lists them all). */
const SHOWN_ELSEWHERE = ['Document', 'Assumptions'];
/** How many clusters the chart draws before summing the rest. */
const CLUSTER_BARS = 12;

function currentReport(services: AppServices): CostReport | null {
  const state = services.store.getState();
  state.flushAnalysis();
  return services.store.getState().analysis.cost;
}

async function exportTable(
  services: AppServices,
  format: TableExportFormat,
  grouping: CostGrouping,
  sort: CostSort,
): Promise<void> {
  const { showToast } = services.store.getState();
  const report = currentReport(services);
  if (!report) {
    showToast({ kind: 'error', message: 'There is no cost report to export: the estimate failed.' });
    return;
  }
  const content = costExport(report, grouping, sort);
  const base = exportFileName(report.documentName, 'cost', grouping);
  const result = await saveTableExport(services.host, content, format, base);
  if (!result.ok) showToast({ kind: 'error', message: result.error.message });
  else if (result.value)
    showToast({
      kind: 'success',
      message: `Exported ${TABLE_EXPORT_FORMATS[format].label}: ${result.value.name}`,
    });
}

async function printReport(services: AppServices): Promise<void> {
  const { showToast } = services.store.getState();
  const report = currentReport(services);
  if (!report) {
    showToast({ kind: 'error', message: 'There is no cost report to print: the estimate failed.' });
    return;
  }
  const result = await services.host.printToPdf({
    suggestedName: `${exportFileName(report.documentName, 'cost')}.pdf`,
  });
  if (!result.ok) showToast({ kind: 'error', message: result.error.message });
  else if (result.value) showToast({ kind: 'success', message: `Saved PDF: ${result.value.name}` });
}

export function CostView() {
  const services = useServices();
  const report = useAppStore((s) => s.analysis.cost);
  const pending = useAppStore((s) => s.analysisPending);
  const [grouping, setGrouping] = useState<CostGrouping>('category');
  const [sort, setSort] = useState<CostSort>(DOCUMENT_ORDER);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const rows = useMemo(
    () => (report ? sortRows(costRows(report, grouping), sort) : []),
    [report, grouping, sort],
  );
  const totals = useMemo(() => (report ? totalRows(report) : []), [report]);
  const byCategory = useMemo(() => (report ? categoryBars(report) : []), [report]);
  const byCluster = useMemo(() => (report ? topBars(clusterBars(report), CLUSTER_BARS) : []), [report]);

  if (!report) {
    return (
      <div className="cost-view" data-testid="cost-view">
        <p className="cost-empty" data-testid="cost-empty">
          {pending ? 'Estimating the cost…' : 'The cost could not be estimated; see the problems panel.'}
        </p>
      </div>
    );
  }

  const toggle = (id: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const cur = report.currency;

  return (
    <div className="cost-view" data-testid="cost-view">
      <header className="cost-head">
        <div className="cost-head-title">
          <h2>Monthly cost of “{report.documentName}”</h2>
          <IncompleteMarker report={report} />
          {pending && <span className="cost-pending">updating…</span>}
        </div>
        <div className="cost-toolbar">
          <label className="cost-grouping">
            Group by
            <select
              className="input"
              data-testid="cost-grouping"
              value={grouping}
              onChange={(event) => {
                if (isCostGrouping(event.target.value)) {
                  setGrouping(event.target.value);
                  setExpanded(new Set());
                }
              }}
            >
              {COST_GROUPINGS.map((g) => (
                <option key={g.key} value={g.key}>
                  {g.label.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <span className="cost-toolbar-gap" />
          {(Object.keys(TABLE_EXPORT_FORMATS) as TableExportFormat[]).map((format) => (
            <button
              key={format}
              type="button"
              className="button small"
              data-testid={`cost-export-${format}`}
              title={`Export the table (${TABLE_EXPORT_FORMATS[format].label})`}
              onClick={() => void exportTable(services, format, grouping, sort)}
            >
              {TABLE_EXPORT_FORMATS[format].label}
            </button>
          ))}
          <button
            type="button"
            className="button small"
            data-testid="cost-export-pdf"
            title="The whole report as PDF"
            onClick={() => void printReport(services)}
          >
            PDF
          </button>
        </div>
      </header>
      <ReportFacts report={report} omit={SHOWN_ELSEWHERE} />
      <AssumptionsPanel />
      <section className="cost-main" aria-label="Cost table">
        <div className="cost-table-wrap">
          <CostTable
            report={report}
            grouping={grouping}
            rows={rows}
            totals={totals}
            sort={sort}
            onSort={setSort}
            expanded={expanded}
            onToggle={toggle}
          />
        </div>
        {report.totals.grand.unpriced > 0 && (
          <p className="cost-table-note">
            +n? after an amount: n items of the row have no price and are not in it.
          </p>
        )}
        <div className="cost-charts">
          <CostChart
            title={`By category (${cur}/month, expected)`}
            bars={byCategory}
            currency={cur}
            testId="cost-chart-category"
          />
          <CostChart
            title={`By cluster (${cur}/month, expected)`}
            bars={byCluster}
            currency={cur}
            testId="cost-chart-cluster"
            legend
          />
        </div>
      </section>
      <CostPrint
        report={report}
        grouping={grouping}
        rows={rows}
        totals={totals}
        sort={sort}
        expanded={expanded}
        byCategory={byCategory}
        byCluster={byCluster}
      />
    </div>
  );
}
