// Dropping palette items: valid targets create the element with its defaults in one undo step; invalid
// ones create nothing and say why, in the model's words.
import { beforeEach, describe, expect, it } from 'vitest';
import { getElement } from '../../shared/model/elements';
import { computeGeometry } from '../canvas/geometry';
import type { AppStore } from '../store/app-store';
import { createAppStore, emptyDocument } from '../store/app-store';
import { testCatalog } from '../test-support/catalog';
import { smallDocument } from '../test-support/documents';
import { createFakeHost } from '../test-support/fake-host';
import {
  PALETTE_MIME,
  paletteDropTarget,
  paletteItemOfTypes,
  paletteMimeType,
  planPaletteDrop,
} from './drop';
import type { PaletteItemId } from './items';
import { shortRegionId } from './items';

let store: AppStore;
const state = () => store.getState();

beforeEach(() => {
  store = createAppStore({ host: createFakeHost(), catalog: testCatalog() }, { document: smallDocument() });
});

const inside = (id: string) => {
  const box = computeGeometry(state().doc).boxes.get(id)!;
  return { x: box.absX + box.width - 12, y: box.absY + box.height - 12 };
};
const nowhere = { x: -5000, y: -5000 };

/** Drops an item and returns the id it created (or throws with the reason). */
function drop(item: PaletteItemId, point: { x: number; y: number }): string {
  const plan = planPaletteDrop(state().doc, testCatalog(), item, point);
  if (!plan.ok) throw new Error(plan.reason);
  const result = state().dispatch(plan.command);
  if (!result.ok) throw new Error(result.error.message);
  return plan.id;
}

describe('the drag payload', () => {
  it('carries the item in its MIME type, readable while dragging', () => {
    expect(paletteMimeType('gpuPool')).toBe(`${PALETTE_MIME}+gpupool`);
    expect(paletteItemOfTypes(['text/plain', paletteMimeType('gpuPool')])).toBe('gpuPool');
    expect(paletteItemOfTypes(['Files'])).toBeUndefined();
  });
});

describe('valid drops', () => {
  it('a region on the empty canvas comes with its first three zones from the catalog, in one undo step', () => {
    store = createAppStore({ host: createFakeHost(), catalog: testCatalog() }, { document: emptyDocument() });
    const id = drop('region', { x: 100, y: 50 });
    expect(id).toBe('use1');
    expect(getElement(state().doc, 'region', id)).toMatchObject({
      code: 'us-east-1',
      name: 'US East (N. Virginia)',
    });
    expect(state().doc.spec.zones.map((z) => z.zoneName)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(state().doc.spec.zones[0]!.zoneId).toMatch(/^use1-az\d$/);
    expect(state().doc.layout.nodes[id]).toEqual({ x: 96, y: 48 });
    expect(state().undoStack).toHaveLength(1);
    state().undo();
    expect(state().doc.spec.regions).toHaveLength(0);
    expect(state().doc.spec.zones).toHaveLength(0);
  });

  it('a second region takes the next region of the catalog', () => {
    const id = drop('region', { x: 4000, y: 4000 });
    const code = getElement(state().doc, 'region', id)!.code;
    expect(['us-east-1', 'us-west-2']).not.toContain(code);
    expect(id).toBe(shortRegionId(code));
  });

  it('a cluster in a region spans its first three zones', () => {
    const id = drop('cluster', inside('use1'));
    expect(getElement(state().doc, 'cluster', id)).toMatchObject({
      region: 'use1',
      zones: ['use1-a', 'use1-b', 'use1-c'],
      network: { vpcCidr: '10.2.0.0/16' },
    });
  });

  it('a node pool in a cluster is a managed general pool of m6i.large, 1/2/3 per zone', () => {
    const id = drop('nodePool', inside('app'));
    expect(getElement(state().doc, 'nodePool', id)).toMatchObject({
      cluster: 'app',
      provisioner: 'managed',
      role: 'general',
      instanceTypes: ['m6i.large'],
      nodesPerAz: { min: 1, desired: 2, max: 3 },
    });
  });

  it('a GPU pool has one A10G on g5.xlarge and the ML taint', () => {
    const id = drop('gpuPool', inside('edge'));
    expect(getElement(state().doc, 'nodePool', id)).toMatchObject({
      cluster: 'edge',
      role: 'gpu',
      instanceTypes: ['g5.xlarge'],
      gpu: { model: 'A10G', countPerNode: 1 },
      taints: [{ key: 'workload', value: 'ml', effect: 'NoSchedule' }],
    });
  });

  it('a fleet in a region runs c6in.metal with hugepages and isolated cores', () => {
    const id = drop('fleet', inside('use1'));
    expect(getElement(state().doc, 'fleet', id)).toMatchObject({
      region: 'use1',
      instanceType: 'c6in.metal',
      hugepages: { size: '1Gi' },
      cpu: { isolatedCores: '2-63', numaPinning: true },
    });
  });

  it('a workload dropped on a pool is a service with two replicas and requests, tolerating the pool taints', () => {
    const id = drop('workload', inside('app-gpu'));
    expect(getElement(state().doc, 'workload', id)).toMatchObject({
      kind: 'service',
      cluster: 'app',
      nodePool: 'app-gpu',
      replicas: 2,
      resources: { cpu: 0.5, memoryGiB: 1 },
      tolerations: [{ key: 'workload', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
    });
    // Rows go under the rows already in the pool.
    const geometry = computeGeometry(state().doc);
    expect(geometry.boxes.get(id)!.y).toBeGreaterThan(geometry.boxes.get('ml')!.y);
  });

  it('a workload dropped on a fleet is a DPDK service', () => {
    const id = drop('workload', inside('stream'));
    expect(getElement(state().doc, 'workload', id)).toMatchObject({ kind: 'dpdk-service', fleet: 'stream' });
  });

  it('an availability zone dropped on a region adds its next zone', () => {
    const id = drop('zone', inside('use1'));
    expect(getElement(state().doc, 'zone', id)).toMatchObject({ region: 'use1', zoneName: 'us-east-1d' });
  });

  it('a drop on something inside a container goes to the nearest container that can hold it', () => {
    const web = computeGeometry(state().doc).boxes.get('web')!;
    const target = paletteDropTarget(state().doc, 'nodePool', { x: web.absX + 4, y: web.absY + 4 });
    expect(target).toEqual({ id: 'app', ok: true });
  });
});

describe('invalid drops', () => {
  it.each<[PaletteItemId, string, string]>([
    ['nodePool', 'use1', 'a node pool must be inside a cluster'],
    ['gpuPool', 'stream', 'a node pool must be inside a cluster'],
    ['cluster', '', 'a cluster must be inside a region'],
    ['fleet', '', 'a DPDK streaming fleet must be inside a region (it runs outside Kubernetes)'],
    ['workload', 'use1', 'a workload must be placed on a node pool, a cluster or a streaming fleet'],
    ['zone', '', 'an availability zone must be inside its region'],
    ['region', 'app', 'a region is a top-level element; it cannot be placed inside another element'],
  ])('%s over %s: %s', (item, over, reason) => {
    const before = state().doc;
    const point = over ? inside(over) : nowhere;
    const target = paletteDropTarget(state().doc, item, point);
    expect(target).toMatchObject({ ok: false, reason });
    expect(planPaletteDrop(state().doc, testCatalog(), item, point)).toEqual({ ok: false, reason });
    expect(state().doc).toBe(before);
  });

  it('a zone cannot be added when the region has every zone of the catalog', () => {
    const zones = testCatalog().region('us-west-2')!.zones.length;
    for (let i = 3; i < zones; i++) drop('zone', inside('usw2'));
    const plan = planPaletteDrop(state().doc, testCatalog(), 'zone', inside('usw2'));
    expect(plan).toEqual({
      ok: false,
      reason: 'every availability zone of us-west-2 is already in the design',
    });
  });
});
