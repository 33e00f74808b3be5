// Which host the renderer talks to: the Electron preload exposes `window.topologyHost`; without it (the
// web build) the browser host stands in. Nothing else in the renderer knows which one it got.
import type { HostApi } from '../../shared/host/host-api';
import { createBrowserHost } from './browser-host';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge.exposeInMainWorld('topologyHost', ...)). */
    readonly topologyHost?: HostApi;
  }
}

export function pickHost(win: Pick<Window, 'topologyHost'> = window): HostApi {
  return win.topologyHost ?? createBrowserHost();
}
