// What changed between two versions of a document, by object identity, so that another thread (the renderer's
// analysis worker) can keep its own copy up to date without being sent the whole document on each edit. The
// model is immutable and every command shares what it did not touch, so an element that kept its identity is
// unchanged: a delta carries only the elements that are new objects, and the receiver rebuilds each list from
// them and its own copies of the rest. The receiver's unchanged elements keep their identity too, which is
// what the engines' per-element memos key on: its cost and rules stay incremental.
//
// Only what the engines read travels: the document without its canvas layout and its scenarios (a drag
// changes the layout on each step; the engines read neither).
import type { TopologyDocument } from './schema';

/** The part of a document the engines read: all of it but the layout and the scenarios. */
export type EngineDocument = Pick<
  TopologyDocument,
  'apiVersion' | 'kind' | 'schemaVersion' | 'metadata' | 'spec'
>;

/** A list of elements by id: the ids in order, and the elements that are not the previous version's objects. */
export interface ListDelta {
  readonly kind: 'list';
  readonly ids: readonly string[];
  readonly changed: readonly { readonly id: string }[];
}

/** A field sent whole (a list that is not one of elements with ids, the settings, an extension). */
export interface ValueDelta {
  readonly kind: 'value';
  readonly value: unknown;
}

/** The changes to one object's fields: those that changed, and those that are gone. */
export interface FieldsDelta<F> {
  readonly set: Readonly<Record<string, F>>;
  readonly removed: readonly string[];
}

/** What to apply to the previous version to get the next (`full` when there was none to start from). */
export type DocumentDelta =
  | { readonly kind: 'full'; readonly doc: EngineDocument }
  | {
      readonly kind: 'patch';
      readonly top: FieldsDelta<unknown>;
      readonly spec: FieldsDelta<ListDelta | ValueDelta> | null;
    };

/** Fields that never travel: the engines do not read them. */
const LEFT_OUT: ReadonlySet<string> = new Set(['layout', 'scenarios']);

/** The part of `doc` the engines read (a shallow copy without the layout and the scenarios). */
export function engineDocument(doc: TopologyDocument): EngineDocument {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!LEFT_OUT.has(key)) out[key] = value;
  return out as EngineDocument;
}

function isElementList(value: unknown): value is readonly { readonly id: string }[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string',
    )
  );
}

/** A list by id; sent whole when the ids do not name one element each (never so in a valid document). */
function listDelta(previous: unknown, next: readonly { readonly id: string }[]): ListDelta | ValueDelta {
  if (!isElementList(previous)) return { kind: 'value', value: next };
  const before = new Map<string, object>();
  for (const item of previous) before.set(item.id, item);
  const ids: string[] = [];
  const seen = new Set<string>();
  const changed: { readonly id: string }[] = [];
  for (const item of next) {
    if (seen.has(item.id) || before.size !== previous.length) return { kind: 'value', value: next };
    seen.add(item.id);
    ids.push(item.id);
    if (before.get(item.id) !== item) changed.push(item);
  }
  return { kind: 'list', ids, changed };
}

function fieldsDelta<F>(
  previous: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
  skip: ReadonlySet<string>,
  encode: (key: string, before: unknown, after: unknown) => F,
): FieldsDelta<F> {
  const set: Record<string, F> = {};
  const removed: string[] = [];
  for (const [key, value] of Object.entries(next)) {
    if (!skip.has(key) && previous[key] !== value) set[key] = encode(key, previous[key], value);
  }
  for (const key of Object.keys(previous)) if (!skip.has(key) && !(key in next)) removed.push(key);
  return { set, removed };
}

const NOTHING: ReadonlySet<string> = new Set();
const SPEC: ReadonlySet<string> = new Set(['spec', ...LEFT_OUT]);

/**
 * What turns `previous` into `next` for the engines (null `previous`: the whole engine document). Costs a walk
 * of each list that changed, without looking into any element: an element is either the same object or sent.
 */
export function documentDelta(previous: TopologyDocument | null, next: TopologyDocument): DocumentDelta {
  if (previous === null) return { kind: 'full', doc: engineDocument(next) };
  const top = fieldsDelta<unknown>(previous, next, SPEC, (_key, _before, after) => after);
  const spec =
    previous.spec === next.spec
      ? null
      : fieldsDelta<ListDelta | ValueDelta>(previous.spec, next.spec, NOTHING, (_key, before, after) =>
          isElementList(after) ? listDelta(before, after) : { kind: 'value', value: after },
        );
  return { kind: 'patch', top, spec };
}

/** Raised when a delta names an element the receiver does not have: its copy is not the sender's base. */
export class DeltaMismatchError extends Error {}

function applyList(previous: unknown, delta: ListDelta): { readonly id: string }[] {
  const byId = new Map<string, { readonly id: string }>();
  if (isElementList(previous)) for (const item of previous) byId.set(item.id, item);
  for (const item of delta.changed) byId.set(item.id, item);
  return delta.ids.map((id) => {
    const item = byId.get(id);
    if (!item) throw new DeltaMismatchError(`the delta names ${id}, which the copy does not have`);
    return item;
  });
}

function applyFields<F>(
  base: Readonly<Record<string, unknown>>,
  delta: FieldsDelta<F>,
  decode: (before: unknown, change: F) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const key of delta.removed) Reflect.deleteProperty(out, key);
  for (const [key, change] of Object.entries(delta.set)) out[key] = decode(base[key], change);
  return out;
}

/**
 * The receiver's side: `base` (its copy, null before the first delta) with `delta` applied. Unchanged
 * elements are `base`'s own objects. Throws DeltaMismatchError when the delta does not fit `base`.
 */
export function applyDocumentDelta(base: EngineDocument | null, delta: DocumentDelta): EngineDocument {
  if (delta.kind === 'full') return delta.doc;
  if (base === null) throw new DeltaMismatchError('a change arrived before the document it changes');
  const out = applyFields<unknown>(base, delta.top, (_before, value) => value);
  if (delta.spec) {
    out.spec = applyFields<ListDelta | ValueDelta>(base.spec, delta.spec, (before, change) =>
      change.kind === 'list' ? applyList(before, change) : change.value,
    );
  }
  return out as EngineDocument;
}
