// A host for tests: files, saves and autosaves in memory, every call recorded.
import { inspectBundleDirectory, writeBundleDirectory } from '../host/bundle-directory';
import type {
  BundleWriteRequest,
  ExportRequest,
  HostApi,
  OpenedFile,
  Recovery,
  SaveRequest,
  SavedFile,
} from '../../shared/host/host-api';
import type { MemoryDirectory } from './memory-directory';
import { createMemoryDirectory } from './memory-directory';

export interface FakeHost extends HostApi {
  /** What the next openFile answers (null: the user cancels). */
  nextOpen: OpenedFile | null;
  /** What the next saveFile answers; by default it saves to `/designs/<suggestedName>`. */
  nextSave: ((request: SaveRequest) => ReturnType<HostApi['saveFile']>) | undefined;
  readonly saves: SaveRequest[];
  /** Every export, in order; `nextExport` set to null makes the next one a cancel. */
  readonly exports: ExportRequest[];
  nextExport: null | undefined;
  /** The folder the next chooseBundleFolder picks (null: the user cancels); in memory, kept across calls. */
  bundleFolder: MemoryDirectory | null;
  /** Every bundle written, in order. */
  readonly bundleWrites: BundleWriteRequest[];
  /** Names of the PDFs printed. */
  readonly prints: string[];
  readonly autosaves: Map<string, { key: string; name: string; path?: string; text: string }>;
  recoveries: Recovery[];
  readonly discarded: string[];
  readonly states: { title: string; dirty: boolean; path?: string }[];
  /** Files the host can reopen from its recent list, by path. */
  readonly recent: Map<string, OpenedFile>;
  /** Sends a menu command as the Electron menu would. */
  menu(id: string): void;
  /** Delivers a file as if dropped on the window. */
  deliver(file: OpenedFile): void;
}

export function createFakeHost(): FakeHost {
  const menuListeners = new Set<(id: string) => void>();
  const openListeners = new Set<(file: OpenedFile) => void>();
  const host: FakeHost = {
    kind: 'browser',
    nextOpen: null,
    nextSave: undefined,
    saves: [],
    exports: [],
    nextExport: undefined,
    bundleFolder: createMemoryDirectory('infra'),
    bundleWrites: [],
    prints: [],
    autosaves: new Map(),
    recoveries: [],
    discarded: [],
    states: [],
    recent: new Map(),
    async openFile() {
      return { ok: true, value: host.nextOpen };
    },
    async openRecent(path) {
      const file = host.recent.get(path);
      return file
        ? { ok: true, value: file }
        : { ok: false, error: { code: 'file.not-found', message: `no ${path}` } };
    },
    async recentFiles() {
      return { ok: true, value: [] };
    },
    async saveFile(request) {
      host.saves.push(request);
      if (host.nextSave) return host.nextSave(request);
      const saved: SavedFile = {
        name: request.suggestedName,
        path: request.path ?? `/designs/${request.suggestedName}`,
        mtimeMs: 1000 + host.saves.length,
      };
      return { ok: true, value: saved };
    },
    async exportFile(request) {
      if (host.nextExport === null) {
        host.nextExport = undefined;
        return { ok: true, value: null };
      }
      host.exports.push(request);
      return { ok: true, value: { name: request.suggestedName, path: `/exports/${request.suggestedName}` } };
    },
    async chooseBundleFolder({ paths }) {
      const folder = host.bundleFolder;
      if (!folder) return { ok: true, value: null };
      const contents = await inspectBundleDirectory(folder, paths);
      return { ok: true, value: { folderId: folder.name, label: `/work/${folder.name}`, ...contents } };
    },
    async writeBundle(request) {
      host.bundleWrites.push(request);
      const folder = host.bundleFolder;
      if (!folder || folder.name !== request.folderId) {
        return { ok: false, error: { code: 'bundle.unknown-folder', message: 'Choose the folder again.' } };
      }
      try {
        const written = await writeBundleDirectory(folder, request.files);
        return { ok: true, value: { label: `/work/${folder.name}`, ...written } };
      } catch (error) {
        return { ok: false, error: { code: 'bundle.refused', message: (error as Error).message } };
      }
    },
    async printToPdf(request) {
      host.prints.push(request.suggestedName);
      return { ok: true, value: { name: request.suggestedName, path: `/exports/${request.suggestedName}` } };
    },
    async autosave(draft) {
      host.autosaves.set(draft.key, { ...draft });
      return { ok: true, value: undefined };
    },
    async listRecoveries() {
      return { ok: true, value: host.recoveries };
    },
    async discardRecovery(key) {
      host.discarded.push(key);
      host.recoveries = host.recoveries.filter((r) => r.key !== key);
      return { ok: true, value: undefined };
    },
    async setDocumentState(state) {
      host.states.push({ ...state });
      return { ok: true, value: undefined };
    },
    async openExternal() {
      return { ok: true, value: undefined };
    },
    onMenuCommand(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    onOpenFile(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    onFileChanged() {
      return () => {};
    },
    menu(id) {
      for (const listener of menuListeners) listener(id);
    },
    deliver(file) {
      for (const listener of openListeners) listener(file);
    },
  };
  return host;
}
