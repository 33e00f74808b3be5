// The packaging configuration is checked here because packaging itself cannot run without the Electron
// download: the security fuses, asar and the entry point must not drift.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  files: string[];
  extraMetadata: { main: string };
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; fileAssociations: { ext: string; mimeType: string }[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the bundles into an asar with the product name and targets', () => {
    expect(config.productName).toBe('Topology Designer');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'resources/**', 'package.json']));
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('starts the bundle that scripts/build-electron.ts writes', () => {
    const script = readFileSync(path.join(ROOT, 'scripts', 'build-electron.ts'), 'utf8');
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(script).toContain(`outfile: '${config.extraMetadata.main}'`);
    expect(script).toContain("outfile: 'dist/electron/preload.cjs'");
  });

  it('associates *.topo.yaml with a MIME type on Linux', () => {
    expect(config.linux.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'topo.yaml', mimeType: expect.any(String) as string }),
    ]);
  });
});
