// The main-process side of the Export dialog: folders the user chose for a bundle, what they hold, and the
// write. The renderer never names a path: the folder comes from the open dialog and is handed back as an
// opaque id, and the writer (node/bundle-writer.ts, shared with `topo export`) checks every file path
// against the folder, follows no symbolic link, replaces only files a previous export wrote, and swaps the
// whole bundle in or leaves the old one as it was.
import { randomUUID } from 'node:crypto';
import { BundleWriteError, inspectBundleFolder, writeBundle } from '../../node/bundle-writer';
import type { BundleFolder, HostResult, WrittenBundle } from '../ipc/contract';
import { errorCode } from './atomic-file';
import { fail } from './ipc-guard';

/** Stable error codes of bundle exports. */
export const BUNDLE_ERRORS = {
  unknownFolder: 'bundle.unknown-folder',
  refused: 'bundle.refused',
  writeFailed: 'bundle.write-failed',
  readFailed: 'bundle.read-failed',
} as const;

/** Most folders remembered at once; the oldest is forgotten first. */
const MAX_FOLDERS = 16;

export class BundleFolders {
  private readonly folders = new Map<string, string>();
  /**
   * The reads and writes of folders, one after the other: the writer works asynchronously (main must not
   * block on an fsync per file), and two exports at once, or a folder read while a write swaps its files,
   * would otherwise interleave.
   */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly newId: () => string = randomUUID) {}

  /** Runs `task` once every read and write asked for before it has ended. */
  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Remembers a folder the user chose and reads what it holds for the bundle's `paths`. */
  choose(folder: string, paths: readonly string[]): Promise<HostResult<BundleFolder>> {
    const folderId = this.newId();
    this.folders.set(folderId, folder);
    while (this.folders.size > MAX_FOLDERS) this.folders.delete(this.folders.keys().next().value!);
    return this.inTurn(() => this.inspect(folderId, folder, paths));
  }

  private async inspect(
    folderId: string,
    folder: string,
    paths: readonly string[],
  ): Promise<HostResult<BundleFolder>> {
    try {
      const contents = await inspectBundleFolder(folder, paths);
      return {
        ok: true,
        value: {
          folderId,
          label: folder,
          previous: contents.previous,
          foreign: contents.foreign,
          ...(contents.problem !== undefined ? { problem: contents.problem } : {}),
        },
      };
    } catch (error) {
      return fail(BUNDLE_ERRORS.readFailed, `${folder} could not be read: ${reasonOf(error)}`);
    }
  }

  /** Writes the bundle into the folder behind `folderId`; refusals and failures come back in words. */
  write(
    folderId: string,
    files: readonly { readonly path: string; readonly content: string }[],
  ): Promise<HostResult<WrittenBundle>> {
    const folder = this.folders.get(folderId);
    if (folder === undefined) {
      return Promise.resolve(
        fail(BUNDLE_ERRORS.unknownFolder, 'Choose the folder again: this window did not choose that one.'),
      );
    }
    return this.inTurn(() => this.writeInto(folder, files));
  }

  private async writeInto(
    folder: string,
    files: readonly { readonly path: string; readonly content: string }[],
  ): Promise<HostResult<WrittenBundle>> {
    try {
      const result = await writeBundle(folder, files);
      return {
        ok: true,
        value: {
          label: folder,
          written: result.written,
          removed: result.removed,
          editedByHand: result.editedByHand,
        },
      };
    } catch (error) {
      if (error instanceof BundleWriteError) return fail(BUNDLE_ERRORS.refused, error.message);
      return fail(BUNDLE_ERRORS.writeFailed, `The bundle could not be written: ${reasonOf(error)}`);
    }
  }
}

function reasonOf(error: unknown): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return error instanceof Error ? error.message : String(error);
}
