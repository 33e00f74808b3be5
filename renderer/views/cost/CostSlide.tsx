// The cost view in presentation mode (a projector, 1920x1080): the monthly total in large type with its
// maximum and completeness, the chart by category and the clusters that cost the most.
import { useMemo } from 'react';
import { compactMoney } from '../../analysis/format';
import { useAppStore } from '../../app/context';
import { CostChart } from './CostChart';
import { categoryBars, clusterBars, topBars } from './cost-chart';
import { day } from './cost-rows';
import './cost-view.css';

/** Clusters listed on the slide. */
const TOP_CLUSTERS = 5;

export function CostSlide() {
  const report = useAppStore((s) => s.analysis.cost);
  const byCategory = useMemo(() => (report ? categoryBars(report) : []), [report]);
  const top = useMemo(() => (report ? topBars(clusterBars(report), TOP_CLUSTERS + 1) : []), [report]);
  if (!report) {
    return (
      <div className="cost-slide" data-testid="cost-slide">
        <p className="cost-slide-empty">No cost estimate</p>
      </div>
    );
  }
  const cur = report.currency;
  const { grand, infrastructure, engineering } = report.totals;
  return (
    <div className="cost-slide" data-testid="cost-slide">
      <header className="cost-slide-head">
        <h1>Monthly cost · {report.documentName}</h1>
        <div className="cost-slide-figures">
          <span className="cost-slide-total" data-testid="cost-slide-total">
            {compactMoney(grand.expected, cur)}
            <small>/mo</small>
          </span>
          <span className="cost-slide-max">max {compactMoney(grand.maximum, cur)}</span>
          {grand.unpriced > 0 ? (
            <span className="cost-slide-incomplete" data-testid="cost-slide-incomplete">
              incomplete: {grand.unpriced} unpriced
            </span>
          ) : (
            <span className="cost-slide-complete">every item priced</span>
          )}
        </div>
        {engineering.items > 0 && (
          <p className="cost-slide-split">
            infrastructure {compactMoney(infrastructure.expected, cur)} + engineering{' '}
            {compactMoney(engineering.expected, cur)}
          </p>
        )}
      </header>
      <div className="cost-slide-body">
        <CostChart title="By category" bars={byCategory} currency={cur} testId="cost-slide-chart" large />
        <CostChart title="Top clusters" bars={top} currency={cur} testId="cost-slide-clusters" large legend />
      </div>
      <footer className="cost-slide-foot">
        Prices: {report.sources.map((s) => `${s.id} (${s.date})`).join(', ') || 'none'} · catalog{' '}
        {day(report.catalog.generatedAt)}
      </footer>
    </div>
  );
}
