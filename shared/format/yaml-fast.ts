// The fast path of the YAML layer. `yaml` builds a full syntax tree with source positions, which is what
// lets every problem point at a line and column, but it reads a large design about ten times slower than
// js-yaml. So a file is first read with js-yaml, and its result is used only when nothing gives cause
// for doubt: a cheap scan of the text finds nothing that the slow reader stops for or that the two
// libraries read differently (tabs, unusual line breaks, document markers, escaped surrogates, very
// long keys, more tokens than the slow reader's cap, a few rare constructs); js-yaml's parser events
// show no anchor, alias, tag, directive or second document; and js-yaml throws nothing (a duplicate,
// forbidden or merge key, or a key that is not text, makes it throw here). Otherwise the file goes to
// the slow reader of yaml-source.ts, which finds the problem and says where it is. A false alarm only
// costs time, so every check errs on the side of doubt.
//
// js-yaml gets a schema made to resolve scalars exactly as `yaml`'s YAML 1.2 core schema does (the same
// patterns, the same number parsing, so `1e400` is Infinity in both).
import type { Event } from 'js-yaml';
import {
  EVENT_ID,
  FAILSAFE_SCHEMA,
  NOT_RESOLVED,
  SCALAR_STYLE,
  constructFromEvents,
  defineMappingTag,
  defineScalarTag,
  parseEvents,
} from 'js-yaml';
import { MAX_DEPTH } from './yaml-source';
import { INVISIBLE_OR_CONTROL } from './yaml-writer';

/** The outcome of the fast reader: the file's top-level mapping as plain data, or why it declined. */
export type FastRead = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Nesting js-yaml may read (it counts every node, scalars included): well below the slow reader's
 * MAX_DEPTH, so nothing the fast path accepts is refused there for depth.
 */
export const FAST_MAX_DEPTH = MAX_DEPTH - 16;

/** Longest line read without a closer look (the slow reader refuses implicit keys over 1024 characters). */
const LONG_LINE = 1000;
/** A long line is fine when it starts with a short plain key: its first ": " ends that key. */
const SHORT_PLAIN_KEY = /^ *(?:- +)*[^\s"'[\]{}#?:,&*!|>%@`-][^"'[\]{}#,]{0,900}?: /;

const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';
// Keys the slow reader refuses: merge keys and keys that could change how programs read the data.
const REFUSED_KEYS = new Set(['<<', '__proto__', 'constructor', 'prototype']);

// `yaml`'s core schema (yaml/dist/schema/core), pattern for pattern; the first that matches wins.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const DIGITS = [...'0123456789'];
/** The first characters (`charAt(0)`, '' when empty) of the text each implicit tag's pattern can match. */
const NULL_FIRST = ['', '~', 'n', 'N'];
const BOOL_FIRST = ['t', 'T', 'f', 'F'];
const INT_FIRST = ['-', '+', ...DIGITS];
const FLOAT_FIRST = ['-', '+', '.', ...DIGITS];

const resolveNull = (source: string) => (NULL.test(source) ? null : NOT_RESOLVED);
const resolveBool = (source: string) =>
  BOOL.test(source) ? source[0] === 't' || source[0] === 'T' : NOT_RESOLVED;
const resolveInt = (source: string) => {
  if (INT_OCT.test(source)) return parseInt(source.slice(2), 8);
  if (INT.test(source)) return parseInt(source, 10);
  if (INT_HEX.test(source)) return parseInt(source.slice(2), 16);
  return NOT_RESOLVED;
};
const resolveFloat = (source: string) => {
  if (FLOAT_NAN.test(source)) {
    if (source.slice(-3).toLowerCase() === 'nan') return NaN;
    return source[0] === '-' ? -Infinity : Infinity;
  }
  if (FLOAT_EXP.test(source) || FLOAT.test(source)) return parseFloat(source);
  return NOT_RESOLVED;
};

const nullTag = defineScalarTag<null>(`${CORE_TAG_PREFIX}null`, {
  implicit: true,
  implicitFirstChars: NULL_FIRST,
  resolve: resolveNull,
  identify: (value) => value === null,
});

const boolTag = defineScalarTag<boolean>(`${CORE_TAG_PREFIX}bool`, {
  implicit: true,
  implicitFirstChars: BOOL_FIRST,
  resolve: resolveBool,
  identify: (value) => typeof value === 'boolean',
});

const intTag = defineScalarTag<number>(`${CORE_TAG_PREFIX}int`, {
  implicit: true,
  implicitFirstChars: INT_FIRST,
  resolve: resolveInt,
  identify: (value) => Number.isInteger(value),
});

const floatTag = defineScalarTag<number>(`${CORE_TAG_PREFIX}float`, {
  implicit: true,
  implicitFirstChars: FLOAT_FIRST,
  resolve: resolveFloat,
  identify: (value) => typeof value === 'number',
});

/**
 * The resolvers that may match a plain scalar, by its first character ('' for the empty scalar), in the
 * schema's order: each pattern only matches text that starts with one of its tag's first characters, so
 * most scalars (keys, names, instance types) need none of them.
 */
const RESOLVERS_BY_FIRST_CHAR = new Map<string, ((source: string) => unknown)[]>();
for (const [firstChars, resolve] of [
  [NULL_FIRST, resolveNull],
  [BOOL_FIRST, resolveBool],
  [INT_FIRST, resolveInt],
  [FLOAT_FIRST, resolveFloat],
] as const) {
  for (const first of firstChars) {
    const resolvers = RESOLVERS_BY_FIRST_CHAR.get(first) ?? [];
    resolvers.push(resolve);
    RESOLVERS_BY_FIRST_CHAR.set(first, resolvers);
  }
}

/** A plain scalar's value as the schema below resolves it: null, a boolean, an integer, a float, else the text. */
function resolvePlain(source: string): unknown {
  const resolvers = RESOLVERS_BY_FIRST_CHAR.get(source.charAt(0));
  if (resolvers === undefined) return source;
  for (const resolve of resolvers) {
    const value = resolve(source);
    if (value !== NOT_RESOLVED) return value;
  }
  return source;
}

/** Plain objects with text keys only; a refused or repeated key is an error, which means "ask the slow reader". */
const mapTag = defineMappingTag<Record<string, unknown>>(`${CORE_TAG_PREFIX}map`, {
  create: () => ({}),
  addPair: (map, key, value) => {
    if (typeof key !== 'string') return 'a key that is not text';
    if (REFUSED_KEYS.has(key)) return `the key "${key}"`;
    if (Object.hasOwn(map, key)) return `the key "${key}" twice`;
    map[key] = value;
    return '';
  },
  has: (map, key) => typeof key === 'string' && Object.hasOwn(map, key),
  keys: (map) => Object.keys(map),
  get: (map, key) => (typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined),
  identify: () => false,
});

const SCHEMA = FAILSAFE_SCHEMA.withTags(mapTag, nullTag, boolTag, intTag, floatTag);

/**
 * Reads the text with js-yaml when nothing in it gives cause for doubt; `maxTokens` is the slow reader's
 * token cap, so that a file it would stop for its token count is left to it.
 */
export function readYamlFast(text: string, maxTokens: number): FastRead {
  if (!clearOfDoubt(text, maxTokens)) {
    const doubt = scanForDoubt(text, maxTokens);
    if (doubt !== undefined) return { ok: false, reason: doubt };
  }
  const written = readWriterSubset(text);
  if (written !== undefined) return { ok: true, value: written };
  let value: unknown;
  try {
    const events = parseEvents(text, { maxDepth: FAST_MAX_DEPTH });
    const odd = checkEvents(text, events);
    if (odd !== undefined) return { ok: false, reason: odd };
    value = constructFromEvents(events, { source: text, schema: SCHEMA, json: false, maxAliases: 0 })[0];
  } catch (error) {
    return { ok: false, reason: `js-yaml: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'the top level is not a mapping' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * Reads the text as the writer (yaml-writer.ts) writes it, without js-yaml: block mappings and sequences
 * (two-space steps, sequences under their key, `- ` items), plain scalars, double-quoted strings in JSON's
 * notation, literal blocks, `[]` and `{}`; one node per line, no comments, no blank lines but in a literal
 * block. That is what the app saves, and it reads it several times faster than js-yaml. Undefined for
 * anything else (a comment, a folded block, a flow collection with content, another indentation, a key that
 * is not text, a repeated or refused key...): js-yaml then reads the text. What it returns is what js-yaml
 * returns for the same text with the schema above (yaml-fast.test.ts compares them on generated documents).
 * Exported for that test.
 */
export function readWriterSubset(text: string): Record<string, unknown> | undefined {
  if (!text.endsWith('\n')) return undefined;
  const reader = SubsetReader.of(text);
  if (reader === undefined) return undefined;
  try {
    const value = reader.block(0);
    return reader.done() && isMapping(value) ? value : undefined;
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}

/** The indentation recorded for an empty line: it belongs to no block, so only a literal block reads it. */
const BLANK = -1;

/** Thrown inside SubsetReader when the text is not the writer's: caught by readWriterSubset. */
const DECLINE = Symbol('decline');

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plain text the subset reads as a plain scalar: no indicator first (a `-` only before a digit or `.`). */
const SUBSET_PLAIN = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|-[0-9.])/;
/** What a plain scalar of the subset may not contain: `: `, ` #`, a tab, a trailing space or colon. */
const SUBSET_PLAIN_BREAK = /: | #|\t|[\s:]$/;

/**
 * Reads the text in place: each line is a range of it (where its content starts, after the indentation,
 * and where its line break is), and only keys and scalars are cut out of it. Splitting it into lines and
 * their contents first made two strings per line, about half of the reader's time on a large design
 * (mostly the garbage collector's).
 */
class SubsetReader {
  private line = 0;
  /** The keys read so far, by their source: a design repeats a few dozen keys thousands of times. */
  private readonly keys = new Map<string, string>();

  private constructor(
    private readonly text: string,
    /** Where each line's content starts (moved past `- ` when an item's node starts on its dash's line). */
    private readonly starts: Int32Array,
    /** Where each line's line break is. */
    private readonly ends: Int32Array,
    /** Each line's indentation (BLANK for an empty line), moved with `starts`. */
    private readonly indents: Int32Array,
    /** Where each line's first `: ` is, -1 for none. */
    private readonly colons: Int32Array,
  ) {}

  /** The lines of a text that ends with a line break; undefined when a line holds nothing but spaces. */
  static of(text: string): SubsetReader | undefined {
    let count = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    const indents = new Int32Array(count);
    const colons = new Int32Array(count);
    // The first `: ` at or after the current line's start; searched again only once a line starts past it,
    // so the text is searched once however many lines have none.
    let colon = text.indexOf(': ');
    let lineStart = 0;
    for (let n = 0; n < count; n++) {
      const end = text.indexOf('\n', lineStart);
      let start = lineStart;
      while (text.charCodeAt(start) === SPACE) start++;
      if (end === lineStart) indents[n] = BLANK;
      else if (start === end) return undefined;
      else indents[n] = start - lineStart;
      if (colon !== -1 && colon < lineStart) colon = text.indexOf(': ', lineStart);
      starts[n] = start;
      ends[n] = end;
      colons[n] = colon !== -1 && colon < end ? colon : -1;
      lineStart = end + 1;
    }
    return new SubsetReader(text, starts, ends, indents, colons);
  }

  /** Whether every line was read. */
  done(): boolean {
    return this.line === this.starts.length;
  }

  /**
   * The block node whose first line is the current one, at `indent`, `depth` collections deep. Nesting
   * deeper than js-yaml reads here (counting the scalar at the bottom) is declined.
   */
  block(indent: number, depth = 1): unknown {
    if (this.line >= this.starts.length || this.indents[this.line] !== indent) throw DECLINE;
    if (depth >= FAST_MAX_DEPTH) throw DECLINE;
    return this.text.startsWith('- ', this.starts[this.line])
      ? this.sequence(indent, depth)
      : this.mapping(indent, depth);
  }

  private sequence(indent: number, depth: number): unknown[] {
    const { text, starts, ends, indents } = this;
    const items: unknown[] = [];
    while (this.line < starts.length && indents[this.line] === indent) {
      const line = this.line;
      if (!text.startsWith('- ', starts[line])) throw DECLINE;
      const rest = starts[line]! + 2;
      const end = ends[line]!;
      const head = literalHead(text, rest, end);
      if (head !== undefined) {
        items.push(this.literal(indent + 2, head));
      } else if (text.startsWith('- ', rest) || this.keyEnd(line, rest) !== undefined) {
        // The item is a block node that starts on this line, two columns in.
        indents[line] = indent + 2;
        starts[line] = rest;
        items.push(this.block(indent + 2, depth + 1));
      } else {
        items.push(scalar(text.slice(rest, end)));
        this.line++;
      }
    }
    this.checkDedent(indent);
    return items;
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    const { text, starts, ends, indents } = this;
    const map: Record<string, unknown> = {};
    while (this.line < starts.length && indents[this.line] === indent) {
      const line = this.line;
      const start = starts[line]!;
      const end = ends[line]!;
      const colon = this.keyEnd(line, start);
      if (colon === undefined) throw DECLINE;
      const key = this.keyOf(text.slice(start, colon));
      if (REFUSED_KEYS.has(key) || Object.hasOwn(map, key)) throw DECLINE;
      if (colon + 1 === end) {
        // The value is the block below, indented further (the writer indents sequences under their key).
        this.line++;
        const below = indents[this.line];
        if (below === undefined || below <= indent) throw DECLINE;
        map[key] = this.block(below, depth + 1);
      } else {
        if (text.charCodeAt(colon + 1) !== SPACE) throw DECLINE;
        const head = literalHead(text, colon + 2, end);
        if (head !== undefined) {
          map[key] = this.literal(indent + 2, head);
        } else {
          map[key] = scalar(text.slice(colon + 2, end));
          this.line++;
        }
      }
    }
    this.checkDedent(indent);
    return map;
  }

  /**
   * Where the key of a `key: value` or `key:` line ends (the index of its colon in the text), for a plain
   * or double-quoted key that starts at `start` of line `line`; undefined when the line is not one.
   */
  private keyEnd(line: number, start: number): number | undefined {
    const { text } = this;
    const end = this.ends[line]!;
    if (text.charCodeAt(start) === QUOTE) {
      const close = quotedEnd(text, start, end);
      if (close === undefined || text.charCodeAt(close + 1) !== COLON) return undefined;
      return close + 2 === end || text.charCodeAt(close + 2) === SPACE ? close + 1 : undefined;
    }
    // The line's first `: ` is past `start` when it is there at all (`start` moves only past `- `).
    const colon = this.colons[line]!;
    if (colon !== -1) return colon > start ? colon : undefined;
    return end - start > 1 && text.charCodeAt(end - 1) === COLON ? end - 1 : undefined;
  }

  /** `keyOf` of a key's source, once per distinct source. */
  private keyOf(source: string): string {
    let key = this.keys.get(source);
    if (key === undefined) {
      key = keyOf(source);
      this.keys.set(source, key);
    }
    return key;
  }

  /**
   * The literal block whose header (`|`, `|-` or `|+`) is on the current line and whose text is indented
   * to `indent`, as the writer writes it: the first line not blank and at exactly that indentation (YAML
   * would take a deeper one as the block's indentation), printable text (tabs allowed), and the block's
   * trailing line breaks chomped as its header says.
   */
  literal(indent: number, head: string): string {
    const { text, starts, ends, indents } = this;
    const lines: string[] = [];
    this.line++;
    while (this.line < starts.length) {
      const at = indents[this.line]!;
      if (at !== BLANK && at < indent) break;
      const content = text.slice(starts[this.line], ends[this.line]);
      if (at !== BLANK && INVISIBLE_OR_CONTROL.test(content.replace(/[\t\xa0]/g, ''))) throw DECLINE;
      lines.push(at > indent ? ' '.repeat(at - indent) + content : content);
      this.line++;
    }
    const first = lines.findIndex((line) => line !== '');
    if (first === -1) throw DECLINE;
    if (indents[this.line - lines.length + first] !== indent) throw DECLINE;
    let end = lines.length;
    while (lines[end - 1] === '') end--;
    const block = lines.slice(0, end).join('\n');
    if (head === '|-') return block;
    if (head === '|') return `${block}\n`;
    return `${block}\n${'\n'.repeat(lines.length - end)}`;
  }

  /** After a block: the next line must belong to an enclosing block (less indented). */
  private checkDedent(indent: number): void {
    if (this.line < this.starts.length && this.indents[this.line]! > indent) throw DECLINE;
  }
}

/** The literal block header (`|`, `|-` or `|+`) that is all of `text` from `start` to `end`, if it is one. */
function literalHead(text: string, start: number, end: number): string | undefined {
  if (text.charCodeAt(start) !== PIPE || end - start > 2) return undefined;
  if (end - start === 1) return '|';
  const chomp = text.charCodeAt(start + 1);
  return chomp === DASH ? '|-' : chomp === PLUS ? '|+' : undefined;
}

/** The index of the quote that closes the double-quoted string at `start` of `text`, before `end`. */
function quotedEnd(text: string, start: number, end: number): number | undefined {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return undefined;
}

/**
 * A key as text; declines a key the schema resolves to anything else (a number, a boolean, null), and a
 * long one (an implicit key may be at most 1,024 characters).
 */
function keyOf(source: string): string {
  if (source.length > LONG_LINE) throw DECLINE;
  const value = scalar(source);
  if (typeof value !== 'string') throw DECLINE;
  return value;
}

/** A scalar written on one line: `[]`, `{}`, a JSON string, or plain text resolved by the schema. */
function scalar(source: string): unknown {
  if (source === '[]') return [];
  if (source === '{}') return {};
  if (source.startsWith('"')) {
    if (quotedEnd(source, 0, source.length) !== source.length - 1) throw DECLINE;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      throw DECLINE;
    }
    if (typeof value !== 'string' || INVISIBLE_OR_CONTROL.test(source)) throw DECLINE;
    return value;
  }
  if (!SUBSET_PLAIN.test(source) || SUBSET_PLAIN_BREAK.test(source) || INVISIBLE_OR_CONTROL.test(source)) {
    throw DECLINE;
  }
  return resolvePlain(source);
}

const NO_RANGE = -1;
/** `@` and the backquote are reserved: a plain scalar may not start with them (nor with `%`). */
const RESERVED_START = new Set([0x25, 0x40, 0x60]);

/** What in js-yaml's reading the slow reader refuses or could read differently, if anything. */
function checkEvents(text: string, events: readonly Event[]): string | undefined {
  let documents = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      documents++;
      if (event.explicitStart || event.explicitEnd || event.directives.length > 0) {
        return 'a document marker or directive';
      }
    } else if (event.type === EVENT_ID.ALIAS) {
      return 'an alias';
    } else if (event.type !== EVENT_ID.POP) {
      if (event.anchorStart !== NO_RANGE) return 'an anchor';
      if (event.tagStart !== NO_RANGE) return 'a tag';
      if (
        event.type === EVENT_ID.SCALAR &&
        event.style === SCALAR_STYLE.PLAIN &&
        RESERVED_START.has(text.charCodeAt(event.valueStart))
      ) {
        return 'a reserved indicator';
      }
    }
  }
  return documents === 1 ? undefined : 'not one document';
}

// Character classes of the scan, by char code (ASCII only).
const CLASS_TABLE_SIZE = 128;
/** Characters a lexical token of `yaml`'s lexer can start at (indicators, quotes, line breaks). */
const TOKEN_CHAR = charTable('-?:#"\'|>[]{},!&*%\n\r');
/** Characters a lexical token can follow directly (besides TOKEN_CHAR's tokens, which end at them). */
const TOKEN_AFTER = charTable(' \n\r[]{},:"\'');
/** Characters that can begin a scalar's lexical tokens other than after TOKEN_AFTER. */
const SCALAR_CHAR = charTable('-?:|>');

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(CLASS_TABLE_SIZE);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BACKSLASH = 92;
const QUOTE = 0x22;
const PLUS = 0x2b;
const DASH = 0x2d;
const COLON = 0x3a;
const PIPE = 0x7c;

/**
 * Why the text should go to the slow reader, or undefined when nothing in it does:
 * - a tab, a CR without LF, NEL, a line or paragraph separator or a BOM (whitespace and line breaks
 *   the libraries could treat differently);
 * - a `%` directive or a `---` / `...` marker at the start of a line;
 * - `]` or `}` first on a line once a flow collection may be open (the slow reader may warn about its
 *   indentation);
 * - an escaped UTF-16 surrogate such as `"\ud800"` (the slow reader refuses lone ones);
 * - an escaped line break before a blank line, a block scalar indentation indicator (`|2`) or spaces
 *   after the last line break (the libraries read the empty lines around them differently);
 * - a comment line like `#x` before a more indented line (the slow reader's lexer misreads it);
 * - a line over 1,000 characters that does not start with a short plain key (the slow reader refuses
 *   implicit keys over 1,024 characters), or any long line in a file with flow collections;
 * - more lexical tokens than the slow reader's cap, counted from above (see yamlTokenBound).
 * Anchors, aliases and tags are found in js-yaml's events, which say exactly where they are.
 */
export function scanForDoubt(text: string, maxTokens: number): string | undefined {
  const scan = scanText(text);
  if (typeof scan === 'string') return scan;
  return scan > maxTokens ? 'more YAML tokens than the slow reader reads' : undefined;
}

/**
 * An upper bound on the lexical tokens `yaml`'s lexer makes of a text the scan lets through (Infinity
 * for any other) and that has no anchors, aliases or tags (the fast path refuses those anyway, from
 * js-yaml's events). Each token is a slice of the text or a zero-width marker. A slice starts at an
 * indicator or line break (TOKEN_CHAR), at the first of a run of spaces, or just after a character a
 * token ends at (TOKEN_AFTER). The markers are one per document (one here: no document markers), one
 * per flow collection cut short, and at most two per scalar (its start and an empty slice), each scalar
 * beginning at a counted position. Exported for the test that checks it against the lexer.
 */
export function yamlTokenBound(text: string): number {
  const scan = scanText(text);
  return typeof scan === 'string' ? Infinity : scan;
}

/**
 * What every reason of `scanText` needs, somewhere in the text: a tab, a carriage return, an unusual line
 * break or BOM, a backslash, a `|` or `>` before an indentation indicator, a line whose first character
 * after its indentation is `#`, `]` or `}`, or `%`, `---` or `...` at the start of a line. The writer makes
 * none of them (it writes a backslash only where a string has one).
 */
const SIGNS_OF_DOUBT = /[\t\r\u0085\u2028\u2029\ufeff\\]|[|>][+-]?[1-9]|^ *[#\]}]|^(?:%|---|\.\.\.)/m;

/**
 * Whether `scanForDoubt` would find nothing, told without its character loop: the text ends with a line
 * break, has no line longer than LONG_LINE and none of SIGNS_OF_DOUBT, and is too short for the token bound
 * (at most four per character, plus one) to pass `maxTokens`. False means "scan it", not "doubt it". The
 * scan runs one step per character of a 700 KiB file before the page's JIT has warmed it up (20-35 ms in
 * Chromium); a regular expression and a search for each line break do the same in a few. Exported for the
 * test that checks it never clears a text the scan doubts.
 */
export function clearOfDoubt(text: string, maxTokens: number): boolean {
  if (4 * text.length + 1 > maxTokens || !text.endsWith('\n') || SIGNS_OF_DOUBT.test(text)) return false;
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\n', start);
    if (end - start > LONG_LINE) return false;
    start = end + 1;
  }
  return true;
}

/** One pass over the text: the reason for doubt, or the token bound. */
function scanText(text: string): string | number {
  const length = text.length;
  let lineStart = 0;
  let atIndent = true;
  let commentIndent = Infinity;
  let longLines = false;
  let openFlow = false;
  let starts = 0;
  let scalarStarts = 0;
  let flowOpens = 0;
  let previous = LF;
  let solid = LF;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    const prev = previous;
    previous = c;
    // The last character before this one that is not a space (a line start counts as LF).
    const lastSolid = solid;
    if (c !== SPACE) solid = c === CR ? LF : c;
    const after = prev < CLASS_TABLE_SIZE && TOKEN_AFTER[prev] === 1;
    if (c === SPACE) {
      if (prev !== SPACE) starts++;
      continue;
    }
    if (c === LF || c === CR) {
      starts++;
      if (c === CR) {
        if (text.charCodeAt(i + 1) !== LF) return 'a carriage return without a line feed';
        continue;
      }
      if (i - lineStart > LONG_LINE) {
        if (!SHORT_PLAIN_KEY.test(text.slice(lineStart, i))) return 'a long line';
        longLines = true;
      }
      lineStart = i + 1;
      atIndent = true;
      continue;
    }
    if (atIndent) {
      // The first character of a line that is not blank.
      atIndent = false;
      const indent = i - lineStart;
      // `yaml`'s lexer takes a comment line like `#x` (not `# x`) for the end of the node before it, so
      // the next line must not continue that node; in a literal block, where such a line is text, the
      // next line is no more indented.
      if (indent > commentIndent) return 'a comment line like "#x" before a more indented line';
      commentIndent = c === 0x23 && !isBlank(text.charCodeAt(i + 1)) ? indent : Infinity;
      // Only where a flow collection may be open: elsewhere, as in a literal block, it is text.
      if ((c === 0x5d || c === 0x7d) && openFlow) return 'a flow collection that ends at the start of a line';
      if (indent === 0) {
        if (c === 0x25 /* % */) return 'a directive';
        if (text.startsWith('---', i) || text.startsWith('...', i)) return 'a document marker';
      }
    }
    if (c >= CLASS_TABLE_SIZE) {
      if (c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return 'an unusual line break or BOM';
      if (after) {
        starts++;
        scalarStarts++;
      }
      continue;
    }
    if (after || TOKEN_CHAR[c] === 1) starts++;
    if (after || SCALAR_CHAR[c] === 1) scalarStarts++;
    if (c === TAB) return 'a tab';
    if (c === BACKSLASH) {
      if (isSurrogateEscape(text, i)) return 'an escaped UTF-16 surrogate';
      if (isEscapedBreakBeforeBlankLine(text, i)) return 'an escaped line break before a blank line';
    } else if (c === 0x7c || c === 0x3e) {
      // A block scalar header starts a line's content or follows `: `, `- ` or `? `.
      const start = prev === SPACE ? lastSolid : prev;
      if (
        (start === LF || start === 0x3a || start === 0x2d || start === 0x3f) &&
        hasIndentationIndicator(text, i)
      ) {
        return 'a block scalar with an indentation indicator';
      }
    } else if (c === 0x5b || c === 0x7b) {
      flowOpens++;
      // `[]` and `{}` are all the writer makes; any other flow collection could span lines.
      if (text.charCodeAt(i + 1) !== c + 2) openFlow = true;
    }
  }
  if (length - lineStart > LONG_LINE) {
    if (!SHORT_PLAIN_KEY.test(text.slice(lineStart))) return 'a long line';
    longLines = true;
  }
  // An empty `|+` block at the end reads differently when the file ends in spaces and no line break.
  if (atIndent && length > lineStart) return 'a last line of spaces without a line break';
  // A long line's key ends at its first ": " only outside flow collections.
  if (longLines && openFlow) return 'a long line in a file with flow collections';
  return starts + 2 * scalarStarts + flowOpens + 1;
}

/**
 * Whether the `|` or `>` at `at` could begin a block scalar header with an indentation indicator (`|2`,
 * `>-1`): the libraries read the trailing lines of such blocks differently. The writer never makes one.
 */
function hasIndentationIndicator(text: string, at: number): boolean {
  let next = text.charCodeAt(at + 1);
  if (next === 0x2b || next === 0x2d) next = text.charCodeAt(at + 2);
  return next >= 0x31 && next <= 0x39;
}

/**
 * Whether the backslash at `at` ends a line that a blank line follows: in a double-quoted scalar, the
 * libraries read the empty lines after an escaped line break differently.
 */
function isEscapedBreakBeforeBlankLine(text: string, at: number): boolean {
  let i = at + 1;
  if (text.charCodeAt(i) === CR) i++;
  if (text.charCodeAt(i) !== LF) return false;
  i++;
  while (text.charCodeAt(i) === SPACE) i++;
  return isBlank(text.charCodeAt(i));
}

/** Whether a character code is a space, a line break or the end of the text (NaN). */
function isBlank(code: number): boolean {
  return code === SPACE || code === LF || code === CR || Number.isNaN(code);
}

/** Whether the backslash at `at` begins `\uD800`-`\uDFFF` or `\U0000D800`-`\U0000DFFF`. */
function isSurrogateEscape(text: string, at: number): boolean {
  const kind = text.charCodeAt(at + 1);
  let digits = at + 2;
  if (kind === 0x55 /* U */) {
    if (!text.startsWith('0000', digits)) return false;
    digits += 4;
  } else if (kind !== 0x75 /* u */) return false;
  return /^[dD][89a-fA-F]/.test(text.slice(digits, digits + 2));
}
