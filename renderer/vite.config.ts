// The renderer bundle. Run from the repository root with the renderer folder as Vite's root:
// `vite renderer` (dev server), `vite build renderer` (to dist/renderer), `vite preview renderer`.
// `base: './'` keeps every asset URL relative so Electron can load the build from a file or app protocol.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// monaco-yaml's worker reaches Monaco's worker entry by its pre-0.50 path (`monaco-editor/esm/vs/...`), which
// Monaco's package exports now map elsewhere; point that path at the file itself.
const monacoEsm = fileURLToPath(new URL('../node_modules/monaco-editor/esm/vs/', import.meta.url));

export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\//, replacement: monacoEsm }] },
  // Monaco's and monaco-yaml's workers are ES modules with imports of their own.
  worker: { format: 'es' },
  // The catalog (about 650 KiB of JSON) is emitted as a JSON.parse() call, which engines parse much faster
  // than the same data written as an object literal.
  json: { stringify: true },
  server: { port: 5173, fs: { allow: ['..'] } },
  preview: { port: 4173 },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
