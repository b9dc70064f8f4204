/** Item 9: input carrying MongoDB operators is refused with 400 before any validation or query. */
import request from 'supertest';
import { rejectOperatorKeys } from '../../src/http/route';
import { DomainError } from '../../src/domain/errors';
import { enterpriseProfile, identityApp } from '../support/identity';

test.each([
  ['a $ key at the top', { $where: 'sleep(1000)' }, 'body.$where'],
  ['an operator as a value', { employees: { $gt: 0 } }, 'body.employees.$gt'],
  ['a dotted key', { 'profile.owner': 'x' }, 'body.profile.owner'],
  ['deep inside an array', { members: [{ name: 'a' }, { nested: { $ne: null } }] }, 'body.members.1.nested.$ne'],
])('%s → 400 VALIDATION_FAILED naming the key, on a signed-in endpoint', async (_label, extra, path) => {
  const t = identityApp();
  const alice = await t.signIn('alice');
  const res = await t.as(alice).post('/api/applicants').send({ ...enterpriseProfile(), ...extra });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.details.fields).toEqual([{ path, code: 'forbidden_key', message: expect.stringMatching(/不允许/) }]);
  expect((await t.as(alice).get('/api/me')).body.applicant).toBeNull();
});

test('operators in a query string → 400 (a[$gt]=, $where=, dotted)', async () => {
  const t = identityApp();
  const admin = await t.signIn('admin');
  for (const q of ['openid[$ne]=x', '$where=1', 'a.b=1']) {
    const res = await t.as(admin).get(`/api/admin/users?${q}`);
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  }
});

test('a public endpoint refuses them too (sign-in with an operator code)', async () => {
  const res = await request(identityApp().http).post('/api/auth/wechat').send({ code: { $gt: '' } });
  expect(res.status).toBe(400);
  const res2 = await request(identityApp().http).post('/api/auth/refresh').send({ refreshToken: 'x', $or: [] });
  expect(res2.body.error.details.fields[0].path).toBe('body.$or');
});

test('the guard refuses __proto__ and absurd nesting without overflowing', () => {
  expect(() => rejectOperatorKeys(JSON.parse('{"__proto__":{"admin":true}}'), 'body')).toThrow(DomainError);
  let deep: unknown = {};
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  expect(() => rejectOperatorKeys(deep, 'body')).toThrow(DomainError);
  expect(() => rejectOperatorKeys({ fine: ['$ values are just text', { ok: 1 }] }, 'body')).not.toThrow();
});
