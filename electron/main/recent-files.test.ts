import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECENT_FILES, parseRecentFiles, RecentFiles, withRecent } from './recent-files';
import { fsWith, systemError, tempFolders } from './test-support/temp';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const abs = (name: string) => path.resolve('/designs', name);

describe('withRecent', () => {
  it('puts the file first, without duplicates, at most ten', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = withRecent(list, abs(`d${i}.topo.yaml`));
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(list[0]).toBe(abs('d11.topo.yaml'));
    list = withRecent(list, abs('d5.topo.yaml'));
    expect(list[0]).toBe(abs('d5.topo.yaml'));
    expect(list.filter((entry) => entry === abs('d5.topo.yaml'))).toHaveLength(1);
    expect(list).toHaveLength(MAX_RECENT_FILES);
  });
});

describe('parseRecentFiles', () => {
  it('gives an empty list for anything damaged', () => {
    for (const text of ['', 'nope', '[]', '{"version":2,"paths":[]}', '{"version":1,"paths":"x"}', 'null']) {
      expect(parseRecentFiles(text)).toEqual([]);
    }
  });

  it('keeps absolute paths only, once each, at most ten', () => {
    const paths = ['relative.topo.yaml', abs('a.topo.yaml'), abs('a.topo.yaml'), '', 'x\0y'];
    for (let i = 0; i < 15; i++) paths.push(abs(`n${i}.topo.yaml`));
    const list = parseRecentFiles(JSON.stringify({ version: 1, paths }));
    expect(list[0]).toBe(abs('a.topo.yaml'));
    expect(list).toHaveLength(MAX_RECENT_FILES);
    expect(list.every((entry) => path.isAbsolute(entry))).toBe(true);
  });
});

describe('RecentFiles', () => {
  it('persists the list atomically and reads it back in a new run', async () => {
    const dir = folders.make();
    const file = path.join(dir, 'nested', 'recent-files.json');
    const recent = new RecentFiles({ file });
    await recent.add(abs('a.topo.yaml'));
    await recent.add(abs('b.topo.yaml'));
    await recent.add(abs('a.topo.yaml'));
    expect(await new RecentFiles({ file }).list()).toEqual([abs('a.topo.yaml'), abs('b.topo.yaml')]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      paths: [abs('a.topo.yaml'), abs('b.topo.yaml')],
    });
    expect(readdirSync(path.dirname(file))).toEqual(['recent-files.json']);
    await recent.remove(abs('a.topo.yaml'));
    expect(await new RecentFiles({ file }).list()).toEqual([abs('b.topo.yaml')]);
    expect(await recent.includes(abs('b.topo.yaml'))).toBe(true);
    await recent.clear();
    expect(await new RecentFiles({ file }).list()).toEqual([]);
  });

  it('does not lose entries added at the same time', async () => {
    const file = path.join(folders.make(), 'recent-files.json');
    const recent = new RecentFiles({ file });
    await Promise.all(
      [abs('a.topo.yaml'), abs('b.topo.yaml'), abs('c.topo.yaml')].map((entry) => recent.add(entry)),
    );
    expect([...(await new RecentFiles({ file }).list())].sort()).toEqual([
      abs('a.topo.yaml'),
      abs('b.topo.yaml'),
      abs('c.topo.yaml'),
    ]);
  });

  it('starts empty from a damaged file', async () => {
    const file = path.join(folders.make(), 'recent-files.json');
    writeFileSync(file, '{ garbage');
    expect(await new RecentFiles({ file }).list()).toEqual([]);
  });

  it('keeps the previous file when a write fails', async () => {
    const file = path.join(folders.make(), 'recent-files.json');
    await new RecentFiles({ file }).add(abs('a.topo.yaml'));
    const failing = new RecentFiles({
      file,
      fs: fsWith({ rename: () => Promise.reject(systemError('EIO')) }),
    });
    await expect(failing.add(abs('b.topo.yaml'))).rejects.toThrow('EIO');
    expect(await new RecentFiles({ file }).list()).toEqual([abs('a.topo.yaml')]);
  });
});
