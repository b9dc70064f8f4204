/** A small HTTP client over a bounded keep-alive pool (like a fleet of phones through one gateway). */
import http from 'node:http';

export interface Answer {
  status: number;
  body: any;
  headers?: http.IncomingHttpHeaders;
  /** Answer time from the moment the request had a socket (not the wait for one in this pool), ms. */
  ms?: number;
}

export function client(baseUrl: string, maxSockets = 64) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  function send(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    return new Promise<Answer>((resolve, reject) => {
      let t0 = performance.now();
      const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...opts.headers,
          },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (data += d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : undefined, headers: res.headers, ms: performance.now() - t0 }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.once('socket', () => (t0 = performance.now()));
      if (payload) req.write(payload);
      req.end();
    });
  }
  return { send, close: () => agent.destroy() };
}
