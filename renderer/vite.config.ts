// The renderer bundle. Run from the repository root with the renderer folder as Vite's root:
// `vite renderer` (dev server), `vite build renderer` (to dist/renderer), `vite preview renderer`.
// `base: './'` keeps every asset URL relative so Electron can load the build from a file or app protocol.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  plugins: [react()],
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
