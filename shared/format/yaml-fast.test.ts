import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Lexer } from 'yaml';
import type { TopologyDocumentInput } from '../model/schema';
import { TopologyDocumentSchema } from '../model/schema';
import { topologyDocumentArbitrary } from '../test-support/arbitraries';
import { loadTestCatalog } from '../test-support/catalog';
import type { LoadOptions, LoadResult, LoadStats } from './document-file';
import { loadDocument, saveDocument } from './document-file';
import {
  FAST_MAX_DEPTH,
  clearOfDoubt,
  readWriterSubset,
  readYamlFast,
  scanForDoubt,
  yamlTokenBound,
} from './yaml-fast';
import { writeYaml } from './yaml-writer';
import type * as YamlSource from './yaml-source';
import { readYamlDocument, toPlainValue } from './yaml-source';

// Every test here compares the default load (fast path first) with the slow path alone. The spy on
// readYamlDocument (calling the real one) shows when the slow reader runs.
vi.mock('./yaml-source', async (importOriginal) => {
  const actual = await importOriginal<typeof YamlSource>();
  return { ...actual, readYamlDocument: vi.fn(actual.readYamlDocument) };
});

const catalog = loadTestCatalog();
const HOSTILE = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('../../resources/templates/', import.meta.url));
const TEMPLATE_TEXTS = readdirSync(TEMPLATES).map((file) => readFileSync(`${TEMPLATES}${file}`, 'utf8'));
/** The largest template, a real file as the app saves it. */
const LARGEST = TEMPLATE_TEXTS.reduce((a, b) => (b.length > a.length ? b : a));

/** The parts of a result that must not depend on the path taken (`locate` is compared separately). */
function comparable(result: LoadResult): unknown {
  if (!result.ok) return result;
  const { document, warnings, migrations } = result;
  return { ok: true, document, warnings, migrations };
}

/** Loads on both paths, checks they agree, and returns the default load with the path it took. */
function loadBoth(input: string | Uint8Array, options: LoadOptions = {}) {
  const stats: LoadStats = {};
  const auto = loadDocument(input, { ...options, stats });
  const slow = loadDocument(input, { ...options, engine: 'slow' });
  expect(comparable(auto)).toStrictEqual(comparable(slow));
  return { auto, slow, stats };
}

const SMALL: TopologyDocumentInput = {
  apiVersion: 'topology-designer.dev/v1',
  kind: 'Topology',
  schemaVersion: 1,
  metadata: { name: 'Checkout: EU', labels: { team: 'payments' } },
  spec: {
    regions: [{ id: 'euw1', name: 'Ireland', code: 'eu-west-1' }],
    zones: [
      { id: 'euw1-b', name: 'b', region: 'euw1', zoneName: 'eu-west-1b' },
      { id: 'euw1-a', name: 'a', region: 'euw1', zoneName: 'eu-west-1a' },
    ],
    clusters: [
      {
        id: 'checkout',
        name: 'Checkout',
        notes: 'Owned by payments.\nPage #payments-oncall first.\n',
        region: 'euw1',
        role: 'api',
        kubernetesVersion: '1.30',
        zones: ['euw1-a', 'euw1-b'],
        network: { vpcCidr: '10.1.0.0/16', serviceCidr: '172.20.0.0/16' },
      },
    ],
    workloads: [
      {
        id: 'web',
        name: 'Web & "storefront" *',
        kind: 'service',
        cluster: 'checkout',
        replicas: 3,
        resources: { cpu: 0.5, memoryGiB: 1 },
      },
    ],
  },
  layout: { nodes: { web: { x: 10, y: -20.5 } } },
};
const BASE = saveDocument(TopologyDocumentSchema.parse(SMALL));

describe('the fast path', () => {
  it('reads saved documents to the same result as the slow path, and takes the fast path for most', () => {
    const paths = { fast: 0, slow: 0 };
    fc.assert(
      fc.property(topologyDocumentArbitrary({ optionalChance: 0.5 }), (doc) => {
        const text = saveDocument(doc);
        const { auto, stats } = loadBoth(text);
        expect(auto.ok).toBe(true);
        paths[stats.path!]++;
        // Line breaks inside literal blocks become part of the text, so CRLF changes only block-free files.
        const crlf = text.replace(/\n/g, '\r\n');
        if (!text.includes('|')) expect(loadBoth(crlf).auto.ok).toBe(true);
        else loadBoth(crlf);
        loadBoth(new TextEncoder().encode(`\ufeff${text}`), { catalog });
      }),
      { numRuns: 100 },
    );
    // Generated text is full of what the fast path leaves to the slow one (tabs, "|2" after ": ", "\"
    // before a blank line, ...); most documents still go through it.
    expect(paths.fast).toBeGreaterThan(paths.slow);
  });

  it('is taken for the shipped templates, with the same result', () => {
    for (const text of TEMPLATE_TEXTS) {
      const { auto, stats } = loadBoth(text, { catalog });
      expect(stats).toEqual({ path: 'fast' });
      expect(auto.ok && auto.warnings).toEqual([]);
    }
  });

  it('does not run the slow reader for a valid file; locate runs it once, when first called', () => {
    const reader = vi.mocked(readYamlDocument);
    reader.mockClear();
    const stats: LoadStats = {};
    const result = loadDocument(BASE, { stats });
    expect(stats.path).toBe('fast');
    expect(reader).not.toHaveBeenCalled();
    if (!result.ok) throw new Error('the base document does not load');
    const slow = loadDocument(BASE, { engine: 'slow' });
    if (!slow.ok) throw new Error('the base document does not load on the slow path');
    reader.mockClear();
    const paths: (string | number)[][] = [
      ['metadata', 'name'],
      ['spec', 'zones', 0, 'zoneName'],
      ['spec', 'zones', 1],
      ['spec', 'clusters', 0, 'notes'],
      ['spec', 'workloads', 0, 'resources', 'gpu'],
      ['spec', 'settings', 'currency'],
      ['layout', 'nodes', 'web', 'y'],
      ['nowhere'],
    ];
    for (const path of paths) expect(result.locate(path), path.join('.')).toEqual(slow.locate(path));
    const zoneName = BASE.split('\n').indexOf('      zoneName: eu-west-1a') + 1;
    expect(result.locate(['spec', 'zones', 0, 'zoneName'])).toEqual({ line: zoneName, column: 17 });
    expect(reader).toHaveBeenCalledTimes(1);
  });

  it('resolves scalars exactly as the slow path does (YAML 1.2 core schema)', () => {
    const scalars = [
      ...['~', 'null', 'Null', 'NULL', 'nULL', '', 'true', 'True', 'TRUE', 'tRUE', 'yes', 'No', 'on', 'y'],
      ...['0', '-0', '+0', '007', '+12', '-12', '0o17', '0O17', '-0o17', '0x1F', '0X1F', '-0x1F', '0b101'],
      ...['1_000', '1,000', '12345678901234567890', '9'.repeat(400), `0x${'f'.repeat(300)}`],
      ...['1.5', '.5', '-.5', '+.5', '5.', '-0.0', '1e3', '1E3', '1e+3', '1.5e-3', '.5e3', '5.e3', '1e400'],
      ...['-1e400', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'NaN', '1:30'],
      ...['2024-01-01', '0.1.2', '1e', 'e3', '.', '+', '0x', '0o', '0o8', '"1"', "'true'", '"~"'],
    ];
    for (const scalar of scalars) {
      const text = `${BASE}x-value: ${scalar}\nx-list: [${scalar}]\n`;
      const { auto, stats } = loadBoth(text);
      expect(auto.ok, scalar).toBe(true);
      expect(stats.path, scalar).toBe('fast');
    }
  });

  it('agrees with the slow reader on any YAML it accepts', () => {
    fc.assert(
      fc.property(yamlText, (text) => {
        const fast = readYamlFast(text, Infinity);
        if (!fast.ok) return;
        const problems: string[] = [];
        const report = (severity: string, code: string, message: string) =>
          problems.push(`${severity} ${code}: ${message}`);
        const root = readYamlDocument(text, report, Infinity);
        const slow = root ? toPlainValue(root, report, () => 0) : root;
        expect(problems).toEqual([]);
        expect(slow).toStrictEqual(fast.value);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same result as the slow path for damaged files', () => {
    const files = fc
      .sample(topologyDocumentArbitrary({ optionalChance: 0.5 }), { numRuns: 8 })
      .map((doc) => saveDocument(doc));
    fc.assert(
      fc.property(fc.constantFrom(...files), damages({ minLength: 1, maxLength: 3 }), (text, edits) => {
        const damaged = applyDamage(text, edits);
        loadBoth(damaged, { catalog });
      }),
      { numRuns: 300 },
    );
  });

  it('never counts fewer YAML tokens than the slow reader lexes (its token cap holds on both paths)', () => {
    const lexemes = (text: string) => Array.from(new Lexer().lex(text)).length;
    expect(lexemes(LARGEST)).toBeLessThanOrEqual(yamlTokenBound(LARGEST));
    // The bound is loose by less than a factor of two on real files: a 10 MiB limit still lets
    // designs of over 6 MiB through the fast path.
    expect(yamlTokenBound(LARGEST)).toBeLessThan(0.7 * LARGEST.length);
    const piece = fc.constantFrom(...'a1é :-?#"\'|>[]{},&*!%\\'.split(''), '\n', '\r\n', '  ', '- ', ': ');
    fc.assert(
      fc.property(
        fc.oneof(
          yamlText,
          fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        ),
        (text) => {
          expect(lexemes(text)).toBeLessThanOrEqual(yamlTokenBound(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('the scan for doubt', () => {
  it('is skipped only for texts in which it would find nothing', () => {
    const piece = fc.constantFrom(
      ...'a1é :-?#"\'|>[]{},&*!%.\\\t\u0085\u2028\u2029\ufeff'.split(''),
      '\n',
      '\r\n',
      '  ',
      '- ',
      ': ',
      '---',
      '...',
      '|2',
      '>-1',
      '#x',
      '\\ud800',
      '\\\n\n',
    );
    const pieces = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
    const texts = fc.oneof(
      yamlText,
      writtenText,
      pieces,
      pieces.map((text) => `${text}\n`),
    );
    const caps = fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constant(10_000_000));
    let cleared = 0;
    fc.assert(
      fc.property(texts, caps, (text, maxTokens) => {
        if (!clearOfDoubt(text, maxTokens)) return;
        cleared++;
        expect(scanForDoubt(text, maxTokens)).toBeUndefined();
      }),
      { numRuns: 5000 },
    );
    expect(cleared).toBeGreaterThan(500);
  });

  it('is skipped for what the app writes, not for long lines or a cap the token bound could pass', () => {
    for (const text of [...TEMPLATE_TEXTS, BASE]) expect(clearOfDoubt(text, 10_000_000)).toBe(true);
    expect(clearOfDoubt(`x: ${'a'.repeat(1001)}\n`, 10_000_000)).toBe(false);
    expect(clearOfDoubt(`x: ${'a'.repeat(997)}\n`, 10_000_000)).toBe(true);
    expect(clearOfDoubt(LARGEST, 4 * LARGEST.length)).toBe(false);
    expect(clearOfDoubt(LARGEST, 4 * LARGEST.length + 1)).toBe(true);
    expect(clearOfDoubt(LARGEST.slice(0, -1), 10_000_000)).toBe(false);
  });
});

describe('what the fast path leaves to the slow one', () => {
  /** Each case: a change to the base document, the reason the fast path gives, and the slow path's code. */
  const CASES: readonly { name: string; text: string; reason: string; code?: string }[] = [
    { name: 'an anchor', text: `${BASE}x-a: &a 1\n`, reason: 'an anchor', code: 'yaml-alias' },
    { name: 'an alias', text: `${BASE}x-a: *a\n`, reason: 'an alias', code: 'yaml-alias' },
    { name: 'a tag', text: `${BASE}x-a: !!str 1\n`, reason: 'a tag' },
    { name: 'a custom tag', text: `${BASE}x-a: !Ref b\n`, reason: 'a tag', code: 'yaml-tag' },
    { name: 'a tab', text: `${BASE}x-a:\t1\n`, reason: 'a tab' },
    { name: 'a merge key', text: `${BASE}x-a:\n  <<: {b: 1}\n`, reason: '"<<"', code: 'yaml-merge-key' },
    {
      name: 'a duplicate key',
      text: BASE.replace('kind: Topology\n', 'kind: Topology\nkind: Topology\n'),
      reason: 'duplicated mapping key',
      code: 'yaml-duplicate-key',
    },
    {
      name: 'a __proto__ key',
      text: `${BASE}x-a:\n  __proto__: 1\n`,
      reason: '"__proto__"',
      code: 'yaml-forbidden-key',
    },
    {
      name: 'a constructor key',
      text: `${BASE}x-a: {constructor: 1}\n`,
      reason: '"constructor"',
      code: 'yaml-forbidden-key',
    },
    { name: 'a number as a key', text: `${BASE}1: a\n`, reason: 'not text', code: 'schema-unknown-field' },
    {
      name: 'a second document',
      text: `${BASE}---\nkind: Topology\n`,
      reason: 'a document marker',
      code: 'yaml-multiple-documents',
    },
    { name: 'a directive', text: `%YAML 1.1\n---\n${BASE}`, reason: 'a directive', code: 'yaml-version' },
    {
      name: 'an escaped lone surrogate',
      text: `${BASE}x-a: "\\ud800"\n`,
      reason: 'surrogate',
      code: 'yaml-invalid-string',
    },
    // The next four are texts that js-yaml and the slow reader read differently.
    { name: 'an escaped line break', text: `${BASE}x-a: "a\\\n\n  b"\n`, reason: 'escaped line break' },
    {
      name: 'an indentation indicator',
      text: `${BASE}x-a: >1\n  a\n\n  \n`,
      reason: 'indentation indicator',
    },
    { name: 'spaces after the last line break', text: `${BASE}x-a: |+\n\n  `, reason: 'last line of spaces' },
    {
      name: 'a comment like #x before a more indented line',
      text: `${BASE}x-a:\n#x\n  5\nx-b: 1\n`,
      reason: 'comment line',
      code: 'yaml-syntax',
    },
    {
      name: 'a flow collection closed first on a line',
      text: `${BASE}x-a: [\n  1\n]\n`,
      reason: 'flow collection',
    },
    { name: 'a lone CR', text: BASE.replace('\n', '\r'), reason: 'carriage return' },
    { name: 'a long key', text: `${BASE}"x-${'a'.repeat(1100)}": 1\n`, reason: 'a long line' },
    {
      name: 'nesting the fast path does not read',
      text: `${BASE}x-a: ${'['.repeat(FAST_MAX_DEPTH)}${']'.repeat(FAST_MAX_DEPTH)}\n`,
      reason: 'maxDepth',
    },
    {
      name: 'nesting the slow path refuses',
      text: `${BASE}x-a: ${'['.repeat(70)}${']'.repeat(70)}\n`,
      reason: 'maxDepth',
      code: 'yaml-too-deep',
    },
    { name: 'a list at the top', text: '- a\n', reason: 'not a mapping', code: 'yaml-not-a-mapping' },
    { name: 'an empty file', text: '# nothing\n', reason: 'not one document', code: 'file-empty' },
    {
      name: 'a schema problem',
      text: BASE.replace('replicas: 3', 'replicas: -1'),
      reason: 'a problem: schema-invalid-value',
      code: 'schema-invalid-value',
    },
    {
      name: 'an integrity error',
      text: BASE.replace('zoneName: eu-west-1b', 'zoneName: eu-west-1z'),
      reason: 'a problem: zone-unknown',
      code: 'zone-unknown',
    },
    {
      name: 'an integrity warning',
      text: BASE.replace(
        '  nodePools: []\n',
        [
          '  nodePools:',
          '    - id: general',
          '      name: General',
          '      cluster: checkout',
          '      role: general',
          '      provisioner: managed',
          '      instanceTypes: [m6i.larg]',
          '      nodesPerAz: {min: 1, desired: 1, max: 2}',
          '',
        ].join('\n'),
      ),
      reason: 'a problem: catalog-unknown-instance-type',
      code: 'catalog-unknown-instance-type',
    },
  ];

  it.each(CASES)('$name: the slow path reads it, with the same result', ({ text, reason, code }) => {
    const { auto, slow, stats } = loadBoth(text, { catalog });
    expect(stats.path).toBe('slow');
    expect(stats.fallback).toContain(reason);
    const problems = slow.ok ? slow.warnings : slow.problems;
    if (code) expect(problems.map((p) => p.code)).toContain(code);
    if (auto.ok && slow.ok) {
      expect(auto.locate(['spec', 'zones', 1, 'zoneName'])).toEqual(
        slow.locate(['spec', 'zones', 1, 'zoneName']),
      );
    }
  });

  it('the reasons above are not found in the base document, which takes the fast path', () => {
    expect(loadBoth(BASE, { catalog }).stats).toEqual({ path: 'fast' });
  });

  it('every hostile fixture gives the same problems on both paths', () => {
    for (const file of readdirSync(HOSTILE)) {
      const bytes = new Uint8Array(readFileSync(`${HOSTILE}${file}`));
      const { auto } = loadBoth(bytes, { fileName: file, catalog });
      expect(auto.ok, file).toBe(false);
    }
  });

  it('a file that could reach the token cap of its size limit is left to the slow path', () => {
    // The slow reader's cap is 0.4 tokens per byte of the limit, at least 100,000.
    const text = `${LARGEST}x-padding:\n${'  - 1\n'.repeat(15_000)}`;
    const maxBytes = Math.floor((yamlTokenBound(text) - 1) / 0.4);
    expect(maxBytes).toBeGreaterThan(text.length);
    const { stats } = loadBoth(text, { maxBytes });
    expect(stats).toMatchObject({ path: 'slow', fallback: 'more YAML tokens than the slow reader reads' });
    // With room for the bound, the fast path reads it.
    expect(loadBoth(text, { maxBytes: Math.ceil(yamlTokenBound(text) / 0.4) }).stats).toEqual({
      path: 'fast',
    });
  });
});

/** Pieces of damage: YAML syntax of every kind, including what only the slow path reads. */
const damage = fc.oneof(
  fc.constantFrom(
    ...['&a ', '*a', '!!str ', '!t ', '__proto__: 1\n', '<<: ', '- ', '? ', ': ', ':', '[', '{', ']', '}'],
    ...[',', '"', "'", '|\n', '>-\n', '|2\n', '---\n', '...\n', '\t', '%YAML 1.2\n', '# c', '#x\n', '\\'],
    ...['\\ud800', '\\\n', '\n', '\r\n', '\r', '  ', 'true', '~', '0o7', '1e400', '.NaN', '@', '`', '\ufeff'],
    ...['\u0085', '\u2028', 'x'.repeat(1030)],
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
);

/** Up to `maxLength` pieces of damage, each with where in the text it goes (a fraction of its length). */
const damages = (length: { minLength?: number; maxLength: number }) =>
  fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), damage), length);

/** The text with each piece of damage inserted in turn at its place. */
function applyDamage(text: string, edits: readonly (readonly [number, string])[]): string {
  let damaged = text;
  for (const [at, piece] of edits) {
    const offset = Math.floor(at * damaged.length);
    damaged = damaged.slice(0, offset) + piece + damaged.slice(offset);
  }
  return damaged;
}

// Random YAML in many styles: a random value written with random choices of block or flow collections
// (indented by 1 to 4, sequences under a key indented or not, compact nested entries), every scalar
// style (plain, quoted, folded quoted, literal and folded blocks with each chomping), explicit keys,
// comments, blank lines, odd spacing and CRLF. Much of it is valid; some is not, on purpose.
type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

const ATOMS = [
  ...['a', 'name', 'x-b', 'k:v', 'a#b', 'Tom & Jerry', 'yes', 'null', '~', 'True', '0', '-0', '007', '0o17'],
  ...[
    '0x1F',
    '1_000',
    '.5',
    '5.',
    '1e3',
    '1e400',
    '.inf',
    '-.Inf',
    '.NaN',
    'é',
    '😀',
    'a  b',
    '\\',
    '\u00a0',
  ],
  ...['1.30', '10.0.0.0/16', 'a: b', '- a', '#c', '"q"', "'s'", '[a]', '{b}', ',', '?', ':', '-', '|', '>'],
  ...['!', '&a', '*a', '%', '@', '`', ' ', '<<', '---', '#'],
];
const plainText = fc
  .array(fc.tuple(fc.constantFrom(...ATOMS), fc.constantFrom('', ' ', '\n', ' ', '\n\n', '  ')), {
    minLength: 1,
    maxLength: 3,
  })
  .map((parts) => parts.map(([atom, gap], i) => (i > 0 ? gap : '') + atom).join(''));
const plainValue: fc.Arbitrary<Plain> = fc.letrec<{ value: Plain }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -100, max: 100 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    plainText,
    plainText,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('a', 'b', 'name', 'x-y', 'k:v', 'a b', 'é', '1', 'true', '', 'c#', '-x'),
      tie('value'),
      {
        maxKeys: 3,
      },
    ),
  ),
})).value;

/** Writes a value as YAML, taking each style decision from `choices` (numbers in [0, 1)). */
function emitYaml(value: { [key: string]: Plain }, choices: readonly number[]): string {
  let next = 0;
  const roll = () => choices[next++ % choices.length]!;
  const chance = (p: number) => roll() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(roll() * items.length)]!;
  const plainOk = (text: string, flow: boolean) =>
    text !== '' &&
    !/^[-?:,[\]{}#&*!|>'"%@`\s]|: | #|:$|\s$|\n|^(---|\.\.\.)/.test(text) &&
    !(flow && /[,[\]{}]/.test(text));
  const quoted = (text: string, indent: string, flow: boolean): string => {
    const r = roll();
    if (r < 0.4 && plainOk(text, flow)) return text;
    if (r < 0.6) return `'${text.replace(/'/g, "''").replace(/\n/g, '\n\n')}'`;
    const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    // Folded over lines: each line break between words reads back as a space.
    if (r < 0.75 && !flow) return `"${escaped.replace(/ /g, () => (chance(0.3) ? `\n${indent}  ` : ' '))}"`;
    return `"${escaped}"`;
  };
  const scalar = (item: Plain, indent: string, flow: boolean): string => {
    if (item === null) return pick(['null', '~', '', 'Null']);
    if (typeof item === 'boolean') return item ? pick(['true', 'True']) : pick(['false', 'FALSE']);
    if (typeof item === 'number')
      return pick([String(item), item.toExponential(), '0x1F', '0o17', '+1', '.5']);
    return quoted(item as string, indent, flow);
  };
  const block = (text: string, indent: string): string | undefined => {
    if (text === '' || /^\n* /.test(text) || / (\n|$)/.test(text)) return undefined;
    const step = pick(['  ', ' ', '    ']);
    const lines = text
      .split('\n')
      .map((line) => (line === '' ? (chance(0.2) ? indent + step : '') : indent + step + line));
    return `${pick(['|', '|', '>'])}${pick(['', '-', '+'])}${chance(0.1) ? ' # h' : ''}\n${lines.join('\n')}`;
  };
  const flow = (item: Plain, indent: string): string => {
    if (item === null || typeof item !== 'object') return scalar(item, indent, true);
    const separator = chance(0.2) ? `,\n${indent}  ` : ', ';
    const close = separator !== ', ' && chance(0.3) ? `\n${indent} ` : '';
    if (Array.isArray(item)) return `[${item.map((entry) => flow(entry, indent)).join(separator)}${close}]`;
    const pairs = Object.entries(item).map(
      ([key, entry]) => `${quoted(key, indent, true)}: ${flow(entry, indent)}`,
    );
    return `{${pairs.join(separator)}${close}}`;
  };
  const comments = (indent: string): string[] =>
    chance(0.06)
      ? [pick(['', indent, `${indent}  `]) + pick(['# c', '#', '# - x: y', '#x'])]
      : chance(0.04)
        ? ['']
        : [];
  const node = (item: Plain, indent: string, lines: string[], head: string): void => {
    const isList = Array.isArray(item) && item.length > 0;
    const isMap =
      item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0;
    if ((isList || isMap) && chance(0.8)) {
      const inner: string[] = [];
      const deeper = indent + pick(['  ', ' ', '    ']);
      if (head.endsWith('-') && chance(0.5)) {
        // Compact: the first entry on the dash's line.
        if (isList) sequence(item as Plain[], `${indent}  `, inner);
        else mapping(item as { [key: string]: Plain }, `${indent}  `, inner);
        inner[0] = `${head} ${inner[0]!.trimStart()}`;
        lines.push(...inner);
        return;
      }
      lines.push(head + (chance(0.05) ? ' # c' : ''));
      if (isList) sequence(item as Plain[], head.endsWith(':') && chance(0.4) ? indent : deeper, lines);
      else mapping(item as { [key: string]: Plain }, deeper, lines);
      return;
    }
    if (item !== null && typeof item === 'object') return void lines.push(`${head} ${flow(item, indent)}`);
    const text = typeof item === 'string' && chance(0.3) ? block(item, indent) : undefined;
    if (text) return void lines.push(`${head} ${text}`);
    const written = scalar(item, `${indent} `, false);
    lines.push(
      written === '' ? head : `${head}${pick([' ', ' ', '  '])}${written}${chance(0.05) ? ' # t' : ''}`,
    );
  };
  const mapping = (item: { [key: string]: Plain }, indent: string, lines: string[]): void => {
    for (const [key, entry] of Object.entries(item)) {
      lines.push(...comments(indent));
      const written = quoted(key, indent, false).replace(/\n[\s\S]*/, '');
      if (chance(0.04)) {
        lines.push(`${indent}? ${written}`);
        node(entry, indent, lines, `${indent}:`);
      } else node(entry, indent, lines, indent + written + pick([':', ':', ' :']));
    }
  };
  const sequence = (items: Plain[], indent: string, lines: string[]): void => {
    for (const entry of items) {
      lines.push(...comments(indent));
      node(entry, indent, lines, `${indent}-`);
    }
  };
  const lines: string[] = [];
  mapping(value, '', lines);
  const eol = chance(0.1) ? '\r\n' : '\n';
  return lines.join(eol) + (chance(0.95) ? eol : '');
}

const topLevel = fc.dictionary(fc.constantFrom('a', 'b', 'name', 'x-y', 'é', 'k:v'), plainValue, {
  minKeys: 1,
  maxKeys: 5,
});

const yamlText: fc.Arbitrary<string> = fc
  .tuple(
    topLevel,
    fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 64, maxLength: 64 }),
  )
  .map(([value, choices]) => emitYaml(value, choices));

/** What the app's writer writes for a random value. */
const writtenText: fc.Arbitrary<string> = topLevel.map((value) => writeYaml(value));

/** The slow reader's plain value of a text, or undefined when it reports any problem. */
function slowValue(text: string): unknown {
  const problems: string[] = [];
  const report = (severity: string, code: string) => problems.push(`${severity} ${code}`);
  const root = readYamlDocument(text, report, Infinity);
  const value = root ? toPlainValue(root, report, () => 0) : undefined;
  return problems.length === 0 ? value : undefined;
}

describe('the reader of what the writer writes', () => {
  it('reads every saved document as the slow reader does', () => {
    let literal = 0;
    fc.assert(
      fc.property(topologyDocumentArbitrary({ optionalChance: 0.2 }), (doc) => {
        const text = saveDocument(doc);
        if (/ \|[-+]?\n/.test(text)) literal++;
        const value = readWriterSubset(text);
        expect(value).toBeDefined();
        expect(value).toStrictEqual(slowValue(text));
      }),
      { numRuns: 150 },
    );
    expect(literal).toBeGreaterThan(0);
  });

  it('reads the shipped templates as the slow reader does', () => {
    for (const text of TEMPLATE_TEXTS) {
      const value = readWriterSubset(text);
      expect(value).toBeDefined();
      expect(value).toStrictEqual(slowValue(text));
    }
  });

  it('agrees with the slow reader on any YAML it accepts, damaged or not', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(writtenText, yamlText), damages({ maxLength: 2 }), (text, edits) => {
        const damaged = applyDamage(text, edits);
        const value = readWriterSubset(damaged);
        if (value === undefined) return;
        accepted++;
        expect(slowValue(damaged)).toStrictEqual(value);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('leaves everything else to js-yaml', () => {
    const declined = [
      'a: 1 # comment\n',
      '# comment\na: 1\n',
      'a: 1\n\nb: 2\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |2\n  text\n',
      'a: |\n    deeper\n  text\n',
      'a: |\n\n',
      'a: |\n  text\n  \n',
      'a: |\n  \u0007\n',
      'a: >\n  text\n',
      "a: 'single'\n",
      'a: [1, 2]\n',
      'a: {b: 1}\n',
      'a:\n- 1\n',
      'a:\n  b: 1\n c: 2\n',
      'a:\n    b: 1\n  c: 2\n',
      'a: 1\na: 2\n',
      '1: one\n',
      'true: yes\n',
      '__proto__: 1\n',
      '<<: 1\n',
      'a:\n',
      'a: \n',
      'a: 1',
      '- 1\n',
      'a: -x\n',
      'a: b: c\n',
      'a: "x" y\n',
      'a: "\\x41"\n',
      'a: "open\n',
      '? a\n: 1\n',
      '---\na: 1\n',
      'a: 1\r\n',
      'a:\t1\n',
      `${'k'.repeat(1100)}: 1\n`,
      `a: ${'- '.repeat(FAST_MAX_DEPTH + 2)}1\n`,
      `a:\n${Array.from({ length: FAST_MAX_DEPTH + 2 }, (_, i) => `${'  '.repeat(i + 1)}b${i}:`).join('\n')} 1\n`,
    ];
    for (const text of declined) expect(readWriterSubset(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads plain, quoted and empty values, keys with colons and quotes, and nested sequences', () => {
    const text = [
      'a: text with spaces',
      'b: -1.5e3',
      'c: "quoted: \\"x\\" \\u2028 \\n"',
      '"key: quoted": ~',
      'k:v: http://example.com/a#b',
      'empty:',
      '  list: []',
      '  map: {}',
      'lists:',
      '  - - 1',
      '    - two',
      '  - - x: 1',
      '      y: true',
      'notes: |',
      '  two',
      '',
      '    lines,\tand a tab',
      'kept:',
      '  - |+',
      '    x',
      '',
      '',
      '  - |-',
      '    y',
      '  - z: |',
      '      w',
      '',
    ].join('\n');
    const value = readWriterSubset(text);
    expect(value).toStrictEqual({
      a: 'text with spaces',
      b: -1500,
      c: 'quoted: "x" \u2028 \n',
      'key: quoted': null,
      'k:v': 'http://example.com/a#b',
      empty: { list: [], map: {} },
      lists: [[1, 'two'], [{ x: 1, y: true }]],
      notes: 'two\n\n  lines,\tand a tab\n',
      kept: ['x\n\n\n', 'y', { z: 'w\n' }],
    });
    expect(slowValue(text)).toStrictEqual(value);
  });

  it('reads a sequence item whose node starts on its dash line as the slow reader does, or leaves it', () => {
    // The reader moves such a line past its `- ` and looks for the key's `: ` from there.
    const cases = [
      'a:\n  - - k: v\n      j: w\n',
      'a:\n  - x:\n      - 1\n',
      'a:\n  - "b: c": d\n    e: f\n',
      'a:\n  - ":x"\n',
      'a:\n  - :x\n',
      'a:\n  - - - deep: 1\n',
      'a:\n  - k: "v: w"\n  - "k: v"\n',
    ];
    for (const text of cases) {
      const value = readWriterSubset(text);
      if (value !== undefined) expect(slowValue(text), JSON.stringify(text)).toStrictEqual(value);
    }
    expect(readWriterSubset(cases[0]!)).toStrictEqual({ a: [[{ k: 'v', j: 'w' }]] });
    expect(readWriterSubset(cases[2]!)).toStrictEqual({ a: [{ 'b: c': 'd', e: 'f' }] });
    expect(readWriterSubset(cases[4]!)).toBeUndefined();
    expect(readWriterSubset(cases[6]!)).toStrictEqual({ a: [{ k: 'v: w' }, 'k: v'] });
  });
});
