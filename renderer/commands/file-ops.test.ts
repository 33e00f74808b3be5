// Opening text: elements without a position beside placed ones are placed before the design reaches the
// store (one update, drawn once); containers without any position are arranged by ELK right after; neither is
// an undo step or an unsaved change. A layout that fails leaves the design open as it is; text that does not
// load changes nothing.
import { describe, expect, it } from 'vitest';
import { saveDocument } from '../../shared/format/document-file';
import type { TopologyDocument } from '../../shared/model/schema';
import { computeAutoLayout } from '../canvas/auto-layout';
import { computeGeometry } from '../canvas/geometry';
import { smallDocument } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import { openText } from './file-ops';

type Services = ReturnType<typeof createTestServices>;

/** The ids of the boxes the canvas places (zones sit in their region's lane and have no position). */
function placeable(doc: TopologyDocument): string[] {
  return [...computeGeometry(doc).boxes.values()].filter((box) => box.kind !== 'zone').map((box) => box.id);
}

function unplaced(doc: TopologyDocument): string[] {
  return placeable(doc).filter((id) => !doc.layout.nodes[id]);
}

/** Every document the store held while `act` ran (not the one it started with). */
async function documentsDuring(services: Services, act: () => Promise<unknown>): Promise<TopologyDocument[]> {
  const seen: TopologyDocument[] = [];
  const stop = services.store.subscribe((state, previous) => {
    if (state.doc !== previous.doc) seen.push(state.doc);
  });
  await act();
  stop();
  return seen;
}

function expectOpenedClean(services: Services): void {
  const state = services.store.getState();
  expect(state.undoStack).toHaveLength(0);
  expect(state.dirty).toBe(false);
}

describe('openText', () => {
  it('places elements without a position beside placed siblings before the design is first shown', async () => {
    const services = createTestServices();
    const arranged = await computeAutoLayout(smallDocument(), 'all');
    const nodes = Object.fromEntries(
      Object.entries(arranged).filter(([id]) => id !== 'api' && id !== 'app-gpu'),
    );
    const file = smallDocument({ nodes });
    expect(unplaced(file).sort()).toEqual(['api', 'app-gpu']);

    const docs = await documentsDuring(services, () =>
      openText(services, saveDocument(file), { name: 'small.topo.yaml' }),
    );

    expect(docs).toHaveLength(1);
    const opened = services.store.getState().doc;
    expect(unplaced(opened)).toEqual([]);
    // Where the canvas drew them without a position: after their placed siblings.
    const before = computeGeometry(file).boxes;
    for (const id of ['api', 'app-gpu']) {
      expect(opened.layout.nodes[id]).toEqual({ x: before.get(id)!.x, y: before.get(id)!.y });
    }
    for (const [id, entry] of Object.entries(nodes)) expect(opened.layout.nodes[id]).toEqual(entry);
    expect(opened.spec).toEqual(file.spec);
    expectOpenedClean(services);
  });

  it('shows a design without positions at once and arranges it with ELK right after', async () => {
    const services = createTestServices();
    const file = smallDocument();
    const docs = await documentsDuring(services, () =>
      openText(services, saveDocument(file), { name: 'small.topo.yaml' }),
    );
    expect(docs).toHaveLength(2);
    expect(unplaced(docs[0]!)).toEqual(unplaced(file));
    expect(unplaced(docs[1]!)).toEqual([]);
    expect(services.store.getState().doc).toBe(docs[1]);
    expectOpenedClean(services);
  });

  it('keeps a design open as it is, and says so, when its missing positions cannot be computed', async () => {
    const services = {
      ...createTestServices(),
      layout: () => Promise.reject(new Error('layout engine unavailable')),
    };
    const file = smallDocument();
    await expect(openText(services, saveDocument(file), { name: 'small.topo.yaml' })).resolves.toBe(true);
    const state = services.store.getState();
    expect(state.doc.spec).toEqual(file.spec);
    expect(state.doc.layout.nodes).toEqual({});
    expect(state.toasts.at(-1)).toMatchObject({
      kind: 'warning',
      message: expect.stringContaining('could not be arranged'),
      details: ['layout engine unavailable'],
    });
  });

  it('leaves the open document alone and says why when the text does not load', async () => {
    const services = createTestServices({ document: smallDocument() });
    const before = services.store.getState().doc;
    const docs = await documentsDuring(services, () =>
      openText(services, 'apiVersion: topology-designer.dev/v1\nkind: Topology\nspec: [\n', {
        name: 'bad.topo.yaml',
      }),
    );
    expect(docs).toEqual([]);
    expect(services.store.getState().doc).toBe(before);
    expect(services.store.getState().toasts.at(-1)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('bad.topo.yaml could not be opened'),
    });
  });
});
