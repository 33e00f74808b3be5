// The `_electron` suite: the built desktop app driven through playwright-core. Each scenario launches the
// real app (main process, sandboxed preload, IPC) and checks it from outside: what the page can reach,
// navigation and window refusals, menus, the Save dialog and atomic save, conflict detection, crash
// recovery, the unsaved-changes prompt, files from the command line, the remembered window, the bundle
// export into a folder.
//
// Dialogs are stubbed in the main process (`app.evaluate` replaces `dialog.showSaveDialog`,
// `dialog.showOpenDialog` and `dialog.showMessageBox`); `shell.openExternal` is stubbed so no browser
// opens. Run by run.ts, which skips the suite (saying so once) where the Electron binary is not installed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ElectronApplication } from 'playwright-core';
import { interimManifest } from '../../shared/export/bundle-folder';
import { MANIFEST_PATH } from '../../shared/export/types';
import type { Harness } from './harness';
import { eventually, ROOT } from './harness';

export interface ElectronScenario {
  readonly name: string;
  readonly run: (harness: Harness) => Promise<void>;
}

const DESIGN = readFileSync(
  path.join(ROOT, 'resources', 'templates', 'single-cluster-startup.topo.yaml'),
  'utf8',
);
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'";

async function stubExternalLinks(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { openedLinks?: string[] }).openedLinks = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
}

async function openedLinks(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => [...((globalThis as { openedLinks?: string[] }).openedLinks ?? [])]);
}

async function stubSaveDialog(app: ElectronApplication, filePath: string | undefined): Promise<void> {
  await app.evaluate(({ dialog }, target) => {
    dialog.showSaveDialog = (async () =>
      target === undefined
        ? { canceled: true }
        : { canceled: false, filePath: target }) as typeof dialog.showSaveDialog;
  }, filePath);
}

async function stubOpenDialog(app: ElectronApplication, folder: string | undefined): Promise<void> {
  await app.evaluate(({ dialog }, target) => {
    dialog.showOpenDialog = (async () =>
      target === undefined
        ? { canceled: true, filePaths: [] }
        : { canceled: false, filePaths: [target] }) as typeof dialog.showOpenDialog;
  }, folder);
}

/** A bundle of these files with a manifest that claims them (the writer reads it on the next export). */
function bundleFiles(files: Record<string, string>): { path: string; content: string }[] {
  const list = Object.entries(files).map(([p, content]) => ({ path: p, content }));
  return [...list, { path: MANIFEST_PATH, content: interimManifest(list.map((file) => file.path)) }];
}

async function stubMessageBox(app: ElectronApplication, response: number): Promise<void> {
  await app.evaluate(({ dialog }, answer) => {
    const asked: string[] = [];
    (globalThis as { askedMessages?: string[] }).askedMessages = asked;
    dialog.showMessageBox = (async (...args: unknown[]) => {
      const options = args.find((arg) => typeof arg === 'object' && arg !== null && 'message' in arg) as
        { message: string } | undefined;
      asked.push(options?.message ?? '');
      return { response: answer, checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
  }, response);
}

async function windowCount(app: ElectronApplication): Promise<number> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
}

export const scenarios: readonly ElectronScenario[] = [
  {
    name: 'the page reaches the host API and nothing else of Node or Electron',
    async run(harness) {
      const { page } = await harness.launch(harness.tempDir());
      const seen = await page.evaluate(() => ({
        kind: window.topologyHost.kind,
        members: Object.keys(window.topologyHost).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        ipcRenderer: 'ipcRenderer' in window,
      }));
      assert.equal(seen.kind, 'electron');
      assert.deepEqual(seen.members, [
        'autosave',
        'discardRecovery',
        'kind',
        'listRecoveries',
        'onFileChanged',
        'onMenuCommand',
        'onOpenFile',
        'openExternal',
        'openFile',
        'openRecent',
        'recentFiles',
        'saveFile',
        'setDocumentState',
      ]);
      assert.equal(seen.require, 'undefined');
      assert.equal(seen.process, 'undefined');
      assert.equal(seen.ipcRenderer, false);
    },
  },
  {
    name: 'the renderer comes from app:// with the strict CSP on the response',
    async run(harness) {
      const { page } = await harness.launch(harness.tempDir());
      assert.match(page.url(), /^app:\/\/topology-designer\//);
      const csp = await page.evaluate(async () =>
        (await fetch('/index.html')).headers.get('content-security-policy'),
      );
      assert.equal(csp, CSP);
      const escaped = await page.evaluate(async () => (await fetch('/..%2f..%2fpackage.json')).status);
      assert.equal(escaped, 404);
    },
  },
  {
    name: 'navigation and new windows are refused; https links go to the browser, others nowhere',
    async run(harness) {
      const { app, page } = await harness.launch(harness.tempDir());
      await stubExternalLinks(app);
      const start = page.url();
      await page.evaluate(() => {
        window.location.href = 'https://example.com/navigated';
      });
      await page.waitForTimeout(500);
      assert.equal(page.url(), start);
      const popup = await page.evaluate(() => window.open('https://example.com/popup') === null);
      assert.equal(popup, true);
      await page.evaluate(() => window.open('http://example.com/plain'));
      await page.waitForTimeout(300);
      assert.equal(await windowCount(app), 1);
      const links = await openedLinks(app);
      assert.deepEqual(links.sort(), ['https://example.com/navigated', 'https://example.com/popup']);
      const refused = await page.evaluate(() => window.topologyHost.openExternal('file:///etc/passwd'));
      assert.equal(refused.ok, false);
      assert.equal(refused.ok ? '' : refused.error.code, 'shell.url-refused');
    },
  },
  {
    name: 'menus send command ids, including the three templates',
    async run(harness) {
      const { app, page } = await harness.launch(harness.tempDir());
      const menu = await app.evaluate(({ Menu }) => {
        const root = Menu.getApplicationMenu();
        const templates =
          root?.getMenuItemById('file.newFromTemplate')?.submenu?.items.map((item) => item.id) ?? [];
        return { labels: root?.items.map((item) => item.label.replace(/&/g, '')) ?? [], templates };
      });
      for (const label of ['File', 'Edit', 'View', 'Help'])
        assert.ok(menu.labels.includes(label), `menu ${label}`);
      assert.deepEqual(menu.templates.sort(), [
        'file.newFromTemplate:ml-training-platform.topo.yaml',
        'file.newFromTemplate:ott-streaming-platform.topo.yaml',
        'file.newFromTemplate:single-cluster-startup.topo.yaml',
      ]);
      const received = page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const ids: string[] = [];
            const off = window.topologyHost.onMenuCommand((id) => {
              ids.push(id);
              if (ids.length === 2) {
                off();
                resolve(ids);
              }
            });
          }),
      );
      await page.waitForTimeout(100);
      await app.evaluate(({ Menu }) => {
        const root = Menu.getApplicationMenu();
        for (const id of ['view.toggleMinimap', 'file.newFromTemplate:ott-streaming-platform.topo.yaml']) {
          const item = root?.getMenuItemById(id) as { click: () => void } | null | undefined;
          item?.click();
        }
      });
      assert.deepEqual(await received, [
        'view.toggleMinimap',
        'file.newFromTemplate:ott-streaming-platform.topo.yaml',
      ]);
    },
  },
  {
    name: 'Save As goes through the dialog and writes atomically; a change on disk is a conflict',
    async run(harness) {
      const { app, page } = await harness.launch(harness.tempDir());
      const folder = harness.tempDir('topo-e2e-files-');
      const target = path.join(folder, 'startup.topo.yaml');
      await stubSaveDialog(app, path.join(folder, 'startup.yaml'));
      const first = await page.evaluate(
        (text) => window.topologyHost.saveFile({ text, suggestedName: 'Startup.topo.yaml' }),
        DESIGN,
      );
      assert.ok(first.ok && first.value, `saved: ${JSON.stringify(first)}`);
      assert.equal(first.value.path, target, 'the .yaml name chosen becomes .topo.yaml');
      assert.equal(readFileSync(target, 'utf8'), DESIGN);
      assert.deepEqual(readdirSync(folder), ['startup.topo.yaml'], 'no temporary files left');

      const changed = page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const off = window.topologyHost.onFileChanged((change) => {
              off();
              resolve(change.path);
            });
          }),
      );
      await page.waitForTimeout(50);
      writeFileSync(target, `${DESIGN}# edited elsewhere\n`);
      assert.equal(await changed, target);

      const request = {
        text: DESIGN,
        path: target,
        suggestedName: 'startup.topo.yaml',
        expectedMtimeMs: first.value.mtimeMs,
      };
      const conflict = await page.evaluate((r) => window.topologyHost.saveFile(r), request);
      assert.equal(conflict.ok ? '' : conflict.error.code, 'file.changed-on-disk');
      const forced = await page.evaluate(
        (r) => window.topologyHost.saveFile({ ...r, overwrite: true }),
        request,
      );
      assert.ok(forced.ok && forced.value);
      assert.equal(readFileSync(target, 'utf8'), DESIGN);

      const unloadable = await page.evaluate(
        (r) => window.topologyHost.saveFile({ ...r, text: 'not: a design' }),
        {
          ...request,
          expectedMtimeMs: forced.value.mtimeMs,
        },
      );
      assert.equal(unloadable.ok ? '' : unloadable.error.code, 'file.unloadable');
      assert.equal(readFileSync(target, 'utf8'), DESIGN);
      const recent = await page.evaluate(() => window.topologyHost.recentFiles());
      assert.deepEqual(recent.ok ? recent.value : [], [target]);
    },
  },
  {
    name: 'a cancelled Save dialog saves nothing; unknown paths are asked about, not written',
    async run(harness) {
      const { app, page } = await harness.launch(harness.tempDir());
      const folder = harness.tempDir('topo-e2e-files-');
      await stubSaveDialog(app, undefined);
      const cancelled = await page.evaluate((request) => window.topologyHost.saveFile(request), {
        text: DESIGN,
        suggestedName: 'x.topo.yaml',
        path: path.join(folder, 'never-opened.topo.yaml'),
      });
      assert.deepEqual(cancelled, { ok: true, value: null });
      assert.deepEqual(readdirSync(folder), []);
    },
  },
  {
    name: 'a bundle goes into the folder chosen in the dialog; main replaces its own files and refuses others',
    async run(harness) {
      const { app, page } = await harness.launch(harness.tempDir());
      const parent = harness.tempDir('topo-e2e-bundle-');
      const folder = path.join(parent, 'platform');
      await stubOpenDialog(app, undefined);
      const cancelled = await page.evaluate(() =>
        window.topologyHost.chooseBundleFolder({ paths: ['bundle.json'] }),
      );
      assert.deepEqual(cancelled, { ok: true, value: null });

      await stubOpenDialog(app, folder);
      const first = bundleFiles({ 'k8s/api.yaml': 'kind: Deployment\n', 'pulumi/index.ts': 'export {};\n' });
      const chosen = await page.evaluate(
        (paths) => window.topologyHost.chooseBundleFolder({ paths }),
        first.map((file) => file.path),
      );
      assert.ok(chosen.ok && chosen.value, `chosen: ${JSON.stringify(chosen)}`);
      assert.equal(chosen.value.label, folder);
      assert.deepEqual([chosen.value.previous, chosen.value.foreign], [null, []]);
      const written = await page.evaluate((request) => window.topologyHost.writeBundle(request), {
        folderId: chosen.value.folderId,
        files: first,
      });
      assert.ok(written.ok, `written: ${JSON.stringify(written)}`);
      assert.equal(written.value.written, 3);
      assert.equal(readFileSync(path.join(folder, 'k8s', 'api.yaml'), 'utf8'), 'kind: Deployment\n');
      assert.deepEqual(readdirSync(parent), ['platform'], 'no staging or backup folder left');

      // A second export replaces the first one's files and removes the one it no longer has.
      const second = bundleFiles({ 'k8s/api.yaml': 'kind: Deployment # v2\n' });
      const again = await page.evaluate((request) => window.topologyHost.writeBundle(request), {
        folderId: chosen.value.folderId,
        files: second,
      });
      assert.ok(again.ok, `again: ${JSON.stringify(again)}`);
      assert.deepEqual(again.value.removed, ['pulumi/index.ts']);
      assert.equal(readFileSync(path.join(folder, 'k8s', 'api.yaml'), 'utf8'), 'kind: Deployment # v2\n');

      // A file someone else put where the bundle writes is never overwritten.
      writeFileSync(path.join(folder, 'k8s', 'mine.yaml'), 'mine');
      const refused = await page.evaluate((request) => window.topologyHost.writeBundle(request), {
        folderId: chosen.value.folderId,
        files: bundleFiles({ 'k8s/api.yaml': 'x', 'k8s/mine.yaml': 'theirs' }),
      });
      assert.equal(refused.ok ? '' : refused.error.code, 'bundle.refused');
      assert.equal(readFileSync(path.join(folder, 'k8s', 'mine.yaml'), 'utf8'), 'mine');
      assert.equal(readFileSync(path.join(folder, 'k8s', 'api.yaml'), 'utf8'), 'kind: Deployment # v2\n');

      // A folder id main did not hand out is refused.
      const unknown = await page.evaluate(
        (files) => window.topologyHost.writeBundle({ folderId: 'not-a-folder-id', files }),
        second,
      );
      assert.equal(unknown.ok ? '' : unknown.error.code, 'bundle.unknown-folder');
    },
  },
  {
    name: 'main refuses malformed requests and files that are not on the recent list',
    async run(harness) {
      const { page } = await harness.launch(harness.tempDir());
      const results = await page.evaluate(async () => {
        const host = window.topologyHost as unknown as Record<
          string,
          (...args: unknown[]) => Promise<{ ok: boolean; error?: { code: string } }>
        >;
        return Promise.all([
          host.openRecent!(42),
          host.openRecent!('/etc/passwd.topo.yaml'),
          host.autosave!({ key: 'k', name: 'n', text: 'x', extra: true }),
          host.setDocumentState!({ title: 1, dirty: 'yes' }),
        ]);
      });
      assert.deepEqual(
        results.map((result) => result.error?.code),
        ['ipc.invalid-payload', 'file.not-recent', 'ipc.invalid-payload', 'ipc.invalid-payload'],
      );
    },
  },
  {
    name: 'work autosaved before a crash is offered after relaunch; after a clean exit it is not',
    async run(harness) {
      const userData = harness.tempDir();
      const draft = { key: 'untitled-1', name: 'Untitled', text: DESIGN };
      const crashed = await harness.launch(userData);
      const saved = await crashed.page.evaluate((d) => window.topologyHost.autosave(d), draft);
      assert.ok(saved.ok);
      await harness.kill(crashed.app);

      const after = await harness.launch(userData);
      const offered = await after.page.evaluate(() => window.topologyHost.listRecoveries());
      assert.ok(offered.ok);
      assert.deepEqual(
        offered.value.map((r) => [r.key, r.name, r.text]),
        [[draft.key, draft.name, draft.text]],
      );
      await after.page.evaluate((key) => window.topologyHost.discardRecovery(key), draft.key);
      const saved2 = await after.page.evaluate((d) => window.topologyHost.autosave(d), {
        ...draft,
        key: 'untitled-2',
      });
      assert.ok(saved2.ok);
      await harness.close(after.app);

      const clean = await harness.launch(userData);
      const none = await clean.page.evaluate(() => window.topologyHost.listRecoveries());
      assert.deepEqual(none, { ok: true, value: [] });
    },
  },
  {
    name: 'closing with unsaved changes asks; Cancel keeps the window, Don’t save closes it',
    async run(harness) {
      const { app, page } = await harness.launch(harness.tempDir());
      await page.evaluate(() =>
        window.topologyHost.setDocumentState({ title: 'prod.topo.yaml', dirty: true }),
      );
      await stubMessageBox(app, 2);
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      const asked = await eventually(async () => {
        const messages = await app.evaluate(
          () => (globalThis as { askedMessages?: string[] }).askedMessages ?? [],
        );
        return messages.length > 0 ? messages : undefined;
      });
      assert.match(asked[0] ?? '', /prod\.topo\.yaml/);
      await page.waitForTimeout(200);
      assert.equal(await windowCount(app), 1);

      await stubMessageBox(app, 1);
      const closed = new Promise<void>((resolve) => app.once('close', () => resolve()));
      await app
        .evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
        .catch(() => undefined);
      if (process.platform === 'darwin') {
        await eventually(async () => ((await windowCount(app)) === 0 ? true : undefined));
      } else {
        await closed; // the last window closed: the app quits
      }
    },
  },
  {
    name: 'a design named on the command line reaches the renderer as file:opened',
    async run(harness) {
      const folder = harness.tempDir('topo-e2e-files-');
      const file = path.join(folder, 'argv.topo.yaml');
      writeFileSync(file, DESIGN);
      const { page } = await harness.launch(harness.tempDir(), [file]);
      const opened = await page.evaluate(
        () =>
          new Promise<{ name: string; path?: string; text: string }>((resolve) => {
            window.topologyHost.onOpenFile((f) => resolve({ name: f.name, path: f.path, text: f.text }));
          }),
      );
      assert.deepEqual(opened, { name: 'argv.topo.yaml', path: file, text: DESIGN });
    },
  },
  {
    name: 'the window size is remembered',
    async run(harness) {
      const userData = harness.tempDir();
      const first = await harness.launch(userData);
      const before = await first.app.evaluate(({ BrowserWindow }) => {
        const window = BrowserWindow.getAllWindows()[0];
        window?.setBounds({ x: 40, y: 40, width: 1000, height: 700 });
        return window?.getNormalBounds();
      });
      assert.ok(before);
      await harness.close(first.app);
      const state = JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8')) as {
        width: number;
        height: number;
      };
      assert.deepEqual(
        [state.width, state.height],
        [Math.max(800, before.width), Math.max(560, before.height)],
      );
      const second = await harness.launch(userData);
      const after = await second.app.evaluate(({ BrowserWindow, screen }) => {
        const bounds = BrowserWindow.getAllWindows()[0]?.getBounds();
        const areas = screen.getAllDisplays().map((display) => display.workArea);
        return {
          size: bounds ? [bounds.width, bounds.height] : [],
          maxWidth: Math.max(...areas.map((area) => area.width)),
          maxHeight: Math.max(...areas.map((area) => area.height)),
        };
      });
      // Restored as saved, shrunk only to fit the largest display (a small virtual screen in CI).
      assert.deepEqual(after.size, [
        Math.min(state.width, after.maxWidth),
        Math.min(state.height, after.maxHeight),
      ]);
    },
  },
];
