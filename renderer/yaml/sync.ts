// The pure logic between the YAML editor and the document: the text of a document (cached by identity, so
// an unchanged document is never serialised twice), what a text edit means (nothing, one replacement of
// the document, or problems to mark), what to do when the document changes elsewhere, and which element's
// block a line of the text belongs to. No Monaco and no React here, so all of it is unit-tested.
import type { CatalogFacts } from '../../shared/model/integrity';
import type { FileProblem } from '../../shared/format/document-file';
import { loadDocument, saveDocument } from '../../shared/format/document-file';
import type { CommandError } from '../../shared/model/commands';
import { ELEMENT_KINDS, KIND_ORDER } from '../../shared/model/elements';
import type { TopologyDocument } from '../../shared/model/schema';

const texts = new WeakMap<TopologyDocument, string>();

/** The `.topo.yaml` text of a document, exactly what Save writes; computed once per document. */
export function textOf(doc: TopologyDocument): string {
  let text = texts.get(doc);
  if (text === undefined) {
    text = saveDocument(doc);
    texts.set(doc, text);
  }
  return text;
}

/** A problem to mark in the editor: 1-based line and column, and what a user reads. */
export interface TextProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** What the editor's text was last in step with: the document and the text that stood for it. */
export interface SyncBase {
  readonly doc: TopologyDocument;
  readonly text: string;
}

/** What a text edit asks for. */
export type EditPlan =
  /** The text means the document as it is (formatting, comments, an edit undone). */
  | { readonly kind: 'same' }
  /** Replace the document by this one (one undoable command). */
  | {
      readonly kind: 'apply';
      readonly document: TopologyDocument;
      readonly locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
    }
  /** The text is not a valid document: mark these, apply nothing. */
  | { readonly kind: 'invalid'; readonly problems: readonly TextProblem[] }
  /** The document changed elsewhere since the text was in step with it: ask before overwriting it. */
  | { readonly kind: 'conflict' };

/** Plans what the editor's `text` does to the open document `current`, given the base it was edited from. */
export function planEdit(
  text: string,
  base: SyncBase,
  current: TopologyDocument,
  catalog?: CatalogFacts,
): EditPlan {
  if (text === base.text && current === base.doc) return { kind: 'same' };
  const result = loadDocument(text, { catalog, fileName: 'the YAML' });
  if (!result.ok) return { kind: 'invalid', problems: result.problems.map(toTextProblem) };
  if (current !== base.doc) return { kind: 'conflict' };
  if (textOf(result.document) === textOf(current)) return { kind: 'same' };
  return { kind: 'apply', document: result.document, locate: result.locate };
}

function toTextProblem(problem: FileProblem): TextProblem {
  return {
    line: problem.line ?? 1,
    column: problem.column ?? 1,
    message: problem.message,
    severity: problem.severity,
  };
}

/**
 * Problems to mark for a replacement the model refused (an integrity rule): at the value each problem
 * names when the text has it, else at the top of the text.
 */
export function refusalProblems(
  error: CommandError,
  locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined,
): TextProblem[] {
  const problems = error.problems ?? [];
  if (problems.length === 0) return [{ line: 1, column: 1, message: error.message, severity: 'error' }];
  return problems.map((problem) => {
    const at = locate(problem.path) ?? { line: 1, column: 1 };
    return { ...at, message: problem.message, severity: 'error' };
  });
}

/**
 * What to do when the document changed while the editor shows `text` that was in step with `base`:
 * nothing (it is the base), replace the text (it holds no unapplied edit), or ask (it does).
 */
export function onDocumentChange(
  text: string,
  base: SyncBase,
  doc: TopologyDocument,
): 'none' | 'replace-text' | 'conflict' {
  if (doc === base.doc) return 'none';
  if (text === base.text || text === textOf(doc)) return 'replace-text';
  return 'conflict';
}

/** The lines of one element in the text: 1-based, inclusive. */
export interface ElementBlock {
  readonly id: string;
  readonly startLine: number;
  readonly endLine: number;
}

const ELEMENT_LISTS: ReadonlySet<string> = new Set(KIND_ORDER.map((kind) => ELEMENT_KINDS[kind].list));

/** A YAML scalar written plain or quoted, without a trailing comment. */
function scalarValue(raw: string): string {
  const value = raw.replace(/\s+#.*$/, '').trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    return value.slice(1, -1);
  }
  return value;
}

/**
 * The blocks of the elements in a `.topo.yaml` text (items of the element lists under `spec`), found
 * line by line so that a text with errors elsewhere still has them.
 */
export function elementBlocks(text: string): ElementBlock[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: ElementBlock[] = [];
  let inSpec = false;
  let listIndent: number | undefined;
  let inList = false;
  let itemIndent: number | undefined;
  let open: { start: number; last: number; contentIndent: number; id?: string } | undefined;
  const close = () => {
    if (open?.id) blocks.push({ id: open.id, startLine: open.start, endLine: open.last });
    open = undefined;
  };
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      close();
      inSpec = /^spec:\s*(#.*)?$/.test(line);
      inList = false;
      return;
    }
    if (!inSpec) return;
    listIndent ??= indent;
    if (indent <= listIndent) {
      close();
      const key = /^\s*([A-Za-z0-9_-]+):/.exec(line)?.[1];
      inList = indent === listIndent && key !== undefined && ELEMENT_LISTS.has(key);
      itemIndent = undefined;
      return;
    }
    if (!inList) return;
    const item = /^(\s*)-(\s+)(.*)$/.exec(line) ?? /^(\s*)-()()$/.exec(line);
    if (item && (itemIndent === undefined || indent === itemIndent)) {
      itemIndent = indent;
      close();
      const contentIndent = indent + 1 + item[2]!.length;
      open = { start: lineNumber, last: lineNumber, contentIndent };
      const first = /^id:\s*(.+)$/.exec(item[3]!);
      if (first) open.id = scalarValue(first[1]!);
      return;
    }
    if (!open) return;
    if (itemIndent !== undefined && indent <= itemIndent) {
      close();
      return;
    }
    open.last = lineNumber;
    const id = /^\s*id:\s*(.+)$/.exec(line);
    if (id && indent === open.contentIndent && open.id === undefined) open.id = scalarValue(id[1]!);
  });
  close();
  return blocks;
}

/** The element whose block holds `line`, if any. */
export function elementAtLine(blocks: readonly ElementBlock[], line: number): string | undefined {
  return blocks.find((block) => line >= block.startLine && line <= block.endLine)?.id;
}

/** The block of the element `id`, if the text has it. */
export function blockOf(blocks: readonly ElementBlock[], id: string): ElementBlock | undefined {
  return blocks.find((block) => block.id === id);
}

/** The smallest single replacement that turns `before` into `after`: offsets in `before` and the new text. */
export function minimalEdit(before: string, after: string): { start: number; end: number; text: string } {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < limit - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) {
    tail++;
  }
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
