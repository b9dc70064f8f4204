/**
 * Issue #14 item 3: input that used to be answered 500 is a 4xx with the standard error body, logged at
 * warn without a stack — garbage period dates, compressed bodies that do not inflate, paths outside the
 * H5 folder, unknown methods — and a text or form body on a JSON endpoint is 415, not `{}`.
 * A real listening server and a raw HTTP client: supertest would normalise the paths.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import pino from 'pino';
import { identityApp, type IdentityApp, type Session } from '../support/identity';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: any;
}

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [k: string]: unknown;
}

let t: IdentityApp;
let server: http.Server;
let port: number;
let admin: Session;
const logs: LogLine[] = [];

beforeAll(async () => {
  // The app's own logger at warn, captured: what an operator would read.
  const logger = pino({ level: 'warn', base: { service: 'kcq-bff' } }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  t = identityApp({ over: { logger } });
  server = http.createServer(t.http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  admin = await t.signIn('admin');
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.deps.store.close();
});

/** One request with the path exactly as given. */
function raw(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Buffer; token?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-length'] = Buffer.byteLength(opts.body);
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * The standard error body, and the operator's view of it: one warn line, no error line, no stack.
 * (`warn: false`: an ordinary miss, such as a file name too long to exist, stays on the request line.)
 */
function expectRefusal(r: Raw, status: number, code: string, { warn = true } = {}): void {
  expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
  expect(typeof r.body.error.message).toBe('string');
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  const lines = logs.filter((l) => l.requestId === r.headers['x-request-id']);
  expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  expect(lines.filter((l) => l.level === 40)).toHaveLength(warn ? 1 : 0);
  expect(JSON.stringify(lines)).not.toMatch(/"stack"|"err"/);
}

describe('period dates (POST and PUT /api/admin/periods): 400 VALIDATION_FAILED naming the field', () => {
  const valid = {
    name: '2026年第四期',
    // What the mini-program's period form sends (toBeijingIso).
    opensAt: '2026-12-01T09:00:00+08:00',
    closesAt: '2026-12-31T17:00:00+08:00',
    quotaFen: 100_000_000,
  };
  const bad: [string, Record<string, unknown>, string][] = [
    ['garbage opensAt', { opensAt: 'garbage' }, 'body.opensAt'],
    ['empty opensAt', { opensAt: '' }, 'body.opensAt'],
    ['impossible opensAt (30 February)', { opensAt: '2027-02-30T09:00:00+08:00' }, 'body.opensAt'],
    ['opensAt without an offset', { opensAt: '2026-12-01 09:00' }, 'body.opensAt'],
    ['opensAt a number', { opensAt: 1_764_550_800_000 }, 'body.opensAt'],
    ['garbage closesAt', { closesAt: 'garbage' }, 'body.closesAt'],
    ['impossible closesAt (31 April)', { closesAt: '2027-04-31T09:00:00+08:00' }, 'body.closesAt'],
  ];

  test.each(bad)('POST with %s', async (_what, over, field) => {
    const r = await raw('POST', '/api/admin/periods', { token: admin.accessToken, ...json({ ...valid, ...over }) });
    expectRefusal(r, 400, 'VALIDATION_FAILED');
    expect(r.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  test.each(bad)('PUT with %s', async (_what, over, field) => {
    const created = await raw('POST', '/api/admin/periods', { token: admin.accessToken, ...json(valid) });
    expect(created.status).toBe(201);
    const r = await raw('PUT', `/api/admin/periods/${created.body.id}`, { token: admin.accessToken, ...json({ ...valid, ...over }) });
    expectRefusal(r, 400, 'VALIDATION_FAILED');
    expect(r.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
  });

  test('valid dates are still taken, and a window the wrong way round is refused on closesAt', async () => {
    const ok = await raw('POST', '/api/admin/periods', { token: admin.accessToken, ...json(valid) });
    expect(ok.status).toBe(201);
    expect(ok.body.opensAt).toBe('2026-12-01T01:00:00.000Z');
    const backwards = await raw('POST', '/api/admin/periods', { token: admin.accessToken, ...json({ ...valid, closesAt: valid.opensAt }) });
    expectRefusal(backwards, 400, 'VALIDATION_FAILED');
    expect(backwards.body.error.details.fields[0]).toMatchObject({ path: 'body.closesAt', message: '截止时间应晚于开放时间' });
  });
});

describe('Content-Encoding on a JSON body (anonymous)', () => {
  const plain = '{"code":"dev:encoded"}';

  test.each(['gzip', 'deflate', 'br'])('a plain body labelled %s: 400 CONTENT_ENCODING_INVALID', async (encoding) => {
    const r = await raw('POST', '/api/auth/wechat', { headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: plain });
    expectRefusal(r, 400, 'CONTENT_ENCODING_INVALID');
  });

  test('a truncated gzip body: 400 CONTENT_ENCODING_INVALID', async () => {
    const gz = zlib.gzipSync(plain);
    const r = await raw('POST', '/api/auth/wechat', { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gz.subarray(0, 12) });
    expectRefusal(r, 400, 'CONTENT_ENCODING_INVALID');
  });

  test('an encoding nobody knows: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const r = await raw('POST', '/api/auth/wechat', { headers: { 'content-type': 'application/json', 'content-encoding': 'x-compress-9000' }, body: plain });
    expectRefusal(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('a real %s body is inflated and read', async (encoding, compress) => {
    const r = await raw('POST', '/api/auth/wechat', { headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: compress(Buffer.from(plain)) });
    expect(r.status).toBe(200);
    expect(r.body.accessToken).toEqual(expect.any(String));
  });
});

describe('a body the JSON endpoint cannot read: 415, not an empty object', () => {
  test.each([
    ['text/plain', 'code=dev:x'],
    ['application/x-www-form-urlencoded', 'code=dev%3Ax'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="code"\r\n\r\ndev:x\r\n--xyz--\r\n'],
    ['application/xml', '<code>dev:x</code>'],
  ])('POST /api/auth/wechat with %s', async (type, body) => {
    const r = await raw('POST', '/api/auth/wechat', { headers: { 'content-type': type }, body });
    expectRefusal(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('a body with no Content-Type at all', async () => {
    const r = await raw('POST', '/api/auth/wechat', { body: '{"code":"dev:x"}' });
    expectRefusal(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('an empty body of any type is no body: the endpoint without one still answers', async () => {
    const period = await raw('POST', '/api/admin/periods', {
      token: admin.accessToken,
      ...json({ name: '提前关闭测试', opensAt: '2026-12-01T09:00:00+08:00', closesAt: '2026-12-02T09:00:00+08:00', quotaFen: 100_000_000 }),
    });
    const r = await raw('POST', `/api/admin/periods/${period.body.id}/close`, { token: admin.accessToken, headers: { 'content-type': 'text/plain' }, body: '' });
    expect(r.status).toBe(200);
  });
});

describe('paths outside the H5 folder: 404, never 500 (and index.html is still served)', () => {
  const variants = [
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/.%2e/.%2e/.%2e/etc/passwd',
    '/..\\package.json',
    '/%2e%2e%5cpackage.json',
    '/%00',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
  ];

  test.each(variants)('GET %s', async (path) => {
    const r = await raw('GET', path);
    expectRefusal(r, 404, 'ROUTE_NOT_FOUND');
    expect(r.text).not.toContain('kechuangquan');
    expect(r.text).not.toContain('root:');
  });

  test('a name too long for the file system (ENAMETOOLONG): an ordinary 404', async () => {
    const r = await raw('GET', `/${'a'.repeat(300)}/${'b'.repeat(300)}.html`);
    expectRefusal(r, 404, 'ROUTE_NOT_FOUND', { warn: false });
  });

  test('the app itself is still served', async () => {
    const r = await raw('GET', '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>科创券</title>');
  });
});

describe('unknown methods on API paths: 405 METHOD_NOT_ALLOWED with Allow, not 501/500', () => {
  test.each(['PROPFIND', 'TRACE', 'MKCOL', 'COPY', 'LOCK', 'SEARCH', 'PURGE'])('%s /api/periods', async (method) => {
    const r = await raw(method, '/api/periods');
    expectRefusal(r, 405, 'METHOD_NOT_ALLOWED');
    expect(r.headers.allow?.split(/,\s*/).sort()).toEqual(['GET', 'HEAD']);
  });

  test('a known method the path does not take is 405 with Allow too', async () => {
    const r = await raw('DELETE', '/api/admin/periods', { token: admin.accessToken });
    expectRefusal(r, 405, 'METHOD_NOT_ALLOWED');
    expect(r.headers.allow).toBe('POST');
  });

  test('an unknown method where no route is: 404', async () => {
    const r = await raw('PROPFIND', '/api/no-such-thing');
    expectRefusal(r, 404, 'ROUTE_NOT_FOUND');
    expect(r.headers.allow).toBeUndefined();
  });
});
