// The browser the end-to-end suite (e2e/) and the canvas benchmark drive: Debian's Chromium (Playwright's
// own browser download cannot be reached from CI), through playwright-core. `CHROMIUM_PATH` points
// elsewhere. It lives here, not in e2e/, because the benchmark scripts are compiled with scripts/ and may
// only import what that project includes; the end-to-end suite includes this file too.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, reproducible headless run in a container (no sandbox: CI runs as root). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
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
