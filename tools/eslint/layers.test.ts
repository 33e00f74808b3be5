import path from 'node:path';
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import rule from './layers.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = '/repo';
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const at = (file: string, code: string) => ({ filename: path.join(root, file), code, options: [{ root }] });

tester.run('topo/layers', rule, {
  valid: [
    at('shared/cost/estimate.ts', "import { z } from 'zod';"),
    at('shared/cost/estimate.ts', "import { findElement } from '../model/elements';"),
    at('shared/cost/estimate.test.ts', "import { readFileSync } from 'node:fs';"),
    at('renderer/app/App.tsx', "import { executeCommand } from '../../shared/model/commands';"),
    at('renderer/app/App.tsx', "import { ReactFlow } from '@xyflow/react';"),
    at('electron/main/main.ts', "import { app } from 'electron';"),
    at('electron/main/file-service.ts', "import { rename } from 'node:fs/promises';"),
    at('electron/preload/preload.ts', "import { contextBridge } from 'electron';"),
    at('electron/preload/preload.ts', "import { CHANNELS } from '../ipc/channels';"),
    at('cli/main.ts', "import { parseArgs } from 'node:util';"),
    // The bundle writer in node/ serves the CLI and the Electron main process.
    at('cli/commands.ts', "import { writeBundle } from '../node/bundle-writer';"),
    at('electron/main/bundle-service.ts', "import { writeBundle } from '../../node/bundle-writer';"),
    at('node/bundle-writer.ts', "import { renameSync } from 'node:fs';"),
    at('shared/export/k8s-validator.ts', "import { Job } from 'kubernetes-models/batch/v1/Job';"),
    // The renderer's build configuration runs in Node at build time.
    at('renderer/vite.config.ts', "import { fileURLToPath } from 'node:url';"),
  ],
  invalid: [
    {
      ...at('renderer/app/vite-config-helper.ts', "import { fileURLToPath } from 'node:url';"),
      errors: [{ messageId: 'node' }],
    },
    {
      ...at('shared/model/schema.ts', "import { readFileSync } from 'node:fs';"),
      errors: [{ messageId: 'node' }],
    },
    {
      ...at('shared/model/schema.ts', "import React from 'react';"),
      errors: [{ messageId: 'pkg' }],
    },
    {
      ...at('shared/cost/estimate.ts', "import { browserHost } from '../../renderer/host/browser-host';"),
      errors: [{ messageId: 'layer' }],
    },
    {
      ...at('renderer/app/App.tsx', "import { CHANNELS } from '../../electron/ipc/channels';"),
      errors: [{ messageId: 'layer' }],
    },
    {
      ...at('renderer/app/App.tsx', "import { ipcRenderer } from 'electron';"),
      errors: [{ messageId: 'pkg' }],
    },
    {
      ...at('renderer/app/App.tsx', "import { readFileSync } from 'fs';"),
      errors: [{ messageId: 'node' }],
    },
    {
      ...at('electron/main/main.ts', "import { App } from '../../renderer/app/App';"),
      errors: [{ messageId: 'layer' }],
    },
    {
      ...at('node/bundle-writer.ts', "import { dialog } from 'electron';"),
      errors: [{ messageId: 'pkg' }],
    },
    {
      ...at('node/bundle-writer.ts', "import { COMMANDS } from '../cli/commands';"),
      errors: [{ messageId: 'layer' }],
    },
    {
      ...at('electron/preload/preload.ts', "import { z } from 'zod';"),
      errors: [{ messageId: 'preload' }],
    },
    {
      ...at(
        'electron/preload/preload.ts',
        "import { loadDocument } from '../../shared/format/document-file';",
      ),
      errors: [{ messageId: 'preload' }],
    },
  ],
});
