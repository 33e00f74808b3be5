// What flows between the host and the app besides file commands: menu items (command ids), files that
// arrive from outside, changes on disk, and the title and unsaved state of the window.
import { confirmDiscard, openRecent, openText } from '../commands/file-ops';
import type { AppServices } from './services';
import { isTypingTarget } from './shortcuts';

export const APP_NAME = 'Topology Designer';

export function windowTitle(fileName: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${fileName} — ${APP_NAME}`;
}

/** Edit commands a text field performs itself (macOS sends menu shortcuts even while one has focus). */
const NATIVE_EDITING: Readonly<Record<string, string>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.selectAll': 'selectAll',
  'edit.delete': 'delete',
};

/** Prefix of the menu command that reopens a recent file: `file.openRecent:<path>`. */
export const OPEN_RECENT = 'file.openRecent:';

/** Runs a command id sent by a menu of the host. */
export async function runMenuCommand(services: AppServices, id: string): Promise<void> {
  const { registry, store } = services;
  const native = NATIVE_EDITING[id];
  if (native && typeof document !== 'undefined' && isTypingTarget(document.activeElement)) {
    // execCommand is the one way to ask a text field to undo or select its own text.
    document.execCommand(native);
    return;
  }
  if (id.startsWith(OPEN_RECENT)) {
    await openRecent(services, id.slice(OPEN_RECENT.length));
    return;
  }
  if (!registry.get(id)) {
    store.getState().showToast({ kind: 'warning', message: `Unknown command "${id}"` });
    return;
  }
  await registry.run(id, services);
}

export function connectHost(services: AppServices): () => void {
  const { host, store } = services;
  const stopMenu = host.onMenuCommand((id) => void runMenuCommand(services, id));
  const stopOpen = host.onOpenFile(async (file) => {
    if (!(await confirmDiscard(services, `Open ${file.name}`))) return;
    const { text, ...info } = file;
    await openText(services, text, info);
  });
  const stopChanged = host.onFileChanged((change) => {
    const { file } = store.getState();
    if (change.path !== file.path || (file.mtimeMs !== undefined && change.mtimeMs <= file.mtimeMs)) return;
    store.getState().showToast({
      kind: 'warning',
      message: `${file.name} was changed on disk by another program. Saving will ask before overwriting it.`,
    });
  });
  let last = '';
  const sendState = () => {
    const { file, dirty } = store.getState();
    const key = `${file.name}\u0000${file.path ?? ''}\u0000${dirty}`;
    if (key === last) return;
    last = key;
    void host.setDocumentState({
      title: windowTitle(file.name, dirty),
      dirty,
      ...(file.path ? { path: file.path } : {}),
    });
  };
  sendState();
  const stopState = store.subscribe(sendState);
  return () => {
    stopMenu();
    stopOpen();
    stopChanged();
    stopState();
  };
}

/** Offers back work autosaved by a session that did not end cleanly. */
export async function offerRecoveries(services: AppServices): Promise<void> {
  const { host, dialogs, store } = services;
  const listed = await host.listRecoveries();
  if (!listed.ok || listed.value.length === 0) return;
  const recoveries = listed.value;
  const time = (ms: number) =>
    new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const chosen = await dialogs.choose({
    title: 'Recover unsaved work?',
    message:
      recoveries.length === 1
        ? 'The app did not close cleanly last time. This document had unsaved changes:'
        : 'The app did not close cleanly last time. These documents had unsaved changes:',
    choices: recoveries.map((r) => ({
      id: r.key,
      label: `Restore ${r.name}`,
      detail: `autosaved ${time(r.savedAtMs)}${r.path ? ` · ${r.path}` : ''}`,
    })),
    cancelLabel: recoveries.length === 1 ? 'Discard it' : 'Discard all',
  });
  if (chosen === null) {
    for (const r of recoveries) await host.discardRecovery(r.key);
    return;
  }
  const recovery = recoveries.find((r) => r.key === chosen);
  if (!recovery) return;
  const opened = await openText(
    services,
    recovery.text,
    { name: recovery.name, ...(recovery.path ? { path: recovery.path } : {}) },
    { dirty: true, key: recovery.key },
  );
  if (opened) store.getState().showToast({ kind: 'success', message: `Restored ${recovery.name}` });
}
