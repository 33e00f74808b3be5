// `npm run build:cli`: bundles the command-line tool into one ESM file, dist/cli/topo.mjs (the package's
// bin). The catalog JSON is bundled in, so the tool needs no files beside itself.
import { build } from 'esbuild';

await build({
  entryPoints: ['cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/cli/topo.mjs',
  logLevel: 'warning',
  // CommonJS dependencies (yaml) call require(); give the ESM bundle a real one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
