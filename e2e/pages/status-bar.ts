// The status bar: document name, unsaved marker, element counts, cost total and problem count.
import type { Locator, Page } from '@playwright/test';

/** Element counts as the status bar states them ("1 region · 2 clusters · 3 node pools · …"). */
export type Counts = Readonly<Record<string, number>>;

const SINGULAR: Readonly<Record<string, string>> = {
  regions: 'region',
  clusters: 'cluster',
  'node pools': 'node pool',
  fleets: 'fleet',
  workloads: 'workload',
  dependencies: 'dependency',
};

/** Parses "1 region · 0 clusters · 2 node pools" into { region: 1, cluster: 0, 'node pool': 2 }. */
export function parseCounts(text: string): Counts {
  const counts: Record<string, number> = {};
  for (const part of text.split('·')) {
    const match = /^\s*([\d,]+)\s+(.+?)\s*$/.exec(part);
    if (!match) continue;
    const noun = match[2]!;
    counts[SINGULAR[noun] ?? noun] = Number(match[1]!.replace(/,/g, ''));
  }
  return counts;
}

export class StatusBar {
  readonly root: Locator;
  readonly name: Locator;
  readonly dirty: Locator;
  readonly counts: Locator;
  readonly cost: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('status-bar');
    this.name = page.getByTestId('status-name');
    this.dirty = page.getByTestId('status-dirty');
    this.counts = page.getByTestId('status-counts');
    this.cost = page.getByTestId('status-cost');
    this.problems = page.getByTestId('status-problems');
  }

  async readCounts(): Promise<Counts> {
    return parseCounts((await this.counts.textContent()) ?? '');
  }

  async isDirty(): Promise<boolean> {
    return (await this.dirty.getAttribute('data-dirty')) === 'true';
  }

  async costText(): Promise<string> {
    return ((await this.cost.textContent()) ?? '').trim();
  }
}
