// Writes an exported bundle into a folder: path-safe, without following symlinks, and all or nothing;
// and reads what a folder holds before that, for the Export dialog's diff. Used by the CLI (`topo export`)
// and the Electron main process, the only two places that write bundles. Asynchronous: in Electron's main
// process a synchronous write (an fsync per file) would freeze every window and menu while it lasts. The
// caller serialises writes into one folder (electron/main/bundle-service.ts; the CLI writes once).
//
// 1. Every path is checked: relative, normalised, plain names, resolving inside the folder.
// 2. The folder's bundle.json says which files a previous export wrote. A file we are about to write
//    that exists but is not listed there is someone else's: the export is refused, nothing is touched.
//    Files not listed stay where they are, always.
// 3. The new bundle is written into a temporary sibling folder and fsynced. Nothing in the target
//    folder changes until this has succeeded, so a failure here leaves the old bundle intact.
// 4. The swap: the previous bundle's files are renamed into a backup sibling folder, the new files
//    are renamed into place (bundle.json last), and the backup is deleted, which removes the previous
//    bundle's stale files. If a rename fails, what was done is undone and the old bundle is restored; a file
//    that cannot be put back stays in the backup folder, which the error then names.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { isSafeBundlePath } from '../shared/export/bundle';
import { manifestFiles } from '../shared/export/bundle-folder';
import { compareStrings } from '../shared/util/text';
import type { BundleFile } from '../shared/export/types';
import { MANIFEST_PATH } from '../shared/export/types';

/** A refusal or failure the user can act on (the CLI prints it and exits 2). */
export class BundleWriteError extends Error {
  override readonly name = 'BundleWriteError';
}

export interface WriteBundleOptions {
  /**
   * Test hook, called before each step: `stage` before a file is written to the temporary folder,
   * `swap` before a file is renamed into the target folder, `restore` before a file of the previous bundle
   * is put back after a failed swap. Throwing simulates a failure there.
   */
  readonly failpoint?: (step: 'stage' | 'swap' | 'restore', file: string) => void;
}

export interface WriteBundleResult {
  readonly written: number;
  /** Files of the previous bundle that the new one no longer has (deleted). */
  readonly removed: readonly string[];
  /** Files of the previous bundle that were changed by hand since (overwritten or removed). */
  readonly editedByHand: readonly string[];
}

async function lstatOrUndefined(p: string) {
  try {
    return await lstat(p);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The absolute path of a bundle path inside `root`, or a refusal. */
export function resolveInside(root: string, file: string): string {
  if (!isSafeBundlePath(file) || file.includes('\\') || path.posix.normalize(file) !== file) {
    throw new BundleWriteError(`refusing the unsafe path "${file}"`);
  }
  const full = path.resolve(root, ...file.split('/'));
  const rel = path.relative(root, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new BundleWriteError(`refusing "${file}": it resolves outside ${root}`);
  }
  return full;
}

/** Refuses a path inside `root` whose folders are not real folders or whose file is not a plain file. */
async function checkNoSymlinks(root: string, file: string): Promise<'file' | 'missing'> {
  const parts = file.split('/');
  let at = root;
  for (let i = 0; i < parts.length; i++) {
    at = path.join(at, parts[i]!);
    const stat = await lstatOrUndefined(at);
    if (!stat) return 'missing';
    if (stat.isSymbolicLink())
      throw new BundleWriteError(`refusing to write through the symbolic link ${at}`);
    const last = i === parts.length - 1;
    if (!last && !stat.isDirectory()) throw new BundleWriteError(`${at} is in the way: it is not a folder`);
    if (last && !stat.isFile()) throw new BundleWriteError(`${at} is in the way: it is not a plain file`);
  }
  return 'file';
}

interface Previous {
  readonly files: ReadonlyMap<string, string>;
}

/** The previous bundle of the folder, from its bundle.json, if the folder holds one of ours. */
async function readPrevious(root: string): Promise<Previous | undefined> {
  if ((await checkNoSymlinks(root, MANIFEST_PATH)) === 'missing') return undefined;
  const files = manifestFiles(await readFile(path.join(root, MANIFEST_PATH), 'utf8'));
  if (!files) {
    throw new BundleWriteError(
      `${path.join(root, MANIFEST_PATH)} exists but is not a bundle manifest of ours`,
    );
  }
  for (const file of files.keys()) resolveInside(root, file); // a tampered manifest cannot point outside
  return { files };
}

async function writeDurably(file: string, content: string): Promise<void> {
  const handle = await open(file, 'wx', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot open or fsync a folder; the files themselves are synced.
  }
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Removes the now empty folders of `file` up to (not including) `root`. */
async function pruneEmptyFolders(root: string, file: string): Promise<void> {
  let dir = path.dirname(path.join(root, ...file.split('/')));
  while (dir.length > root.length && dir.startsWith(root)) {
    try {
      if ((await readdir(dir)).length > 0) return;
      await rmdir(dir);
    } catch {
      return;
    }
    dir = path.dirname(dir);
  }
}

/** What a folder holds for an export about to be written into it. */
export interface BundleFolderContents {
  /** The previous bundle's files (those its bundle.json lists, and bundle.json), sorted; null: none of ours. */
  readonly previous: readonly BundleFile[] | null;
  /** Files the new bundle would write that exist but are not the previous bundle's (the write refuses them). */
  readonly foreign: readonly string[];
  /** Why the folder cannot take a bundle at all (a symbolic link, not a folder, a manifest not ours). */
  readonly problem?: string;
}

/** Reads the previous bundle in `outDir` and finds the files `planned` would overwrite that are not ours. */
export async function inspectBundleFolder(
  outDir: string,
  planned: readonly string[],
  options: { readonly maxBytes?: number } = {},
): Promise<BundleFolderContents> {
  const root = path.resolve(outDir);
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  try {
    const rootStat = await lstatOrUndefined(root);
    if (rootStat?.isSymbolicLink())
      throw new BundleWriteError(`${root} is a symbolic link; choose the folder it points to`);
    if (rootStat && !rootStat.isDirectory()) throw new BundleWriteError(`${root} is not a folder`);
    if (!rootStat) return { previous: null, foreign: [] };
    const before = await readPrevious(root);
    let previous: BundleFile[] | null = null;
    if (before) {
      previous = [];
      let bytes = 0;
      for (const file of [...before.files.keys()].sort(compareStrings)) {
        if ((await checkNoSymlinks(root, file)) === 'missing') continue;
        const content = await readFile(path.join(root, ...file.split('/')), 'utf8');
        bytes += content.length;
        if (bytes > maxBytes)
          throw new BundleWriteError(`the bundle in ${root} is larger than ${sizeText(maxBytes)}`);
        previous.push({ path: file, content });
      }
    }
    const foreign: string[] = [];
    for (const file of planned) {
      resolveInside(root, file);
      if (before?.files.has(file)) continue;
      try {
        if ((await checkNoSymlinks(root, file)) === 'file') foreign.push(file);
      } catch {
        foreign.push(file);
      }
    }
    return { previous, foreign: foreign.sort(compareStrings) };
  } catch (error) {
    if (error instanceof BundleWriteError) return { previous: null, foreign: [], problem: error.message };
    throw error;
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** Runs one step of an undo; whether it succeeded (its error is not the one the caller reports). */
async function attempt(step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch {
    return false;
  }
}

/** Writes `files` (paths relative to `outDir`) as described at the top of this module. */
export async function writeBundle(
  outDir: string,
  files: readonly BundleFile[],
  options: WriteBundleOptions = {},
): Promise<WriteBundleResult> {
  const root = path.resolve(outDir);
  const rootStat = await lstatOrUndefined(root);
  if (rootStat?.isSymbolicLink())
    throw new BundleWriteError(`refusing to write into ${root}: it is a symbolic link`);
  if (rootStat && !rootStat.isDirectory()) throw new BundleWriteError(`${root} exists and is not a folder`);
  const paths = files.map((f) => f.path);
  if (new Set(paths).size !== paths.length) throw new BundleWriteError('the bundle lists a file twice');
  if (!paths.includes(MANIFEST_PATH)) throw new BundleWriteError(`the bundle has no ${MANIFEST_PATH}`);
  for (const p of paths) resolveInside(root, p);

  // What is there now, and whose it is.
  const previous = rootStat ? await readPrevious(root) : undefined;
  const editedByHand: string[] = [];
  const existing: string[] = [];
  if (rootStat) {
    for (const p of paths) {
      if ((await checkNoSymlinks(root, p)) === 'missing') continue;
      if (!previous?.files.has(p)) {
        throw new BundleWriteError(
          `${path.join(root, p)} exists and was not written by a previous export; move it away or choose another folder`,
        );
      }
      existing.push(p);
    }
  }
  const stale = previous ? [...previous.files.keys()].filter((p) => !paths.includes(p)) : [];
  const staleExisting: string[] = [];
  for (const p of stale) if ((await checkNoSymlinks(root, p)) === 'file') staleExisting.push(p);
  for (const p of [...existing, ...staleExisting]) {
    const sha = previous?.files.get(p);
    if (sha && (await sha256File(path.join(root, ...p.split('/')))) !== sha) editedByHand.push(p);
  }

  // Stage the new bundle beside the target folder (same file system, so renames are atomic).
  const parent = path.dirname(root);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(root)}.export-${tag}`);
  const backup = path.join(parent, `.${path.basename(root)}.previous-${tag}`);
  await mkdir(staging);
  try {
    for (const file of files) {
      options.failpoint?.('stage', file.path);
      const target = path.join(staging, ...file.path.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeDurably(target, file.content);
    }
    await fsyncFolder(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }

  // The swap, undone if any rename fails.
  const movedAway: string[] = [];
  const placed: string[] = [];
  const ordered = [...paths.filter((p) => p !== MANIFEST_PATH), MANIFEST_PATH];
  try {
    await mkdir(root, { recursive: true });
    for (const p of [...existing, ...staleExisting]) {
      options.failpoint?.('swap', p);
      const to = path.join(backup, ...p.split('/'));
      await mkdir(path.dirname(to), { recursive: true });
      await rename(path.join(root, ...p.split('/')), to);
      movedAway.push(p);
    }
    for (const p of ordered) {
      options.failpoint?.('swap', p);
      const to = path.join(root, ...p.split('/'));
      await mkdir(path.dirname(to), { recursive: true });
      await checkNoSymlinks(root, p);
      await rename(path.join(staging, ...p.split('/')), to);
      placed.push(p);
    }
    await fsyncFolder(root);
  } catch (error) {
    // Every step of the undo is tried, whatever the others do: one that fails must neither stop the rest
    // nor take the place of the failure the user has to hear about.
    const notRestored: string[] = [];
    for (const p of placed.reverse()) {
      await attempt(async () => {
        await rm(path.join(root, ...p.split('/')), { force: true });
        await pruneEmptyFolders(root, p);
      });
    }
    for (const p of movedAway.reverse()) {
      const restored = await attempt(async () => {
        options.failpoint?.('restore', p);
        const to = path.join(root, ...p.split('/'));
        await mkdir(path.dirname(to), { recursive: true });
        await rename(path.join(backup, ...p.split('/')), to);
      });
      if (!restored) notRestored.push(p);
    }
    await attempt(() => rm(staging, { recursive: true, force: true }));
    if (notRestored.length === 0) {
      await attempt(() => rm(backup, { recursive: true, force: true }));
      throw error;
    }
    // The backup folder is all that holds these files now: it stays, and the message says where it is.
    const reason = error instanceof Error ? error.message : String(error);
    throw new BundleWriteError(
      `The bundle could not be written (${reason}), and ${notRestored.length} file(s) of the previous bundle ` +
        `could not be put back: ${notRestored.join(', ')}. They are in ${backup}; move them back into ${root}.`,
      { cause: error },
    );
  }
  await rm(staging, { recursive: true, force: true });
  await rm(backup, { recursive: true, force: true });
  for (const p of staleExisting) await pruneEmptyFolders(root, p);
  return { written: files.length, removed: staleExisting, editedByHand };
}
