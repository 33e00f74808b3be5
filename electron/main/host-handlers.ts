// The main-process side of every invoke channel: dialogs, the file service, the recent list, recovery,
// the window's document state, external links. It trusts nothing the renderer says about paths: it saves
// only over files the user chose in this run (dialog, recent list, command line, drop, OS) and otherwise
// asks with Save As; it reopens only files that are on the recent list.
import type { BrowserWindow } from 'electron';
import { app, dialog, shell } from 'electron';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { HostResult, OpenedFile, SavedFile, ValidRequest } from '../ipc/contract';
import { BundleFolders } from './bundle-service';
import { exportDialogOptions, writeExport } from './export-service';
import type { FileService, FileWatch } from './file-service';
import { FILE_ERRORS, hasSaveExtension, withSaveExtension } from './file-service';
import type { InvokeHandlers } from './ipc-guard';
import { fail } from './ipc-guard';
import type { RecentFiles } from './recent-files';
import type { RecoveryStore } from './recovery';
import { allowedExternalUrl } from './security';

export interface DocumentState {
  readonly title: string;
  readonly dirty: boolean;
  readonly path?: string;
}

export interface DesktopHostOptions {
  readonly files: FileService;
  readonly recent: RecentFiles;
  readonly recovery: RecoveryStore;
  readonly platform: NodeJS.Platform;
  /** The recent list changed (the menu shows it). */
  readonly onRecentChanged: (list: readonly string[]) => void;
  /** Logs what the user does not need to see. */
  readonly log: (message: string, cause?: unknown) => void;
}

const OPEN_FILTERS = [
  { name: 'Topology designs (.topo.yaml)', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];
// Dialog filters cannot express a double extension; the chosen name is fixed up by withSaveExtension.
const SAVE_FILTERS = [{ name: 'Topology design (.topo.yaml)', extensions: ['yaml'] }];

export class DesktopHost {
  private readonly granted = new Set<string>();
  private state: DocumentState = { title: '', dirty: false };
  private watch: { readonly path: string; readonly handle: FileWatch } | undefined;
  private closeAfterSave: (() => void) | undefined;
  private exportFolder: string | undefined;
  private bundleFolder: string | undefined;
  private readonly bundles = new BundleFolders();

  constructor(private readonly options: DesktopHostOptions) {}

  get documentState(): DocumentState {
    return this.state;
  }

  /** The handlers ipc-handlers.ts dispatches to; the window is the app window that sent the message. */
  readonly handlers: InvokeHandlers<BrowserWindow | undefined> = {
    'file:open': async (_request, window) => {
      const options = { properties: ['openFile' as const], filters: OPEN_FILTERS };
      const chosen = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      const file = chosen.canceled ? undefined : chosen.filePaths[0];
      if (!file) return { ok: true, value: null };
      return this.openPath(file, window);
    },

    'file:open-recent': async ({ path: file }, window) => {
      if (!(await this.options.recent.includes(file))) {
        return fail('file.not-recent', `“${path.basename(file)}” is not in the list of recent files.`);
      }
      const result = await this.openPath(file, window);
      if (!result.ok && result.error.code === FILE_ERRORS.notFound)
        await this.updateRecent((recent) => recent.remove(file));
      return result;
    },

    'file:recent': async () => ({ ok: true, value: await this.options.recent.list() }),

    'file:save': async (request, window) => {
      const result = await this.save(request, window);
      const then = this.closeAfterSave;
      this.closeAfterSave = undefined;
      if (then && result.ok && result.value) then();
      return result;
    },

    'export:save': async ({ suggestedName, data }, window) => {
      const target = await this.askExportPath(suggestedName, window);
      if (!target) return { ok: true, value: null };
      return writeExport(target, data);
    },

    'export:print-pdf': async ({ suggestedName }, window) => {
      if (!window || window.isDestroyed()) return fail('export.no-window', 'There is no window to print.');
      // Render first, so the dialog never waits on a page that then fails to print.
      const pdf = await window.webContents.printToPDF({
        printBackground: true,
        landscape: true,
        pageSize: 'A4',
        generateDocumentOutline: true,
      });
      const target = await this.askExportPath(suggestedName, window);
      if (!target) return { ok: true, value: null };
      return writeExport(target, new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },

    'bundle:choose-folder': async ({ paths }, window) => {
      const options = {
        title: 'Export bundle into folder',
        buttonLabel: 'Choose',
        defaultPath: this.bundleFolder ?? app.getPath('documents'),
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const chosen = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      const folder = chosen.canceled ? undefined : chosen.filePaths[0];
      if (!folder) return { ok: true, value: null };
      this.bundleFolder = folder;
      return this.bundles.choose(folder, paths);
    },

    'bundle:write': async ({ folderId, files }) => this.bundles.write(folderId, files),

    'file:drop': async ({ paths }, window) => {
      await this.openFromOutside(paths, window);
      return { ok: true, value: undefined };
    },

    'recovery:autosave': (draft) => this.options.recovery.autosave(draft),
    'recovery:list': () => this.options.recovery.list(),
    'recovery:discard': ({ key }) => this.options.recovery.discard(key),

    'window:document-state': async (state, window) => {
      this.state = state;
      if (window && !window.isDestroyed()) {
        window.setTitle(state.title.trim() === '' ? app.getName() : `${state.title} — ${app.getName()}`);
        if (this.options.platform === 'darwin') {
          window.setDocumentEdited(state.dirty);
          window.setRepresentedFilename(state.path && this.granted.has(state.path) ? state.path : '');
        }
      }
      this.follow(state.path && this.granted.has(state.path) ? state.path : undefined, window);
      return { ok: true, value: undefined };
    },

    'shell:open-external': async ({ url }) => {
      const allowed = allowedExternalUrl(url);
      if (!allowed) return fail('shell.url-refused', 'Only https links open in the browser.');
      await shell.openExternal(allowed);
      return { ok: true, value: undefined };
    },
  };

  /**
   * Files from outside the renderer (command line, second instance, macOS open-file, drop): the first one
   * that opens goes to the renderer as `file:opened`; a failure is shown in a dialog.
   */
  async openFromOutside(paths: readonly string[], window: BrowserWindow | undefined): Promise<void> {
    const file = paths[0];
    if (!file || !window || window.isDestroyed()) return;
    const result = await this.openPath(file, window);
    if (result.ok) {
      window.webContents.send('file:opened', result.value);
      return;
    }
    await dialog.showMessageBox(window, {
      type: 'error',
      message: `Could not open ${path.basename(file)}`,
      detail: result.error.message,
    });
  }

  /** Closing asked to save first: send `file.save` and close once that save succeeds. */
  saveThenClose(window: BrowserWindow, close: () => void): void {
    this.closeAfterSave = close;
    window.webContents.send('menu:command', 'file.save');
  }

  /** The renderer was replaced (reload, crash): it starts with a new, clean document. */
  resetDocumentState(): void {
    this.state = { title: '', dirty: false };
    this.closeAfterSave = undefined;
    this.follow(undefined, undefined);
  }

  /** Files on the recent list may be saved over without asking again: they were chosen in an earlier run. */
  async init(): Promise<void> {
    for (const file of await this.options.recent.list()) this.granted.add(file);
  }

  dispose(): void {
    this.follow(undefined, undefined);
  }

  private async openPath(file: string, window: BrowserWindow | undefined): Promise<HostResult<OpenedFile>> {
    const result = await this.options.files.open(file);
    if (result.ok) {
      this.granted.add(file);
      await this.updateRecent((recent) => recent.add(file));
      this.follow(file, window);
    }
    return result;
  }

  private async save(
    request: ValidRequest<'file:save'>,
    window: BrowserWindow | undefined,
  ): Promise<HostResult<SavedFile | null>> {
    const known =
      request.path !== undefined && this.granted.has(request.path) && hasSaveExtension(request.path);
    if (!request.saveAs && known && request.path !== undefined) {
      const result = await this.options.files.save({
        path: request.path,
        text: request.text,
        expectedMtimeMs: request.expectedMtimeMs,
        overwrite: request.overwrite,
      });
      if (result.ok) this.follow(request.path, window);
      return result;
    }

    // Only a suggestion shown in the dialog; the user picks the file.
    const folder =
      request.path && path.isAbsolute(request.path) ? path.dirname(request.path) : app.getPath('documents');
    const suggested = withSaveExtension(path.basename(request.suggestedName.replace(/[\\/]/g, '_')));
    const options = {
      title: 'Save Design',
      defaultPath: path.join(folder, suggested),
      filters: SAVE_FILTERS,
      properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
    };
    const chosen = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return { ok: true, value: null };
    const target = withSaveExtension(chosen.filePath);
    if (target !== chosen.filePath && (await this.exists(target))) {
      // The dialog confirmed overwriting the name typed, not the .topo.yaml name made from it.
      const confirm = {
        type: 'warning' as const,
        buttons: ['Replace', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `“${path.basename(target)}” already exists. Do you want to replace it?`,
      };
      const answer = window
        ? await dialog.showMessageBox(window, confirm)
        : await dialog.showMessageBox(confirm);
      if (answer.response !== 0) return { ok: true, value: null };
    }
    const result = await this.options.files.save({ path: target, text: request.text, overwrite: true });
    if (result.ok) {
      this.granted.add(target);
      await this.updateRecent((recent) => recent.add(target));
      this.follow(target, window);
    }
    return result;
  }

  /** Asks where an export goes, starting in the folder of the last export (or Documents). */
  private async askExportPath(
    suggestedName: string,
    window: BrowserWindow | undefined,
  ): Promise<string | null> {
    const options = exportDialogOptions(suggestedName, this.exportFolder ?? app.getPath('documents'));
    const chosen = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return null;
    this.exportFolder = path.dirname(chosen.filePath);
    return chosen.filePath;
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await lstat(file);
      return true;
    } catch {
      return false;
    }
  }

  /** Watches the window's file for changes by others (one file at a time: one document per window). */
  private follow(file: string | undefined, window: BrowserWindow | undefined): void {
    if (this.watch?.path === file) return;
    this.watch?.handle.close();
    this.watch = undefined;
    if (!file || !window) return;
    const handle = this.options.files.watch(file, (change) => {
      if (!window.isDestroyed()) window.webContents.send('file:changed', change);
    });
    this.watch = { path: file, handle };
  }

  private async updateRecent(change: (recent: RecentFiles) => Promise<readonly string[]>): Promise<void> {
    try {
      this.options.onRecentChanged(await change(this.options.recent));
      for (const file of await this.options.recent.list()) this.granted.add(file);
    } catch (error) {
      this.options.log('could not update the recent files list', error);
    }
  }
}
