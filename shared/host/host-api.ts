// The one seam between the renderer and the outside world. Two hosts implement it: the Electron preload
// (files through the main process, which writes atomically) and the browser host of `npm run start:web`
// (file picker, download or the File System Access API, autosave to IndexedDB). The renderer never reaches
// past it. Every call answers `{ ok: true, value } | { ok: false, error }`; nothing throws across it.

/** Why a host call failed, in words a user can read, with a stable code for the UI to branch on. */
export interface HostError {
  /** e.g. `file.not-found`, `file.changed-on-disk`, `file.too-large`, `ipc.invalid-payload`. */
  readonly code: string;
  readonly message: string;
}

export type HostResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HostError };

/** A file the user opened: where it lives (when the host knows a path), its text, and its version on disk. */
export interface OpenedFile {
  /** Absolute path in Electron; undefined in the browser (a handle id stands in for it). */
  readonly path?: string;
  /** Opaque id of a browser File System Access handle, so Save can write back to the same file. */
  readonly handleId?: string;
  /** File name shown in the title bar, e.g. `ott.topo.yaml`. */
  readonly name: string;
  readonly text: string;
  /** Modification time when read, ms since the epoch; sent back on save to detect changes by others. */
  readonly mtimeMs?: number;
}

/** Where a save went. */
export interface SavedFile {
  readonly path?: string;
  readonly handleId?: string;
  readonly name: string;
  readonly mtimeMs?: number;
}

export interface SaveRequest {
  readonly text: string;
  /** Save over this file; absent (or `saveAs`) asks the user where. */
  readonly path?: string;
  readonly handleId?: string;
  readonly suggestedName: string;
  readonly saveAs?: boolean;
  /** The mtime the document was loaded or last saved with; a newer file on disk is a conflict. */
  readonly expectedMtimeMs?: number;
  /** Overwrite even when the file changed on disk (the user chose "keep mine"). */
  readonly overwrite?: boolean;
}

/** Unsaved work kept by autosave, offered back after a crash or a kill. */
export interface Recovery {
  /** Stable key of the document session (its path, or an id for an untitled document). */
  readonly key: string;
  readonly name: string;
  readonly path?: string;
  readonly text: string;
  /** When it was autosaved, ms since the epoch. */
  readonly savedAtMs: number;
}

/** A file the app makes for the user to take away: a table (CSV, XLSX, Markdown), a picture, a report. */
export interface ExportRequest {
  /** File name offered in the save dialog or given to the download, e.g. `ott-cost.csv`. */
  readonly suggestedName: string;
  /** Media type, e.g. `text/csv`, `image/png`; the browser host labels the download with it. */
  readonly mimeType: string;
  /** The content: text is written as UTF-8, bytes as they are. */
  readonly data: string | Uint8Array;
}

/** Where an export went; `name` is the file name the user chose (or the download's name). */
export interface ExportedFile {
  readonly name: string;
  readonly path?: string;
}

/** One text file of an exported bundle: its path inside the bundle folder (forward slashes) and its text. */
export interface BundleFileText {
  readonly path: string;
  readonly content: string;
}

/** A folder the user chose for a bundle, and what it holds now (for the Export dialog's diff). */
export interface BundleFolder {
  /** Opaque id the host gave the folder: writeBundle takes this, never a path from the renderer. */
  readonly folderId: string;
  /** What the user sees: the full path in Electron, the folder's name in the browser. */
  readonly label: string;
  /** The previous export's files (bundle.json and what it lists), sorted by path; null when there is none. */
  readonly previous: readonly BundleFileText[] | null;
  /** Files the new bundle would write that exist but no previous export wrote: writing refuses them. */
  readonly foreign: readonly string[];
  /** Why the folder cannot take a bundle at all (a link, not a folder, a bundle.json that is not ours). */
  readonly problem?: string;
}

/** Writes a bundle into a folder chosen with chooseBundleFolder. */
export interface BundleWriteRequest {
  readonly folderId: string;
  /** Every file, bundle.json included. */
  readonly files: readonly BundleFileText[];
}

/** What writing a bundle did. */
export interface WrittenBundle {
  readonly label: string;
  readonly written: number;
  /** Files of the previous export that this one no longer has, now deleted. */
  readonly removed: readonly string[];
  /** Files of the previous export that had been edited by hand since, now replaced or removed. */
  readonly editedByHand: readonly string[];
}

/** Ids of the commands menus and shortcuts can send (looked up in the renderer's command registry). */
export type MenuCommandId = string;

/** The host API; `kind` says which host answered. */
export interface HostApi {
  readonly kind: 'electron' | 'browser';
  /** Asks the user for a `.topo.yaml` file; `null` when they cancel. */
  openFile(): Promise<HostResult<OpenedFile | null>>;
  /** Reopens a file from the recent list. */
  openRecent(path: string): Promise<HostResult<OpenedFile>>;
  /** Recently opened files, newest first. */
  recentFiles(): Promise<HostResult<readonly string[]>>;
  /** Saves text, atomically where the host can; `null` when the user cancels a Save As. */
  saveFile(request: SaveRequest): Promise<HostResult<SavedFile | null>>;
  /** Saves an export where the user chooses (Electron: save dialog; browser: a download); `null` on cancel. */
  exportFile(request: ExportRequest): Promise<HostResult<ExportedFile | null>>;
  /**
   * Prints the current page to PDF (the page's print stylesheet decides what is on it). Electron renders the
   * PDF and asks where to save it; the browser opens its print dialog, where the user picks "Save as PDF"
   * (the answer is then `null`: the browser does not say what the user chose).
   */
  printToPdf(request: { readonly suggestedName: string }): Promise<HostResult<ExportedFile | null>>;
  /**
   * Asks the user for the folder to export a bundle into (`null` on cancel) and reads what is there.
   * `paths` are the files the bundle will write, so the answer can name those that are someone else's.
   */
  chooseBundleFolder(request: {
    readonly paths: readonly string[];
  }): Promise<HostResult<BundleFolder | null>>;
  /**
   * Writes a bundle into a chosen folder: path-safe, never deleting a file a previous export did not write,
   * all or nothing where the host can (Electron: staged and renamed; the browser writes file by file).
   */
  writeBundle(request: BundleWriteRequest): Promise<HostResult<WrittenBundle>>;
  /** Keeps unsaved work of a document session where a crash cannot lose it. */
  autosave(draft: {
    readonly key: string;
    readonly name: string;
    readonly path?: string;
    readonly text: string;
  }): Promise<HostResult<void>>;
  /** Work autosaved by a session that did not end cleanly. */
  listRecoveries(): Promise<HostResult<readonly Recovery[]>>;
  /** Forgets an autosave (after a save, or when the user declines to recover it). */
  discardRecovery(key: string): Promise<HostResult<void>>;
  /** Tells the host whether there are unsaved changes (so closing the window can ask) and the title. */
  setDocumentState(state: {
    readonly title: string;
    readonly dirty: boolean;
    readonly path?: string;
  }): Promise<HostResult<void>>;
  /** Opens an https link in the user's browser; other schemes are refused. */
  openExternal(url: string): Promise<HostResult<void>>;
  /** Menu items and accelerators send command ids; returns an unsubscribe function. */
  onMenuCommand(listener: (id: MenuCommandId) => void): () => void;
  /** A file arrives from outside: dropped on the window, named on the command line or by the OS. */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
  /** The open file changed on disk (someone else wrote it). */
  onFileChanged(listener: (change: { readonly path: string; readonly mtimeMs: number }) => void): () => void;
}
