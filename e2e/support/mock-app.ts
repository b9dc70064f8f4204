/**
 * The H5 build served with no BFF: a tiny static server for dist/h5 with the mock API of
 * `npm run dev:h5:mock` (config/mock.ts) in front, the same origin as the app.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createMockMiddleware } from '../../config/mock';
import { H5_DIR } from './bff';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface MockAppServer {
  url: string;
  /** Every request the server saw, as 'METHOD /path?query'. */
  requests: string[];
  stop(): Promise<void>;
}

export async function startMockAppServer(dir: string = H5_DIR): Promise<MockAppServer> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`no H5 build at ${dir}: run \`npm run build:h5\` first (npm test does)`);
  }
  const mock = createMockMiddleware();
  const requests: string[] = [];
  const serveFile = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    mock(req, res, () => serveFile(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async stop() {
      mock.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
