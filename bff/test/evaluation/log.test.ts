/**
 * Every decision of joining (第六条) and the evaluation (第十一、十四条) is attributable and its record cannot be
 * rewritten unnoticed: the decision log is hash-chained per subject (as the supervision log, 第十八条).
 */
import { ManualClock } from '../../src/domain/clock';
import { DECISION_EVENTS, DecisionLog, type DecisionEvent } from '../../src/domain/evaluation/log';
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';

describe.each(storeAdapters())('the decision log on $name', (adapter) => {
  let store: Store;
  let log: DecisionLog;
  beforeEach(async () => {
    store = await adapter.open();
    log = new DecisionLog(store, new ManualClock(new Date('2027-01-04T01:00:00Z')));
    await log.append('declaration', 'ed_1', 'declared', { id: 'u_staff', role: 'open_unit' }, { openedInstrumentValueFen: 600_000_000 });
    await log.append('declaration', 'ed_1', 'scored', { id: 'u_expert', role: 'expert' }, { scores: { effect: 90 }, comment: '好' });
    await log.append('declaration', 'ed_1', 'grade_adjusted', { id: 'u_admin', role: 'administrator' }, { from: 'excellent', to: 'good', reason: '现场考察' });
  });
  afterEach(() => adapter.cleanup(store));

  test('entries keep who, in which role, in order; an untouched chain verifies', async () => {
    expect((await log.list('ed_1')).map((e) => [e.seq, e.event, e.actorId, e.role])).toEqual([
      [1, 'declared', 'u_staff', 'open_unit'],
      [2, 'scored', 'u_expert', 'expert'],
      [3, 'grade_adjusted', 'u_admin', 'administrator'],
    ]);
    expect(await log.verify('ed_1')).toEqual({ ok: true, entries: 3 });
  });

  test('a rewritten reason, a changed actor or a removed entry is detected at its place', async () => {
    const col = store.collection<DecisionEvent>(DECISION_EVENTS);
    const [, second, third] = await log.list('ed_1');
    await col.updateOne({ _id: third._id }, { $set: { payload: { from: 'excellent', to: 'excellent', reason: '现场考察' } } });
    expect(await log.verify('ed_1')).toEqual({ ok: false, entries: 3, brokenAt: 3 });
    await col.updateOne({ _id: third._id }, { $set: { payload: third.payload } });
    expect((await log.verify('ed_1')).ok).toBe(true);
    await col.updateOne({ _id: second._id }, { $set: { actorId: 'u_someone_else' } });
    expect(await log.verify('ed_1')).toEqual({ ok: false, entries: 3, brokenAt: 2 });
    await col.updateOne({ _id: second._id }, { $set: { actorId: 'u_expert' } });
    await col.deleteMany({ _id: second._id });
    expect(await log.verify('ed_1')).toEqual({ ok: false, entries: 2, brokenAt: 3 });
  });
});
