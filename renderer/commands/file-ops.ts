// Opening and saving documents: text from the host goes through the one loader (`loadDocument`), and
// saving writes the one format (`saveDocument`) through the host. Positions a file lacks are computed as
// it opens, silently (not an undo step, not an edit).
import { formatProblem, loadDocument, saveDocument } from '../../shared/format/document-file';
import type { OpenedFile } from '../../shared/host/host-api';
import { executeCommand } from '../../shared/model/commands';
import { findElement } from '../../shared/model/elements';
import type { NodeLayout, TopologyDocument } from '../../shared/model/schema';
import type { AppServices } from '../app/services';
import { placeBesidePositioned } from '../canvas/auto-layout';
import { UNTITLED_NAME, emptyDocument, untitledKey } from '../store/app-store';
import type { FileInfo } from '../store/document-slice';

/** The autosave key of a file: its path or browser handle, else a new untitled key. */
export function fileKey(services: AppServices, file: { path?: string; handleId?: string }): string {
  if (file.path) return file.path;
  if (file.handleId) return `handle:${file.handleId}`;
  return untitledKey({ host: services.host, catalog: services.catalog });
}

export interface OpenOptions {
  /** Open as unsaved work (a recovered draft). */
  readonly dirty?: boolean;
  /** Keep this autosave key (a recovered draft keeps its own). */
  readonly key?: string;
}

/** Loads text as the open document; shows why when it cannot. Returns whether it opened. */
export async function openText(
  services: AppServices,
  text: string,
  file: Omit<OpenedFile, 'text'>,
  options: OpenOptions = {},
): Promise<boolean> {
  const { store, catalog } = services;
  const result = loadDocument(text, { catalog, fileName: file.name });
  if (!result.ok) {
    const errors = result.problems.filter((problem) => problem.severity === 'error');
    store.getState().showToast({
      kind: 'error',
      message: `${file.name} could not be opened: ${errors.length} problem${errors.length === 1 ? '' : 's'}`,
      details: errors.slice(0, 5).map((problem) => formatProblem(file.name, problem)),
    });
    return false;
  }
  const info: FileInfo = {
    name: file.name,
    ...(file.path !== undefined ? { path: file.path } : {}),
    ...(file.handleId !== undefined ? { handleId: file.handleId } : {}),
    ...(file.mtimeMs !== undefined ? { mtimeMs: file.mtimeMs } : {}),
    key: options.key ?? fileKey(services, file),
  };
  // Elements the file gives no position beside elements it places are placed before the design is drawn, so
  // it is drawn once, where it stays (a second pass over a large design costs as much as the first); the view
  // moves to it before that first drawing. Containers without any position are arranged by ELK afterwards,
  // and the view frames the result again.
  const document = withPositions(result.document, placeBesidePositioned(result.document));
  const framed = services.canvas.current?.showWhole(document) ?? false;
  store.getState().loadDocument(document, info, { dirty: options.dirty, warnings: result.warnings });
  if (result.migrations.length > 0) {
    store.getState().showToast({
      kind: 'info',
      message: `${file.name} was written by an older version; it will be saved in the current format`,
    });
  }
  let placed = 0;
  try {
    placed = await arrangeMissing(services);
  } catch (error) {
    store.getState().showToast({
      kind: 'warning',
      message: `Some elements of ${file.name} have no position and could not be arranged; they are drawn where the canvas puts them`,
      details: [error instanceof Error ? error.message : String(error)],
    });
  }
  if (!framed || placed > 0) services.canvas.current?.fitView();
  return true;
}

/** The document with these layout entries (a new document; the same one when there are none or they are refused). */
function withPositions(doc: TopologyDocument, entries: Record<string, NodeLayout>): TopologyDocument {
  if (Object.keys(entries).length === 0) return doc;
  const placed = executeCommand(doc, { type: 'layout', entries });
  return placed.ok ? placed.document : doc;
}

/**
 * Gives positions to elements that have none (a template, a hand-written file), without an undo step;
 * resolves to how many it placed.
 */
export async function arrangeMissing(services: AppServices): Promise<number> {
  const { store } = services;
  const doc = store.getState().doc;
  const entries = await services.layout(doc, 'missing');
  // The user may have changed the document meanwhile: place only what still exists and has no position.
  const current = store.getState().doc;
  const keep: Record<string, NodeLayout> = {};
  for (const [id, entry] of Object.entries(entries)) {
    if (findElement(current, id) && !current.layout.nodes[id]) keep[id] = entry;
  }
  store.getState().applyLayoutSilently(keep);
  return Object.keys(keep).length;
}

/** Asks before unsaved changes are thrown away; true when there are none or the user agrees. */
export async function confirmDiscard(services: AppServices, action: string): Promise<boolean> {
  const { store, dialogs } = services;
  if (!store.getState().dirty) return true;
  return dialogs.confirm({
    title: 'Discard unsaved changes?',
    message: `${store.getState().file.name} has changes that are not saved. ${action} anyway?`,
    confirmLabel: 'Discard changes',
    danger: true,
  });
}

export async function newDocument(services: AppServices): Promise<void> {
  if (!(await confirmDiscard(services, 'Start a new document'))) return;
  services.store
    .getState()
    .loadDocument(emptyDocument(), { name: UNTITLED_NAME, key: fileKey(services, {}) });
}

export async function newFromTemplate(services: AppServices, file: string): Promise<void> {
  const template = services.templates.find((t) => t.file === file);
  if (!template) return;
  if (!(await confirmDiscard(services, `Open the template "${template.title}"`))) return;
  const text = await template.load();
  // A template opens as a new document: saving it asks where.
  await openText(services, text, { name: template.file });
}

export async function openFromHost(services: AppServices): Promise<void> {
  if (!(await confirmDiscard(services, 'Open another file'))) return;
  const result = await services.host.openFile();
  if (!result.ok) {
    services.store.getState().showToast({ kind: 'error', message: result.error.message });
    return;
  }
  if (!result.value) return;
  const { text, ...file } = result.value;
  await openText(services, text, file);
}

/** Reopens a file of the host's recent list. */
export async function openRecent(services: AppServices, path: string): Promise<void> {
  if (!(await confirmDiscard(services, `Open ${path}`))) return;
  const result = await services.host.openRecent(path);
  if (!result.ok) {
    services.store.getState().showToast({ kind: 'error', message: result.error.message });
    return;
  }
  const { text, ...file } = result.value;
  await openText(services, text, file);
}

/** Saves the document (asking where when it has no file yet, or for Save As). Returns whether it saved. */
export async function saveCurrent(services: AppServices, saveAs: boolean): Promise<boolean> {
  const { store, host } = services;
  const { doc, file } = store.getState();
  const text = saveDocument(doc);
  const request = {
    text,
    suggestedName: file.name,
    saveAs: saveAs || (!file.path && !file.handleId),
    ...(file.path !== undefined ? { path: file.path } : {}),
    ...(file.handleId !== undefined ? { handleId: file.handleId } : {}),
    ...(file.mtimeMs !== undefined ? { expectedMtimeMs: file.mtimeMs } : {}),
  };
  let result = await host.saveFile(request);
  if (!result.ok && result.error.code === 'file.changed-on-disk') {
    const overwrite = await services.dialogs.confirm({
      title: 'The file changed on disk',
      message: `${file.name} was changed by someone else since it was opened. Overwrite it with your version?`,
      confirmLabel: 'Overwrite',
      danger: true,
    });
    if (!overwrite) return false;
    result = await host.saveFile({ ...request, overwrite: true });
  }
  if (!result.ok) {
    store.getState().showToast({ kind: 'error', message: `Could not save: ${result.error.message}` });
    return false;
  }
  if (!result.value) return false;
  const saved = result.value;
  const hasLocation = saved.path !== undefined || saved.handleId !== undefined;
  const info: FileInfo = {
    name: saved.name,
    ...(saved.path !== undefined ? { path: saved.path } : {}),
    ...(saved.handleId !== undefined ? { handleId: saved.handleId } : {}),
    ...(saved.mtimeMs !== undefined ? { mtimeMs: saved.mtimeMs } : {}),
    key: hasLocation ? fileKey(services, saved) : file.key,
  };
  // The document may have changed while the host was writing; only what was written counts as saved.
  if (store.getState().doc === doc) store.getState().markSaved(info);
  else store.getState().setFile(info);
  await host.discardRecovery(file.key);
  if (info.key !== file.key) await host.discardRecovery(info.key);
  store.getState().showToast({ kind: 'success', message: `Saved ${saved.name}` });
  return true;
}
