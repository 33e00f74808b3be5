// The cost chart: horizontal bars in hand-written SVG, one per category or cluster, stacked by category,
// with large labels and money amounts so it reads on a projector. Colours come from CSS variables
// (cost-view.css), so light and dark themes both work and print keeps them.
import { COST_CATEGORIES } from '../../../shared/cost/types';
import { compactMoney } from '../../analysis/format';
import type { Bar } from './cost-chart';
import { chartMax, legendOf } from './cost-chart';

const LABELS = new Map<string, string>(COST_CATEGORIES.map((c) => [c.key, c.label]));

const WIDTH = 1000;
const LABEL_WIDTH = 360;
const AMOUNT_WIDTH = 190;

function shortLabel(label: string, size: number): string {
  const room = Math.floor((LABEL_WIDTH - 16) / (size * 0.56));
  return label.length > room ? `${label.slice(0, room - 1)}…` : label;
}

export interface CostChartProps {
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly currency: string;
  readonly testId: string;
  /** Larger type for presentation mode. */
  readonly large?: boolean;
  /** Whether to show the category legend (stacked bars). */
  readonly legend?: boolean;
}

export function CostChart({ title, bars, currency, testId, large = false, legend = false }: CostChartProps) {
  const size = large ? 30 : 22;
  const rowHeight = large ? 62 : 44;
  const barHeight = large ? 40 : 28;
  const top = 8;
  const height = top + Math.max(1, bars.length) * rowHeight;
  const max = chartMax(bars);
  const scale = (WIDTH - LABEL_WIDTH - AMOUNT_WIDTH) / max;
  return (
    <figure className={large ? 'cost-chart large' : 'cost-chart'} data-testid={testId}>
      <figcaption className="cost-chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} className="cost-chart-svg">
        {bars.length === 0 && (
          <text x={LABEL_WIDTH} y={top + rowHeight / 2} fontSize={size} className="cost-chart-empty">
            Nothing to show
          </text>
        )}
        {bars.map((bar, index) => {
          const y = top + index * rowHeight;
          const middle = y + rowHeight / 2;
          let x = LABEL_WIDTH;
          const end = LABEL_WIDTH + bar.amount * scale;
          const noPrice = bar.items > 0 && bar.unpriced === bar.items;
          return (
            <g key={bar.key} data-testid={`${testId}-bar-${bar.key}`}>
              <title>{`${bar.label}: ${noPrice ? 'no price' : compactMoney(bar.amount, currency)}${
                bar.unpriced > 0 ? ` (${bar.unpriced} unpriced)` : ''
              }`}</title>
              <text
                x={LABEL_WIDTH - 14}
                y={middle}
                fontSize={size}
                textAnchor="end"
                dominantBaseline="central"
                className="cost-chart-label"
              >
                {shortLabel(bar.label, size)}
              </text>
              {bar.segments.map((segment) => {
                const width = Math.max(segment.amount * scale, segment.amount > 0 ? 2 : 0);
                const rect = (
                  <rect
                    key={segment.category}
                    x={x}
                    y={middle - barHeight / 2}
                    width={width}
                    height={barHeight}
                    rx={3}
                    className={`cost-seg cost-seg-${segment.category}`}
                  />
                );
                x += width;
                return rect;
              })}
              <text
                x={Math.max(end, x) + 12}
                y={middle}
                fontSize={size}
                dominantBaseline="central"
                className={noPrice ? 'cost-chart-amount missing' : 'cost-chart-amount'}
              >
                {noPrice ? 'no price' : compactMoney(bar.amount, currency)}
                {!noPrice && bar.unpriced > 0 && (
                  <tspan className="cost-chart-unpriced" fontSize={size * 0.7}>
                    {` +${bar.unpriced}?`}
                  </tspan>
                )}
              </text>
            </g>
          );
        })}
      </svg>
      {legend && (
        <ul className="cost-chart-legend">
          {legendOf(bars).map((category) => (
            <li key={category}>
              <span className={`cost-swatch cost-seg-${category}`} aria-hidden="true" />
              {LABELS.get(category) ?? category}
            </li>
          ))}
        </ul>
      )}
      {bars.some((bar) => bar.unpriced > 0) && (
        <p className="cost-chart-note">+n? : n items without a price, not in the bar</p>
      )}
    </figure>
  );
}
