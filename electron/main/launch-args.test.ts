import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv, MAX_FILES_FROM_ARGV } from './launch-args';

const cwd = path.resolve('/home/me/work');

describe('filesFromArgv', () => {
  it('takes design files after the executable and skips switches', () => {
    const argv = [
      '/opt/Topology Designer/topology-designer',
      '--no-sandbox',
      '--inspect=0',
      'dist/electron/main.cjs',
      'prod.topo.yaml',
      '/abs/staging.yaml',
      'notes.txt',
      '-psn_0_12345',
    ];
    expect(filesFromArgv(argv, cwd)).toEqual([
      path.join(cwd, 'prod.topo.yaml'),
      path.resolve('/abs/staging.yaml'),
    ]);
  });

  it('skips the executable even if it looks like a file, and the dev app path', () => {
    expect(filesFromArgv(['/x/app.yaml', '.'], cwd)).toEqual([]);
  });

  it('treats everything after -- as files', () => {
    expect(filesFromArgv(['app', '--', '-odd-name.topo.yaml'], cwd)).toEqual([
      path.join(cwd, '-odd-name.topo.yaml'),
    ]);
  });

  it('drops duplicates and stops at a sane number of files', () => {
    const many = Array.from({ length: 20 }, (_, i) => `d${i}.topo.yaml`);
    expect(filesFromArgv(['app', 'a.topo.yaml', './a.topo.yaml'], cwd)).toEqual([
      path.join(cwd, 'a.topo.yaml'),
    ]);
    expect(filesFromArgv(['app', ...many], cwd)).toHaveLength(MAX_FILES_FROM_ARGV);
  });
});
