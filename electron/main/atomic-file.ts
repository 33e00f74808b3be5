// Writing a file so that a crash, a full disk or a killed process at any moment leaves either the old
// file or the new one, never a half-written one: write a uniquely named temporary file beside the target
// (same folder, so the same file system), flush it to disk, rename it over the target (atomic on POSIX
// and on NTFS), then flush the folder so the rename itself survives a power cut.
//
// The file system is injected so that tests can make any step fail.
import { randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** The parts of node:fs/promises the shell's file code uses. */
export interface FileSystem {
  readonly open: typeof fsp.open;
  readonly rename: typeof fsp.rename;
  readonly unlink: typeof fsp.unlink;
  readonly lstat: typeof fsp.lstat;
  readonly stat: typeof fsp.stat;
  readonly mkdir: typeof fsp.mkdir;
  readonly readdir: typeof fsp.readdir;
  readonly readFile: typeof fsp.readFile;
  readonly rm: typeof fsp.rm;
}

export const nodeFileSystem: FileSystem = fsp;

export interface AtomicWriteOptions {
  /** Permission bits of the new file (e.g. the mode of the file it replaces); default 0o666 minus umask. */
  readonly mode?: number;
  readonly fs?: FileSystem;
}

/** The `code` of a Node system error (ENOENT, EACCES...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Name of a temporary file beside `target`: hidden, unique, recognisable as ours. */
export function tempPathFor(target: string): string {
  const suffix = `${process.pid.toString(36)}-${randomBytes(6).toString('hex')}`;
  return path.join(path.dirname(target), `.${path.basename(target)}.${suffix}.tmp`);
}

/** True for names made by tempPathFor (so folder listings can skip or clean them). */
export function isTempFileName(name: string): boolean {
  return /^\..+\.[0-9a-z]+-[0-9a-f]{12}\.tmp$/.test(name);
}

/** Writes `data` to `target` atomically; on failure the target is untouched and the temporary file gone. */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const temp = tempPathFor(target);
  // 'wx' fails if the name exists: never write through someone else's file or symlink.
  const handle = await fs.open(temp, 'wx', options.mode === undefined ? 0o666 : 0o600);
  let renamed = false;
  try {
    try {
      // Set the exact mode (the umask applies at creation), before any content is in the file.
      if (options.mode !== undefined) await handle.chmod(options.mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
  await syncFolder(path.dirname(target), fs);
}

/** Flushes a folder's entries (the rename); folders cannot be opened for this on Windows, which is fine. */
async function syncFolder(folder: string, fs: FileSystem): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // EISDIR / EPERM / EINVAL where folders cannot be synced: the rename is still atomic, just not yet durable.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The same, synchronously, for the few small files written while the app quits (window state), when an
 * event handler cannot wait for a promise.
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const temp = tempPathFor(target);
  const fd = fsSync.openSync(temp, 'wx', 0o666);
  let renamed = false;
  try {
    try {
      fsSync.writeFileSync(fd, data);
      fsSync.fsyncSync(fd);
    } finally {
      fsSync.closeSync(fd);
    }
    fsSync.renameSync(temp, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        fsSync.unlinkSync(temp);
      } catch {
        // already gone
      }
    }
  }
  try {
    const dir = fsSync.openSync(path.dirname(target), 'r');
    try {
      fsSync.fsyncSync(dir);
    } finally {
      fsSync.closeSync(dir);
    }
  } catch {
    // see syncFolder
  }
}
