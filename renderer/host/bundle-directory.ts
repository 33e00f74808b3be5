// A bundle export into a folder the user picked with the File System Access API (`showDirectoryPicker`).
// The same ownership rules as node/bundle-writer.ts: only files the previous export's bundle.json lists are
// replaced or deleted; a file in the way that no export wrote refuses the whole export before anything is
// written. Paths are walked one plain name at a time (the API has no `..` and no links to follow).
//
// The browser cannot rename, so the bundle cannot be swapped in at once. Each file is written whole (a
// writable stream commits on close), and before the first one an interim bundle.json claims every file of
// both exports: if the export stops half-way, the folder holds a mix, and the next export recognises all
// of it as its own and finishes the job. The final bundle.json is written last.
import type { BundleFileText, WrittenBundle } from '../../shared/host/host-api';
import { isSafeBundlePath } from '../../shared/export/bundle';
import { interimManifest, manifestFiles } from '../../shared/export/bundle-folder';
import { sha256Hex, utf8Bytes } from '../../shared/export/sha256';
import { MANIFEST_PATH } from '../../shared/export/types';
import { compareStrings } from '../../shared/util/text';

/** The parts of FileSystemFileHandle the writer uses. */
export interface BundleFileHandle {
  readonly kind: 'file';
  getFile(): Promise<{ text(): Promise<string> }>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}

/** The parts of FileSystemDirectoryHandle the writer uses. */
export interface BundleDirectoryHandle {
  readonly kind: 'directory';
  readonly name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<BundleDirectoryHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<BundleFileHandle>;
  removeEntry(name: string): Promise<void>;
  entries(): AsyncIterable<[string, BundleDirectoryHandle | BundleFileHandle]>;
}

/** A refusal the user can act on; nothing was written. */
export class BundleRefusal extends Error {
  override readonly name = 'BundleRefusal';
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

function segments(path: string): string[] {
  if (!isSafeBundlePath(path)) throw new BundleRefusal(`refusing the unsafe path "${path}"`);
  return path.split('/');
}

/** The folder holding `path`, or undefined when a folder on the way does not exist. */
async function folderOf(
  root: BundleDirectoryHandle,
  path: string,
  create: boolean,
): Promise<BundleDirectoryHandle | undefined> {
  let dir = root;
  for (const name of segments(path).slice(0, -1)) {
    try {
      dir = await dir.getDirectoryHandle(name, { create });
    } catch (error) {
      if (!create && isNotFound(error)) return undefined;
      throw error;
    }
  }
  return dir;
}

/** The text of a file of the folder, or undefined when it is not there. */
async function readText(root: BundleDirectoryHandle, path: string): Promise<string | undefined> {
  const dir = await folderOf(root, path, false);
  if (!dir) return undefined;
  try {
    const handle = await dir.getFileHandle(segments(path).at(-1)!);
    return await (await handle.getFile()).text();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function writeText(root: BundleDirectoryHandle, path: string, content: string): Promise<void> {
  const dir = (await folderOf(root, path, true))!;
  const handle = await dir.getFileHandle(segments(path).at(-1)!, { create: true });
  const writable = await handle.createWritable();
  await writable.write(content);
  await writable.close();
}

async function isEmpty(dir: BundleDirectoryHandle): Promise<boolean> {
  for await (const entry of dir.entries()) if (entry) return false;
  return true;
}

/** Deletes a file, then the folders it leaves empty. */
async function removeFile(root: BundleDirectoryHandle, path: string): Promise<void> {
  const names = segments(path);
  const chain: BundleDirectoryHandle[] = [root];
  for (const name of names.slice(0, -1)) {
    try {
      chain.push(await chain.at(-1)!.getDirectoryHandle(name));
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
  }
  try {
    await chain.at(-1)!.removeEntry(names.at(-1)!);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  for (let i = chain.length - 1; i > 0; i--) {
    if (!(await isEmpty(chain[i]!))) return;
    await chain[i - 1]!.removeEntry(names[i - 1]!);
  }
}

/** The previous export's manifest entries (path to digest), or null; a bundle.json not ours refuses. */
async function previousManifest(root: BundleDirectoryHandle): Promise<ReadonlyMap<string, string> | null> {
  const text = await readText(root, MANIFEST_PATH);
  if (text === undefined) return null;
  const files = manifestFiles(text);
  if (!files)
    throw new BundleRefusal(`${root.name}/${MANIFEST_PATH} exists but is not a bundle manifest of ours`);
  for (const path of files.keys()) segments(path);
  return files;
}

/** What the folder holds: the previous export's files with their text, and the new files in the way. */
export async function inspectBundleDirectory(
  root: BundleDirectoryHandle,
  planned: readonly string[],
): Promise<{
  readonly previous: readonly BundleFileText[] | null;
  readonly foreign: readonly string[];
  readonly problem?: string;
}> {
  try {
    const listed = await previousManifest(root);
    let previous: BundleFileText[] | null = null;
    if (listed) {
      previous = [];
      for (const path of [...listed.keys()].sort(compareStrings)) {
        const content = await readText(root, path);
        if (content !== undefined) previous.push({ path, content });
      }
    }
    const foreign: string[] = [];
    for (const path of planned) {
      if (listed?.has(path)) continue;
      if ((await readText(root, path)) !== undefined) foreign.push(path);
    }
    return { previous, foreign: foreign.sort(compareStrings) };
  } catch (error) {
    if (error instanceof BundleRefusal) return { previous: null, foreign: [], problem: error.message };
    throw error;
  }
}

/** Writes `files` (bundle.json among them) into the folder, as described at the top of this module. */
export async function writeBundleDirectory(
  root: BundleDirectoryHandle,
  files: readonly BundleFileText[],
): Promise<Omit<WrittenBundle, 'label'>> {
  const paths = files.map((file) => file.path);
  if (new Set(paths).size !== paths.length) throw new BundleRefusal('the bundle lists a file twice');
  const manifest = files.find((file) => file.path === MANIFEST_PATH);
  if (!manifest) throw new BundleRefusal(`the bundle has no ${MANIFEST_PATH}`);
  for (const path of paths) segments(path);

  const listed = (await previousManifest(root)) ?? new Map<string, string>();
  const editedByHand: string[] = [];
  const existingStale: string[] = [];
  const next = new Set(paths);
  for (const path of paths) {
    const current = await readText(root, path);
    if (current === undefined) continue;
    if (!listed.has(path)) {
      throw new BundleRefusal(
        `${root.name}/${path} exists and was not written by a previous export; move it away or choose another folder`,
      );
    }
    const digest = listed.get(path);
    if (digest && sha256Hex(utf8Bytes(current)) !== digest) editedByHand.push(path);
  }
  for (const [path, digest] of listed) {
    if (next.has(path)) continue;
    const current = await readText(root, path);
    if (current === undefined) continue;
    existingStale.push(path);
    if (digest && sha256Hex(utf8Bytes(current)) !== digest) editedByHand.push(path);
  }

  await writeText(root, MANIFEST_PATH, interimManifest([...listed.keys(), ...paths]));
  for (const file of files) if (file.path !== MANIFEST_PATH) await writeText(root, file.path, file.content);
  await writeText(root, MANIFEST_PATH, manifest.content);
  for (const path of existingStale) await removeFile(root, path);
  return {
    written: files.length,
    removed: existingStale.sort(compareStrings),
    editedByHand: editedByHand.sort(compareStrings),
  };
}
