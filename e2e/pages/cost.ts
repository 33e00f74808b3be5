// The cost view (the `Cost` workspace tab): grouping, sortable headings, rows that expand to their line
// items (`cost-row-<id>`, `cost-expand-<id>`, `cost-line-<lineId>`), the completeness marker, the
// assumptions panel and the exports, which in the browser build arrive as downloads.
import type { Download, Locator, Page } from '@playwright/test';

/** A file the cost view exported, as the browser downloaded it. */
export interface ExportedDownload {
  readonly name: string;
  readonly bytes: Buffer;
}

export class CostPage {
  readonly tab: Locator;
  readonly root: Locator;
  readonly table: Locator;
  readonly grouping: Locator;
  readonly incomplete: Locator;
  readonly facts: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('view-tab-cost');
    this.root = page.getByTestId('cost-view');
    this.table = page.getByTestId('cost-table');
    this.grouping = page.getByTestId('cost-grouping');
    this.incomplete = page.getByTestId('cost-incomplete');
    this.facts = page.getByTestId('cost-facts');
  }

  /** Opens the Cost tab and waits for the table. */
  async open(): Promise<void> {
    await this.tab.click();
    await this.table.waitFor({ state: 'visible' });
  }

  async groupBy(grouping: 'category' | 'region' | 'cluster' | 'pool'): Promise<void> {
    await this.grouping.selectOption(grouping);
  }

  row(id: string): Locator {
    return this.page.getByTestId(`cost-row-${id}`);
  }

  /** The ids of the group rows, in the order shown (totals excluded). */
  async groupIds(): Promise<string[]> {
    const ids = await this.table
      .locator('tbody:not(.cost-totals) > tr.cost-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace(/^cost-row-/, ''));
  }

  async expand(id: string): Promise<void> {
    await this.page.getByTestId(`cost-expand-${id}`).click();
  }

  /** The line item rows shown in the table. */
  lines(): Locator {
    return this.table.locator('tr.cost-line[data-testid^="cost-line-"]');
  }

  async sortBy(column: string): Promise<void> {
    await this.page.getByTestId(`cost-sort-${column}`).click();
  }

  assumption(path: string): Locator {
    return this.page.getByTestId(`cost-assumption-${path}`);
  }

  assumptionError(path: string): Locator {
    return this.page.getByTestId(`cost-assumption-error-${path}`);
  }

  /** Types a value into an assumption and applies it with Enter. */
  async setAssumption(path: string, value: number | string): Promise<void> {
    const field = this.assumption(path);
    await field.fill(String(value));
    await field.press('Enter');
  }

  /** Clicks an export button and returns the downloaded file. */
  async export(format: 'csv' | 'xlsx' | 'md'): Promise<ExportedDownload> {
    const downloaded = this.page.waitForEvent('download');
    await this.page.getByTestId(`cost-export-${format}`).click();
    const download: Download = await downloaded;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }
}
