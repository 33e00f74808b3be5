// The run-time constants of the IPC contract the preload needs, kept apart from contract.ts so that the
// preload bundle does not carry zod and the request schemas (main validates; the preload only forwards).
import type { EventChannel, HostApi, InvokeChannel } from './contract';

/** Name under which the preload exposes the host API in the renderer: `window.topologyHost`. */
export const HOST_API_GLOBAL = 'topologyHost';

/** Which channel each HostApi member uses (the preload implements HostApi with exactly these). */
export const HOST_API_CHANNELS = {
  openFile: 'file:open',
  openRecent: 'file:open-recent',
  recentFiles: 'file:recent',
  saveFile: 'file:save',
  exportFile: 'export:save',
  printToPdf: 'export:print-pdf',
  chooseBundleFolder: 'bundle:choose-folder',
  writeBundle: 'bundle:write',
  autosave: 'recovery:autosave',
  listRecoveries: 'recovery:list',
  discardRecovery: 'recovery:discard',
  setDocumentState: 'window:document-state',
  openExternal: 'shell:open-external',
  onMenuCommand: 'menu:command',
  onOpenFile: 'file:opened',
  onFileChanged: 'file:changed',
} as const satisfies Record<Exclude<keyof HostApi, 'kind'>, InvokeChannel | EventChannel>;

/** Stable error codes of the IPC layer itself (the file service has its own `file.*` codes). */
export const IPC_ERRORS = {
  unknownChannel: 'ipc.unknown-channel',
  untrustedSender: 'ipc.untrusted-sender',
  invalidPayload: 'ipc.invalid-payload',
  internal: 'ipc.internal-error',
  /** The preload could not reach main at all (no handler, main gone). */
  failed: 'ipc.failed',
} as const;
