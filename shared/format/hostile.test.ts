import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topologyDocumentArbitrary } from '../test-support/arbitraries';
import type { FileProblem, LoadResult } from './document-file';
import { DEFAULT_MAX_BYTES, formatProblem, loadDocument, saveDocument } from './document-file';

const FIXTURES = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));

function problemsOf(result: LoadResult): FileProblem[] {
  if (result.ok) throw new Error('expected the load to fail');
  return result.problems;
}

/** Each hostile fixture, the problem it must produce (code, line) and a fragment of its message. */
const HOSTILE: readonly { file: string; code: string; line?: number; message: string }[] = [
  { file: 'alias-bomb.yaml', code: 'yaml-alias', line: 6, message: 'anchors and aliases are not allowed' },
  { file: 'duplicate-key.yaml', code: 'yaml-duplicate-key', line: 7, message: '"name" appears twice' },
  {
    file: 'proto-key.yaml',
    code: 'yaml-forbidden-key',
    line: 6,
    message: 'the key "__proto__" is not allowed',
  },
  {
    file: 'constructor-key.yaml',
    code: 'yaml-forbidden-key',
    line: 11,
    message: '"constructor" is not allowed',
  },
  { file: 'deep-nesting-block.yaml', code: 'yaml-too-deep', message: 'more than 64 levels deep' },
  { file: 'deep-nesting-flow.yaml', code: 'yaml-too-deep', line: 6, message: 'more than 64 levels deep' },
  {
    file: 'newer-schema-version.yaml',
    code: 'version-too-new',
    line: 3,
    message: 'made by a newer version of Topology Designer (schemaVersion 7; this version reads up to 1)',
  },
  {
    file: 'old-schema-version.yaml',
    code: 'version-no-migration',
    line: 3,
    message: 'no migration from schemaVersion 0 to 1',
  },
  {
    file: 'missing-schema-version.yaml',
    code: 'header-schema-version',
    line: 1,
    message: '`schemaVersion` is missing',
  },
  { file: 'string-schema-version.yaml', code: 'header-schema-version', line: 3, message: 'not "1.0"' },
  {
    file: 'unknown-field.yaml',
    code: 'schema-unknown-field',
    line: 33,
    message: '`spec.nodePools[0]`: unknown field "nodesPerAZ"; did you mean "nodesPerAz"?',
  },
  {
    file: 'max-below-min.yaml',
    code: 'schema-invalid-value',
    line: 36,
    message: '`spec.nodePools[0].nodesPerAz.max` must be ≥ min (3)',
  },
  {
    file: 'bad-reference.yaml',
    code: 'ref-missing',
    line: 29,
    message: 'there is no cluster with id "api-clustr"; did you mean "api-cluster"?',
  },
  {
    file: 'zone-outside-region.yaml',
    code: 'zone-outside-region',
    line: 15,
    message: 'availability zone "us-west-2a" is not in region us-east-1',
  },
  {
    file: 'js-function-tag.yaml',
    code: 'yaml-tag',
    line: 6,
    message: 'the tag !!js/function is not allowed',
  },
  { file: 'custom-tag.yaml', code: 'yaml-tag', line: 29, message: 'the tag !Ref is not allowed' },
  { file: 'two-documents.yaml', code: 'yaml-multiple-documents', line: 37, message: 'holds exactly one' },
  { file: 'top-level-list.yaml', code: 'yaml-not-a-mapping', line: 1, message: 'must be a mapping' },
  { file: 'top-level-text.yaml', code: 'yaml-not-a-mapping', line: 1, message: 'not "just some words"' },
  { file: 'empty.yaml', code: 'file-empty', message: 'empty.yaml is empty' },
  { file: 'comments-only.yaml', code: 'file-empty', message: 'has no content, only comments' },
  {
    file: 'wrong-api-version.yaml',
    code: 'header-api-version',
    line: 1,
    message: 'not a Topology Designer file',
  },
  { file: 'yaml-1-1.yaml', code: 'yaml-version', line: 1, message: 'declares YAML 1.1' },
  { file: 'syntax-error.yaml', code: 'yaml-syntax', line: 19, message: 'YAML syntax' },
  { file: 'complex-key.yaml', code: 'yaml-complex-key', line: 6, message: 'keys must be plain text' },
  {
    file: 'merge-key.yaml',
    code: 'yaml-merge-key',
    line: 27,
    message: 'merge keys ("<<") are not supported',
  },
  { file: 'lone-surrogate.yaml', code: 'yaml-invalid-string', line: 5, message: 'lone UTF-16 surrogate' },
  { file: 'binary-garbage.yaml', code: 'file-not-text', line: 1, message: 'control character U+007F' },
  { file: 'png-header.yaml', code: 'file-not-utf8', line: 1, message: 'is not UTF-8 text' },
];

describe('hostile files', () => {
  it('has a table entry for every fixture', () => {
    expect(HOSTILE.map((entry) => entry.file).sort()).toEqual(readdirSync(FIXTURES).sort());
  });

  it.each(HOSTILE)('$file is refused with $code', ({ file, code, line, message }) => {
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}${file}`));
    const problems = problemsOf(loadDocument(bytes, { fileName: file }));
    const problem = problems.find((p) => p.code === code);
    expect(problem, problems.map((p) => formatProblem(file, p)).join('\n')).toBeDefined();
    expect(problem!.severity).toBe('error');
    expect(problem!.message).toContain(message);
    if (line !== undefined) expect(problem!.line).toBe(line);
    expect(problem!.column === undefined || problem!.column >= 1).toBe(true);
  });

  it('reports the first nesting level beyond the limit at its line', () => {
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}deep-nesting-block.yaml`));
    const [problem] = problemsOf(loadDocument(bytes));
    // Level 65 (counting the top-level mapping as 1) is `level62:` on line 70; the reader stops there or just after.
    expect(problem!.line).toBeGreaterThanOrEqual(69);
    expect(problem!.line).toBeLessThanOrEqual(71);
  });

  it('refuses a file over the size limit before reading it', () => {
    const text = `# ${'x'.repeat(DEFAULT_MAX_BYTES)}\n`;
    expect(problemsOf(loadDocument(text))).toEqual([
      {
        severity: 'error',
        code: 'file-too-large',
        message: 'the file is more than 10 MiB; Topology Designer opens files up to 10 MiB',
      },
    ]);
    const bytes = new Uint8Array(DEFAULT_MAX_BYTES + 1);
    expect(problemsOf(loadDocument(bytes, { fileName: 'big.topo.yaml' }))[0]).toMatchObject({
      code: 'file-too-large',
      message: 'big.topo.yaml is 10 MiB; Topology Designer opens files up to 10 MiB',
    });
    // 1,000 three-byte characters: 1,000 UTF-16 units but 3,000 bytes.
    expect(problemsOf(loadDocument('€'.repeat(1000), { maxBytes: 2048 }))[0]).toMatchObject({
      code: 'file-too-large',
      message: 'the file is 2.9 KiB; Topology Designer opens files up to 2 KiB',
    });
  });

  it('refuses bytes that are not UTF-8, at the line and column of the first bad byte', () => {
    const prefix = new TextEncoder().encode(
      'apiVersion: topology-designer.dev/v1\nkind: Topology\nmetadata:\n  name: é',
    );
    const cases: [string, number[]][] = [
      ['invalid continuation', [0xc3, 0x28]],
      ['overlong slash', [0xc0, 0xaf]],
      ['encoded surrogate', [0xed, 0xa0, 0x80]],
      ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
      ['lone continuation byte', [0x80]],
      ['0xFF', [0xff]],
      ['truncated at the end', [0xe2, 0x82]],
    ];
    for (const [label, bad] of cases) {
      const bytes = new Uint8Array([...prefix, ...bad, 0x0a]);
      const [problem] = problemsOf(loadDocument(bytes, { fileName: 'bad.topo.yaml' }));
      expect(problem, label).toMatchObject({ code: 'file-not-utf8', line: 4, column: 10 });
      expect(problem!.message).toContain(
        `byte ${prefix.length} (0x${bad[0]!.toString(16).padStart(2, '0')})`,
      );
    }
  });

  it('refuses text with a raw control character or a lone surrogate', () => {
    expect(problemsOf(loadDocument('apiVersion: v1\nkind: \u0007\n'))[0]).toMatchObject({
      code: 'file-not-text',
      line: 2,
      column: 7,
    });
    expect(problemsOf(loadDocument('metadata:\n  name: \ud800\n'))[0]).toMatchObject({
      code: 'file-not-text',
      line: 2,
      column: 9,
    });
  });

  it('stops early on inputs made to exhaust the parser, with a problem that says why', () => {
    const size = 400_000;
    const cases: [string, string, string][] = [
      ['open brackets', '['.repeat(size), 'yaml-too-deep'],
      ['nested compact sequences', '- '.repeat(size / 2), 'yaml-too-deep'],
      ['nested implicit keys', ': '.repeat(size / 2), 'yaml-too-deep'],
      ['empty flow items', `[${','.repeat(size)}`, 'yaml-too-many-errors'],
      ['adjacent quoted strings', '"'.repeat(size), 'yaml-too-many-errors'],
      ['bare tags', '! '.repeat(size / 2), 'yaml-too-many-errors'],
      ['document markers', '---\n'.repeat(size / 4), 'yaml-multiple-documents'],
      ['document end markers', 'a: 1\n' + '...\n'.repeat(size / 4), 'yaml-multiple-documents'],
    ];
    for (const [label, text, code] of cases) {
      const started = performance.now();
      const problems = problemsOf(loadDocument(text));
      expect(
        problems.map((p) => p.code),
        label,
      ).toContain(code);
      expect(performance.now() - started, label).toBeLessThan(20_000);
    }
  });

  it('stops a file packed with far more YAML tokens than a design of its size has', () => {
    const text = `x-list: [${'1,'.repeat(150_000)}]\n`;
    const [problem] = problemsOf(loadDocument(text, { maxBytes: 320_000 }));
    expect(problem).toMatchObject({ code: 'yaml-too-many-tokens', line: 1 });
    expect(problem!.message).toBe(
      'the file has more than 128000 YAML tokens, far more than a design of its size needs',
    );
  });

  it('reads a billion-laughs file without expanding it', () => {
    const levels = Array.from(
      { length: 30 },
      (_, i) => `  x-${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`,
    );
    const text = `metadata:\n  x-0: &l0 lol\n${levels.join('\n')}\n`;
    const started = performance.now();
    const problems = problemsOf(loadDocument(text));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'yaml-alias', line: 2 });
    expect(problems[0]!.message).toContain('(this file has 331)');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

type Mutation =
  | { kind: 'flip-byte'; at: number; bit: number }
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'swap-lines'; at: number; other: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const garbage = fc.oneof(
  fc.constantFrom(
    '&a ',
    '*a',
    '!!js/function ',
    '__proto__: 1\n',
    '- ',
    '? ',
    ': ',
    '[',
    '{',
    '"',
    "'",
    '|\n',
    '---\n',
    '\t',
    '%YAML 1.1\n',
    '<<: ',
    '\u0000',
    '\ufeff',
  ),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip-byte' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('delete-line' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: position }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: garbage }),
  fc.record({ kind: fc.constant('indent' as const), at: position, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: position, other: position }),
);

/** Applies mutations to a file: text edits on its lines, then byte flips on its UTF-8 bytes. */
function mutate(text: string, mutations: readonly Mutation[]): Uint8Array {
  let lines = text.split('\n');
  const line = (at: number) => Math.floor(at * lines.length);
  for (const m of mutations) {
    if (m.kind === 'delete-line') lines.splice(line(m.at), 1);
    else if (m.kind === 'duplicate-line') lines.splice(line(m.at), 0, lines[line(m.at)] ?? '');
    else if (m.kind === 'truncate')
      lines = lines
        .join('\n')
        .slice(0, Math.floor(m.at * text.length))
        .split('\n');
    else if (m.kind === 'insert') {
      const joined = lines.join('\n');
      const at = Math.floor(m.at * joined.length);
      lines = (joined.slice(0, at) + m.text + joined.slice(at)).split('\n');
    } else if (m.kind === 'indent') {
      const i = line(m.at);
      const current = lines[i] ?? '';
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + current : current.replace(new RegExp(`^ {0,${-m.by}}`), '');
    } else if (m.kind === 'swap-lines') {
      const a = line(m.at);
      const b = line(m.other);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
    }
  }
  const bytes = new TextEncoder().encode(lines.join('\n'));
  for (const m of mutations) {
    if (m.kind === 'flip-byte' && bytes.length > 0) bytes[Math.floor(m.at * bytes.length)]! ^= 1 << m.bit;
  }
  return bytes;
}

describe('damaged files', () => {
  // A handful of valid files per run, each damaged many ways: generating documents costs more than
  // loading them, and the damage is where the variety matters.
  const files = fc
    .sample(topologyDocumentArbitrary({ optionalChance: 0.5 }), { numRuns: 12 })
    .map((doc) => saveDocument(doc));

  it('never crash or hang the loader: each gives a document or located, worded problems', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (text, mutations) => {
          const bytes = mutate(text, mutations);
          const result = loadDocument(bytes, { fileName: 'damaged.topo.yaml' });
          if (result.ok) {
            // Whatever was read back is a valid document that saves and loads again.
            const again = loadDocument(saveDocument(result.document));
            expect(again.ok).toBe(true);
            return;
          }
          expect(result.problems.length).toBeGreaterThan(0);
          expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
          const lineCount = bytes.reduce((n, b) => n + (b === 0x0a || b === 0x0d ? 1 : 0), 1);
          for (const problem of result.problems) {
            expect(problem.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(problem.message.trim()).not.toBe('');
            expect(problem.code).not.toBe('internal-error');
            if (problem.line !== undefined) {
              expect(problem.line).toBeGreaterThanOrEqual(1);
              expect(problem.line).toBeLessThanOrEqual(lineCount);
              expect(problem.column).toBeGreaterThanOrEqual(1);
            }
            expect(formatProblem('damaged.topo.yaml', problem)).toMatch(
              /^damaged\.topo\.yaml(:\d+:\d+)?: error|warning/,
            );
          }
        },
      ),
      { numRuns: 250 },
    );
  });
});
