/**
 * @module A tiny static file server on loopback for tests, the demo shop, eval and bench. Two servers on
 * different ports are different origins, which is how cross-origin frames are exercised.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
};

/** A running server and its origin. */
export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/** Content type for a file name. */
export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves `root` on 127.0.0.1 (or `host`) at a free port. `headers` adds response headers (e.g. a CSP).
 * Paths escaping `root` get 403.
 */
export async function serveStatic(root: string, options: { host?: string; headers?: Record<string, string> } = {}): Promise<StaticServer> {
  const absRoot = path.resolve(root);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const file = path.resolve(absRoot, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(absRoot)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file)
      .then((body) => {
        res.writeHead(200, { 'content-type': contentTypeFor(file), 'cache-control': 'no-store', ...options.headers });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('server has no port');
  }
  return {
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
