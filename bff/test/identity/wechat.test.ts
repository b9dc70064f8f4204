/**
 * POST /api/auth/wechat against a fake WeChat server over real HTTP on 127.0.0.1 (code2Session):
 * success, an invalid code, WeChat errors and a hang longer than WECHAT_TIMEOUT_MS. Plus dev login.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { identityApp } from '../support/identity';

interface Seen {
  path: string;
  query: Record<string, string>;
}

let server: http.Server;
let baseUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    const code = url.searchParams.get('js_code') ?? '';
    const json = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return json(404, {});
    if (code.startsWith('good-')) {
      // WeChat labels this JSON text/plain; the adapter must parse it anyway.
      return json(200, { openid: `o-${code.slice(5)}`, session_key: 'SECRET-SESSION-KEY' }, 'text/plain');
    }
    if (code === 'bad') return json(200, { errcode: 40029, errmsg: 'invalid code' });
    if (code === 'used') return json(200, { errcode: 40163, errmsg: 'code been used' });
    if (code === 'busy') return json(200, { errcode: -1, errmsg: 'system error' });
    if (code === 'secret') return json(200, { errcode: 40125, errmsg: 'invalid appsecret' });
    if (code === 'http500') return json(500, { oops: true });
    if (code === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<html>gateway</html>');
    }
    if (code === 'hang') return; // never answers; the client's timeout must fire
    json(200, { errcode: 40029, errmsg: 'invalid code' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function wechatApp() {
  return identityApp({
    env: {
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'test-app-secret',
      WECHAT_BASE_URL: baseUrl,
      WECHAT_TIMEOUT_MS: '300',
      ADMIN_OPENIDS: 'o-boss',
    },
  });
}

const login = (t: ReturnType<typeof wechatApp>, code: string) => request(t.http).post('/api/auth/wechat').send({ code });

describe('code2Session over HTTP', () => {
  test('success: the openid becomes a user, tokens come back, the session_key never does', async () => {
    const t = wechatApp();
    seen.length = 0;
    const res = await login(t, 'good-alice');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', isNewUser: true, user: { roles: [], applicantId: null, openUnitId: null } });
    expect(typeof res.body.accessToken).toBe('string');
    expect(typeof res.body.refreshToken).toBe('string');
    expect(res.text).not.toContain('SECRET-SESSION-KEY');
    expect(seen).toEqual([
      {
        path: '/sns/jscode2session',
        query: { appid: 'wx-test-app', secret: 'test-app-secret', js_code: 'good-alice', grant_type: 'authorization_code' },
      },
    ]);
    const me = await t.as({ accessToken: res.body.accessToken, refreshToken: '', userId: '', body: {} }).get('/api/me');
    expect(me.body.user.openid).toBe('o-alice');

    // The same openid signs in to the same user.
    const again = await login(t, 'good-alice');
    expect(again.body).toMatchObject({ isNewUser: false, user: { id: res.body.user.id } });
  });

  test('an ADMIN_OPENIDS openid is an administrator from its first sign-in', async () => {
    const res = await login(wechatApp(), 'good-boss');
    expect(res.body.user.roles).toEqual(['admin']);
  });

  test.each([
    ['bad', 'invalid code (40029)'],
    ['used', 'code been used (40163)'],
  ])('%s: %s → 401 WECHAT_LOGIN_FAILED and no user is created', async (code) => {
    const t = wechatApp();
    const res = await login(t, code);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('WECHAT_LOGIN_FAILED');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await t.services.users.list({ limit: 10 })).items).toHaveLength(0);
  });

  test.each([
    ['busy', 'busy'],
    ['secret', 'errcode'],
    ['http500', 'http'],
    ['garbage', 'bad_answer'],
  ])('%s → 502 WECHAT_UNAVAILABLE (reason %s)', async (code, reason) => {
    const res = await login(wechatApp(), code);
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { reason } });
    expect(res.text).not.toContain('test-app-secret');
  });

  test('a WeChat that hangs longer than WECHAT_TIMEOUT_MS → 502 WECHAT_UNAVAILABLE (timeout), promptly', async () => {
    const started = Date.now();
    const res = await login(wechatApp(), 'hang');
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', details: { reason: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('an unreachable WeChat → 502 WECHAT_UNAVAILABLE (network)', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const t = identityApp({
      env: { WECHAT_APPID: 'wx', WECHAT_SECRET: 's', WECHAT_BASE_URL: `http://127.0.0.1:${port}`, WECHAT_TIMEOUT_MS: '1000' },
    });
    const res = await login(t, 'good-x');
    expect(res.status).toBe(502);
    expect(res.body.error.details).toEqual({ reason: 'network' });
  });

  test('with WeChat configured, dev codes are just codes WeChat refuses', async () => {
    const res = await login(wechatApp(), 'dev:alice');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('WECHAT_LOGIN_FAILED');
  });
});

describe('dev login (no WECHAT_APPID)', () => {
  test('dev:<name> signs in as the stable openid dev-<name>', async () => {
    const t = identityApp();
    const a = await t.signIn('alice');
    const b = await t.signIn('alice');
    expect(a.userId).toBe(b.userId);
    expect(a.body.isNewUser).toBe(true);
    expect(b.body.isNewUser).toBe(false);
    expect((await t.as(a).get('/api/me')).body.user.openid).toBe('dev-alice');
  });

  test('dev-admin (ADMIN_OPENIDS) is an administrator; others are not', async () => {
    const t = identityApp();
    expect((await t.signIn('admin')).body.user.roles).toEqual(['admin']);
    expect((await t.signIn('alice')).body.user.roles).toEqual([]);
  });

  test.each(['alice', 'dev:', 'dev:has space', 'dev:a/b', `dev:${'x'.repeat(33)}`])(
    'code %j is refused with 401 WECHAT_LOGIN_FAILED',
    async (code) => {
      const res = await request(identityApp().http).post('/api/auth/wechat').send({ code });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('WECHAT_LOGIN_FAILED');
    },
  );

  test('a missing code is 400 VALIDATION_FAILED', async () => {
    const res = await request(identityApp().http).post('/api/auth/wechat').send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].path).toBe('body.code');
  });
});
