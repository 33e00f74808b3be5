import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostResult, Recovery } from '../ipc/contract';
import {
  draftFileName,
  isProcessAlive,
  MAX_DRAFTS_PER_SESSION,
  RECOVERY_ERRORS,
  RecoveryStore,
} from './recovery';
import { DESIGN, fsWith, systemError, tempFolders } from './test-support/temp';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function valueOf<T>(result: HostResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Processes the tests pretend exist: everything else is dead. */
function world(alive: number[] = []) {
  let clock = 1_000;
  let sessions = 0;
  return {
    store(dir: string, pid: number): RecoveryStore {
      return new RecoveryStore({
        dir,
        pid,
        now: () => clock++,
        isProcessAlive: (candidate) => alive.includes(candidate),
        newSessionId: () => `session-${++sessions}`,
      });
    },
  };
}

const draft = (key: string, text = DESIGN) => ({ key, name: `${key}.topo.yaml`, text });

describe('RecoveryStore', () => {
  it('offers the drafts of a session that did not end cleanly (its process is gone)', async () => {
    const dir = folders.make();
    const w = world([200]);
    const crashed = w.store(dir, 100);
    await crashed.start();
    valueOf(await crashed.autosave({ ...draft('doc-1'), path: '/designs/doc-1.topo.yaml' }));
    valueOf(await crashed.autosave(draft('untitled-2')));
    // pid 100 was killed; a new session starts as pid 200.
    const next = w.store(dir, 200);
    await next.start();
    const offered = valueOf(await next.list());
    expect(offered.map((r) => r.key)).toEqual(['untitled-2', 'doc-1']);
    expect(offered[1]).toEqual({
      key: 'doc-1',
      name: 'doc-1.topo.yaml',
      path: '/designs/doc-1.topo.yaml',
      text: DESIGN,
      savedAtMs: expect.any(Number) as number,
    });
    expect('path' in offered[0]!).toBe(false);
  });

  it('offers nothing after a clean exit', async () => {
    const dir = folders.make();
    const w = world([200]);
    const clean = w.store(dir, 100);
    await clean.start();
    valueOf(await clean.autosave(draft('doc-1')));
    clean.endSessionSync();
    expect(existsSync(clean.sessionDir)).toBe(false);
    const next = w.store(dir, 200);
    await next.start();
    expect(valueOf(await next.list())).toEqual([]);
  });

  it('does not offer its own live drafts, nor those of another running instance', async () => {
    const dir = folders.make();
    const w = world([100, 200]);
    const other = w.store(dir, 100);
    await other.start();
    valueOf(await other.autosave(draft('theirs')));
    const mine = w.store(dir, 200);
    await mine.start();
    valueOf(await mine.autosave(draft('mine')));
    expect(valueOf(await mine.list())).toEqual([]);
  });

  it('offers the drafts of a renderer that crashed in this same process after rotate', async () => {
    const dir = folders.make();
    const store = world([100]).store(dir, 100);
    await store.start();
    valueOf(await store.autosave(draft('doc-1')));
    await store.rotate();
    expect(valueOf(await store.list()).map((r) => r.key)).toEqual(['doc-1']);
  });

  it('treats a session folder without a marker (died while starting) as left behind', async () => {
    const dir = folders.make();
    const w = world();
    const broken = w.store(dir, 100);
    valueOf(await broken.autosave(draft('doc-1'))); // never started: no marker
    const next = w.store(dir, 200);
    expect(valueOf(await next.list()).map((r) => r.key)).toEqual(['doc-1']);
  });

  it('keeps the newest draft of a key found in several sessions', async () => {
    const dir = folders.make();
    const w = world();
    const first = w.store(dir, 100);
    await first.start();
    valueOf(await first.autosave(draft('doc-1', 'old')));
    const second = w.store(dir, 101);
    await second.start();
    valueOf(await second.autosave(draft('doc-1', 'new')));
    const list = valueOf(await w.store(dir, 300).list());
    expect(list.map((r) => r.text)).toEqual(['new']);
  });

  it('discards a key everywhere and removes emptied sessions', async () => {
    const dir = folders.make();
    const w = world([200]);
    const crashed = w.store(dir, 100);
    await crashed.start();
    valueOf(await crashed.autosave(draft('doc-1')));
    valueOf(await crashed.autosave(draft('doc-2')));
    const next = w.store(dir, 200);
    await next.start();
    valueOf(await next.autosave(draft('doc-1')));

    valueOf(await next.discard('doc-1'));
    expect(valueOf(await next.list()).map((r) => r.key)).toEqual(['doc-2']);
    expect(existsSync(path.join(next.sessionDir, draftFileName('doc-1')))).toBe(false);
    expect(existsSync(crashed.sessionDir)).toBe(true);

    valueOf(await next.discard('doc-2'));
    expect(valueOf(await next.list())).toEqual([]);
    expect(existsSync(crashed.sessionDir)).toBe(false);
    expect(existsSync(next.sessionDir)).toBe(true);
    valueOf(await next.discard('never-saved'));
  });

  it('hashes keys into safe file names', async () => {
    const dir = folders.make();
    const store = world().store(dir, 100);
    await store.start();
    valueOf(await store.autosave(draft('../../../etc/passwd')));
    valueOf(await store.autosave(draft('/home/me/designs/prod.topo.yaml')));
    const names = readdirSync(store.sessionDir).sort();
    expect(names.every((name) => /^([0-9a-f]{40}\.json|session\.json)$/.test(name))).toBe(true);
    expect(names).toHaveLength(3);
    expect(draftFileName('a')).not.toBe(draftFileName('b'));
  });

  it('skips damaged drafts and drafts filed under another key', async () => {
    const dir = folders.make();
    const w = world();
    const crashed = w.store(dir, 100);
    await crashed.start();
    valueOf(await crashed.autosave(draft('good')));
    writeFileSync(path.join(crashed.sessionDir, draftFileName('garbage')), '{"version":1,"key":');
    const planted = JSON.parse(
      readFileSync(path.join(crashed.sessionDir, draftFileName('good')), 'utf8'),
    ) as object;
    writeFileSync(path.join(crashed.sessionDir, draftFileName('elsewhere')), JSON.stringify(planted));
    writeFileSync(path.join(crashed.sessionDir, 'notes.txt'), 'hello');
    mkdirSync(path.join(dir, 'not-a-session-file'), { recursive: true });
    writeFileSync(path.join(dir, 'stray.json'), '{}');
    expect(valueOf(await w.store(dir, 300).list()).map((r) => r.key)).toEqual(['good']);
  });

  it('caps the number of drafts a session keeps', async () => {
    const dir = folders.make();
    const store = world().store(dir, 100);
    await store.start();
    for (let i = 0; i < MAX_DRAFTS_PER_SESSION; i++) valueOf(await store.autosave(draft(`doc-${i}`, 'x')));
    const refused = await store.autosave(draft('one-more', 'x'));
    expect(refused.ok ? '' : refused.error.code).toBe(RECOVERY_ERRORS.tooMany);
    // Updating an existing draft still works.
    expect((await store.autosave(draft('doc-0', 'y'))).ok).toBe(true);
  });

  it('clears its drafts but keeps running after a window closed cleanly', async () => {
    const dir = folders.make();
    const store = world().store(dir, 100);
    await store.start();
    valueOf(await store.autosave(draft('doc-1')));
    store.clearSessionSync();
    expect(readdirSync(store.sessionDir)).toEqual(['session.json']);
    expect(valueOf(await world().store(dir, 300).list())).toEqual([]);
  });

  it('answers an error, not a throw, when the disk fails', async () => {
    const dir = folders.make();
    const store = new RecoveryStore({
      dir,
      pid: 100,
      fs: fsWith({ rename: () => Promise.reject(systemError('ENOSPC')) }),
    });
    const result = await store.autosave(draft('doc-1'));
    expect(result.ok ? '' : result.error.code).toBe(RECOVERY_ERRORS.writeFailed);
    const empty: HostResult<readonly Recovery[]> = await new RecoveryStore({
      dir: path.join(dir, 'missing'),
    }).list();
    expect(empty).toEqual({ ok: true, value: [] });
  });
});

describe('isProcessAlive', () => {
  it('knows this process is alive and a finished one is not', async () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    expect(isProcessAlive(pid)).toBe(false);
  });
});
