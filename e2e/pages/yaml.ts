// The YAML panel (view `yaml`): the open document's text in Monaco beside the canvas. Lines are found among
// the ones Monaco draws (`.view-line`, spaces drawn as no-break spaces), so a line is reachable when it is
// on screen: selecting its element on the canvas scrolls it into view. Typing goes through the real
// keyboard into the editor.
import type { Locator, Page } from '@playwright/test';

/** A pattern for text as Monaco draws it (a space may be a no-break space). */
function drawn(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]');
  return new RegExp(escaped);
}

export class YamlPanel {
  readonly tab: Locator;
  readonly view: Locator;
  readonly status: Locator;
  readonly editor: Locator;
  readonly conflict: Locator;
  readonly reload: Locator;
  readonly keep: Locator;
  /** The lines of the selected element's block (highlighted). */
  readonly selectedBlock: Locator;
  /** Error marks (squiggles) in the text. */
  readonly errors: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('view-tab-yaml');
    this.view = page.getByTestId('yaml-view');
    this.status = page.getByTestId('yaml-status');
    this.editor = page.getByTestId('yaml-editor');
    this.conflict = page.getByTestId('yaml-conflict');
    this.reload = page.getByTestId('yaml-reload');
    this.keep = page.getByTestId('yaml-keep');
    this.selectedBlock = this.editor.locator('.yaml-selected-block');
    this.errors = this.editor.locator('.squiggly-error');
  }

  /** Opens the panel and waits until the editor shows the design. */
  async open(): Promise<void> {
    await this.tab.click();
    await this.editor.locator('.view-line').first().waitFor();
    await this.waitFor('in-step');
  }

  /** Waits until the text stands in this relation to the design (`in-step`, `invalid`, `conflict` ...). */
  async waitFor(state: string): Promise<void> {
    await this.view.and(this.page.locator(`[data-state="${state}"]`)).waitFor();
  }

  /** The drawn line that contains `text`. */
  line(text: string): Locator {
    return this.editor.locator('.view-line').filter({ hasText: drawn(text) });
  }

  /** Puts the cursor at the end of the line that contains `text`. */
  async cursorAtEndOf(text: string): Promise<void> {
    await this.line(text).first().click();
    await this.page.keyboard.press('End');
  }

  /** On the line that ends with `line`, replaces its last `value.length` characters (`value`) by `next`, typing. */
  async retype(line: string, value: string, next: string): Promise<void> {
    await this.cursorAtEndOf(line);
    await this.erase(value.length);
    await this.page.keyboard.type(next);
  }

  /** Deletes characters before the cursor. */
  async erase(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.page.keyboard.press('Backspace');
  }
}
