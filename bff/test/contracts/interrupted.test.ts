/**
 * A confirmation cut off between its two writes (contract registered, voucher not yet) must not cost
 * the founder the voucher (第十五条2): a retried confirmation completes it, and so does the sweeper,
 * which reconciles before it voids anything.
 */
import { CONTRACTS, type ContractDoc } from '../../src/domain/contracts';
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, DAY, propose, terms, type World } from './world';

describe.each(storeAdapters())('an interrupted confirmation on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(() => adapter.cleanup(store));

  /** What a process that died right after the contract's conditional update leaves behind. */
  async function crashAfterContractWrite(contractId: string) {
    const now = w.t.clock.now();
    const done = await store.collection<ContractDoc>(CONTRACTS).updateOne(
      { _id: contractId, status: 'proposed' },
      { $set: { status: 'registered', terms: terms(), registeredAt: now, confirmedBy: w.X.userId, updatedAt: now, voucherPending: true }, $inc: { version: 1 } },
    );
    expect(done?.status).toBe('registered');
  }
  const voucherOf = async (id: string) =>
    ((await w.t.as(w.A).get('/api/vouchers').expect(200)).body.vouchers as { id: string; status: string; voidReason: string | null }[]).find(
      (v) => v.id === id,
    );

  test('the staff member retries the confirmation: the voucher becomes registered, once', async () => {
    const voucher = await claim(w, w.A);
    const contract = (await propose(w, voucher).expect(201)).body.id as string;
    await crashAfterContractWrite(contract);
    expect(await voucherOf(voucher)).toMatchObject({ status: 'claimed' });

    await w.t.as(w.X).post(`/api/contracts/${contract}/confirm`).send(terms()).expect(200);
    expect(await voucherOf(voucher)).toMatchObject({ status: 'registered' });
    await w.t.as(w.X).post(`/api/contracts/${contract}/confirm`).send(terms()).expect(200);
    const audit = (await w.t.as(w.admin).get(`/api/admin/vouchers/${voucher}/audit`).expect(200)).body;
    expect(JSON.stringify(audit).match(/"event":"register"/g)).toHaveLength(1);
  });

  test('nobody retries: the sweeper completes it before the 15 days run out, and never voids it', async () => {
    const voucher = await claim(w, w.A);
    const contract = (await propose(w, voucher).expect(201)).body.id as string;
    await crashAfterContractWrite(contract);
    w.t.clock.set(new Date(w.t.clock.now().getTime() + 20 * DAY)); // past the registration deadline
    await w.t.services.sweeper.sweep();
    expect(await voucherOf(voucher)).toMatchObject({ status: 'registered', voidReason: null });
    expect((await w.t.as(w.X).get(`/api/contracts/${contract}`).expect(200)).body.status).toBe('registered');
  });
});
