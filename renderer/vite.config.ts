// The renderer bundle. Run from the repository root with the renderer folder as Vite's root:
// `vite renderer` (dev server), `vite build renderer` (to dist/renderer), `vite preview renderer`.
// `base: './'` keeps every asset URL relative so Electron can load the build from a file or app protocol.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

// monaco-yaml's worker reaches Monaco's worker entry by its pre-0.50 path (`monaco-editor/esm/vs/...`), which
// Monaco's package exports now map elsewhere; point that path at the file itself.
const monacoEsm = fileURLToPath(new URL('../node_modules/monaco-editor/esm/vs/', import.meta.url));

/** The catalog file as the build emits it (`renderer/app/catalog.ts` imports its URL). */
const CATALOG_ASSET = /^assets\/aws-[^/]*\.json$/;

/** The script that starts reading the catalog before the app's own scripts have run (see `catalogAsset`). */
const EARLY_CATALOG_SCRIPT = 'catalog-early.js';

/**
 * The catalog file of the build: written without the indentation of the committed file (about 560 instead of
 * 650 KiB to read and parse at every start), fetched while the app's scripts are still being parsed, and read
 * into objects then too. `index.html` preloads it and runs a small classic script (`catalog-early.js`) that
 * fetches and parses it as soon as the file arrives; `renderer/app/catalog.ts` takes that promise over once
 * every module of the entry has run. The main thread has nothing else to do while the two script chunks are
 * parsed on other threads, so the parse (20-60 ms on the benchmark's machine) no longer waits for the app's
 * modules. `crossorigin="anonymous"` makes the preload match the credentials mode of that `fetch`, so the
 * browser uses the preloaded response. A classic script from the app's own origin is allowed by the
 * Content-Security-Policy (`script-src 'self'`), where an inline one would not be.
 */
function catalogAsset(): Plugin {
  return {
    name: 'topology-designer:catalog-asset',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'asset' || !CATALOG_ASSET.test(output.fileName)) continue;
        const text =
          typeof output.source === 'string' ? output.source : new TextDecoder().decode(output.source);
        output.source = JSON.stringify(JSON.parse(text)).replace(
          /[\u0080-\uffff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
        this.emitFile({
          type: 'asset',
          fileName: EARLY_CATALOG_SCRIPT,
          // The same messages as renderer/app/catalog.ts gives when it fetches the file itself.
          source: [
            "// Starts reading the catalog while the app's scripts are parsed; renderer/app/catalog.ts takes it over.",
            `globalThis.__topologyCatalog = fetch(${JSON.stringify(`./${output.fileName}`)}).then(`,
            '  (response) => {',
            '    if (!response.ok) throw new Error(`could not be read (HTTP ${response.status})`);',
            '    return response.json().catch((error) => {',
            '      throw new Error(`is not valid JSON: ${error.message}`);',
            '    });',
            '  },',
            '  (error) => {',
            '    throw new Error(`could not be read: ${error.message}`);',
            '  },',
            ');',
            '// The app reports a failure when it takes the promise over.',
            'globalThis.__topologyCatalog.catch(() => {});',
            '',
          ].join('\n'),
        });
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const asset = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'asset' && CATALOG_ASSET.test(output.fileName),
        );
        if (!asset) throw new Error('the catalog asset is missing from the bundle');
        return [
          {
            tag: 'link',
            attrs: { rel: 'preload', as: 'fetch', crossorigin: 'anonymous', href: `./${asset.fileName}` },
            injectTo: 'head',
          },
          { tag: 'script', attrs: { src: `./${EARLY_CATALOG_SCRIPT}`, async: true }, injectTo: 'head' },
        ];
      },
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), catalogAsset()],
  resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\//, replacement: monacoEsm }] },
  // Monaco's and monaco-yaml's workers are ES modules with imports of their own.
  worker: { format: 'es' },
  // JSON modules (the document's JSON Schema, for the YAML view) are emitted as a JSON.parse() call, which
  // engines parse much faster than the same data written as an object literal.
  json: { stringify: true },
  server: { port: 5173, fs: { allow: ['..'] } },
  preview: { port: 4173 },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // What the app loads at start is split in two, the libraries and the app's own code, so the browser
    // parses the two on two threads while the page waits for its scripts (one 1.1 MB script is one parse on
    // one thread). Measured: the shell shows 70-110 ms sooner (medians of 10 and 14 interleaved runs).
    rolldownOptions: {
      output: {
        charset: 'ascii',
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules/, tags: ['$initial'] }],
        },
      },
    },
  },
});
