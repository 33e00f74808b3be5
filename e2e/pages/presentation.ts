// Presentation mode (toolbar `Present`, F5): the slide overlay, its title and counter, the slide buttons,
// and the picture menu's exports, which in the browser build arrive as downloads.
import type { Download, Locator, Page } from '@playwright/test';

/** A picture the app exported, as the browser downloaded it. */
export interface DownloadedPicture {
  readonly name: string;
  readonly bytes: Buffer;
}

export class PresentationPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly counter: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('presentation');
    this.title = page.getByTestId('presentation-title');
    this.counter = page.getByTestId('presentation-counter');
  }

  async start(): Promise<void> {
    await this.page.getByTestId('toolbar-view.present').click();
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  slide(id: string): Locator {
    return this.page.getByTestId(`slide-${id}`);
  }

  /** Exports a picture from the toolbar's picture menu, with or without the cost legend. */
  async exportPicture(format: 'png' | 'svg', legend: boolean): Promise<DownloadedPicture> {
    await this.page.getByTestId('toolbar-picture-menu').click();
    const box = this.page.getByTestId('menu-export.legend');
    if ((await box.isChecked()) !== legend) await box.click();
    const downloaded = this.page.waitForEvent('download');
    await this.page.getByTestId(`menu-export.${format}`).click();
    const download: Download = await downloaded;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }
}
