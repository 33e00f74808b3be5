// The Failures view's data: domains worst first with what each does, the AZ-loss matrix cells in colour
// classes and words, their counts, and the burst knobs.
import { describe, expect, it } from 'vitest';
import { summarizeBlastRadius } from '../../../shared/blast/summary';
import type { DomainScore } from '../../../shared/blast/types';
import type { ZoneLossCell, ZoneLossMatrix } from '../../../shared/blast/zone-matrix';
import { smallDocument } from '../../test-support/documents';
import {
  BURST_KNOBS,
  cellText,
  cellTone,
  clampKnob,
  domainEffect,
  domainRows,
  matrixCounts,
  verdictTone,
} from './failures-model';

const doc = smallDocument();

function cell(overrides: Partial<ZoneLossCell>): ZoneLossCell {
  return {
    zoneId: 'z',
    spans: true,
    nodesLeft: 10,
    nodesMax: 15,
    capacityLeft: 2 / 3,
    carriesBaseline: true,
    carriesBurst: true,
    shortOfBaseline: [],
    shortOfBurst: [],
    message: '',
    ...overrides,
  };
}

describe('domain rows', () => {
  it('keeps the summary order (worst first) and says what each domain does', () => {
    const summary = summarizeBlastRadius(doc);
    const rows = domainRows(summary);
    expect(rows.map((r) => r.id)).toEqual(summary.domains.map((d) => d.domain.id));
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.score).toBeGreaterThanOrEqual(rows[i]!.score);
    expect(rows[0]!.rule).toBe(summary.domains[0]!.domain.rule);
  });

  it('words the effect: elements failed, workloads down or degraded, traffic', () => {
    const base = summarizeBlastRadius(doc).domains[0]!;
    const score = (s: Partial<DomainScore>): DomainScore => ({ ...base, ...s });
    expect(
      domainEffect(score({ elementsFailed: 3, newlyDown: 2, newlyDegraded: 1, userTrafficAffected: 0.25 })),
    ).toBe('3 elements fail · 2 down · 1 degraded · 25% of user traffic');
    expect(
      domainEffect(score({ elementsFailed: 1, newlyDown: 0, newlyDegraded: 0, userTrafficAffected: 0 })),
    ).toBe('1 element fails · no workload hurt');
  });
});

describe('AZ-loss cells', () => {
  it('classes a cell by what still carries', () => {
    expect(cellTone(cell({ spans: false }))).toBe('untouched');
    expect(cellTone(cell({}))).toBe('burst');
    expect(cellTone(cell({ carriesBurst: false }))).toBe('baseline');
    expect(cellTone(cell({ carriesBurst: false, carriesBaseline: false }))).toBe('short');
  });

  it('tones the intact verdict the same way', () => {
    const verdict = { carriesBaseline: true, carriesBurst: false, shortOfBaseline: [], shortOfBurst: ['w'] };
    expect(verdictTone(verdict)).toBe('baseline');
    expect(verdictTone({ ...verdict, carriesBurst: true })).toBe('burst');
    expect(verdictTone({ ...verdict, carriesBaseline: false })).toBe('short');
  });

  it('says it in words too (colour is not the only signal)', () => {
    expect(cellText(cell({}))).toBe('67% left · carries burst');
    expect(cellText(cell({ carriesBurst: false, carriesBaseline: false, capacityLeft: 0 }))).toBe(
      '0% left · short',
    );
    expect(cellText(cell({ spans: false }))).toBe('not in zone');
  });

  it('counts the zone losses that fall short, leaving out zones an element does not span', () => {
    const row = (cells: ZoneLossCell[]) => ({
      elementId: 'e',
      kind: 'cluster' as const,
      name: 'e',
      workloadIds: [],
      intact: { carriesBaseline: true, carriesBurst: true, shortOfBaseline: [], shortOfBurst: [] },
      cells,
    });
    const matrix: ZoneLossMatrix = {
      regions: [
        {
          regionId: 'r',
          name: 'r',
          zones: [],
          rows: [
            row([cell({}), cell({ carriesBurst: false }), cell({ spans: false })]),
            row([cell({ carriesBurst: false, carriesBaseline: false }), cell({ carriesBurst: false })]),
          ],
        },
      ],
    };
    expect(matrixCounts(matrix)).toEqual({ cells: 4, short: 1, baselineOnly: 2 });
  });
});

describe('burst knobs', () => {
  it('keeps the factor and ramp in the view and the delays in the settings', () => {
    expect(BURST_KNOBS.filter((k) => k.source === 'view').map((k) => k.key)).toEqual([
      'burstFactor',
      'rampMinutes',
    ]);
    expect(BURST_KNOBS.filter((k) => k.source === 'settings').map((k) => k.key)).toEqual([
      'hpaSyncSeconds',
      'hpaScaleUpStabilizationSeconds',
      'podStartSeconds',
      'nodeLaunchSeconds',
      'nodeJoinSeconds',
    ]);
    const factor = BURST_KNOBS[0]!;
    expect(factor.min).toBeLessThanOrEqual(3);
    expect(factor.max).toBeGreaterThanOrEqual(5);
  });

  it('clamps a value into the slider range', () => {
    const launch = BURST_KNOBS.find((k) => k.key === 'nodeLaunchSeconds')!;
    expect(clampKnob(launch, 900)).toBe(600);
    expect(clampKnob(launch, -1)).toBe(0);
    expect(clampKnob(launch, Number.NaN)).toBe(0);
    expect(clampKnob(launch, 60)).toBe(60);
  });
});
