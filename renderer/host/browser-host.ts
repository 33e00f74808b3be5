// The host API in a plain browser (`npm run start:web`): files through the File System Access API when
// the browser has it (handles kept in memory by id so Save writes back to the same file), else a file
// input and a download; autosave to IndexedDB; recent files in localStorage.
//
// Recovery: every app session registers itself in localStorage and marks itself ended when the page goes
// away. Drafts written by a session that did not end (a crash, a killed tab) are offered back; sessions
// still running in another tab hold a Web Lock, so their drafts are left alone.
import type {
  BundleFolder,
  ExportedFile,
  HostApi,
  HostResult,
  OpenedFile,
  Recovery,
  SavedFile,
  WrittenBundle,
} from '../../shared/host/host-api';
import type { BundleDirectoryHandle } from './bundle-directory';
import type { DraftStore } from './draft-store';
import { createIndexedDbDraftStore, createMemoryDraftStore } from './draft-store';

/** Largest file the browser host reads, as the loader's default limit. */
/**
 * The folder writer, loaded when a bundle is first exported into a folder: it brings the export pipeline's
 * bundle rules, which the app does not otherwise need until the export dialog opens.
 */
const bundleDirectory = () => import('./bundle-directory');

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const SESSIONS_KEY = 'topology-designer.sessions';
const RECENT_KEY = 'topology-designer.recent';
const MAX_RECENT = 10;
/** Session records older than this are forgotten. */
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** The parts of the File System Access API the host uses (not yet in TypeScript's DOM library). */
export interface FileHandle {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}

interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}

export interface FileSystemAccess {
  showOpenFilePicker(options: { types: PickerType[]; multiple: false }): Promise<FileHandle[]>;
  showSaveFilePicker(options: { suggestedName: string; types: PickerType[] }): Promise<FileHandle>;
  /** Chromium's folder picker; absent in browsers that cannot write into folders. */
  showDirectoryPicker?(options: { id: string; mode: 'readwrite' }): Promise<BundleDirectoryHandle>;
}

/** What the browser host needs from the page; injected so its logic is tested with fakes. */
export interface BrowserEnvironment {
  readonly fileSystem?: FileSystemAccess;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly drafts: DraftStore;
  readonly now: () => number;
  readonly newId: () => string;
  /** Asks for a file with an `<input type=file>`; null when the user cancels. */
  readonly pickFile: () => Promise<File | null>;
  /** Offers text or bytes as a download. */
  readonly download: (name: string, data: string | Uint8Array, mimeType?: string) => void;
  /** Opens the browser's print dialog (where "Save as PDF" lives). */
  readonly print: () => void;
  readonly setTitle: (title: string) => void;
  readonly openWindow: (url: string) => void;
  /** Calls back when the page goes away (a clean end of the session). */
  readonly onPageHide: (listener: () => void) => void;
  /** Calls back before the page unloads; returning true asks the user to confirm leaving. */
  readonly onBeforeUnload: (listener: () => boolean) => void;
  /** Calls back with files dropped on the window. */
  readonly onFileDrop: (listener: (file: File) => void) => () => void;
  /** Keeps this session marked as alive while the page lives (a Web Lock). */
  readonly holdSessionLock: (sessionId: string) => void;
  /** Ids of sessions alive in other tabs; undefined when the browser cannot tell. */
  readonly liveSessions: () => Promise<ReadonlySet<string> | undefined>;
}

interface SessionRecord {
  readonly startedAtMs: number;
  readonly ended: boolean;
}

const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });
const fail = <T>(code: string, message: string): HostResult<T> => ({ ok: false, error: { code, message } });

const TOPOLOGY_TYPES: PickerType[] = [
  { description: 'Topology (.topo.yaml)', accept: { 'application/yaml': ['.yaml', '.yml'] } },
];

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface BrowserHost extends HostApi {
  readonly kind: 'browser';
  /** This page's session id. */
  readonly sessionId: string;
}

export function createBrowserHost(overrides: Partial<BrowserEnvironment> = {}): BrowserHost {
  const env: BrowserEnvironment = { ...defaultEnvironment(), ...overrides };
  const sessionId = env.newId();
  const handles = new Map<string, FileHandle>();
  const folders = new Map<string, BundleDirectoryHandle>();
  let dirty = false;
  const openListeners = new Set<(file: OpenedFile) => void>();

  const readSessions = (): Record<string, SessionRecord> => {
    try {
      const parsed: unknown = JSON.parse(env.storage.getItem(SESSIONS_KEY) ?? '{}');
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, SessionRecord>) : {};
    } catch {
      return {};
    }
  };
  const writeSessions = (sessions: Record<string, SessionRecord>) => {
    try {
      env.storage.setItem(SESSIONS_KEY, JSON.stringify(sessions));
    } catch {
      // Storage full or refused: recovery then offers drafts of every other session, which is safe.
    }
  };
  const updateSession = (record: SessionRecord) => {
    const now = env.now();
    const kept = Object.entries(readSessions()).filter(
      ([, other]) => now - other.startedAtMs <= SESSION_TTL_MS,
    );
    writeSessions({ ...Object.fromEntries(kept), [sessionId]: record });
  };
  const started = env.now();
  updateSession({ startedAtMs: started, ended: false });
  env.holdSessionLock(sessionId);
  env.onPageHide(() => updateSession({ startedAtMs: started, ended: true }));
  env.onBeforeUnload(() => dirty);

  const readRecent = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(env.storage.getItem(RECENT_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  };
  const addRecent = (name: string) => {
    const list = [name, ...readRecent().filter((item) => item !== name)].slice(0, MAX_RECENT);
    try {
      env.storage.setItem(RECENT_KEY, JSON.stringify(list));
    } catch {
      // Recent files are a convenience.
    }
  };

  const readFile = async (file: File, handleId?: string): Promise<HostResult<OpenedFile>> => {
    if (file.size > MAX_FILE_BYTES) {
      return fail('file.too-large', `${file.name} is larger than 10 MiB; a topology file is far smaller`);
    }
    const text = await file.text();
    addRecent(file.name);
    return ok({
      name: file.name,
      text,
      mtimeMs: file.lastModified,
      ...(handleId !== undefined ? { handleId } : {}),
    });
  };

  const readHandle = async (handleId: string): Promise<HostResult<OpenedFile>> => {
    const handle = handles.get(handleId)!;
    try {
      return await readFile(await handle.getFile(), handleId);
    } catch (error) {
      return fail('file.unreadable', `${handle.name} could not be read: ${messageOf(error)}`);
    }
  };

  const host: BrowserHost = {
    kind: 'browser',
    sessionId,

    async openFile() {
      try {
        if (env.fileSystem) {
          const [handle] = await env.fileSystem.showOpenFilePicker({
            types: TOPOLOGY_TYPES,
            multiple: false,
          });
          if (!handle) return ok(null);
          const handleId = env.newId();
          handles.set(handleId, handle);
          return await readHandle(handleId);
        }
        const file = await env.pickFile();
        return file ? await readFile(file) : ok(null);
      } catch (error) {
        if (isAbort(error)) return ok(null);
        return fail('file.open-failed', `the file could not be opened: ${messageOf(error)}`);
      }
    },

    async openRecent(name) {
      for (const [handleId, handle] of handles) if (handle.name === name) return readHandle(handleId);
      return fail(
        'file.not-found',
        `the browser cannot reopen "${name}" by itself; use Open… to choose it again`,
      );
    },

    async recentFiles() {
      return ok(readRecent());
    },

    async saveFile(request) {
      try {
        let handleId = request.saveAs ? undefined : request.handleId;
        let handle = handleId === undefined ? undefined : handles.get(handleId);
        if (handle && request.expectedMtimeMs !== undefined && !request.overwrite) {
          const current = await handle.getFile();
          if (current.lastModified > request.expectedMtimeMs) {
            return fail<SavedFile | null>(
              'file.changed-on-disk',
              `${handle.name} was changed by someone else since it was opened`,
            );
          }
        }
        if (!handle) {
          if (!env.fileSystem) {
            env.download(request.suggestedName, request.text);
            return ok<SavedFile | null>({ name: request.suggestedName });
          }
          handle = await env.fileSystem.showSaveFilePicker({
            suggestedName: request.suggestedName,
            types: TOPOLOGY_TYPES,
          });
          handleId = env.newId();
          handles.set(handleId, handle);
        }
        const writable = await handle.createWritable();
        await writable.write(request.text);
        await writable.close();
        const written = await handle.getFile();
        addRecent(handle.name);
        return ok<SavedFile | null>({ name: handle.name, handleId, mtimeMs: written.lastModified });
      } catch (error) {
        if (isAbort(error)) return ok<SavedFile | null>(null);
        if (error instanceof Error && error.name === 'NotAllowedError') {
          return fail<SavedFile | null>(
            'file.permission-denied',
            'the browser was not allowed to write the file',
          );
        }
        return fail<SavedFile | null>('file.save-failed', `the file could not be saved: ${messageOf(error)}`);
      }
    },

    async exportFile(request) {
      try {
        env.download(request.suggestedName, request.data, request.mimeType);
        return ok<ExportedFile | null>({ name: request.suggestedName });
      } catch (error) {
        return fail<ExportedFile | null>(
          'export.failed',
          `the export could not be saved: ${messageOf(error)}`,
        );
      }
    },

    async printToPdf() {
      try {
        env.print();
        return ok<ExportedFile | null>(null);
      } catch (error) {
        return fail<ExportedFile | null>('export.print-failed', `printing failed: ${messageOf(error)}`);
      }
    },

    async chooseBundleFolder({ paths }) {
      const picker = env.fileSystem?.showDirectoryPicker;
      if (!picker) {
        return fail<BundleFolder | null>(
          'bundle.no-folder-access',
          'This browser cannot write into a folder: use Save as .zip… instead, or export with the desktop app or `topo export`.',
        );
      }
      try {
        const folder = await picker.call(env.fileSystem, { id: 'topology-bundle', mode: 'readwrite' });
        const folderId = env.newId();
        folders.set(folderId, folder);
        const { inspectBundleDirectory } = await bundleDirectory();
        const contents = await inspectBundleDirectory(folder, paths);
        return ok<BundleFolder | null>({ folderId, label: folder.name, ...contents });
      } catch (error) {
        if (isAbort(error)) return ok<BundleFolder | null>(null);
        return fail<BundleFolder | null>(
          'bundle.read-failed',
          `the folder could not be read: ${messageOf(error)}`,
        );
      }
    },

    async writeBundle({ folderId, files }) {
      const folder = folders.get(folderId);
      if (!folder) {
        return fail<WrittenBundle>(
          'bundle.unknown-folder',
          'Choose the folder again: this page did not choose that one.',
        );
      }
      const { BundleRefusal, writeBundleDirectory } = await bundleDirectory();
      try {
        return ok<WrittenBundle>({ label: folder.name, ...(await writeBundleDirectory(folder, files)) });
      } catch (error) {
        if (error instanceof BundleRefusal) return fail<WrittenBundle>('bundle.refused', error.message);
        if (error instanceof Error && error.name === 'NotAllowedError') {
          return fail<WrittenBundle>(
            'bundle.permission-denied',
            'the browser was not allowed to write into the folder',
          );
        }
        return fail<WrittenBundle>(
          'bundle.write-failed',
          `the bundle could not be written completely: ${messageOf(error)}; export again to finish it`,
        );
      }
    },

    async autosave(draft) {
      try {
        await env.drafts.put({
          key: draft.key,
          name: draft.name,
          ...(draft.path !== undefined ? { path: draft.path } : {}),
          text: draft.text,
          savedAtMs: env.now(),
          sessionId,
        });
        return ok(undefined);
      } catch (error) {
        return fail('autosave.failed', `autosave failed: ${messageOf(error)}`);
      }
    },

    async listRecoveries() {
      try {
        const sessions = readSessions();
        const live = await env.liveSessions();
        const recoveries: Recovery[] = [];
        for (const draft of await env.drafts.all()) {
          if (draft.sessionId === sessionId) continue;
          const session = sessions[draft.sessionId];
          if (session?.ended) {
            // Left on purpose: the user closed the page (and was asked if there were changes).
            await env.drafts.delete(draft.key);
            continue;
          }
          if (live?.has(draft.sessionId)) continue;
          recoveries.push({
            key: draft.key,
            name: draft.name,
            ...(draft.path !== undefined ? { path: draft.path } : {}),
            text: draft.text,
            savedAtMs: draft.savedAtMs,
          });
        }
        recoveries.sort((a, b) => b.savedAtMs - a.savedAtMs);
        return ok(recoveries);
      } catch (error) {
        return fail('autosave.unreadable', `autosaved drafts could not be read: ${messageOf(error)}`);
      }
    },

    async discardRecovery(key) {
      try {
        await env.drafts.delete(key);
        return ok(undefined);
      } catch (error) {
        return fail('autosave.failed', `the draft could not be discarded: ${messageOf(error)}`);
      }
    },

    async setDocumentState(state) {
      dirty = state.dirty;
      env.setTitle(state.title);
      return ok(undefined);
    },

    async openExternal(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return fail('url.invalid', `"${url}" is not a link`);
      }
      if (parsed.protocol !== 'https:') return fail('url.refused', 'only https links are opened');
      env.openWindow(parsed.href);
      return ok(undefined);
    },

    onMenuCommand() {
      // A browser page has no application menu; shortcuts go through the command registry.
      return () => {};
    },

    onOpenFile(listener) {
      openListeners.add(listener);
      const stop =
        openListeners.size === 1
          ? env.onFileDrop(async (file) => {
              const result = await readFile(file);
              if (result.ok) for (const l of openListeners) l(result.value);
            })
          : undefined;
      return () => {
        openListeners.delete(listener);
        stop?.();
      };
    },

    onFileChanged() {
      // The browser cannot watch files.
      return () => {};
    },
  };
  return host;
}

/** The real page: File System Access when present, IndexedDB, localStorage, Web Locks. */
function defaultEnvironment(): BrowserEnvironment {
  const win = globalThis as unknown as Partial<FileSystemAccess> & Window;
  const hasFileSystem =
    typeof win.showOpenFilePicker === 'function' && typeof win.showSaveFilePicker === 'function';
  const memoryStorage = new Map<string, string>();
  const storage: Pick<Storage, 'getItem' | 'setItem'> =
    typeof localStorage !== 'undefined'
      ? localStorage
      : { getItem: (k) => memoryStorage.get(k) ?? null, setItem: (k, v) => void memoryStorage.set(k, v) };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return {
    ...(hasFileSystem
      ? {
          fileSystem: {
            showOpenFilePicker: (options) => win.showOpenFilePicker!(options),
            showSaveFilePicker: (options) => win.showSaveFilePicker!(options),
            ...(typeof win.showDirectoryPicker === 'function'
              ? { showDirectoryPicker: (options) => win.showDirectoryPicker!(options) }
              : {}),
          },
        }
      : {}),
    storage,
    drafts: typeof indexedDB !== 'undefined' ? createIndexedDbDraftStore() : createMemoryDraftStore(),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    pickFile: () =>
      new Promise<File | null>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = '.yaml,.yml';
        input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
        input.addEventListener('cancel', () => resolve(null), { once: true });
        input.click();
      }),
    download: (name, data, mimeType = 'application/yaml') => {
      const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
      const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    print: () => window.print(),
    setTitle: (title) => {
      document.title = title;
    },
    openWindow: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
    onPageHide: (listener) => window.addEventListener('pagehide', listener),
    onBeforeUnload: (listener) =>
      window.addEventListener('beforeunload', (event) => {
        if (listener()) event.preventDefault();
      }),
    onFileDrop: (listener) => {
      const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
      const over = (event: DragEvent) => {
        if (hasFiles(event)) event.preventDefault();
      };
      const drop = (event: DragEvent) => {
        const file = event.dataTransfer?.files[0];
        if (!hasFiles(event) || !file) return;
        event.preventDefault();
        listener(file);
      };
      window.addEventListener('dragover', over);
      window.addEventListener('drop', drop);
      return () => {
        window.removeEventListener('dragover', over);
        window.removeEventListener('drop', drop);
      };
    },
    holdSessionLock: (id) => {
      // The lock is held until the page goes away (the promise never settles).
      void locks?.request(`topology-designer.session.${id}`, () => new Promise<void>(() => {}));
    },
    liveSessions: async () => {
      if (!locks) return undefined;
      const state = await locks.query();
      const prefix = 'topology-designer.session.';
      return new Set(
        (state.held ?? []).flatMap((lock) =>
          lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [],
        ),
      );
    },
  };
}
