// Every change to a document is a command: plain data in, a new document and its inverse out. Undo/redo,
// the canvas, the YAML editor, the command line and the tests all use this one mechanism. A command that
// would break a schema or containment rule is refused with a reason a user can read, and the document
// is left as it was.
import type { z } from 'zod';
import { compareStrings, formatPath, plural } from '../util/text';
import type { Element, ElementKind, ElementListKey } from './elements';
import {
  ELEMENT_KINDS,
  KIND_ORDER,
  elementsOf,
  findElement,
  getElement,
  isElementKind,
  kindLabel,
} from './elements';
import type { CatalogFacts, ModelProblem } from './integrity';
import { checkIntegrity } from './integrity';
import type { Metadata, NodeLayout, Scenario, Settings, Spec, TopologyDocument, Workload } from './schema';
import {
  MetadataSchema,
  ScenarioSchema,
  SettingsSchema,
  SpecSchema,
  documentSchema,
  isExtensionKey,
  parseNodeLayout,
} from './schema';
import { sameData } from '../util/same';

/** A primitive change; the inverse of any command is a list of these. */
export type Change =
  | { readonly op: 'put'; readonly kind: ElementKind; readonly element: Element }
  | { readonly op: 'remove'; readonly kind: ElementKind; readonly id: string }
  | { readonly op: 'layout'; readonly id: string; readonly entry: NodeLayout | null }
  | { readonly op: 'settings'; readonly value: Settings }
  | { readonly op: 'metadata'; readonly value: Metadata }
  /** The whole spec replaced (switching to a scenario). */
  | { readonly op: 'spec'; readonly value: Spec }
  /** The list of scenarios replaced; null when there are none (the file then has no `scenarios`). */
  | { readonly op: 'scenarios'; readonly value: readonly Scenario[] | null };

/** Field values to set; `null` removes an optional field. */
export type FieldChanges = Readonly<Record<string, unknown>>;

/** What a user (or the YAML editor, or a test) asks the model to do. */
export type Command =
  | {
      readonly type: 'add';
      readonly kind: ElementKind;
      readonly element: unknown;
      readonly layout?: NodeLayout;
    }
  | { readonly type: 'update'; readonly id: string; readonly changes: FieldChanges }
  | {
      readonly type: 'move';
      readonly id: string;
      readonly parent: string;
      readonly zones?: readonly string[];
    }
  | { readonly type: 'delete'; readonly ids: readonly string[] }
  | { readonly type: 'connect'; readonly dependency: unknown }
  | { readonly type: 'disconnect'; readonly id: string }
  | { readonly type: 'layout'; readonly entries: Readonly<Record<string, NodeLayout | null>> }
  | { readonly type: 'settings'; readonly changes: FieldChanges }
  | { readonly type: 'metadata'; readonly changes: FieldChanges }
  | { readonly type: 'batch'; readonly label: string; readonly commands: readonly Command[] }
  // The whole document replaced by another (an edit of its text, e.g. in the YAML editor): one undo step
  // that changes only the elements, positions and settings that differ.
  | { readonly type: 'replace'; readonly document: unknown; readonly label?: string }
  // Scenarios: save the design as a named variant, rename or annotate one, delete one, or switch the design
  // to one (the design's spec is first saved as a scenario when no scenario holds it, so nothing is lost).
  | { readonly type: 'saveScenario'; readonly name: string; readonly notes?: string; readonly id?: string }
  | { readonly type: 'updateScenario'; readonly id: string; readonly changes: FieldChanges }
  | { readonly type: 'deleteScenario'; readonly id: string }
  | { readonly type: 'switchScenario'; readonly id: string }
  // Replays recorded changes (an inverse). Elements are checked against the schema, but the result is not
  // checked for new integrity errors: it returns to a state the document already held.
  | {
      readonly type: 'restore';
      readonly code: string;
      readonly label: string;
      readonly changes: readonly Change[];
    };

/** Why a command was refused. */
export interface CommandError {
  readonly code: string;
  readonly message: string;
  /** The problems that made the result invalid, when the refusal came from the integrity check. */
  readonly problems?: readonly ModelProblem[];
}

export type CommandResult =
  | {
      readonly ok: true;
      readonly document: TopologyDocument;
      /** Running this command on `document` gives back the original document. */
      readonly inverse: Command;
      /** Stable identifier of what was done, e.g. `model.add`. */
      readonly code: string;
      /** What a user reads in the history, e.g. `Add node pool "api-spot"`. */
      readonly label: string;
    }
  | { readonly ok: false; readonly error: CommandError };

export interface CommandOptions {
  /** With a catalog, zone names are checked against it too. */
  readonly catalog?: CatalogFacts;
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems?: readonly ModelProblem[],
  ) {
    super(message);
  }
}

/** Where each kind may live, and what to tell a user who tries to put it elsewhere. */
export const CONTAINMENT: { readonly [K in ElementKind]: { parents: readonly ElementKind[]; rule: string } } =
  {
    region: {
      parents: [],
      rule: 'a region is a top-level element; it cannot be placed inside another element',
    },
    zone: { parents: ['region'], rule: 'an availability zone must be inside its region' },
    cluster: { parents: ['region'], rule: 'a cluster must be inside a region' },
    nodePool: { parents: ['cluster'], rule: 'a node pool must be inside a cluster' },
    fleet: {
      parents: ['region'],
      rule: 'a DPDK streaming fleet must be inside a region (it runs outside Kubernetes)',
    },
    workload: {
      parents: ['nodePool', 'cluster', 'fleet'],
      rule: 'a workload must be placed on a node pool, a cluster or a streaming fleet',
    },
    dependency: { parents: [], rule: 'a dependency connects two workloads; it has no container' },
  };

/** Whether `child` may be placed in `parent`; a reason a user can read when it may not. */
export function canContain(
  parentKind: ElementKind | undefined,
  childKind: ElementKind,
): { ok: true } | { ok: false; reason: string } {
  const rule = CONTAINMENT[childKind];
  if (parentKind && rule.parents.includes(parentKind)) return { ok: true };
  return { ok: false, reason: rule.rule };
}

/** Runs a command. Never throws for bad input: a refused command returns `ok: false` with the reason. */
export function executeCommand(
  doc: TopologyDocument,
  command: Command,
  options: CommandOptions = {},
): CommandResult {
  try {
    const draft = new Draft(doc);
    const { code, label } = compile(draft, command);
    if (draft.inverse.length === 0) {
      return { ok: true, document: doc, inverse: restore(code, label, []), code, label };
    }
    const next = draft.result();
    // A restore returns to a state the document already held (undo, redo), errors and all; checking it
    // for new errors would refuse to undo a command that had repaired one.
    // Scenario commands only copy, name and swap specs the document already holds (checked when they
    // entered it); a problem they move between the design and a scenario is not a new one.
    const introduced =
      command.type === 'restore' || SCENARIO_COMMANDS.has(command.type)
        ? []
        : newErrors(doc, next, options.catalog);
    if (introduced.length > 0) {
      throw new Refusal(
        'model.invalid-result',
        `${label}: refused because ${introduced.map((p) => `${formatPath(p.path)}: ${p.message}`).join('; ')}`,
        introduced,
      );
    }
    return {
      ok: true,
      document: next,
      inverse: restore(code, label, [...draft.inverse].reverse()),
      code,
      label,
    };
  } catch (error) {
    if (error instanceof Refusal) {
      return { ok: false, error: { code: error.code, message: error.message, problems: error.problems } };
    }
    throw error;
  }
}

const SCENARIO_COMMANDS: ReadonlySet<string> = new Set([
  'saveScenario',
  'updateScenario',
  'deleteScenario',
  'switchScenario',
]);

function restore(code: string, label: string, changes: readonly Change[]): Command {
  return { type: 'restore', code, label, changes };
}

/** The errors of each document checked, per catalog (and without one): a command's result is the next one's base. */
const integrityCache = new WeakMap<object, WeakMap<TopologyDocument, readonly ModelProblem[]>>();
const NO_CATALOG = {};

function errorsOf(doc: TopologyDocument, catalog?: CatalogFacts): readonly ModelProblem[] {
  const key = catalog ?? NO_CATALOG;
  let byDoc = integrityCache.get(key);
  if (!byDoc) integrityCache.set(key, (byDoc = new WeakMap()));
  let cached = byDoc.get(doc);
  if (!cached) {
    cached = checkIntegrity(doc, catalog).filter((p) => p.severity === 'error');
    byDoc.set(doc, cached);
  }
  return cached;
}

/** Errors in `next` that `previous` did not have (compared by code, element and message, not position). */
function newErrors(
  previous: TopologyDocument,
  next: TopologyDocument,
  catalog?: CatalogFacts,
): ModelProblem[] {
  const key = (p: ModelProblem) => `${p.code}\u0000${p.elementId ?? ''}\u0000${p.message}`;
  const before = new Set(errorsOf(previous, catalog).map(key));
  return errorsOf(next, catalog).filter((p) => !before.has(key(p)));
}

/** Copy-on-write working copy of a document that records the inverse of every change. */
class Draft {
  private lists = new Map<ElementListKey, Element[]>();
  private layoutNodes: Record<string, NodeLayout> | undefined;
  private settings: Settings | undefined;
  private metadata: Metadata | undefined;
  private spec: Spec | undefined;
  /** Undefined while untouched; null once the last scenario is gone. */
  private scenarios: readonly Scenario[] | null | undefined;
  readonly inverse: Change[] = [];
  private snapshot: TopologyDocument;

  constructor(private readonly base: TopologyDocument) {
    this.snapshot = base;
  }

  /** The document as it stands now (rebuilt lazily). */
  current(): TopologyDocument {
    return this.snapshot;
  }

  /** The kind's list as it stands, to read. */
  private peek(kind: ElementKind): readonly Element[] {
    const key = ELEMENT_KINDS[kind].list;
    return this.lists.get(key) ?? (this.snapshot.spec[key] as readonly Element[]);
  }

  /**
   * The kind's list, to change: copied on the first change only, so a change that sets what is already
   * there does not count as touching the spec (which keeps its identity for the views and the engines).
   */
  private writable(kind: ElementKind): Element[] {
    const key = ELEMENT_KINDS[kind].list;
    let list = this.lists.get(key);
    if (!list) {
      list = [...(this.snapshot.spec[key] as readonly Element[])];
      this.lists.set(key, list);
    }
    return list;
  }

  private position(list: readonly Element[], id: string): { found: boolean; index: number } {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareStrings(list[mid]!.id, id) < 0) low = mid + 1;
      else high = mid;
    }
    return { found: list[low]?.id === id, index: low };
  }

  apply(change: Change): void {
    switch (change.op) {
      case 'put': {
        const current = this.peek(change.kind);
        const { found, index } = this.position(current, change.element.id);
        if (found && sameData(current[index], change.element)) return;
        const list = this.writable(change.kind);
        if (found) {
          this.inverse.push({ op: 'put', kind: change.kind, element: list[index]! });
          list[index] = change.element;
        } else {
          this.inverse.push({ op: 'remove', kind: change.kind, id: change.element.id });
          list.splice(index, 0, change.element);
        }
        break;
      }
      case 'remove': {
        const { found, index } = this.position(this.peek(change.kind), change.id);
        if (!found) return;
        const list = this.writable(change.kind);
        this.inverse.push({ op: 'put', kind: change.kind, element: list[index]! });
        list.splice(index, 1);
        break;
      }
      case 'layout': {
        const nodes = (this.layoutNodes ??= { ...this.snapshot.layout.nodes });
        const old = Object.hasOwn(nodes, change.id) ? nodes[change.id]! : null;
        if (sameData(old, change.entry)) return;
        this.inverse.push({ op: 'layout', id: change.id, entry: old });
        if (change.entry) nodes[change.id] = change.entry;
        else Reflect.deleteProperty(nodes, change.id);
        break;
      }
      case 'settings':
        if (sameData(this.snapshot.spec.settings, change.value)) return;
        this.inverse.push({ op: 'settings', value: this.snapshot.spec.settings });
        this.settings = change.value;
        break;
      case 'metadata':
        if (sameData(this.snapshot.metadata, change.value)) return;
        this.inverse.push({ op: 'metadata', value: this.snapshot.metadata });
        this.metadata = change.value;
        break;
      case 'spec':
        if (sameData(this.snapshot.spec, change.value)) return;
        this.inverse.push({ op: 'spec', value: this.snapshot.spec });
        this.lists.clear();
        this.settings = undefined;
        this.spec = change.value;
        break;
      case 'scenarios': {
        const current = this.snapshot.scenarios ?? null;
        if (sameData(current, change.value)) return;
        this.inverse.push({ op: 'scenarios', value: current });
        this.scenarios = change.value;
        break;
      }
    }
    this.snapshot = this.build();
  }

  private build(): TopologyDocument {
    // A change of positions alone keeps the spec object: views and the engines' schedulers tell what
    // changed by identity.
    const touched = this.spec !== undefined || this.lists.size > 0 || this.settings !== undefined;
    const spec = touched ? { ...(this.spec ?? this.base.spec) } : this.base.spec;
    for (const [key, list] of this.lists) (spec as Record<string, unknown>)[key] = list.slice();
    if (this.settings) spec.settings = this.settings;
    const scenarios = this.scenarios === undefined ? this.base.scenarios : this.scenarios?.slice();
    return {
      ...this.base,
      metadata: this.metadata ?? this.base.metadata,
      spec,
      scenarios,
      layout: this.layoutNodes
        ? { ...this.base.layout, nodes: sortKeys(this.layoutNodes) }
        : this.base.layout,
    };
  }

  result(): TopologyDocument {
    return this.snapshot;
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compareStrings)) out[key] = record[key]!;
  return out;
}

function describe(kind: ElementKind, element: Element): string {
  return `${kindLabel(kind, element)} "${element.name ?? element.id}"`;
}

/** Validates an element against its kind's schema; refuses with every problem, located by field. */
function validateElement(kind: ElementKind, value: unknown, context: string): Element {
  const parsed = (ELEMENT_KINDS[kind].schema as z.ZodType<Element>).safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues
    .map(
      (issue) => `${issue.path.length ? formatPath(issue.path as PropertyKey[]) + ' ' : ''}${issue.message}`,
    )
    .join('; ');
  throw new Refusal('model.invalid-element', `${context}: ${details}`);
}

function requireId(id: unknown): string {
  if (typeof id !== 'string') throw new Refusal('model.bad-command', 'the command names no element id');
  return id;
}

function requireElement(doc: TopologyDocument, id: string): { kind: ElementKind; element: Element } {
  const found = findElement(doc, requireId(id));
  if (!found) throw new Refusal('model.not-found', `there is no element with id "${id}"`);
  return found;
}

/** Turns a command into changes on the draft; returns its code and label. */
function compile(draft: Draft, command: Command): { code: string; label: string } {
  const doc = draft.current();
  if (command === null || typeof command !== 'object')
    throw new Refusal('model.bad-command', 'a command must be an object with a type');
  switch (command.type) {
    case 'add': {
      if (!isElementKind(command.kind))
        throw new Refusal('model.bad-command', `unknown element kind "${String(command.kind)}"`);
      const label = `Add ${ELEMENT_KINDS[command.kind].label}`;
      const element = validateElement(command.kind, command.element, label);
      const existing = findElement(doc, element.id);
      if (existing) {
        throw new Refusal(
          'model.duplicate-id',
          `${label}: id "${element.id}" is already used by ${describe(existing.kind, existing.element)}`,
        );
      }
      draft.apply({ op: 'put', kind: command.kind, element });
      if (command.layout)
        draft.apply({ op: 'layout', id: element.id, entry: validateLayout(command.layout, element.id) });
      return { code: 'model.add', label: `Add ${describe(command.kind, element)}` };
    }
    case 'update': {
      const { kind, element } = requireElement(doc, command.id);
      const label = `Change ${describe(kind, element)}`;
      if (command.changes === null || typeof command.changes !== 'object') {
        throw new Refusal('model.bad-command', `${label}: no changes given`);
      }
      if ('id' in command.changes && command.changes.id !== element.id) {
        throw new Refusal(
          'model.id-immutable',
          `${label}: an element\u2019s id cannot change (it is what references use)`,
        );
      }
      const next = validateElement(kind, mergeFields(element, command.changes), label);
      draft.apply({ op: 'put', kind, element: next });
      return { code: 'model.update', label };
    }
    case 'move':
      return compileMove(draft, command.id, command.parent, command.zones);
    case 'delete': {
      if (!Array.isArray(command.ids) || command.ids.length === 0) {
        throw new Refusal('model.bad-command', 'Delete: no elements given');
      }
      const ids = [...new Set(command.ids)];
      for (const id of ids) requireElement(doc, id);
      const plan = planDeletion(doc, ids);
      for (const update of plan.updates)
        draft.apply({ op: 'put', kind: update.kind, element: update.element });
      for (const kind of [...KIND_ORDER].reverse()) {
        for (const id of plan.removed.get(kind) ?? []) {
          draft.apply({ op: 'remove', kind, id });
          // A scenario that still has the element keeps its position on the canvas.
          if (Object.hasOwn(doc.layout.nodes, id) && !inScenario(doc, id))
            draft.apply({ op: 'layout', id, entry: null });
        }
      }
      const first = requireElement(doc, ids[0]!);
      const label =
        ids.length === 1
          ? `Delete ${describe(first.kind, first.element)}`
          : `Delete ${plural(ids.length, 'element')}`;
      return { code: 'model.delete', label };
    }
    case 'connect': {
      const dependency = validateElement('dependency', command.dependency, 'Connect');
      const existing = findElement(doc, dependency.id);
      if (existing) {
        throw new Refusal(
          'model.duplicate-id',
          `Connect: id "${dependency.id}" is already used by ${describe(existing.kind, existing.element)}`,
        );
      }
      draft.apply({ op: 'put', kind: 'dependency', element: dependency });
      return { code: 'model.connect', label: `Connect ${dependency.from} \u2192 ${dependency.to}` };
    }
    case 'disconnect': {
      const dependency = getElement(doc, 'dependency', requireId(command.id));
      if (!dependency) throw new Refusal('model.not-found', `there is no dependency with id "${command.id}"`);
      draft.apply({ op: 'remove', kind: 'dependency', id: dependency.id });
      if (Object.hasOwn(doc.layout.nodes, dependency.id))
        draft.apply({ op: 'layout', id: dependency.id, entry: null });
      return { code: 'model.disconnect', label: `Disconnect ${dependency.from} \u2192 ${dependency.to}` };
    }
    case 'layout': {
      const ids = Object.keys(command.entries ?? {}).sort(compareStrings);
      for (const id of ids) {
        const entry = command.entries[id];
        if (entry === null || entry === undefined) {
          draft.apply({ op: 'layout', id, entry: null });
          continue;
        }
        if (!findElement(draft.current(), id))
          throw new Refusal('model.not-found', `position of "${id}": there is no element with id "${id}"`);
        draft.apply({ op: 'layout', id, entry: validateLayout(entry, id) });
      }
      const label =
        ids.length === 1 ? `Move "${ids[0]}" on the canvas` : `Arrange ${plural(ids.length, 'element')}`;
      return { code: 'layout.set', label };
    }
    case 'settings': {
      const parsed = SettingsSchema.safeParse(mergeFields(doc.spec.settings, command.changes ?? {}));
      if (!parsed.success)
        throw new Refusal('model.invalid-settings', `Change assumptions: ${issuesText(parsed.error)}`);
      draft.apply({ op: 'settings', value: parsed.data });
      return { code: 'settings.update', label: 'Change assumptions' };
    }
    case 'metadata': {
      const parsed = MetadataSchema.safeParse(mergeFields(doc.metadata, command.changes ?? {}));
      if (!parsed.success)
        throw new Refusal('model.invalid-metadata', `Change document details: ${issuesText(parsed.error)}`);
      draft.apply({ op: 'metadata', value: parsed.data });
      return { code: 'metadata.update', label: 'Change document details' };
    }
    case 'batch': {
      if (!Array.isArray(command.commands) || typeof command.label !== 'string')
        throw new Refusal('model.bad-command', 'a batch needs a label and a list of commands');
      for (const inner of command.commands) {
        if (inner?.type === 'restore')
          throw new Refusal('model.bad-command', 'a batch cannot contain a restore');
        compile(draft, inner);
      }
      return { code: 'model.batch', label: command.label };
    }
    case 'restore':
      if (
        !Array.isArray(command.changes) ||
        typeof command.code !== 'string' ||
        typeof command.label !== 'string'
      )
        throw new Refusal('model.bad-command', 'a restore needs a code, a label and a list of changes');
      command.changes.forEach((change, i) => draft.apply(checkChange(change, i)));
      return { code: command.code, label: command.label };
    case 'saveScenario':
    case 'updateScenario':
    case 'deleteScenario':
    case 'switchScenario':
      return compileScenario(draft, command);
    case 'replace':
      return compileReplace(draft, command.document, command.label ?? 'Replace the document');
    default:
      throw new Refusal(
        'model.bad-command',
        `unknown command type "${String((command as { type: unknown }).type)}"`,
      );
  }
}

/** Replaces the draft's document by `value` as element, position, settings and metadata changes. */
function compileReplace(draft: Draft, value: unknown, label: string): { code: string; label: string } {
  const parsed = documentSchema().safeParse(value);
  if (!parsed.success) throw new Refusal('model.invalid-document', `${label}: ${issuesText(parsed.error)}`);
  const next = parsed.data;
  const doc = draft.current();
  const extensions = (record: object) => Object.entries(record).filter(([key]) => isExtensionKey(key));
  if (
    !sameData(extensions(doc), extensions(next)) ||
    !sameData(extensions(doc.spec), extensions(next.spec)) ||
    !sameData(extensions(doc.layout), extensions(next.layout))
  ) {
    throw new Refusal(
      'model.unsupported-change',
      `${label}: the extension keys (x-…) of the document, its spec or its layout cannot be changed here`,
    );
  }
  for (const kind of KIND_ORDER) {
    const key = ELEMENT_KINDS[kind].list;
    const before = doc.spec[key] as readonly Element[];
    const after = next.spec[key] as readonly Element[];
    const kept = new Set(after.map((element) => element.id));
    for (const element of before)
      if (!kept.has(element.id)) draft.apply({ op: 'remove', kind, id: element.id });
  }
  for (const kind of KIND_ORDER) {
    for (const element of next.spec[ELEMENT_KINDS[kind].list] as readonly Element[]) {
      draft.apply({ op: 'put', kind, element });
    }
  }
  draft.apply({ op: 'settings', value: next.spec.settings });
  draft.apply({ op: 'metadata', value: next.metadata });
  for (const id of new Set([...Object.keys(doc.layout.nodes), ...Object.keys(next.layout.nodes)])) {
    draft.apply({ op: 'layout', id, entry: next.layout.nodes[id] ?? null });
  }
  draft.apply({ op: 'scenarios', value: next.scenarios ?? null });
  return { code: 'model.replace', label };
}

/** A recorded change checked before it is replayed: a restore may come from anywhere (history, a test). */
function checkChange(change: unknown, position: number): Change {
  const c = (change ?? {}) as Record<string, unknown>;
  const kind = c.kind;
  switch (c.op) {
    case 'put':
      if (isElementKind(kind))
        return { op: 'put', kind, element: validateElement(kind, c.element, 'Restore') };
      break;
    case 'remove':
      if (isElementKind(kind) && typeof c.id === 'string') return { op: 'remove', kind, id: c.id };
      break;
    case 'layout':
      if (typeof c.id === 'string')
        return { op: 'layout', id: c.id, entry: c.entry === null ? null : validateLayout(c.entry, c.id) };
      break;
    case 'settings': {
      const parsed = SettingsSchema.safeParse(c.value);
      if (parsed.success) return { op: 'settings', value: parsed.data };
      break;
    }
    case 'metadata': {
      const parsed = MetadataSchema.safeParse(c.value);
      if (parsed.success) return { op: 'metadata', value: parsed.data };
      break;
    }
    case 'spec': {
      const parsed = SpecSchema.safeParse(c.value);
      if (parsed.success) return { op: 'spec', value: parsed.data };
      break;
    }
    case 'scenarios': {
      if (c.value === null) return { op: 'scenarios', value: null };
      const parsed = ScenarioListSchema.safeParse(c.value);
      if (parsed.success) return { op: 'scenarios', value: parsed.data };
      break;
    }
  }
  throw new Refusal('model.bad-command', `Restore: recorded change ${position + 1} is malformed`);
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? formatPath(i.path as PropertyKey[]) + ' ' : ''}${i.message}`)
    .join('; ');
}

function validateLayout(entry: unknown, id: string): NodeLayout {
  const parsed = parseNodeLayout(entry);
  if (!parsed.success)
    throw new Refusal('model.invalid-layout', `position of "${id}": ${issuesText(parsed.error)}`);
  return parsed.data;
}

/** Keys that would reach an object's prototype instead of setting a field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Shallow merge where `null` (or undefined) removes a field. */
function mergeFields<T extends object>(base: T, changes: FieldChanges): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (FORBIDDEN_KEYS.has(key)) throw new Refusal('model.bad-command', `"${key}" is not a field name`);
    if (value === null || value === undefined) Reflect.deleteProperty(out, key);
    else out[key] = value;
  }
  return out;
}

function compileMove(
  draft: Draft,
  id: string,
  parentId: string,
  zones: readonly string[] | undefined,
): { code: string; label: string } {
  const doc = draft.current();
  const { kind, element } = requireElement(doc, id);
  const parent = requireElement(doc, parentId);
  const label = `Move ${describe(kind, element)} into ${describe(parent.kind, parent.element)}`;
  const allowed = canContain(parent.kind, kind);
  if (!allowed.ok) throw new Refusal('model.containment', `${label}: ${allowed.reason}`);
  const changes: Record<string, unknown> = {};
  switch (kind) {
    case 'zone':
      changes.region = parentId;
      break;
    case 'cluster':
    case 'fleet':
      changes.region = parentId;
      if (zones) changes.zones = zones;
      break;
    case 'nodePool': {
      changes.cluster = parentId;
      if (zones) changes.zones = zones;
      for (const w of elementsOf(doc, 'workload')) {
        if (w.nodePool === id)
          draft.apply({ op: 'put', kind: 'workload', element: { ...w, cluster: parentId } });
      }
      break;
    }
    case 'workload': {
      if (parent.kind === 'nodePool') {
        changes.nodePool = parentId;
        changes.cluster = (parent.element as { cluster: string }).cluster;
        changes.fleet = null;
      } else if (parent.kind === 'cluster') {
        changes.cluster = parentId;
        changes.nodePool = null;
        changes.fleet = null;
      } else {
        changes.fleet = parentId;
        changes.cluster = null;
        changes.nodePool = null;
      }
      break;
    }
  }
  const next = validateElement(kind, mergeFields(element, changes), label);
  draft.apply({ op: 'put', kind, element: next });
  return { code: 'model.move', label };
}

const ScenarioListSchema = ScenarioSchema.array();

/** Whether some scenario of the document has an element with this id. */
function inScenario(doc: TopologyDocument, id: string): boolean {
  return (doc.scenarios ?? []).some((scenario) =>
    KIND_ORDER.some((kind) =>
      (scenario.spec[ELEMENT_KINDS[kind].list] as readonly Element[]).some((e) => e.id === id),
    ),
  );
}

type ScenarioCommand = Extract<
  Command,
  { type: 'saveScenario' | 'updateScenario' | 'deleteScenario' | 'switchScenario' }
>;

function requireScenario(doc: TopologyDocument, id: unknown): Scenario {
  const scenario = (doc.scenarios ?? []).find((s) => s.id === id);
  if (!scenario) throw new Refusal('model.not-found', `there is no scenario with id "${String(id)}"`);
  return scenario;
}

/** Validates a scenario's id, name and notes; the spec is the document's own (already valid) one. */
function validateScenario(value: Omit<Scenario, 'spec'>, spec: Spec, label: string): Scenario {
  const parsed = ScenarioSchema.safeParse({ ...value, spec: SpecSchema.parse({}) });
  if (!parsed.success) throw new Refusal('model.invalid-scenario', `${label}: ${issuesText(parsed.error)}`);
  return { ...parsed.data, spec };
}

/** The scenarios with one added or replaced, sorted by id. */
function withScenario(list: readonly Scenario[], scenario: Scenario): Scenario[] {
  return [...list.filter((s) => s.id !== scenario.id), scenario].sort((a, b) => compareStrings(a.id, b.id));
}

function compileScenario(draft: Draft, command: ScenarioCommand): { code: string; label: string } {
  const doc = draft.current();
  const list = doc.scenarios ?? [];
  switch (command.type) {
    case 'saveScenario': {
      const label = `Save scenario "${String(command.name)}"`;
      if (typeof command.name !== 'string') throw new Refusal('model.bad-command', 'a scenario needs a name');
      const id = command.id ?? uniqueScenarioId(doc, command.name);
      if (list.some((s) => s.id === id))
        throw new Refusal('model.duplicate-id', `${label}: scenario id "${id}" is already used`);
      const fields = {
        id,
        name: command.name,
        ...(command.notes !== undefined ? { notes: command.notes } : {}),
      };
      const scenario = validateScenario(fields, doc.spec, label);
      draft.apply({ op: 'scenarios', value: withScenario(list, scenario) });
      return { code: 'scenario.save', label };
    }
    case 'updateScenario': {
      const scenario = requireScenario(doc, command.id);
      const label = `Change scenario "${scenario.name}"`;
      if (command.changes === null || typeof command.changes !== 'object')
        throw new Refusal('model.bad-command', `${label}: no changes given`);
      for (const key of Object.keys(command.changes)) {
        if (key !== 'name' && key !== 'notes')
          throw new Refusal(
            'model.bad-command',
            `${label}: only the name and notes of a scenario can change`,
          );
      }
      const { spec, ...fields } = scenario;
      const next = validateScenario(
        mergeFields(fields, command.changes) as Omit<Scenario, 'spec'>,
        spec,
        label,
      );
      draft.apply({ op: 'scenarios', value: withScenario(list, next) });
      return { code: 'scenario.update', label };
    }
    case 'deleteScenario': {
      const scenario = requireScenario(doc, command.id);
      const rest = list.filter((s) => s.id !== scenario.id);
      draft.apply({ op: 'scenarios', value: rest.length > 0 ? rest : null });
      // Positions of elements that only this scenario had go with it.
      const after = draft.current();
      for (const kind of KIND_ORDER) {
        for (const element of scenario.spec[ELEMENT_KINDS[kind].list] as readonly Element[]) {
          const id = element.id;
          if (Object.hasOwn(after.layout.nodes, id) && !findElement(after, id) && !inScenario(after, id))
            draft.apply({ op: 'layout', id, entry: null });
        }
      }
      return { code: 'scenario.delete', label: `Delete scenario "${scenario.name}"` };
    }
    case 'switchScenario': {
      const scenario = requireScenario(doc, command.id);
      if (!list.some((s) => sameData(s.spec, doc.spec))) {
        const kept: Scenario = {
          id: uniqueScenarioId(doc, `before-${scenario.id}`),
          name: `Design before switching to "${scenario.name}"`.slice(0, 200),
          spec: doc.spec,
        };
        draft.apply({ op: 'scenarios', value: withScenario(list, kept) });
      }
      draft.apply({ op: 'spec', value: scenario.spec });
      return { code: 'scenario.switch', label: `Switch to scenario "${scenario.name}"` };
    }
  }
}

/** A scenario id not yet used in the document, derived from a name (`3-azs-70-spot`, `3-azs-70-spot-2`). */
export function uniqueScenarioId(doc: TopologyDocument, name: string): string {
  const used = new Set((doc.scenarios ?? []).map((s) => s.id));
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 55)
      .replace(/^-|-$/g, '') || 'scenario';
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** What deleting some elements takes with it. */
export interface DeletionPlan {
  /** Ids removed, by kind (the requested ones and everything inside or depending on them). */
  readonly removed: ReadonlyMap<ElementKind, readonly string[]>;
  /** Elements kept but changed (a deleted zone taken out of their zone lists). */
  readonly updates: readonly { kind: ElementKind; element: Element }[];
}

/**
 * Everything that goes when `ids` are deleted: a region's zones, clusters and fleets; a cluster's pools
 * and workloads; a pool's or fleet's workloads; a workload's dependencies; and a deleted zone is taken out
 * of every zone list (an element left with no zone goes too). The UI shows this before deleting.
 */
export function planDeletion(doc: TopologyDocument, ids: readonly string[]): DeletionPlan {
  const removed = new Set<string>();
  const queue = [...ids];
  const removedZones = new Set<string>();
  const pending = new Map<string, { kind: ElementKind; element: Element }>();
  const visit = (id: string) => {
    if (!removed.has(id)) {
      removed.add(id);
      queue.push(id);
    }
  };
  const take = (id: string) => {
    const found = findElement(doc, id);
    if (!found) return;
    const { kind } = found;
    if (kind === 'zone') removedZones.add(id);
    for (const childKind of KIND_ORDER) {
      for (const child of elementsOf(doc, childKind)) {
        if (removed.has(child.id)) continue;
        if (childKind === 'dependency') {
          const d = child as { from: string; to: string };
          if (d.from === id || d.to === id) visit(child.id);
          continue;
        }
        if (childKind === 'workload') {
          const w = child as Workload;
          if (w.cluster === id || w.nodePool === id || w.fleet === id) visit(child.id);
          continue;
        }
        const ref = child as { region?: string; cluster?: string };
        if (ref.region === id || ref.cluster === id) visit(child.id);
      }
    }
  };
  for (const id of ids) removed.add(id);
  while (queue.length) take(queue.shift()!);

  // Zones leave zone lists; an element left with none is removed (and takes its children).
  let changed = removedZones.size > 0;
  while (changed) {
    changed = false;
    for (const kind of ['cluster', 'nodePool', 'fleet'] as const) {
      for (const element of elementsOf(doc, kind)) {
        if (removed.has(element.id) || !element.zones) continue;
        const current =
          (pending.get(element.id)?.element as { zones?: string[] } | undefined)?.zones ?? element.zones;
        const kept = current.filter((z) => !removedZones.has(z));
        if (kept.length === current.length) continue;
        if (kept.length === 0) {
          pending.delete(element.id);
          removed.add(element.id);
          queue.push(element.id);
          while (queue.length) take(queue.shift()!);
          for (const id of removed) if (findElement(doc, id)?.kind === 'zone') removedZones.add(id);
          changed = true;
        } else pending.set(element.id, { kind, element: { ...element, zones: kept } as Element });
      }
    }
  }
  const byKind = new Map<ElementKind, string[]>();
  for (const id of removed) {
    const found = findElement(doc, id);
    if (!found) continue;
    const list = byKind.get(found.kind) ?? [];
    list.push(id);
    byKind.set(found.kind, list);
  }
  for (const list of byKind.values()) list.sort(compareStrings);
  const updates = [...pending.values()].filter((u) => !removed.has(u.element.id));
  updates.sort((a, b) => compareStrings(a.element.id, b.element.id));
  return { removed: byKind, updates };
}

/** A new id that is not yet used in the document, derived from `base` (`api`, `api-2`, `api-3`, ...). */
export function uniqueId(doc: TopologyDocument, base: string): string {
  const slug =
    base
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .slice(0, 55)
      .replace(/^-|-$/g, '') || 'element';
  if (!findElement(doc, slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!findElement(doc, candidate)) return candidate;
  }
}
