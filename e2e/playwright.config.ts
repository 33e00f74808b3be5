// The end-to-end suite: the browser build (dist/renderer, served by support/global-setup.ts) in Debian's
// Chromium, one worker (CI has two cores), screenshots of key states and of every failure under
// test-results/e2e/. `npm run test:e2e` builds the renderer first.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../bench/canvas/chromium';

export default defineConfig({
  testDir: './specs',
  outputDir: '../test-results/e2e/output',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Generous limits only: a test that hangs fails instead of blocking CI; none of them is a measurement.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e/report.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    acceptDownloads: true,
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
});
