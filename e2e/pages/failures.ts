// The Failures view (the `Failures` workspace tab, docked beside the canvas): the failure domains worst
// first (`failures-domain-<domainId>`), the chosen domain's impact table, the single points of failure, the
// AZ-loss matrix (`failures-cell-<elementId>-<zoneId>`) and the burst plot with its sliders
// (`failures-knob-<key>`) and unserved figure.
import type { Locator, Page } from '@playwright/test';

export class FailuresPage {
  readonly tab: Locator;
  readonly root: Locator;
  readonly domains: Locator;
  readonly showAllDomains: Locator;
  readonly impact: Locator;
  readonly spofs: Locator;
  readonly matrix: Locator;
  readonly burst: Locator;
  readonly plot: Locator;
  readonly unserved: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('view-tab-failures');
    this.root = page.getByTestId('failures-view');
    this.domains = page.getByTestId('failures-domains');
    this.showAllDomains = page.getByTestId('failures-domains-all');
    this.impact = page.getByTestId('failures-impact');
    this.spofs = page.getByTestId('failures-spofs');
    this.matrix = page.getByTestId('failures-matrix');
    this.burst = page.getByTestId('failures-burst');
    this.plot = page.getByTestId('failures-burst-plot');
    this.unserved = page.getByTestId('failures-unserved');
  }

  /** Opens the Failures tab and waits for the domain list. */
  async open(): Promise<void> {
    await this.tab.click();
    await this.domains.waitFor({ state: 'visible' });
  }

  domain(id: string): Locator {
    return this.page.getByTestId(`failures-domain-${id}`);
  }

  /** The domain ids listed, in the order shown. */
  async domainIds(): Promise<string[]> {
    return this.domains
      .locator('button[data-domain]')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-domain') ?? ''));
  }

  /** Chooses a domain from the full list. */
  async choose(id: string): Promise<void> {
    if (!(await this.showAllDomains.isChecked())) await this.showAllDomains.check();
    await this.domain(id).click();
  }

  impactRows(): Locator {
    return this.impact.locator('[data-testid^="failures-impact-row-"]');
  }

  cell(elementId: string, zoneId: string): Locator {
    return this.page.getByTestId(`failures-cell-${elementId}-${zoneId}`);
  }

  knob(key: string): Locator {
    return this.page.getByTestId(`failures-knob-${key}`);
  }

  /** Moves a slider to a value, as a release of the thumb there would. */
  async setKnob(key: string, value: number): Promise<void> {
    await this.knob(key).fill(String(value));
  }
}
