// Every command of the app, each defined once: id, title, keybinding, when it is enabled, and what it
// runs. The toolbar, the host's menus, shortcuts and the command palette reach them by id.
import { planDeletion } from '../../shared/model/commands';
import type { TopologyDocument } from '../../shared/model/schema';
import { ELEMENT_KINDS, KIND_ORDER, elementsOf, findElement, kindLabel } from '../../shared/model/elements';
import { plural } from '../../shared/util/text';
import { domainOfElement } from '../analysis/blast-domains';
import type { AppServices } from '../app/services';
import { computeGeometry } from '../canvas/geometry';
import { copyElements, parseClipboard, pasteCommand, serializeClipboard } from './clipboard';
import { newDocument, newFromTemplate, openFromHost, saveCurrent } from './file-ops';
import { exportPicture } from '../exports/picture-export';
import type { AppCommand, CommandRegistry } from './registry';
import type { TemplateInfo } from './templates';

type Command = AppCommand<AppServices>;

const state = (ctx: AppServices) => ctx.store.getState();
const hasSelection = (ctx: AppServices) => state(ctx).selection.length > 0;
const idle = (ctx: AppServices) => state(ctx).gesture === null;

/** The theme actually shown: an explicit choice, or what the system prefers. */
export function effectiveTheme(preference: 'system' | 'light' | 'dark'): 'light' | 'dark' {
  if (preference !== 'system') return preference;
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? 'dark' : 'light';
}

/** Deletes elements; when that takes more than them, says what else goes and asks first. */
export async function deleteElements(ctx: AppServices, ids: readonly string[]): Promise<void> {
  const doc = state(ctx).doc;
  const present = ids.filter((id) => findElement(doc, id));
  if (present.length === 0) return;
  const plan = planDeletion(doc, present);
  const asked = new Set(present);
  const details: string[] = [];
  for (const kind of KIND_ORDER) {
    const extra = (plan.removed.get(kind) ?? []).filter((id) => !asked.has(id));
    if (extra.length === 0) continue;
    const label = ELEMENT_KINDS[kind].label;
    const many = label.endsWith('y') ? `${label.slice(0, -1)}ies` : `${label}s`;
    details.push(`${plural(extra.length, label, many)}: ${extra.join(', ')}`);
  }
  if (plan.updates.length > 0) {
    details.push(`zones taken out of: ${plan.updates.map((update) => update.element.id).join(', ')}`);
  }
  if (details.length > 0) {
    const first = findElement(doc, present[0]!)!;
    const what =
      present.length === 1
        ? `${kindLabel(first.kind, first.element)} "${first.element.name ?? first.element.id}"`
        : plural(present.length, 'element');
    const confirmed = await ctx.dialogs.confirm({
      title: `Delete ${what}?`,
      message: `Deleting ${what} also removes what is inside it or depends on it:`,
      details,
      confirmLabel: 'Delete all',
      danger: true,
    });
    if (!confirmed) return;
  }
  const result = state(ctx).dispatch({ type: 'delete', ids: present });
  if (result.ok) state(ctx).setSelection([]);
}

/** Pastes clipboard text: into the selected container when the model allows it, else beside the original. */
export async function pasteText(ctx: AppServices, text: string | undefined): Promise<void> {
  return paste(ctx, text, false);
}

/** The clipboard text for the selection (undefined when nothing copyable is selected). */
export function copySelection(ctx: AppServices): string | undefined {
  const payload = copyElements(state(ctx).doc, state(ctx).selection);
  if (!payload) return undefined;
  state(ctx).showToast({ kind: 'info', message: `Copied ${plural(payload.elements.length, 'element')}` });
  return serializeClipboard(payload);
}

async function paste(ctx: AppServices, text: string | undefined, inPlace: boolean): Promise<void> {
  const payload = text === undefined ? undefined : parseClipboard(text);
  if (!payload) {
    state(ctx).showToast({ kind: 'info', message: 'The clipboard holds no topology elements to paste' });
    return;
  }
  const doc = state(ctx).doc;
  const selection = state(ctx).selection;
  const target = !inPlace && selection.length === 1 ? selection[0] : undefined;
  const planned = pasteCommand(doc, payload, target);
  if (!planned.ok) {
    state(ctx).showToast({ kind: 'error', message: `Cannot paste: ${planned.reason}` });
    return;
  }
  const result = state(ctx).dispatch(planned.command);
  if (result.ok) state(ctx).setSelection(planned.ids);
}

/** Every element drawn on the canvas: the nodes and the dependency edges. */
function selectableIds(ctx: AppServices): string[] {
  const doc = state(ctx).doc;
  return [...computeGeometry(doc).order, ...doc.spec.dependencies.map((d) => d.id)];
}

/**
 * Whether the document has anything drawn as a node (what Arrange moves). Checked on every store update
 * while a toolbar shows the command, so it does not build the canvas geometry.
 */
function hasNodes(doc: TopologyDocument): boolean {
  return KIND_ORDER.some((kind) => kind !== 'dependency' && elementsOf(doc, kind).length > 0);
}

export function registerAppCommands(
  registry: CommandRegistry<AppServices>,
  templates: readonly TemplateInfo[],
): void {
  const commands: Command[] = [
    {
      id: 'file.new',
      title: 'New Document',
      category: 'File',
      keybinding: 'Mod+Alt+N',
      when: idle,
      run: (ctx) => newDocument(ctx),
    },
    ...templates.map((template): Command => ({
      id: `file.newFromTemplate:${template.file}`,
      title: `New from Template: ${template.title}`,
      category: 'File',
      when: idle,
      run: (ctx) => newFromTemplate(ctx, template.file),
    })),
    {
      id: 'file.open',
      title: 'Open…',
      category: 'File',
      keybinding: 'Mod+O',
      when: idle,
      run: (ctx) => openFromHost(ctx),
    },
    {
      id: 'file.save',
      title: 'Save',
      category: 'File',
      keybinding: 'Mod+S',
      when: idle,
      run: async (ctx) => void (await saveCurrent(ctx, false)),
    },
    {
      id: 'file.saveAs',
      title: 'Save As…',
      category: 'File',
      keybinding: 'Mod+Shift+S',
      when: idle,
      run: async (ctx) => void (await saveCurrent(ctx, true)),
    },
    {
      id: 'edit.undo',
      title: 'Undo',
      category: 'Edit',
      keybinding: 'Mod+Z',
      when: (ctx) => idle(ctx) && state(ctx).undoStack.length > 0,
      run: (ctx) => {
        const result = state(ctx).undo();
        if (!result.ok && result.error.code !== 'history.empty')
          state(ctx).showToast({ kind: 'error', message: result.error.message });
      },
    },
    {
      id: 'edit.redo',
      title: 'Redo',
      category: 'Edit',
      keybinding: ['Mod+Shift+Z', 'Mod+Y'],
      when: (ctx) => idle(ctx) && state(ctx).redoStack.length > 0,
      run: (ctx) => {
        const result = state(ctx).redo();
        if (!result.ok && result.error.code !== 'history.empty')
          state(ctx).showToast({ kind: 'error', message: result.error.message });
      },
    },
    {
      id: 'edit.delete',
      title: 'Delete',
      category: 'Edit',
      keybinding: ['Delete', 'Backspace'],
      when: (ctx) => idle(ctx) && hasSelection(ctx),
      run: (ctx) => deleteElements(ctx, state(ctx).selection),
    },
    {
      id: 'edit.duplicate',
      title: 'Duplicate',
      category: 'Edit',
      keybinding: 'Mod+D',
      when: (ctx) => idle(ctx) && hasSelection(ctx),
      run: async (ctx) => {
        const payload = copyElements(state(ctx).doc, state(ctx).selection);
        if (payload) await paste(ctx, serializeClipboard(payload), true);
      },
    },
    {
      // Mod+C, Mod+X and Mod+V are left to the browser, which raises the DOM copy, cut and paste events
      // (app/clipboard-events.ts); the same happens for the native Edit menu roles in Electron.
      id: 'edit.copy',
      title: 'Copy',
      category: 'Edit',
      keybinding: 'Mod+C',
      when: hasSelection,
      run: async (ctx) => {
        const text = copySelection(ctx);
        if (text !== undefined) await ctx.clipboard.writeText(text);
      },
    },
    {
      id: 'edit.cut',
      title: 'Cut',
      category: 'Edit',
      keybinding: 'Mod+X',
      when: (ctx) => idle(ctx) && hasSelection(ctx),
      run: async (ctx) => {
        const text = copySelection(ctx);
        if (text === undefined) return;
        await ctx.clipboard.writeText(text);
        await deleteElements(ctx, state(ctx).selection);
      },
    },
    {
      id: 'edit.paste',
      title: 'Paste',
      category: 'Edit',
      keybinding: 'Mod+V',
      when: idle,
      run: async (ctx) => pasteText(ctx, await ctx.clipboard.readText()),
    },
    {
      id: 'edit.selectAll',
      title: 'Select All',
      category: 'Edit',
      keybinding: 'Mod+A',
      run: (ctx) => state(ctx).setSelection(selectableIds(ctx)),
    },
    {
      // Escape leaves blast-radius mode first, then clears the selection.
      id: 'edit.selectNone',
      title: 'Clear Selection',
      category: 'Edit',
      keybinding: 'Escape',
      hidden: true,
      run: (ctx) => {
        if (state(ctx).blastDomain !== null) state(ctx).setBlastDomain(null);
        else state(ctx).setSelection([]);
      },
    },
    {
      id: 'view.zoomToFit',
      title: 'Zoom to Fit',
      category: 'View',
      keybinding: ['Shift+1', 'Mod+0'],
      run: (ctx) => ctx.canvas.current?.fitView(),
    },
    {
      id: 'view.zoomIn',
      title: 'Zoom In',
      category: 'View',
      keybinding: ['Mod+=', 'Mod+Shift+='],
      run: (ctx) => ctx.canvas.current?.zoomIn(),
    },
    {
      id: 'view.zoomOut',
      title: 'Zoom Out',
      category: 'View',
      keybinding: 'Mod+-',
      run: (ctx) => ctx.canvas.current?.zoomOut(),
    },
    {
      id: 'view.toggleMinimap',
      title: 'Toggle Minimap',
      category: 'View',
      keybinding: 'Shift+M',
      run: (ctx) => state(ctx).togglePanel('minimap'),
    },
    {
      id: 'view.toggleProblems',
      title: 'Toggle Problems Panel',
      category: 'View',
      keybinding: 'Mod+Shift+M',
      run: (ctx) => state(ctx).togglePanel('problems'),
    },
    {
      id: 'blast.simulateSelection',
      title: 'Simulate Failure of the Selected Element',
      category: 'Blast Radius',
      when: (ctx) =>
        state(ctx).selection.length === 1 &&
        domainOfElement(state(ctx).doc, state(ctx).selection[0]!) !== undefined,
      run: (ctx) => {
        const domain = domainOfElement(state(ctx).doc, state(ctx).selection[0]!);
        if (domain) state(ctx).setBlastDomain(domain.id);
      },
    },
    {
      id: 'blast.clear',
      title: 'Leave Blast-Radius Mode',
      category: 'Blast Radius',
      when: (ctx) => state(ctx).blastDomain !== null,
      run: (ctx) => state(ctx).setBlastDomain(null),
    },
    {
      id: 'view.present',
      title: 'Present (Full Screen)',
      category: 'View',
      keybinding: 'F5',
      when: (ctx) => state(ctx).presenting === null,
      run: (ctx) => state(ctx).setPresenting(0),
    },
    {
      id: 'export.bundle',
      title: 'Export Deployable Bundle…',
      category: 'File',
      keybinding: 'Mod+Shift+E',
      when: (ctx) => state(ctx).presenting === null,
      run: (ctx) => state(ctx).setExporting(true),
    },
    {
      id: 'export.png',
      title: 'Export Picture as PNG',
      category: 'File',
      run: (ctx) => exportPicture(ctx, 'png', effectiveTheme(state(ctx).theme)),
    },
    {
      id: 'export.svg',
      title: 'Export Picture as SVG',
      category: 'File',
      run: (ctx) => exportPicture(ctx, 'svg', effectiveTheme(state(ctx).theme)),
    },
    {
      id: 'export.toggleLegend',
      title: 'Toggle the Cost Legend on Pictures',
      category: 'File',
      run: (ctx) => state(ctx).setPictureLegend(!state(ctx).pictureLegend),
    },
    {
      id: 'view.toggleTheme',
      title: 'Toggle Light/Dark Theme',
      category: 'View',
      run: (ctx) => state(ctx).setTheme(effectiveTheme(state(ctx).theme) === 'dark' ? 'light' : 'dark'),
    },
    {
      id: 'view.autoLayout',
      title: 'Arrange Automatically',
      category: 'View',
      keybinding: 'Mod+Shift+L',
      when: (ctx) => idle(ctx) && hasNodes(state(ctx).doc),
      run: async (ctx) => {
        const doc = state(ctx).doc;
        const entries = await ctx.layout(doc, 'all');
        // Positions given meanwhile (a file's missing ones, placed as it opened) are arranged over; an edit
        // of the design itself makes this arrangement stale.
        if (state(ctx).doc.spec !== doc.spec) return;
        const result = state(ctx).dispatch({
          type: 'batch',
          label: 'Arrange automatically',
          commands: [{ type: 'layout', entries }],
        });
        if (result.ok) ctx.canvas.current?.fitView();
      },
    },
    {
      id: 'view.commandPalette',
      title: 'Show All Commands',
      category: 'View',
      keybinding: ['Mod+Shift+P', 'Mod+K', 'F1'],
      hidden: true,
      run: (ctx) => state(ctx).setPanel('commandPalette', true),
    },
  ];
  for (const command of commands) registry.register(command);
}
