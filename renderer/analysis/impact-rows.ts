// The rows of a per-workload impact table, shared by blast-radius mode's list and the Failures view: every
// workload worst first (down, degraded, ok; what the failure changed first; then the largest shortfall), and
// the ones the failure touched.
import type { WorkloadImpact } from '../../shared/blast/types';

const STATUS_ORDER: Readonly<Record<WorkloadImpact['status'], number>> = { down: 0, degraded: 1, ok: 2 };

/** The workloads worst first: by status, changed by the failure before unchanged, shortfall, then id. */
export function sortImpacts(workloads: readonly WorkloadImpact[]): WorkloadImpact[] {
  return [...workloads].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      Number(b.changed) - Number(a.changed) ||
      b.shortfall - a.shortfall ||
      a.workloadId.localeCompare(b.workloadId),
  );
}

/** Whether the failure touched a workload: it made it worse, or it is not ok. */
export function isHit(workload: WorkloadImpact): boolean {
  return workload.changed || workload.status !== 'ok';
}

/** Share of the user traffic this workload's shortfall affects, 0-1 (weight x shortfall; see TRAFFIC_DEFINITION). */
export function trafficAffected(workload: WorkloadImpact): number {
  return workload.trafficWeight * workload.shortfall;
}
