import http from 'node:http';
import type Koa from 'koa';
import type { Logger } from './logger';

export interface RunningServer {
  server: http.Server;
  /** The address it listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Graceful stop: refuse new connections, let in-flight requests finish (up to timeoutMs), then return. */
  close(timeoutMs: number): Promise<void>;
}

export async function listen(
  app: Koa<any, any>,
  opts: { host: string; port: number; logger: Logger },
): Promise<RunningServer> {
  const server = http.createServer(app.callback());
  // Idle keep-alive sockets must not hold a shutdown open for their whole timeout.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The accept backlog (Node's default is 511): on claim day thousands of phones connect in the same
    // second, and a connection the kernel drops is retried by the phone after 1 s, then 3 s (issue #20:
    // those were the slowest "shed" answers). The kernel caps it at net.core.somaxconn.
    server.listen({ port: opts.port, host: opts.host, backlog: 4_096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  let closing: Promise<void> | null = null;

  return {
    server,
    url: `http://${shownHost}:${port}`,
    close(timeoutMs) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          opts.logger.warn({ timeoutMs }, 'shutdown timeout: closing remaining connections');
          server.closeAllConnections();
        }, timeoutMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Connections with no request in flight go now; busy ones close after their response.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
