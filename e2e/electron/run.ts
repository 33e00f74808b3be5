// `npm run test:electron`: runs the `_electron` suite (app.electron.spec.ts) against the built app with
// node:assert; playwright-core has no test runner. Where the Electron binary is not installed (CI skips
// the download: GitHub is unreachable) it says so once and exits 0. Needs `npm run build:electron` first
// (the npm script does it) and, on Linux without a display, a virtual one (xvfb-run).
import { existsSync } from 'node:fs';
import { scenarios } from './app.electron.spec';
import { electronBinary, Harness, MAIN_BUNDLE, SKIP_MESSAGE } from './harness';

const binary = electronBinary();
if (!binary) {
  console.log(SKIP_MESSAGE);
  process.exit(0);
}
if (!existsSync(MAIN_BUNDLE)) {
  console.error(`${MAIN_BUNDLE} is missing: run \`npm run build:electron\` first.`);
  process.exit(1);
}

const only = process.argv.slice(2).join(' ').trim();
let failed = 0;
let ran = 0;
for (const scenario of scenarios) {
  if (only && !scenario.name.includes(only)) continue;
  ran++;
  const harness = new Harness(binary);
  const started = Date.now();
  try {
    await scenario.run(harness);
    console.log(`  ✓ ${scenario.name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.log(`  ✗ ${scenario.name}`);
    console.log(
      `    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.replace(
        /\n/g,
        '\n    ',
      ),
    );
  } finally {
    await harness.dispose();
  }
}
console.log(`\n${ran - failed} passed, ${failed} failed (electron: ${binary})`);
process.exit(failed > 0 ? 1 : 0);
