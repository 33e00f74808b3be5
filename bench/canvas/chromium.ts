// The browser the end-to-end suite (e2e/) and the canvas benchmark drive: Debian's Chromium (Playwright's
// own browser download cannot be reached from CI), through playwright-core. `CHROMIUM_PATH` points
// elsewhere. It lives here, not in e2e/, because the benchmark scripts are compiled with scripts/ and may
// only import what that project includes; the end-to-end suite includes this file too.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Features Playwright 1.65 turns off (its `chromiumSwitches`): Chromium reads only the last
 * `--disable-features`, so the list below must repeat them (chromium.test.ts compares it with the installed
 * playwright-core).
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium's own browser UI that a page never sees: every new window (Playwright opens one per browser
 * context) loaded the omnibox popups as WebUI pages, about 400 scripts in a renderer of their own, busy on
 * both cores for the first 1.5 s of the page under test (seen in a trace, 2026-12-07). Electron has no
 * omnibox.
 */
const BROWSER_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** Flags for a quiet, reproducible headless run in a container (no sandbox: CI runs as root). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES].join(',')}`,
];

/** Fails early, saying how to get the browser, when it is missing. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  return CHROMIUM_PATH;
}
