/**
 * Reminders (第十五条2、3 deadlines) and the message centre, then WeChat subscribe messages through the
 * HTTP adapter against a fake WeChat server: each message pushed once, even by two instances at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { registrationDeadline } from '@kcq/shared';
import { MESSAGES, reminderDueAt, type MessageDoc } from '../../src/domain/messages';
import type { Store } from '../../src/store';
import { HttpSubscribe } from '../../src/wechat/subscribe';
import { identityApp, storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, propose, terms, type World } from './world';

const SECOND = 1000;

interface FakeWeChat {
  url: string;
  tokens: number;
  sends: { token: string; body: any }[];
  /** errcodes to answer the next sends with (then 0). */
  script: number[];
  close(): Promise<void>;
}

async function fakeWeChat(): Promise<FakeWeChat> {
  const fake = { tokens: 0, sends: [] as { token: string; body: any }[], script: [] as number[] } as FakeWeChat;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        expect(url.searchParams.get('appid')).toBe('wx-test-app');
        fake.tokens += 1;
        res.end(JSON.stringify({ access_token: `tok-${fake.tokens}`, expires_in: 7200 }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const token = url.searchParams.get('access_token') ?? '';
        const errcode = fake.script.shift() ?? 0;
        if (errcode === 0) fake.sends.push({ token, body: JSON.parse(raw) });
        res.end(JSON.stringify({ errcode, errmsg: errcode ? 'scripted' : 'ok' }));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((r) => server.close(() => r()));
  return fake;
}

const subscribeTo = (fake: FakeWeChat) =>
  new HttpSubscribe({ appId: 'wx-test-app', secret: 'wx-test-secret', templateId: 'TPL-REMIND', baseUrl: fake.url, timeoutMs: 2_000, state: 'developer' });

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

  test('subscribe messages: each message is sent once by two instances sharing the store; 43101 is final; a stale token is renewed', async () => {
    const { t, A, X } = w;
    const other = identityApp({ store, clock: t.clock, over: { inventory: t.deps.inventory, subscribe: subscribeTo(fake) } }).services;
    const v = await claim(w, A);
    const id = (await propose(w, v).expect(201)).body.id; // → X: new proposal
    await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms()).expect(200); // → A: registered
    t.clock.set(bj('2026-08-26 10:00')); // past both: redemption (08-24) and validity (08-25) reminders
    expect(await t.services.messages.scanReminders()).toBe(4); // validity + redemption, to A and X
    const all = await store.collection<MessageDoc>(MESSAGES).find({});
    expect(all).toHaveLength(6);

    const [s1, s2] = await Promise.all([t.services.messages.deliver(), other.messages.deliver()]);
    expect(s1 + s2).toBe(6);
    expect(await t.services.messages.deliver()).toBe(0);
    expect(await other.messages.deliver()).toBe(0);
    expect(fake.sends).toHaveLength(6);
    expect(new Set(fake.sends.map((s) => `${s.body.touser}|${s.body.data.thing3.value}|${s.body.data.time2.value}`)).size).toBe(6);
    expect(fake.sends[0].body).toMatchObject({ template_id: 'TPL-REMIND', miniprogram_state: 'developer', data: { thing1: { value: expect.any(String) } } });
    expect([...new Set(fake.sends.map((s) => s.body.touser))].sort()).toEqual(['dev-alice', 'dev-xavier']);
    expect(fake.sends.every((s) => [...(s.body.data.thing3.value as string)].length <= 20)).toBe(true);
    const stored = await store.collection<MessageDoc>(MESSAGES).find({});
    expect(stored.map((m) => m.push)).toEqual(stored.map(() => 'sent'));

    // Not subscribed (43101): recorded as refused, never retried. Token expired (42001): renewed, sent once.
    await t.as(A).post(`/api/contracts/${id}/amend`).send({ contractNo: 'HT-AMENDED' }); // A cannot amend: no message
    await t.as(X).post(`/api/contracts/${id}/amend`).send({ contractNo: 'HT-AMENDED' }).expect(200); // → A
    await t.as(X).post(`/api/contracts/${id}/amend`).send({ contractNo: 'HT-AMENDED-2' }).expect(200); // → A
    fake.script = [43101, 42001];
    const tokensBefore = fake.tokens;
    expect(await t.services.messages.deliver()).toBe(1);
    expect(fake.tokens).toBe(tokensBefore + 1);
    const pushes = (await store.collection<MessageDoc>(MESSAGES).find({ push: { $in: ['refused', 'sent'] } })).map((m) => m.push).sort();
    expect(pushes.filter((p) => p === 'refused')).toHaveLength(1);
    expect(await t.services.messages.deliver()).toBe(0);
    expect(fake.sends).toHaveLength(7);
  });
});
