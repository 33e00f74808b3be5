// The fast path's one claim: whatever it returns other than INVALID is exactly zod's output (same values, same
// key order), and it accepts every valid document. Checked on the templates, on random valid documents, and on
// random damage to them (a value replaced, a key removed, a key added), against zod's interpreter.
import fc from 'fast-check';
import { INVALID, z } from 'zod';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../templates/templates';
import { topologyInputArbitrary } from '../test-support/arbitraries';
import { compileParser } from './fast-parse';
import { TopologyDocumentSchema, documentSchema } from './schema';

const parseDocument = compileParser(TopologyDocumentSchema);

/** Every path of a value in the order its keys are listed, so two values with keys in another order differ. */
function keyOrder(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyOrder(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((key) => [
    `${path}.${key}`,
    ...keyOrder((value as Record<string, unknown>)[key], `${path}.${key}`),
  ]);
}

/** Checks the claim on one input; returns whether the fast path gave a value. */
function expectAgrees(input: unknown): boolean {
  const fast = parseDocument(input);
  const reference = TopologyDocumentSchema.safeParse(input);
  if (fast === INVALID) return false;
  expect(reference.success).toBe(true);
  expect(fast).toStrictEqual(reference.data);
  expect(keyOrder(fast)).toEqual(keyOrder(reference.data));
  return true;
}

type Json = Record<string, unknown>;

/** Every path to a value inside a plain JSON-like value, the root excluded. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [[...path, key], ...pathsOf(child, [...path, key])]);
}

/** Values a damaged file may hold where another was expected: wrong types and boundary numbers and strings. */
const damage = fc.oneof(
  fc.constantFrom(
    null,
    0,
    -1,
    1.5,
    100,
    101,
    65_537,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    'x',
    'Not An Id',
    '10.0.0.0/33',
    '1g.10gb',
    'karpenter',
    'gpu',
    'mig',
    true,
    false,
    [],
    {},
    ['a'],
    { 'x-extra': 1 },
  ),
  fc.string({ maxLength: 70 }),
  fc.double(),
  fc.integer(),
);

/** A copy of a document with one random change: a value replaced, a key removed or a key added. */
const damagedDocument = topologyInputArbitrary().chain((input) => {
  const paths = pathsOf(input);
  return fc.record({
    input: fc.constant(input),
    path: fc.constantFrom(...paths),
    change: fc.oneof(
      damage.map((value) => ({ kind: 'set' as const, value })),
      fc.constant({ kind: 'delete' as const }),
      fc
        .constantFrom('nmae', 'zone', 'x-note', 'spotallowed', '__proto__', 'constructor')
        .map((key) => ({ kind: 'add' as const, key })),
    ),
  });
});

function applyDamage(
  input: unknown,
  path: (string | number)[],
  change: { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string },
): unknown {
  const copy = structuredClone(input) as Json;
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Json;
  const last = path.at(-1)!;
  if (change.kind === 'set') parent[last] = change.value;
  else if (change.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else Reflect.deleteProperty(parent, last);
  } else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
      Object.defineProperty(target, change.key, {
        value: 1,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

describe('compileParser on the document schema', () => {
  it('accepts every template and gives zod’s output', () => {
    for (const template of TEMPLATES) expect(expectAgrees(template.build())).toBe(true);
  });

  it('accepts random valid documents and gives zod’s output, defaults and key order included', () => {
    fc.assert(
      fc.property(topologyInputArbitrary(), (input) => {
        expect(expectAgrees(input)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never gives a value zod would not give on damaged documents', () => {
    let rejected = 0;
    let runs = 0;
    fc.assert(
      fc.property(damagedDocument, ({ input, path, change }) => {
        runs++;
        if (!expectAgrees(applyDamage(input, path, change))) rejected++;
      }),
      { numRuns: 400 },
    );
    // The damage must reach the fast path's refusals, or this test checks nothing.
    expect(rejected).toBeGreaterThan(runs / 4);
  });

  it('refuses what zod refuses in the places users get wrong', () => {
    const valid = TEMPLATES[0]!.build() as unknown as { spec: { nodePools: Json[] } };
    const cases: ((doc: { spec: { nodePools: Json[] } }) => void)[] = [
      (doc) => (doc.spec.nodePools[0]!.nodesPerAz = { min: 3, desired: 2, max: 4 }),
      (doc) => (doc.spec.nodePools[0]!.unknownField = true),
      (doc) => (doc.spec.nodePools[0]!.capacity = { spotAllowed: false, spotPercent: 50 }),
      (doc) => (doc.spec.nodePools[0]!.id = 'Upper-Case'),
      (doc) => (doc.spec.nodePools[0]!.labels = { 'bad key!': 'x' }),
      (doc) => delete doc.spec.nodePools[0]!.cluster,
    ];
    for (const damageIt of cases) {
      const doc = structuredClone(valid);
      damageIt(doc);
      expect(parseDocument(doc)).toBe(INVALID);
      expect(TopologyDocumentSchema.safeParse(doc).success).toBe(false);
    }
  });

  it('keeps `x-` fields after the known ones and fills defaults as zod does', () => {
    const doc = structuredClone(TEMPLATES[1]!.build()) as unknown as { metadata: Json; spec: Json };
    doc.metadata = { 'x-b': [1, { c: 2 }], name: 'n', 'x-a': 'first' };
    delete doc.spec.settings;
    const fast = parseDocument(doc) as { metadata: Json; spec: { settings: Json } };
    expect(Object.keys(fast.metadata)).toEqual(['name', 'x-a', 'x-b']);
    expect(fast.spec.settings).toStrictEqual(TopologyDocumentSchema.parse(doc).spec.settings);
    expect(expectAgrees(doc)).toBe(true);
  });

  it('hands node types it does not model to zod’s interpreter', () => {
    const schema = z.object({
      when: z.date(),
      tags: z.tuple([z.string(), z.number()]),
      n: z.nullable(z.number()),
    });
    const parse = compileParser(schema);
    const input = { when: new Date(0), tags: ['a', 1], n: null };
    expect(parse(input)).toStrictEqual(schema.parse(input));
    expect(parse({ ...input, tags: ['a', 'b'] })).toBe(INVALID);
  });

  it('is installed in front of zod for whole documents, with zod’s messages for what it refuses', () => {
    const schema = documentSchema();
    expect(schema).not.toBe(TopologyDocumentSchema);
    const valid = TEMPLATES[0]!.build();
    expect(schema.parse(valid)).toStrictEqual(TopologyDocumentSchema.parse(valid));
    const broken = structuredClone(valid) as unknown as { spec: { nodePools: Json[] } };
    broken.spec.nodePools[0]!.nodesPerAz = { min: 3, desired: 2, max: 4 };
    const fast = schema.safeParse(broken);
    const reference = TopologyDocumentSchema.safeParse(broken);
    expect(fast.success).toBe(false);
    expect(fast.error?.issues).toStrictEqual(reference.error?.issues);
  });

  it('does not modify its input', () => {
    const input = TEMPLATES[0]!.build();
    const before = structuredClone(input);
    parseDocument(input);
    expect(input).toStrictEqual(before);
  });
});
