/**
 * Spot checks (第十八条; POLICY.md Decision: a reproducible random sample, the seed recorded): the same seed
 * over the same population draws the same sample, another seed another; the size (or percentage) is
 * honoured; each item gets a check record and can open a misconduct case.
 */
import type { Store } from '../../src/store';
import { bj, buildWorld, type World } from '../contracts/world';
import { storeAdapters } from '../support/identity';

const START = bj('2026-12-05 10:00:00');

describe.each(storeAdapters())('spot checks on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, START);
    // A population large enough for samples to differ: 30 more open units (X and Y make 32).
    for (let i = 0; i < 30; i++) await w.t.services.openUnits.create(`抽查开放单位${String(i).padStart(2, '0')}`);
  });
  afterEach(() => adapter.cleanup(store));

  const draw = (body: object) => w.t.as(w.admin).post('/api/admin/spot-checks').send({ title: '2026年第四季度开放单位抽查', population: 'open_units', ...body });
  const sampled = (res: { body: { items: { subjectId: string }[] } }) => res.body.items.map((i) => i.subjectId);

  test('the same seed draws the same sample; a different seed a different one; the size is honoured; the seed is recorded', async () => {
    const a = await draw({ size: 5, seed: 20261205 });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ seed: 20261205, populationSize: 32, want: { size: 5 } });
    expect(sampled(a)).toHaveLength(5);
    expect(new Set(sampled(a)).size).toBe(5);
    const again = await draw({ size: 5, seed: 20261205 });
    expect(sampled(again)).toEqual(sampled(a));
    const other = await draw({ size: 5, seed: 7 });
    expect(sampled(other)).not.toEqual(sampled(a));
    // A percentage, rounded up: 10% of 32 → 4.
    expect(sampled(await draw({ percent: 10, seed: 1 }))).toHaveLength(4);
    // Without a seed one is chosen and recorded; replaying it from the record gives the same sample.
    const fresh = await draw({ size: 3 });
    expect(Number.isInteger(fresh.body.seed)).toBe(true);
    expect(sampled(await draw({ size: 3, seed: fresh.body.seed }))).toEqual(sampled(fresh));
    const detail = await w.t.as(w.admin).get(`/api/admin/spot-checks/${fresh.body.id}`);
    expect(detail.body.replay).toMatchObject({ same: true, populationUnchanged: true });
    expect(detail.body.log.map((e: { event: string; actorId: string }) => [e.event, e.actorId])).toEqual([['draw', w.admin.userId]]);
  });

  test('redemptions: only approved or paid ones in the date range; an empty population is refused', async () => {
    const res = await w.t.as(w.admin).post('/api/admin/spot-checks').send({ title: '兑现抽查', population: 'redemptions', fromDay: '2026-01-01', toDay: '2026-12-31', size: 3 });
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 422, code: 'SPOT_CHECK_EMPTY' });
    const bad = await w.t.as(w.admin).post('/api/admin/spot-checks').send({ title: '兑现抽查', population: 'redemptions', size: 3 });
    expect(bad.status).toBe(400);
  });

  test('each sampled item gets a check record (outcome, notes, files) and can open a misconduct case', async () => {
    const check = (await draw({ size: 2, seed: 99 })).body;
    const item = check.items[0];
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const up = await w.t.as(w.admin).post(`/api/admin/spot-checks/${check.id}/files`).attach('files', pdf, { filename: '现场照片.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const fileId = up.body.files[0].id;
    const recorded = await w.t
      .as(w.admin)
      .post(`/api/admin/spot-checks/${check.id}/items/${item.id}/check`)
      .send({ outcome: 'misconduct_suspected', notes: '仪器使用记录与兑现材料不符', fileIds: [fileId] });
    expect(recorded.status).toBe(200);
    expect(recorded.body.items[0].check).toMatchObject({ outcome: 'misconduct_suspected', notes: '仪器使用记录与兑现材料不符', fileIds: [fileId], by: w.admin.userId });
    // A file not uploaded to this check cannot be cited.
    const foreign = await w.t.as(w.admin).post(`/api/admin/spot-checks/${check.id}/items/${item.id}/check`).send({ outcome: 'compliant', fileIds: ['ev_zzzzzzzzzzzzzzzzzzzz'] });
    expect(foreign.status).toBe(404);

    const opened = await w.t
      .as(w.admin)
      .post(`/api/admin/spot-checks/${check.id}/items/${item.id}/case`)
      .send({ party: { kind: 'open_unit', unitId: item.subjectId }, misconduct: [{ kind: 'refusing_supervision' }], summary: '抽查中拒绝提供仪器使用记录' });
    expect(opened.status).toBe(201);
    expect(opened.body.origin).toEqual({ spotCheckId: check.id, itemId: item.id });
    const after = (await w.t.as(w.admin).get(`/api/admin/spot-checks/${check.id}`)).body.check;
    expect(after.items[0].caseId).toBe(opened.body.id);
    const twice = await w.t
      .as(w.admin)
      .post(`/api/admin/spot-checks/${check.id}/items/${item.id}/case`)
      .send({ party: { kind: 'open_unit', unitId: item.subjectId }, misconduct: [{ kind: 'refusing_supervision' }], summary: '重复' });
    expect(twice.body.error.code).toBe('CASE_STATE');
  });
});
