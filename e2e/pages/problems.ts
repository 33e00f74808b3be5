// The problems panel: the design-rule diagnostics, one row per problem and element
// (`problem-row-<code>-<elementId>`), with a fix button where the rule has one.
import type { Locator, Page } from '@playwright/test';

export class ProblemsPage {
  readonly root: Locator;
  readonly statusCount: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('problems-panel');
    this.statusCount = page.getByTestId('status-problems');
    this.rows = this.root.locator('[data-testid^="problem-row-"]');
  }

  row(code: string, elementId: string): Locator {
    return this.page.getByTestId(`problem-row-${code}-${elementId}`);
  }

  fixButton(code: string, elementId: string): Locator {
    return this.page.getByTestId(`problem-fix-${code}-${elementId}`);
  }

  /** Opens the panel from the status bar when it is not shown. */
  async open(): Promise<void> {
    if (await this.root.isVisible()) return;
    await this.statusCount.click();
    await this.root.waitFor({ state: 'visible' });
  }

  /** Every row shown, as `<code>-<elementId>`. */
  async rowKeys(): Promise<string[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-testid')!.slice('problem-row-'.length)),
    );
  }

  async fix(code: string, elementId: string): Promise<void> {
    await this.fixButton(code, elementId).click();
  }
}
