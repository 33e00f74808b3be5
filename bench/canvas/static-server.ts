// A tiny static file server for built pages (dist/renderer, the bare React Flow page of the canvas
// benchmark): GET and HEAD only, paths kept inside the root, `index.html` for folders, on a free port of
// 127.0.0.1 chosen by the system so parallel runs never collide. Shared by the end-to-end suite and the
// canvas benchmark (here because the benchmark may only import files the scripts project includes).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.yaml': 'application/yaml; charset=utf-8',
};

export interface StaticServer {
  /** The base URL, ending with a slash. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the files under `root` until `close()`, and the texts of `extra` (URL path, from its leading slash, to
 * the text; read at each request, so the caller may change them between pages) ahead of the files.
 */
export async function startStaticServer(
  root: string,
  extra: ReadonlyMap<string, string> = new Map(),
): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const text = extra.get(pathname);
    if (text !== undefined) {
      const body = Buffer.from(text);
      response.writeHead(200, {
        'content-type': TYPES[path.extname(pathname)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const size = statSync(file).size;
      response.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': size,
        'cache-control': 'no-store',
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
