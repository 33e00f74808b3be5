// Copy and paste of elements as text: YAML on the clipboard (JSON is read too), so a selection can be
// pasted into another document, another app window or a text editor. A copy takes the selected elements
// with everything inside them and the dependencies among them; a paste gives every element a new id
// (`uniqueId`), rewrites the references between them, and puts the top elements into the selected
// container when the model allows it (else back where they came from). One paste is one undo step.
import { parse, stringify } from 'yaml';
import type { Command } from '../../shared/model/commands';
import { canContain, uniqueId } from '../../shared/model/commands';
import type { Element, ElementKind } from '../../shared/model/elements';
import { KIND_ORDER, elementsOf, findElement, isElementKind, parentOf } from '../../shared/model/elements';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import { mapZones, zonesOfRegion } from '../canvas/reparent';

export const CLIPBOARD_FORMAT = 'topology-designer.dev/clipboard';

export interface ClipboardEntry {
  readonly kind: ElementKind;
  readonly element: Element;
  readonly layout?: NodeLayout;
}

export interface ClipboardPayload {
  readonly format: typeof CLIPBOARD_FORMAT;
  readonly elements: readonly ClipboardEntry[];
}

/** The system clipboard as the commands see it (injected: tests use an in-memory one). */
export interface ClipboardService {
  writeText(text: string): Promise<void>;
  readText(): Promise<string | undefined>;
}

/** The system clipboard, falling back to memory where the browser refuses access. */
export function createSystemClipboard(): ClipboardService {
  let memory: string | undefined;
  return {
    async writeText(text) {
      memory = text;
      try {
        await navigator.clipboard?.writeText(text);
      } catch {
        // Keep the in-memory copy: paste inside the app still works.
      }
    },
    async readText() {
      try {
        const text = await navigator.clipboard?.readText();
        if (text) return text;
      } catch {
        // Permission refused or no clipboard API.
      }
      return memory;
    },
  };
}

/** The elements inside an element (zones, clusters, pools, workloads...), recursively. */
function containedIds(doc: TopologyDocument, ids: ReadonlySet<string>): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const kind of KIND_ORDER) {
      if (kind === 'dependency') continue;
      for (const element of elementsOf(doc, kind)) {
        if (out.has(element.id)) continue;
        const parent = parentOf(kind, element);
        if (parent !== undefined && out.has(parent)) {
          out.add(element.id);
          grew = true;
        }
      }
    }
  }
  return out;
}

/** What copying `ids` puts on the clipboard; undefined when nothing copyable is selected. */
export function copyElements(doc: TopologyDocument, ids: readonly string[]): ClipboardPayload | undefined {
  const selected = new Set(ids.filter((id) => findElement(doc, id)));
  if (selected.size === 0) return undefined;
  const taken = containedIds(doc, selected);
  const elements: ClipboardEntry[] = [];
  for (const kind of KIND_ORDER) {
    for (const element of elementsOf(doc, kind)) {
      if (kind === 'dependency') {
        const d = element as { from: string; to: string };
        if (!taken.has(d.from) || !taken.has(d.to)) continue;
      } else if (!taken.has(element.id)) continue;
      const layout = doc.layout.nodes[element.id];
      elements.push({ kind, element, ...(layout ? { layout } : {}) });
    }
  }
  return { format: CLIPBOARD_FORMAT, elements };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return stringify(payload, { aliasDuplicateObjects: false });
}

/** Reads clipboard text; undefined when it is not a copy of elements. */
export function parseClipboard(text: string): ClipboardPayload | undefined {
  if (text.length > 5 * 1024 * 1024) return undefined;
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 0 });
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { format?: unknown; elements?: unknown };
  if (record.format !== CLIPBOARD_FORMAT || !Array.isArray(record.elements)) return undefined;
  const elements: ClipboardEntry[] = [];
  for (const entry of record.elements as unknown[]) {
    const e = entry as { kind?: unknown; element?: unknown; layout?: unknown } | null;
    if (!e || !isElementKind(e.kind) || typeof e.element !== 'object' || e.element === null) return undefined;
    if (typeof (e.element as { id?: unknown }).id !== 'string') return undefined;
    elements.push({
      kind: e.kind,
      element: e.element as Element,
      ...(e.layout && typeof e.layout === 'object' ? { layout: e.layout as NodeLayout } : {}),
    });
  }
  return { format: CLIPBOARD_FORMAT, elements };
}

export type PasteResult =
  | { readonly ok: true; readonly command: Command; readonly ids: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Offset of a pasted element that stays in its own container, so it does not hide the original. */
const PASTE_OFFSET = 32;

/**
 * The command that pastes `payload` into `doc`: new ids, references rewritten, top elements put into
 * `targetId` when the model allows it there. `ids` are the pasted top elements (to select).
 */
export function pasteCommand(
  doc: TopologyDocument,
  payload: ClipboardPayload,
  targetId: string | undefined,
): PasteResult {
  const entries = payload.elements.filter((entry) => entry.kind !== 'dependency');
  if (entries.length === 0) return { ok: false, reason: 'the clipboard holds no elements' };
  const copied = new Set(entries.map((entry) => entry.element.id));
  const target = targetId === undefined ? undefined : findElement(doc, targetId);

  // New ids for every element, unique in the document and among themselves.
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const entry of payload.elements) {
    // A copy of `web-2` is `web-3`, not `web-2-2`.
    const base = entry.element.id.replace(/-\d+$/, '') || entry.element.id;
    let id = uniqueId(doc, base);
    for (let n = 2; taken.has(id); n++) id = uniqueId(doc, `${base}-${n}`);
    taken.add(id);
    ids.set(entry.element.id, id);
  }
  const remap = (id: string) => ids.get(id) ?? id;

  const commands: Command[] = [];
  const roots: string[] = [];
  const zoneMaps = new Map<string, string[]>();
  const poolClusters = new Map<string, string>();
  for (const entry of entries) {
    const element = { ...(entry.element as unknown as Record<string, unknown>) };
    const oldParent = parentOf(entry.kind, entry.element);
    const isRoot = oldParent === undefined || !copied.has(oldParent);
    let parentId = oldParent === undefined ? undefined : remap(oldParent);
    let moved = false;
    if (isRoot && entry.kind !== 'region') {
      if (target && canContain(target.kind, entry.kind).ok) {
        moved = target.element.id !== oldParent;
        parentId = target.element.id;
      } else if (!oldParent || !findElement(doc, oldParent)) {
        const rule = canContain(target?.kind, entry.kind);
        return {
          ok: false,
          reason: rule.ok ? 'select a container to paste into' : `select where to paste: ${rule.reason}`,
        };
      }
    }
    element.id = remap(entry.element.id);
    switch (entry.kind) {
      case 'zone':
        element.region = parentId;
        break;
      case 'cluster':
      case 'fleet': {
        element.region = parentId;
        const zones = (entry.element as { zones: string[] }).zones;
        const regionZones = zonesOfRegion(doc, parentId!).map((zone) => zone.id);
        const next = moved && regionZones.length > 0 ? mapZones(doc, zones, regionZones) : zones.map(remap);
        element.zones = next;
        zoneMaps.set(element.id as string, next);
        break;
      }
      case 'nodePool': {
        element.cluster = parentId;
        poolClusters.set(element.id as string, parentId!);
        const zones = (entry.element as { zones?: string[] }).zones;
        if (zones) {
          const clusterZones =
            zoneMaps.get(parentId!) ??
            (findElement(doc, parentId!)?.element as { zones?: string[] } | undefined)?.zones ??
            [];
          const mine = zones.map(remap);
          element.zones = mine.every((z) => clusterZones.includes(z))
            ? mine
            : mapZones(doc, zones, clusterZones);
        }
        break;
      }
      case 'workload': {
        if (isRoot && moved) {
          delete element.cluster;
          delete element.nodePool;
          delete element.fleet;
          if (target!.kind === 'nodePool') {
            element.nodePool = parentId;
            element.cluster = (target!.element as { cluster: string }).cluster;
          } else if (target!.kind === 'cluster') element.cluster = parentId;
          else element.fleet = parentId;
        } else {
          for (const key of ['cluster', 'nodePool', 'fleet'] as const) {
            if (typeof element[key] === 'string') element[key] = remap(element[key] as string);
          }
          // A workload follows its pasted pool into whatever cluster the pool went to.
          const poolCluster = poolClusters.get(element.nodePool as string);
          if (poolCluster) element.cluster = poolCluster;
        }
        break;
      }
      default:
        break;
    }
    let layout = entry.layout;
    if (isRoot) {
      if (moved) layout = undefined;
      else if (layout) layout = { ...layout, x: layout.x + PASTE_OFFSET, y: layout.y + PASTE_OFFSET };
      roots.push(element.id as string);
    }
    commands.push({ type: 'add', kind: entry.kind, element, ...(layout ? { layout } : {}) });
  }
  for (const entry of payload.elements) {
    if (entry.kind !== 'dependency') continue;
    const d = entry.element as { from: string; to: string };
    commands.push({
      type: 'connect',
      dependency: { ...entry.element, id: remap(entry.element.id), from: remap(d.from), to: remap(d.to) },
    });
  }
  const label = roots.length === 1 ? `Paste "${roots[0]}"` : `Paste ${roots.length} elements`;
  return { ok: true, command: { type: 'batch', label, commands }, ids: roots };
}
