// A tiny writer of TypeScript source: lines at an indentation level, blocks that close themselves, and
// literals that are always escaped (every name from the model goes through `literal`, which is
// JSON.stringify, so a name cannot break out of its string). Used for the generated Pulumi program.

/** Source text to put into a literal as is (an identifier the generator made, never model text). */
export class Code {
  constructor(readonly text: string) {}
}

/** A TypeScript (and JSON) literal of plain data: strings escaped, objects and arrays laid out. */
export function literal(value: unknown, indent = ''): string {
  if (value === undefined) return 'undefined';
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return escapeLineSeparators(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => literal(v, inner));
    const flat = `[${items.join(', ')}]`;
    if (flat.length <= 80 && !flat.includes('\n')) return flat;
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${propertyKey(k)}: ${literal(v, inner)}`);
  const flat = `{ ${parts.join(', ')} }`;
  if (flat.length <= 80 && !flat.includes('\n')) return flat;
  return `{\n${parts.map((p) => `${inner}${p},`).join('\n')}\n${indent}}`;
}

/** JSON allows U+2028 and U+2029 in strings; older JavaScript parsers and some editors do not. */
function escapeLineSeparators(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : literal(key);
}

/**
 * A TypeScript identifier for an element id (`use1-api` -> `use1Api`, `a-1` -> `a_1`) followed by a
 * suffix naming what it holds. Ids are lower-case letters, digits and dashes, so the mapping is
 * one-to-one, and the suffix keeps it clear of reserved words.
 */
export function identifier(id: string, suffix: string): string {
  const camel = id.replace(/-([a-z0-9])/g, (_, c: string) => (/[0-9]/.test(c) ? `_${c}` : c.toUpperCase()));
  const base = /^[0-9]/.test(camel) ? `_${camel}` : camel;
  if (!IDENTIFIER.test(base + suffix)) throw new Error(`cannot make an identifier of "${id}"`);
  return base + suffix;
}

/** Lines of source at an indentation level. */
export class CodeWriter {
  private readonly lines: string[] = [];
  private level = 0;

  /** One line at the current indentation (an empty call writes an empty line). */
  line(text = ''): this {
    this.lines.push(text === '' ? '' : '  '.repeat(this.level) + text);
    return this;
  }

  /** Several lines, each at the current indentation. */
  all(texts: readonly string[]): this {
    for (const text of texts) this.line(text);
    return this;
  }

  /** A comment of one or more lines (`//`), each prefixed at the current indentation. */
  comment(text: string): this {
    for (const l of text.split('\n')) this.line(l === '' ? '//' : `// ${l}`);
    return this;
  }

  /** `open` then the body one level deeper, then `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.level += 1;
    body();
    this.level -= 1;
    return this.line(close);
  }

  /** The source text, ending with a newline. */
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
