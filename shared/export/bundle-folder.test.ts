import { describe, expect, it } from 'vitest';
import { countChanges, diffBundles, interimManifest, manifestFiles } from './bundle-folder';
import { BUNDLE_FORMAT } from './types';

describe('manifestFiles', () => {
  it('lists the files of a manifest of ours, bundle.json included', () => {
    const text = JSON.stringify({
      format: BUNDLE_FORMAT,
      files: [{ path: 'a.yaml', sha256: 'aa' }, { path: 7 }, null, { path: 'b/c.md', sha256: 'cc' }],
    });
    expect([...manifestFiles(text)!]).toEqual([
      ['a.yaml', 'aa'],
      ['b/c.md', 'cc'],
      ['bundle.json', ''],
    ]);
  });

  it('refuses text that is not a manifest of ours', () => {
    expect(manifestFiles('{"name":"an npm package"}')).toBeUndefined();
    expect(manifestFiles('not json')).toBeUndefined();
    expect(manifestFiles('null')).toBeUndefined();
    expect(manifestFiles(JSON.stringify({ format: BUNDLE_FORMAT, files: {} }))).toBeUndefined();
  });

  it('reads an interim manifest back as claiming every file, without digests', () => {
    const files = manifestFiles(interimManifest(['k8s/b.yaml', 'a.yaml', 'bundle.json', 'a.yaml']));
    expect([...files!]).toEqual([
      ['a.yaml', ''],
      ['k8s/b.yaml', ''],
      ['bundle.json', ''],
    ]);
  });
});

describe('diffBundles', () => {
  it('says which files are added, changed, unchanged and removed, sorted by path', () => {
    const changes = diffBundles(
      [
        { path: 'same.md', content: 's' },
        { path: 'edit.yaml', content: 'v1' },
        { path: 'gone.yaml', content: 'g' },
      ],
      [
        { path: 'new.ts', content: 'n' },
        { path: 'same.md', content: 's' },
        { path: 'edit.yaml', content: 'v2' },
      ],
    );
    expect(changes).toEqual([
      { path: 'edit.yaml', kind: 'changed', next: 'v2', previous: 'v1' },
      { path: 'gone.yaml', kind: 'removed', previous: 'g' },
      { path: 'new.ts', kind: 'added', next: 'n' },
      { path: 'same.md', kind: 'unchanged', next: 's', previous: 's' },
    ]);
    expect(countChanges(changes)).toEqual({ added: 1, changed: 1, unchanged: 1, removed: 1 });
  });

  it('treats every file as added when the folder has no previous export', () => {
    expect(diffBundles(null, [{ path: 'a', content: '' }])).toEqual([{ path: 'a', kind: 'added', next: '' }]);
  });
});
