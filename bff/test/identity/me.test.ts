/** GET /api/me for each kind of user. */
import { enterpriseProfile, identityApp, teamProfile } from '../support/identity';

test('GET /api/me: a new user, an enterprise, a team, staff, an administrator', async () => {
  const t = identityApp();
  const admin = await t.signIn('admin');
  const fresh = await t.signIn('newbie');
  const alice = await t.signIn('alice');
  const bob = await t.signIn('bob');
  const xena = await t.signIn('xena');
  await t.as(alice).post('/api/applicants').send(enterpriseProfile());
  await t.as(bob).post('/api/applicants').send(teamProfile({ projectStage: 'planning' }));
  const unit = (await t.as(admin).post('/api/admin/open-units').send({ name: '北京理工大学测试中心' })).body.id;
  const code = (await t.as(admin).post(`/api/open-units/${unit}/invites`).send({ manager: true })).body.code;
  await t.as(xena).post('/api/invites/redeem').send({ code });

  const me = async (s: typeof fresh) => (await t.as(s).get('/api/me')).body;

  expect(await me(fresh)).toEqual({
    user: { id: fresh.userId, openid: 'dev-newbie', createdAt: t.clock.now().toISOString(), name: null },
    roles: [],
    applicant: null,
    openUnit: null,
    // 第十七条: no case decided against this user's applicant or unit, so nothing to show.
    sanctions: [],
  });
  expect(await me(alice)).toMatchObject({
    roles: ['applicant'],
    applicant: { kind: 'enterprise', ownerId: alice.userId, eligibility: { eligible: true, annualCapFen: 20_000_000 } },
    openUnit: null,
  });
  const team = await me(bob);
  expect(team).toMatchObject({ roles: ['applicant'], applicant: { kind: 'team', eligibility: { eligible: false } } });
  expect(team.applicant.eligibility.failures.map((f: { code: string }) => f.code)).toEqual(['PROJECT_IN_PLANNING']);
  expect(await me(xena)).toMatchObject({
    roles: ['staff'],
    applicant: null,
    openUnit: { id: unit, name: '北京理工大学测试中心', status: 'active', manager: true },
  });
  expect(await me(admin)).toMatchObject({ roles: ['admin'], applicant: null, openUnit: null });
});
