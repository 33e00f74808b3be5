// Before the suite: checks the browser build and the browser are there, clears the previous run's
// screenshots, and serves dist/renderer on a free port; the tests find it through E2E_BASE_URL (workers
// inherit the environment set here).
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireChromium } from '../../bench/canvas/chromium';
import { startStaticServer } from '../../bench/canvas/static-server';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  requireChromium();
  const root = path.resolve(ROOT, process.env.E2E_RENDERER_DIR ?? path.join('dist', 'renderer'));
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`npm run build:renderer\` (npm run test:e2e does)`);
  }
  // Key-state screenshots of this run only (Playwright empties its own output folder, not this one).
  rmSync(path.join(ROOT, 'test-results', 'e2e', 'screenshots'), { recursive: true, force: true });
  const server = await startStaticServer(root);
  process.env.E2E_BASE_URL = server.url;
  return () => server.close();
}
