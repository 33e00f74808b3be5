import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BundleFile } from '../shared/export/types';
import { BUNDLE_FORMAT } from '../shared/export/types';
import { BundleWriteError, inspectBundleFolder, writeBundle } from './bundle-writer';

let base: string;
let out: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'topo-write-'));
  out = path.join(base, 'bundle');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

/** A bundle with the given files and a manifest that lists them. */
function bundle(files: Record<string, string>): BundleFile[] {
  const list = Object.entries(files).map(([p, content]) => ({ path: p, content }));
  const manifest = {
    format: BUNDLE_FORMAT,
    files: list.map((f) => ({ path: f.path, sha256: 'x', size: 0 })),
  };
  return [...list, { path: 'bundle.json', content: JSON.stringify(manifest) }];
}

const read = (p: string) => readFileSync(path.join(out, p), 'utf8');
/** Everything under a folder, as relative paths. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tree(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

describe('writeBundle', () => {
  it('writes a new folder and leaves no temporary folders behind', async () => {
    await writeBundle(out, bundle({ 'a/b.yaml': 'b', 'c.md': 'c' }));
    expect(tree(out)).toEqual(['a/b.yaml', 'bundle.json', 'c.md']);
    expect(readdirSync(base)).toEqual(['bundle']);
  });

  it('replaces its previous bundle: stale files removed, foreign files kept', async () => {
    await writeBundle(out, bundle({ 'k8s/old.yaml': 'old', 'k8s/same.yaml': 'v1', 'gone/only.yaml': 'x' }));
    writeFileSync(path.join(out, 'NOTES.md'), 'mine');
    writeFileSync(path.join(out, 'k8s', 'extra.yaml'), 'mine too');
    const result = await writeBundle(out, bundle({ 'k8s/same.yaml': 'v2', 'k8s/new.yaml': 'new' }));
    expect(tree(out)).toEqual(['NOTES.md', 'bundle.json', 'k8s/extra.yaml', 'k8s/new.yaml', 'k8s/same.yaml']);
    expect(read('k8s/same.yaml')).toBe('v2');
    expect(read('NOTES.md')).toBe('mine');
    expect([...result.removed].sort()).toEqual(['gone/only.yaml', 'k8s/old.yaml']);
    expect(readdirSync(base)).toEqual(['bundle']);
  });

  it('refuses to overwrite a file it did not write, and changes nothing', async () => {
    mkdirSync(out);
    writeFileSync(path.join(out, 'README.md'), 'the user’s');
    await expect(writeBundle(out, bundle({ 'README.md': 'ours' }))).rejects.toThrow(
      /was not written by a previous export/,
    );
    expect(tree(out)).toEqual(['README.md']);
    expect(read('README.md')).toBe('the user’s');
  });

  it('refuses paths that escape the folder', async () => {
    for (const p of ['../evil', '/etc/passwd', 'a/../../evil', 'a\\..\\evil', './a', 'a//b']) {
      await expect(writeBundle(out, [{ path: p, content: 'x' }, ...bundle({})]), p).rejects.toThrow(
        BundleWriteError,
      );
    }
    expect(existsSync(path.join(base, 'evil'))).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a symlinked target folder, folder inside it or file', async () => {
    const elsewhere = path.join(base, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, out);
    await expect(writeBundle(out, bundle({ 'a.yaml': 'a' }))).rejects.toThrow(/symbolic link/);
    rmSync(out);

    await writeBundle(out, bundle({ 'k8s/a.yaml': 'a', 'b.yaml': 'b' }));
    rmSync(path.join(out, 'k8s'), { recursive: true });
    symlinkSync(elsewhere, path.join(out, 'k8s'));
    await expect(writeBundle(out, bundle({ 'k8s/a.yaml': 'a2', 'b.yaml': 'b' }))).rejects.toThrow(
      /symbolic link/,
    );
    expect(readdirSync(elsewhere)).toEqual([]);

    rmSync(path.join(out, 'k8s'));
    rmSync(path.join(out, 'b.yaml'));
    symlinkSync(path.join(elsewhere, 'target'), path.join(out, 'b.yaml'));
    await expect(writeBundle(out, bundle({ 'b.yaml': 'b2' }))).rejects.toThrow(/symbolic link/);
    expect(existsSync(path.join(elsewhere, 'target'))).toBe(false);
    expect(lstatSync(path.join(out, 'b.yaml')).isSymbolicLink()).toBe(true);
  });

  it('refuses a bundle.json that is not ours, and one that points outside the folder', async () => {
    mkdirSync(out);
    writeFileSync(path.join(out, 'bundle.json'), '{"name": "some npm thing"}');
    await expect(writeBundle(out, bundle({ 'a.yaml': 'a' }))).rejects.toThrow(
      /not a bundle manifest of ours/,
    );
    writeFileSync(
      path.join(out, 'bundle.json'),
      JSON.stringify({ format: BUNDLE_FORMAT, files: [{ path: '../x', sha256: '' }] }),
    );
    await expect(writeBundle(out, bundle({ 'a.yaml': 'a' }))).rejects.toThrow(/unsafe path/);
  });

  it.each([
    ['while staging', 'stage' as const, 'k8s/b.yaml'],
    ['in the middle of the swap', 'swap' as const, 'k8s/b.yaml'],
    ['on the last rename (bundle.json)', 'swap' as const, 'bundle.json'],
  ])('leaves the old bundle intact after a failure %s', async (_, step, at) => {
    await writeBundle(out, bundle({ 'k8s/a.yaml': 'a1', 'k8s/b.yaml': 'b1', 'old.yaml': 'old' }));
    writeFileSync(path.join(out, 'mine.txt'), 'mine');
    const before = tree(out).map((p) => [p, read(p)]);
    const failpoint = (s: 'stage' | 'swap' | 'restore', file: string) => {
      if (s === step && file === at) throw new Error('disk full (simulated)');
    };
    await expect(
      writeBundle(out, bundle({ 'k8s/a.yaml': 'a2', 'k8s/b.yaml': 'b2', 'k8s/c.yaml': 'c2' }), {
        failpoint,
      }),
    ).rejects.toThrow('disk full (simulated)');
    expect(tree(out).map((p) => [p, read(p)])).toEqual(before);
    expect(readdirSync(base)).toEqual(['bundle']);
  });

  it('keeps the backup and says where it is when a file of the old bundle cannot be put back', async () => {
    await writeBundle(out, bundle({ 'k8s/a.yaml': 'a1', 'k8s/b.yaml': 'b1', 'old.yaml': 'old' }));
    const failpoint = (s: 'stage' | 'swap' | 'restore', file: string) => {
      if (s === 'swap' && file === 'k8s/c.yaml') throw new Error('disk full (simulated)');
      if (s === 'restore' && file === 'old.yaml') throw new Error('I/O error (simulated)');
    };
    const written = writeBundle(out, bundle({ 'k8s/a.yaml': 'a2', 'k8s/b.yaml': 'b2', 'k8s/c.yaml': 'c2' }), {
      failpoint,
    });
    const error = await written.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(BundleWriteError);
    const message = (error as Error).message;
    // The first failure is the reason given; the file that could not be put back is named, with its place.
    expect(message).toContain('disk full (simulated)');
    expect(message).toContain('old.yaml');
    const backups = readdirSync(base).filter((name) => name.startsWith('.bundle.previous-'));
    expect(backups).toHaveLength(1);
    expect(message).toContain(path.join(base, backups[0]!));
    expect(readFileSync(path.join(base, backups[0]!, 'old.yaml'), 'utf8')).toBe('old');
    // Every other file of the old bundle is back, the new ones are gone, and no staging folder is left.
    expect(tree(out)).toEqual(['bundle.json', 'k8s/a.yaml', 'k8s/b.yaml']);
    expect([read('k8s/a.yaml'), read('k8s/b.yaml')]).toEqual(['a1', 'b1']);
    expect(readdirSync(base).sort()).toEqual([backups[0]!, 'bundle']);
  });

  it('says which files of the previous bundle were edited by hand', async () => {
    const first = bundle({ 'a.yaml': 'a' });
    const manifest = {
      format: BUNDLE_FORMAT,
      files: [{ path: 'a.yaml', sha256: '3f4b2e3b...not-it', size: 1 }],
    };
    await writeBundle(out, [first[0]!, { path: 'bundle.json', content: JSON.stringify(manifest) }]);
    expect((await writeBundle(out, bundle({ 'a.yaml': 'a2' }))).editedByHand).toEqual(['a.yaml']);
  });
});

describe('inspectBundleFolder', () => {
  it('finds no previous bundle and nothing in the way in a folder that does not exist yet', async () => {
    expect(await inspectBundleFolder(out, ['a.yaml', 'bundle.json'])).toEqual({
      previous: null,
      foreign: [],
    });
  });

  it('reads the previous bundle (only what its manifest lists) and names the files that are not ours', async () => {
    await writeBundle(out, bundle({ 'k8s/a.yaml': 'a1', 'reports/cost.md': 'cost' }));
    writeFileSync(path.join(out, 'NOTES.md'), 'mine');
    writeFileSync(path.join(out, 'k8s', 'b.yaml'), 'mine too');
    const contents = await inspectBundleFolder(out, [
      'bundle.json',
      'k8s/a.yaml',
      'k8s/b.yaml',
      'k8s/c.yaml',
    ]);
    expect(contents.problem).toBeUndefined();
    expect(contents.previous?.map((f) => f.path)).toEqual(['bundle.json', 'k8s/a.yaml', 'reports/cost.md']);
    expect(contents.previous?.find((f) => f.path === 'k8s/a.yaml')?.content).toBe('a1');
    expect(contents.foreign).toEqual(['k8s/b.yaml']);
  });

  it('skips a listed file that was deleted by hand', async () => {
    await writeBundle(out, bundle({ 'a.yaml': 'a', 'b.yaml': 'b' }));
    rmSync(path.join(out, 'b.yaml'));
    expect((await inspectBundleFolder(out, [])).previous?.map((f) => f.path)).toEqual([
      'a.yaml',
      'bundle.json',
    ]);
  });

  it('says why a folder cannot take a bundle instead of throwing', async () => {
    mkdirSync(out);
    writeFileSync(path.join(out, 'bundle.json'), '{"name":"some npm thing"}');
    expect((await inspectBundleFolder(out, ['bundle.json'])).problem).toMatch(
      /not a bundle manifest of ours/,
    );
    const file = path.join(base, 'plain.txt');
    writeFileSync(file, 'x');
    expect((await inspectBundleFolder(file, [])).problem).toMatch(/is not a folder/);
    const link = path.join(base, 'link');
    symlinkSync(out, link);
    expect((await inspectBundleFolder(link, [])).problem).toMatch(/symbolic link/);
  });

  it('refuses a previous bundle larger than the limit', async () => {
    await writeBundle(out, bundle({ 'big.yaml': 'x'.repeat(2048) }));
    expect((await inspectBundleFolder(out, [], { maxBytes: 1024 })).problem).toMatch(/larger than/);
  });
});
