/**
 * Reminders (第十五条2、3 deadlines) and the message centre, then WeChat subscribe messages through the
 * HTTP adapter against a fake WeChat server: each message pushed once, even by two instances at once.
 */
import { registrationDeadline } from '@kcq/shared';
import { MESSAGES, reminderDueAt, type MessageDoc } from '../../src/domain/messages';
import type { Store } from '../../src/store';
import { HttpSubscribe } from '../../src/wechat/subscribe';
import { identityApp, storeAdapters } from '../support/identity';
import { fakeWeChat, type FakeWeChat } from '../support/fakeWeChat';
import { bj, buildWorld, claim, propose, terms, type World } from './world';

const SECOND = 1000;

/** One template per consent topic (shared/src/api/subscriptions.ts), as configured in WeChat's console. */
const TEMPLATES = { registration_reminder: 'TPL-REG', contract_result: 'TPL-RESULT', new_proposal: 'TPL-PROPOSAL', new_assignment: 'TPL-ASSIGN' };
const subscribeTo = (fake: FakeWeChat) =>
  new HttpSubscribe({ appId: 'wx-test-app', secret: 'wx-test-secret', templateId: 'TPL-REMIND', templates: TEMPLATES, baseUrl: fake.url, timeoutMs: 2_000, state: 'developer' });

describe.each(storeAdapters())('reminders and the message centre on $name', (adapter) => {
  let store: Store;
  let w: World;
  let fake: FakeWeChat;
  beforeEach(async () => {
    store = await adapter.open();
    fake = await fakeWeChat();
    w = await buildWorld(store, bj('2026-06-01 10:00'), { subscribe: subscribeTo(fake) });
  });
  afterEach(async () => {
    await fake.close();
    await adapter.cleanup(store);
  });

  test('reminders are created once, at 3 and 7 days before the deadlines; unread count, list, mark read', async () => {
    const { t, A, X } = w;
    const other = identityApp({ store, clock: t.clock, over: { inventory: t.deps.inventory } }).services;
    const v = await claim(w, A);
    const due = reminderDueAt('registration', registrationDeadline(bj('2026-06-01 10:00')));
    expect(due.toISOString()).toBe(bj('2026-06-13 23:59:59.999').toISOString());

    t.clock.set(new Date(due.getTime() - SECOND));
    expect(await t.services.messages.scanReminders()).toBe(0);
    expect((await t.as(A).get('/api/messages/unread-count').expect(200)).body).toEqual({ unread: 0 });
    t.clock.set(new Date(due.getTime() + SECOND));
    const [n1, n2] = await Promise.all([t.services.messages.scanReminders(), other.messages.scanReminders()]);
    expect(n1 + n2).toBe(1);
    expect(await t.services.messages.scanReminders()).toBe(0);
    expect((await t.as(A).get('/api/messages/unread-count').expect(200)).body).toEqual({ unread: 1 });
    const list = (await t.as(A).get('/api/messages').expect(200)).body.messages;
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        reminder: 'registration',
        voucherId: v,
        title: '创新券即将作废：请尽快完成合同登记',
        body: '合同登记截止：2026-06-16 23:59（北京时间）。逾期未登记，创新券自动作废（第十五条第二项）。',
        read: false,
      }),
    ]);
    const read = await t.as(A).post(`/api/messages/${list[0].id}/read`).expect(200);
    expect(read.body.read).toBe(true);
    expect((await t.as(A).get('/api/messages/unread-count').expect(200)).body).toEqual({ unread: 0 });
    expect((await t.as(X).post(`/api/messages/${list[0].id}/read`)).status).toBe(404);

    // Registered on 2026-06-14 (Beijing) → valid to 2026-09-14; contract ends 2026-08-31 → redeem by 2026-09-30.
    const id = (await propose(w, v).expect(201)).body.id;
    await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ endDay: '2026-08-31' })).expect(200);
    const unreadA = (await t.as(A).get('/api/messages/unread-count').expect(200)).body.unread;
    expect(unreadA).toBe(1); // "合同已登记" from X; A's own proposal notifies X, not A
    expect((await t.as(X).get('/api/messages?unread=true').expect(200)).body.messages.map((m: { body: string }) => m.body)).toEqual([
      '收到新的创新券合作申请，请确认',
    ]);

    for (const [kind, deadline] of [
      ['validity', bj('2026-09-14 23:59:59.999')],
      ['redemption', bj('2026-09-30 23:59:59.999')],
    ] as const) {
      const at = reminderDueAt(kind, deadline);
      t.clock.set(new Date(at.getTime() - SECOND));
      expect(await t.services.messages.scanReminders()).toBe(0);
      t.clock.set(new Date(at.getTime() + SECOND));
      const [a, b] = await Promise.all([t.services.messages.scanReminders(), other.messages.scanReminders()]);
      expect(a + b).toBe(2); // the applicant and unit X's one staff member
      expect(await t.services.messages.scanReminders()).toBe(0);
    }
    const reminders = (await t.as(X).get('/api/messages').expect(200)).body.messages.filter((m: { kind: string }) => m.kind === 'reminder');
    expect(reminders.map((m: { reminder: string }) => m.reminder)).toEqual(['redemption', 'validity']);
    expect((await t.as(A).post('/api/messages/read-all').expect(200)).body.marked).toBe(3);
    expect((await t.as(A).get('/api/messages/unread-count').expect(200)).body).toEqual({ unread: 0 });
  });

  test('subscribe messages: each consented message is sent once by two instances sharing the store; 43101 is final; a stale token is renewed', async () => {
    const { t, A, X } = w;
    const other = identityApp({ store, clock: t.clock, over: { inventory: t.deps.inventory, subscribe: subscribeTo(fake) } }).services;
    // X accepted "new proposal" once; A accepted "the result of my proposal" twice (two taps, two acceptances).
    await t.as(X).post('/api/me/subscriptions').send({ results: { 'TPL-PROPOSAL': 'accept' } }).expect(200);
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'accept' } }).expect(200);
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'accept' } }).expect(200);
    const v = await claim(w, A);
    const id = (await propose(w, v).expect(201)).body.id; // → X: new proposal
    await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms()).expect(200); // → A: registered
    t.clock.set(bj('2026-08-26 10:00')); // past both: redemption (08-24) and validity (08-25) reminders
    expect(await t.services.messages.scanReminders()).toBe(4); // validity + redemption, to A and X
    const all = await store.collection<MessageDoc>(MESSAGES).find({});
    expect(all).toHaveLength(6);

    const [s1, s2] = await Promise.all([t.services.messages.deliver(), other.messages.deliver()]);
    // Only the two messages someone accepted: the reminders nobody was asked about stay in the centre.
    expect(s1 + s2).toBe(2);
    expect(await t.services.messages.deliver()).toBe(0);
    expect(await other.messages.deliver()).toBe(0);
    expect(fake.sends).toHaveLength(2);
    expect(fake.sends.map((s) => [s.body.touser, s.body.template_id]).sort()).toEqual([
      ['dev-alice', 'TPL-RESULT'],
      ['dev-xavier', 'TPL-PROPOSAL'],
    ]);
    expect(fake.sends[0].body).toMatchObject({ miniprogram_state: 'developer', data: { thing1: { value: expect.any(String) } } });
    expect(fake.sends.every((s) => [...(s.body.data.thing3.value as string)].length <= 20)).toBe(true);
    const stored = await store.collection<MessageDoc>(MESSAGES).find({});
    expect(stored.map((m) => m.push).sort()).toEqual(['sent', 'sent', 'unsubscribed', 'unsubscribed', 'unsubscribed', 'unsubscribed']);
    // Every message is in the centre all the same.
    expect((await t.as(A).get('/api/messages').expect(200)).body.messages).toHaveLength(3);
    // One acceptance spent each: A has one left, X none.
    const mineA = (await t.as(A).get('/api/me/subscriptions').expect(200)).body.mine;
    expect(mineA).toEqual([expect.objectContaining({ topic: 'contract_result', templateId: 'TPL-RESULT', credits: 1, banned: false, lastDecision: 'accept' })]);
    expect((await t.as(X).get('/api/me/subscriptions').expect(200)).body.mine).toEqual([expect.objectContaining({ topic: 'new_proposal', credits: 0 })]);

    // Not subscribed (43101) on A's last acceptance: final, and WeChat holds no acceptance, so none is left.
    const v2 = await claim(w, A);
    const id2 = (await propose(w, v2).expect(201)).body.id;
    await t.as(X).post(`/api/contracts/${id2}/reject`).send({ reason: '本单位近期设备检修，无法承接' }).expect(200); // → A
    fake.script = [43101];
    expect(await t.services.messages.deliver()).toBe(0);
    const refused = await store.collection<MessageDoc>(MESSAGES).find({ push: 'refused' });
    expect(refused).toHaveLength(1);
    expect((await t.as(A).get('/api/me/subscriptions').expect(200)).body.mine[0].credits).toBe(0);
    expect(await t.services.messages.deliver()).toBe(0);

    // A accepts again; a stale token (42001) is renewed and the message sent once.
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'accept' } }).expect(200);
    const v3 = await claim(w, A);
    const id3 = (await propose(w, v3).expect(201)).body.id;
    await t.as(X).post(`/api/contracts/${id3}/reject`).send({ reason: '样品类型不在本单位检测范围' }).expect(200); // → A
    fake.script = [42001];
    const tokensBefore = fake.tokens;
    expect(await t.services.messages.deliver()).toBe(1);
    expect(fake.tokens).toBe(tokensBefore + 1);
    expect(fake.sends).toHaveLength(3);
    expect(await t.services.messages.deliver()).toBe(0);
  });
});
