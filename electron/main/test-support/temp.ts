// Helpers for the main-process tests: throwaway folders, a valid design, and a file system whose steps
// can be made to fail (to simulate a crash, a full disk or a refused rename in the middle of a save).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSystem } from '../atomic-file';
import { nodeFileSystem } from '../atomic-file';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A valid `.topo.yaml` (a shipped template). */
export const DESIGN = readFileSync(
  path.join(ROOT, 'resources', 'templates', 'single-cluster-startup.topo.yaml'),
  'utf8',
);
/** Another valid design, to tell versions apart. */
export const OTHER_DESIGN = DESIGN.replace('name: Single-cluster startup', 'name: Single-cluster startup v2');

/** Creates temporary folders and removes them all in `cleanup` (call it from afterEach). */
export function tempFolders() {
  const made: string[] = [];
  return {
    make(prefix = 'topo-electron-'): string {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function systemError(code: string, message = code): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** The real file system with some calls replaced. */
export function fsWith(overrides: Partial<FileSystem>): FileSystem {
  return { ...nodeFileSystem, ...overrides };
}

/** A file system whose opened files fail at `writeFile` or `sync` (the disk fills up mid-save). */
export function fsFailingWrites(step: 'writeFile' | 'sync', error: Error): FileSystem {
  return fsWith({
    open: (async (...args: Parameters<FileSystem['open']>) => {
      const handle: FileHandle = await nodeFileSystem.open(...args);
      if (args[1] !== 'wx') return handle;
      return new Proxy(handle, {
        get(target, property, receiver) {
          if (property === step) return async () => Promise.reject(error);
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    }) as FileSystem['open'],
  });
}
