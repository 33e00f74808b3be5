// The `.topo.yaml` file format: the one way documents are written to text and the one way text becomes
// a document, for files, templates, pasted YAML and IPC alike (STYLE.md section 2).
//
// Saving is deterministic so that design diffs stay small: keys in schema order with `x-` extension
// keys sorted after them, elements sorted by id, no anchors, one quoting style, no line folding, the
// canvas layout in its own section at the end.
//
// Loading trusts nothing: it never throws and stops early on hostile input (size, encoding, nesting,
// aliases, tags, prototype keys, several documents), then checks the header, migrates older versions,
// validates against the schema and runs the containment checks. Every problem carries a stable code,
// a plain message and, where the file has one, the line and column it is about. A file that looks plain
// is first read by the fast path (js-yaml, yaml-fast.ts); anything it doubts, and any file with a problem
// or warning, is read again by the slow path, whose results are the reference (README.md here, "Fast and
// slow paths").
import { isMap, isScalar, isSeq } from 'yaml';
import type { ParsedNode } from 'yaml';
import { z } from 'zod';
import { ELEMENT_KINDS, KIND_ORDER } from '../model/elements';
import type { CatalogFacts } from '../model/integrity';
import { checkIntegrity } from '../model/integrity';
import type { TopologyDocument } from '../model/schema';
import { API_VERSION, SCHEMA_VERSION, TopologyDocumentSchema, documentSchema } from '../model/schema';
import { compareStrings, didYouMean, formatPath, plural } from '../util/text';
import type { MigrationRegistry, RawDocument } from './migrations';
import { DOCUMENT_MIGRATIONS, migrateDocument } from './migrations';
import { codePointLabel, decodeUtf8, findNonPrintable, lineStartsOf, positionAt, utf8Length } from './text';
import { readYamlFast } from './yaml-fast';
import type { Report } from './yaml-source';
import { NodeLocator, readYamlDocument, toPlainValue } from './yaml-source';
import { writeYaml } from './yaml-writer';

/** A problem found while loading a file; line and column are 1-based and present when known. */
export interface FileProblem {
  severity: 'error' | 'warning';
  /** Stable identifier of the kind of problem, e.g. `yaml-duplicate-key` or `ref-missing`. */
  code: string;
  message: string;
  /** Path of the value in the file, e.g. ['spec', 'nodePools', 2, 'nodesPerAz', 'max']. */
  path?: (string | number)[];
  line?: number;
  column?: number;
  /** The element the problem is about, when there is one. */
  elementId?: string;
}

/** What loadDocument may be told: a name for messages, the catalog to check against, limits, migrations. */
export interface LoadOptions {
  /** Name used in messages about the whole file; "the file" when absent. */
  fileName?: string;
  /** Catalog facts for the integrity checks (zones of a region, known instance types). */
  catalog?: CatalogFacts;
  /** Largest file accepted, in bytes (UTF-8); default 10 MiB. */
  maxBytes?: number;
  /** Migrations to apply to older files; the build's own registry when absent (tests pass their own). */
  migrations?: MigrationRegistry;
  /**
   * Test hook: 'slow' reads with the located reader only, to compare with the default 'auto' (the fast
   * path when the file looks plain). The result is the same either way; only the time differs.
   */
  engine?: 'auto' | 'slow';
  /** Test and benchmark hook: told which path gave the result and, when the fast one was left, why. */
  stats?: LoadStats;
}

/**
 * Which reader gave a load's result (unset when the text itself was refused, before either); `fallback`
 * says why the fast path was left, when it was.
 */
export interface LoadStats {
  path?: 'fast' | 'slow';
  fallback?: string;
}

/** The outcome of a load: the document with its warnings and applied migrations, or every problem. */
export type LoadResult =
  | {
      ok: true;
      document: TopologyDocument;
      warnings: FileProblem[];
      migrations: string[];
      /**
       * Where a document path (e.g. a design-rule diagnostic's) is in the file: 1-based line and column
       * of the value, or of the nearest parent the file spells out when the value is a default.
       */
      locate: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
    }
  | { ok: false; problems: FileProblem[] };

/** Default size limit: far above any real design (1,000 elements take about half a MiB). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Problems returned at most; a file with more is broken beyond what a longer list would help with. */
export const MAX_REPORTED_PROBLEMS = 100;
const MAX_STORED_PROBLEMS = 10_000;
/**
 * YAML tokens allowed per byte of the size limit. Saved designs have about 0.3 (one element is some
 * 200 tokens in 700 bytes); files packed with tiny values reach 1, and the YAML parser needs up to
 * a kilobyte of memory per token, so they are stopped at the token count a real file could have.
 */
const TOKENS_PER_BYTE = 0.4;

// ---------------------------------------------------------------------------------------------------
// Saving

/** Writes a document as `.topo.yaml` text; the same model always gives the same bytes. */
export function saveDocument(doc: TopologyDocument): string {
  const plain = canonical(doc, TopologyDocumentSchema) as Record<string, unknown>;
  const spec = plain.spec as Record<string, unknown> | undefined;
  if (spec) {
    for (const kind of KIND_ORDER) {
      const list = spec[ELEMENT_KINDS[kind].list];
      if (Array.isArray(list)) list.sort((a, b) => compareStrings(idOf(a), idOf(b)));
    }
  }
  return writeYaml(plain);
}

function idOf(element: unknown): string {
  return String((element as { id?: unknown } | null)?.id);
}

/**
 * A plain copy of a value with keys in schema order (`x-` and other extra keys sorted after them),
 * all other keys (records, values of extension fields) sorted, and undefined fields left out.
 */
function canonical(value: unknown, schema: z.ZodType | undefined): unknown {
  if (Array.isArray(value)) {
    const inner = schema && unwrapSchema(schema);
    const element = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
    return value.map((item: unknown) => (item === undefined ? null : canonical(item, element)));
  }
  if (typeof value !== 'object' || value === null) return value;
  const inner = schema && unwrapSchema(schema);
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const put = (key: string, child: z.ZodType | undefined) => {
    const item = record[key];
    if (item === undefined) return;
    const copy = canonical(item, child);
    // Assigning to `__proto__` would set the prototype instead of adding a field.
    if (key === '__proto__') {
      Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    } else out[key] = copy;
  };
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    for (const key of Object.keys(shape)) if (Object.hasOwn(record, key)) put(key, shape[key]);
    const extra = Object.keys(record).filter((key) => !Object.hasOwn(shape, key));
    for (const key of extra.sort(compareStrings)) put(key, undefined);
  } else if (inner instanceof z.ZodRecord) {
    for (const key of Object.keys(record).sort(compareStrings)) put(key, inner.valueType as z.ZodType);
  } else {
    for (const key of Object.keys(record).sort(compareStrings)) put(key, undefined);
  }
  return out;
}

/** The schema under pipes, defaults and optionals: the object, array or record that gives the shape. */
function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else return current;
  }
}

// ---------------------------------------------------------------------------------------------------
// Loading

/** Reads `.topo.yaml` text or bytes into a validated document; never throws, whatever the input. */
export function loadDocument(input: string | Uint8Array, options: LoadOptions = {}): LoadResult {
  try {
    return load(input, options);
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          severity: 'error',
          code: 'internal-error',
          message: `the file could not be read because of an internal error: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
}

/** Collects problems with their positions; keeps the first MAX_STORED_PROBLEMS and counts the rest. */
class ProblemList {
  private readonly stored: FileProblem[] = [];
  private dropped = 0;
  private droppedErrors = 0;
  private errors = 0;

  constructor(private readonly lineStarts: readonly number[] = [0]) {}

  add(
    severity: FileProblem['severity'],
    code: string,
    message: string,
    where: { offset?: number; path?: (string | number)[]; elementId?: string } = {},
  ): void {
    if (severity === 'error') this.errors++;
    if (this.stored.length >= MAX_STORED_PROBLEMS) {
      this.dropped++;
      if (severity === 'error') this.droppedErrors++;
      return;
    }
    const problem: FileProblem = { severity, code, message };
    if (where.path) problem.path = where.path;
    if (where.offset !== undefined) {
      const { line, column } = positionAt(this.lineStarts, where.offset);
      problem.line = line;
      problem.column = column;
    }
    if (where.elementId !== undefined) problem.elementId = where.elementId;
    this.stored.push(problem);
  }

  readonly report: Report = (severity, code, message, offset) =>
    this.add(severity, code, message, { offset });

  hasErrors(): boolean {
    return this.errors > 0;
  }

  /**
   * The problems in file order (file-wide ones first), at most MAX_REPORTED_PROBLEMS of them; when
   * there are more, errors are kept before warnings and a last entry says how many were left out.
   */
  sorted(): FileProblem[] {
    const byPosition = (problems: FileProblem[]) =>
      problems
        .map((problem, index) => ({ problem, index }))
        .sort(
          (a, b) =>
            (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
            (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
            a.index - b.index,
        )
        .map((entry) => entry.problem);
    const more = this.stored.length - MAX_REPORTED_PROBLEMS + this.dropped;
    if (more <= 0) return byPosition(this.stored);
    const errors = this.stored.filter(isError);
    const warnings = this.stored.filter((problem) => !isError(problem));
    const kept = [...errors, ...warnings].slice(0, MAX_REPORTED_PROBLEMS);
    const moreErrors = this.droppedErrors > 0 || errors.length > MAX_REPORTED_PROBLEMS;
    return [
      ...byPosition(kept),
      {
        severity: moreErrors ? 'error' : 'warning',
        code: 'too-many-problems',
        message: `${plural(more, 'more problem')} not shown; fix the ones above first`,
      },
    ];
  }

  fail(): LoadResult {
    return { ok: false, problems: this.sorted() };
  }
}

function isError(problem: FileProblem): boolean {
  return problem.severity === 'error';
}

function load(input: string | Uint8Array, options: LoadOptions): LoadResult {
  const name = options.fileName ?? 'the file';
  const maxBytes =
    typeof options.maxBytes === 'number' && options.maxBytes >= 0 ? options.maxBytes : DEFAULT_MAX_BYTES;
  const text = readText(input, name, maxBytes);
  if (typeof text !== 'string') return text;
  const maxTokens = Math.max(100_000, Math.ceil(maxBytes * TOKENS_PER_BYTE));
  const stats = options.stats;
  if (options.engine !== 'slow') {
    let fast: ReturnType<typeof loadFast>;
    try {
      fast = loadFast(text, maxTokens, options);
    } catch (error) {
      // Whatever went wrong, the slow path reads the file as it always has.
      fast = { ok: false, reason: `an exception: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (fast.ok) {
      if (stats) stats.path = 'fast';
      return fast.result;
    }
    if (stats) stats.fallback = fast.reason;
  }
  if (stats) stats.path = 'slow';
  return loadSlow(text, name, maxTokens, options);
}

/** 1. Text: size, encoding, characters. The text without its BOM, or the failed load. */
function readText(input: string | Uint8Array, name: string, maxBytes: number): string | LoadResult {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > maxBytes) return tooLarge(name, `more than ${formatSize(maxBytes)}`, maxBytes);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: a text that short is within the limit uncounted.
    if (input.length * 3 > maxBytes) {
      const size = utf8Length(input);
      if (size > maxBytes) return tooLarge(name, formatSize(size), maxBytes);
    }
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) return tooLarge(name, formatSize(input.byteLength), maxBytes);
    const decoded = decodeUtf8(input);
    if (!decoded.ok) {
      const problems = new ProblemList(lineStartsOf(decoded.prefix));
      problems.add(
        'error',
        'file-not-utf8',
        `${name} is not UTF-8 text: byte ${decoded.offset} (0x${input[decoded.offset]!.toString(16).padStart(2, '0')}) begins an invalid UTF-8 sequence; save the file as UTF-8`,
        { offset: decoded.prefix.length },
      );
      return problems.fail();
    }
    text = decoded.text;
  } else {
    const problems = new ProblemList();
    problems.add('error', 'input-invalid', `${name} was not given as text or bytes`);
    return problems.fail();
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const bad = findNonPrintable(text);
  if (bad >= 0) {
    const problems = new ProblemList(lineStartsOf(text));
    problems.add(
      'error',
      'file-not-text',
      `${name} contains the control character ${codePointLabel(text, bad)}, which a YAML file may not hold; is it a binary file?`,
      { offset: bad },
    );
    return problems.fail();
  }
  return text;
}

/**
 * The fast path: js-yaml reads the text when it looks plain, and the document is checked as usual but
 * without positions. Any doubt or problem (even a warning) leaves it, and the slow path reads the file
 * again to report with lines and columns; positions for `locate` come from `yaml` on first use only.
 */
function loadFast(
  text: string,
  maxTokens: number,
  options: LoadOptions,
): { ok: true; result: LoadResult } | { ok: false; reason: string } {
  const read = readYamlFast(text, maxTokens);
  if (!read.ok) return read;
  const problems = new ProblemList();
  const checked = checkDocument(read.value as RawDocument, NO_POSITIONS, problems, options);
  const first = problems.sorted()[0];
  if (!checked || first) return { ok: false, reason: `a problem: ${first?.code ?? 'unknown'}` };
  let locateInFile: Locate | undefined;
  const locate: Locate = (path) => {
    locateInFile ??= positionsOf(text, undefined, checked.order);
    return locateInFile(path);
  };
  return {
    ok: true,
    result: { ok: true, document: checked.document, warnings: [], migrations: checked.migrations, locate },
  };
}

/** The slow path: `yaml`'s reader with its early stops, and every problem with its position. */
function loadSlow(text: string, name: string, maxTokens: number, options: LoadOptions): LoadResult {
  const lineStarts = lineStartsOf(text);
  const problems = new ProblemList(lineStarts);

  // 2. YAML: one document, a mapping at the top, nothing a .topo.yaml may not contain.
  const root = readYamlDocument(text, problems.report, maxTokens);
  if (root === undefined || problems.hasErrors()) return problems.fail();
  if (root === null || (isScalar(root) && root.value === null && !root.source)) {
    const what = text.trim() === '' ? 'is empty' : 'has no content, only comments or markers';
    problems.add(
      'error',
      'file-empty',
      `${name} ${what}; a .topo.yaml file starts with apiVersion: ${API_VERSION} and kind: Topology`,
    );
    return problems.fail();
  }
  if (!isMap(root)) {
    problems.add(
      'error',
      'yaml-not-a-mapping',
      `the top level of a .topo.yaml file must be a mapping (apiVersion, kind, schemaVersion, metadata, spec), not ${describeNode(root)}`,
      { offset: root.range[0] },
    );
    return problems.fail();
  }
  const raw = toPlainValue(
    root,
    problems.report,
    (offset) => positionAt(lineStarts, offset).line,
  ) as RawDocument;
  if (problems.hasErrors()) return problems.fail();
  const locator = new NodeLocator(root);

  const checked = checkDocument(raw, locator, problems, options);
  if (!checked) return problems.fail();
  return {
    ok: true,
    document: checked.document,
    warnings: problems.sorted(),
    migrations: checked.migrations,
    locate: positionsOf(text, { locator, lineStarts }, checked.order),
  };
}

/** A document that passed stages 3 to 5, with the file position of each element of the sorted lists. */
interface CheckedDocument {
  document: TopologyDocument;
  migrations: string[];
  order: Map<string, number[]>;
}

type Locate = Extract<LoadResult, { ok: true }>['locate'];

/** A locator that knows no positions: the fast path's problems are reported again by the slow path. */
const NO_POSITIONS = new NodeLocator(null);

/** Stages 3 to 5 on the plain data of the file; undefined when they found errors (in `problems`). */
function checkDocument(
  raw: RawDocument,
  locator: NodeLocator,
  problems: ProblemList,
  options: LoadOptions,
): CheckedDocument | undefined {
  // 3. Header and version.
  const version = checkHeader(raw, locator, problems);
  if (version === undefined || problems.hasErrors()) return undefined;
  const migrated = migrateDocument(raw, version, options.migrations ?? DOCUMENT_MIGRATIONS);
  if (!migrated.ok) {
    problems.add('error', migrated.code, migrated.message, {
      path: ['schemaVersion'],
      offset: locator.offsetOf(['schemaVersion']),
    });
    return undefined;
  }
  const data = migrated.document;

  // 4. Schema.
  const parsed = documentSchema().safeParse(data, { error: describeIssue });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) addIssue(issue, data, locator, problems);
    return undefined;
  }

  // 5. Containment and references, with paths mapped back to the order of the file.
  const order = fileOrder(data);
  for (const problem of checkIntegrity(parsed.data, options.catalog)) {
    const path = toFilePath(problem.path, order);
    problems.add(problem.severity, problem.code, `\`${formatPath(path)}\`: ${problem.message}`, {
      path,
      offset: locator.offsetOf(path),
      elementId: problem.elementId,
    });
  }
  if (problems.hasErrors()) return undefined;
  return { document: parsed.data, migrations: migrated.applied, order };
}

/**
 * `locate` for a loaded document: the line and column of a document path in the file. The fast path
 * passes no node tree, and the text is read again with `yaml` when this is first called.
 */
function positionsOf(
  text: string,
  tree: { locator: NodeLocator; lineStarts: readonly number[] } | undefined,
  order: Map<string, number[]>,
): Locate {
  const { locator, lineStarts } = tree ?? {
    locator: new NodeLocator(readYamlDocument(text, () => undefined) ?? null),
    lineStarts: lineStartsOf(text),
  };
  return (path) => {
    const offset = locator.offsetOf(toFilePath(path, order));
    return offset === undefined ? undefined : positionAt(lineStarts, offset);
  };
}

function tooLarge(name: string, size: string, maxBytes: number): LoadResult {
  const problems = new ProblemList();
  problems.add(
    'error',
    'file-too-large',
    `${name} is ${size}; Topology Designer opens files up to ${formatSize(maxBytes)}`,
  );
  return problems.fail();
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimZero((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${trimZero((bytes / 1024).toFixed(1))} KiB`;
  return plural(bytes, 'byte');
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

function describeNode(node: ParsedNode): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return describeValue(node.value);
  return 'this value';
}

/** Checks apiVersion, kind and schemaVersion; returns the file's schemaVersion when it can be read. */
function checkHeader(raw: RawDocument, locator: NodeLocator, problems: ProblemList): number | undefined {
  const at = (key: string) => ({ path: [key], offset: locator.offsetOf([key]) });
  const { apiVersion, kind, schemaVersion } = raw;
  if (apiVersion !== API_VERSION) {
    const message =
      apiVersion === undefined
        ? `\`apiVersion\` is missing; a Topology Designer file starts with apiVersion: ${API_VERSION}`
        : typeof apiVersion === 'string' && apiVersion.startsWith(API_VERSION.split('/')[0]! + '/')
          ? `\`apiVersion\` is "${apiVersion}", which this version of Topology Designer does not read (it reads ${API_VERSION})`
          : `\`apiVersion\` is ${describeValue(apiVersion)}, not ${API_VERSION}: this is not a Topology Designer file`;
    problems.add('error', 'header-api-version', message, at('apiVersion'));
  }
  if (kind !== 'Topology') {
    const message =
      kind === undefined
        ? '`kind` is missing; a Topology Designer file has kind: Topology'
        : `\`kind\` is ${describeValue(kind)}; a Topology Designer file has kind: Topology`;
    problems.add('error', 'header-kind', message, at('kind'));
  }
  // A file of another kind has no schemaVersion worth reporting on.
  if (problems.hasErrors()) return undefined;
  if (schemaVersion === undefined) {
    problems.add(
      'error',
      'header-schema-version',
      `\`schemaVersion\` is missing; this version of Topology Designer writes schemaVersion: ${SCHEMA_VERSION}`,
      at('schemaVersion'),
    );
    return undefined;
  }
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 0) {
    problems.add(
      'error',
      'header-schema-version',
      `\`schemaVersion\` must be a whole number such as ${SCHEMA_VERSION}, not ${describeValue(schemaVersion)}`,
      at('schemaVersion'),
    );
    return undefined;
  }
  if (schemaVersion > SCHEMA_VERSION) {
    problems.add(
      'error',
      'version-too-new',
      `this file was made by a newer version of Topology Designer (schemaVersion ${schemaVersion}; this version reads up to ${SCHEMA_VERSION}); update Topology Designer to open it`,
      at('schemaVersion'),
    );
    return undefined;
  }
  return schemaVersion;
}

/** A value as a message shows it: text quoted (and shortened), lists and mappings by name. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(short);
  }
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

/** Plain-words messages for the issues whose schema gives none (the schema's own messages win). */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is required (${expected})`;
      return `must be ${expected}, not ${describeValue(issue.input)}`;
    }
    case 'invalid_value': {
      const shown = issue.values.map((value) => JSON.stringify(value));
      if (shown.length === 1) return `must be ${shown[0]}, not ${describeValue(issue.input)}`;
      const words = issue.values.filter((value): value is string => typeof value === 'string');
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, words) : undefined;
      return `must be one of ${shown.join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`;
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return issue.minimum === 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters long`;
      }
      if (issue.origin === 'array') return `must list at least ${plural(Number(issue.minimum), 'item')}`;
      return issue.inclusive ? `must be ≥ ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be ${issue.maximum} characters or fewer`;
      if (issue.origin === 'array') return `must list at most ${plural(Number(issue.maximum), 'item')}`;
      return issue.inclusive ? `must be ≤ ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case 'invalid_format':
      return 'pattern' in issue && typeof issue.pattern === 'string'
        ? `must match the pattern ${issue.pattern}`
        : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid entry';
    default:
      return undefined;
  }
};

/** Turns one schema issue into a located problem with its path written out in the message. */
function addIssue(
  issue: z.core.$ZodIssue,
  data: RawDocument,
  locator: NodeLocator,
  problems: ProblemList,
): void {
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
  const elementId = elementIdAt(data, path);
  const where = (target: 'value' | 'key') => ({ path, offset: locator.offsetOf(path, target), elementId });
  const parent = path.slice(0, -1);
  if (issue.code === 'custom' && typeof issue.params?.unknownKey === 'string') {
    problems.add(
      'error',
      'schema-unknown-field',
      `\`${formatPath(parent)}\`: ${issue.message}`,
      where('key'),
    );
    return;
  }
  if (issue.code === 'invalid_key') {
    const reasons = issue.issues.map((inner) => inner.message).join('; ');
    problems.add(
      'error',
      'schema-invalid-value',
      `\`${formatPath(parent)}\` has an invalid key ${JSON.stringify(path.at(-1))}: ${reasons}`,
      where('key'),
    );
    return;
  }
  if (issue.code === 'invalid_type') {
    const value = valueAt(data, path);
    if (value === undefined) {
      problems.add(
        'error',
        'schema-missing-field',
        `\`${formatPath(path)}\` ${issue.message}`,
        where('value'),
      );
      return;
    }
    let hint = '';
    const found = locator.find(path);
    if (
      issue.expected === 'string' &&
      found?.node &&
      isScalar(found.node) &&
      typeof found.node.source === 'string'
    ) {
      if (typeof value === 'number' || typeof value === 'boolean') {
        hint = `; write it in quotes: "${found.node.source}"`;
      }
    }
    problems.add(
      'error',
      'schema-wrong-type',
      `\`${formatPath(path)}\` ${issue.message}${hint}`,
      where('value'),
    );
    return;
  }
  problems.add('error', 'schema-invalid-value', `\`${formatPath(path)}\` ${issue.message}`, where('value'));
}

/** The value at a path of plain data, or undefined when the path does not exist. */
function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The id of the element a path is inside (spec.<list>[i]... or scenarios[s].spec.<list>[i]...), when it has a text id. */
function elementIdAt(data: RawDocument, path: readonly (string | number)[]): string | undefined {
  const at = path[0] === 'scenarios' && path[2] === 'spec' ? 2 : 0;
  if (path[at] !== 'spec' || typeof path[at + 2] !== 'number') return undefined;
  const id = valueAt(data, [...path.slice(0, at + 3), 'id']);
  return typeof id === 'string' ? id : undefined;
}

/** For a list of items with ids, the file position of each item in id order (the schema's stable sort). */
function idOrder(items: readonly unknown[]): number[] {
  const ids = items.map((item) => String((item as { id?: unknown } | null)?.id));
  return ids.map((_, i) => i).sort((a, b) => compareStrings(ids[a]!, ids[b]!));
}

/** The element lists of a spec, each with its file order, keyed by `prefix` + list name. */
function specOrder(spec: unknown, prefix: string, order: Map<string, number[]>): void {
  if (typeof spec !== 'object' || spec === null) return;
  for (const kind of KIND_ORDER) {
    const list = ELEMENT_KINDS[kind].list;
    const items = (spec as Record<string, unknown>)[list];
    if (Array.isArray(items)) order.set(prefix + list, idOrder(items));
  }
}

/**
 * For each element list, the file position of each element in the schema's sorted order. The schema
 * sorts elements by id (stably), so paths from the integrity checks index the sorted lists; problems
 * must point at the element where it is in the file. Scenarios are sorted by id too, and so are the
 * element lists of each scenario's spec (keyed `scenarios.<file position>.<list>`).
 */
function fileOrder(data: RawDocument): Map<string, number[]> {
  const order = new Map<string, number[]>();
  specOrder(data.spec, '', order);
  const scenarios = data.scenarios;
  if (Array.isArray(scenarios)) {
    order.set('scenarios', idOrder(scenarios));
    scenarios.forEach((scenario, i) =>
      specOrder((scenario as { spec?: unknown } | null)?.spec, `scenarios.${i}.`, order),
    );
  }
  return order;
}

function toFilePath(path: readonly (string | number)[], order: Map<string, number[]>): (string | number)[] {
  const out = [...path];
  if (out[0] === 'spec' && typeof out[1] === 'string' && typeof out[2] === 'number') {
    out[2] = order.get(out[1])?.[out[2]] ?? out[2];
  }
  if (out[0] === 'scenarios' && typeof out[1] === 'number') {
    const at = order.get('scenarios')?.[out[1]] ?? out[1];
    out[1] = at;
    if (out[2] === 'spec' && typeof out[3] === 'string' && typeof out[4] === 'number') {
      out[4] = order.get(`scenarios.${at}.${out[3]}`)?.[out[4]] ?? out[4];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Reporting

/** A problem as one compiler-style line: `file:line:col: severity code: message`. */
export function formatProblem(
  fileName: string,
  p: Pick<FileProblem, 'line' | 'column' | 'code' | 'message'> & { severity: 'error' | 'warning' | 'info' },
): string {
  const where =
    p.line === undefined
      ? fileName
      : p.column === undefined
        ? `${fileName}:${p.line}`
        : `${fileName}:${p.line}:${p.column}`;
  return `${where}: ${p.severity} ${p.code}: ${p.message.replace(/\r\n|[\r\n]/g, ' ')}`;
}
