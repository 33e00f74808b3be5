// What an edit in the inspector does, without React: put the new value at its path in a copy of the
// element (or of the settings), run the kind's schema on the result, and either say what is wrong with it,
// located at the field, or turn it into the field changes of one `update` (or `settings`) command.
import type { z } from 'zod';
import type { FieldChanges } from '../../shared/model/commands';
import { sameData } from '../../shared/util/same';

/** A path inside an element, e.g. ['nodesPerAz', 'desired'] or ['taints', 0, 'key']. */
export type FieldPath = readonly (string | number)[];

/** The dotted form of a path, as test ids and messages spell it: `nodesPerAz.desired`, `taints.0.key`. */
export function dotted(path: FieldPath): string {
  return path.join('.');
}

/** The value at a path, or undefined when a step is missing. */
export function getAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * A copy of `value` with `next` at `path`; undefined removes the field (an object key) or the item (an
 * array index). Objects and arrays along the path are copied, everything else is shared.
 */
export function setAt(value: unknown, path: FieldPath, next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value) && typeof key === 'number') {
    const copy = [...value];
    const inner = setAt(copy[key], rest, next);
    if (inner === undefined && rest.length === 0) copy.splice(key, 1);
    else copy[key] = inner;
    return copy;
  }
  const base = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const copy: Record<string, unknown> = { ...base };
  const inner = setAt(base[key], rest, next);
  if (inner === undefined) Reflect.deleteProperty(copy, String(key));
  else copy[String(key)] = inner;
  return copy;
}

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

function startsWith(path: readonly PropertyKey[], prefix: FieldPath): boolean {
  return prefix.every((key, i) => String(path[i]) === String(key));
}

/**
 * The message to show at a field after an edit there, or undefined when the edited value passes the
 * schema. A problem at the field (or inside it) is shown as is; one that the edit caused elsewhere (a
 * cross-field rule, e.g. `max` below a raised `desired`) is shown with the path it is about.
 */
export function validateEdit(schema: z.ZodType, candidate: unknown, path: FieldPath): string | undefined {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return undefined;
  const issues = parsed.error.issues as readonly Issue[];
  const own = issues.find((issue) => startsWith(issue.path, path));
  if (own) {
    const inner = own.path.slice(path.length);
    return inner.length > 0 ? `${inner.map(String).join('.')} ${own.message}` : own.message;
  }
  // Named from the edited field's parent: `max must be ≥ desired (5)` rather than the whole path.
  const first = issues[0]!;
  let shared = 0;
  while (
    shared < path.length - 1 &&
    shared < first.path.length - 1 &&
    String(first.path[shared]) === String(path[shared])
  )
    shared += 1;
  const where = first.path.slice(shared).map(String).join('.');
  return where ? `${where} ${first.message}` : first.message;
}

/**
 * The top-level field changes that turn `before` into `after`, as an `update` or `settings` command takes
 * them: a changed field carries its whole new value, a removed one `null`.
 */
export function fieldChanges(before: object, after: object): FieldChanges {
  const changes: Record<string, unknown> = {};
  const old = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (key === 'id') continue;
    if (!Object.hasOwn(next, key) || next[key] === undefined) {
      if (Object.hasOwn(old, key) && old[key] !== undefined) changes[key] = null;
    } else if (!sameData(old[key], next[key])) changes[key] = next[key];
  }
  return changes;
}

/** A number typed into a field: undefined for blank, NaN for text that is not a number. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return undefined;
  return Number(trimmed);
}

/** A list typed as words separated by commas or spaces; undefined when blank. */
export function parseList(text: string): string[] | undefined {
  const items = text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** How a schema describes the field at a path (its `.describe()` text), if it does. */
export function describeAt(schema: z.ZodType, path: FieldPath): string | undefined {
  let current: unknown = schema;
  let description: string | undefined;
  let found = false;
  const steps = [...path];
  // Walks wrappers (pipes, defaults, optionals) and object shapes; the description nearest the field wins.
  for (let guard = 0; guard < 64 && current; guard++) {
    const node = current as { description?: string; _zod: { def: Record<string, unknown> } };
    if (!found && node.description) description = node.description;
    const def = node._zod.def;
    const type = def.type as string;
    if (type === 'pipe') current = def.in;
    else if (['default', 'optional', 'nullable', 'prefault', 'catch', 'readonly'].includes(type))
      current = def.innerType;
    else if (steps.length === 0) break;
    else if (type === 'object') {
      current = (def.shape as Record<string, unknown>)[String(steps.shift())];
      description = undefined;
    } else if (type === 'array') {
      steps.shift();
      current = def.element;
      description = undefined;
    } else if (type === 'record') {
      steps.shift();
      current = def.valueType;
      description = undefined;
    } else return undefined;
    if (steps.length === 0 && description) found = true;
  }
  return steps.length === 0 ? description : undefined;
}
