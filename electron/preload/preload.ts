// The preload: implements HostApi over the IPC contract and exposes it as `window.topologyHost`, one
// function per channel and nothing else (never ipcRenderer, never an IPC event object). It runs sandboxed,
// so it cannot require local modules: scripts/build-electron.ts bundles it to dist/electron/preload.cjs.
// It imports only `electron` and the contract (lint rule topo/layers).
//
// It also owns file drops: a file dropped anywhere on the window is sent to main as `file:drop` (its
// path, read with webUtils since File.path is gone) and comes back as `file:opened`. The page never sees
// those drops, so the renderer does not open a dropped file twice.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { HOST_API_CHANNELS, HOST_API_GLOBAL, IPC_ERRORS } from '../ipc/channels';
import type {
  EventPayloads,
  HostApi,
  InvokeChannel,
  InvokeRequest,
  InvokeResult,
  OpenedFile,
} from '../ipc/contract';

function invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResult<C>> {
  const call = request === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, request);
  return (call as Promise<InvokeResult<C>>).catch((error: unknown) => ({
    ok: false as const,
    error: { code: IPC_ERRORS.failed, message: error instanceof Error ? error.message : String(error) },
  }));
}

/** One ipcRenderer listener per event channel, fanned out to the page's listeners. */
function eventSource<C extends keyof EventPayloads>(channel: C, accept: (payload: unknown) => boolean) {
  const listeners = new Set<(payload: EventPayloads[C]) => void>();
  ipcRenderer.on(channel, (_event, payload: unknown) => {
    if (!accept(payload)) return;
    for (const listener of listeners) listener(payload as EventPayloads[C]);
  });
  return {
    get size() {
      return listeners.size;
    },
    subscribe(listener: (payload: EventPayloads[C]) => void): () => void {
      if (typeof listener !== 'function') return () => undefined;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const menuCommands = eventSource(HOST_API_CHANNELS.onMenuCommand, (payload) => typeof payload === 'string');
const fileChanges = eventSource(
  HOST_API_CHANNELS.onFileChanged,
  (payload) => isObject(payload) && typeof payload.path === 'string' && typeof payload.mtimeMs === 'number',
);
const isOpenedFile = (payload: unknown): payload is OpenedFile =>
  isObject(payload) && typeof payload.name === 'string' && typeof payload.text === 'string';
const openedFiles = eventSource(HOST_API_CHANNELS.onOpenFile, isOpenedFile);

// A file named on the command line may arrive before the page subscribes: keep it until someone listens.
const waitingFiles: OpenedFile[] = [];
ipcRenderer.on(HOST_API_CHANNELS.onOpenFile, (_event, payload: unknown) => {
  if (openedFiles.size === 0 && isOpenedFile(payload) && waitingFiles.length < 8) waitingFiles.push(payload);
});

const api: HostApi = {
  kind: 'electron',
  openFile: () => invoke('file:open', undefined),
  openRecent: (path) => invoke('file:open-recent', { path }),
  recentFiles: () => invoke('file:recent', undefined),
  saveFile: (request) => invoke('file:save', request),
  exportFile: (request) => invoke('export:save', request),
  printToPdf: (request) => invoke('export:print-pdf', request),
  chooseBundleFolder: (request) => invoke('bundle:choose-folder', request),
  writeBundle: (request) => invoke('bundle:write', request),
  autosave: (draft) => invoke('recovery:autosave', draft),
  listRecoveries: () => invoke('recovery:list', undefined),
  discardRecovery: (key) => invoke('recovery:discard', { key }),
  setDocumentState: (state) => invoke('window:document-state', state),
  openExternal: (url) => invoke('shell:open-external', { url }),
  onMenuCommand: (listener) => menuCommands.subscribe(listener),
  onOpenFile: (listener) => {
    const unsubscribe = openedFiles.subscribe(listener);
    const waiting = waitingFiles.splice(0);
    if (waiting.length > 0) queueMicrotask(() => waiting.forEach((file) => listener(file)));
    return unsubscribe;
  },
  onFileChanged: (listener) => fileChanges.subscribe(listener),
};

contextBridge.exposeInMainWorld(HOST_API_GLOBAL, Object.freeze(api));

// File drops: capture phase on the window, before any page handler.
const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;

window.addEventListener(
  'dragover',
  (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  },
  true,
);

window.addEventListener(
  'drop',
  (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.stopPropagation();
    const paths = Array.from(event.dataTransfer?.files ?? [])
      .slice(0, 16)
      .map((file) => webUtils.getPathForFile(file))
      .filter((path) => path !== '');
    if (paths.length > 0) void invoke('file:drop', { paths });
  },
  true,
);
