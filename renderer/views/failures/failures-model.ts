// What the Failures view shows, as pure data: the failure domains worst first with what each does, the tone
// and short text of an AZ-loss matrix cell, the single points of failure in words, and the burst knobs
// (which come from the document's settings and which are the view's own).
import type { ZoneLossCell, ZoneLossMatrix, ZoneLossVerdict } from '../../../shared/blast/zone-matrix';
import type {
  BlastSummary,
  ChainDelays,
  DomainScore,
  SinglePointOfFailure,
} from '../../../shared/blast/types';
import { percent } from '../../analysis/format';

/** A failure domain as the list shows it. */
export interface DomainRow {
  readonly id: string;
  readonly label: string;
  readonly score: number;
  /** What fails and what it does, in a line. */
  readonly effect: string;
  /** The rule the engine applies, for the tooltip. */
  readonly rule: string;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What one domain does, in a line: elements failed, workloads newly down or degraded, traffic added. */
export function domainEffect(score: DomainScore): string {
  const parts = [count(score.elementsFailed, 'element') + ' fail' + (score.elementsFailed === 1 ? 's' : '')];
  if (score.newlyDown > 0) parts.push(`${score.newlyDown} down`);
  if (score.newlyDegraded > 0) parts.push(`${score.newlyDegraded} degraded`);
  if (score.newlyDown === 0 && score.newlyDegraded === 0) parts.push('no workload hurt');
  if (score.userTrafficAffected > 0) parts.push(`${percent(score.userTrafficAffected)} of user traffic`);
  return parts.join(' · ');
}

/** The domains worst first, as the summary ranks them. */
export function domainRows(summary: BlastSummary): DomainRow[] {
  return summary.domains.map((score) => ({
    id: score.domain.id,
    label: score.domain.label,
    score: score.score,
    effect: domainEffect(score),
    rule: score.domain.rule,
  }));
}

/** How a cell of the AZ-loss matrix reads: untouched, carries the burst, only the baseline, or not even that. */
export type CellTone = 'untouched' | 'burst' | 'baseline' | 'short';

/** The tone of a verdict with nothing lost: a design short of its burst intact stays short after a loss. */
export function verdictTone(verdict: ZoneLossVerdict): Exclude<CellTone, 'untouched'> {
  if (verdict.carriesBurst) return 'burst';
  if (verdict.carriesBaseline) return 'baseline';
  return 'short';
}

/** The tone of a cell. A zone the element does not span leaves it whole. */
export function cellTone(cell: ZoneLossCell): CellTone {
  return cell.spans ? verdictTone(cell) : 'untouched';
}

/** What a tone means, in words. */
export const TONE_TEXT: Readonly<Record<CellTone, string>> = {
  untouched: 'not in zone',
  burst: 'carries burst',
  baseline: 'baseline only',
  short: 'short',
};

/** The short text of a cell (its colour says the same): capacity left and the verdict. */
export function cellText(cell: ZoneLossCell): string {
  const tone = cellTone(cell);
  if (tone === 'untouched') return TONE_TEXT.untouched;
  return `${percent(cell.capacityLeft, 0)} left · ${TONE_TEXT[tone]}`;
}

/** How many cells of the matrix fall short of baseline and of burst (zones the element spans only). */
export function matrixCounts(matrix: ZoneLossMatrix): { cells: number; short: number; baselineOnly: number } {
  let cells = 0;
  let short = 0;
  let baselineOnly = 0;
  for (const region of matrix.regions)
    for (const row of region.rows)
      for (const cell of row.cells) {
        const tone = cellTone(cell);
        if (tone === 'untouched') continue;
        cells += 1;
        if (tone === 'short') short += 1;
        if (tone === 'baseline') baselineOnly += 1;
      }
  return { cells, short, baselineOnly };
}

/** A stable key of a single point of failure (an element may be one for several reasons). */
export function spofKey(spof: SinglePointOfFailure): string {
  return `${spof.elementId}-${spof.rule}`;
}

/** A knob of the burst plot: a slider's range, unit and where its value lives. */
export interface BurstKnob {
  readonly key: 'burstFactor' | 'rampMinutes' | keyof ChainDelays;
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** `settings`: the document's `settings.autoscaling` (an undoable edit); `view`: the view's own state. */
  readonly source: 'settings' | 'view';
}

/** The sliders, in the order of the chain. */
export const BURST_KNOBS: readonly BurstKnob[] = [
  { key: 'burstFactor', label: 'Burst factor', unit: 'x', min: 1, max: 6, step: 0.25, source: 'view' },
  { key: 'rampMinutes', label: 'Ramp', unit: 'min', min: 0, max: 60, step: 5, source: 'view' },
  { key: 'hpaSyncSeconds', label: 'HPA sync', unit: 's', min: 1, max: 120, step: 1, source: 'settings' },
  {
    key: 'hpaScaleUpStabilizationSeconds',
    label: 'HPA stabilisation',
    unit: 's',
    min: 0,
    max: 300,
    step: 5,
    source: 'settings',
  },
  { key: 'podStartSeconds', label: 'Pod start-up', unit: 's', min: 0, max: 300, step: 5, source: 'settings' },
  {
    key: 'nodeLaunchSeconds',
    label: 'Node launch',
    unit: 's',
    min: 0,
    max: 600,
    step: 5,
    source: 'settings',
  },
  { key: 'nodeJoinSeconds', label: 'Node join', unit: 's', min: 0, max: 300, step: 5, source: 'settings' },
];

/** A slider value kept within the knob's range (its minimum when not a number). */
export function clampKnob(knob: BurstKnob, value: number): number {
  if (!Number.isFinite(value)) return knob.min;
  return Math.min(knob.max, Math.max(knob.min, value));
}
