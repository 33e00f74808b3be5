// A fast path for zod parsing that needs no generated code.
//
// zod's interpreter is slow on a large document in a page that has not run it before: a design of 2,000
// elements takes it 150-220 ms in Chromium, on the critical path of opening a file. zod's own compiler
// (`z.compile`) is much faster, but it generates its parser with `new Function`, which the desktop app's
// Content-Security-Policy forbids (and generating it costs more than it saves once).
//
// `compileParser` walks a schema once and builds a tree of closures, one per schema node, that return exactly
// what zod returns for input that zod accepts, and INVALID at the first doubt: any failed check, any input
// shape zod treats in a special way (`__proto__` keys, symbol keys, objects that are not plain, values left
// undefined). zod's `withParser` installs it as the schema's fast path: on INVALID, zod's interpreter parses
// the input again and its result and messages stay the reference. Custom checks, refinements, defaults and
// transforms are zod's own functions, called the way zod calls them. Node types not handled here run through
// zod's interpreter for their subtree. `fast-parse.test.ts` checks the claim on templates, generated designs
// and random damage to them.
import { INVALID } from 'zod';

/** A parse function: the parsed value, or INVALID where zod may reject the input or treat it differently. */
export type FastParser = (input: unknown) => unknown;

// zod's internal shapes, as far as this module reads them.
interface ZodNode {
  _zod: {
    def: NodeDef;
    run: (payload: Payload, ctx: object) => Payload | Promise<Payload>;
    values?: Set<unknown>;
    optin?: 'optional' | 'defaulted';
    optout?: 'optional';
  };
}
interface CheckNode {
  _zod: { def: CheckDef; check: (payload: Payload) => unknown };
}
interface NodeDef {
  type: string;
  checks?: CheckNode[];
  coerce?: boolean;
  shape?: Record<string, ZodNode>;
  catchall?: ZodNode;
  element?: ZodNode;
  keyType?: ZodNode;
  valueType?: ZodNode;
  mode?: string;
  options?: ZodNode[];
  inclusive?: boolean;
  discriminator?: string;
  innerType?: ZodNode;
  defaultValue?: unknown;
  in?: ZodNode;
  out?: ZodNode;
  transform?: (value: unknown, payload: Payload) => unknown;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  inclusive?: boolean;
  when?: (payload: Payload) => boolean;
}
interface Payload {
  value: unknown;
  issues: unknown[];
}

/** Compiles a zod schema (one without cycles) into a parser that gives zod's output or INVALID; see above. */
export function compileParser(schema: unknown): FastParser {
  const parse = compileNode(schema as ZodNode);
  // A refinement or transform that throws is zod's to report (or throw), as it would without this path.
  return (input) => {
    try {
      return parse(input);
    } catch {
      return INVALID;
    }
  };
}

function compileNode(node: ZodNode): FastParser {
  const def = node._zod.def;
  const parse = def.coerce ? runtime(node) : compileType(node, def);
  const checks = def.checks;
  if (!checks || checks.length === 0) return parse;
  const check = compileChecks(checks);
  return (input) => {
    const out = parse(input);
    return out === INVALID ? INVALID : check(out);
  };
}

/** zod's interpreter on one subtree: its value, or INVALID for any issue. */
function runtime(node: ZodNode): FastParser {
  return (input) => {
    const result = node._zod.run({ value: input, issues: [] }, {});
    if (result instanceof Promise || result.issues.length > 0) return INVALID;
    return result.value;
  };
}

function compileType(node: ZodNode, def: NodeDef): FastParser {
  switch (def.type) {
    case 'string':
      return (input) => (typeof input === 'string' ? input : INVALID);
    case 'number':
      // zod refuses NaN and the infinities; Number.isFinite is false for all three.
      return (input) => (typeof input === 'number' && Number.isFinite(input) ? input : INVALID);
    case 'boolean':
      return (input) => (typeof input === 'boolean' ? input : INVALID);
    case 'unknown':
      return (input) => input;
    case 'enum':
    case 'literal': {
      const values = node._zod.values;
      if (!values) return runtime(node);
      return (input) => (values.has(input) ? input : INVALID);
    }
    case 'array':
      return compileArray(def.element!);
    case 'object':
      return compileObject(node, def);
    case 'record':
      return compileRecord(node, def);
    case 'union':
      return compileUnion(node, def);
    case 'optional':
      return compileOptional(def.innerType!);
    case 'default':
      return compileDefault(def);
    case 'pipe': {
      const left = compileNode(def.in!);
      const right = compileNode(def.out!);
      return (input) => {
        const value = left(input);
        return value === INVALID ? INVALID : right(value);
      };
    }
    case 'transform':
      return compileTransform(def.transform!);
    default:
      return runtime(node);
  }
}

function compileArray(element: ZodNode): FastParser {
  const item = compileNode(element);
  return (input) => {
    if (!Array.isArray(input)) return INVALID;
    const out = new Array<unknown>(input.length);
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i]);
      if (value === INVALID) return INVALID;
      out[i] = value;
    }
    return out;
  };
}

/** Whether a value is an object zod and this module treat alike: a plain or null-prototype object. */
function isPlain(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}

interface Field {
  key: string;
  parse: FastParser;
  /** Absent keys: 'omit' (optional), 'fill' (the schema gives a value for undefined) or 'refuse'. */
  absent: 'omit' | 'fill' | 'refuse';
}

function compileObject(node: ZodNode, def: NodeDef): FastParser {
  const shape = def.shape!;
  if (Object.getOwnPropertySymbols(shape).length > 0 || Object.hasOwn(shape, '__proto__'))
    return runtime(node);
  const catchall = def.catchall;
  const catchallType = catchall?._zod.def.type;
  // zod strips unknown keys without a catchall, refuses them with `never`, else parses them with the catchall.
  const rest = catchall && catchallType !== 'never' ? compileNode(catchall) : undefined;
  const refuseRest = catchallType === 'never';
  const fields: Field[] = Object.keys(shape).map((key) => {
    const child = shape[key]!;
    const { optin, optout } = child._zod;
    // As zod's handlePropertyResult: an optional-in, optional-out key is left out when absent; any other
    // optional-in key is parsed from undefined (a default); a key that is not optional-in must be present.
    const absent =
      optin === undefined ? 'refuse' : optin === 'optional' && optout === 'optional' ? 'omit' : 'fill';
    return { key, parse: compileNode(child), absent };
  });
  const known = new Set(Object.keys(shape));
  return (input) => {
    if (!isPlain(input)) return INVALID;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      let value: unknown;
      if (field.key in input) value = field.parse(input[field.key]);
      else if (field.absent === 'omit') continue;
      else if (field.absent === 'fill') value = field.parse(undefined);
      else return INVALID;
      // zod keeps a key whose value parsed to undefined in some cases and drops it in others; leave them to it.
      if (value === INVALID || value === undefined) return INVALID;
      out[field.key] = value;
    }
    if (rest || refuseRest) {
      for (const key in input) {
        if (known.has(key)) continue;
        if (refuseRest || key === '__proto__') return INVALID;
        const value = rest!(input[key]);
        if (value === INVALID || value === undefined) return INVALID;
        out[key] = value;
      }
    }
    return out;
  };
}

function compileRecord(node: ZodNode, def: NodeDef): FastParser {
  // A key schema with a fixed set of values (an enum) makes zod check for missing keys: not handled here.
  if (def.keyType!._zod.values || (def.mode !== undefined && def.mode !== 'strict')) return runtime(node);
  const key = compileNode(def.keyType!);
  const item = compileNode(def.valueType!);
  return (input) => {
    if (!isPlain(input) || Object.getOwnPropertySymbols(input).length > 0) return INVALID;
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(input)) {
      if (name === '__proto__') return INVALID;
      const outKey = key(name);
      if (typeof outKey !== 'string' || outKey === '__proto__') return INVALID;
      const value = item(input[name]);
      if (value === INVALID || value === undefined) return INVALID;
      out[outKey] = value;
    }
    return out;
  };
}

function compileUnion(node: ZodNode, def: NodeDef): FastParser {
  // Exclusive and discriminated unions choose their option by other rules than the first that fits.
  if (def.inclusive === false || def.discriminator !== undefined) return runtime(node);
  const options = def.options!.map(compileNode);
  return (input) => {
    for (const option of options) {
      const value = option(input);
      if (value !== INVALID) return value;
    }
    return INVALID;
  };
}

function compileOptional(inner: ZodNode): FastParser {
  const parse = compileNode(inner);
  const defaulted = inner._zod.optin === 'defaulted';
  return (input) => {
    if (input !== undefined) return parse(input);
    if (!defaulted) return undefined;
    // zod gives undefined, not an error, when a defaulted inner schema fails on undefined.
    const value = parse(undefined);
    return value === INVALID ? undefined : value;
  };
}

function compileDefault(def: NodeDef): FastParser {
  const parse = compileNode(def.innerType!);
  // `defaultValue` is a getter that hands out a fresh copy each time, as zod reads it.
  return (input) => {
    if (input === undefined) return def.defaultValue;
    const value = parse(input);
    if (value === INVALID) return INVALID;
    return value === undefined ? def.defaultValue : value;
  };
}

function compileTransform(transform: (value: unknown, payload: Payload) => unknown): FastParser {
  return (input) => {
    const payload: Payload = { value: input, issues: [] };
    const value = transform(input, payload);
    if (value instanceof Promise || payload.issues.length > 0) return INVALID;
    return value;
  };
}

type Check = (value: unknown) => unknown;

function compileChecks(checks: readonly CheckNode[]): Check {
  const compiled = checks.map(compileCheck);
  if (compiled.length === 1) return compiled[0]!;
  return (value) => {
    let current = value;
    for (const check of compiled) {
      current = check(current);
      if (current === INVALID) return INVALID;
    }
    return current;
  };
}

/** One check: the value (as the check leaves it), or INVALID when it reports an issue. */
function compileCheck(node: CheckNode): Check {
  const def = node._zod.def;
  const bound = def.value;
  if (def.check === 'string_format' && def.format === 'regex' && def.pattern && !def.when) {
    const pattern = def.pattern;
    return (value) => {
      pattern.lastIndex = 0;
      return pattern.test(value as string) ? value : INVALID;
    };
  }
  if (def.check === 'greater_than' && typeof bound === 'number' && !def.when) {
    return def.inclusive
      ? (value) => ((value as number) >= bound ? value : INVALID)
      : (value) => ((value as number) > bound ? value : INVALID);
  }
  if (def.check === 'less_than' && typeof bound === 'number' && !def.when) {
    return def.inclusive
      ? (value) => ((value as number) <= bound ? value : INVALID)
      : (value) => ((value as number) < bound ? value : INVALID);
  }
  if (def.check === 'number_format' && def.format === 'safeint' && !def.when) {
    return (value) => (Number.isSafeInteger(value) ? value : INVALID);
  }
  // Any other check is zod's own, run as zod's runChecks runs it on a payload without issues.
  const check = node._zod.check;
  const when = def.when;
  return (value) => {
    const payload: Payload = { value, issues: [] };
    if (when && !when(payload)) return value;
    const result = check(payload);
    if (result instanceof Promise || payload.issues.length > 0) return INVALID;
    return payload.value;
  };
}
