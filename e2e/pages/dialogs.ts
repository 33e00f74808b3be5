// The app's own dialogs (confirmations and choices), the toasts, and the command palette.
import type { Locator, Page } from '@playwright/test';

export class Dialogs {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('dialog');
  }

  choice(index: number): Locator {
    return this.page.getByTestId(`dialog-choice-${index}`);
  }

  async confirm(): Promise<void> {
    await this.page.getByTestId('dialog-confirm').click();
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('dialog-cancel').click();
  }

  async choose(index: number): Promise<void> {
    await this.choice(index).click();
  }
}

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export class Toasts {
  readonly all: Locator;

  constructor(readonly page: Page) {
    this.all = page.getByTestId('toast');
  }

  ofKind(kind: ToastKind): Locator {
    return this.page.locator(`[data-testid="toast"][data-kind="${kind}"]`);
  }
}

export class CommandPalette {
  readonly root: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('command-palette');
    this.input = page.getByTestId('command-palette-input');
  }

  /** Opens the palette, types a query and runs the command with that id. */
  async run(commandId: string, query: string): Promise<void> {
    await this.page.getByTestId('toolbar-view.commandPalette').click();
    await this.input.fill(query);
    await this.page.getByTestId(`command-palette-item-${commandId}`).click();
  }
}
