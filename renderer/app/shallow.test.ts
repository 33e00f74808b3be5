// shallowEqual: the equality every derived-object selector of the views relies on to skip re-renders.
import { describe, expect, it } from 'vitest';
import { shallowEqual } from './shallow';

describe('shallowEqual', () => {
  const element = { id: 'a' };

  it('compares plain objects field by field, by identity of each value', () => {
    expect(shallowEqual({ element, drop: null }, { element, drop: null })).toBe(true);
    expect(shallowEqual({ element }, { element: { id: 'a' } })).toBe(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual({ a: 1, b: undefined }, { a: 1 })).toBe(false);
    expect(shallowEqual({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(shallowEqual({ n: NaN }, { n: NaN })).toBe(true);
    expect(shallowEqual({ z: 0 }, { z: -0 })).toBe(false);
  });

  it('compares arrays item by item', () => {
    expect(shallowEqual([element, 1], [element, 1])).toBe(true);
    expect(shallowEqual([element], [element, element])).toBe(false);
    expect(shallowEqual([element], { 0: element })).toBe(false);
    expect(shallowEqual([], [])).toBe(true);
  });

  it('compares maps and sets by their entries', () => {
    expect(shallowEqual(new Map([['a', element]]), new Map([['a', element]]))).toBe(true);
    expect(shallowEqual(new Map([['a', element]]), new Map([['a', { id: 'a' }]]))).toBe(false);
    expect(shallowEqual(new Set([1, 2]), new Set([1, 2]))).toBe(true);
    expect(shallowEqual(new Set([1]), new Map([[1, 1]]))).toBe(false);
  });

  it('tells values of different kinds apart', () => {
    expect(shallowEqual(null, null)).toBe(true);
    expect(shallowEqual(null, {})).toBe(false);
    expect(shallowEqual(undefined, {})).toBe(false);
    expect(shallowEqual('a', 'a')).toBe(true);
    expect(shallowEqual(1, '1')).toBe(false);
    expect(shallowEqual(Object.create(null), {})).toBe(false);
  });
});
