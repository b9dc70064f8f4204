/** Lab-staff binding: invites (single use, 7 days), redemption, revocation on the very next request. */
import type { Store } from '../../src/store';
import { enterpriseProfile, identityApp, storeAdapters, type IdentityApp, type Session } from '../support/identity';

const DAY = 24 * 3600 * 1000;

describe.each(storeAdapters())('staff invites on $name', (adapter) => {
  let store: Store;
  let t: IdentityApp;
  let admin: Session;
  let unitX: string;
  let unitY: string;

  beforeEach(async () => {
    store = await adapter.open();
    t = identityApp({ store });
    admin = await t.signIn('admin');
    unitX = (await t.as(admin).post('/api/admin/open-units').send({ name: '清华大学分析中心' })).body.id;
    unitY = (await t.as(admin).post('/api/admin/open-units').send({ name: '中科院计算所' })).body.id;
  });
  afterEach(() => adapter.cleanup(store));

  const invite = (s: Session, unit: string, manager = false) => t.as(s).post(`/api/open-units/${unit}/invites`).send({ manager });
  const redeem = (s: Session, code: string) => t.as(s).post('/api/invites/redeem').send({ code });

  test('an administrator issues a code valid 7 days; a user redeems it and is bound (/api/me shows the unit)', async () => {
    const issued = await invite(admin, unitX);
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      openUnitId: unitX,
      manager: false,
      expiresAt: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
    });
    const xena = await t.signIn('xena');
    // Typed sloppily: lower case, spaces instead of dashes.
    const res = await redeem(xena, issued.body.code.toLowerCase().replace(/-/g, ' '));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ openUnit: { id: unitX, name: '清华大学分析中心' }, manager: false });
    const me = await t.as(xena).get('/api/me');
    expect(me.body).toMatchObject({ roles: ['staff'], openUnit: { id: unitX, name: '清华大学分析中心', status: 'active', manager: false } });
  });

  test('the name given when joining is what the unit sees in its staff list and what /api/me calls me', async () => {
    const boss = await t.signIn('xboss');
    await redeem(boss, (await invite(admin, unitX, true)).body.code);
    const xena = await t.signIn('xena');
    const code = (await invite(boss, unitX)).body.code;
    const res = await t.as(xena).post('/api/invites/redeem').send({ code, name: '  王晓娜 ' });
    expect(res.status).toBe(200);
    const staff = (await t.as(boss).get(`/api/open-units/${unitX}/staff`)).body.items;
    expect(staff.map((s: { userId: string; name: string | null; manager: boolean }) => [s.userId, s.name, s.manager])).toEqual([
      [boss.userId, null, true],
      [xena.userId, '王晓娜', false],
    ]);
    expect((await t.as(xena).get('/api/me')).body.user.name).toBe('王晓娜');
    // A name too long is refused on the field, and the code is not spent.
    const other = await t.signIn('xavier');
    const code2 = (await invite(boss, unitX)).body.code;
    const long = await t.as(other).post('/api/invites/redeem').send({ code: code2, name: '名'.repeat(21) });
    expect(long.status).toBe(400);
    expect((await redeem(other, code2)).status).toBe(200);
  });

  test('the code is stored hashed only', async () => {
    const issued = await invite(admin, unitX);
    const docs = await store.collection({ name: 'invites', indexes: [] }).find({});
    expect(JSON.stringify(docs)).not.toContain(issued.body.code);
    expect(JSON.stringify(docs)).not.toContain(issued.body.code.replace(/-/g, ''));
  });

  test('single use: a second redemption → 409 INVITE_USED', async () => {
    const { code } = (await invite(admin, unitX)).body;
    expect((await redeem(await t.signIn('xena'), code)).status).toBe(200);
    const again = await redeem(await t.signIn('xavier'), code);
    expect([again.status, again.body.error.code]).toEqual([409, 'INVITE_USED']);
  });

  test('concurrent redemptions of one code: exactly one user is bound', async () => {
    const { code } = (await invite(admin, unitX)).body;
    const users = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((n) => t.signIn(n)));
    const results = await Promise.all(users.map((u) => redeem(u, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const staff = await t.as(admin).get(`/api/open-units/${unitX}/staff`);
    expect(staff.body.items).toHaveLength(1);
  });

  test('expiry: usable until just before 7 days, 410 INVITE_EXPIRED at 7 days', async () => {
    const a = (await invite(admin, unitX)).body.code;
    const b = (await invite(admin, unitX)).body.code;
    t.clock.advance(7 * DAY - 1_000);
    const xena = await t.signIn('xena');
    expect((await redeem(xena, a)).status).toBe(200);
    t.clock.advance(1_000);
    const late = await redeem(await t.signIn('xavier'), b);
    expect([late.status, late.body.error.code]).toEqual([410, 'INVITE_EXPIRED']);
  });

  test('unknown code → 404 INVITE_INVALID; already bound → 409 ALREADY_BOUND and the code stays usable', async () => {
    const xena = await t.signIn('xena');
    const unknown = await redeem(xena, 'AAAA-BBBB-CCCC');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'INVITE_INVALID']);
    await redeem(xena, (await invite(admin, unitX)).body.code);
    const codeY = (await invite(admin, unitY)).body.code;
    const twice = await redeem(xena, codeY);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_BOUND']);
    expect((await redeem(await t.signIn('yuri'), codeY)).status).toBe(200);
  });

  test('a manager among the unit’s staff issues invites for their unit only; plain staff cannot', async () => {
    const boss = await t.signIn('xboss');
    await redeem(boss, (await invite(admin, unitX, true)).body.code);
    const issued = await invite(boss, unitX);
    expect(issued.status).toBe(201);
    expect((await invite(boss, unitY)).status).toBe(403);
    const plain = await t.signIn('xena');
    await redeem(plain, issued.body.code);
    const refused = await invite(plain, unitX);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const staff = (await t.as(boss).get(`/api/open-units/${unitX}/staff`)).body.items;
    expect(staff.map((s: { userId: string; manager: boolean }) => [s.userId, s.manager]).sort()).toEqual(
      [
        [boss.userId, true],
        [plain.userId, false],
      ].sort(),
    );
  });

  test('revocation takes effect on the very next request with the same still-valid access token', async () => {
    const boss = await t.signIn('xboss');
    await redeem(boss, (await invite(admin, unitX, true)).body.code);
    // The token was issued before the binding and is still valid: authorisation uses the live record.
    expect((await invite(boss, unitX)).status).toBe(201);
    const removed = await t.as(admin).delete(`/api/open-units/${unitX}/staff/${boss.userId}`);
    expect(removed.status).toBe(204);
    const after = await invite(boss, unitX);
    expect([after.status, after.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await t.as(boss).get('/api/me')).body).toMatchObject({ roles: [], openUnit: null });
    expect((await t.as(boss).get(`/api/open-units/${unitX}/staff`)).status).toBe(403);
  });

  test('a manager removes staff of their unit; removing a non-member → 404', async () => {
    const boss = await t.signIn('xboss');
    await redeem(boss, (await invite(admin, unitX, true)).body.code);
    const xena = await t.signIn('xena');
    await redeem(xena, (await invite(boss, unitX)).body.code);
    expect((await t.as(boss).delete(`/api/open-units/${unitX}/staff/${xena.userId}`)).status).toBe(204);
    const again = await t.as(boss).delete(`/api/open-units/${unitX}/staff/${xena.userId}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'NOT_FOUND']);
    // After unbinding, the user may join another unit.
    expect((await redeem(xena, (await invite(admin, unitY)).body.code)).status).toBe(200);
  });

  test('administrators grant and revoke roles; an administrator cannot revoke their own', async () => {
    const ann = await t.signIn('ann');
    const grant = await t.as(admin).post(`/api/admin/users/${ann.userId}/roles`).send({ role: 'admin' });
    expect(grant.status).toBe(200);
    expect(grant.body.roles).toEqual(['admin']);
    expect((await t.as(ann).get('/api/admin/users')).status).toBe(200);
    const staff = await t.as(admin).post(`/api/admin/users/${ann.userId}/roles`).send({ role: 'staff', openUnitId: unitY, manager: true });
    expect(staff.body).toMatchObject({ roles: ['staff', 'admin'], openUnitId: unitY, unitManager: true });
    const bindAgain = await t.as(admin).post(`/api/admin/users/${ann.userId}/roles`).send({ role: 'staff', openUnitId: unitX });
    expect([bindAgain.status, bindAgain.body.error.code]).toEqual([409, 'ALREADY_BOUND']);
    expect((await t.as(admin).delete(`/api/admin/users/${ann.userId}/roles/staff`)).body.roles).toEqual(['admin']);
    expect((await t.as(admin).delete(`/api/admin/users/${ann.userId}/roles/admin`)).body.roles).toEqual([]);
    // Her token is still valid but the role is gone.
    expect((await t.as(ann).get('/api/admin/users')).status).toBe(403);
    const self = await t.as(admin).delete(`/api/admin/users/${admin.userId}/roles/admin`);
    expect([self.status, self.body.error.code]).toEqual([409, 'CANNOT_REVOKE_SELF']);
    const unknownUnit = await t.as(admin).post(`/api/admin/users/${ann.userId}/roles`).send({ role: 'staff', openUnitId: 'ou_nothing00000000000000' });
    expect([unknownUnit.status, unknownUnit.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  test('the admin user list finds a user by openid', async () => {
    const ann = await t.signIn('ann');
    await t.as(ann).post('/api/applicants').send(enterpriseProfile());
    const res = await t.as(admin).get('/api/admin/users').query({ openid: 'dev-ann' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        expect.objectContaining({ id: ann.userId, openid: 'dev-ann', roles: ['applicant'], applicantId: expect.stringMatching(/^ap_/) }),
      ],
      nextCursor: null,
    });
    const page = await t.as(admin).get('/api/admin/users').query({ limit: 1 });
    expect(page.body.items).toHaveLength(1);
    expect(typeof page.body.nextCursor).toBe('string');
  });
});
