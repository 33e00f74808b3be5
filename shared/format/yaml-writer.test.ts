import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extensionValue, trickyText } from '../test-support/arbitraries';
import { writeYaml } from './yaml-writer';

/** Reads YAML the way the loader does (YAML 1.2 core schema, no merge keys). */
function read(text: string): unknown {
  return parse(text, { version: '1.2', schema: 'core', merge: false, uniqueKeys: true });
}

describe('writeYaml', () => {
  it('writes any plain value so that YAML 1.2 reads it back exactly, and rewrites it to the same bytes', () => {
    const document = fc.dictionary(trickyText(0, 20), extensionValue, { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(document, (value) => {
        const text = writeYaml(value);
        const back = read(text);
        expect(back).toEqual(value);
        expect(writeYaml(back)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes strings of every kind of character so that they read back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(read(writeYaml({ [text]: text, list: [text] }))).toEqual({ [text]: text, list: [text] });
      }),
      { numRuns: 1000 },
    );
  });

  it('quotes text that YAML 1.2 or 1.1 would read as something else, and nothing more', () => {
    const written = (value: string) => writeYaml({ v: value }).slice(3, -1);
    const plain = ['m6i.large', 'us-east-1a', 'Zürich team', 'a:b', 'a#b', 'x-y', 'Bob’s cluster', 'k8s/app'];
    for (const text of plain) expect(written(text), text).toBe(text);
    const quoted = [
      '1.30',
      '10.0.0.0/16',
      'yes',
      'off',
      'null',
      '~',
      '',
      ' lead',
      'trail ',
      'a: b',
      'a #b',
      '-x',
      '... &a',
      '--- b',
    ];
    for (const text of quoted) expect(written(text), text).toBe(JSON.stringify(text));
    expect(written('tab\there')).toBe('"tab\\there"');
    expect(written('nbsp\u00a0here')).toBe('"nbsp\\u00a0here"');
    expect(written('line\u2028sep')).toBe('"line\\u2028sep"');
    expect(writeYaml([{ '... &a': null }])).toBe('- "... &a": null\n');
  });

  it('writes multi-line text as a literal block when that reads back exactly, else double-quoted', () => {
    expect(writeYaml({ notes: 'one\ntwo' })).toBe('notes: |-\n  one\n  two\n');
    expect(writeYaml({ notes: 'one\ntwo\n' })).toBe('notes: |\n  one\n  two\n');
    expect(writeYaml({ notes: 'one\n\n' })).toBe('notes: |+\n  one\n\n');
    expect(writeYaml({ notes: '\n\nindented\n  more' })).toBe('notes: |-\n\n\n  indented\n    more\n');
    expect(writeYaml({ notes: '  starts with spaces\nsecond' })).toBe(
      'notes: "  starts with spaces\\nsecond"\n',
    );
    expect(writeYaml({ notes: 'trailing \nspace' })).toBe('notes: "trailing \\nspace"\n');
    expect(writeYaml({ list: ['a\nb'] })).toBe('list:\n  - |-\n    a\n    b\n');
  });

  it('writes nested lists and mappings in block style, empty ones in flow style', () => {
    expect(writeYaml({ a: [{ b: 1, c: [[1, 2], []] }, {}], d: {} })).toBe(
      'a:\n  - b: 1\n    c:\n      - - 1\n        - 2\n      - []\n  - {}\nd: {}\n',
    );
  });

  it('writes numbers that read back as the same number', () => {
    const numbers = [0, -0, 1.5, -2e-7, 1e21, 5e-324, Number.MAX_VALUE, 2 ** 60, NaN, Infinity, -Infinity];
    const back = read(writeYaml({ numbers })) as { numbers: number[] };
    back.numbers.forEach((n, i) => expect(Object.is(n, numbers[i]), String(numbers[i])).toBe(true));
  });

  it('writes keys longer than YAML allows for implicit keys as explicit keys', () => {
    const key = `x-${'k'.repeat(1500)}`;
    const value = { [key]: { nested: true }, [`${key}2`]: 'v' };
    const text = writeYaml(value);
    expect(text.startsWith(`? ${key}\n:\n  nested: true\n`)).toBe(true);
    expect(read(text)).toEqual(value);
  });
});
