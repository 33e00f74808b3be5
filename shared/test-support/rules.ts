// Helpers the rule tests share: run the rules fresh, pick one rule's diagnostics, apply a fix.
import { expect } from 'vitest';
import type { TopologyDocument } from '../model/schema';
import { applyFix, runRules } from '../rules/engine';
import type { Diagnostic } from '../rules/types';
import { loadTestCatalog } from './catalog';

/** The diagnostics of one rule, from a fresh (unmemoised) run. */
export function found(doc: TopologyDocument, code: string): Diagnostic[] {
  return runRules(doc, loadTestCatalog(), { memoize: false }).filter((d) => d.code === code);
}

/** The only diagnostic of one rule (fails the test when there is not exactly one). */
export function single(doc: TopologyDocument, code: string): Diagnostic {
  const all = found(doc, code);
  expect(all, `expected one ${code}, got ${JSON.stringify(all, null, 1)}`).toHaveLength(1);
  return all[0]!;
}

/** Applies a diagnostic's fix command and returns what the same rule says about the same element after. */
export function afterFix(doc: TopologyDocument, d: Diagnostic): Diagnostic[] {
  expect(d.fix.command, `${d.code} should carry a fix command`).toBeDefined();
  const result = applyFix(doc, d, { catalog: loadTestCatalog() });
  if (!result.ok) throw new Error(result.error.message);
  return found(result.document, d.code).filter((x) => x.elementId === d.elementId);
}
