// Registers every invoke channel of the contract with ipcMain. Each message goes through the dispatcher
// of ipc-guard.ts (channel, sender frame, payload, then the handler, never a throw back); this file only
// reads who sent it off the Electron event.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../ipc/contract';
import type { IpcDispatcher, IpcSender } from './ipc-guard';

/**
 * The sender as the guard sees it: the frame's URL, and whether it is the main frame of the app window's
 * own web contents (not a subframe, not another window, not a frame that has navigated away and is gone).
 */
export function senderOf(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): IpcSender | null {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return null;
  const contents = window && !window.isDestroyed() ? window.webContents : undefined;
  const main = contents?.mainFrame;
  const isMainFrameOfAppWindow =
    contents !== undefined &&
    main !== undefined &&
    event.sender.id === contents.id &&
    frame.parent === null &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId;
  return { url: frame.url, isMainFrameOfAppWindow };
}

/** Handles every contract channel; returns a function that removes the handlers again. */
export function registerIpcHandlers(
  ipcMain: IpcMain,
  appWindow: () => BrowserWindow | undefined,
  dispatch: IpcDispatcher<BrowserWindow | undefined>,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const window = appWindow();
      return dispatch({ channel, sender: senderOf(event, window), args }, window);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
