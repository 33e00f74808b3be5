// The cost assumptions a designer tunes (document settings): one list, shown by the inspector's document
// form and by the cost view's assumptions panel, so both offer the same fields with the same limits.
import type { FieldPath } from './edit';

export interface AssumptionSpec {
  readonly path: FieldPath;
  readonly label: string;
  /** The unit after the field; `money` is the document's currency a month. */
  readonly unit: string | 'money';
  readonly min: number;
  readonly max?: number;
  readonly step?: number;
}

/** Hours a month, spot fallback, monitoring per node and per cluster, engineers and their cost. */
export const ASSUMPTIONS: readonly AssumptionSpec[] = [
  { path: ['hoursPerMonth'], label: 'Hours a month', unit: 'h', min: 1, max: 744 },
  {
    path: ['spot', 'fallbackOnDemandPercent'],
    label: 'Spot fallback',
    unit: '% on-demand',
    min: 0,
    max: 100,
    step: 5,
  },
  { path: ['monitoring', 'perNodeMonthly'], label: 'Monitoring per node', unit: 'money', min: 0 },
  { path: ['monitoring', 'perClusterMonthly'], label: 'Monitoring per cluster', unit: 'money', min: 0 },
  { path: ['engineering', 'people'], label: 'Engineers', unit: 'FTE', min: 0, step: 0.5 },
  { path: ['engineering', 'monthlyCostPerPerson'], label: 'Engineer cost', unit: 'money', min: 0, step: 500 },
];

/** The unit an assumption shows in a document of this currency. */
export function assumptionUnit(spec: AssumptionSpec, currency: string): string {
  return spec.unit === 'money' ? `${currency}/mo` : spec.unit;
}
