import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveAppAsset, serveAppAsset } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';
import { tempFolders } from './test-support/temp';

const folders = tempFolders();
afterEach(() => folders.cleanup());

describe('resolveAppAsset', () => {
  const root = path.resolve('/opt/app/dist/renderer');

  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://topology-designer/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://topology-designer/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://topology-designer/assets/a%20b.js?v=1#x')).toBe(
      path.join(root, 'assets', 'a b.js'),
    );
  });

  it('clamps dot segments at the root of the folder', () => {
    // URL parsing resolves `..` and `%2e%2e` segments; they cannot climb above the host.
    expect(resolveAppAsset(root, 'app://topology-designer/%2e%2e/%2e%2e/package.json')).toBe(
      path.join(root, 'package.json'),
    );
    expect(resolveAppAsset(root, 'app://topology-designer/../../package.json')).toBe(
      path.join(root, 'package.json'),
    );
  });

  it('refuses other hosts, schemes and anything that leaves the folder', () => {
    for (const url of [
      'app://other/index.html',
      'file:///opt/app/dist/renderer/index.html',
      'app://topology-designer/..%2f..%2fpackage.json',
      'app://topology-designer/assets/..%5c..%5cpackage.json',
      'app://topology-designer/%00',
      'app://topology-designer/%E0%A4%A',
      'not a url',
    ]) {
      expect(resolveAppAsset(root, url), url).toBeUndefined();
    }
  });
});

describe('serveAppAsset', () => {
  it('serves files with their type, the CSP and nosniff', async () => {
    const root = folders.make();
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    const page = await serveAppAsset(
      root,
      { url: 'app://topology-designer/', method: 'GET' },
      CONTENT_SECURITY_POLICY,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html>');
    const script = await serveAppAsset(
      root,
      { url: 'app://topology-designer/assets/app.js', method: 'HEAD' },
      'p',
    );
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('');
  });

  it('answers 404 for missing files and folders, 405 for writes', async () => {
    const root = folders.make();
    mkdirSync(path.join(root, 'assets'));
    const get = (url: string, method = 'GET') =>
      serveAppAsset(root, { url, method }, CONTENT_SECURITY_POLICY);
    expect((await get('app://topology-designer/missing.js')).status).toBe(404);
    expect((await get('app://topology-designer/assets')).status).toBe(404);
    expect((await get('app://topology-designer/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    const post = await get('app://topology-designer/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('knows the types Vite emits', () => {
    expect(mimeTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });
});
