import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { startupBundle } from '../test-support/bundle';
import { bundleZip } from './bundle-zip';

describe('bundleZip', () => {
  it('holds every file of the bundle, byte for byte, under one folder', () => {
    const files = startupBundle();
    const entries = unzipSync(bundleZip(files, 'startup-bundle'));
    expect(Object.keys(entries).sort()).toEqual(files.map((f) => `startup-bundle/${f.path}`).sort());
    for (const file of files)
      expect(strFromU8(entries[`startup-bundle/${file.path}`]!), file.path).toBe(file.content);
  });

  it('gives the same bytes for the same bundle, whatever the order of its files', () => {
    const files = startupBundle();
    const once = bundleZip(files, 'b');
    const again = bundleZip([...files].reverse(), 'b');
    expect(Buffer.from(again).equals(Buffer.from(once))).toBe(true);
  });

  it('keeps text as UTF-8', () => {
    const entries = unzipSync(bundleZip([{ path: 'notes/cafe.md', content: 'café – 東京\n' }], 'b'));
    expect(strFromU8(entries['b/notes/cafe.md']!)).toBe('café – 東京\n');
  });

  it('refuses a path that would leave its folder, a folder name that is not a plain name, and a file listed twice', () => {
    for (const path of ['../evil', '/etc/passwd', 'a/../../evil', 'a//b', './a']) {
      expect(() => bundleZip([{ path, content: 'x' }], 'b'), path).toThrow(/unsafe path/);
    }
    for (const folder of ['', '..', 'a/b', '.hidden']) {
      expect(() => bundleZip([{ path: 'a', content: 'x' }], folder), folder).toThrow(/cannot name/);
    }
    expect(() =>
      bundleZip(
        [
          { path: 'a.yaml', content: 'x' },
          { path: 'a.yaml', content: 'y' },
        ],
        'b',
      ),
    ).toThrow(/twice/);
  });
});
