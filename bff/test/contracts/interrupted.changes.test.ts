/**
 * An amendment or a redemption application cut off between its two writes (the contract's terms or the
 * redemption document written, the voucher not yet) must not leave the voucher on its old deadline:
 * 第十五条3 — the redemption deadline is one month after the contract end the voucher carries, and an
 * application made in time must not be voided as late. A retried request completes it, and so does the
 * sweeper, which reconciles before it voids anything; completing twice changes nothing, and the audit
 * chain holds exactly one entry per step and still verifies.
 *
 * The crash is simulated as the process dying at the second write: the voucher's conditional update throws
 * once (the request answers 500), so everything the first write did stays and nothing after it happens.
 */
import { makeExpert } from '../review/support';
import { REDEMPTIONS, type RedemptionDoc } from '../../src/domain/redemptions';
import { CONTRACTS, type ContractDoc } from '../../src/domain/contracts';
import { VOUCHERS, type VoucherDoc } from '../../src/domain/vouchers';
import { AUDIT, type AuditEntry } from '../../src/domain/audit';
import { EVIDENCE, type EvidenceDoc } from '../../src/domain/evidence';
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, PDF, PNG, propose, terms, type World } from './world';

describe.each(storeAdapters())('interrupted amendments and redemption applications on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await adapter.cleanup(store);
  });

  /** The process dies at the voucher's write: the next conditional update of a voucher throws, once. */
  const dieAtVoucherWrite = () =>
    jest.spyOn(w.t.services.vouchers, 'update').mockRejectedValueOnce(new Error('process died between the two writes'));

  /** A registered contract (ends 2026-07-31 → redemption due by 2026-08-31, 第十五条3). */
  async function registered(): Promise<{ voucher: string; contract: string }> {
    const voucher = await claim(w, w.A);
    const contract = (await propose(w, voucher).expect(201)).body.id as string;
    await w.t.as(w.X).post(`/api/contracts/${contract}/confirm`).send(terms()).expect(200);
    return { voucher, contract };
  }
  const voucherOf = async (id: string) =>
    ((await w.t.as(w.A).get('/api/vouchers').expect(200)).body.vouchers as { id: string; status: string; voidReason: string | null }[]).find(
      (v) => v.id === id,
    );
  const events = async (voucher: string) => (await w.t.services.auditReport(voucher)).entries.map((e) => `${e.subject}:${e.event}`);
  /** Everything a repair could touch, to show that a second run changes nothing. */
  const snapshot = async (voucher: string) => ({
    voucher: await store.collection<VoucherDoc>(VOUCHERS).findById(voucher),
    contracts: await store.collection<ContractDoc>(CONTRACTS).find({ voucherId: voucher }),
    redemptions: await store.collection<RedemptionDoc>(REDEMPTIONS).find({ voucherId: voucher }),
    evidence: await store.collection<EvidenceDoc>(EVIDENCE).find({ voucherId: voucher }),
    audit: await store.collection<AuditEntry>(AUDIT).find({ voucherId: voucher }, { sort: { seq: 1 } }),
  });

  describe('amendment (contract end moved later: the redemption deadline moves with it)', () => {
    async function crashedAmendment() {
      const ids = await registered();
      dieAtVoucherWrite();
      await w.t.as(w.X).post(`/api/contracts/${ids.contract}/amend`).send({ endDay: '2026-08-31', reason: '延期' }).expect(500);
      // What the crash leaves: the contract amended, the voucher still on the old end day.
      const view = (await w.t.as(w.X).get(`/api/contracts/${ids.contract}`).expect(200)).body;
      expect(view.terms.endDay).toBe('2026-08-31');
      const v = await store.collection<VoucherDoc>(VOUCHERS).findById(ids.voucher);
      expect(v?.contractEndDay).toBe('2026-07-31');
      return ids;
    }

    test('the staff member retries the amendment: the voucher takes the new end day, one amendment, one audit entry', async () => {
      const { voucher, contract } = await crashedAmendment();
      const again = await w.t.as(w.X).post(`/api/contracts/${contract}/amend`).send({ endDay: '2026-08-31', reason: '延期' }).expect(200);
      expect(again.body.terms.endDay).toBe('2026-08-31');
      expect(again.body.amendments).toHaveLength(1);
      expect(again.body.voucher.redemptionDeadline).toBe(bj('2026-09-30 23:59:59.999').toISOString());
      expect((await store.collection<VoucherDoc>(VOUCHERS).findById(voucher))?.contractEndDay).toBe('2026-08-31');
      expect((await events(voucher)).filter((e) => e === 'contract:amend')).toHaveLength(1);
      expect((await w.t.services.auditReport(voucher)).report.ok).toBe(true);
      expect((await store.collection<ContractDoc>(CONTRACTS).findById(contract))?.amendmentPending).toBeUndefined();
    });

    test('nobody retries: the sweeper completes it and does not void the voucher at the old redemption deadline; twice changes nothing', async () => {
      const { voucher, contract } = await crashedAmendment();
      w.t.clock.set(bj('2026-09-10 10:00')); // past the old deadline (08-31), before the new one (09-30)
      expect(await w.t.services.sweeper.sweep()).toBe(0);
      expect(await voucherOf(voucher)).toMatchObject({ status: 'registered', voidReason: null });
      const view = (await w.t.as(w.X).get(`/api/contracts/${contract}`).expect(200)).body;
      expect(view.voucher.redemptionDeadline).toBe(bj('2026-09-30 23:59:59.999').toISOString());
      expect(view.amendments).toHaveLength(1);
      expect((await events(voucher)).filter((e) => e === 'contract:amend')).toHaveLength(1);
      expect((await w.t.services.auditReport(voucher)).report.ok).toBe(true);

      const before = await snapshot(voucher);
      expect(await w.t.services.contracts.reconcile()).toBe(0);
      const c = (await store.collection<ContractDoc>(CONTRACTS).findById(contract)) as ContractDoc;
      expect(await w.t.services.contracts.completeAmendment({ ...c, amendmentPending: true })).toBe('completed'); // forced re-run
      expect(await w.t.services.sweeper.sweep()).toBe(0);
      expect(await snapshot(voucher)).toEqual(before);
      // The unit still applies in time under the amended end (第十五条3).
      const up = await w.t.as(w.X).post(`/api/contracts/${contract}/evidence`).attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' }).expect(201);
      await w.t
        .as(w.X)
        .post(`/api/contracts/${contract}/redemption`)
        .send({ actualAmountFen: 200_000, report: '完成', evidenceIds: [up.body.evidence[0].id] })
        .expect(201);
    });
  });

  describe('redemption application', () => {
    const report = '完成12个样品的XRD分析，出具报告。';
    async function crashedApplication() {
      const ids = await registered();
      w.t.clock.set(bj('2026-08-20 14:00'));
      const up = await w.t
        .as(w.X)
        .post(`/api/contracts/${ids.contract}/evidence`)
        .attach('files', PDF, { filename: '检测报告.pdf', contentType: 'application/pdf' })
        .attach('files', PNG, { filename: 'photo.png', contentType: 'image/png' })
        .expect(201);
      const evidenceIds = (up.body.evidence as { id: string }[]).map((e) => e.id);
      dieAtVoucherWrite();
      await w.t.as(w.X).post(`/api/contracts/${ids.contract}/redemption`).send({ actualAmountFen: 180_001, report, evidenceIds }).expect(500);
      // What the crash leaves: a submitted application, the voucher still registered, evidence not cited.
      expect((await w.t.as(w.X).get(`/api/contracts/${ids.contract}/redemption`).expect(200)).body.status).toBe('submitted');
      expect(await voucherOf(ids.voucher)).toMatchObject({ status: 'registered' });
      return { ...ids, evidenceIds };
    }
    const applyEvents = async (voucher: string) => (await events(voucher)).filter((e) => e === 'redemption:apply' || e === 'voucher:apply_redemption');

    test('the staff member retries the application: it completes, once', async () => {
      const { voucher, contract, evidenceIds } = await crashedApplication();
      const again = await w.t.as(w.X).post(`/api/contracts/${contract}/redemption`).send({ actualAmountFen: 180_001, report, evidenceIds }).expect(201);
      expect(again.body).toMatchObject({ status: 'submitted', payableFen: 90_000, submittedAt: bj('2026-08-20 14:00').toISOString() });
      expect((again.body.evidence as { redemptionId: string }[]).map((e) => e.redemptionId)).toEqual([again.body.id, again.body.id]);
      expect(await voucherOf(voucher)).toMatchObject({ status: 'redemption_applied' });
      expect(await applyEvents(voucher)).toEqual(['redemption:apply', 'voucher:apply_redemption']);
      expect((await w.t.services.auditReport(voucher)).report.ok).toBe(true);
      // A different application is not a retry: the one made stands.
      const other = await w.t.as(w.X).post(`/api/contracts/${contract}/redemption`).send({ actualAmountFen: 1, report, evidenceIds });
      expect(other.status).toBe(409);
    });

    test('nobody retries: the sweeper completes it and never voids it at the redemption deadline; twice changes nothing', async () => {
      const { voucher, contract } = await crashedApplication();
      w.t.clock.set(bj('2026-09-05 10:00')); // past the redemption deadline (2026-08-31): the application was in time
      expect(await w.t.services.sweeper.sweep()).toBe(0);
      expect(await voucherOf(voucher)).toMatchObject({ status: 'redemption_applied', voidReason: null });
      const r = (await w.t.as(w.X).get(`/api/contracts/${contract}/redemption`).expect(200)).body;
      expect(r.evidence.every((e: { redemptionId: string }) => e.redemptionId === r.id)).toBe(true);
      expect(r.evidence).toHaveLength(2);
      expect(await applyEvents(voucher)).toEqual(['redemption:apply', 'voucher:apply_redemption']);
      expect((await w.t.services.auditReport(voucher)).report.ok).toBe(true);

      const before = await snapshot(voucher);
      expect(await w.t.services.redemptions.reconcile()).toBe(0);
      const doc = (await store.collection<RedemptionDoc>(REDEMPTIONS).findById(r.id)) as RedemptionDoc;
      expect(await w.t.services.redemptions.completeApplication({ ...doc, voucherPending: true })).toBe('completed'); // forced re-run
      expect(await w.t.services.sweeper.sweep()).toBe(0);
      const after = await snapshot(voucher);
      expect(after).toEqual(before);
      // Review goes on as usual: a round takes it.
      const experts = [await makeExpert(w, 'e1'), await makeExpert(w, 'e2'), await makeExpert(w, 'e3')];
      const round = (await w.t.as(w.admin).post('/api/admin/review-rounds').send({ name: '评审' }).expect(201)).body;
      expect(round.items.map((i: { redemptionId: string }) => i.redemptionId)).toEqual([r.id]);
      void experts;
    });

    test('a cancellation while the application is half-written is refused: the application completes first', async () => {
      const { voucher, contract } = await crashedApplication();
      const cancel = await w.t.as(w.A).post(`/api/contracts/${contract}/cancel`).send({ reason: '不做了' });
      expect(cancel.status).toBe(409);
      expect(await voucherOf(voucher)).toMatchObject({ status: 'redemption_applied' });
      expect(await applyEvents(voucher)).toEqual(['redemption:apply', 'voucher:apply_redemption']);
    });
  });
});
