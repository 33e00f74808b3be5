// The recently opened files: newest first, at most ten, no duplicates, kept in `<userData>/recent-files.json`
// (written atomically, validated on read: a damaged file gives an empty list, never a crash).
import path from 'node:path';
import { z } from 'zod';
import type { FileSystem } from './atomic-file';
import { nodeFileSystem, writeFileAtomic } from './atomic-file';

export const MAX_RECENT_FILES = 10;

const RecentFileSchema = z.object({
  version: z.literal(1),
  paths: z.array(z.string()).max(100),
});

/** The list with `filePath` moved or added to the front. */
export function withRecent(list: readonly string[], filePath: string): string[] {
  return [filePath, ...list.filter((entry) => entry !== filePath)].slice(0, MAX_RECENT_FILES);
}

/** The list as read from disk: absolute paths only, deduplicated, at most MAX_RECENT_FILES. */
export function parseRecentFiles(text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = RecentFileSchema.safeParse(data);
  if (!parsed.success) return [];
  const out: string[] = [];
  for (const entry of parsed.data.paths) {
    if (entry.length === 0 || entry.includes('\0') || !path.isAbsolute(entry) || out.includes(entry))
      continue;
    out.push(entry);
    if (out.length === MAX_RECENT_FILES) break;
  }
  return out;
}

export class RecentFiles {
  private readonly file: string;
  private readonly fs: FileSystem;
  private cache: string[] | undefined;
  private loading: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(options: { file: string; fs?: FileSystem }) {
    this.file = options.file;
    this.fs = options.fs ?? nodeFileSystem;
  }

  async list(): Promise<readonly string[]> {
    // One read, shared by every caller that arrives before it finishes.
    this.loading ??= this.fs
      .readFile(this.file, 'utf8')
      .then(parseRecentFiles, () => [] as string[])
      .then((list) => {
        this.cache ??= list;
      });
    await this.loading;
    return [...(this.cache ?? [])];
  }

  async includes(filePath: string): Promise<boolean> {
    return (await this.list()).includes(filePath);
  }

  async add(filePath: string): Promise<readonly string[]> {
    return this.update((list) => withRecent(list, filePath));
  }

  async remove(filePath: string): Promise<readonly string[]> {
    return this.update((list) => list.filter((entry) => entry !== filePath));
  }

  async clear(): Promise<readonly string[]> {
    return this.update(() => []);
  }

  private async update(change: (list: readonly string[]) => string[]): Promise<readonly string[]> {
    await this.list();
    // Read and replace the cache in one synchronous step, so concurrent updates do not lose each other.
    const next = change(this.cache ?? []);
    this.cache = next;
    const data = JSON.stringify({ version: 1, paths: next }, null, 2);
    // One write at a time, in order; a failed write leaves the previous file (the list still works in memory).
    this.writing = this.writing
      .catch(() => undefined)
      .then(() => this.fs.mkdir(path.dirname(this.file), { recursive: true }))
      .then(() => writeFileAtomic(this.file, data, { fs: this.fs }));
    await this.writing;
    return [...next];
  }
}
