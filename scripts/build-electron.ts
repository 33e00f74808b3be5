// `npm run build:electron`: bundles the Electron shell into dist/electron/: main.cjs (the main process,
// package.json `main`) and preload.cjs. The preload must be one file: a sandboxed preload can require
// only `electron` and a few Node built-ins, never a local module. Both are CommonJS because Electron loads
// preloads as CommonJS and the package is `"type": "module"` (hence the .cjs names).
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'linked',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    platform: 'node',
    // Electron 41 ships Node 24; node20 keeps the output readable by the project's minimum Node too.
    target: 'node20',
    outfile: 'dist/electron/main.cjs',
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    // The sandboxed preload runs in the renderer: browser platform, Chromium syntax, no Node built-ins.
    platform: 'browser',
    target: 'chrome130',
    outfile: 'dist/electron/preload.cjs',
  }),
]);
