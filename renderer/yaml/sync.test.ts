import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../shared/model/commands';
import type { TopologyDocument } from '../../shared/model/schema';
import {
  blockOf,
  elementAtLine,
  elementBlocks,
  minimalEdit,
  onDocumentChange,
  planEdit,
  refusalProblems,
  textOf,
} from './sync';
import { smallDocument } from '../test-support/documents';

const platform = (): TopologyDocument => smallDocument();

function renamed(doc: TopologyDocument, id: string, name: string): TopologyDocument {
  const result = executeCommand(doc, { type: 'update', id, changes: { name } });
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

describe('textOf', () => {
  it('serialises a document once and gives the same text for the same document', () => {
    const doc = platform();
    const text = textOf(doc);
    expect(text).toContain('name: US East');
    expect(textOf(doc)).toBe(text);
  });
});

describe('planEdit', () => {
  it('plans one replacement for a valid change', () => {
    const doc = platform();
    const base = { doc, text: textOf(doc) };
    const plan = planEdit(base.text.replace('name: US East', 'name: Storefront'), base, doc);
    expect(plan.kind).toBe('apply');
    if (plan.kind === 'apply') {
      expect(plan.document.spec.regions.find((r) => r.id === 'use1')?.name).toBe('Storefront');
    }
  });

  it('plans nothing for a change of formatting or comments only', () => {
    const doc = platform();
    const base = { doc, text: textOf(doc) };
    expect(planEdit(`# a note\n${base.text}`, base, doc).kind).toBe('same');
    expect(planEdit(base.text, base, doc).kind).toBe('same');
  });

  it('marks an invalid value at its line and applies nothing', () => {
    const doc = platform();
    const base = { doc, text: textOf(doc) };
    const text = base.text.replace('desired: 2', 'desired: lots');
    const plan = planEdit(text, base, doc);
    expect(plan.kind).toBe('invalid');
    if (plan.kind === 'invalid') {
      const line = text.split('\n').findIndex((l) => l.includes('desired: lots')) + 1;
      expect(plan.problems.some((p) => p.line === line && p.severity === 'error')).toBe(true);
    }
  });

  it('marks broken YAML without throwing', () => {
    const doc = platform();
    const base = { doc, text: textOf(doc) };
    const plan = planEdit(`${base.text}\n  - : [\n`, base, doc);
    expect(plan.kind).toBe('invalid');
  });

  it('reports a conflict when the document changed elsewhere since the text was in step', () => {
    const doc = platform();
    const base = { doc, text: textOf(doc) };
    const elsewhere = renamed(doc, 'edge', 'Research');
    const plan = planEdit(base.text.replace('name: US East', 'name: Storefront'), base, elsewhere);
    expect(plan.kind).toBe('conflict');
  });
});

describe('refusalProblems', () => {
  it('locates each problem of a refusal, or puts the message at the top', () => {
    const locate = (path: readonly (string | number)[]) =>
      path[1] === 'workloads' ? { line: 7, column: 5 } : undefined;
    expect(
      refusalProblems(
        {
          code: 'model.invalid-result',
          message: 'refused',
          problems: [
            { severity: 'error', code: 'ref-missing', path: ['spec', 'workloads', 0], message: 'gone' },
          ],
        },
        locate,
      ),
    ).toEqual([{ line: 7, column: 5, message: 'gone', severity: 'error' }]);
    expect(refusalProblems({ code: 'x', message: 'refused' }, locate)).toEqual([
      { line: 1, column: 1, message: 'refused', severity: 'error' },
    ]);
  });
});

describe('onDocumentChange', () => {
  it('does nothing for the document the text stands for', () => {
    const doc = platform();
    expect(onDocumentChange('edited', { doc, text: 'edited' }, doc)).toBe('none');
  });

  it('replaces a text that holds no unapplied edit', () => {
    const doc = platform();
    const base = { doc, text: textOf(doc) };
    expect(onDocumentChange(base.text, base, renamed(doc, 'app', 'Storefront'))).toBe('replace-text');
  });

  it('asks before replacing a text that holds an unapplied edit', () => {
    const doc = platform();
    const base = { doc, text: textOf(doc) };
    expect(onDocumentChange(`${base.text}oops: [`, base, renamed(doc, 'app', 'Storefront'))).toBe('conflict');
  });
});

describe('element blocks', () => {
  it('finds the lines of every element of the saved text', () => {
    const doc = platform();
    const text = textOf(doc);
    const blocks = elementBlocks(text);
    const ids = [
      ...doc.spec.regions,
      ...doc.spec.zones,
      ...doc.spec.clusters,
      ...doc.spec.nodePools,
      ...doc.spec.fleets,
      ...doc.spec.workloads,
      ...doc.spec.dependencies,
    ].map((element) => element.id);
    expect(blocks.map((block) => block.id).sort()).toEqual([...ids].sort());
    const lines = text.split('\n');
    const api = blockOf(blocks, 'use1')!;
    expect(lines[api.startLine - 1]).toMatch(/- id: use1$/);
    expect(lines.slice(api.startLine - 1, api.endLine).join('\n')).toContain('name: US East');
    expect(elementAtLine(blocks, api.endLine)).toBe('use1');
    expect(elementAtLine(blocks, 1)).toBeUndefined();
  });

  it('reads quoted ids, ids that are not first and ignores lists outside the element lists', () => {
    const text = [
      'spec:',
      '  settings:',
      '    currency: USD',
      '  clusters:',
      '    - name: first',
      '      id: "c-1"',
      '      zones:',
      '        - a',
      "    - id: 'c-2' # second",
      'layout:',
      '  nodes:',
      '    c-1:',
      '      x: 0',
    ].join('\n');
    const blocks = elementBlocks(text);
    expect(blocks).toEqual([
      { id: 'c-1', startLine: 5, endLine: 8 },
      { id: 'c-2', startLine: 9, endLine: 9 },
    ]);
    expect(elementAtLine(blocks, 12)).toBeUndefined();
  });
});

describe('minimalEdit', () => {
  it('replaces only the part that differs', () => {
    expect(minimalEdit('name: api\nx: 1\n', 'name: storefront\nx: 1\n')).toEqual({
      start: 6,
      end: 9,
      text: 'storefront',
    });
    expect(minimalEdit('abc', 'abc')).toEqual({ start: 3, end: 3, text: '' });
    expect(minimalEdit('aaa', 'aaaa')).toEqual({ start: 3, end: 3, text: 'a' });
    expect(minimalEdit('abcd', 'ad')).toEqual({ start: 1, end: 3, text: '' });
  });

  it('always gives back the new text', () => {
    const cases: [string, string][] = [
      ['', 'x'],
      ['x', ''],
      ['ab\nab', 'ab'],
      ['spec:\n  a: 1\n', 'spec:\n  a: 2\n  b: 1\n'],
    ];
    for (const [before, after] of cases) {
      const edit = minimalEdit(before, after);
      expect(before.slice(0, edit.start) + edit.text + before.slice(edit.end)).toBe(after);
    }
  });
});
