// The Scenarios view: its tab, the scenario list (save, rename, switch, delete), the A and B pickers, the
// comparison's cost rows with their deltas, and the exports (a real download in the browser build).
import type { Locator, Page } from '@playwright/test';

/** An exported file as the browser handed it over. */
export interface ExportedComparison {
  readonly name: string;
  readonly text: string;
}

export class ComparePage {
  readonly tab: Locator;
  readonly view: Locator;
  readonly pickA: Locator;
  readonly pickB: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('view-tab-compare');
    this.view = page.getByTestId('view-compare');
    this.pickA = page.getByTestId('compare-pick-a');
    this.pickB = page.getByTestId('compare-pick-b');
  }

  /** Shows the Scenarios view. */
  async open(): Promise<void> {
    await this.tab.click();
    await this.view.waitFor();
  }

  /** Saves the current design as a scenario with this name. */
  async saveScenario(name: string): Promise<void> {
    await this.page.getByTestId('compare-save-name').fill(name);
    await this.page.getByTestId('compare-save').click();
  }

  scenarioName(id: string): Locator {
    return this.page.getByTestId(`compare-scenario-name-${id}`);
  }

  /** Chooses A and B: `design` or a scenario id. */
  async choose(a: string, b: string): Promise<void> {
    await this.pickA.selectOption(a);
    await this.pickB.selectOption(b);
  }

  costCell(column: 'a' | 'b' | 'delta', key: string): Locator {
    return this.page.getByTestId(`compare-cost-${column}-${key}`);
  }

  /** An amount as shown (`$12,345.67`, `+$1.00`, `-$3.50`) as a number. */
  async amount(column: 'a' | 'b' | 'delta', key: string): Promise<number> {
    const text = (await this.costCell(column, key).textContent()) ?? '';
    return Number(text.replace(/[^0-9.-]/g, ''));
  }

  /** Exports the comparison and returns the downloaded file. */
  async exportAs(format: 'csv' | 'xlsx' | 'md'): Promise<ExportedComparison> {
    const downloaded = this.page.waitForEvent('download');
    await this.page.getByTestId(`compare-export-${format}`).click();
    const download = await downloaded;
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
