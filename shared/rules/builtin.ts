// The built-in design rules, in one registry. A duplicate id among them throws when this module loads.
import { CLUSTER_RULES } from './cluster-rules';
import { DOCUMENT_RULES } from './document-rules';
import { FLEET_RULES } from './fleet-rules';
import { NAME_RULES } from './name-rules';
import { POOL_RULES } from './pool-rules';
import type { RuleRegistry } from './registry';
import { createRuleRegistry } from './registry';
import type { Rule } from './types';
import { WORKLOAD_RULES } from './workload-rules';

/** Every built-in rule. */
export const BUILTIN_RULE_LIST: readonly Rule[] = [
  ...CLUSTER_RULES,
  ...POOL_RULES,
  ...FLEET_RULES,
  ...WORKLOAD_RULES,
  ...NAME_RULES,
  ...DOCUMENT_RULES,
];

/** The registry `runRules` uses unless given another. */
export const BUILTIN_RULES: RuleRegistry = createRuleRegistry(BUILTIN_RULE_LIST);
