// Runs the design rules over a document. Results are memoised per element object (documents are
// immutable and commands copy on write, so an unchanged element keeps its identity) together with the
// lookups they made; a whole-document rule is reused while its input lists are the same arrays. A run
// starts from the previous one: it diffs the two documents, checks again only the elements that changed
// or looked up something that changed, and splices their diagnostics into the previous sorted list.
import type { Catalog } from '../catalog/types';
import type { CommandOptions, CommandResult } from '../model/commands';
import { executeCommand } from '../model/commands';
import type { Element, ElementKind, ElementListKey } from '../model/elements';
import { ELEMENT_KINDS, KIND_ORDER } from '../model/elements';
import type { TopologyDocument } from '../model/schema';
import { compareStrings } from '../util/text';
import { BUILTIN_RULES } from './builtin';
import type { Probe, ProbeTopic, Slot } from './context';
import { DocumentView, RecordingContext, deriveGrouping, probesHold, slotsTouchedBy } from './context';
import type { RuleRegistry } from './registry';
import type { Diagnostic, DocumentFinding, DocumentPath, Finding, Rule, Severity } from './types';

/** Counters of one run, for benchmarks and tests of the memoisation. */
export interface RuleRunStats {
  /** `incremental` when the run started from the previous run's result, `full` when it swept every element. */
  mode: 'full' | 'incremental';
  /** Elements whose rules ran. */
  elementsChecked: number;
  /** Elements whose earlier result was reused (checked again by identity, or untouched by the change). */
  elementsReused: number;
  /** Whole-document rules that ran (the others were reused). */
  documentRulesRun: number;
}

export interface RunRulesOptions {
  /** The rules to run; the built-in rules when absent. */
  readonly registry?: RuleRegistry;
  /** Rule ids whose diagnostics are left out (the user turned them off). */
  readonly disabled?: readonly string[];
  /** Reuse and keep results between runs (default true); false runs every rule afresh and keeps nothing. */
  readonly memoize?: boolean;
  /** Filled with the counters of this run when given. */
  readonly stats?: RuleRunStats;
  /**
   * What the previous run is looked up by (any object, e.g. an open document's tab). Each session starts
   * from its own previous run, so two documents checked in turn do not diff against each other.
   */
  readonly session?: object;
}

/** A rule's finding, and whether it is the report of the rule having thrown. */
type Found = readonly [rule: Rule, finding: Finding, failed: boolean];

interface Located {
  readonly list: ElementListKey;
  readonly index: number;
  readonly diagnostics: readonly Diagnostic[];
}

interface ElementEntry {
  readonly probes: readonly Probe[];
  readonly findings: readonly Found[];
  /** The diagnostics as last located, reused while the element stays at the same position. */
  located?: Located;
}

interface DocumentEntry {
  readonly inputs: readonly unknown[];
  readonly findings: readonly (readonly [finding: DocumentFinding, failed: boolean])[];
  /** The diagnostics as last located (positions come from the id index of the document). */
  located?: readonly Diagnostic[];
}

/** The previous run: its document and its sorted diagnostics, before `disabled` was applied. */
interface Snapshot {
  readonly doc: TopologyDocument;
  readonly output: readonly Diagnostic[];
}

/**
 * What the engine keeps between runs for one rule set and one catalog: results by element object,
 * which elements looked up what (so a change reaches exactly the results that depend on it), the
 * whole-document results, and the previous run.
 */
interface EngineState {
  readonly elements: WeakMap<Element, ElementEntry>;
  /** For each lookup (by topic, then key), the elements of the previous document whose result used it. */
  readonly dependents: Readonly<Record<ProbeTopic, Map<string, Set<Element>>>>;
  readonly documents: Map<string, DocumentEntry>;
  last: Snapshot | undefined;
}

function emptyDependents(): EngineState['dependents'] {
  return {
    element: new Map(),
    pools: new Map(),
    workloads: new Map(),
    zones: new Map(),
    settings: new Map(),
  };
}

type RegistryStates = WeakMap<RuleRegistry, { version: number; byCatalog: WeakMap<Catalog, EngineState> }>;

const sessions = new WeakMap<object, RegistryStates>();
const DEFAULT_SESSION = {};

function stateFor(session: object, registry: RuleRegistry, catalog: Catalog): EngineState {
  let states = sessions.get(session);
  if (!states) {
    states = new WeakMap();
    sessions.set(session, states);
  }
  let perRegistry = states.get(registry);
  if (!perRegistry || perRegistry.version !== registry.version) {
    perRegistry = { version: registry.version, byCatalog: new WeakMap() };
    states.set(registry, perRegistry);
  }
  let state = perRegistry.byCatalog.get(catalog);
  if (!state) {
    state = { elements: new WeakMap(), dependents: emptyDependents(), documents: new Map(), last: undefined };
    perRegistry.byCatalog.set(catalog, state);
  }
  return state;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function comparePaths(a: DocumentPath, b: DocumentPath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return compareStrings(String(x), String(y));
  }
  return a.length - b.length;
}

/** The order diagnostics are listed in: severity, then element id, then code, then path and message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareStrings(a.elementId, b.elementId) ||
    compareStrings(a.code, b.code) ||
    comparePaths(a.path, b.path) ||
    compareStrings(a.message, b.message)
  );
}

/** The position of the first item not ordered before `d` in a sorted list. */
function lowerBound(sorted: readonly Diagnostic[], d: Diagnostic): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareDiagnostics(sorted[mid]!, d) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Above this many changes, one pass over the whole list beats a binary search and splice per change. */
const SPLICE_LIMIT = 64;

/**
 * A sorted list with some of its items taken out and others (sorted) put in. A few changes are found by
 * binary search; many are applied in one filtering and merging pass.
 */
function update(
  sorted: readonly Diagnostic[],
  drop: readonly Diagnostic[],
  add: readonly Diagnostic[],
): Diagnostic[] {
  if (drop.length + add.length <= SPLICE_LIMIT) {
    const out = sorted.slice();
    for (const d of drop) {
      let i = lowerBound(out, d);
      while (i < out.length && out[i] !== d) i += 1;
      if (i < out.length) out.splice(i, 1);
    }
    for (const d of add) out.splice(lowerBound(out, d), 0, d);
    return out;
  }
  const dropped = new Set(drop);
  const kept = dropped.size > 0 ? sorted.filter((d) => !dropped.has(d)) : sorted;
  const out: Diagnostic[] = new Array<Diagnostic>(kept.length + add.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < add.length) {
    out[k++] = compareDiagnostics(kept[i]!, add[j]!) <= 0 ? kept[i++]! : add[j++]!;
  }
  while (i < kept.length) out[k++] = kept[i++]!;
  while (j < add.length) out[k++] = add[j++]!;
  return out;
}

/** A rule that threw is reported, not allowed to take the problems panel down with it. */
function failure(rule: Rule, error: unknown): Finding {
  const why = error instanceof Error ? error.message : String(error);
  return {
    message: `design rule "${rule.id}" could not check this element: ${why}`,
    fix: { label: 'Report this to the maintainers of Topology Designer' },
  };
}

function diagnostic(
  rule: Rule,
  elementId: string,
  path: DocumentPath,
  finding: Finding,
  failed: boolean,
): Diagnostic {
  return {
    code: failed ? 'rules.failed' : rule.id,
    severity: failed ? 'warning' : rule.severity,
    elementId,
    path,
    message: finding.message,
    fix: finding.fix,
  };
}

function checkElement(
  rules: readonly Rule[],
  element: Element,
  view: DocumentView,
  catalog: Catalog,
): ElementEntry {
  const context = new RecordingContext(view, catalog);
  const findings: Found[] = [];
  for (const rule of rules) {
    try {
      const found = (rule.check as (e: Element, c: RecordingContext) => readonly Finding[])(element, context);
      for (const finding of found) findings.push([rule, finding, false]);
    } catch (error) {
      findings.push([rule, failure(rule, error), true]);
    }
  }
  return { probes: context.probes(), findings };
}

/** The diagnostics of an entry at a position; the same objects while the position does not change. */
function locate(
  entry: ElementEntry,
  element: Element,
  list: ElementListKey,
  index: number,
): readonly Diagnostic[] {
  if (entry.findings.length === 0) return [];
  const located = entry.located;
  if (located && located.list === list && located.index === index) return located.diagnostics;
  const diagnostics = entry.findings
    .map(([rule, finding, failed]) =>
      diagnostic(rule, element.id, ['spec', list, index, ...(finding.path ?? [])], finding, failed),
    )
    .sort(compareDiagnostics);
  entry.located = { list, index, diagnostics };
  return diagnostics;
}

/** Where an element is in the document, and whether it is new since the previous run. */
interface Place {
  readonly kind: ElementKind;
  readonly list: ElementListKey;
  readonly index: number;
  readonly element: Element;
  readonly entering: boolean;
}

/** What changed between two documents, found by walking each changed list once. */
interface Diff {
  /** Lookups whose answers may differ. */
  readonly slots: Slot[];
  /** Element objects in the new document that the old one did not have. */
  readonly entering: Place[];
  /** Element objects of the old document that the new one does not have. */
  readonly leaving: (readonly [ElementKind, Element])[];
  /** Element objects in both, at another position. */
  readonly moved: Place[];
  /** Whether every position holds an element with the same id as before (so located paths still hold). */
  positionsStable: boolean;
  /** The lists that are not the same array, with the elements that entered and left each. */
  readonly lists: {
    readonly kind: ElementKind;
    readonly before: readonly Element[];
    readonly after: readonly Element[];
    readonly entering: Element[];
    readonly leaving: Element[];
  }[];
}

/**
 * The difference of two documents. Commands copy only the lists they change, so an unchanged list is
 * the same array and costs nothing; a changed list is walked once, merging by id (lists are sorted by
 * id; if one is not, elements are seen as leaving and entering again, which is still correct).
 */
function diffDocuments(before: TopologyDocument, after: TopologyDocument): Diff {
  const diff: Diff = { slots: [], entering: [], leaving: [], moved: [], positionsStable: true, lists: [] };
  if (before.spec.settings !== after.spec.settings) diff.slots.push(['settings', '']);
  for (const kind of KIND_ORDER) {
    const list = ELEMENT_KINDS[kind].list;
    const a = before.spec[list] as readonly Element[];
    const b = after.spec[list] as readonly Element[];
    if (a === b) continue;
    const changed = { kind, before: a, after: b, entering: [] as Element[], leaving: [] as Element[] };
    diff.lists.push(changed);
    const touch = (element: Element) => {
      for (const slot of slotsTouchedBy(kind, element)) diff.slots.push(slot);
    };
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const x = a[i];
      const y = b[j];
      if (x !== undefined && x === y) {
        if (i !== j) {
          diff.moved.push({ kind, list, index: j, element: y, entering: false });
          diff.positionsStable = false;
        }
        i += 1;
        j += 1;
        continue;
      }
      const order = x === undefined ? 1 : y === undefined ? -1 : compareStrings(x.id, y.id);
      if (order !== 0 || i !== j) diff.positionsStable = false;
      if (order <= 0) {
        diff.leaving.push([kind, x!]);
        changed.leaving.push(x!);
        touch(x!);
        i += 1;
      }
      if (order >= 0) {
        diff.entering.push({ kind, list, index: j, element: y!, entering: true });
        changed.entering.push(y!);
        touch(y!);
        j += 1;
      }
    }
  }
  return diff;
}

/** One call of `runRules`. */
class RuleRun {
  readonly view: DocumentView;
  checked = 0;
  reused = 0;
  documentRulesRun = 0;

  constructor(
    private readonly registry: RuleRegistry,
    private readonly catalog: Catalog,
    private readonly doc: TopologyDocument,
    private readonly state: EngineState | undefined,
  ) {
    this.view = new DocumentView(doc);
  }

  private register(entry: ElementEntry, element: Element): void {
    const dependents = this.state!.dependents;
    for (const probe of entry.probes) {
      const byKey = dependents[probe.on];
      const set = byKey.get(probe.key);
      if (set) set.add(element);
      else byKey.set(probe.key, new Set([element]));
    }
  }

  private unregister(entry: ElementEntry, element: Element): void {
    const dependents = this.state!.dependents;
    for (const probe of entry.probes) {
      const byKey = dependents[probe.on];
      const set = byKey.get(probe.key);
      if (!set) continue;
      set.delete(element);
      if (set.size === 0) byKey.delete(probe.key);
    }
  }

  /** The entry of an element: the earlier one while its lookups still hold, else a fresh one. */
  private entry(rules: readonly Rule[], element: Element): { entry: ElementEntry; fresh: boolean } {
    const cached = this.state?.elements.get(element);
    if (cached && probesHold(this.view, cached.probes)) {
      this.reused += 1;
      return { entry: cached, fresh: false };
    }
    const entry = checkElement(rules, element, this.view, this.catalog);
    this.checked += 1;
    this.state?.elements.set(element, entry);
    return { entry, fresh: true };
  }

  /** Every element checked (or its result revalidated); the dependents index is rebuilt. */
  full(): Diagnostic[] {
    if (this.state) for (const byKey of Object.values(this.state.dependents)) byKey.clear();
    const out: Diagnostic[] = [];
    for (const kind of KIND_ORDER) {
      const rules = this.registry.rulesFor(kind);
      if (rules.length === 0) continue;
      const listKey = ELEMENT_KINDS[kind].list;
      const list = this.doc.spec[listKey] as readonly Element[];
      for (let index = 0; index < list.length; index++) {
        const element = list[index]!;
        const { entry } = this.entry(rules, element);
        if (this.state) this.register(entry, element);
        for (const d of locate(entry, element, listKey, index)) out.push(d);
      }
    }
    for (const d of this.documentRules(false).all) out.push(d);
    out.sort(compareDiagnostics);
    if (this.state) this.state.last = { doc: this.doc, output: out };
    return out;
  }

  /**
   * Starts from the previous run: only elements that entered, moved, or looked up something that
   * changed are visited; their old diagnostics leave the sorted list and their new ones are merged in.
   * Returns undefined when the document has duplicate ids (the id index cannot place every element).
   */
  incremental(last: Snapshot): Diagnostic[] | undefined {
    const state = this.state!;
    if (this.view.index.duplicates.size > 0) return undefined;
    const diff = diffDocuments(last.doc, this.doc);
    for (const list of diff.lists)
      deriveGrouping(list.kind, list.before, list.after, list.entering, list.leaving);
    const drop: Diagnostic[] = [];
    const add: Diagnostic[] = [];
    for (const [kind, element] of diff.leaving) {
      if (this.registry.rulesFor(kind).length === 0) continue;
      const entry = state.elements.get(element);
      if (!entry) continue;
      this.unregister(entry, element);
      for (const d of entry.located?.diagnostics ?? []) drop.push(d);
    }
    const visit = new Map<Element, Place>();
    for (const place of diff.entering) visit.set(place.element, place);
    for (const place of diff.moved) if (!visit.has(place.element)) visit.set(place.element, place);
    for (const [on, key] of diff.slots) {
      for (const element of state.dependents[on].get(key) ?? []) {
        if (visit.has(element)) continue;
        const place = this.placeOf(element);
        if (!place) return undefined;
        visit.set(element, place);
      }
    }
    for (const place of visit.values()) {
      const rules = this.registry.rulesFor(place.kind);
      if (rules.length === 0) continue;
      const { element } = place;
      const old = state.elements.get(element);
      if (old && !place.entering) for (const d of old.located?.diagnostics ?? []) drop.push(d);
      const { entry, fresh } = this.entry(rules, element);
      if (fresh && old && !place.entering) this.unregister(old, element);
      if (fresh || place.entering) this.register(entry, element);
      for (const d of locate(entry, element, place.list, place.index)) add.push(d);
    }
    const documents = this.documentRules(diff.positionsStable);
    for (const d of documents.dropped) drop.push(d);
    for (const d of documents.added) add.push(d);
    const output = update(last.output, drop, add.sort(compareDiagnostics));
    state.last = { doc: this.doc, output };
    let withRules = 0;
    for (const kind of KIND_ORDER) {
      if (this.registry.rulesFor(kind).length > 0)
        withRules += (this.doc.spec[ELEMENT_KINDS[kind].list] as readonly Element[]).length;
    }
    this.reused = withRules - this.checked;
    return output;
  }

  /** Where an element that was in the previous document is now (found by its id). */
  private placeOf(element: Element): Place | undefined {
    const location = this.view.index.byId.get(element.id);
    if (!location) return undefined;
    const list = ELEMENT_KINDS[location.kind].list;
    if ((this.doc.spec[list] as readonly Element[])[location.index] !== element) return undefined;
    return { kind: location.kind, list, index: location.index, element, entering: false };
  }

  /**
   * The whole-document rules' diagnostics. A rule runs again only when one of its input lists changed;
   * its diagnostics are located again unless `positionsStable` (every position holds the same id).
   * Also returns what changed since the previous run, for the incremental update.
   */
  documentRules(positionsStable: boolean): { all: Diagnostic[]; dropped: Diagnostic[]; added: Diagnostic[] } {
    const all: Diagnostic[] = [];
    const dropped: Diagnostic[] = [];
    const added: Diagnostic[] = [];
    for (const rule of this.registry.rulesFor('document')) {
      if (rule.scope !== 'document') continue;
      const inputs = rule.inputs.map((key) => this.doc.spec[key]);
      const previous = this.state?.documents.get(rule.id);
      const before = previous?.located;
      let entry = previous;
      if (!entry || entry.inputs.length !== inputs.length || entry.inputs.some((x, i) => x !== inputs[i])) {
        const lists: Record<string, unknown> = {};
        rule.inputs.forEach((key, i) => (lists[key] = inputs[i]));
        let findings: DocumentEntry['findings'];
        try {
          findings = rule.check({ catalog: this.catalog, lists }).map((finding) => [finding, false] as const);
        } catch (error) {
          findings = [[{ ...failure(rule, error), elementId: '' }, true]];
        }
        entry = { inputs, findings };
        this.state?.documents.set(rule.id, entry);
        this.documentRulesRun += 1;
      }
      let located = entry === previous && positionsStable ? entry.located : undefined;
      if (!located) {
        located = entry.findings.map(([finding, failed]) => {
          const location = this.view.index.byId.get(finding.elementId);
          const base: DocumentPath = location
            ? ['spec', ELEMENT_KINDS[location.kind].list, location.index]
            : ['spec'];
          return diagnostic(rule, finding.elementId, [...base, ...(finding.path ?? [])], finding, failed);
        });
        entry.located = located;
      }
      if (located !== before) {
        for (const d of before ?? []) dropped.push(d);
        for (const d of located) added.push(d);
      }
      for (const d of located) all.push(d);
    }
    return { all, dropped, added };
  }
}

/**
 * Runs every rule of the registry (the built-in rules by default) and returns the diagnostics sorted by
 * severity, element id and code. With memoisation (the default) the run starts from the previous run
 * with the same rules and catalog, so a run after a one-element edit costs about as much as that edit.
 */
export function runRules(
  doc: TopologyDocument,
  catalog: Catalog,
  options: RunRulesOptions = {},
): Diagnostic[] {
  const registry = options.registry ?? BUILTIN_RULES;
  const state =
    options.memoize === false ? undefined : stateFor(options.session ?? DEFAULT_SESSION, registry, catalog);
  const run = new RuleRun(registry, catalog, doc, state);
  const incremental = state?.last ? run.incremental(state.last) : undefined;
  const output = incremental ?? run.full();
  if (options.stats) {
    options.stats.mode = incremental ? 'incremental' : 'full';
    options.stats.elementsChecked = run.checked;
    options.stats.elementsReused = run.reused;
    options.stats.documentRulesRun = run.documentRulesRun;
  }
  const disabled = options.disabled?.length ? new Set(options.disabled) : undefined;
  return disabled ? output.filter((d) => !disabled.has(d.code)) : output.slice();
}

/** Applies a diagnostic's fix command; refuses (ok: false) when the diagnostic has no command. */
export function applyFix(
  doc: TopologyDocument,
  diagnostic: Diagnostic,
  options: CommandOptions = {},
): CommandResult {
  const command = diagnostic.fix.command;
  if (!command) {
    return {
      ok: false,
      error: { code: 'rules.no-fix-command', message: `${diagnostic.code}: ${diagnostic.fix.label}` },
    };
  }
  return executeCommand(doc, command, options);
}
