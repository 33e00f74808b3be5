// Shallow equality for what selectors derive: the same array items, or the same own fields of a plain
// object, compared with Object.is. zustand's `shallow` compares a plain object by building a Map of each
// side's entries, which on a store update that every canvas node's selector answers (thousands at once) is
// most of the update's cost; this walks the fields instead.
import { shallow } from 'zustand/vanilla/shallow';

const hasOwn = Object.prototype.hasOwnProperty;

/** Whether `a` and `b` have the same items (arrays) or the same own fields (objects), by Object.is. */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b)) return false;
  // Maps, Sets and other iterables: compared by their entries, as zustand does.
  if (proto !== Object.prototype && proto !== null) return shallow(a, b);
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let fields = 0;
  for (const key in left) {
    if (!hasOwn.call(left, key)) continue;
    fields++;
    if (!hasOwn.call(right, key) || !Object.is(left[key], right[key])) return false;
  }
  for (const key in right) if (hasOwn.call(right, key)) fields--;
  return fields === 0;
}
