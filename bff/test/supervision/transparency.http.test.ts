/**
 * The public transparency page (第十八条: open to public supervision; aggregates only): no sign-in; per
 * period quota and amount claimed; vouchers by status, priority field and district; the open units of the
 * scheme (a banned unit is not among them, 第十七条); cached. It leaks no applicant's data: its JSON is
 * searched for every applicant's name, credit code and project text.
 */
import type { Store } from '../../src/store';
import { bj, buildWorld, claim, project, propose, type World } from '../contracts/world';
import { storeAdapters } from '../support/identity';

const START = bj('2026-12-05 10:00:00');

describe.each(storeAdapters())('public transparency page on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, START);
  });
  afterEach(() => adapter.cleanup(store));

  test('aggregates without sign-in; no applicant name, credit code, member or project text anywhere in it', async () => {
    const v = await claim(w, w.A, 2_000_000);
    await claim(w, w.A, 1_000_000);
    await claim(w, w.B, 4_000_000);
    expect((await propose(w, v)).status).toBe(201);
    // A case against B (its name and code are in the case, not on the public page).
    await w.t.as(w.admin).post('/api/admin/supervision/cases').send({ party: { kind: 'applicant', applicantId: w.applicantB }, misconduct: [{ kind: 'false_information' }], summary: '虚假信息' }).expect(201);

    const res = await w.t.as(null).get('/api/public/transparency');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const body = res.body;
    expect(body.vouchers.total).toEqual({ count: 3, amountFen: 7_000_000 });
    expect(body.periods).toEqual([expect.objectContaining({ name: '合同测试期', quotaFen: 100_000_000, claimed: { count: 3, amountFen: 7_000_000 } })]);
    expect(body.vouchers.byStatus).toContainEqual(expect.objectContaining({ key: 'claimed', count: 3 }));
    expect(body.vouchers.byPriorityField).toEqual([
      { key: 'team', label: '创业团队', count: 1, amountFen: 4_000_000 },
      { key: 'new_materials', label: '新材料', count: 2, amountFen: 3_000_000 },
    ]);
    // The district comes from the credit code's division digits (110108: Haidian); only its name goes out.
    expect(body.vouchers.byDistrict).toEqual([
      { key: 'team', label: '创业团队', count: 1, amountFen: 4_000_000 },
      { key: '海淀区', label: '海淀区', count: 2, amountFen: 3_000_000 },
    ]);
    expect(body.redemptions).toEqual({ approvedThisYear: { count: 0, amountFen: 0 }, paidThisYear: { count: 0, amountFen: 0 } });
    expect(body.openUnits.map((u: { name: string }) => u.name).sort()).toEqual(['开放单位X', '开放单位Y']);

    // Nothing of any applicant: names, credit codes, members, projects, ids.
    const json = JSON.stringify(body);
    const applicants = await Promise.all([w.applicantA, w.applicantB].map((id) => w.t.services.applicants.get(id)));
    const secrets: string[] = [project.title, project.description];
    for (const a of applicants) {
      const p = a!.profile as Record<string, any>;
      secrets.push(a!._id, p.name);
      if (a!.creditCode) secrets.push(a!.creditCode);
      if (p.projectName) secrets.push(p.projectName);
      for (const m of [p.leader, ...(p.members ?? [])].filter(Boolean)) secrets.push(m.name, m.studentId);
    }
    for (const s of secrets) expect({ leaked: s, found: json.includes(s) }).toEqual({ leaked: s, found: false });
  });

  test('a banned unit is not in the public list; the figures are cached for a minute', async () => {
    const first = (await w.t.as(null).get('/api/public/transparency')).body;
    const c = await w.t.as(w.admin).post('/api/admin/supervision/cases').send({ party: { kind: 'open_unit', unitId: w.unitY }, misconduct: [{ kind: 'data_leak' }], summary: '泄露申领单位信息' });
    await w.t.as(w.admin).post(`/api/admin/supervision/cases/${c.body.id}/decision`).send({ reason: '属实', measures: [{ kind: 'removal' }] }).expect(200);
    // Within the minute: the same figures (a burst of readers costs one computation).
    expect((await w.t.as(null).get('/api/public/transparency')).body).toEqual(first);
    w.t.clock.advance(61_000);
    const later = (await w.t.as(null).get('/api/public/transparency')).body;
    expect(later.generatedAt).not.toBe(first.generatedAt);
    expect(later.openUnits.map((u: { name: string }) => u.name)).toEqual(['开放单位X']);
  });
});
