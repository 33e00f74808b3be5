// Selectors the node views read through. Each returns a value that keeps its identity while what it
// describes is unchanged, so memo'd views re-render only when their own element changes.
import { getElement } from '../../shared/model/elements';
import type { TopologyDocument, Zone } from '../../shared/model/schema';
import type { AppState } from '../store/app-store';
import type { DropTarget } from '../store/session-slice';
import { compareStrings } from '../../shared/util/text';

const zonesCache = new WeakMap<readonly Zone[], Map<string, readonly Zone[]>>();
const NO_ZONES: readonly Zone[] = [];

/** The zones of a region in zone-name order; the same array while the zone list is unchanged. */
export function regionZones(doc: TopologyDocument, regionId: string | undefined): readonly Zone[] {
  if (regionId === undefined) return NO_ZONES;
  let byRegion = zonesCache.get(doc.spec.zones);
  if (!byRegion) {
    byRegion = new Map();
    for (const zone of doc.spec.zones) {
      const list = (byRegion.get(zone.region) ?? []) as Zone[];
      list.push(zone);
      byRegion.set(zone.region, list);
    }
    for (const list of byRegion.values())
      (list as Zone[]).sort((a, b) => compareStrings(a.zoneName, b.zoneName));
    zonesCache.set(doc.spec.zones, byRegion);
  }
  return byRegion.get(regionId) ?? NO_ZONES;
}

/** The drop feedback for one container, or null when nothing is being dropped on it. */
export const dropTargetOf =
  (id: string) =>
  (state: AppState): DropTarget | null =>
    state.dropTarget && state.dropTarget.id === id ? state.dropTarget : null;

export const elementOf =
  <K extends 'region' | 'zone' | 'cluster' | 'nodePool' | 'fleet' | 'workload'>(kind: K, id: string) =>
  (state: AppState) =>
    getElement(state.doc, kind, id);
