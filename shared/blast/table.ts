// Blast-radius reports as tables (for the CLI, the exported bundle's reports and the app's exports).
import type { Table } from '../report/table';
import type { BlastSummary, FailureImpact } from './types';

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Every failure domain, worst first: score, user traffic affected, workloads down and degraded. */
export function domainsTable(summary: BlastSummary): Table {
  return {
    title: 'Failure domains, worst first',
    columns: [
      { key: 'domain', title: 'Domain' },
      { key: 'kind', title: 'Kind' },
      { key: 'score', title: 'Score', align: 'right' },
      { key: 'traffic', title: 'User traffic affected', align: 'right' },
      { key: 'down', title: 'Down', align: 'right' },
      { key: 'degraded', title: 'Degraded', align: 'right' },
      { key: 'worst', title: 'Worst hit' },
    ],
    rows: summary.domains.map((d) => ({
      domain: d.domain.id,
      kind: d.domain.kind,
      score: d.score.toFixed(1),
      traffic: pct(d.userTrafficAffected),
      down: d.newlyDown,
      degraded: d.newlyDegraded,
      worst: d.worstWorkloads.join(', '),
    })),
    footnotes: [
      ...summary.singlePointsOfFailure.map((s) => `Single point of failure: ${s.message}`),
      ...summary.zoneSurvivability.map((c) => `${c.clusterId}: ${c.message}`),
    ],
  };
}

/** What one failure changes for each workload it reaches: status, capacity lost, baseline and burst carried, and why. */
export function impactTable(impact: FailureImpact): Table {
  return {
    title: `${impact.domain.label}: score ${impact.score.toFixed(1)}, user traffic affected ${pct(impact.userTraffic.affected)}`,
    columns: [
      { key: 'workload', title: 'Workload' },
      { key: 'status', title: 'Status' },
      { key: 'lost', title: 'Capacity lost', align: 'right' },
      { key: 'baseline', title: 'Baseline' },
      { key: 'burst', title: 'Burst' },
      { key: 'reason', title: 'Why' },
    ],
    rows: impact.workloads
      .filter((w) => w.changed)
      .map((w) => ({
        workload: w.workloadId,
        status: w.status,
        lost: pct(w.capacityLost),
        baseline: w.carriesBaseline ? 'carried' : 'not carried',
        burst: w.carriesBurst ? 'carried' : 'not carried',
        reason: w.reason,
      })),
    footnotes: [
      `Failed: ${impact.failed.map((f) => f.id).join(', ') || 'nothing entirely'}`,
      ...impact.partial.map((p) => `${p.id} loses ${pct(p.shareLost)}: ${p.detail}`),
      ...impact.notes,
      impact.userTraffic.definition,
    ],
  };
}
