// A delta's two promises: the receiver's copy, with the delta applied, equals the sender's new document (what
// the engines read of it), and every element the sender did not change is still the receiver's own object
// (what keeps the receiver's engines incremental). Each delta and each copy crosses a structured clone, as a
// message to a worker does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologyDocumentArbitrary } from '../test-support/arbitraries';
import { DeltaMismatchError, applyDocumentDelta, documentDelta, engineDocument } from './delta';
import type { EngineDocument } from './delta';
import type { TopologyDocument } from './schema';

const LISTS = ['regions', 'zones', 'clusters', 'nodePools', 'fleets', 'workloads', 'dependencies'] as const;

type Edit = { list: (typeof LISTS)[number]; action: 'rename' | 'remove' | 'add'; at: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  list: fc.constantFrom(...LISTS),
  action: fc.constantFrom('rename', 'remove', 'add'),
  at: fc.nat(),
});

/** `doc` after `edits`, sharing every element they did not touch, as the model's commands do. */
function edited(doc: TopologyDocument, edits: readonly Edit[], donor: TopologyDocument): TopologyDocument {
  let spec = doc.spec;
  for (const edit of edits) {
    const list = spec[edit.list] as readonly { id: string }[];
    const next: { id: string }[] = [...list];
    if (edit.action === 'add') {
      const extra = donor.spec[edit.list] as readonly { id: string }[];
      const item = extra[edit.at % Math.max(extra.length, 1)];
      if (item && !list.some((other) => other.id === item.id))
        next.splice(edit.at % (list.length + 1), 0, item);
    } else if (list.length > 0) {
      const at = edit.at % list.length;
      if (edit.action === 'remove') next.splice(at, 1);
      else next[at] = { ...list[at]!, ...{ name: `renamed ${edit.at}` } };
    }
    spec = { ...spec, [edit.list]: next };
  }
  return { ...doc, spec };
}

/**
 * What the receiver holds when sent `doc` whole: the clone makes plain objects of the null-prototype records
 * the schema gives extension fields, so copies are compared with this rather than with the document itself.
 */
function sentWhole(doc: TopologyDocument): EngineDocument {
  return structuredClone(engineDocument(doc));
}

/** The receiver's copy after `delta`, the delta sent through a structured clone. */
function received(copy: EngineDocument | null, previous: TopologyDocument | null, next: TopologyDocument) {
  return applyDocumentDelta(copy, structuredClone(documentDelta(previous, next)));
}

describe('documentDelta and applyDocumentDelta', () => {
  it('send the whole engine document first, without the layout and the scenarios', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary(), (doc) => {
        const delta = documentDelta(null, doc);
        expect(delta.kind).toBe('full');
        const copy = received(null, null, doc);
        expect(copy).toStrictEqual(sentWhole(doc));
        expect('layout' in copy).toBe(false);
        expect('scenarios' in copy).toBe(false);
      }),
      { numRuns: 30 },
    );
  });

  it('rebuild the new document on the other side and keep the untouched elements the receiver’s own', () => {
    fc.assert(
      fc.property(
        topologyDocumentArbitrary(),
        topologyDocumentArbitrary(),
        fc.array(fc.array(editArbitrary, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        (start, donor, steps) => {
          let sent = start;
          let copy = received(null, null, start);
          for (const edits of steps) {
            const next = edited(sent, edits, donor);
            const before = copy;
            copy = received(copy, sent, next);
            expect(copy).toStrictEqual(sentWhole(next));
            for (const list of LISTS) {
              const old = new Map((before.spec[list] as readonly { id: string }[]).map((e) => [e.id, e]));
              const sentBefore = new Map(
                (sent.spec[list] as readonly { id: string }[]).map((e) => [e.id, e]),
              );
              (next.spec[list] as readonly { id: string }[]).forEach((element, i) => {
                if (sentBefore.get(element.id) !== element) return;
                expect((copy.spec[list] as readonly object[])[i]).toBe(old.get(element.id));
              });
            }
            sent = next;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('carry only the elements that changed', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary({ exact: true, workloadsPerCluster: 4 }), (doc) => {
        const workloads = doc.spec.workloads;
        const changed = { ...workloads[0]!, name: 'changed' };
        const next = { ...doc, spec: { ...doc.spec, workloads: [changed, ...workloads.slice(1)] } };
        const delta = documentDelta(doc, next);
        expect(delta).toStrictEqual({
          kind: 'patch',
          top: { set: {}, removed: [] },
          spec: {
            set: { workloads: { kind: 'list', ids: workloads.map((w) => w.id), changed: [changed] } },
            removed: [],
          },
        });
      }),
      { numRuns: 10 },
    );
  });

  it('send nothing for a move on the canvas, and whole fields for the metadata, the settings and extensions', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary(), (doc) => {
        const moved = { ...doc, layout: { nodes: { ...doc.layout.nodes, x: { x: 1, y: 2 } } } };
        expect(documentDelta(doc, moved)).toStrictEqual({
          kind: 'patch',
          top: { set: {}, removed: [] },
          spec: null,
        });
        const copy = received(null, null, doc);
        const withExtension = {
          ...doc,
          metadata: { ...doc.metadata, name: 'renamed' },
          'x-owner': { team: 'video' },
          spec: { ...doc.spec, settings: { ...doc.spec.settings, currency: 'EUR' as const } },
        } as TopologyDocument;
        const after = received(copy, doc, withExtension);
        expect(after).toStrictEqual(sentWhole(withExtension));
        expect(after.spec.regions).toBe(copy.spec.regions);
        const without = received(after, withExtension, doc);
        expect(without).toStrictEqual(sentWhole(doc));
        expect('x-owner' in without).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('send a list whole when its ids do not name one element each', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary({ exact: true }), (doc) => {
        const [first, second] = doc.spec.workloads;
        const twin = { ...second!, id: first!.id };
        const doubled = { ...doc, spec: { ...doc.spec, workloads: [first!, twin] } };
        const copy = received(null, null, doc);
        const after = received(copy, doc, doubled);
        expect(after.spec.workloads).toStrictEqual(structuredClone([first, twin]));
        expect(received(after, doubled, doc)).toStrictEqual(sentWhole(doc));
      }),
      { numRuns: 10 },
    );
  });

  it('refuse a change for a copy it was not made from', () => {
    fc.assert(
      fc.property(topologyDocumentArbitrary({ exact: true }), (doc) => {
        const added = { ...doc.spec.workloads[0]!, id: 'added-by-the-sender' };
        const next = { ...doc, spec: { ...doc.spec, workloads: [...doc.spec.workloads, added] } };
        const delta = documentDelta(doc, next);
        expect(() => applyDocumentDelta(null, delta)).toThrow(DeltaMismatchError);
        const stranger = engineDocument({ ...doc, spec: { ...doc.spec, workloads: [] } });
        const patch = documentDelta(next, {
          ...next,
          spec: { ...next.spec, workloads: [...next.spec.workloads] },
        });
        expect(() => applyDocumentDelta(stranger, patch)).toThrow(DeltaMismatchError);
      }),
      { numRuns: 10 },
    );
  });
});
