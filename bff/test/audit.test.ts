/** 第十六条、第十八条: every change traceable; a stored entry edited afterwards is detected. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../src/store/embedded';
import { ManualClock } from '../src/domain/clock';
import { AUDIT, AuditTrail, canonicalJson, type AuditEntry } from '../src/domain/audit';
import { storeAdapters } from './support/identity';

const claim = { _id: 'vch_0000000000000001', amountFen: 100_000, claimedAt: new Date('2026-11-21T02:00:00Z') };
const step = (event: string, from: string | null, to: string, payload: unknown = {}) => ({
  voucherId: claim._id,
  subject: 'voucher' as const,
  subjectId: claim._id,
  event,
  actorId: 'u_x',
  role: 'open_unit' as const,
  from,
  to,
  payload,
});

test('canonical JSON sorts keys, renders dates as ISO and drops undefined', () => {
  expect(canonicalJson({ b: 1, a: [new Date(0), { d: undefined, c: 'x' }] })).toBe('{"a":["1970-01-01T00:00:00.000Z",{"c":"x"}],"b":1}');
});

describe.each(storeAdapters())('audit chain on $name', (adapter) => {
  let store: Awaited<ReturnType<typeof adapter.open>>;
  let trail: AuditTrail;
  const clock = new ManualClock(new Date('2026-11-22T02:00:00Z'));
  beforeEach(async () => {
    store = await adapter.open();
    trail = new AuditTrail(store, clock);
  });
  afterEach(() => adapter.cleanup(store));

  test('entries chain from the claim record; verification walks the whole chain', async () => {
    await trail.append(step('register', 'claimed', 'registered', { contractNo: 'HT-1' }), claim);
    clock.advance(60_000);
    await trail.append(step('apply_redemption', 'registered', 'redemption_applied'), claim);
    const report = await trail.verify(claim._id, claim);
    expect(report).toMatchObject({ ok: true, entries: 2 });
    const chain = await trail.chain(claim._id);
    expect(chain.map((e) => [e.seq, e.from, e.to])).toEqual([
      [1, 'claimed', 'registered'],
      [2, 'registered', 'redemption_applied'],
    ]);
    expect(chain[1].prevHash).toBe(chain[0].hash);
  });

  test('a keyed append is once-only: repeated, or racing itself, it leaves one entry and the chain verifies', async () => {
    await trail.append(step('register', 'claimed', 'registered'), claim);
    const first = await trail.append(step('apply_redemption', 'registered', 'redemption_applied'), claim, 'apply_redemption:rd_1');
    const again = await trail.append(step('apply_redemption', 'registered', 'redemption_applied'), claim, 'apply_redemption:rd_1');
    const raced = await Promise.all(
      Array.from({ length: 4 }, () => trail.append(step('apply', null, 'submitted'), claim, 'apply:rd_1')),
    );
    expect(again).toEqual(first);
    expect(new Set(raced.map((e) => e._id))).toEqual(new Set(['apply:rd_1']));
    expect((await trail.chain(claim._id)).map((e) => e.event)).toEqual(['register', 'apply_redemption', 'apply']);
    expect(await trail.verify(claim._id, claim)).toMatchObject({ ok: true, entries: 3 });
  });

  test('editing a stored entry is detected at that entry', async () => {
    await trail.append(step('register', 'claimed', 'registered'), claim);
    const second = await trail.append(step('apply_redemption', 'registered', 'redemption_applied'), claim);
    await trail.append(step('approve', 'redemption_applied', 'approved'), claim);
    await store.collection<AuditEntry>(AUDIT).updateOne({ _id: second._id }, { $set: { actorId: 'u_forger' } });
    expect(await trail.verify(claim._id, claim)).toEqual({ ok: false, voucherId: claim._id, entries: 3, brokenAt: 2, reason: 'hash_mismatch' });
  });

  test('a removed entry, or a changed claim record, breaks the chain', async () => {
    const first = await trail.append(step('register', 'claimed', 'registered'), claim);
    await trail.append(step('apply_redemption', 'registered', 'redemption_applied'), claim);
    expect(await trail.verify(claim._id, { ...claim, amountFen: 5_000_000 })).toMatchObject({ ok: false, brokenAt: 1, reason: 'prev_mismatch' });
    await store.collection<AuditEntry>(AUDIT).deleteMany({ _id: first._id });
    expect(await trail.verify(claim._id, claim)).toMatchObject({ ok: false, brokenAt: 2, reason: 'seq_gap' });
  });

  test('concurrent appends never fork the chain', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => trail.append(step(`note-${i}`, 'registered', 'registered'), claim)));
    const report = await trail.verify(claim._id, claim);
    expect(report).toMatchObject({ ok: true, entries: 8 });
  });
});

test('the embedded store keeps the chain verifiable after closing and reopening (dates round-trip)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kcq-audit-'));
  try {
    const first = new EmbeddedStore(dir);
    await new AuditTrail(first, new ManualClock(new Date('2026-11-22T02:00:00.123Z'))).append(step('register', 'claimed', 'registered'), claim);
    await first.close();
    const reopened = new EmbeddedStore(dir);
    expect(await new AuditTrail(reopened, new ManualClock(new Date(0))).verify(claim._id, claim)).toMatchObject({ ok: true, entries: 1 });
    await reopened.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
