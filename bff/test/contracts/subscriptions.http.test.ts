/**
 * Subscribe-message consent as WeChat grants it (issue #19): a one-time subscription allows exactly one
 * message per acceptance. The app records each answer of wx.requestSubscribeMessage (accept / reject / ban,
 * per user and template) through POST /api/me/subscriptions; the BFF spends one acceptance per message it
 * sends through WeChat (a fake WeChat server here), never sends without one, and the message centre gets
 * everything regardless.
 */
import { registrationDeadline } from '@kcq/shared';
import { MESSAGES, reminderDueAt, type MessageDoc } from '../../src/domain/messages';
import { SUBSCRIPTION_DECISIONS, type SubscriptionDecisionDoc } from '../../src/domain/subscriptions';
import type { Store } from '../../src/store';
import { HttpSubscribe } from '../../src/wechat/subscribe';
import { fakeWeChat, type FakeWeChat } from '../support/fakeWeChat';
import { identityApp, storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, propose, type World } from './world';

const TEMPLATES = { registration_reminder: 'TPL-REG', contract_result: 'TPL-RESULT', new_proposal: 'TPL-PROPOSAL', new_assignment: 'TPL-ASSIGN' };
const subscribeTo = (fake: FakeWeChat) =>
  new HttpSubscribe({ appId: 'wx-test-app', secret: 'wx-test-secret', templateId: 'TPL-DEFAULT', templates: TEMPLATES, baseUrl: fake.url, timeoutMs: 2_000, state: 'developer' });

describe.each(storeAdapters())('subscribe-message consent on $name', (adapter) => {
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

  const pushes = async () => (await store.collection<MessageDoc>(MESSAGES).find({})).map((m) => [m.userId, m.title.slice(0, 8), m.push]);
  const mine = async (who: World['A']) => (await w.t.as(who).get('/api/me/subscriptions').expect(200)).body;

  test('the app learns which template to ask for at each moment, and nothing is granted before an answer', async () => {
    const body = await mine(w.A);
    expect(body.templates).toEqual([
      { topic: 'registration_reminder', templateId: 'TPL-REG' },
      { topic: 'contract_result', templateId: 'TPL-RESULT' },
      { topic: 'new_proposal', templateId: 'TPL-PROPOSAL' },
      { topic: 'new_assignment', templateId: 'TPL-ASSIGN' },
    ]);
    expect(body.mine).toEqual([]);
  });

  test('no acceptance, no push: the proposal reaches the staff member’s message centre only', async () => {
    const v = await claim(w, w.A);
    await propose(w, v).expect(201);
    expect(await w.t.services.messages.deliver()).toBe(0);
    expect(fake.sends).toEqual([]);
    expect(await pushes()).toEqual([[w.X.userId, '「新型锂电池隔膜', 'unsubscribed']]);
    expect((await w.t.as(w.X).get('/api/messages').expect(200)).body.messages.map((m: { body: string }) => m.body)).toEqual(['收到新的创新券合作申请，请确认']);
  });

  test('each acceptance allows exactly one message: two proposals, one acceptance, one push', async () => {
    const recorded = await w.t.as(w.X).post('/api/me/subscriptions').send({ results: { 'TPL-PROPOSAL': 'accept' } }).expect(200);
    expect(recorded.body.mine).toEqual([expect.objectContaining({ topic: 'new_proposal', templateId: 'TPL-PROPOSAL', credits: 1, banned: false, lastDecision: 'accept' })]);
    await propose(w, await claim(w, w.A)).expect(201);
    await propose(w, await claim(w, w.A)).expect(201);
    expect(await w.t.services.messages.deliver()).toBe(1);
    expect(fake.sends.map((s) => [s.body.touser, s.body.template_id, s.body.page])).toEqual([['dev-xavier', 'TPL-PROPOSAL', expect.stringContaining('contract')]]);
    expect((await pushes()).map((p) => p[2]).sort()).toEqual(['sent', 'unsubscribed']);
    expect((await mine(w.X)).mine[0].credits).toBe(0);
    // Both are in the centre.
    expect((await w.t.as(w.X).get('/api/messages').expect(200)).body.messages).toHaveLength(2);
  });

  test('two senders racing for one acceptance send one message, not two', async () => {
    await w.t.as(w.X).post('/api/me/subscriptions').send({ results: { 'TPL-PROPOSAL': 'accept' } }).expect(200);
    await propose(w, await claim(w, w.A)).expect(201);
    await propose(w, await claim(w, w.A)).expect(201);
    const other = identityApp({ store, clock: w.t.clock, over: { inventory: w.t.deps.inventory, subscribe: subscribeTo(fake) } }).services;
    const [a, b] = await Promise.all([w.t.services.messages.deliver(), other.messages.deliver()]);
    expect(a + b).toBe(1);
    expect(fake.sends).toHaveLength(1);
  });

  test('reject and ban are recorded per user and template; a ban stops pushes until a later accept', async () => {
    const { t, A } = w;
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'accept', 'TPL-REG': 'reject' } }).expect(200);
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'ban' } }).expect(200);
    const standing = (await mine(A)).mine.sort((x: { topic: string }, y: { topic: string }) => x.topic.localeCompare(y.topic));
    expect(standing).toEqual([
      expect.objectContaining({ topic: 'contract_result', credits: 0, banned: true, lastDecision: 'ban' }),
      expect.objectContaining({ topic: 'registration_reminder', credits: 0, banned: false, lastDecision: 'reject' }),
    ]);
    // Every answer kept, in order, for the record.
    const log = await store.collection<SubscriptionDecisionDoc>(SUBSCRIPTION_DECISIONS).find({ userId: A.userId }, { sort: { at: 1 } });
    expect(log.map((d) => [d.templateId, d.decision]).sort()).toEqual([
      ['TPL-REG', 'reject'],
      ['TPL-RESULT', 'accept'],
      ['TPL-RESULT', 'ban'],
    ]);

    const id = (await propose(w, await claim(w, A)).expect(201)).body.id;
    await t.as(w.X).post(`/api/contracts/${id}/reject`).send({ reason: '本单位近期设备检修，无法承接' }).expect(200);
    expect(await t.services.messages.deliver()).toBe(0);
    expect(fake.sends).toEqual([]);

    // Accepting again lifts the ban and allows one.
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'accept' } }).expect(200);
    const id2 = (await propose(w, await claim(w, A)).expect(201)).body.id;
    await t.as(w.X).post(`/api/contracts/${id2}/reject`).send({ reason: '样品类型不在本单位检测范围' }).expect(200);
    expect(await t.services.messages.deliver()).toBe(1);
    expect(fake.sends.map((s) => [s.body.touser, s.body.template_id])).toEqual([['dev-alice', 'TPL-RESULT']]);
  });

  test('a send that fails in transit keeps the acceptance; the retry sends it once', async () => {
    await w.t.as(w.X).post('/api/me/subscriptions').send({ results: { 'TPL-PROPOSAL': 'accept' } }).expect(200);
    await propose(w, await claim(w, w.A)).expect(201);
    fake.script = [-1]; // WeChat busy: the adapter throws
    expect(await w.t.services.messages.deliver()).toBe(0);
    expect((await mine(w.X)).mine[0].credits).toBe(1);
    expect(await w.t.services.messages.deliver()).toBe(1);
    expect((await mine(w.X)).mine[0].credits).toBe(0);
    expect(fake.sends).toHaveLength(1);
  });

  test('the registration reminder after a claim, and an expert’s new assignment, each use their own template', async () => {
    const { t, A } = w;
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-REG': 'accept' } }).expect(200);
    await claim(w, A);
    t.clock.set(new Date(reminderDueAt('registration', registrationDeadline(bj('2026-06-01 10:00'))).getTime() + 1000));
    expect(await t.services.messages.scanReminders()).toBe(1);
    // An expert (any user) told of an assignment, having accepted the assignment template.
    const expert = await t.signIn('ernest');
    await t.as(expert).post('/api/me/subscriptions').send({ results: { 'TPL-ASSIGN': 'accept' } }).expect(200);
    await t.services.messages.notify(expert.userId, { key: 'review:assigned:ri_x:ex_1', kind: 'status', voucherId: 'v_x', title: '您有新的兑现评审任务', body: '请评审', page: null });
    expect(await t.services.messages.deliver()).toBe(2);
    expect(fake.sends.map((s) => [s.body.touser, s.body.template_id]).sort()).toEqual([
      ['dev-alice', 'TPL-REG'],
      ['dev-ernest', 'TPL-ASSIGN'],
    ]);
  });

  test('answers are checked: at most 3 templates, known decisions only; unknown template ids grant nothing', async () => {
    const { t, A } = w;
    await t.as(A).post('/api/me/subscriptions').send({ results: {} }).expect(400);
    await t.as(A).post('/api/me/subscriptions').send({ results: { a: 'accept', b: 'accept', c: 'accept', d: 'accept' } }).expect(400);
    await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'maybe' } }).expect(400);
    const r = await t.as(A).post('/api/me/subscriptions').send({ results: { 'TPL-SOMEONE-ELSE': 'accept' } }).expect(200);
    expect(r.body.mine).toEqual([]);
    await t.as(null).post('/api/me/subscriptions').send({ results: { 'TPL-RESULT': 'accept' } }).expect(401);
  });
});
