// Serving the built renderer (dist/renderer) under `app://topology-designer/`, the only origin the
// packaged app loads. A custom scheme rather than file:// so the page has a real origin, `'self'` in the
// CSP means the app, and nothing outside the renderer folder can be reached (`..`, encoded or not).
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.yaml': 'text/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file under `root` a request URL names, or undefined when it is not ours or escapes the folder. */
export function resolveAppAsset(root: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password)
    return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const relative = path.relative(base, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return file;
}

/** The response to one `app://` request (GET or HEAD), with the CSP on it. */
export async function serveAppAsset(
  root: string,
  request: { readonly url: string; readonly method: string },
  contentSecurityPolicy: string,
): Promise<Response> {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers });
  }
  const file = resolveAppAsset(root, request.url);
  if (!file) return new Response('Not found', { status: 404, headers });
  let body: Buffer;
  try {
    const stats = await fsp.stat(file);
    if (!stats.isFile()) return new Response('Not found', { status: 404, headers });
    body = await fsp.readFile(file);
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...headers, 'Content-Type': mimeTypeOf(file) },
  });
}
