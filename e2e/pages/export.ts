// The Export dialog (renderer/export-bundle): validation, the folder, the file tree, the viewer, writing;
// and the origin private file system folder the test's folder picker hands over, read back for checks.
import type { Locator, Page } from '@playwright/test';

export class ExportDialogPage {
  readonly root: Locator;
  readonly status: Locator;
  readonly folder: Locator;
  readonly counts: Locator;
  readonly tree: Locator;
  readonly viewerTitle: Locator;
  readonly viewer: Locator;
  readonly message: Locator;
  readonly blocked: Locator;
  readonly writeButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('export-dialog');
    this.status = page.getByTestId('export-status');
    this.folder = page.getByTestId('export-folder');
    this.counts = page.getByTestId('export-counts');
    this.tree = page.getByTestId('export-tree');
    this.viewerTitle = page.getByTestId('export-viewer-title');
    this.viewer = page.getByTestId('export-viewer');
    this.message = page.getByTestId('export-message');
    this.blocked = page.getByTestId('export-blocked');
    this.writeButton = page.getByTestId('export-write');
  }

  /** Opens the dialog from the toolbar and waits for validation to finish. */
  async open(): Promise<void> {
    await this.page.getByTestId('toolbar-export.bundle').click();
    await this.status.filter({ hasNotText: 'Generating' }).waitFor();
  }

  /** Picks `name` (a folder of the origin private file system) in the folder picker. */
  async chooseFolder(name: string): Promise<void> {
    await this.page.evaluate((folder) => {
      (window as unknown as { __memoryFiles: { nextFolder: string } }).__memoryFiles.nextFolder = folder;
    }, name);
    await this.page.getByTestId('export-choose-folder').click();
    await this.folder.filter({ hasText: name }).waitFor();
  }

  /** Saves the bundle with "Save as .zip…" and returns the archive the browser downloaded. */
  async saveZip(): Promise<{ readonly name: string; readonly bytes: Buffer }> {
    const downloaded = this.page.waitForEvent('download');
    await this.page.getByTestId('export-save-zip').click();
    const download = await downloaded;
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  /** Clicks "Choose folder…" where no folder can be chosen (a browser without File System Access). */
  async tryChooseFolder(): Promise<void> {
    await this.page.getByTestId('export-choose-folder').click();
  }

  file(path: string): Locator {
    return this.tree.locator(`[data-path="${path}"]`);
  }

  async close(): Promise<void> {
    await this.page.getByTestId('export-close').click();
    await this.root.waitFor({ state: 'detached' });
  }

  /** Every file under a folder of the origin private file system, by path. */
  async folderFiles(name: string): Promise<Record<string, string>> {
    return this.page.evaluate(async (folderName) => {
      type Dir = {
        entries(): AsyncIterable<[string, Dir | { kind: 'file'; getFile(): Promise<File> }]>;
        kind: string;
      };
      const root = await navigator.storage.getDirectory();
      const top = (await root.getDirectoryHandle(folderName)) as unknown as Dir;
      const out: Record<string, string> = {};
      const walk = async (dir: Dir, prefix: string) => {
        for await (const [name, entry] of dir.entries()) {
          if (entry.kind === 'directory') await walk(entry as Dir, `${prefix}${name}/`);
          else
            out[`${prefix}${name}`] = await (await (entry as { getFile(): Promise<File> }).getFile()).text();
        }
      };
      await walk(top, '');
      return out;
    }, name);
  }

  /** Writes a file into a folder of the origin private file system, as a person editing by hand would. */
  async putFile(folderName: string, path: string, content: string): Promise<void> {
    await this.page.evaluate(
      async ({ folderName, path, content }) => {
        let dir = await (
          await navigator.storage.getDirectory()
        ).getDirectoryHandle(folderName, { create: true });
        const parts = path.split('/');
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
        const file = await dir.getFileHandle(parts.at(-1)!, { create: true });
        const writable = await file.createWritable();
        await writable.write(content);
        await writable.close();
      },
      { folderName, path, content },
    );
  }
}
