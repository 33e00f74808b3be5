// Automatic layout with ELK: every element placed, inside its container, siblings apart.
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../shared/model/commands';
import type { TopologyDocument } from '../../shared/model/schema';
import { loadTemplate, smallDocument } from '../test-support/documents';
import { computeAutoLayout, placeBesidePositioned } from './auto-layout';
import { computeGeometry } from './geometry';

function apply(doc: TopologyDocument, entries: Record<string, { x: number; y: number }>) {
  const result = executeCommand(doc, { type: 'layout', entries });
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

const overlap = (a: { absX: number; absY: number; width: number; height: number }, b: typeof a) =>
  a.absX < b.absX + b.width &&
  b.absX < a.absX + a.width &&
  a.absY < b.absY + b.height &&
  b.absY < a.absY + a.height;

describe('computeAutoLayout', () => {
  it('places every element of the OTT template inside its container, without overlapping siblings', async () => {
    const doc = loadTemplate('ott');
    expect(Object.keys(doc.layout.nodes)).toHaveLength(0);
    const entries = await computeAutoLayout(doc, 'missing');
    const laidOut = apply(doc, entries);
    const geometry = computeGeometry(laidOut);
    const zones = new Set(laidOut.spec.zones.map((z) => z.id));
    for (const box of geometry.boxes.values()) {
      if (zones.has(box.id)) continue;
      expect(entries[box.id], box.id).toBeDefined();
      if (!box.parent) continue;
      const parent = geometry.boxes.get(box.parent)!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${box.id} inside ${parent.id}`).toBeLessThanOrEqual(parent.width);
      expect(box.y + box.height, `${box.id} inside ${parent.id}`).toBeLessThanOrEqual(parent.height);
    }
    for (const kids of geometry.children.values()) {
      const boxes = kids.map((id) => geometry.boxes.get(id)!);
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          expect(overlap(boxes[i]!, boxes[j]!), `${boxes[i]!.id} / ${boxes[j]!.id}`).toBe(false);
    }
  });

  it('puts callers before callees: the streaming fleet left of the media cluster, media left of API', async () => {
    const doc = loadTemplate('ott');
    const geometry = computeGeometry(apply(doc, await computeAutoLayout(doc, 'all')));
    const x = (id: string) => geometry.boxes.get(id)!.x;
    expect(x('use1-edge')).toBeLessThan(x('use1-media'));
    expect(x('use1-media')).toBeLessThan(x('use1-api'));
    expect(x('use1-api')).toBeLessThan(x('use1-ml'));
  });

  it('in "missing" mode gives positions only to elements without one', async () => {
    const doc = smallDocument({ nodes: { use1: { x: 0, y: 0 }, app: { x: 24, y: 100 } } });
    const entries = await computeAutoLayout(doc, 'missing');
    expect(entries.use1).toBeUndefined();
    expect(entries.app).toBeUndefined();
    expect(entries.usw2).toBeDefined();
    expect(entries.web).toBeDefined();
    expect(await computeAutoLayout(apply(doc, entries), 'missing')).toEqual({});
  });

  it('places elements missing from placed containers where the geometry draws them', async () => {
    const placed = computeGeometry(smallDocument());
    const containers: Record<string, { x: number; y: number }> = {};
    for (const box of placed.boxes.values()) {
      if (box.kind !== 'workload' && box.kind !== 'zone') containers[box.id] = { x: box.x, y: box.y };
    }
    const doc = apply(smallDocument(), containers);
    const geometry = computeGeometry(doc);
    const entries = await computeAutoLayout(doc, 'missing');
    const workloads = [...geometry.boxes.values()].filter((box) => box.kind === 'workload');
    expect(workloads.length).toBeGreaterThan(0);
    expect(Object.keys(entries).sort()).toEqual(workloads.map((box) => box.id).sort());
    for (const box of workloads) expect(entries[box.id]).toEqual({ x: box.x, y: box.y });
  });
});

describe('placeBesidePositioned', () => {
  it('gives what the ELK layout of the missing gives to elements beside placed siblings, and nothing else', async () => {
    const arranged = apply(loadTemplate('ott'), await computeAutoLayout(loadTemplate('ott'), 'all'));
    const ids = Object.keys(arranged.layout.nodes);
    // Take out every third position: some containers keep placed children, some lose them all.
    const kept = Object.fromEntries(
      ids.filter((_, i) => i % 3 !== 0).map((id) => [id, arranged.layout.nodes[id]!]),
    );
    const doc = { ...arranged, layout: { ...arranged.layout, nodes: kept } };
    const quick = placeBesidePositioned(doc);
    const full = await computeAutoLayout(doc, 'missing');
    expect(Object.keys(quick).length).toBeGreaterThan(0);
    expect(Object.keys(quick).length).toBeLessThanOrEqual(Object.keys(full).length);
    for (const [id, entry] of Object.entries(quick)) expect(entry, id).toEqual(full[id]);
    // Completing those first changes nothing ELK then gives the rest.
    const rest = await computeAutoLayout(apply(doc, quick), 'missing');
    for (const [id, entry] of Object.entries(full)) if (!(id in quick)) expect(rest[id], id).toEqual(entry);
    expect(Object.keys(rest).length + Object.keys(quick).length).toBe(Object.keys(full).length);
  });

  it('has nothing to place in a design without positions or with all of them', async () => {
    const template = loadTemplate('ott');
    expect(placeBesidePositioned(template)).toEqual({});
    expect(placeBesidePositioned(apply(template, await computeAutoLayout(template, 'all')))).toEqual({});
  });
});
