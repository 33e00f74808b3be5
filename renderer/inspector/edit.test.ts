// The inspector's edit logic without React: paths, field changes, validation messages, help texts.
import { describe, expect, it } from 'vitest';
import { NodePoolSchema, SettingsSchema, WorkloadSchema } from '../../shared/model/schema';
import { smallDocument } from '../test-support/documents';
import { describeAt, dotted, fieldChanges, getAt, parseList, parseNumber, setAt, validateEdit } from './edit';

const pool = smallDocument().spec.nodePools.find((p) => p.id === 'app-general')!;

describe('paths', () => {
  it('reads and writes nested values without touching the original', () => {
    expect(getAt(pool, ['nodesPerAz', 'desired'])).toBe(2);
    const next = setAt(pool, ['nodesPerAz', 'desired'], 3) as typeof pool;
    expect(next.nodesPerAz).toEqual({ min: 1, desired: 3, max: 3 });
    expect(pool.nodesPerAz.desired).toBe(2);
    expect(next.capacity).toBe(pool.capacity);
    expect(dotted(['taints', 0, 'key'])).toBe('taints.0.key');
  });

  it('removes a field or a list item with undefined, and creates missing objects', () => {
    const withLimits = setAt(pool, ['limits', 'vcpu'], 64) as typeof pool;
    expect(withLimits.limits).toEqual({ vcpu: 64 });
    expect(Object.hasOwn(setAt(withLimits, ['limits'], undefined) as object, 'limits')).toBe(false);
    expect(setAt(['a', 'b', 'c'], [1], undefined)).toEqual(['a', 'c']);
  });
});

describe('field changes', () => {
  it('carries each changed top-level field whole, and null for a removed one', () => {
    const next = { ...pool, nodesPerAz: { ...pool.nodesPerAz, desired: 3 } } as Record<string, unknown>;
    delete next.zones;
    expect(fieldChanges(pool, next)).toEqual({ nodesPerAz: { min: 1, desired: 3, max: 3 }, zones: null });
    expect(fieldChanges(pool, { ...pool })).toEqual({});
  });
});

describe('validation', () => {
  it('gives the schema\u2019s message for the field edited', () => {
    const candidate = setAt(pool, ['capacity', 'spotPercent'], 101);
    expect(validateEdit(NodePoolSchema, candidate, ['capacity', 'spotPercent'])).toBe(
      'must be between 0 and 100',
    );
    expect(
      validateEdit(NodePoolSchema, setAt(pool, ['nodesPerAz', 'desired'], 2), ['nodesPerAz', 'desired']),
    ).toBe(undefined);
  });

  it('names the other field when the edit breaks a rule across fields', () => {
    const candidate = setAt(pool, ['nodesPerAz', 'desired'], 9);
    expect(validateEdit(NodePoolSchema, candidate, ['nodesPerAz', 'desired'])).toBe(
      'max must be ≥ desired (9)',
    );
    const spot = setAt(setAt(pool, ['capacity', 'spotAllowed'], false), ['capacity', 'spotPercent'], 20);
    expect(validateEdit(NodePoolSchema, spot, ['capacity', 'spotAllowed'])).toMatch(
      /^spotPercent is 20 but spotAllowed is false/,
    );
  });

  it('checks the settings the same way', () => {
    const settings = SettingsSchema.parse({});
    expect(validateEdit(SettingsSchema, { ...settings, currency: 'usd' }, ['currency'])).toBe(
      'must be an ISO 4217 code such as USD',
    );
    expect(validateEdit(SettingsSchema, { ...settings, hoursPerMonth: 800 }, ['hoursPerMonth'])).toMatch(
      /744/,
    );
  });
});

describe('help texts and parsing', () => {
  it('finds the schema\u2019s description of a field', () => {
    expect(describeAt(NodePoolSchema, ['nodesPerAz', 'desired'])).toBe(
      'Expected nodes in each zone (used for expected cost).',
    );
    expect(describeAt(NodePoolSchema, ['capacity', 'spotPercent'])).toMatch(/^Share of nodes on spot/);
    expect(describeAt(WorkloadSchema, ['resources', 'cpu'])).toMatch(/^CPU request per replica/);
    expect(describeAt(SettingsSchema, ['spot', 'fallbackOnDemandPercent'])).toMatch(
      /^Share of spot capacity/,
    );
    expect(describeAt(NodePoolSchema, ['nope'])).toBeUndefined();
  });

  it('parses numbers and lists as typed', () => {
    expect(parseNumber(' 1,200 ')).toBe(1200);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseList('m6i, c6i  r6i')).toEqual(['m6i', 'c6i', 'r6i']);
    expect(parseList('  ')).toBeUndefined();
  });
});
