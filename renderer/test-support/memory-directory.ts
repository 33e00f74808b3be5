// A folder in memory with the File System Access methods the bundle writer uses, for tests: it throws
// NotFoundError and TypeMismatchError as Chromium does, and can be told to fail a write.
import type { BundleDirectoryHandle, BundleFileHandle } from '../host/bundle-directory';

export interface MemoryDirectory extends BundleDirectoryHandle {
  /** Every file under this folder, by path with forward slashes, sorted. */
  files(): Record<string, string>;
  /** Puts a file (and its folders) in place, as someone else would. */
  put(path: string, content: string): void;
  /** Makes writing the file at this path (relative to this folder) throw, once. */
  failNextWriteOf: string | undefined;
}

function domError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A new, empty folder called `name`. */
export function createMemoryDirectory(name: string, root?: MemoryDirectory, prefix = ''): MemoryDirectory {
  const dirs = new Map<string, MemoryDirectory>();
  const texts = new Map<string, string>();
  const top = (): MemoryDirectory => root ?? self;
  const fileHandle = (file: string): BundleFileHandle => ({
    kind: 'file',
    getFile: async () => {
      const text = texts.get(file);
      if (text === undefined) throw domError('NotFoundError', `${file} was removed`);
      return { text: async () => text };
    },
    createWritable: async () => {
      let buffer = '';
      return {
        write: async (data: string) => {
          buffer += data;
        },
        close: async () => {
          if (top().failNextWriteOf === prefix + file) {
            top().failNextWriteOf = undefined;
            throw domError('QuotaExceededError', 'the disk is full');
          }
          texts.set(file, buffer);
        },
      };
    },
  });
  const self: MemoryDirectory = {
    kind: 'directory',
    name,
    failNextWriteOf: undefined,
    async getDirectoryHandle(child, options) {
      if (texts.has(child)) throw domError('TypeMismatchError', `${child} is a file`);
      let dir = dirs.get(child);
      if (!dir) {
        if (!options?.create) throw domError('NotFoundError', `${child} not found`);
        dir = createMemoryDirectory(child, top(), `${prefix}${child}/`);
        dirs.set(child, dir);
      }
      return dir;
    },
    async getFileHandle(child, options) {
      if (dirs.has(child)) throw domError('TypeMismatchError', `${child} is a folder`);
      if (!texts.has(child)) {
        if (!options?.create) throw domError('NotFoundError', `${child} not found`);
        texts.set(child, '');
      }
      return fileHandle(child);
    },
    async removeEntry(child) {
      if (!texts.delete(child) && !dirs.delete(child)) throw domError('NotFoundError', `${child} not found`);
    },
    async *entries() {
      for (const [child, dir] of dirs) yield [child, dir] as [string, BundleDirectoryHandle];
      for (const child of texts.keys()) yield [child, fileHandle(child)] as [string, BundleFileHandle];
    },
    files() {
      const all: Record<string, string> = {};
      for (const [child, text] of texts) all[child] = text;
      for (const [child, dir] of dirs) {
        for (const [path, text] of Object.entries(dir.files())) all[`${child}/${path}`] = text;
      }
      return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
    },
    put(path, content) {
      const [first, ...rest] = path.split('/');
      if (rest.length === 0) {
        texts.set(first!, content);
        return;
      }
      let dir = dirs.get(first!);
      if (!dir) {
        dir = createMemoryDirectory(first!, top(), `${prefix}${first}/`);
        dirs.set(first!, dir);
      }
      dir.put(rest.join('/'), content);
    },
  };
  return self;
}
