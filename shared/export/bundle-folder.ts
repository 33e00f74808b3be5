// What a folder already holds, from the point of view of the next export: which files the previous
// export's bundle.json lists (the only files an export may replace or delete), and how each file of the
// new bundle differs from it. Used by the Export dialog's file tree and diff, by the browser host's folder
// writer and by node/bundle-writer.ts, so every host judges ownership the same way.
import { compareStrings } from '../util/text';
import type { BundleFile } from './types';
import { BUNDLE_FORMAT, MANIFEST_PATH } from './types';

/**
 * The files a `bundle.json` lists, by path, with their SHA-256 (bundle.json itself included, with no
 * digest); undefined when the text is not a manifest of ours. Entries that are not a path and a digest are
 * skipped; the paths are as written, so a caller must still check that each stays inside the folder.
 */
export function manifestFiles(text: string): ReadonlyMap<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const manifest = parsed as { format?: unknown; files?: unknown } | null;
  if (manifest?.format !== BUNDLE_FORMAT || !Array.isArray(manifest.files)) return undefined;
  const files = new Map<string, string>();
  for (const entry of manifest.files as ({ path?: unknown; sha256?: unknown } | null)[]) {
    if (typeof entry?.path !== 'string' || typeof entry.sha256 !== 'string') continue;
    files.set(entry.path, entry.sha256);
  }
  files.set(MANIFEST_PATH, '');
  return files;
}

/**
 * A manifest that claims `paths` (with no digests), written before the files of an export that cannot be
 * swapped in at once: if it stops half-way, the next export still recognises every file as its own.
 */
export function interimManifest(paths: readonly string[]): string {
  const files = [...new Set(paths)]
    .filter((path) => path !== MANIFEST_PATH)
    .sort(compareStrings)
    .map((path) => ({ path, sha256: '', size: 0 }));
  return `${JSON.stringify({ format: BUNDLE_FORMAT, interrupted: true, files }, null, 2)}\n`;
}

/** How one file of the new bundle compares with the folder's previous export. */
export type BundleChangeKind = 'added' | 'changed' | 'unchanged' | 'removed';

export interface BundleChange {
  readonly path: string;
  readonly kind: BundleChangeKind;
  /** The new text (absent for a removed file). */
  readonly next?: string;
  /** The previous export's text (absent for an added file). */
  readonly previous?: string;
}

/** Every file of `next` and of `previous`, sorted by path, with what the export does to it. */
export function diffBundles(
  previous: readonly BundleFile[] | null,
  next: readonly BundleFile[],
): readonly BundleChange[] {
  const before = new Map((previous ?? []).map((file) => [file.path, file.content]));
  const changes: BundleChange[] = next.map((file) => {
    const old = before.get(file.path);
    if (old === undefined) return { path: file.path, kind: 'added', next: file.content };
    return {
      path: file.path,
      kind: old === file.content ? 'unchanged' : 'changed',
      next: file.content,
      previous: old,
    };
  });
  const kept = new Set(next.map((file) => file.path));
  for (const [path, content] of before) {
    if (!kept.has(path)) changes.push({ path, kind: 'removed', previous: content });
  }
  return changes.sort((a, b) => compareStrings(a.path, b.path));
}

/** How many files of each kind a diff holds. */
export function countChanges(changes: readonly BundleChange[]): Readonly<Record<BundleChangeKind, number>> {
  const counts = { added: 0, changed: 0, unchanged: 0, removed: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}
