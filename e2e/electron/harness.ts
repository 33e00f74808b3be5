// Launching the built desktop app (dist/electron/main.cjs) with playwright-core's `_electron`, each run in
// its own throwaway data folder. Only used where the Electron binary exists (see run.ts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication, Page } from 'playwright-core';
import { _electron } from 'playwright-core';
import type { HostApi } from '../../shared/host/host-api';

declare global {
  interface Window {
    topologyHost: HostApi;
  }
}

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN_BUNDLE = path.join(ROOT, 'dist', 'electron', 'main.cjs');
export const SKIP_MESSAGE = 'Electron binary not installed here: skipped the _electron suite';

/**
 * The Electron executable, when one is installed: `require('electron')` gives its path, and throws when
 * the binary download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD, no network).
 */
export function electronBinary(): string | undefined {
  try {
    const resolved: unknown = createRequire(import.meta.url)('electron');
    return typeof resolved === 'string' && existsSync(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}

export interface Launched {
  readonly app: ElectronApplication;
  readonly page: Page;
}

export class Harness {
  private readonly folders: string[] = [];
  private readonly running = new Set<ElectronApplication>();

  constructor(private readonly executablePath: string) {}

  /** A new empty folder, removed by `dispose`. */
  tempDir(prefix = 'topo-e2e-'): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    this.folders.push(dir);
    return dir;
  }

  /** Starts the app with `userDataDir` as its data folder and waits for the host API in the window. */
  async launch(userDataDir: string, extraArgs: readonly string[] = []): Promise<Launched> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    env.TOPO_USER_DATA_DIR = userDataDir;
    delete env.TOPO_DEV_SERVER_URL;
    const app = await _electron.launch({
      executablePath: this.executablePath,
      args: [MAIN_BUNDLE, ...extraArgs],
      cwd: ROOT,
      env,
      timeout: 60_000,
    });
    this.running.add(app);
    app.on('close', () => this.running.delete(app));
    const page = await app.firstWindow();
    await page.waitForFunction(() => typeof window.topologyHost === 'object', undefined, { timeout: 30_000 });
    return { app, page };
  }

  /** Quits cleanly (app.quit: will-quit runs, the recovery session ends). */
  async close(app: ElectronApplication): Promise<void> {
    await app.close();
    this.running.delete(app);
  }

  /** Kills the main process the way a crash would: no quit events, nothing cleaned up. */
  async kill(app: ElectronApplication): Promise<void> {
    const child = app.process();
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    child.kill('SIGKILL');
    await exited;
    this.running.delete(app);
  }

  async dispose(): Promise<void> {
    for (const app of this.running) await app.close().catch(() => undefined);
    this.running.clear();
    for (const dir of this.folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
