import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostResult } from '../ipc/contract';
import type { FileSystem } from './atomic-file';
import { isTempFileName, nodeFileSystem, writeFileAtomic, writeFileAtomicSync } from './atomic-file';
import type { FileChange } from './file-service';
import {
  FILE_ERRORS,
  FileService,
  hasOpenExtension,
  hasSaveExtension,
  withSaveExtension,
} from './file-service';
import { DESIGN, fsFailingWrites, fsWith, OTHER_DESIGN, systemError, tempFolders } from './test-support/temp';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function errorCodeOf(result: HostResult<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

function valueOf<T>(result: HostResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const isPosix = process.platform !== 'win32';

describe('file names', () => {
  it('saves only .topo.yaml and opens .topo.yaml, .yaml and .yml', () => {
    expect(hasSaveExtension('/a/prod.topo.yaml')).toBe(true);
    expect(hasSaveExtension('/a/PROD.TOPO.YAML')).toBe(true);
    expect(hasSaveExtension('/a/prod.yaml')).toBe(false);
    expect(hasSaveExtension('/a/.topo.yaml')).toBe(false);
    expect(hasOpenExtension('/a/prod.yml')).toBe(true);
    expect(hasOpenExtension('/a/prod.yaml')).toBe(true);
    expect(hasOpenExtension('/a/prod.json')).toBe(false);
  });

  it('turns a name chosen in Save As into a .topo.yaml name', () => {
    expect(withSaveExtension('/a/prod')).toBe('/a/prod.topo.yaml');
    expect(withSaveExtension('/a/prod.yaml')).toBe('/a/prod.topo.yaml');
    expect(withSaveExtension('/a/prod.YML')).toBe('/a/prod.topo.yaml');
    expect(withSaveExtension('/a/prod.topo.yaml')).toBe('/a/prod.topo.yaml');
  });
});

describe('atomic write', () => {
  it('replaces the content and leaves no temporary file', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'a.topo.yaml');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.topo.yaml']);
  });

  it('keeps the old file and removes the temporary one when the rename fails', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'a.topo.yaml');
    writeFileSync(target, 'old');
    const fs = fsWith({ rename: () => Promise.reject(systemError('EIO')) });
    await expect(writeFileAtomic(target, 'new', { fs })).rejects.toThrow('EIO');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.topo.yaml']);
  });

  it.each(['writeFile', 'sync'] as const)('keeps the old file when %s fails (disk full)', async (step) => {
    const dir = folders.make();
    const target = path.join(dir, 'a.topo.yaml');
    writeFileSync(target, 'old');
    const fs = fsFailingWrites(step, systemError('ENOSPC'));
    await expect(writeFileAtomic(target, 'new', { fs })).rejects.toThrow('ENOSPC');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.topo.yaml']);
  });

  it('names temporary files so that a crash leaves a recognisable hidden file', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'a.topo.yaml');
    let seen = '';
    const fs = fsWith({
      rename: (from, to) => {
        seen = path.basename(String(from));
        return Promise.reject(systemError('EIO', String(to)));
      },
    });
    await expect(writeFileAtomic(target, 'x', { fs })).rejects.toThrow();
    expect(seen.startsWith('.a.topo.yaml.')).toBe(true);
    expect(isTempFileName(seen)).toBe(true);
    expect(isTempFileName('a.topo.yaml')).toBe(false);
  });

  it('has a synchronous form for quitting', () => {
    const dir = folders.make();
    const target = path.join(dir, 'state.json');
    writeFileAtomicSync(target, '{"a":1}');
    writeFileAtomicSync(target, '{"a":2}');
    expect(readFileSync(target, 'utf8')).toBe('{"a":2}');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });
});

describe('FileService.save', () => {
  it('round-trips the text and reports the new mtime', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    const service = new FileService();
    const saved = valueOf(await service.save({ path: target, text: DESIGN }));
    expect(saved).toEqual({ path: target, name: 'design.topo.yaml', mtimeMs: statSync(target).mtimeMs });
    expect(readFileSync(target, 'utf8')).toBe(DESIGN);
    const opened = valueOf(await service.open(target));
    expect(opened).toEqual({ path: target, name: 'design.topo.yaml', text: DESIGN, mtimeMs: saved.mtimeMs });
  });

  it.skipIf(!isPosix)('keeps the mode of the file it replaces', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    writeFileSync(target, DESIGN);
    chmodSync(target, 0o640);
    valueOf(await new FileService().save({ path: target, text: OTHER_DESIGN }));
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toBe(OTHER_DESIGN);
  });

  it.skipIf(!isPosix)('creates new files with the default mode (0666 minus the umask)', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'new.topo.yaml');
    valueOf(await new FileService().save({ path: target, text: DESIGN }));
    const umask = process.umask();
    expect(statSync(target).mode & 0o777).toBe(0o666 & ~umask);
  });

  it('leaves the old file intact and no temporary file when the rename fails', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    writeFileSync(target, DESIGN);
    const service = new FileService({ fs: fsWith({ rename: () => Promise.reject(systemError('EXDEV')) }) });
    const result = await service.save({ path: target, text: OTHER_DESIGN });
    expect(errorCodeOf(result)).toBe(FILE_ERRORS.writeFailed);
    expect(result.ok ? '' : result.error.message).toMatch(/not changed/);
    expect(readFileSync(target, 'utf8')).toBe(DESIGN);
    expect(readdirSync(dir)).toEqual(['design.topo.yaml']);
  });

  it('reports a full disk in words and keeps the old file', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    writeFileSync(target, DESIGN);
    const service = new FileService({ fs: fsFailingWrites('writeFile', systemError('ENOSPC')) });
    const result = await service.save({ path: target, text: OTHER_DESIGN });
    expect(errorCodeOf(result)).toBe(FILE_ERRORS.diskFull);
    expect(readFileSync(target, 'utf8')).toBe(DESIGN);
    expect(readdirSync(dir)).toEqual(['design.topo.yaml']);
  });

  it('refuses a relative path', async () => {
    const result = await new FileService().save({ path: 'design.topo.yaml', text: DESIGN });
    expect(errorCodeOf(result)).toBe(FILE_ERRORS.notAbsolute);
    expect(existsSync('design.topo.yaml')).toBe(false);
  });

  it('refuses names that are not .topo.yaml', async () => {
    const dir = folders.make();
    for (const name of ['design.yaml', 'design.yml', 'design.txt', 'kustomization.yaml']) {
      const result = await new FileService().save({ path: path.join(dir, name), text: DESIGN });
      expect(errorCodeOf(result)).toBe(FILE_ERRORS.wrongExtension);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(!isPosix)(
    'refuses to save over a symbolic link, and leaves the link and its target alone',
    async () => {
      const dir = folders.make();
      const real = path.join(dir, 'real.topo.yaml');
      const link = path.join(dir, 'link.topo.yaml');
      writeFileSync(real, DESIGN);
      symlinkSync(real, link);
      const result = await new FileService().save({ path: link, text: OTHER_DESIGN });
      expect(errorCodeOf(result)).toBe(FILE_ERRORS.symlink);
      expect(readFileSync(real, 'utf8')).toBe(DESIGN);
      expect(readdirSync(dir).sort()).toEqual(['link.topo.yaml', 'real.topo.yaml']);
    },
  );

  it('refuses a folder', async () => {
    const dir = folders.make();
    const folder = path.join(dir, 'folder.topo.yaml');
    mkdirSync(folder);
    const result = await new FileService().save({ path: folder, text: DESIGN });
    expect(errorCodeOf(result)).toBe(FILE_ERRORS.notAFile);
  });

  it('refuses text that would not load back, and writes nothing', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    writeFileSync(target, DESIGN);
    for (const text of [
      '',
      'not: a design',
      'apiVersion: [',
      DESIGN.replace('kind: Topology', 'kind: Other'),
    ]) {
      const result = await new FileService().save({ path: target, text });
      expect(errorCodeOf(result)).toBe(FILE_ERRORS.unloadable);
    }
    expect(readFileSync(target, 'utf8')).toBe(DESIGN);
    expect(readdirSync(dir)).toEqual(['design.topo.yaml']);
  });

  it('refuses a design larger than the limit', async () => {
    const dir = folders.make();
    const result = await new FileService({ maxBytes: 1024 }).save({
      path: path.join(dir, 'big.topo.yaml'),
      text: `${DESIGN}\n${'#'.repeat(2048)}\n`,
    });
    expect(errorCodeOf(result)).toBe(FILE_ERRORS.tooLarge);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder that does not exist', async () => {
    const dir = folders.make();
    const result = await new FileService().save({
      path: path.join(dir, 'missing', 'a.topo.yaml'),
      text: DESIGN,
    });
    expect(errorCodeOf(result)).toBe(FILE_ERRORS.folderMissing);
  });

  it('detects a change on disk since the file was read, and overwrites only when asked', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    writeFileSync(target, DESIGN);
    const service = new FileService();
    const opened = valueOf(await service.open(target));
    // Someone else writes the file (with a clearly different mtime).
    writeFileSync(target, OTHER_DESIGN);
    const later = new Date(Math.floor(opened.mtimeMs!) + 5_000);
    utimesSync(target, later, later);

    const conflict = await service.save({ path: target, text: DESIGN, expectedMtimeMs: opened.mtimeMs });
    expect(errorCodeOf(conflict)).toBe(FILE_ERRORS.changedOnDisk);
    expect(readFileSync(target, 'utf8')).toBe(OTHER_DESIGN);

    const forced = await service.save({
      path: target,
      text: DESIGN,
      expectedMtimeMs: opened.mtimeMs,
      overwrite: true,
    });
    expect(forced.ok).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(DESIGN);

    const again = await service.save({
      path: target,
      text: OTHER_DESIGN,
      expectedMtimeMs: valueOf(forced).mtimeMs,
    });
    expect(again.ok).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(OTHER_DESIGN);
  });

  it('runs saves to one file one after the other', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    const service = new FileService();
    const results = await Promise.all([
      service.save({ path: target, text: DESIGN }),
      service.save({ path: target, text: OTHER_DESIGN }),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(OTHER_DESIGN);
    expect(readdirSync(dir)).toEqual(['design.topo.yaml']);
  });
});

describe('FileService.open', () => {
  it('opens .yaml and .yml files too', async () => {
    const dir = folders.make();
    for (const name of ['a.yaml', 'b.yml']) {
      writeFileSync(path.join(dir, name), DESIGN);
      expect(valueOf(await new FileService().open(path.join(dir, name))).text).toBe(DESIGN);
    }
  });

  it('refuses relative paths, other extensions, missing files and folders', async () => {
    const dir = folders.make();
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    mkdirSync(path.join(dir, 'folder.topo.yaml'));
    const service = new FileService();
    expect(errorCodeOf(await service.open('design.topo.yaml'))).toBe(FILE_ERRORS.notAbsolute);
    expect(errorCodeOf(await service.open(path.join(dir, 'notes.txt')))).toBe(FILE_ERRORS.wrongExtension);
    expect(errorCodeOf(await service.open(path.join(dir, 'missing.topo.yaml')))).toBe(FILE_ERRORS.notFound);
    expect(errorCodeOf(await service.open(path.join(dir, 'folder.topo.yaml')))).toBe(FILE_ERRORS.notAFile);
  });

  it('refuses files over 10 MiB without reading them', async () => {
    const dir = folders.make();
    const big = path.join(dir, 'big.topo.yaml');
    writeFileSync(big, '');
    truncateSync(big, 10 * 1024 * 1024 + 1); // sparse: no 10 MiB written
    let opened = false;
    const service = new FileService({
      fs: fsWith({
        open: ((...args: Parameters<FileSystem['open']>) => {
          opened = true;
          return nodeFileSystem.open(...args);
        }) as FileSystem['open'],
      }),
    });
    const result = await service.open(big);
    expect(errorCodeOf(result)).toBe(FILE_ERRORS.tooLarge);
    expect(opened).toBe(false);
  });

  it('accepts a file of exactly the limit', async () => {
    const dir = folders.make();
    const file = path.join(dir, 'edge.topo.yaml');
    writeFileSync(file, 'a'.repeat(1024));
    expect(valueOf(await new FileService({ maxBytes: 1024 }).open(file)).text).toHaveLength(1024);
    writeFileSync(file, 'a'.repeat(1025));
    expect(errorCodeOf(await new FileService({ maxBytes: 1024 }).open(file))).toBe(FILE_ERRORS.tooLarge);
  });

  it('refuses text that is not UTF-8, and drops a UTF-8 byte order mark', async () => {
    const dir = folders.make();
    const latin1 = path.join(dir, 'latin1.topo.yaml');
    writeFileSync(latin1, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(errorCodeOf(await new FileService().open(latin1))).toBe(FILE_ERRORS.notUtf8);
    const bom = path.join(dir, 'bom.topo.yaml');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DESIGN)]));
    expect(valueOf(await new FileService().open(bom)).text).toBe(DESIGN);
  });

  it.skipIf(!isPosix || process.getuid?.() === 0)('reports a file it may not read', async () => {
    const dir = folders.make();
    const file = path.join(dir, 'secret.topo.yaml');
    writeFileSync(file, DESIGN);
    chmodSync(file, 0o000);
    expect(errorCodeOf(await new FileService().open(file))).toBe(FILE_ERRORS.permissionDenied);
  });
});

describe('FileService.watch', () => {
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error('timed out');
      await settle(20);
    }
  }

  it('reports a change by someone else once, debounced', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    writeFileSync(target, DESIGN);
    const service = new FileService();
    valueOf(await service.open(target));
    const changes: FileChange[] = [];
    const watch = service.watch(target, (change) => changes.push(change), { debounceMs: 80 });
    try {
      await settle(50);
      writeFileSync(target, OTHER_DESIGN);
      writeFileSync(target, `${OTHER_DESIGN}\n`);
      await waitFor(() => changes.length > 0);
      await settle(300);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toEqual({ path: target, mtimeMs: statSync(target).mtimeMs });
    } finally {
      watch.close();
    }
  });

  it('ignores our own saves and other files in the folder', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    const service = new FileService();
    valueOf(await service.save({ path: target, text: DESIGN }));
    const changes: FileChange[] = [];
    const watch = service.watch(target, (change) => changes.push(change), { debounceMs: 30 });
    try {
      await settle(50);
      valueOf(await service.save({ path: target, text: OTHER_DESIGN }));
      writeFileSync(path.join(dir, 'other.topo.yaml'), DESIGN);
      await settle(400);
      expect(changes).toEqual([]);
    } finally {
      watch.close();
    }
  });

  it('stops after close', async () => {
    const dir = folders.make();
    const target = path.join(dir, 'design.topo.yaml');
    writeFileSync(target, DESIGN);
    const service = new FileService();
    const changes: FileChange[] = [];
    service.watch(target, (change) => changes.push(change), { debounceMs: 20 }).close();
    writeFileSync(target, OTHER_DESIGN);
    await settle(200);
    expect(changes).toEqual([]);
  });
});
