// Golden files of the startup template's bundle (STYLE.md section 11): every file of the bundle is kept
// under __golden__/single-cluster-startup/ with `.golden` appended (so no tool mistakes the copies for
// sources), and a change to the exporters shows as a reviewable diff. `UPDATE_GOLDEN=1` rewrites them.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TopologyDocumentSchema } from '../model/schema';
import { startupTemplate } from '../templates/templates';
import { loadTestCatalog } from '../test-support/catalog';
import { exportBundle } from './bundle';

const GOLDEN = fileURLToPath(new URL('./__golden__/single-cluster-startup/', import.meta.url));

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('the startup template bundle', () => {
  it('equals the golden files', () => {
    const result = exportBundle(TopologyDocumentSchema.parse(startupTemplate()), loadTestCatalog(), {
      generatorVersion: '0.1.0',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(GOLDEN, { recursive: true, force: true });
      for (const file of result.files) {
        const target = path.join(GOLDEN, `${file.path}.golden`);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, file.content);
      }
    }
    const golden = listFiles(GOLDEN).sort();
    expect(golden).toEqual(result.files.map((f) => `${f.path}.golden`));
    for (const file of result.files) {
      expect(file.content, `${file.path} differs from its golden file (UPDATE_GOLDEN=1 rewrites them)`).toBe(
        readFileSync(path.join(GOLDEN, `${file.path}.golden`), 'utf8'),
      );
    }
  });
});
