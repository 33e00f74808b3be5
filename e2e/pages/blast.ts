// Blast-radius mode: choose a failure domain (the select, or "Simulate failure" on a node's context menu),
// read each node's mark (`data-blast="failed|degraded|ok"`), and clear the simulation.
import type { Locator, Page } from '@playwright/test';
import type { CanvasPage } from './canvas';

export type BlastMark = 'failed' | 'degraded' | 'ok';

export class BlastMode {
  readonly domainSelect: Locator;
  readonly clearButton: Locator;
  readonly banner: Locator;

  constructor(
    readonly page: Page,
    private readonly canvas: CanvasPage,
  ) {
    this.domainSelect = page.getByTestId('blast-domain-select');
    this.clearButton = page.getByTestId('blast-clear');
    this.banner = page.getByTestId('blast-banner');
  }

  /** Goes to the select (its list is built then, as when a user clicks it) and chooses the domain. */
  async chooseDomain(domainId: string): Promise<void> {
    await this.domainSelect.focus();
    await this.domainSelect.selectOption(domainId);
  }

  /** Right-clicks an element and picks "Simulate failure". */
  async simulateFailureOf(elementId: string): Promise<void> {
    await this.canvas.openContextMenu(elementId);
    await this.page.getByTestId('context-simulate-failure').click();
  }

  async clear(): Promise<void> {
    await this.clearButton.click();
  }

  /** The mark of every node that has one, by element id. */
  async marks(): Promise<Record<string, BlastMark>> {
    return this.canvas.root
      .locator('[data-testid^="node-"][data-blast]')
      .evaluateAll((elements) =>
        Object.fromEntries(
          elements.map((element) => [
            element.getAttribute('data-testid')!.slice('node-'.length),
            element.getAttribute('data-blast') as BlastMark,
          ]),
        ),
      );
  }
}
