/**
 * Rate limits over HTTP, counted in process memory (issue #14 item 4): sign-in per address, failed
 * refreshes per address, invite redemption per user and per address, evidence uploads per user, claims
 * per user counting only new Idempotency-Keys, and the global ceiling keyed on the user (the address
 * only without a token). Each refusal is 429 RATE_LIMITED with Retry-After and a Chinese message.
 * The Redis-backed counting shared by several instances: rateLimit.redis.test.ts.
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { USERS } from '../src/domain/users';
import { listen } from '../src/server';
import { createLogger } from '../src/logger';
import { EmbeddedStore } from '../src/store/embedded';
import { fakeH5Dir } from './support/app';
import { identityApp, type IdentityApp } from './support/identity';
import { buildWorld, bj, claim, PDF, propose, terms, type World } from './contracts/world';

const MESSAGE = /^操作太频繁，请 \d+ 秒后再试$/;

function expectLimited(res: request.Response, limit: string, windowSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(MESSAGE), details: { limit } });
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  // The message names the same number of seconds as the header.
  expect(res.body.error.message).toBe(`操作太频繁，请 ${retryAfter} 秒后再试`);
  expect(res.body.error.details.retryAfterSeconds).toBe(retryAfter);
}

const app = (env: Record<string, string>) => identityApp({ env: { RATE_LIMITS: 'on', ...env } });

describe('rate limits in memory', () => {
  test('sign-in: the 4th from one address within the window is refused; another address still signs in', async () => {
    const t = app({ RATE_LIMIT_SIGNIN: '3/60' });
    // Two loopback addresses of this machine, as two phones behind two different gateways.
    const server = await listen(t.app, { host: '127.0.0.1', port: 0, logger: createLogger('silent') });
    const { port } = server.server.address() as AddressInfo;
    const signIn = (from: string, name: string) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>((resolve, reject) => {
        const body = JSON.stringify({ code: `dev:${name}` });
        const req = http.request(
          { host: '127.0.0.1', port, localAddress: from, method: 'POST', path: '/api/auth/wechat', headers: { 'content-type': 'application/json' } },
          (res) => {
            let data = '';
            res.on('data', (d) => (data += d));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(data) }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      for (const name of ['a1', 'a2', 'a3']) expect((await signIn('127.0.0.1', name)).status).toBe(200);
      const refused = await signIn('127.0.0.1', 'a4');
      expectLimited(refused as unknown as request.Response, 'signin', 60);
      // Nobody was created for the refused attempt.
      expect(await t.deps.store.collection(USERS).count({ openid: 'dev-a4' })).toBe(0);
      expect((await signIn('127.0.0.2', 'b1')).status).toBe(200);
    } finally {
      await server.close(1_000);
    }
  });

  test('refresh: successful renewals never count; failed ones (guessed tokens) do, then the address is refused', async () => {
    const t = app({ RATE_LIMIT_REFRESH_FAILURES: '3/900' });
    let session = await t.signIn('alice');
    for (let i = 0; i < 6; i += 1) {
      const res = await request(t.http).post('/api/auth/refresh').send({ refreshToken: session.refreshToken });
      expect(res.status).toBe(200);
      session = { ...session, refreshToken: res.body.refreshToken };
    }
    for (let i = 0; i < 3; i += 1) {
      const guess = await request(t.http).post('/api/auth/refresh').send({ refreshToken: `guess-${i}-0000000000000000` });
      expect(guess.status).toBe(401);
    }
    expectLimited(await request(t.http).post('/api/auth/refresh').send({ refreshToken: 'guess-4-0000000000000000' }), 'refreshFailures', 900);
    // The token was not even looked at: it is still valid once the window has passed (not spent).
    expectLimited(await request(t.http).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }), 'refreshFailures', 900);
  });

  test('invite redemption: limited per user and per address', async () => {
    const t = app({ RATE_LIMIT_INVITE_USER: '3/600', RATE_LIMIT_INVITE_ADDRESS: '5/600' });
    const xena = await t.signIn('xena');
    const yuri = await t.signIn('yuri');
    const guess = (s: typeof xena, n: number) => t.as(s).post('/api/invites/redeem').send({ code: `ABCD-EFGH-${String(n).padStart(4, '2')}` });
    for (let i = 0; i < 3; i += 1) expect((await guess(xena, i)).body.error.code).toBe('INVITE_INVALID');
    expectLimited(await guess(xena, 3), 'inviteUser', 600);
    // Another user is not limited by xena's attempts…
    expect((await guess(yuri, 4)).body.error.code).toBe('INVITE_INVALID');
    // …until the address has spent its own budget (xena's four attempts and yuri's first make five).
    expectLimited(await guess(yuri, 5), 'inviteAddress', 600);
  });

  test('the global ceiling is keyed on the signed-in user, and on the address only without a token', async () => {
    const t = app({ RATE_LIMIT_USER: '4/60', RATE_LIMIT_ADDRESS: '6/60' });
    const alice = await t.signIn('alice'); // sign-ins carry no token: address points 1 and 2
    const bob = await t.signIn('bob');
    for (let i = 0; i < 4; i += 1) expect((await t.as(alice).get('/api/me')).status).toBe(200);
    expectLimited(await t.as(alice).get('/api/me'), 'user', 60);
    // Bob, behind the same address, has his own budget.
    expect((await t.as(bob).get('/api/me')).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await t.as(null).get('/api/periods')).status).toBe(200);
    expectLimited(await t.as(null).get('/api/periods'), 'address', 60);
    // Signed-in users of that address are not cut off with it.
    expect((await t.as(bob).get('/api/periods')).status).toBe(200);
    // A token that does not verify is counted on the address, not on whoever it names.
    expectLimited(await request(t.http).get('/api/periods').set('Authorization', `Bearer ${bob.accessToken}x`), 'address', 60);
  });

  test('the first refusal of a key in its window is logged at warn, once, with the limit and the key', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    const t = identityApp({ env: { RATE_LIMITS: 'on', RATE_LIMIT_SIGNIN: '1/60' }, over: { logger } });
    await t.signIn('alice');
    for (const name of ['bob', 'carol', 'dave']) expect((await request(t.http).post('/api/auth/wechat').send({ code: `dev:${name}` })).status).toBe(429);
    const warned = lines.filter((l) => l.msg === 'rate limited');
    expect(warned).toEqual([expect.objectContaining({ level: 40, limit: 'signin', key: expect.stringMatching(/^a:/), points: 1, duration: 60 })]);
    // Every refusal is still on its request's line, with its code.
    expect(lines.filter((l) => l.msg === 'request' && l.code === 'RATE_LIMITED')).toHaveLength(3);
  });

  test('RATE_LIMITS=off: none of it applies', async () => {
    const t = identityApp({ env: { RATE_LIMITS: 'off', RATE_LIMIT_SIGNIN: '1/60', RATE_LIMIT_USER: '1/60', RATE_LIMIT_ADDRESS: '1/60' } });
    const alice = await t.signIn('alice');
    await t.signIn('bob');
    for (let i = 0; i < 3; i += 1) expect((await t.as(alice).get('/api/me')).status).toBe(200);
  });
});

describe('rate-limit configuration', () => {
  test('on by default (off only under NODE_ENV=test); limits read as points/seconds; a bad value names its variable', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).RATE_LIMITS).toBe('on');
    expect(loadConfig({ NODE_ENV: 'test' }).RATE_LIMITS).toBe('off');
    expect(loadConfig({ NODE_ENV: 'development' }).RATE_LIMIT_CLAIM_USER).toEqual({ points: 10, duration: 60 });
    expect(loadConfig({ RATE_LIMIT_SIGNIN: '5/30' }).RATE_LIMIT_SIGNIN).toEqual({ points: 5, duration: 30 });
    expect(() => loadConfig({ RATE_LIMIT_SIGNIN: 'lots' })).toThrow(/^invalid configuration: RATE_LIMIT_SIGNIN="lots": /);
    expect(() => loadConfig({ RATE_LIMIT_SIGNIN: '0/60' })).toThrow(/RATE_LIMIT_SIGNIN/);
  });
});

describe('rate limits on claims and uploads (memory)', () => {
  let w: World;

  beforeEach(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      H5_DIR: fakeH5Dir(),
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'kcq-data-')),
      ADMIN_OPENIDS: 'dev-admin',
      RATE_LIMITS: 'on',
      RATE_LIMIT_CLAIM_USER: '2/60',
      RATE_LIMIT_UPLOAD_USER: '2/600',
    });
    w = await buildWorld(EmbeddedStore.inMemory(), bj('2026-06-01 10:00'), { config });
  });

  const claimWith = (s: World['A'], key: string, amountFen = 1_000_000) =>
    w.t.as(s).post(`/api/periods/${w.period}/claims`).set('Idempotency-Key', key).send({ amountFen });

  test("a founder's retries with the same Idempotency-Key are never refused nor counted; new keys are", async () => {
    const first = await claimWith(w.A, 'tap-one-key-0001');
    expect(first.status).toBe(201);
    // A flaky network: the same tap retried five times gets the same voucher, and costs nothing.
    for (let i = 0; i < 5; i += 1) expect((await claimWith(w.A, 'tap-one-key-0001')).body.id).toBe(first.body.id);
    expect((await claimWith(w.A, 'tap-two-key-0002')).status).toBe(201);
    // A third new key within the minute: refused before any claim is decided.
    const third = await claimWith(w.A, 'tap-three-key-003');
    expectLimited(third, 'claimUser', 60);
    const mine = await w.t.as(w.A).get('/api/vouchers');
    expect(mine.body.vouchers).toHaveLength(2);
    // Over the limit, a retry of a key that has a decision still gets its answer.
    expect((await claimWith(w.A, 'tap-one-key-0001')).body.id).toBe(first.body.id);
    // Another founder is not limited by A.
    expect((await claimWith(w.B, 'b-tap-key-0001')).status).toBe(201);
  });

  test('a script sending a new key each time is refused after the budget', async () => {
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push((await claimWith(w.A, `script-key-${i}-000000`, 100_000)).status);
    expect(answers).toEqual([201, 201, 429, 429, 429, 429]);
  });

  test('evidence uploads: limited per user before the body is read', async () => {
    const voucher = await claim(w, w.A);
    const contract = (await propose(w, voucher).expect(201)).body.id as string;
    await w.t.as(w.X).post(`/api/contracts/${contract}/confirm`).send(terms()).expect(200);
    const upload = () =>
      w.t.as(w.X).post(`/api/contracts/${contract}/evidence`).attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' });
    expect((await upload()).status).toBe(201);
    expect((await upload()).status).toBe(201);
    expectLimited(await upload(), 'uploadUser', 600);
    expect((await w.t.as(w.X).get(`/api/contracts/${contract}/evidence`)).body.evidence).toHaveLength(2);
  });
});
