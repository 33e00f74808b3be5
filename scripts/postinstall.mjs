// The `postinstall` script: applies patches/ with patch-package. An install without dev dependencies
// (`npm ci --omit=dev`, as a packager may run it) has no patch-package and no use for the patches: they
// change React Flow, which only the renderer bundle carries, and that bundle is built from a full install.
// Such an install says so and goes on; in a full install a patch that does not apply fails it.
// Plain JavaScript: tsx is a dev dependency too.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let patchPackage;
try {
  patchPackage = require.resolve('patch-package/index.js');
} catch {
  console.log('postinstall: patch-package is not installed (no dev dependencies); patches/ not applied');
  process.exit(0);
}
const result = spawnSync(process.execPath, [patchPackage], { stdio: 'inherit' });
if (result.error) console.error(`postinstall: patch-package did not run: ${result.error.message}`);
process.exit(result.status ?? 1);
