// The postinstall script run from a copy in a scratch folder, so that what it finds next to it is what the
// test puts there: no patch-package (an install without dev dependencies), or a stand-in that fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.join(import.meta.dirname, 'postinstall.mjs');
const folders: string[] = [];

function scratch(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'postinstall-'));
  folders.push(root);
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(SCRIPT, path.join(root, 'scripts', 'postinstall.mjs'));
  return root;
}

function standIn(root: string, body: string): void {
  const folder = path.join(root, 'node_modules', 'patch-package');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'package.json'), '{"name":"patch-package","version":"0.0.0"}');
  writeFileSync(path.join(folder, 'index.js'), body);
}

function run(root: string) {
  // Without NODE_PATH, Node looks for patch-package only in the scratch folder and the folders above it.
  const env = { ...process.env };
  delete env.NODE_PATH;
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'postinstall.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('postinstall', () => {
  it('skips the patches, saying so, when patch-package is not installed', () => {
    const result = run(scratch());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('patch-package is not installed');
  });

  it.each([
    {
      what: 'runs patch-package when it is installed',
      standIn: "console.log('patched');",
      status: 0,
      stream: 'stdout',
      says: 'patched',
    },
    {
      what: 'fails the install when patch-package fails (a patch that no longer applies)',
      standIn: "console.error('patch failed'); process.exit(1);",
      status: 1,
      stream: 'stderr',
      says: 'patch failed',
    },
  ] as const)('$what', ({ standIn: body, status, stream, says }) => {
    const root = scratch();
    standIn(root, body);
    const result = run(root);
    expect(result.status).toBe(status);
    expect(result[stream]).toContain(says);
  });
});
