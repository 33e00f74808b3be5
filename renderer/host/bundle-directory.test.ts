import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT } from '../../shared/export/types';
import { createMemoryDirectory } from '../test-support/memory-directory';
import { BundleRefusal, inspectBundleDirectory, writeBundleDirectory } from './bundle-directory';
import { sha256Hex, utf8Bytes } from '../../shared/export/sha256';

/** A bundle with the given files and a manifest that lists them with their digests. */
function bundle(files: Record<string, string>) {
  const list = Object.entries(files).map(([path, content]) => ({ path, content }));
  const manifest = {
    format: BUNDLE_FORMAT,
    files: list.map((f) => ({ path: f.path, sha256: sha256Hex(utf8Bytes(f.content)), size: 0 })),
  };
  return [...list, { path: 'bundle.json', content: JSON.stringify(manifest) }];
}

describe('writeBundleDirectory', () => {
  it('writes a bundle into an empty folder', async () => {
    const dir = createMemoryDirectory('infra');
    const files = bundle({ 'k8s/eu/api/a.yaml': 'a', 'README.md': 'r' });
    const result = await writeBundleDirectory(dir, files);
    expect(result).toEqual({ written: 3, removed: [], editedByHand: [] });
    expect(Object.keys(dir.files())).toEqual(['README.md', 'bundle.json', 'k8s/eu/api/a.yaml']);
    expect(dir.files()['bundle.json']).toBe(files[2]!.content);
  });

  it('replaces its previous bundle: stale files and their empty folders go, foreign files stay', async () => {
    const dir = createMemoryDirectory('infra');
    await writeBundleDirectory(dir, bundle({ 'old/only.yaml': 'x', 'k8s/same.yaml': 'v1' }));
    dir.put('NOTES.md', 'mine');
    dir.put('k8s/extra.yaml', 'mine too');
    const result = await writeBundleDirectory(dir, bundle({ 'k8s/same.yaml': 'v2', 'k8s/new.yaml': 'n' }));
    expect(result.removed).toEqual(['old/only.yaml']);
    expect(Object.keys(dir.files())).toEqual([
      'NOTES.md',
      'bundle.json',
      'k8s/extra.yaml',
      'k8s/new.yaml',
      'k8s/same.yaml',
    ]);
    expect(dir.files()['k8s/same.yaml']).toBe('v2');
  });

  it('refuses to overwrite a file no export wrote, and writes nothing', async () => {
    const dir = createMemoryDirectory('infra');
    dir.put('pulumi/index.ts', 'my program');
    await expect(writeBundleDirectory(dir, bundle({ 'pulumi/index.ts': 'ours' }))).rejects.toThrow(
      /pulumi\/index.ts exists and was not written by a previous export/,
    );
    expect(dir.files()).toEqual({ 'pulumi/index.ts': 'my program' });
  });

  it('refuses a bundle.json that is not ours, and unsafe paths', async () => {
    const dir = createMemoryDirectory('infra');
    dir.put('bundle.json', '{"name":"npm"}');
    await expect(writeBundleDirectory(dir, bundle({ 'a.yaml': 'a' }))).rejects.toBeInstanceOf(BundleRefusal);
    const clean = createMemoryDirectory('clean');
    await expect(writeBundleDirectory(clean, bundle({ '../up.yaml': 'x' }))).rejects.toThrow(/unsafe path/);
    expect(clean.files()).toEqual({});
  });

  it('says which files of the previous export were edited by hand', async () => {
    const dir = createMemoryDirectory('infra');
    await writeBundleDirectory(dir, bundle({ 'a.yaml': 'a', 'b.yaml': 'b' }));
    dir.put('a.yaml', 'edited');
    dir.put('b.yaml', 'edited too');
    const result = await writeBundleDirectory(dir, bundle({ 'a.yaml': 'a2' }));
    expect(result.editedByHand).toEqual(['a.yaml', 'b.yaml']);
  });

  it('after a failure half-way, the next export recognises every file as its own and finishes', async () => {
    const dir = createMemoryDirectory('infra');
    await writeBundleDirectory(dir, bundle({ 'a.yaml': 'a1' }));
    dir.failNextWriteOf = 'k8s/c.yaml';
    const next = bundle({ 'a.yaml': 'a2', 'b.yaml': 'b', 'k8s/c.yaml': 'c' });
    await expect(writeBundleDirectory(dir, next)).rejects.toThrow(/disk is full/);
    expect(dir.files()['b.yaml']).toBe('b');
    const again = await writeBundleDirectory(dir, next);
    expect(again.written).toBe(4);
    expect(dir.files()['bundle.json']).toBe(next[3]!.content);
    expect(dir.files()['k8s/c.yaml']).toBe('c');
  });
});

describe('inspectBundleDirectory', () => {
  it('reads the previous export and names the new files that are someone else’s', async () => {
    const dir = createMemoryDirectory('infra');
    await writeBundleDirectory(dir, bundle({ 'a.yaml': 'a' }));
    dir.put('b.yaml', 'mine');
    const contents = await inspectBundleDirectory(dir, ['a.yaml', 'b.yaml', 'c.yaml', 'bundle.json']);
    expect(contents.previous?.map((f) => f.path)).toEqual(['a.yaml', 'bundle.json']);
    expect(contents.foreign).toEqual(['b.yaml']);
  });

  it('says why a folder cannot take a bundle', async () => {
    const dir = createMemoryDirectory('node-project');
    dir.put('bundle.json', '{}');
    expect((await inspectBundleDirectory(dir, [])).problem).toMatch(/not a bundle manifest of ours/);
  });
});
