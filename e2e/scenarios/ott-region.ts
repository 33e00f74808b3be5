// The scenario of the end-to-end suite as data: a small OTT region built from the palette, then tuned in
// the inspector. Each placement names the element it creates (`as`); later steps and edits refer to it by
// that name, not by the ids the app generates.
import type { PaletteItemId } from '../pages/canvas';
import type { Point } from '../pages/geometry';
import type { FieldValue } from '../pages/inspector';

export interface PlaceStep {
  /** The name later steps use for the element this step creates. */
  readonly as: string;
  readonly item: PaletteItemId;
  /** A point of the empty canvas (pixels from its top-left corner)… */
  readonly at?: Point;
  /** …or the name of the container it goes into, and on which side of what that already holds. */
  readonly into?: string;
  readonly side?: 'below' | 'right';
}

/** Region (with its three AZs), API cluster, system pool, spot API pool, tainted GPU pool, DPDK fleet, two workloads. */
export const OTT_REGION: readonly PlaceStep[] = [
  { as: 'region', item: 'region', at: { x: 48, y: 32 } },
  { as: 'api', item: 'cluster', into: 'region' },
  { as: 'system', item: 'nodePool', into: 'api' },
  { as: 'spotApi', item: 'nodePool', into: 'api', side: 'right' },
  { as: 'gpu', item: 'gpuPool', into: 'api', side: 'right' },
  // Put on the system pool first; the scenario then drags it onto the spot pool (a re-parent). Placed
  // before the fleet: a pool grows with its workloads, and the cluster with it, over what lies below.
  { as: 'apiService', item: 'workload', into: 'system' },
  { as: 'fleet', item: 'fleet', into: 'region' },
  { as: 'edgeStreaming', item: 'workload', into: 'fleet' },
];

/** Elements of each kind the scenario creates (the region brings three zones). */
export const OTT_REGION_COUNTS = {
  region: 1,
  zone: 3,
  cluster: 1,
  nodePool: 3,
  fleet: 1,
  workload: 2,
} as const;

/** An inspector edit: the element (by scenario name), the field (dotted path) and the value. */
export interface EditStep {
  readonly target: string;
  readonly field: string;
  readonly value: FieldValue;
}

/** An instance type chosen in the catalog picker. */
export interface PickStep {
  readonly target: string;
  readonly field: string;
  readonly type: string;
  readonly replace?: boolean;
}

/** The tuning: names, the system role, spot capacity and bigger instances for the API pool, counts. */
export const TUNING: readonly (EditStep | PickStep)[] = [
  { target: 'system', field: 'name', value: 'system' },
  { target: 'system', field: 'role', value: 'system' },
  { target: 'spotApi', field: 'name', value: 'api' },
  { target: 'spotApi', field: 'capacity.spotAllowed', value: true },
  { target: 'spotApi', field: 'capacity.spotPercent', value: 70 },
  { target: 'spotApi', field: 'instanceTypes', type: 'm6i.2xlarge', replace: true },
  { target: 'spotApi', field: 'nodesPerAz.max', value: 12 },
  { target: 'spotApi', field: 'nodesPerAz.desired', value: 6 },
  { target: 'gpu', field: 'nodesPerAz.desired', value: 2 },
  { target: 'fleet', field: 'name', value: 'edge' },
  { target: 'fleet', field: 'instancesPerAz', value: 3 },
];
