// The browser flags of the canvas benchmark and the end-to-end suite: our `--disable-features` replaces
// Playwright's (Chromium reads only the last one), so it must keep every feature Playwright turns off.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from './chromium';

/** The features the installed playwright-core turns off, read from its bundle (its `chromiumSwitches`). */
function playwrightDisabledFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('playwright-core/package.json'));
  const bundle = readFileSync(path.join(root, 'lib', 'coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle)?.[1];
  if (list === undefined) {
    throw new Error(
      "playwright-core's disabled features were not found in lib/coreBundle.js: compare its chromiumSwitches with bench/canvas/chromium.ts by hand",
    );
  }
  return [...list.replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z0-9]+)"/g)].map((match) => match[1]!);
}

describe('the browser flags', () => {
  const disable = CHROMIUM_ARGS.filter((arg) => arg.startsWith('--disable-features='));
  const ours = new Set(disable.flatMap((arg) => arg.slice('--disable-features='.length).split(',')));

  it('turn features off in one switch, the one Chromium reads', () => {
    expect(disable).toHaveLength(1);
  });

  it("keep every feature Playwright turns off, and turn off Chromium's omnibox popups", () => {
    const playwright = playwrightDisabledFeatures();
    expect(playwright.length).toBeGreaterThan(5);
    expect(playwright.filter((feature) => !ours.has(feature))).toEqual([]);
    expect([...ours]).toEqual(expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']));
  });
});
