import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_LIST, BUILTIN_RULES } from './builtin';
import { createRuleRegistry, defineRule } from './registry';
import type { Rule } from './types';

const rule = (id: string): Rule =>
  defineRule({
    id,
    severity: 'warning',
    scope: 'cluster',
    title: 'A rule',
    description: 'For tests.',
    check: () => [],
  });

describe('defineRule', () => {
  it('returns a frozen rule', () => {
    const r = rule('test.frozen');
    expect(Object.isFrozen(r)).toBe(true);
    expect(r.id).toBe('test.frozen');
  });

  it('refuses ids that are not area.what, unknown severities and missing titles', () => {
    expect(() => rule('NoDots')).toThrow('rule id "NoDots" must look like "area.what"');
    expect(() => rule('pool.Spot')).toThrow('must look like "area.what"');
    expect(() =>
      defineRule({
        id: 'test.sev',
        severity: 'fatal' as 'error',
        scope: 'zone',
        title: 't',
        description: 'd',
        check: () => [],
      }),
    ).toThrow('rule "test.sev" has an unknown severity "fatal"');
    expect(() =>
      defineRule({
        id: 'test.title',
        severity: 'info',
        scope: 'zone',
        title: ' ',
        description: 'd',
        check: () => [],
      }),
    ).toThrow('rule "test.title" needs a title and a description');
  });

  it('refuses a document rule that reads no list', () => {
    expect(() =>
      defineRule({
        id: 'test.doc',
        severity: 'info',
        scope: 'document',
        inputs: [],
        title: 't',
        description: 'd',
        check: () => [],
      }),
    ).toThrow('document rule "test.doc" must declare the element lists it reads');
  });
});

describe('RuleRegistry', () => {
  it('throws when an id is registered twice', () => {
    const registry = createRuleRegistry([rule('test.one')]);
    expect(() => registry.register(rule('test.one'))).toThrow(
      'a design rule with id "test.one" is already registered',
    );
    expect(() => createRuleRegistry([rule('test.two'), rule('test.two')])).toThrow(
      '"test.two" is already registered',
    );
  });

  it('lists rules by id and by scope, and changes version when a rule is added', () => {
    const registry = createRuleRegistry([rule('test.b'), rule('test.a')]);
    expect(registry.list().map((r) => r.id)).toEqual(['test.a', 'test.b']);
    expect(registry.rulesFor('cluster').map((r) => r.id)).toEqual(['test.a', 'test.b']);
    expect(registry.rulesFor('workload')).toEqual([]);
    const before = registry.version;
    registry.register(rule('test.c'));
    expect(registry.version).toBe(before + 1);
    expect(registry.get('test.c')?.id).toBe('test.c');
    expect(registry.rulesFor('cluster')).toHaveLength(3);
  });
});

describe('the built-in rules', () => {
  it('are all registered, with unique ids', () => {
    expect(BUILTIN_RULES.list()).toHaveLength(BUILTIN_RULE_LIST.length);
    expect(BUILTIN_RULES.list().length).toBeGreaterThanOrEqual(40);
  });

  it('each have tests that name them', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const tests = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'registry.test.ts')
      .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
      .join('\n');
    const untested = BUILTIN_RULE_LIST.map((r) => r.id).filter(
      (id) => !tests.includes(`'${id}'`) && !tests.includes(` ${id}`),
    );
    expect(untested).toEqual([]);
  });
});
