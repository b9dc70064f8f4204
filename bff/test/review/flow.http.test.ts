/**
 * The whole review → notice → payment flow over HTTP (第十五条4、5), on every store adapter, with a
 * ManualClock across the 2026 National Day holiday: staff apply for redemption → an administrator opens a
 * round (recusal: who was excluded and why) → three experts review on the phone (one doubtful, then a
 * hearing) → the administrator decides → the notice is published (readable without a token, names
 * masked) → an objection is lodged (the item is held) and dismissed → the notice ends → a payment batch is
 * created, exported as .xlsx (read back with exceljs, row by row) and marked paid → the founder's voucher
 * reads paid, and every step is in its audit chain (第十八条).
 */
import ExcelJS from 'exceljs';
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, type World } from '../contracts/world';
import { makeExpert, submittedRedemption } from './support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(storeAdapters())('review, public notice and payment over HTTP on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(() => adapter.cleanup(store));

  test('第十五条4、5: apply → round → three experts (one doubtful) → hearing → decision → notice → objection dismissed → batch → xlsx → paid', async () => {
    const { t, A, B, X, admin } = w;
    const voucherId = await claim(w, A, 1_000_000);
    const { redemptionId, evidenceId } = await submittedRedemption(w, voucherId, 'HT-2026-088');

    // Experts: three eligible; one works at unit X, one declared a tie to applicant A (recusal).
    const e1 = await makeExpert(w, 'e1');
    const e2 = await makeExpert(w, 'e2');
    const e3 = await makeExpert(w, 'e3', { fields: ['medicine_health'] });
    const tiedUnit = await makeExpert(w, 'e4', { organisation: '开放单位X' });
    const tiedApplicant = await makeExpert(w, 'e5', { ties: [{ kind: 'applicant', id: w.applicantA, name: '北京示例科技有限公司', relation: '兼职顾问' }] });
    // An expert invited by code (the staff invite mechanism).
    const profile = (await t.as(admin).post('/api/admin/experts').send({ name: '专家己', organisation: '己大学', fields: ['new_materials'] }).expect(201)).body;
    const code = (await t.as(admin).post(`/api/admin/experts/${profile.id}/invites`).expect(201)).body.code;
    const invited = await t.signIn('expert-invited');
    await t.as(invited).post('/api/expert-invites/redeem').send({ code }).expect(200);
    expect((await t.as(invited).get('/api/me').expect(200)).body.roles).toContain('expert');
    // …but deactivated before the round, so it is not assigned.
    await t.as(admin).put(`/api/admin/experts/${profile.id}`).send({ name: '专家己', organisation: '己大学', fields: ['new_materials'], active: false }).expect(200);

    // The administrator opens a round (第十五条4): panel of 3, exclusions say who and why.
    t.clock.set(bj('2026-09-01 09:00'));
    const round = (await t.as(admin).post('/api/admin/review-rounds').send({ name: '2026年第3批兑现评审', filter: { unitId: w.unitX } }).expect(201)).body;
    expect(round.items).toHaveLength(1);
    const item = round.items[0];
    expect(item.redemptionId).toBe(redemptionId);
    expect(item.panel.map((m: { expertId: string }) => m.expertId).sort()).toEqual([e1.expertId, e2.expertId, e3.expertId].sort());
    expect(item.excluded).toEqual(
      expect.arrayContaining([
        { expertId: tiedUnit.expertId, name: '专家e4', reasons: ['任职于开放单位「开放单位X」'] },
        { expertId: tiedApplicant.expertId, name: '专家e5', reasons: ['与申领单位「北京示例科技有限公司」存在关联（兼职顾问）'] },
      ]),
    );
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('under_review');

    // Each expert sees the assignment on the phone: the redemption, terms, evidence, report — not the applicant.
    const seen = await t.as(e1).get(`/api/expert/assignments/${item.id}`).expect(200);
    expect(seen.body).toMatchObject({ unitName: '开放单位X', terms: { contractNo: 'HT-2026-088' }, redemption: { actualAmountFen: 180_000, report: '完成样品分析，出具报告。' } });
    expect(seen.body.evidence.map((e: { id: string }) => e.id)).toEqual([evidenceId]);
    expect(JSON.stringify(seen.body)).not.toContain('北京示例科技有限公司');
    expect(JSON.stringify(seen.body)).not.toContain(w.applicantA);
    await t.as(e1).get(`/api/expert/assignments/${item.id}/evidence/${evidenceId}`).expect(200);
    // An excluded expert cannot see it (404), nor the applicant's data (第九条3).
    await t.as(tiedUnit).get(`/api/expert/assignments/${item.id}`).expect(404);
    await t.as(e1).get(`/api/applicants/${w.applicantA}`).expect(404);
    expect((await t.as(e2).get('/api/expert/assignments').expect(200)).body.assignments.map((a: { id: string }) => a.id)).toEqual([item.id]);

    // The assignment reached each expert's message centre.
    expect((await t.as(e3).get('/api/messages').expect(200)).body.messages.map((m: { title: string }) => m.title)).toContain('您有新的兑现评审任务');

    // Opinions: pass, pass, doubtful. Before a majority exists, no decision (PANEL_INCOMPLETE).
    await t.as(e1).post(`/api/expert/assignments/${item.id}/opinion`).send({ opinion: 'pass', comment: '材料齐全，金额相符' }).expect(200);
    const early = await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'approve' });
    expect([early.status, early.body.error.code]).toEqual([409, 'PANEL_INCOMPLETE']);
    // A reminder reaches the two who have not answered.
    expect((await t.as(admin).post(`/api/admin/review-rounds/${round.id}/remind`).expect(200)).body.reminded).toBe(2);
    expect((await t.as(e2).get('/api/messages').expect(200)).body.messages.map((m: { title: string }) => m.title)).toContain('请尽快提交评审意见');
    await t.as(e2).post(`/api/expert/assignments/${item.id}/opinion`).send({ opinion: 'pass', comment: '同意' }).expect(200);
    await t.as(e3).post(`/api/expert/assignments/${item.id}/opinion`).send({ opinion: 'doubtful', comment: '仪器使用记录需核实' }).expect(200);
    const afterOpinions = (await t.as(admin).get(`/api/admin/review-rounds/${round.id}`).expect(200)).body.items[0];
    expect([afterOpinions.panelOpinion, afterOpinions.panelOpinionLabel]).toEqual(['pass', '通过']);

    // The doubtful item goes to a hearing (答辩会) with date, place and participants; its outcome is recorded.
    await t
      .as(admin)
      .post(`/api/admin/review-items/${item.id}/follow-up`)
      .send({ kind: 'hearing', day: '2026-09-10', place: '市科委三层会议室', participants: ['专家e3', '开放单位X项目负责人'] })
      .expect(200);
    t.clock.set(bj('2026-09-10 16:00'));
    const pending = await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'approve' });
    expect([pending.status, pending.body.error.code]).toEqual([409, 'FOLLOW_UP_PENDING']);
    await t.as(admin).post(`/api/admin/review-items/${item.id}/follow-up/outcome`).send({ result: 'pass', summary: '答辩清楚，记录属实' }).expect(200);

    // The decision (Q3 → this year's funds) shows the panel's opinion; rejecting against it would need a reason.
    t.clock.set(bj('2026-09-25 10:00'));
    const against = await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'reject' });
    expect([against.status, against.body.error.code]).toEqual([400, 'DECISION_REASON_REQUIRED']);
    const decided = (await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'approve' }).expect(200)).body;
    expect(decided.decision).toMatchObject({ decision: 'approve', panelOpinion: 'pass', againstPanel: false, reason: null });
    expect((await t.as(X).get(`/api/contracts/${(await t.as(X).get('/api/contracts')).body.contracts[0].id}/redemption`).expect(200)).body).toMatchObject({
      status: 'approved',
      paymentYear: 2026,
    });
    // An expert cannot change an opinion after the decision.
    await t.as(e3).post(`/api/expert/assignments/${item.id}/opinion`).send({ opinion: 'fail', comment: '改' }).expect(409);

    // Public notice from Monday 2026-09-28: 5 working days across National Day → ends Friday 2026-10-09.
    const notice = (await t.as(admin).post('/api/admin/notices').send({ title: '2026年第3批创新券兑现公示', startDay: '2026-09-28' }).expect(201)).body;
    expect([notice.startDay, notice.endDay]).toEqual(['2026-09-28', '2026-10-09']);
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('in_public_notice');
    // Public: no token needed; the applicant's name masked as the commission publishes it.
    const pub = await t.as(null).get(`/api/notices/${notice.id}`).expect(200);
    expect(pub.body.items).toEqual([
      { id: expect.any(String), unitName: '开放单位X', serviceCategory: '分析', applicantName: '北京示**技有限公司', payableFen: 90_000, status: 'listed', statusLabel: '公示中' },
    ]);
    expect(JSON.stringify(pub.body)).not.toContain('北京示例科技有限公司');
    expect((await t.as(null).get('/api/notices').expect(200)).body.notices.map((n: { id: string }) => n.id)).toEqual([notice.id]);
    const itemId = pub.body.items[0].id;

    // Before the start day no objection is taken; during the notice anyone signed in may object.
    const tooEarly = await t.as(B).post(`/api/notices/${notice.id}/items/${itemId}/objections`).send({ reason: '怀疑合同金额虚高' });
    expect([tooEarly.status, tooEarly.body.error.code]).toEqual([409, 'NOTICE_NOT_OPEN']);
    t.clock.set(bj('2026-09-29 10:00'));
    await t.as(null).post(`/api/notices/${notice.id}/items/${itemId}/objections`).send({ reason: '匿名' }).expect(401);
    const objection = (await t.as(B).post(`/api/notices/${notice.id}/items/${itemId}/objections`).send({ reason: '怀疑合同金额虚高' }).expect(201)).body;
    expect((await t.as(null).get(`/api/notices/${notice.id}`).expect(200)).body.items[0]).toMatchObject({ status: 'held', statusLabel: '有异议，核查中' });
    expect((await t.as(admin).get('/api/admin/objections?status=open').expect(200)).body.objections.map((o: { id: string }) => o.id)).toEqual([objection.id]);
    t.clock.set(bj('2026-09-30 10:00'));
    await t.as(admin).post(`/api/admin/objections/${objection.id}/resolve`).send({ outcome: 'dismissed', reason: '经核查，发票与合同相符' }).expect(200);
    expect((await t.as(null).get(`/api/notices/${notice.id}`).expect(200)).body.items[0].status).toBe('listed');

    // The last day of the notice: not payable yet. The day after: payable.
    t.clock.set(bj('2026-10-09 23:59:59'));
    expect((await t.as(admin).get('/api/admin/payables').expect(200)).body.redemptions).toEqual([]);
    t.clock.set(bj('2026-10-10 09:00'));
    expect((await t.as(admin).get('/api/admin/payables').expect(200)).body.redemptions.map((r: { id: string }) => r.id)).toEqual([redemptionId]);
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('payable');
    expect((await t.as(null).get(`/api/notices/${notice.id}`).expect(200)).body.items[0]).toMatchObject({ status: 'cleared', statusLabel: '公示期满无异议' });

    // A payment batch of 2026's funds, exported as a real .xlsx, read back row by row.
    const batch = (await t.as(admin).post('/api/admin/payment-batches').send({ title: '2026年第3批拨付' }).expect(201)).body;
    expect(batch).toMatchObject({ fundsYear: 2026, status: 'created', totalFen: 90_000 });
    const file = await t.as(admin).get(`/api/admin/payment-batches/${batch.id}/export`).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as never);
    const ws = wb.getWorksheet('拨付明细')!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['2026年第3批拨付（2026 年度资金）']);
    expect(values(2)).toEqual(['开放单位', '合同编号', '申领单位', '服务项目', '合同实际金额（元）', '拨付金额（元）', '评审通过日期', '公示开始日', '公示结束日']);
    expect(values(3)).toEqual(['开放单位X', 'HT-2026-088', '北京示例科技有限公司', 'X射线衍射物相分析', 1800, 900, '2026-09-25', '2026-09-28', '2026-10-09']);
    expect([ws.getRow(3).getCell(5).numFmt, ws.getRow(3).getCell(6).numFmt]).toEqual(['#,##0.00', '#,##0.00']);
    expect(values(4)).toEqual(['开放单位X 小计', '', '', '', 1800, 900]);
    expect(values(5)).toEqual(['合计', '', '', '', 1800, 900]);
    expect(ws.rowCount).toBe(5);

    // Marked paid with a reference: the founder's voucher reads paid.
    await t.as(admin).post(`/api/admin/payment-batches/${batch.id}/paid`).send({ reference: 'CZ-2026-1010-01' }).expect(200);
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('paid');
    const again = await t.as(admin).post(`/api/admin/payment-batches/${batch.id}/paid`).send({ reference: 'CZ-2026-1010-01' });
    expect([again.status, again.body.error.code]).toEqual([409, 'BATCH_STATE']);

    // 第十八条: every step in the voucher's hash chain, which still verifies.
    const audit = (await t.as(admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200)).body;
    expect(audit.report.ok).toBe(true);
    expect(audit.entries.map((e: { subject: string; event: string; role: string }) => `${e.subject}:${e.event}[${e.role}]`)).toEqual([
      'contract:propose[applicant]',
      'contract:confirm[open_unit]',
      'voucher:register[open_unit]',
      'redemption:apply[open_unit]',
      'voucher:apply_redemption[open_unit]',
      'redemption:open_review[administrator]',
      'voucher:open_review[administrator]',
      'review:opinion[expert]',
      'review:opinion[expert]',
      'review:opinion[expert]',
      'redemption:site_visit[administrator]',
      'review:follow_up_outcome[administrator]',
      'redemption:approve[administrator]',
      'voucher:approve[administrator]',
      'redemption:publish_notice[administrator]',
      'voucher:publish_notice[administrator]',
      'notice:objection_lodged[public]',
      'notice:objection_dismissed[administrator]',
      'redemption:clear_notice[system]',
      'voucher:clear_notice[system]',
      'payment:batch[administrator]',
      'redemption:pay[administrator]',
      'voucher:pay[administrator]',
    ]);
  });
});
