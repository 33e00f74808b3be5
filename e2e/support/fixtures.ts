// The suite's test function: `app` is the app page object on a fresh page of a fresh browser context
// (its own IndexedDB and localStorage), set up by default as a browser without File System Access so
// saving is a real download (`test.use({ files: 'memory' })` gives it in-memory pickers instead). An uncaught error in any page of the context fails the test that caused it.
import { test as base, expect } from '@playwright/test';
import { AppPage } from '../pages/app';
import { installMemoryFileSystem } from './memory-file-system';

export interface SuiteOptions {
  /**
   * How the page reaches files: `download` (no File System Access: Save downloads, Open uses a file
   * input, as in Firefox and Safari) or `memory` (File System Access pickers backed by memory).
   */
  readonly files: 'download' | 'memory';
}

export const test = base.extend<SuiteOptions & { app: AppPage }>({
  files: ['download', { option: true }],
  app: async ({ context, page, files }, use, testInfo) => {
    const errors: string[] = [];
    context.on('weberror', (error) => errors.push(error.error().stack ?? error.error().message));
    const app = new AppPage(page, testInfo);
    if (files === 'memory') await page.addInitScript(installMemoryFileSystem);
    else await app.useDownloadsForFiles();
    await use(app);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
