// The YAML layer of the file format: turns text into the one document's node tree, refuses what a
// .topo.yaml may not contain, converts the tree into plain data and finds nodes again by path so that
// every problem can point at a line and column.
//
// The lexer, parser and composer of `yaml` are driven by hand instead of through parseDocument so that
// hostile input is stopped early: the parser's stack is watched for deep nesting (the composer
// recurses and the parser slows down quadratically on it), a second document stops the read at once,
// and syntax errors count against a budget (each one is an Error object with a stack trace; a few MiB
// of commas would otherwise make millions of them). Aliases are never expanded: any anchor or alias is
// an error, which rules out "billion laughs" by construction.
import type { CST, DocumentOptions, ParseOptions, ParsedNode, Pair, SchemaOptions, YAMLMap } from 'yaml';
import { Composer, Lexer, Parser, isAlias, isCollection, isMap, isScalar, isSeq } from 'yaml';
import { hasLoneSurrogate } from './text';

/** Where a problem was found and how bad it is; `offset` is into the text that was read. */
export type Report = (
  severity: 'error' | 'warning',
  code: string,
  message: string,
  offset: number | undefined,
) => void;

/** Deepest nesting of lists and mappings a file may have; real documents need about ten. */
export const MAX_DEPTH = 64;
/** Syntax errors reported before the reader gives up on a file. */
export const MAX_SYNTAX_ERRORS = 50;

const TOO_DEEP = `the file nests lists and mappings more than ${MAX_DEPTH} levels deep`;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';
const ALLOWED_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => CORE_TAG_PREFIX + t),
);

/** YAML 1.2 core schema with nothing optional: no merge keys, no 1.1 types, keys always strings. */
const COMPOSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  merge: false,
  resolveKnownTags: false,
  stringKeys: true,
  uniqueKeys: false, // checked in toPlainValue in linear time, with both positions
  strict: true,
  prettyErrors: false,
  intAsBigInt: false,
  keepSourceTokens: false,
  logLevel: 'silent',
};

type ErrorSource = number | readonly number[] | { offset: number };
type ComposeErrorHandler = (source: ErrorSource, code: string, message: string, warning?: boolean) => void;

/** Thrown from the composer's error callback to abandon a file with too many errors. */
class TooManyErrors extends Error {}

function offsetOf(source: ErrorSource): number | undefined {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return source[0] as number | undefined;
  return (source as { offset: number }).offset;
}

/**
 * Reads the single YAML document of a file. Returns its root node (null for a file with no content),
 * or undefined when the text is not a readable single YAML 1.2 document; problems go to `report`.
 * `maxTokens` caps the lexical tokens read: the parser's memory grows with them (up to about 1 KiB
 * each for a long flow list), so a file dense with tiny values is stopped before it exhausts memory.
 */
export function readYamlDocument(
  text: string,
  report: Report,
  maxTokens = Infinity,
): ParsedNode | null | undefined {
  const tokens = parseTokens(text, report, maxTokens);
  if (!tokens) return undefined;

  const composer = new Composer(COMPOSE_OPTIONS);
  let errors = 0;
  // The composer's error callback is private in the typings; replacing it is what lets a hostile file
  // be abandoned after a bounded number of errors. If a future `yaml` renamed it, the errors would
  // still arrive below through doc.errors, only without the budget.
  const handler: ComposeErrorHandler = (source, code, message, warning) => {
    const offset = offsetOf(source);
    if (warning) {
      if (code !== 'TAG_RESOLVE_FAILED') report('warning', 'yaml-warning', message, offset);
      return;
    }
    if (++errors > MAX_SYNTAX_ERRORS) throw new TooManyErrors();
    report(
      'error',
      code === 'NON_STRING_KEY' ? 'yaml-complex-key' : 'yaml-syntax',
      syntaxMessage(code, message),
      offset,
    );
  };
  (composer as unknown as { onError: ComposeErrorHandler }).onError = handler;

  const documents = [];
  try {
    for (const doc of composer.compose(tokens)) documents.push(doc);
    for (const doc of documents) {
      for (const error of doc.errors) handler(error.pos, error.code, error.message);
      for (const warning of doc.warnings) handler(warning.pos, warning.code, warning.message, true);
    }
  } catch (error) {
    if (!(error instanceof TooManyErrors)) throw error;
    report(
      'error',
      'yaml-too-many-errors',
      `stopped reading after ${MAX_SYNTAX_ERRORS} syntax errors`,
      undefined,
    );
    return undefined;
  }
  if (errors > 0) return undefined;
  if (documents.length > 1) {
    report('error', 'yaml-multiple-documents', MULTIPLE_DOCUMENTS, documents[1]!.range[0]);
    return undefined;
  }
  return (documents[0]?.contents as ParsedNode | null | undefined) ?? null;
}

const MULTIPLE_DOCUMENTS =
  'a second YAML document starts here; a .topo.yaml file holds exactly one (remove the "---" line and what follows, or split the file)';

/** Runs the lexer and parser, stopping at the first sign of a hostile file. */
function parseTokens(text: string, report: Report, maxTokens: number): CST.Token[] | undefined {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let documents = 0;
  let lexemes = 0;
  let stopped = false;
  const accept = (token: CST.Token): void => {
    if (stopped) return;
    if (token.type === 'document' && ++documents > 1) {
      report('error', 'yaml-multiple-documents', MULTIPLE_DOCUMENTS, token.offset);
      stopped = true;
    } else if (token.type === 'error') {
      report('error', 'yaml-syntax', syntaxMessage('UNEXPECTED_TOKEN', token.message), token.offset);
      stopped = true;
    } else if (token.type === 'directive' && /^%YAML\b/.test(token.source)) {
      const version = token.source.slice(5).trim().split(/[\s#]/)[0] ?? '';
      if (version !== '1.2') {
        report(
          'error',
          'yaml-version',
          `the file declares YAML ${version || '(no version)'}; .topo.yaml files are YAML 1.2 (remove the %YAML line)`,
          token.offset,
        );
        stopped = true;
      }
    }
    tokens.push(token);
  };
  for (const lexeme of new Lexer().lex(text)) {
    if (++lexemes > maxTokens) {
      report(
        'error',
        'yaml-too-many-tokens',
        `the file has more than ${maxTokens} YAML tokens, far more than a design of its size needs`,
        parser.offset,
      );
      return undefined;
    }
    for (const token of parser.next(lexeme)) accept(token);
    if (stopped) return undefined;
    const open = parser.stack[0];
    if (documents === 1 && open?.type === 'document') {
      report('error', 'yaml-multiple-documents', MULTIPLE_DOCUMENTS, open.offset);
      return undefined;
    }
    // The stack holds the document and each open collection (and the node being built).
    if (parser.stack.length > MAX_DEPTH + 3) {
      report('error', 'yaml-too-deep', TOO_DEEP, parser.offset);
      return undefined;
    }
  }
  for (const token of parser.end()) accept(token);
  return stopped ? undefined : tokens;
}

function syntaxMessage(code: string, message: string): string {
  if (code === 'NON_STRING_KEY') return 'keys must be plain text, not lists or mappings';
  if (code === 'DUPLICATE_KEY') return 'this key appears twice in the same mapping';
  const text = message.replace(/\s+/g, ' ').trim();
  return text ? `YAML syntax: ${text[0]!.toLowerCase()}${text.slice(1)}` : `YAML syntax error (${code})`;
}

/** `tag:yaml.org,2002:js/function` written as the user did, `!!js/function`. */
function shortTag(tag: string): string {
  return tag.startsWith(CORE_TAG_PREFIX) ? `!!${tag.slice(CORE_TAG_PREFIX.length)}` : tag;
}

/**
 * Converts a checked node tree into plain data (objects, arrays, strings, numbers, booleans, null),
 * reporting every anchor, alias, tag, forbidden or duplicate key and nesting beyond MAX_DEPTH.
 * `lineOf` turns an offset into a line number for messages that mention another place in the file.
 */
export function toPlainValue(
  root: ParsedNode | null,
  report: Report,
  lineOf: (offset: number) => number,
): unknown {
  // Anchors and aliases are reported once, at the first, with their count: a file built on them
  // (such as a "billion laughs" bomb) would otherwise fill the list with the same message.
  let firstAlias: number | undefined;
  let aliases = 0;
  const alias = (offset: number) => {
    aliases++;
    if (firstAlias === undefined || offset < firstAlias) firstAlias = offset;
  };

  /** Checks the anchor and tag of a node; false when the node itself is an alias. */
  const checkProperties = (node: ParsedNode): boolean => {
    if (isAlias(node)) {
      alias(node.range[0]);
      return false;
    }
    if (node.anchor !== undefined) alias(node.range[0]);
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
      report(
        'error',
        'yaml-tag',
        `the tag ${shortTag(node.tag)} is not allowed in .topo.yaml; values are plain text, numbers, true/false, lists and mappings`,
        node.range[0],
      );
    }
    return true;
  };

  const convert = (node: ParsedNode | null, depth: number): unknown => {
    if (node === null) return null;
    if (!checkProperties(node)) return null;
    if (isScalar(node)) {
      const value: unknown = node.value;
      if (typeof value === 'string') {
        if (hasLoneSurrogate(value)) {
          report(
            'error',
            'yaml-invalid-string',
            'this text holds a lone UTF-16 surrogate escape (such as "\\ud800"), which cannot be saved as UTF-8',
            node.range[0],
          );
        }
        return value;
      }
      if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
      report('error', 'yaml-tag', 'this value has a type .topo.yaml does not support', node.range[0]);
      return null;
    }
    if (depth > MAX_DEPTH) {
      report('error', 'yaml-too-deep', TOO_DEEP, node.range[0]);
      return null;
    }
    if (isSeq(node)) return node.items.map((item) => convert(item as ParsedNode | null, depth + 1));
    if (isMap(node)) return convertMap(node as YAMLMap<ParsedNode | null, ParsedNode | null>, depth);
    return null;
  };

  const convertMap = (node: YAMLMap<ParsedNode | null, ParsedNode | null>, depth: number): unknown => {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const key = pair.key;
      if (key === null || !checkProperties(key)) continue;
      if (!isScalar(key) || typeof key.value !== 'string') {
        report('error', 'yaml-complex-key', 'keys must be plain text, not lists or mappings', key.range[0]);
        continue;
      }
      const name = key.value;
      const offset = key.range[0];
      if (name === '<<') {
        report(
          'error',
          'yaml-merge-key',
          'merge keys ("<<") are not supported in .topo.yaml; write the fields out in full',
          offset,
        );
        continue;
      }
      if (FORBIDDEN_KEYS.has(name)) {
        report(
          'error',
          'yaml-forbidden-key',
          `the key "${name}" is not allowed in .topo.yaml (it could change how programs read the data)`,
          offset,
        );
        continue;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        report(
          'error',
          'yaml-duplicate-key',
          `the key "${name}" appears twice in the same mapping (first on line ${lineOf(first)}); keep one`,
          offset,
        );
        continue;
      }
      seen.set(name, offset);
      out[name] = convert(pair.value, depth + 1);
    }
    return out;
  };

  const value = convert(root, 1);
  if (firstAlias !== undefined) {
    const count = aliases > 1 ? ` (this file has ${aliases})` : '';
    const message = `anchors and aliases are not allowed in .topo.yaml${count}; write each value out in full where it is used`;
    report('error', 'yaml-alias', message, firstAlias);
  }
  return value;
}

/** Finds the nodes of a document again by path, to give problems a line and column. */
export class NodeLocator {
  private readonly keyIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(private readonly root: ParsedNode | null) {}

  /**
   * The offset of the value at `path` (or of its key when `target` is 'key', and for a mapping or list
   * reached through a key, so the problem points at the line that names it). For a path that does not
   * exist, such as a missing field, the offset of the nearest parent that does.
   */
  offsetOf(path: readonly (string | number)[], target: 'value' | 'key' = 'value'): number | undefined {
    return this.find(path, target)?.offset;
  }

  /** Like offsetOf, also returning the node found (undefined when the path does not exist). */
  find(
    path: readonly (string | number)[],
    target: 'value' | 'key' = 'value',
  ): { offset: number; node: ParsedNode | null | undefined } | undefined {
    let node: ParsedNode | null = this.root;
    let key: ParsedNode | undefined;
    for (const segment of path) {
      let next: ParsedNode | null | undefined;
      let nextKey: ParsedNode | undefined;
      if (isMap(node) && typeof segment === 'string') {
        const pair = this.pairOf(node as YAMLMap, segment);
        if (pair) {
          next = pair.value as ParsedNode | null;
          nextKey = pair.key as ParsedNode;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment] as ParsedNode | null | undefined;
      }
      if (next === undefined) {
        const at = key ?? node;
        return at ? { offset: at.range[0], node: undefined } : undefined;
      }
      node = next;
      key = nextKey;
    }
    if (key && (target === 'key' || node === null || isCollection(node)))
      return { offset: key.range[0], node };
    if (node) return { offset: node.range[0], node };
    return undefined;
  }

  private pairOf(map: YAMLMap, name: string): Pair | undefined {
    let index = this.keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        if (isScalar(pair.key) && typeof pair.key.value === 'string' && !index.has(pair.key.value)) {
          index.set(pair.key.value, pair);
        }
      }
      this.keyIndex.set(map, index);
    }
    return index.get(name);
  }
}
