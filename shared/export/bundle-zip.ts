// The bundle as one .zip file, for where it cannot be written into a folder (a browser without the File
// System Access API) or when the user wants it as one file to hand on. The files are under one top folder,
// so unpacking the archive never scatters them. The archive is reproducible: every entry carries the same
// timestamp (1980-01-01 12:00, local time, the earliest a zip can hold, as reproducible builds do), the
// entries are in path order and compressed the same way, so the same bundle gives the same bytes.
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { compareStrings } from '../util/text';
import { isSafeBundlePath } from './bundle';
import type { BundleFile } from './types';

/** The timestamp of every entry: a date without an offset is read as local time, the time a zip stores. */
const ENTRY_TIME = '1980-01-01T12:00:00';

/** The media type of the archive. */
export const ZIP_MIME_TYPE = 'application/zip';

/**
 * The bundle's files as the bytes of a .zip archive, each under `folder/` (a plain name: no slash, not `.`
 * or `..`). Throws on a path the bundle writer would refuse, so an archive never holds what a folder could not.
 */
export function bundleZip(files: readonly BundleFile[], folder: string): Uint8Array {
  if (!isSafeBundlePath(folder) || folder.includes('/')) {
    throw new Error(`"${folder}" cannot name the archive's folder`);
  }
  const entries: Zippable = {};
  for (const file of [...files].sort((a, b) => compareStrings(a.path, b.path))) {
    if (!isSafeBundlePath(file.path)) throw new Error(`refusing the unsafe path "${file.path}"`);
    const name = `${folder}/${file.path}`;
    if (name in entries) throw new Error(`the bundle lists ${file.path} twice`);
    entries[name] = [strToU8(file.content), { mtime: ENTRY_TIME }];
  }
  return zipSync(entries, { level: 6 });
}
