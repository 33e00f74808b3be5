// Reading and writing `.topo.yaml` files for the main process, with Node's fs only (no Electron), so every
// rule here is unit-tested. Every write is atomic (atomic-file.ts). What it refuses, and why:
// - relative paths: the renderer never decides what a path is relative to;
// - saving under any name but `*.topo.yaml`: the app never overwrites an unrelated YAML file (a Kubernetes
//   manifest, a CI config) with a topology. Opening also accepts `.yaml` and `.yml`, since a design may
//   have been renamed; saving it again goes through Save As to a `.topo.yaml` name;
// - saving over a symbolic link: writing through it would replace the link with a file (rename) or write
//   somewhere the user did not choose;
// - folders, devices and files over 10 MiB on open; text that is not UTF-8;
// - text that `loadDocument` rejects: the service never writes a file it could not read back;
// - a file changed on disk since it was read (its mtime moved), unless the user chose to overwrite.
import * as fsSync from 'node:fs';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { loadDocument } from '../../shared/format/document-file';
import type { HostError, HostResult, OpenedFile, SavedFile } from '../ipc/contract';
import type { FileSystem } from './atomic-file';
import { errorCode, nodeFileSystem, writeFileAtomic } from './atomic-file';

/** Largest file opened or saved: the same limit as loadDocument's. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The only name ending the service saves under. */
export const SAVE_EXTENSION = '.topo.yaml';
/** Name endings the service opens. */
export const OPEN_EXTENSIONS = ['.topo.yaml', '.yaml', '.yml'] as const;

export const FILE_ERRORS = {
  notAbsolute: 'file.path-not-absolute',
  wrongExtension: 'file.wrong-extension',
  notFound: 'file.not-found',
  notAFile: 'file.not-a-file',
  symlink: 'file.symlink',
  tooLarge: 'file.too-large',
  notUtf8: 'file.not-utf8',
  unloadable: 'file.unloadable',
  changedOnDisk: 'file.changed-on-disk',
  folderMissing: 'file.folder-missing',
  permissionDenied: 'file.permission-denied',
  diskFull: 'file.disk-full',
  readOnly: 'file.read-only',
  readFailed: 'file.read-failed',
  writeFailed: 'file.write-failed',
} as const;

export function hasSaveExtension(filePath: string): boolean {
  const name = path.basename(filePath);
  return name.length > SAVE_EXTENSION.length && name.toLowerCase().endsWith(SAVE_EXTENSION);
}

export function hasOpenExtension(filePath: string): boolean {
  const name = path.basename(filePath).toLowerCase();
  return OPEN_EXTENSIONS.some((ext) => name.length > ext.length && name.endsWith(ext));
}

/**
 * The `.topo.yaml` name for a name chosen in a Save As dialog: `prod.yaml` -> `prod.topo.yaml`,
 * `prod` -> `prod.topo.yaml`, `prod.topo.yaml` unchanged.
 */
export function withSaveExtension(filePath: string): string {
  if (hasSaveExtension(filePath)) return filePath;
  const stripped = filePath.replace(/\.(ya?ml)$/i, '');
  return `${stripped}${SAVE_EXTENSION}`;
}

/** A save to a known path, as main's `file:save` handler asks for it. */
export interface SaveToPath {
  readonly path: string;
  readonly text: string;
  /** The mtime the document was read or last saved with; a different one on disk is a conflict. */
  readonly expectedMtimeMs?: number;
  /** Write even if the file changed on disk. */
  readonly overwrite?: boolean;
}

export interface FileChange {
  readonly path: string;
  readonly mtimeMs: number;
}

export interface FileWatch {
  close(): void;
}

export interface FileServiceOptions {
  readonly fs?: FileSystem;
  readonly maxBytes?: number;
}

/** What a file looked like when we last read or wrote it; the watcher ignores changes that match it. */
interface Version {
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
}

/** Two mtimes within this many milliseconds are the same (mtime precision differs between file systems). */
const MTIME_TOLERANCE_MS = 1;

export class FileService {
  private readonly fs: FileSystem;
  private readonly maxBytes: number;
  private readonly versions = new Map<string, Version>();
  /** Saves to the same path run one after the other. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(options: FileServiceOptions = {}) {
    this.fs = options.fs ?? nodeFileSystem;
    this.maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  }

  /** Reads a file to open it in the editor. */
  async open(filePath: string): Promise<HostResult<OpenedFile>> {
    const name = displayName(filePath);
    if (!path.isAbsolute(filePath)) return notAbsolute(filePath);
    if (!hasOpenExtension(filePath)) {
      return fail(
        FILE_ERRORS.wrongExtension,
        `Could not open ${name}: Topology Designer opens .topo.yaml files (and .yaml or .yml files holding a design).`,
      );
    }
    // stat before open: opening a FIFO or a device could block or read forever.
    let stats: Stats;
    try {
      stats = await this.fs.stat(filePath);
    } catch (error) {
      return ioFailure('open', name, error);
    }
    const kind = checkRegularFile(stats, 'open', name, this.maxBytes);
    if (kind) return kind;

    let handle: FileHandle | undefined;
    try {
      handle = await this.fs.open(filePath, 'r');
      const opened = await handle.stat();
      const again = checkRegularFile(opened, 'open', name, this.maxBytes);
      if (again) return again;
      const bytes = await readAtMost(handle, this.maxBytes + 1);
      if (bytes.byteLength > this.maxBytes) return tooLarge('open', name, this.maxBytes);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return fail(FILE_ERRORS.notUtf8, `Could not open ${name}: it is not UTF-8 text.`);
      }
      this.versions.set(filePath, versionOf(opened));
      return ok({ path: filePath, name: path.basename(filePath), text, mtimeMs: opened.mtimeMs });
    } catch (error) {
      return ioFailure('open', name, error);
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  /** Saves text over `request.path`, atomically, after every check in the header of this file. */
  save(request: SaveToPath): Promise<HostResult<SavedFile>> {
    const previous = this.queues.get(request.path) ?? Promise.resolve();
    const next = previous.then(() => this.saveNow(request));
    const settled = next.catch(() => undefined);
    this.queues.set(request.path, settled);
    void settled.then(() => {
      if (this.queues.get(request.path) === settled) this.queues.delete(request.path);
    });
    return next;
  }

  private async saveNow(request: SaveToPath): Promise<HostResult<SavedFile>> {
    const { path: filePath, text } = request;
    const name = displayName(filePath);
    if (!path.isAbsolute(filePath)) return notAbsolute(filePath);
    if (!hasSaveExtension(filePath)) {
      return fail(FILE_ERRORS.wrongExtension, `Did not save ${name}: designs are saved as .topo.yaml files.`);
    }
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.byteLength > this.maxBytes) return tooLarge('save', name, this.maxBytes);
    const loaded = loadDocument(text, { fileName: path.basename(filePath), maxBytes: this.maxBytes });
    if (!loaded.ok) {
      const first = loaded.problems.find((problem) => problem.severity === 'error') ?? loaded.problems[0];
      const where = first?.line === undefined ? '' : ` (line ${first.line})`;
      return fail(
        FILE_ERRORS.unloadable,
        `Did not save ${name}: the text would not open again${where}: ${first?.message ?? 'unknown problem'}.`,
      );
    }

    let existing: Stats | undefined;
    try {
      existing = await this.fs.lstat(filePath);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') return ioFailure('save', name, error);
    }
    if (existing) {
      if (existing.isSymbolicLink()) {
        return fail(
          FILE_ERRORS.symlink,
          `Did not save ${name}: it is a symbolic link. Save the design under the file it points to, or as a new file.`,
        );
      }
      if (!existing.isFile()) return notAFile('save', name, existing);
      const expected = request.expectedMtimeMs;
      if (
        expected !== undefined &&
        !request.overwrite &&
        Math.abs(existing.mtimeMs - expected) > MTIME_TOLERANCE_MS
      ) {
        return fail(
          FILE_ERRORS.changedOnDisk,
          `${name} changed on disk after you opened it. Reload it, or save yours over it.`,
        );
      }
    } else {
      const folder = path.dirname(filePath);
      try {
        const stats = await this.fs.stat(folder);
        if (!stats.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      } catch {
        return fail(FILE_ERRORS.folderMissing, `Did not save ${name}: the folder ${folder} does not exist.`);
      }
    }

    try {
      await writeFileAtomic(filePath, bytes, {
        fs: this.fs,
        // Keep the permission bits of the file it replaces (owner and group stay with the new file's creator).
        mode: existing ? existing.mode & 0o7777 : undefined,
      });
    } catch (error) {
      return ioFailure('save', name, error);
    }
    try {
      const written = await this.fs.stat(filePath);
      this.versions.set(filePath, versionOf(written));
      return ok({ path: filePath, name: path.basename(filePath), mtimeMs: written.mtimeMs });
    } catch {
      // Saved, but its new version is unknown: the next save cannot check for changes by others.
      this.versions.delete(filePath);
      return ok({ path: filePath, name: path.basename(filePath) });
    }
  }

  /**
   * Calls `onChange` when `filePath` changes on disk, debounced, except for our own writes (a change whose
   * mtime, size and inode match what we last read or wrote). Watches the folder, not the file: an atomic
   * save (ours or an editor's) replaces the file, and a watch on the old inode would go quiet.
   */
  watch(
    filePath: string,
    onChange: (change: FileChange) => void,
    options: { debounceMs?: number } = {},
  ): FileWatch {
    const folder = path.dirname(filePath);
    const base = path.basename(filePath);
    const debounceMs = options.debounceMs ?? 250;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;

    const check = async () => {
      let stats: Stats;
      try {
        stats = await this.fs.stat(filePath);
      } catch {
        return; // deleted or being replaced: the next event tells
      }
      if (closed) return;
      const now = versionOf(stats);
      const known = this.versions.get(filePath);
      if (known && sameVersion(known, now)) return;
      this.versions.set(filePath, now);
      onChange({ path: filePath, mtimeMs: stats.mtimeMs });
    };

    let watcher: fsSync.FSWatcher | undefined;
    try {
      watcher = fsSync.watch(folder, { persistent: false }, (_event, changed) => {
        if (closed || (changed !== null && changed.toString() !== base)) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void check(), debounceMs);
      });
      watcher.on('error', () => watcher?.close());
    } catch {
      // Folder gone or not watchable: external changes are then caught at save time (changed-on-disk).
    }
    return {
      close() {
        closed = true;
        if (timer) clearTimeout(timer);
        watcher?.close();
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------------

function ok<T>(value: T): HostResult<T> {
  return { ok: true, value };
}

function fail(code: string, message: string): { readonly ok: false; readonly error: HostError } {
  return { ok: false, error: { code, message } };
}

function displayName(filePath: string): string {
  return `“${path.basename(String(filePath)) || String(filePath)}”`;
}

function notAbsolute(filePath: string) {
  return fail(FILE_ERRORS.notAbsolute, `“${String(filePath).slice(0, 200)}” is not an absolute path.`);
}

function tooLarge(verb: 'open' | 'save', name: string, maxBytes: number) {
  const limit = `${Math.round(maxBytes / (1024 * 1024))} MiB`;
  return fail(
    FILE_ERRORS.tooLarge,
    verb === 'open'
      ? `Could not open ${name}: it is larger than ${limit}.`
      : `Did not save ${name}: the design is larger than ${limit}.`,
  );
}

function notAFile(verb: 'open' | 'save', name: string, stats: Stats) {
  const what = stats.isDirectory() ? 'a folder' : 'not a regular file';
  return fail(
    FILE_ERRORS.notAFile,
    `${verb === 'open' ? 'Could not open' : 'Did not save'} ${name}: it is ${what}.`,
  );
}

function checkRegularFile(stats: Stats, verb: 'open' | 'save', name: string, maxBytes: number) {
  if (!stats.isFile()) return notAFile(verb, name, stats);
  if (stats.size > maxBytes) return tooLarge(verb, name, maxBytes);
  return undefined;
}

async function readAtMost(handle: FileHandle, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(64 * 1024, limit - total));
    if (chunk.byteLength === 0) break;
    const { bytesRead } = await handle.read(chunk, 0, chunk.byteLength, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

function versionOf(stats: Stats): Version {
  return { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino };
}

function sameVersion(a: Version, b: Version): boolean {
  return Math.abs(a.mtimeMs - b.mtimeMs) <= MTIME_TOLERANCE_MS && a.size === b.size && a.ino === b.ino;
}

/** An fs error as a HostError a user can act on. */
function ioFailure(verb: 'open' | 'save', name: string, error: unknown) {
  const lead = verb === 'open' ? `Could not open ${name}` : `Could not save ${name}`;
  switch (errorCode(error)) {
    case 'ENOENT':
      return fail(
        verb === 'open' ? FILE_ERRORS.notFound : FILE_ERRORS.folderMissing,
        `${lead}: ${verb === 'open' ? 'it does not exist' : 'its folder does not exist'}.`,
      );
    case 'ENOTDIR':
      return fail(FILE_ERRORS.notFound, `${lead}: a folder in its path is a file.`);
    case 'EISDIR':
      return fail(FILE_ERRORS.notAFile, `${lead}: it is a folder.`);
    case 'EACCES':
    case 'EPERM':
      return fail(FILE_ERRORS.permissionDenied, `${lead}: permission denied.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return fail(FILE_ERRORS.diskFull, `${lead}: the disk is full. The file on disk was not changed.`);
    case 'EROFS':
      return fail(FILE_ERRORS.readOnly, `${lead}: the disk is read-only.`);
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return verb === 'open'
        ? fail(FILE_ERRORS.readFailed, `${lead}: ${detail}`)
        : fail(FILE_ERRORS.writeFailed, `${lead}: ${detail}. The file on disk was not changed.`);
    }
  }
}
