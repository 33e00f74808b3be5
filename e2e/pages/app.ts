// The whole app in one page object: the parts (canvas, inspector, problems, status bar, blast mode,
// toolbar, dialogs, toasts, command palette) and what crosses the page's edge: opening it, saving a design
// (a real download), opening one (the real file input), autosaved drafts in IndexedDB, screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { expect } from '@playwright/test';
import { BlastMode } from './blast';
import { CanvasPage } from './canvas';
import { CommandPalette, Dialogs, Toasts } from './dialogs';
import { InspectorPage } from './inspector';
import { ProblemsPage } from './problems';
import { StatusBar } from './status-bar';
import { Toolbar } from './toolbar';

/** Key-state screenshots go here (test-results is gitignored; CI keeps it as the run's artifacts). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/e2e/screenshots/', import.meta.url));

/** A saved design as the browser handed it over. */
export interface SavedFile {
  readonly name: string;
  readonly text: string;
}

/**
 * Headless Chromium has the File System Access pickers but cannot show them (a call never settles), so
 * the page runs as a browser without them, as Firefox and Safari do: the browser host then saves by
 * download and opens through a file input, the paths a test can drive for real.
 */
function withoutFileSystemAccess(): void {
  for (const name of ['showOpenFilePicker', 'showSaveFilePicker', 'showDirectoryPicker']) {
    Reflect.deleteProperty(window, name);
    Reflect.deleteProperty(Window.prototype, name);
  }
}

export class AppPage {
  readonly canvas: CanvasPage;
  readonly inspector: InspectorPage;
  readonly problems: ProblemsPage;
  readonly status: StatusBar;
  readonly blast: BlastMode;
  readonly toolbar: Toolbar;
  readonly dialogs: Dialogs;
  readonly toasts: Toasts;
  readonly commands: CommandPalette;

  constructor(
    readonly page: Page,
    private readonly testInfo?: TestInfo,
  ) {
    this.canvas = new CanvasPage(page);
    this.inspector = new InspectorPage(page);
    this.problems = new ProblemsPage(page);
    this.status = new StatusBar(page);
    this.blast = new BlastMode(page, this.canvas);
    this.toolbar = new Toolbar(page);
    this.dialogs = new Dialogs(page);
    this.toasts = new Toasts(page);
    this.commands = new CommandPalette(page);
  }

  static baseUrl(): string {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set: run the suite through e2e/playwright.config.ts');
    return url;
  }

  /** Makes the page a browser without File System Access (call once, before `open`). */
  async useDownloadsForFiles(): Promise<void> {
    await this.page.addInitScript(withoutFileSystemAccess);
  }

  /**
   * Opens a template from the empty canvas and waits until its missing places are given: they come from
   * ELK in a Web Worker, asynchronously, so this waits until that worker ran and the nodes hold still (a
   * drag or a save right after opening is then not overtaken by it).
   */
  async openTemplateArranged(file: string): Promise<void> {
    const workers: string[] = [];
    const onWorker = (worker: { url(): string }) => void workers.push(worker.url());
    this.page.on('worker', onWorker);
    await this.page.getByTestId(`empty-template-${file}`).click();
    await expect(this.canvas.empty).toBeHidden();
    const positions = () => this.canvas.positions();
    await expect.poll(() => workers.some((url) => url.includes('elk-worker'))).toBe(true);
    await expect
      .poll(async () => {
        const before = JSON.stringify(await positions());
        await this.page.waitForTimeout(750);
        return before === JSON.stringify(await positions());
      })
      .toBe(true);
    this.page.off('worker', onWorker);
  }

  /** Loads the app and waits until the shell is up. */
  async open(): Promise<void> {
    await this.page.goto(AppPage.baseUrl());
    await this.page.getByTestId('app').waitFor();
  }

  /**
   * Opens the app and starts from the OTT streaming platform template (the empty canvas's first card): done
   * once the canvas shows it and the status bar its cost total.
   */
  async openOttTemplate(): Promise<void> {
    await this.open();
    await this.page.getByTestId('empty-template-ott-streaming-platform.topo.yaml').click();
    await expect(this.canvas.empty).toBeHidden();
    await expect(this.status.cost).toContainText('/mo');
  }

  /** Reloads the page (a clean end of the session: its drafts are not offered back). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.getByTestId('app').waitFor();
  }

  /**
   * Crashes the page's renderer the way a killed tab ends: no pagehide, no beforeunload, nothing cleaned
   * up. The page is unusable afterwards; open the app again in a new page of the same context.
   */
  async crash(): Promise<void> {
    const crashed = this.page.waitForEvent('crash');
    const cdp = await this.page.context().newCDPSession(this.page);
    // The call never answers (its renderer is gone), so it is not awaited.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
  }

  /** The app in a new page of the same browser context (same IndexedDB and localStorage). */
  async openAnother(): Promise<AppPage> {
    const other = new AppPage(await this.page.context().newPage(), this.testInfo);
    await other.useDownloadsForFiles();
    await other.open();
    return other;
  }

  /**
   * Saves and returns the file the browser downloaded: with the toolbar's Save, or with Save As from the
   * command palette.
   */
  async saveByDownload(command: 'file.save' | 'file.saveAs' = 'file.save'): Promise<SavedFile> {
    const downloaded = this.page.waitForEvent('download');
    if (command === 'file.save') await this.toolbar.run(command);
    else await this.commands.run(command, 'save as');
    const download = await downloaded;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Opens a design with the toolbar's Open, choosing the file in the browser's file input. */
  async openFile(file: SavedFile): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.toolbar.run('file.open');
    await (
      await chooser
    ).setFiles({ name: file.name, mimeType: 'application/yaml', buffer: Buffer.from(file.text, 'utf8') });
  }

  /** The autosaved drafts in the page's IndexedDB, as the browser host stores them. */
  async drafts(): Promise<{ key: string; name: string; text: string; sessionId: string }[]> {
    return this.page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('topology-designer', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('drafts', { keyPath: 'key' });
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('drafts', 'readonly').objectStore('drafts').getAll();
            all.onerror = () => reject(all.error);
            all.onsuccess = () => {
              open.result.close();
              resolve(all.result);
            };
          };
        }),
    );
  }

  /** Saves a screenshot of the page as a key state of the test (a file and an attachment of the run). */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file });
    await this.testInfo?.attach(name, { path: file, contentType: 'image/png' });
    return file;
  }
}
