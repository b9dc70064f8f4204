/**
 * The whole life of a voucher through its contract and redemption, over HTTP, on every store adapter, with
 * a ManualClock: claim → propose → confirm (registered, validity) → amend → evidence → apply → review round
 * (experts) → decision (Q3: paid this year; Q4: next year) → public notice → payment batch → paid;
 * rejections, withdrawal and cancellation with release. The review/notice/batch details are in test/review/.
 * Rules: 第九条, 第十二条, 第十五条, 第十六条, 第十八条.
 */
import { createHash } from 'node:crypto';
import { contractPage, VOUCHERS_PAGE } from '@kcq/shared';
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, DAY, JPEG, PDF, PNG, project, propose, terms, type World } from './world';
import { approveAll, makeExpert } from '../review/support';

describe.each(storeAdapters())('contracts and redemption over HTTP on $name', (adapter) => {
  let store: Store;
  let w: World;
  afterEach(() => adapter.cleanup(store));

  async function setup(start: Date) {
    store = await adapter.open();
    w = await buildWorld(store, start);
  }

  const remaining = async () => (await w.t.as(null).get(`/api/periods/${w.period}`).expect(200)).body.period.remainingFen as number;

  test('第十五条: the whole life cycle with a Q3 approval — paid in the same year', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X, admin } = w;
    const voucherId = await claim(w, A, 1_000_000);

    // 1. Proposal by the applicant (第十五条2), confidential project, no municipal funding (第十二条).
    const proposed = await propose(w, voucherId);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ voucherId, unitId: w.unitX, serviceId: w.serviceX, status: 'proposed', project, terms: null });
    const id = proposed.body.id as string;

    // Unit X's staff see it in their list, with the project (第九条2、3).
    const listX = await t.as(X).get('/api/contracts').expect(200);
    expect(listX.body.contracts.map((c: { id: string }) => c.id)).toEqual([id]);

    // 2. Confirmation = contract registration, on the phone (第十五条2).
    t.clock.set(bj('2026-06-03 15:20'));
    const confirmed = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms()).expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'registered',
      terms: terms(),
      maxVoucherAmountFen: 100_000,
      registeredAt: bj('2026-06-03 15:20').toISOString(),
      voucher: {
        status: 'registered',
        // Registration day 2026-06-03 + 3 months → valid to 2026-09-03 23:59:59.999 Beijing.
        validUntil: bj('2026-09-03 23:59:59.999').toISOString(),
        // Contract ends 2026-07-31 → redemption by 2026-08-31 23:59:59.999 Beijing.
        redemptionDeadline: bj('2026-08-31 23:59:59.999').toISOString(),
      },
    });
    const mine = await t.as(A).get('/api/vouchers').expect(200);
    expect(mine.body.vouchers[0]).toMatchObject({ id: voucherId, status: 'registered' });

    // 3. Amendment before redemption, recorded with before/after.
    t.clock.set(bj('2026-07-20 09:00'));
    const amended = await t
      .as(X)
      .post(`/api/contracts/${id}/amend`)
      .send({ endDay: '2026-08-15', contractAmountFen: 240_000, reason: '增加样品数量' })
      .expect(200);
    expect(amended.body.terms).toEqual(terms({ endDay: '2026-08-15', contractAmountFen: 240_000 }));
    expect(amended.body.amendments).toEqual([
      {
        at: bj('2026-07-20 09:00').toISOString(),
        reason: '增加样品数量',
        before: terms(),
        after: terms({ endDay: '2026-08-15', contractAmountFen: 240_000 }),
      },
    ]);
    expect(amended.body.voucher.redemptionDeadline).toBe(bj('2026-09-15 23:59:59.999').toISOString());

    // 4. Evidence and the redemption application (第十五条3).
    t.clock.set(bj('2026-08-20 14:00'));
    const up = await t
      .as(X)
      .post(`/api/contracts/${id}/evidence`)
      .attach('files', PDF, { filename: '检测报告.pdf', contentType: 'application/pdf' })
      .attach('files', PNG, { filename: 'photo.png', contentType: 'image/png' })
      .expect(201);
    expect(up.body.evidence.map((e: { filename: string; contentType: string; sizeBytes: number; sha256: string }) => [e.filename, e.contentType, e.sizeBytes, e.sha256])).toEqual([
      ['检测报告.pdf', 'application/pdf', PDF.length, createHash('sha256').update(PDF).digest('hex')],
      ['photo.png', 'image/png', PNG.length, createHash('sha256').update(PNG).digest('hex')],
    ]);
    const evidenceIds = up.body.evidence.map((e: { id: string }) => e.id);
    // The applicant may download it (第九条3), byte for byte.
    const file = await t.as(A).get(`/api/contracts/${id}/evidence/${evidenceIds[0]}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);

    const applied = await t
      .as(X)
      .post(`/api/contracts/${id}/redemption`)
      .send({ actualAmountFen: 180_001, report: '完成12个样品的XRD分析，出具报告。', evidenceIds })
      .expect(201);
    // 第十二条: min(registered 100,000, floor(50% × 180,001) = 90,000).
    expect(applied.body).toMatchObject({ status: 'submitted', actualAmountFen: 180_001, payableFen: 90_000, paymentYear: null });
    expect(applied.body.evidence).toHaveLength(2);
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('redemption_applied');
    // Amending after the application is refused: the voucher is no longer registered.
    const late = await t.as(X).post(`/api/contracts/${id}/amend`).send({ endDay: '2026-08-16' });
    expect([late.status, late.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);

    // 5. Review by experts in a round, decided in Q3 → paid from 2026's funds (第十五条4、5).
    const rid = applied.body.id as string;
    const queue = await t.as(admin).get('/api/admin/redemptions?status=submitted').expect(200);
    expect(queue.body.redemptions.map((r: { id: string }) => r.id)).toEqual([rid]);
    const experts = [await makeExpert(w, 'e1'), await makeExpert(w, 'e2'), await makeExpert(w, 'e3')];
    t.clock.set(bj('2026-09-30 23:59:59'));
    await approveAll(w, experts);
    const approved = await t.as(A).get(`/api/contracts/${id}/redemption`).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', paymentYear: 2026, review: { decision: 'approved', reason: null } });
    // 6. Public notice (5 working days across National Day: 10-08 … 10-14), then a payment batch.
    t.clock.set(bj('2026-10-07 10:00'));
    await t.as(admin).post('/api/admin/notices').send({ title: '兑现公示', startDay: '2026-10-08' }).expect(201);
    t.clock.set(bj('2026-10-15 10:00'));
    const batch = (await t.as(admin).post('/api/admin/payment-batches').send({ title: '拨付批次' }).expect(201)).body;
    await t.as(admin).post(`/api/admin/payment-batches/${batch.id}/paid`).send({ reference: 'BK-20261015-1' }).expect(200);
    const paid = await t.as(A).get(`/api/contracts/${id}/redemption`).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', payment: { at: bj('2026-10-15 10:00').toISOString(), reference: 'BK-20261015-1' } });
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('paid');

    // 7. Traceability: every step appended, chained from the claim record (第十六、十八条).
    const audit = await t.as(admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200);
    expect(audit.body.report).toMatchObject({ ok: true, entries: 20 });
    expect(audit.body.genesis).toMatchObject({ _id: voucherId, status: 'claimed', amountFen: 1_000_000 });
    expect(audit.body.entries.map((e: { subject: string; event: string; role: string; from: string | null; to: string }) => `${e.subject}:${e.event}[${e.role}] ${e.from}→${e.to}`)).toEqual([
      'contract:propose[applicant] null→proposed',
      'contract:confirm[open_unit] proposed→registered',
      'voucher:register[open_unit] claimed→registered',
      'contract:amend[open_unit] registered→registered',
      'redemption:apply[open_unit] null→submitted',
      'voucher:apply_redemption[open_unit] registered→redemption_applied',
      'redemption:open_review[administrator] submitted→under_review',
      'voucher:open_review[administrator] redemption_applied→under_review',
      'review:opinion[expert] under_review→under_review',
      'review:opinion[expert] under_review→under_review',
      'review:opinion[expert] under_review→under_review',
      'redemption:approve[administrator] under_review→approved',
      'voucher:approve[administrator] under_review→approved',
      'redemption:publish_notice[administrator] approved→in_public_notice',
      'voucher:publish_notice[administrator] approved→in_public_notice',
      'redemption:clear_notice[system] in_public_notice→payable',
      'voucher:clear_notice[system] in_public_notice→payable',
      'payment:batch[administrator] payable→payable',
      'redemption:pay[administrator] payable→paid',
      'voucher:pay[administrator] payable→paid',
    ]);
    expect(audit.body.entries.every((e: { actorId: string }) => typeof e.actorId === 'string' && e.actorId.length > 0)).toBe(true);

    // 8. The applicant heard of the steps taken by others, in the message centre.
    const msgs = await t.as(A).get('/api/messages').expect(200);
    expect(msgs.body.messages.map((m: { body: string }) => m.body)).toEqual(
      expect.arrayContaining(['合同已登记，创新券进入有效期', '兑现评审通过，等待拨付', '兑现评审通过，正在公示', '公示期满无异议，等待拨付', '创新券兑现资金已拨付']),
    );
    // Each notice opens a page the mini-program has: the contract, a redemption's too (it has no page of its own).
    const pageOf = (body: string) => msgs.body.messages.find((m: { body: string }) => m.body === body)?.page;
    for (const body of ['合同已登记，创新券进入有效期', '兑现评审通过，等待拨付', '创新券兑现资金已拨付']) expect(pageOf(body)).toBe(contractPage(id));
    expect(msgs.body.messages.every((m: { page: string | null }) => m.page === null || m.page === VOUCHERS_PAGE || m.page === contractPage(id))).toBe(true);
  });

  test('第十五条5: a Q4 approval is scheduled for next year and is not in a batch before 1 January', async () => {
    await setup(bj('2026-11-21 10:00'));
    const { t, A, X, admin } = w;
    const voucherId = await claim(w, A);
    const id = (await propose(w, voucherId).expect(201)).body.id;
    await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ startDay: '2026-11-22', endDay: '2026-12-15' })).expect(200);
    t.clock.set(bj('2026-12-16 09:00'));
    const ev = (await t.as(X).post(`/api/contracts/${id}/evidence`).attach('files', JPEG, { filename: 'a.jpg', contentType: 'image/jpeg' }).expect(201)).body.evidence;
    const rid = (await t.as(X).post(`/api/contracts/${id}/redemption`).send({ actualAmountFen: 400_000, report: '完成', evidenceIds: [ev[0].id] }).expect(201)).body.id;
    const experts = [await makeExpert(w, 'e1'), await makeExpert(w, 'e2'), await makeExpert(w, 'e3')];
    t.clock.set(bj('2026-12-20 10:00'));
    await approveAll(w, experts);
    expect((await t.as(X).get(`/api/contracts/${id}/redemption`).expect(200)).body).toMatchObject({ paymentYear: 2027 });
    await t.as(admin).post('/api/admin/notices').send({ title: '公示', startDay: '2026-12-21' }).expect(201);
    t.clock.set(bj('2026-12-31 09:00'));
    const early = await t.as(admin).post('/api/admin/payment-batches').send({ title: '年末', redemptionIds: [rid] });
    expect([early.status, early.body.error.code, early.body.error.details.paymentYear]).toEqual([409, 'PAYMENT_NOT_DUE', 2027]);
    t.clock.set(bj('2027-01-04 09:00'));
    const batch = (await t.as(admin).post('/api/admin/payment-batches').send({ title: '2027年第1批' }).expect(201)).body;
    await t.as(admin).post(`/api/admin/payment-batches/${batch.id}/paid`).send({ reference: 'BK-2027-1' }).expect(200);
    expect((await t.as(X).get(`/api/contracts/${id}/redemption`).expect(200)).body.status).toBe('paid');
    void voucherId;
  });

  test('rejections: a rejected proposal frees the voucher for another; a rejected redemption is final', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X, Y, admin } = w;
    const voucherId = await claim(w, A);
    const first = (await propose(w, voucherId).expect(201)).body.id;
    // One voucher, one live contract (第十六条): a second proposal with it is refused.
    const second = await propose(w, voucherId, { serviceId: w.serviceY });
    expect([second.status, second.body.error.code]).toEqual([409, 'VOUCHER_HAS_CONTRACT']);
    const noReason = await t.as(X).post(`/api/contracts/${first}/reject`).send({ reason: '  ' });
    expect(noReason.status).toBe(400);
    const rejected = await t.as(X).post(`/api/contracts/${first}/reject`).send({ reason: '设备检修，本月无法排期' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { reason: '设备检修，本月无法排期' }, voucher: { status: 'claimed' } });
    // Free again while its window lasts: proposed to unit Y, confirmed there.
    const other = (await propose(w, voucherId, { serviceId: w.serviceY }).expect(201)).body.id;
    await t.as(Y).post(`/api/contracts/${other}/confirm`).send(terms()).expect(200);
    // The rejected proposal cannot be confirmed afterwards.
    const stale = await t.as(X).post(`/api/contracts/${first}/confirm`).send(terms());
    expect([stale.status, stale.body.error.code]).toEqual([409, 'CONTRACT_STATE']);
    // 第九条3: unit X rejected, so it is no longer linked to A; unit Y is.
    expect((await t.as(X).get(`/api/applicants/${w.applicantA}`)).status).toBe(404);
    expect((await t.as(Y).get(`/api/applicants/${w.applicantA}`)).status).toBe(200);

    const ev = (await t.as(Y).post(`/api/contracts/${other}/evidence`).attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' }).expect(201)).body.evidence;
    const rid = (await t.as(Y).post(`/api/contracts/${other}/redemption`).send({ actualAmountFen: 200_000, report: '完成', evidenceIds: [ev[0].id] }).expect(201)).body.id;
    const dup = await t.as(Y).post(`/api/contracts/${other}/redemption`).send({ actualAmountFen: 200_000, report: '完成', evidenceIds: [ev[0].id] });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    const experts = [await makeExpert(w, 'e1'), await makeExpert(w, 'e2'), await makeExpert(w, 'e3')];
    const round = (await t.as(admin).post('/api/admin/review-rounds').send({ name: '评审' }).expect(201)).body;
    const item = round.items[0];
    for (const e of experts) await t.as(e).post(`/api/expert/assignments/${item.id}/opinion`).send({ opinion: 'fail', comment: '材料不符' }).expect(200);
    const noReason2 = await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'reject' });
    expect(noReason2.status).toBe(400);
    await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'reject', reason: '证明材料与合同不符' }).expect(200);
    const r = await t.as(Y).get(`/api/contracts/${other}/redemption`).expect(200);
    expect(r.body).toMatchObject({ id: rid, status: 'rejected', review: { decision: 'rejected', reason: '证明材料与合同不符' } });
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('rejected');
    const approveAfter = await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'approve' });
    expect([approveAfter.status, approveAfter.body.error.code]).toEqual([409, 'REVIEW_STATE']);
  });

  test('withdraw a proposal (applicant only); cancel a registered contract: the voucher is void and its amount released once', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X, admin } = w;
    const before = await remaining();
    const voucherId = await claim(w, A, 2_000_000);
    expect(await remaining()).toBe(before - 2_000_000);
    const p1 = (await propose(w, voucherId).expect(201)).body.id;
    const byUnit = await t.as(X).post(`/api/contracts/${p1}/cancel`).send({});
    expect([byUnit.status, byUnit.body.error.code]).toEqual([403, 'ACTOR_NOT_ALLOWED']);
    expect((await t.as(A).post(`/api/contracts/${p1}/cancel`).send({ reason: '选错了服务' }).expect(200)).body).toMatchObject({
      status: 'withdrawn',
      voucher: { status: 'claimed' },
    });
    const p2 = (await propose(w, voucherId).expect(201)).body.id;
    await t.as(X).post(`/api/contracts/${p2}/confirm`).send(terms()).expect(200);
    const cancelled = await t.as(X).post(`/api/contracts/${p2}/cancel`).send({ reason: '项目终止' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', closed: { role: 'open_unit', reason: '项目终止' }, voucher: { status: 'void', voidReason: 'cancelled' } });
    expect(await remaining()).toBe(before);
    const twice = await t.as(admin).post(`/api/contracts/${p2}/cancel`).send({});
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CONTRACT_STATE']);
    expect(await remaining()).toBe(before);
    // A void voucher takes no new proposal (第十六条: no reuse).
    const reuse = await propose(w, voucherId);
    expect([reuse.status, reuse.body.error.code]).toEqual([409, 'VOUCHER_NOT_AVAILABLE']);
    const audit = await t.as(admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200);
    expect(audit.body.entries.map((e: { subject: string; event: string }) => `${e.subject}:${e.event}`)).toEqual([
      'contract:propose',
      'contract:withdraw',
      'contract:propose',
      'contract:confirm',
      'voucher:register',
      'voucher:cancel',
      'contract:cancel',
    ]);
    expect(audit.body.report.ok).toBe(true);
  });

  test('cancelling a claimed voucher from the voucher list lapses its pending proposal and is audited', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X, admin } = w;
    const voucherId = await claim(w, A);
    const id = (await propose(w, voucherId).expect(201)).body.id;
    await t.as(A).post(`/api/vouchers/${voucherId}/cancel`).send({ reason: '不再需要' }).expect(200);
    expect((await t.as(X).get(`/api/contracts/${id}`).expect(200)).body).toMatchObject({ status: 'lapsed', voucher: { status: 'void', voidReason: 'cancelled' } });
    const confirm = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms());
    expect([confirm.status, confirm.body.error.code]).toEqual([409, 'CONTRACT_STATE']);
    const audit = (await t.as(admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200)).body;
    expect(audit.entries.map((e: { subject: string; event: string; from: string; to: string }) => `${e.subject}:${e.event} ${e.from}→${e.to}`)).toEqual([
      'contract:propose null→proposed',
      'voucher:cancel claimed→void',
      'contract:lapse proposed→lapsed',
    ]);
  });

  test('第十二条: a contract of 99,999 fen takes at most 49,999 fen of the voucher', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X } = w;
    const id = (await propose(w, await claim(w, A)).expect(201)).body.id;
    const over = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ contractAmountFen: 99_999, voucherAmountFen: 50_000 }));
    expect([over.status, over.body.error.code, over.body.error.details.maxFen]).toEqual([422, 'VOUCHER_AMOUNT_TOO_HIGH', 49_999]);
    const ok = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ contractAmountFen: 99_999, voucherAmountFen: 49_999 })).expect(200);
    expect(ok.body).toMatchObject({ maxVoucherAmountFen: 49_999, terms: { voucherAmountFen: 49_999 } });
    // Amending the amount down below twice the applied amount is refused the same way.
    const down = await t.as(X).post(`/api/contracts/${id}/amend`).send({ contractAmountFen: 99_997 });
    expect([down.status, down.body.error.details.maxFen]).toEqual([422, 49_998]);
  });

  test('a voucher smaller than half the contract caps the applied amount at the voucher', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X } = w;
    const id = (await propose(w, await claim(w, A, 100_000)).expect(201)).body.id;
    const over = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ contractAmountFen: 1_000_000, voucherAmountFen: 100_001 }));
    expect([over.status, over.body.error.details.maxFen]).toEqual([422, 100_000]);
  });

  test('double submission of a confirmation (concurrent) gives one contract and one registration', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X, admin } = w;
    const voucherId = await claim(w, A);
    const id = (await propose(w, voucherId).expect(201)).body.id;
    const [a, b] = await Promise.all([t.as(X).post(`/api/contracts/${id}/confirm`).send(terms()), t.as(X).post(`/api/contracts/${id}/confirm`).send(terms())]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.registeredAt).toBe(b.body.registeredAt);
    const list = await t.as(X).get('/api/contracts').expect(200);
    expect(list.body.contracts.filter((c: { status: string }) => c.status === 'registered')).toHaveLength(1);
    const audit = (await t.as(admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200)).body;
    expect(audit.entries.filter((e: { event: string }) => e.event === 'confirm' || e.event === 'register')).toHaveLength(2);
    // A different second confirmation is refused, not applied.
    const different = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ contractNo: 'HT-OTHER' }));
    expect([different.status, different.body.error.code]).toEqual([409, 'CONTRACT_ALREADY_CONFIRMED']);
  });

  test('第十二条: declaring municipal S&T funding blocks the proposal; 第十六条: A cannot attach B’s voucher', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, B } = w;
    const mine = await claim(w, A);
    const funded = await propose(w, mine, { municipalFundingReceived: true });
    expect([funded.status, funded.body.error.code]).toEqual([422, 'MUNICIPAL_FUNDING_DECLARED']);
    const missing = await propose(w, mine, { municipalFundingReceived: undefined });
    expect(missing.status).toBe(400);
    const bobs = await claim(w, B);
    const stolen = await propose(w, bobs);
    expect([stolen.status, stolen.body.error.code]).toEqual([404, 'NOT_FOUND']);
    // Bob's voucher is untouched and still free for Bob.
    await t.as(B).post('/api/contracts').send({ voucherId: bobs, unitId: w.unitX, project, municipalFundingReceived: false }).expect(201);
    const both = await t.as(A).post('/api/contracts').send({ voucherId: mine, unitId: w.unitX, serviceId: w.serviceX, project, municipalFundingReceived: false });
    expect(both.status).toBe(400);
  });

  test('第九条3: staff of another unit and another applicant get 404 on everything of the contract', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, B, X, Y, admin } = w;
    const voucherId = await claim(w, A);
    const id = (await propose(w, voucherId).expect(201)).body.id;
    await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms()).expect(200);
    const ev = (await t.as(X).post(`/api/contracts/${id}/evidence`).attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' }).expect(201)).body.evidence[0].id;
    await t.as(X).post(`/api/contracts/${id}/redemption`).send({ actualAmountFen: 300_000, report: '完成', evidenceIds: [ev] }).expect(201);
    const calls = (who: typeof Y) => [
      t.as(who).get(`/api/contracts/${id}`),
      t.as(who).post(`/api/contracts/${id}/confirm`).send(terms()),
      t.as(who).post(`/api/contracts/${id}/reject`).send({ reason: 'x' }),
      t.as(who).post(`/api/contracts/${id}/amend`).send({ endDay: '2026-08-01' }),
      t.as(who).post(`/api/contracts/${id}/cancel`).send({}),
      t.as(who).post(`/api/contracts/${id}/evidence`).attach('files', PDF, { filename: 'x.pdf', contentType: 'application/pdf' }),
      t.as(who).get(`/api/contracts/${id}/evidence`),
      t.as(who).get(`/api/contracts/${id}/evidence/${ev}`),
      t.as(who).get(`/api/contracts/${id}/redemption`),
      t.as(who).post(`/api/contracts/${id}/redemption`).send({ actualAmountFen: 1, report: 'x', evidenceIds: [ev] }),
    ];
    for (const who of [Y, B]) {
      const answers = await Promise.all(calls(who));
      expect(answers.map((r) => [r.status, r.body?.error?.code])).toEqual(answers.map(() => [404, 'NOT_FOUND']));
      const list = await t.as(who).get('/api/contracts').expect(200);
      expect(list.body.contracts).toEqual([]);
    }
    // The parties see it, project and evidence included.
    for (const who of [A, X, admin]) {
      expect((await t.as(who).get(`/api/contracts/${id}`).expect(200)).body.project).toEqual(project);
      expect((await t.as(who).get(`/api/contracts/${id}/evidence`).expect(200)).body.evidence).toHaveLength(1);
    }
  });

  test('evidence: type by content, size and count limits, only multipart', async () => {
    await setup(bj('2026-06-01 10:00'));
    const { t, A, X } = w;
    const id = (await propose(w, await claim(w, A)).expect(201)).body.id;
    const up = () => t.as(X).post(`/api/contracts/${id}/evidence`);
    const code = (r: { status: number; body: { error?: { code: string } } }) => [r.status, r.body.error?.code];
    // Declared PDF, PNG bytes → 415; an executable named .pdf → 415; a declared type outside the list → 415.
    expect(code(await up().attach('files', PNG, { filename: 'a.pdf', contentType: 'application/pdf' }))).toEqual([415, 'EVIDENCE_TYPE_NOT_ALLOWED']);
    expect(code(await up().attach('files', Buffer.from('MZ\x90\x00binary'), { filename: 'a.pdf', contentType: 'application/pdf' }))).toEqual([415, 'EVIDENCE_TYPE_NOT_ALLOWED']);
    expect(code(await up().attach('files', PDF, { filename: 'a.txt', contentType: 'text/plain' }))).toEqual([415, 'EVIDENCE_TYPE_NOT_ALLOWED']);
    // 10 MB + 1 byte → 413; exactly 10 MB is fine.
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length)]);
    expect(code(await up().attach('files', big, { filename: 'big.pdf', contentType: 'application/pdf' }))).toEqual([413, 'EVIDENCE_TOO_LARGE']);
    const max = big.subarray(0, 10 * 1024 * 1024);
    expect((await up().attach('files', max, { filename: 'max.pdf', contentType: 'application/pdf' })).status).toBe(201);
    // Six files in one request → 400; none → 400; JSON → 415.
    let six = up();
    for (let i = 0; i < 6; i++) six = six.attach('files', PDF, { filename: `f${i}.pdf`, contentType: 'application/pdf' });
    expect(code(await six)).toEqual([400, 'EVIDENCE_TOO_MANY']);
    expect(code(await up().field('note', 'x'))).toEqual([400, 'EVIDENCE_REQUIRED']);
    expect(code(await up().send({ files: [] }))).toEqual([415, 'EVIDENCE_TYPE_NOT_ALLOWED']);
    // Nothing refused was stored.
    const list = await t.as(X).get(`/api/contracts/${id}/evidence`).expect(200);
    expect(list.body.evidence.map((e: { filename: string }) => e.filename)).toEqual(['max.pdf']);
    // The JSON API still works after multipart traffic (the body parser is untouched).
    expect((await t.as(A).get('/api/vouchers')).status).toBe(200);
    void DAY;
  });
});
