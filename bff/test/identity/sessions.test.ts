/** Access tokens (HS256 JWT) and refresh tokens (random, hashed, rotated, family revoked on reuse). */
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DEV_JWT_SECRET } from '../../src/config';
import { enterpriseProfile, identityApp, type Session } from '../support/identity';

const SECRET = 'identity-test-secret-0123456789abcdef';

function app() {
  return identityApp({ env: { JWT_SECRET: SECRET, ACCESS_TOKEN_TTL: '900', REFRESH_TOKEN_TTL: '86400' } });
}

const bearer = (token: string): Session => ({ accessToken: token, refreshToken: '', userId: '', body: {} });

function b64(obj: object): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

describe('access tokens', () => {
  test('a valid token reaches a protected endpoint; its claims are user id, roles, applicant id, open unit id', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const decoded = jwt.decode(s.accessToken, { complete: true }) as jwt.Jwt & { payload: Record<string, unknown> };
    expect(decoded.header.alg).toBe('HS256');
    expect(decoded.payload).toMatchObject({ sub: s.userId, roles: [], aid: null, ouid: null, iss: 'kcq-bff' });
    expect((decoded.payload.exp as number) - (decoded.payload.iat as number)).toBe(900);
    expect(decoded.payload.iat).toBe(Math.floor(t.clock.now().getTime() / 1000));
    const res = await t.as(s).get('/api/me');
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(s.userId);
  });

  test('no token → 401 UNAUTHENTICATED; a non-Bearer header → 401 TOKEN_INVALID', async () => {
    const t = app();
    const none = await request(t.http).get('/api/me');
    expect([none.status, none.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const basic = await request(t.http).get('/api/me').set('Authorization', 'Basic YWxpY2U6cHc=');
    expect([basic.status, basic.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  test('expired (the clock passes the TTL) → 401 TOKEN_EXPIRED; one second before, still valid', async () => {
    const t = app();
    const s = await t.signIn('alice');
    t.clock.advance(899_000);
    expect((await t.as(s).get('/api/me')).status).toBe(200);
    t.clock.advance(1_000);
    const res = await t.as(s).get('/api/me');
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  test('a token verified once is remembered, never its tampered copies, and it still expires on the second', async () => {
    const t = app();
    const s = await t.signIn('alice');
    expect((await t.as(s).get('/api/me')).status).toBe(200);
    const [h, p, sig] = s.accessToken.split('.');
    const flipped = `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const forged of [`${h}.${p}.${flipped}`, `${h}.${p}.`, `${h}.${p}`]) {
      const res = await t.as({ ...s, accessToken: forged }).get('/api/me');
      expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    }
    expect((await t.as(s).get('/api/me')).status).toBe(200);
    t.clock.advance(900_000);
    const res = await t.as(s).get('/api/me');
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  test('a token signed with a past iat and a short TTL → TOKEN_EXPIRED', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const iat = Math.floor(t.clock.now().getTime() / 1000) - 120;
    const token = jwt.sign({ sub: s.userId, roles: [], aid: null, ouid: null, iat }, SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
      issuer: 'kcq-bff',
    });
    const res = await t.as(bearer(token)).get('/api/me');
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  test('tampered payload (made admin, signature kept) → TOKEN_INVALID', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const [h, p, sig] = s.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = [h, b64({ ...payload, roles: ['admin'], sub: 'u_someoneelse00000000000' }), sig].join('.');
    const res = await t.as(bearer(forged)).get('/api/me');
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  test('signed with another secret (e.g. the dev default) → TOKEN_INVALID', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const token = jwt.sign({ sub: s.userId, roles: [], aid: null, ouid: null }, DEV_JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 900,
      issuer: 'kcq-bff',
    });
    const res = await t.as(bearer(token)).get('/api/me');
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  test('alg "none" (unsigned) → TOKEN_INVALID', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const claims = { sub: s.userId, roles: ['admin'], aid: null, ouid: null, iat: now, exp: now + 900, iss: 'kcq-bff' };
    for (const token of [`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, `${b64({ alg: 'none' })}.${b64(claims)}`]) {
      const res = await t.as(bearer(token)).get('/api/me');
      expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    }
  });

  test('HS512 with the right secret, and RS256 → TOKEN_INVALID (only HS256 is accepted)', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const iat = Math.floor(t.clock.now().getTime() / 1000);
    const claims = { sub: s.userId, roles: [], aid: null, ouid: null, iat };
    const hs512 = jwt.sign(claims, SECRET, { algorithm: 'HS512', expiresIn: 900, issuer: 'kcq-bff' });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs256 = jwt.sign(claims, privateKey, { algorithm: 'RS256', expiresIn: 900, issuer: 'kcq-bff' });
    for (const token of [hs512, rs256]) {
      const res = await t.as(bearer(token)).get('/api/me');
      expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    }
  });

  test('right secret but malformed claims or another issuer → TOKEN_INVALID', async () => {
    const t = app();
    const iat = Math.floor(t.clock.now().getTime() / 1000);
    const noSub = jwt.sign({ roles: [], iat }, SECRET, { algorithm: 'HS256', expiresIn: 900, issuer: 'kcq-bff' });
    const s = await t.signIn('alice');
    const otherIss = jwt.sign({ sub: s.userId, roles: [], aid: null, ouid: null, iat }, SECRET, {
      algorithm: 'HS256',
      expiresIn: 900,
      issuer: 'someone-else',
    });
    for (const token of [noSub, otherIss, 'not.a.jwt', 'x']) {
      const res = await t.as(bearer(token)).get('/api/me');
      expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    }
  });

  test('a valid token of a user who no longer exists → TOKEN_INVALID', async () => {
    const t = app();
    const token = t.services.sessions.signAccess({ sub: 'u_gone000000000000000000', roles: [], aid: null, ouid: null }).token;
    const res = await t.as(bearer(token)).get('/api/me');
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  test('public endpoints ignore a broken token (an expired session can still sign in)', async () => {
    const t = app();
    const res = await request(t.http).post('/api/auth/wechat').set('Authorization', 'Bearer garbage').send({ code: 'dev:alice' });
    expect(res.status).toBe(200);
  });
});

describe('refresh tokens', () => {
  const refresh = (t: ReturnType<typeof app>, refreshToken: string) =>
    request(t.http).post('/api/auth/refresh').send({ refreshToken });

  test('renewal returns a new pair whose access token works and carries the current roles', async () => {
    const t = app();
    const s = await t.signIn('alice');
    await t.as(s).post('/api/applicants').send(enterpriseProfile());
    t.clock.advance(60_000);
    const res = await refresh(t, s.refreshToken);
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).not.toBe(s.refreshToken);
    expect(res.body.accessToken).not.toBe(s.accessToken);
    expect(res.body.user.roles).toEqual(['applicant']);
    expect(res.body.user.applicantId).toMatch(/^ap_/);
    expect((await t.as(bearer(res.body.accessToken)).get('/api/me')).status).toBe(200);
  });

  test('the refresh token is stored hashed, never in clear', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const docs = await t.deps.store.collection<{ _id: string; tokenHash: string }>({ name: 'refresh_tokens', indexes: [] }).find({});
    expect(docs).toHaveLength(1);
    expect(JSON.stringify(docs)).not.toContain(s.refreshToken);
    expect(docs[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a used refresh token is refused the second time, and that revokes the whole family', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const first = await refresh(t, s.refreshToken);
    expect(first.status).toBe(200);
    const reuse = await refresh(t, s.refreshToken);
    expect([reuse.status, reuse.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    // The token issued by the legitimate rotation is dead too: the family is revoked.
    const next = await refresh(t, first.body.refreshToken);
    expect([next.status, next.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  test('revoking one family leaves the user’s other sessions alone', async () => {
    const t = app();
    const phone = await t.signIn('alice');
    const laptop = await t.signIn('alice');
    await refresh(t, phone.refreshToken);
    await refresh(t, phone.refreshToken); // reuse: phone family revoked
    expect((await refresh(t, laptop.refreshToken)).status).toBe(200);
  });

  test('an expired refresh token → 401 TOKEN_EXPIRED', async () => {
    const t = app();
    const s = await t.signIn('alice');
    t.clock.advance(86_400_000);
    const res = await refresh(t, s.refreshToken);
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
  });

  test('an unknown refresh token → 401 TOKEN_INVALID', async () => {
    const res = await refresh(app(), 'made-up-token');
    expect([res.status, res.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  test('concurrent use of one refresh token: exactly one succeeds', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const results = await Promise.all([1, 2, 3, 4].map(() => refresh(t, s.refreshToken)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(3);
  });

  test('logout: the refresh token (and its family) stops working; 204 also for an unknown token', async () => {
    const t = app();
    const s = await t.signIn('alice');
    const renewed = await refresh(t, s.refreshToken);
    const out = await request(t.http).post('/api/auth/logout').send({ refreshToken: renewed.body.refreshToken });
    expect(out.status).toBe(204);
    expect((await refresh(t, renewed.body.refreshToken)).status).toBe(401);
    expect((await request(t.http).post('/api/auth/logout').send({ refreshToken: 'nope' })).status).toBe(204);
  });
});
