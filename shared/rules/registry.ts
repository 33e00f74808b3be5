// Rules are defined once as plain objects and collected in a registry that refuses a second rule with
// the same id (as VS Code's command registry does): the id is the stable code of every diagnostic.
import type { ElementKind } from '../model/elements';
import type { DocumentRule, ElementRule, Rule } from './types';

const RULE_ID = /^[a-z][a-z0-9]*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;
const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Checks a rule's definition and freezes it; throws an Error naming what is wrong. */
export function defineRule<K extends ElementKind>(rule: ElementRule<K>): Rule;
/** Checks a whole-document rule's definition and freezes it. */
export function defineRule(rule: DocumentRule): Rule;
export function defineRule(rule: Rule): Rule {
  if (!RULE_ID.test(rule.id)) {
    throw new Error(`rule id "${rule.id}" must look like "area.what" (lower-case words, dots and dashes)`);
  }
  if (!SEVERITIES.has(rule.severity)) {
    throw new Error(`rule "${rule.id}" has an unknown severity "${String(rule.severity)}"`);
  }
  if (!rule.title.trim() || !rule.description.trim()) {
    throw new Error(`rule "${rule.id}" needs a title and a description`);
  }
  if (typeof rule.check !== 'function') throw new Error(`rule "${rule.id}" has no check function`);
  if (rule.scope === 'document' && rule.inputs.length === 0) {
    throw new Error(`document rule "${rule.id}" must declare the element lists it reads`);
  }
  return Object.freeze({ ...rule }) as Rule;
}

/** A set of rules by id; registering a second rule with an id already taken throws. */
export class RuleRegistry {
  private readonly byId = new Map<string, Rule>();
  private sorted: readonly Rule[] | undefined;
  private byScope: ReadonlyMap<ElementKind | 'document', readonly Rule[]> | undefined;
  private revision = 0;

  /** Adds a rule; throws when its id is already registered. */
  register(rule: Rule): this {
    if (this.byId.has(rule.id)) throw new Error(`a design rule with id "${rule.id}" is already registered`);
    this.byId.set(rule.id, rule);
    this.sorted = undefined;
    this.byScope = undefined;
    this.revision += 1;
    return this;
  }

  /** The rule with this id, if any. */
  get(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  /** Every rule, sorted by id. */
  list(): readonly Rule[] {
    this.sorted ??= [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.sorted;
  }

  /** The rules of one scope (an element kind, or `document`), sorted by id. */
  rulesFor(scope: ElementKind | 'document'): readonly Rule[] {
    if (!this.byScope) {
      const map = new Map<ElementKind | 'document', Rule[]>();
      for (const rule of this.list()) {
        const list = map.get(rule.scope) ?? [];
        list.push(rule);
        map.set(rule.scope, list);
      }
      this.byScope = map;
    }
    return this.byScope.get(scope) ?? [];
  }

  /** Changes whenever a rule is added, so that memoised results of an older rule set are dropped. */
  get version(): number {
    return this.revision;
  }
}

/** A registry holding these rules; throws on a duplicate id. */
export function createRuleRegistry(rules: readonly Rule[] = []): RuleRegistry {
  const registry = new RuleRegistry();
  for (const rule of rules) registry.register(rule);
  return registry;
}
