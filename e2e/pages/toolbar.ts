// The toolbar: every button is a command of the registry, found by its id (`toolbar-<command id>`), plus
// the New menu (`toolbar-new-menu`, items `menu-<command id>`).
import type { Locator, Page } from '@playwright/test';

export class Toolbar {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('toolbar');
  }

  button(commandId: string): Locator {
    return this.page.getByTestId(`toolbar-${commandId}`);
  }

  async run(commandId: string): Promise<void> {
    await this.button(commandId).click();
  }

  async undo(): Promise<void> {
    await this.run('edit.undo');
  }

  async redo(): Promise<void> {
    await this.run('edit.redo');
  }

  /** Picks an item of the New menu (`file.new` or `file.newFromTemplate:<file>`). */
  async newFromMenu(commandId: string): Promise<void> {
    await this.page.getByTestId('toolbar-new-menu').click();
    await this.page.getByTestId(`menu-${commandId}`).click();
  }
}
