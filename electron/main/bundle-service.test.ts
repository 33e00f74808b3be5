import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT } from '../../shared/export/types';
import { startupBundle } from '../../shared/test-support/bundle';
import { BUNDLE_ERRORS, BundleFolders } from './bundle-service';
import { tempFolders } from './test-support/temp';

const folders = tempFolders();
afterEach(() => folders.cleanup());

/** A small bundle of these files, with the manifest that lists them. */
function bundleOf(files: Record<string, string>) {
  const list = Object.entries(files).map(([p, content]) => ({ path: p, content }));
  const manifest = {
    format: BUNDLE_FORMAT,
    files: list.map((f) => ({ path: f.path, sha256: 'x', size: 0 })),
  };
  return [...list, { path: 'bundle.json', content: JSON.stringify(manifest) }];
}

function counter(): () => string {
  let next = 0;
  return () => `folder-${++next}`;
}

describe('BundleFolders', () => {
  it('writes only into a folder it handed out an id for', async () => {
    const bundles = new BundleFolders(counter());
    const files = startupBundle();
    const written = await bundles.write('folder-1', files);
    expect(written).toMatchObject({ ok: false, error: { code: BUNDLE_ERRORS.unknownFolder } });
  });

  it('reads an empty folder, writes the bundle, then reads it back as the previous export', async () => {
    const bundles = new BundleFolders(counter());
    const out = path.join(folders.make(), 'infra');
    const files = startupBundle();
    const paths = files.map((f) => f.path);
    const first = await bundles.choose(out, paths);
    expect(first).toEqual({
      ok: true,
      value: { folderId: 'folder-1', label: out, previous: null, foreign: [] },
    });
    const written = await bundles.write('folder-1', files);
    expect(written).toEqual({
      ok: true,
      value: { label: out, written: files.length, removed: [], editedByHand: [] },
    });
    expect(readFileSync(path.join(out, 'bundle.json'), 'utf8')).toBe(
      files.find((f) => f.path === 'bundle.json')!.content,
    );
    const again = await bundles.choose(out, paths);
    expect(again.ok && again.value.previous?.map((f) => f.path)).toEqual(paths);
    expect(again.ok && again.value.previous).toEqual(files);
  });

  it('names the files that are someone else’s, and the write refuses them without touching anything', async () => {
    const bundles = new BundleFolders(counter());
    const out = folders.make();
    const files = startupBundle();
    const theirs = files.find((f) => f.path.startsWith('pulumi/'))!.path;
    mkdirSync(path.dirname(path.join(out, theirs)), { recursive: true });
    writeFileSync(path.join(out, theirs), 'my own program');
    const chosen = await bundles.choose(
      out,
      files.map((f) => f.path),
    );
    expect(chosen.ok && chosen.value.foreign).toEqual([theirs]);
    const written = await bundles.write(chosen.ok ? chosen.value.folderId : '', files);
    expect(written).toMatchObject({ ok: false, error: { code: BUNDLE_ERRORS.refused } });
    expect(!written.ok && written.error.message).toContain('was not written by a previous export');
    expect(readFileSync(path.join(out, theirs), 'utf8')).toBe('my own program');
  });

  it('takes reads and writes of folders one after the other, in the order they were asked for', async () => {
    const bundles = new BundleFolders(counter());
    const out = path.join(folders.make(), 'infra');
    await bundles.choose(out, []);
    // Asked for at once, as two Export dialogs could: the second write sees the first's bundle as its
    // previous one (it removes the file only the first had), and the read asked for last sees the second.
    const first = bundles.write('folder-1', bundleOf({ 'k8s/a.yaml': 'a1', 'k8s/old.yaml': 'old' }));
    const second = bundles.write('folder-1', bundleOf({ 'k8s/a.yaml': 'a2' }));
    const read = bundles.choose(out, ['bundle.json', 'k8s/a.yaml']);
    expect(await first).toMatchObject({ ok: true, value: { written: 3, removed: [] } });
    expect(await second).toMatchObject({ ok: true, value: { written: 2, removed: ['k8s/old.yaml'] } });
    const after = await read;
    expect(after.ok && after.value.previous?.map((f) => [f.path, f.content])).toEqual([
      ['bundle.json', bundleOf({ 'k8s/a.yaml': 'a2' })[1]!.content],
      ['k8s/a.yaml', 'a2'],
    ]);
  });

  it('goes on with the next write after one that failed', async () => {
    const bundles = new BundleFolders(counter());
    const out = folders.make();
    await bundles.choose(out, []);
    const refused = bundles.write('folder-1', [{ path: '../escape.yaml', content: 'x' }, ...bundleOf({})]);
    const written = bundles.write('folder-1', bundleOf({ 'a.yaml': 'a' }));
    expect(await refused).toMatchObject({ ok: false, error: { code: BUNDLE_ERRORS.refused } });
    expect(await written).toMatchObject({ ok: true, value: { written: 2 } });
    expect(readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('a');
  });

  it('refuses a file path that leaves the folder', async () => {
    const bundles = new BundleFolders(counter());
    const out = folders.make();
    await bundles.choose(out, []);
    const written = await bundles.write('folder-1', [
      { path: '../escape.yaml', content: 'x' },
      { path: 'bundle.json', content: '{}' },
    ]);
    expect(written).toMatchObject({ ok: false, error: { code: BUNDLE_ERRORS.refused } });
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'says in words that the folder may not be written',
    async () => {
      const bundles = new BundleFolders(counter());
      const parent = folders.make();
      const out = path.join(parent, 'locked');
      mkdirSync(out);
      chmodSync(parent, 0o555);
      try {
        await bundles.choose(out, []);
        const written = await bundles.write('folder-1', startupBundle());
        expect(written).toMatchObject({ ok: false, error: { code: BUNDLE_ERRORS.writeFailed } });
        expect(!written.ok && written.error.message).toContain('permission denied');
      } finally {
        chmodSync(parent, 0o755);
      }
    },
  );
});
