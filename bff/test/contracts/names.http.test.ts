/**
 * Issue #15: review screens name who and what. The review queue and a contract's redemption carry the
 * applicant's registered name, the open unit and the project; every status notice in the message centre
 * names its project (「<project>」状态更新) instead of one title for all.
 */
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';
import { JPEG, bj, buildWorld, claim, project, propose, terms, type World } from './world';

describe.each(storeAdapters())('names on review screens and in messages on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(async () => {
    await adapter.cleanup(store);
  });

  test('the queue and the redemption name the applicant, the unit and the project; notices name the project', async () => {
    const { t, A, X, admin } = w;
    const applicantName = (await t.services.applicants.get(w.applicantA))!.profile.name;
    const voucherId = await claim(w, A);
    const id = (await propose(w, voucherId).expect(201)).body.id;
    await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ startDay: '2026-06-01', endDay: '2026-06-20' })).expect(200);
    t.clock.set(bj('2026-06-21 09:00'));
    const ev = (await t.as(X).post(`/api/contracts/${id}/evidence`).attach('files', JPEG, { filename: 'a.jpg', contentType: 'image/jpeg' }).expect(201)).body.evidence;
    await t.as(X).post(`/api/contracts/${id}/redemption`).send({ actualAmountFen: 200_000, report: '完成', evidenceIds: [ev[0].id] }).expect(201);

    const queue = (await t.as(admin).get('/api/admin/redemptions').expect(200)).body.redemptions;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ contractId: id, applicantName, unitName: '开放单位X', projectTitle: project.title });
    expect((await t.as(X).get(`/api/contracts/${id}/redemption`).expect(200)).body).toMatchObject({ applicantName, projectTitle: project.title });

    const titles = (await t.as(A).get('/api/messages').expect(200)).body.messages.filter((m: { kind: string }) => m.kind === 'status').map((m: { title: string }) => m.title);
    expect(titles.length).toBeGreaterThanOrEqual(2); // 合同已登记, 兑现申请已提交
    expect(new Set(titles)).toEqual(new Set([`「${project.title}」状态更新`]));
  });
});
