/**
 * Enterprise and startup-team registration over HTTP (第五条、第七条), on every store adapter:
 * eligibility in the answer, credit-code uniqueness (409 ENTERPRISE_TAKEN), moving an enterprise,
 * the change log, team members.
 */
import type { Store } from '../../src/store';
import {
  creditCode,
  enterpriseProfile,
  identityApp,
  storeAdapters,
  student,
  teamProfile,
  type IdentityApp,
} from '../support/identity';

const adapters = storeAdapters();
if (adapters.length === 1) test.skip('identity on MongoDB — SKIPPED: MONGO_URL is not set', () => {});

describe.each(adapters)('registration on $name', (adapter) => {
  let store: Store;
  let t: IdentityApp;
  beforeEach(async () => {
    store = await adapter.open();
    t = identityApp({ store });
  });
  afterEach(() => adapter.cleanup(store));

  describe('enterprise', () => {
    test('happy path: 201 with the stored profile and its 第七条 eligibility; /api/me shows it', async () => {
      const alice = await t.signIn('alice');
      const res = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^ap_/),
        kind: 'enterprise',
        ownerId: alice.userId,
        profile: { name: '北京示例科技有限公司', creditCode: creditCode(1) },
        eligibility: { eligible: true, kind: 'enterprise', annualCapFen: 20_000_000, failures: [] },
      });
      const me = await t.as(alice).get('/api/me');
      expect(me.body.roles).toEqual(['applicant']);
      expect(me.body.applicant).toMatchObject({ id: res.body.id, eligibility: { eligible: true } });
    });

    test('an ineligible enterprise registers too, and the answer says why with the clause', async () => {
      const alice = await t.signIn('alice');
      const res = await t.as(alice).post('/api/applicants').send(enterpriseProfile({ employees: 900, highTechCertified: true }));
      expect(res.status).toBe(201);
      expect(res.body.eligibility).toMatchObject({ eligible: false, annualCapFen: 50_000_000 });
      expect(res.body.eligibility.failures.map((f: { code: string; clause: string }) => [f.code, f.clause])).toEqual([
        ['TOO_MANY_EMPLOYEES', '第七条第三项'],
      ]);
    });

    test('the credit code is stored normalised: lower case / spaces / full-width are the same code', async () => {
      const alice = await t.signIn('alice');
      const bob = await t.signIn('bob');
      const messy = ` ${creditCode(5).toLowerCase().slice(0, 9)} ${creditCode(5).slice(9)}`;
      const a = await t.as(alice).post('/api/applicants').send(enterpriseProfile({ creditCode: messy }));
      expect(a.status).toBe(201);
      expect(a.body.profile.creditCode).toBe(creditCode(5));
      const fullWidth = [...creditCode(5)].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
      const b = await t.as(bob).post('/api/applicants').send(enterpriseProfile({ creditCode: fullWidth }));
      expect([b.status, b.body.error.code]).toEqual([409, 'ENTERPRISE_TAKEN']);
    });

    test('a second user registering the same code → 409 ENTERPRISE_TAKEN, and nothing changed', async () => {
      const alice = await t.signIn('alice');
      const bob = await t.signIn('bob');
      const first = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      const second = await t.as(bob).post('/api/applicants').send(enterpriseProfile({ name: '冒名公司' }));
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('ENTERPRISE_TAKEN');
      expect(second.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect((await t.as(bob).get('/api/me')).body).toMatchObject({ roles: [], applicant: null });
      const still = await t.as(alice).get(`/api/applicants/${first.body.id}`);
      expect(still.body.profile.name).toBe('北京示例科技有限公司');
      expect(await store.collection({ name: 'applicants', indexes: [] }).count({})).toBe(1);
    });

    test('concurrent registrations of one code by two users: exactly one wins, the other gets ENTERPRISE_TAKEN', async () => {
      const [alice, bob] = [await t.signIn('alice'), await t.signIn('bob')];
      const results = await Promise.all([alice, bob].map((s) => t.as(s).post('/api/applicants').send(enterpriseProfile())));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)?.body.error.code).toBe('ENTERPRISE_TAKEN');
    });

    test('a user registers one applicant only → 409 ALREADY_REGISTERED', async () => {
      const alice = await t.signIn('alice');
      await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      const again = await t.as(alice).post('/api/applicants').send(enterpriseProfile({ creditCode: creditCode(2) }));
      expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_REGISTERED']);
      const team = await t.as(alice).post('/api/applicants').send(teamProfile());
      expect([team.status, team.body.error.code]).toEqual([409, 'ALREADY_REGISTERED']);
    });

    test('an invalid credit code is refused at registration: 400 VALIDATION_FAILED on body.creditCode', async () => {
      const alice = await t.signIn('alice');
      const bad = `${creditCode(1).slice(0, 17)}${creditCode(1)[17] === '0' ? '1' : '0'}`;
      for (const code of [bad, '12345', 'IOZSV1234567890123']) {
        const res = await t.as(alice).post('/api/applicants').send(enterpriseProfile({ creditCode: code }));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['body.creditCode']);
      }
      expect((await t.as(alice).get('/api/me')).body.applicant).toBeNull();
    });

    test('edits are allowed and recorded: who, when, field old → new; eligibility follows', async () => {
      const alice = await t.signIn('alice');
      const created = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      t.clock.advance(600_000);
      const edit = await t.as(alice).put(`/api/applicants/${created.body.id}`).send(enterpriseProfile({ employees: 501, name: '北京新名称科技有限公司' }));
      expect(edit.status).toBe(200);
      expect(edit.body.eligibility.eligible).toBe(false);
      const log = await t.as(alice).get(`/api/applicants/${created.body.id}/changes`);
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([
        {
          id: expect.stringMatching(/^ch_/),
          action: 'edit',
          by: alice.userId,
          at: new Date(t.clock.now()).toISOString(),
          version: 2,
          changes: [
            { field: 'employees', old: 40, new: 501 },
            { field: 'name', old: '北京示例科技有限公司', new: '北京新名称科技有限公司' },
          ],
        },
      ]);
      // An edit that changes nothing records nothing.
      await t.as(alice).put(`/api/applicants/${created.body.id}`).send(enterpriseProfile({ employees: 501, name: '北京新名称科技有限公司' }));
      expect((await t.as(alice).get(`/api/applicants/${created.body.id}/changes`)).body.items).toHaveLength(1);
    });

    test('an edit to a credit code another user holds → 409 ENTERPRISE_TAKEN, nothing changed or logged', async () => {
      const alice = await t.signIn('alice');
      const bob = await t.signIn('bob');
      const a = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      await t.as(bob).post('/api/applicants').send(enterpriseProfile({ creditCode: creditCode(2) }));
      const res = await t.as(alice).put(`/api/applicants/${a.body.id}`).send(enterpriseProfile({ creditCode: creditCode(2) }));
      expect([res.status, res.body.error.code]).toEqual([409, 'ENTERPRISE_TAKEN']);
      expect((await t.as(alice).get(`/api/applicants/${a.body.id}`)).body.profile.creditCode).toBe(creditCode(1));
      expect((await t.as(alice).get(`/api/applicants/${a.body.id}/changes`)).body.items).toEqual([]);
    });

    test('the kind cannot change by an edit → 409 PROFILE_KIND_MISMATCH', async () => {
      const alice = await t.signIn('alice');
      const a = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      const res = await t.as(alice).put(`/api/applicants/${a.body.id}`).send(teamProfile());
      expect([res.status, res.body.error.code]).toEqual([409, 'PROFILE_KIND_MISMATCH']);
    });

    test('an administrator moves the enterprise to another user; recorded; the old owner loses it at once', async () => {
      const alice = await t.signIn('alice');
      const carol = await t.signIn('carol');
      const admin = await t.signIn('admin');
      const a = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      const moved = await t.as(admin).post(`/api/admin/applicants/${a.body.id}/transfer`).send({ toUserId: carol.userId });
      expect(moved.status).toBe(200);
      expect(moved.body.ownerId).toBe(carol.userId);
      expect((await t.as(carol).get('/api/me')).body).toMatchObject({ roles: ['applicant'], applicant: { id: a.body.id } });
      // Alice's still-valid token no longer gives her the enterprise.
      expect((await t.as(alice).get('/api/me')).body).toMatchObject({ roles: [], applicant: null });
      expect((await t.as(alice).get(`/api/applicants/${a.body.id}`)).status).toBe(404);
      const log = (await t.as(admin).get(`/api/applicants/${a.body.id}/changes`)).body.items;
      expect(log).toEqual([
        expect.objectContaining({ action: 'transfer', by: admin.userId, changes: [{ field: 'ownerId', old: alice.userId, new: carol.userId }] }),
      ]);
      // Alice can now register another enterprise; the moved code stays taken.
      expect((await t.as(alice).post('/api/applicants').send(enterpriseProfile())).body.error.code).toBe('ENTERPRISE_TAKEN');
      expect((await t.as(alice).post('/api/applicants').send(enterpriseProfile({ creditCode: creditCode(3) }))).status).toBe(201);
    });

    test('moving to a user who has an applicant → 409 ALREADY_REGISTERED; to nobody → 404', async () => {
      const alice = await t.signIn('alice');
      const bob = await t.signIn('bob');
      const admin = await t.signIn('admin');
      const a = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      await t.as(bob).post('/api/applicants').send(teamProfile());
      const busy = await t.as(admin).post(`/api/admin/applicants/${a.body.id}/transfer`).send({ toUserId: bob.userId });
      expect([busy.status, busy.body.error.code]).toEqual([409, 'ALREADY_REGISTERED']);
      const nobody = await t.as(admin).post(`/api/admin/applicants/${a.body.id}/transfer`).send({ toUserId: 'u_nobody000000000000000' });
      expect([nobody.status, nobody.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.as(alice).get(`/api/applicants/${a.body.id}`)).body.ownerId).toBe(alice.userId);
    });
  });

  describe('startup team', () => {
    test('registration: the registering user leads; eligibility in the answer', async () => {
      const bob = await t.signIn('bob');
      const res = await t.as(bob).post('/api/applicants').send(teamProfile());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'team', ownerId: bob.userId, eligibility: { eligible: true, kind: 'team', annualCapFen: 20_000_000 } });
      expect(res.body.profile.members).toEqual([
        { ...student('李四'), id: expect.stringMatching(/^m_/) },
        { ...student('王五'), id: expect.stringMatching(/^m_/) },
      ]);
      expect(res.body).not.toHaveProperty('creditCode');
    });

    test('the declarations are part of the profile: a registered company or the planning stage fail 第七条第二款', async () => {
      const bob = await t.signIn('bob');
      const res = await t.as(bob).post('/api/applicants').send(teamProfile({ hasRegisteredCompany: true, projectStage: 'planning' }));
      expect(res.status).toBe(201);
      expect(res.body.eligibility.failures.map((f: { code: string }) => f.code)).toEqual(['TEAM_HAS_COMPANY', 'PROJECT_IN_PLANNING']);
    });

    test('two teams (no credit code) do not collide on the sparse unique index', async () => {
      const [bob, dan] = [await t.signIn('bob'), await t.signIn('dan')];
      expect((await t.as(bob).post('/api/applicants').send(teamProfile())).status).toBe(201);
      expect((await t.as(dan).post('/api/applicants').send(teamProfile())).status).toBe(201);
    });

    test('members are added and removed; eligibility updates (enrolled majority, 第七条第二款第二项); each change logged', async () => {
      const bob = await t.signIn('bob');
      const team = await t.as(bob).post('/api/applicants').send(teamProfile({ members: [student('李四')] }));
      const id = team.body.id;
      expect(team.body.eligibility.eligible).toBe(true);

      // 2 enrolled of 4: not more than half.
      const add1 = await t.as(bob).post(`/api/applicants/${id}/members`).send(student('赵六', false));
      expect(add1.status).toBe(201);
      expect(add1.body.applicant.eligibility.eligible).toBe(true);
      const add2 = await t.as(bob).post(`/api/applicants/${id}/members`).send(student('钱七', false));
      expect(add2.body.applicant.eligibility.failures.map((f: { code: string }) => f.code)).toEqual(['ENROLLED_NOT_MAJORITY']);

      // Remove one non-enrolled member: 2 of 3 enrolled, eligible again.
      const removed = await t.as(bob).delete(`/api/applicants/${id}/members/${add2.body.memberId}`);
      expect(removed.status).toBe(200);
      expect(removed.body.eligibility.eligible).toBe(true);
      expect(removed.body.profile.members.map((m: { name: string }) => m.name)).toEqual(['李四', '赵六']);

      // Remove the enrolled member: leader + one non-enrolled, 1 of 2 is not a majority.
      const enrolledId = removed.body.profile.members[0].id;
      const after = await t.as(bob).delete(`/api/applicants/${id}/members/${enrolledId}`);
      expect(after.body.eligibility.failures.map((f: { code: string }) => f.code)).toEqual(['ENROLLED_NOT_MAJORITY']);

      const log = (await t.as(bob).get(`/api/applicants/${id}/changes`)).body.items;
      expect(log.map((c: { action: string; by: string }) => [c.action, c.by])).toEqual([
        ['member_added', bob.userId],
        ['member_added', bob.userId],
        ['member_removed', bob.userId],
        ['member_removed', bob.userId],
      ]);
      expect(log[0].changes[0].field).toBe('members');
      expect(log[0].changes[0].old).toHaveLength(1);
      expect(log[0].changes[0].new).toHaveLength(2);
    });

    test('an enrolled member needs school and student id; unknown member → 404; enterprise has no members → 409', async () => {
      const bob = await t.signIn('bob');
      const alice = await t.signIn('alice');
      const team = await t.as(bob).post('/api/applicants').send(teamProfile());
      const bad = await t.as(bob).post(`/api/applicants/${team.body.id}/members`).send({ name: '孙八', school: '', studentId: '', enrolled: true });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.school', 'body.studentId']);
      const missing = await t.as(bob).delete(`/api/applicants/${team.body.id}/members/m_nobody0000000000000000`);
      expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
      const ent = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
      const wrong = await t.as(alice).post(`/api/applicants/${ent.body.id}/members`).send(student('周九'));
      expect([wrong.status, wrong.body.error.code]).toEqual([409, 'PROFILE_KIND_MISMATCH']);
    });

    test('a team cannot be moved to another user → 409 PROFILE_KIND_MISMATCH', async () => {
      const bob = await t.signIn('bob');
      const carol = await t.signIn('carol');
      const admin = await t.signIn('admin');
      const team = await t.as(bob).post('/api/applicants').send(teamProfile());
      const res = await t.as(admin).post(`/api/admin/applicants/${team.body.id}/transfer`).send({ toUserId: carol.userId });
      expect([res.status, res.body.error.code]).toEqual([409, 'PROFILE_KIND_MISMATCH']);
    });

    test('an edit keeps the ids of unchanged members', async () => {
      const bob = await t.signIn('bob');
      const team = await t.as(bob).post('/api/applicants').send(teamProfile());
      const ids = team.body.profile.members.map((m: { id: string }) => m.id);
      const edit = await t.as(bob).put(`/api/applicants/${team.body.id}`).send(teamProfile({ projectName: '新项目' }));
      expect(edit.body.profile.members.map((m: { id: string }) => m.id)).toEqual(ids);
      const log = (await t.as(bob).get(`/api/applicants/${team.body.id}/changes`)).body.items;
      expect(log[0].changes).toEqual([{ field: 'projectName', old: '柔性电池隔膜', new: '新项目' }]);
    });
  });
});
