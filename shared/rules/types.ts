// The shapes of the design-rules engine: a rule, what it reports, and what it may ask of the document.
// Rules are design advice on a document that already passed the schema and may still have integrity
// errors (a dangling reference is integrity's to report; a rule skips what it cannot resolve).
import type { Catalog } from '../catalog/types';
import type { Command } from '../model/commands';
import type { ElementByKind, ElementKind, ElementListKey } from '../model/elements';
import type { NodePool, Settings, Spec, Workload, Zone } from '../model/schema';

export type Severity = 'error' | 'warning' | 'info';

/** A path into the document, e.g. ['spec', 'nodePools', 3, 'capacity', 'spotPercent']. */
export type DocumentPath = readonly (string | number)[];

/** How to resolve a diagnostic: words for the user and, when one is obvious, a command that does it. */
export interface RuleFix {
  readonly label: string;
  readonly command?: Command;
}

/** One problem the rules found, located in the document; plain data (it crosses IPC and the CLI). */
export interface Diagnostic {
  /** The rule id, stable across versions, e.g. `pool.system-on-demand`. */
  readonly code: string;
  readonly severity: Severity;
  /** The element the problem is about (selected when the user clicks the diagnostic). */
  readonly elementId: string;
  /** Where in the document: the field to change, even when the file leaves it to its default. */
  readonly path: DocumentPath;
  /** Plain words, with the numbers that make the case. */
  readonly message: string;
  readonly fix: RuleFix;
}

/** What an element rule reports: a path inside the element, the message and the fix. */
export interface Finding {
  /** Path inside the element, e.g. ['capacity', 'spotPercent']; empty or absent for the element itself. */
  readonly path?: DocumentPath;
  readonly message: string;
  readonly fix: RuleFix;
}

/** What a whole-document rule reports: a finding and the element it is about. */
export interface DocumentFinding extends Finding {
  readonly elementId: string;
}

/**
 * What an element rule may look up. Every lookup is recorded, so that the engine can reuse the rule's
 * result on a later document as long as the same lookups give the same (identical) objects.
 */
export interface RuleContext {
  readonly catalog: Catalog;
  /** The element with this id if it is of this kind. */
  element<K extends ElementKind>(kind: K, id: string): ElementByKind[K] | undefined;
  /** Whether no element of any kind has this id (for fixes that add an element). */
  isIdFree(id: string): boolean;
  /** The node pools of a cluster, by id. */
  poolsOfCluster(clusterId: string): readonly NodePool[];
  /** The workloads pinned to a node pool, by id. */
  workloadsOnPool(poolId: string): readonly Workload[];
  /** The availability zones of a region, by id. */
  zonesOfRegion(regionId: string): readonly Zone[];
  /** The document's settings (assumptions). */
  settings(): Settings;
}

/** What a whole-document rule receives: only the element lists it declared as inputs. */
export interface DocumentRuleInput {
  readonly catalog: Catalog;
  readonly lists: Partial<Pick<Spec, ElementListKey>>;
}

interface RuleInfo {
  /** Stable id, `area.what`, e.g. `pool.system-on-demand`; it is the code of every diagnostic. */
  readonly id: string;
  readonly severity: Severity;
  /** A short title for settings and documentation. */
  readonly title: string;
  /** Why the rule exists, in a sentence or two. */
  readonly description: string;
}

/** A rule checked on each element of one kind; its result is memoised per element. */
export interface ElementRule<K extends ElementKind> extends RuleInfo {
  readonly scope: K;
  check(element: ElementByKind[K], context: RuleContext): readonly Finding[];
}

/**
 * A rule over whole lists (CIDR overlaps, dependency cycles); it must run in O(n log n) or better. Its
 * result is reused while every list in `inputs` is the same (identical) array.
 */
export interface DocumentRule extends RuleInfo {
  readonly scope: 'document';
  readonly inputs: readonly ElementListKey[];
  check(input: DocumentRuleInput): readonly DocumentFinding[];
}

/** Any rule: an element rule of some kind, or a document rule. */
export type Rule = { [K in ElementKind]: ElementRule<K> }[ElementKind] | DocumentRule;
