// Moving an element into another container as one command: the model's `move`, plus what keeps the
// result valid (zones mapped to the new region or cluster by letter, a moved cluster's pools following
// its zones) and the element's position in its new container.
import type { Command } from '../../shared/model/commands';
import type { Element } from '../../shared/model/elements';
import { elementsOf, findElement, getElement, kindLabel } from '../../shared/model/elements';
import type { NodeLayout, TopologyDocument, Zone } from '../../shared/model/schema';
import { compareStrings } from '../../shared/util/text';

/** The zone letter of a zone (`us-east-1b` -> `b`). */
export function zoneLetter(zone: Zone): string {
  return zone.zoneName.slice(-1);
}

/** The zones of a region, in zone-name order. */
export function zonesOfRegion(doc: TopologyDocument, regionId: string): Zone[] {
  return elementsOf(doc, 'zone')
    .filter((zone) => zone.region === regionId)
    .sort((a, b) => compareStrings(a.zoneName, b.zoneName));
}

/**
 * Zone ids from `candidates` standing in for `zones`: the candidates with the same letters, else (when
 * none match) as many of the first candidates as there were zones.
 */
export function mapZones(
  doc: TopologyDocument,
  zones: readonly string[],
  candidates: readonly string[],
): string[] {
  const letterOf = (id: string) => {
    const zone = getElement(doc, 'zone', id);
    return zone ? zoneLetter(zone) : undefined;
  };
  const wanted = new Set(zones.map(letterOf));
  const same = candidates.filter((id) => wanted.has(letterOf(id)));
  if (same.length > 0) return same;
  return candidates.slice(0, Math.max(1, zones.length));
}

function describe(element: Element, kind: Parameters<typeof kindLabel>[0]): string {
  return `${kindLabel(kind, element)} "${element.name ?? element.id}"`;
}

/** The command that moves `id` into `parentId`, at `position` inside it when given. */
export function moveCommand(
  doc: TopologyDocument,
  id: string,
  parentId: string,
  position?: { x: number; y: number },
): Command {
  const found = findElement(doc, id);
  const parent = findElement(doc, parentId);
  if (!found || !parent) return { type: 'move', id, parent: parentId };
  const commands: Command[] = [];
  const { kind, element } = found;
  if ((kind === 'cluster' || kind === 'fleet') && parent.kind === 'region') {
    const current = element as { region: string; zones: string[] };
    if (current.region === parentId) commands.push({ type: 'move', id, parent: parentId });
    else {
      const regionZones = zonesOfRegion(doc, parentId).map((zone) => zone.id);
      const zones = regionZones.length > 0 ? mapZones(doc, current.zones, regionZones) : current.zones;
      commands.push({ type: 'move', id, parent: parentId, zones });
      if (kind === 'cluster') {
        for (const pool of elementsOf(doc, 'nodePool')) {
          if (pool.cluster !== id || !pool.zones) continue;
          commands.push({
            type: 'update',
            id: pool.id,
            changes: { zones: mapZones(doc, pool.zones, zones) },
          });
        }
      }
    }
  } else if (kind === 'nodePool' && parent.kind === 'cluster') {
    const pool = element as { zones?: string[] };
    const cluster = parent.element as { zones: string[] };
    commands.push(
      pool.zones
        ? { type: 'move', id, parent: parentId, zones: mapZones(doc, pool.zones, cluster.zones) }
        : { type: 'move', id, parent: parentId },
    );
  } else commands.push({ type: 'move', id, parent: parentId });
  if (position) {
    const entry: NodeLayout = { ...doc.layout.nodes[id], x: position.x, y: position.y };
    commands.push({ type: 'layout', entries: { [id]: entry } });
  }
  return {
    type: 'batch',
    label: `Move ${describe(element, kind)} into ${describe(parent.element, parent.kind)}`,
    commands,
  };
}
