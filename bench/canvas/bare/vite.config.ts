// The bare React Flow page of the canvas benchmark, built like the renderer (`base: './'`, es2022) into
// dist/bench-canvas-bare by bench/canvas-run.ts.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/bench-canvas-bare', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
