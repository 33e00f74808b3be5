// Autosave: two seconds after the last change of a document with unsaved changes, its text goes to the
// host (IndexedDB in the browser, a recovery file in Electron), so a crash loses at most two seconds.
import { saveDocument } from '../../shared/format/document-file';
import type { AppServices } from './services';

export const AUTOSAVE_DELAY_MS = 2000;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export function startAutosave(
  services: AppServices,
  options: { delayMs?: number; timers?: Timers } = {},
): () => void {
  const { store, host } = services;
  const delay = options.delayMs ?? AUTOSAVE_DELAY_MS;
  const timers = options.timers ?? realTimers;
  let pending: unknown;
  const flush = () => {
    pending = undefined;
    const { doc, file, dirty } = store.getState();
    if (!dirty) return;
    void host
      .autosave({
        key: file.key,
        name: file.name,
        ...(file.path ? { path: file.path } : {}),
        text: saveDocument(doc),
      })
      .then((result) => {
        if (!result.ok) store.getState().showToast({ kind: 'warning', message: result.error.message });
      });
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.revision === previous.revision) return;
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = state.dirty ? timers.setTimeout(flush, delay) : undefined;
  });
  return () => {
    unsubscribe();
    if (pending !== undefined) timers.clearTimeout(pending);
  };
}
