/**
 * Managing the catalogue over HTTP: staff of a unit edit only their unit's labs and services; the
 * search copies follow renames and status changes; administrators suspend, record leave notices
 * (第六条: at least one month, Beijing days) and retire; suspended units and units past their leave
 * date vanish from search and take no proposals — derived from the clock, no job runs.
 */
import type { Store } from '../../src/store';
import { identityApp, storeAdapters, T0, type IdentityApp, type Session } from '../support/identity';
import { buildFixture, type Fixture } from './fixture';

const DAY = 86_400_000;

const labBody = { name: '新建测试实验室', level: 'engineering_research_centre', fields: ['intelligent_manufacturing'] };
const serviceBody = (labId: string, over: Record<string, unknown> = {}) => ({
  labId,
  name: '工业CT无损检测',
  category: 'inspection',
  instrument: { name: '工业CT', model: 'FF35 CT', maker: '依科视朗' },
  description: '铸件内部缺陷检测',
  priceFen: 90_000,
  priceUnit: 'hour',
  leadTimeDays: 5,
  ...over,
});

describe.each(storeAdapters())('catalogue management over HTTP on $name', (adapter) => {
  let store: Store;
  let t: IdentityApp;
  let f: Fixture;
  let admin: Session;
  let x: Session;
  let y: Session;
  let anon: ReturnType<IdentityApp['as']>;

  beforeEach(async () => {
    store = await adapter.open();
    t = identityApp({ store });
    f = await buildFixture(t.services);
    [admin, x, y] = await Promise.all(['admin', 'xavier', 'yolanda'].map((n) => t.signIn(n)));
    // X is staff of the Beijing analysis unit, Y of the Tianjin compute unit.
    await t.services.invites.bindDirectly(x.userId, f.units.analysis, false, admin.userId);
    await t.services.invites.bindDirectly(y.userId, f.units.tianjin, false, admin.userId);
    anon = t.as(null);
  });
  afterEach(() => adapter.cleanup(store));

  const search = async (q: string) =>
    (await anon.get(`/api/catalogue/services?${q}&limit=50`).expect(200)).body.items.map((i: { id: string }) => i.id) as string[];

  test('staff add a lab and a service to their own unit; it is searchable at once with its copies', async () => {
    const lab = await t.as(x).post(`/api/open-units/${f.units.analysis}/labs`).send(labBody).expect(201);
    expect(lab.body).toMatchObject({ unitId: f.units.analysis, name: '新建测试实验室', level: 'engineering_research_centre' });
    const svc = await t.as(x).post(`/api/open-units/${f.units.analysis}/services`).send(serviceBody(lab.body.id)).expect(201);
    expect(svc.body).toMatchObject({
      name: '工业CT无损检测',
      priceFen: 90_000,
      priceUnit: 'hour',
      voucherEligible: true,
      ineligibleReason: null,
      unit: { id: f.units.analysis, name: '北京分析测试研究院', region: 'beijing', regionalMark: null, status: 'active' },
      lab: { id: lab.body.id, name: '新建测试实验室' },
    });
    expect(await search('q=FF35')).toEqual([svc.body.id]);
    expect(await search('field=intelligent_manufacturing')).toEqual([svc.body.id]);
    const detail = await anon.get(`/api/catalogue/services/${svc.body.id}`).expect(200);
    expect(detail.body.instrument).toEqual({ name: '工业CT', model: 'FF35 CT', maker: '依科视朗' });
    const labDetail = await anon.get(`/api/catalogue/labs/${lab.body.id}`).expect(200);
    expect(labDetail.body.services.map((s: { id: string }) => s.id)).toEqual([svc.body.id]);
    const unitDetail = await anon.get(`/api/catalogue/open-units/${f.units.analysis}`).expect(200);
    expect(unitDetail.body.unit).toMatchObject({ name: '北京分析测试研究院', acceptsProposals: true });
    expect(unitDetail.body.labs.map((l: { name: string }) => l.name)).toEqual(['新建测试实验室', '材料表征实验室', '质谱分析实验室'].sort());
  });

  test("staff of another unit get 403 on X's paths, and 404 for X's objects under their own path", async () => {
    const body = serviceBody(f.labs.ms);
    await t.as(y).post(`/api/open-units/${f.units.analysis}/services`).send(body).expect(403);
    await t.as(y).put(`/api/open-units/${f.units.analysis}/services/${f.s.lcms}`).send(body).expect(403);
    await t.as(y).delete(`/api/open-units/${f.units.analysis}/services/${f.s.lcms}`).expect(403);
    await t.as(y).put(`/api/open-units/${f.units.analysis}/labs/${f.labs.ms}`).send(labBody).expect(403);
    // Through their own unit's path: X's objects do not exist there.
    await t.as(y).put(`/api/open-units/${f.units.tianjin}/services/${f.s.lcms}`).send(serviceBody(f.labs.compute)).expect(404);
    await t.as(y).delete(`/api/open-units/${f.units.tianjin}/services/${f.s.lcms}`).expect(404);
    await t.as(y).delete(`/api/open-units/${f.units.tianjin}/labs/${f.labs.ms}`).expect(404);
    // Nor can they hang a service on X's lab.
    const res = await t.as(y).post(`/api/open-units/${f.units.tianjin}/services`).send(serviceBody(f.labs.ms)).expect(400);
    expect(res.body.error.details.fields[0].path).toBe('body.labId');
    // Nothing changed.
    expect((await t.services.catalogue.services.findById(f.s.lcms))!).toMatchObject({ listed: true, name: '有机物结构鉴定' });
  });

  test('editing a service and withdrawing it; a lab with listed services cannot be withdrawn', async () => {
    const put = await t.as(x)
      .put(`/api/open-units/${f.units.analysis}/services/${f.s.xrd}`)
      .send(serviceBody(f.labs.ms, { name: '粉末衍射物相定量分析', priceFen: 45_000, statutory: true }))
      .expect(200);
    expect(put.body).toMatchObject({ name: '粉末衍射物相定量分析', lab: { id: f.labs.ms }, voucherEligible: false, ineligibleReason: 'statutory_testing' });
    expect(await search('q=粉末衍射')).toEqual([f.s.xrd]);
    expect(await search('q=粉末衍射&eligibleOnly=true')).toEqual([]);
    const refused = await t.as(x).delete(`/api/open-units/${f.units.analysis}/labs/${f.labs.ms}`).expect(409);
    expect(refused.body.error.code).toBe('LAB_HAS_SERVICES');
    await t.as(x).delete(`/api/open-units/${f.units.analysis}/services/${f.s.xrd}`).expect(204);
    expect(await search('q=粉末衍射')).toEqual([]);
    await anon.get(`/api/catalogue/services/${f.s.xrd}`).expect(404);
    // The materials lab now has only the statutory service; withdraw it, then the lab.
    await t.as(x).delete(`/api/open-units/${f.units.analysis}/services/${f.s.statutory}`).expect(204);
    await t.as(x).delete(`/api/open-units/${f.units.analysis}/labs/${f.labs.materials}`).expect(204);
    await anon.get(`/api/catalogue/labs/${f.labs.materials}`).expect(404);
  });

  test('compute services need GPU model, cards and a card-hour price (第五条)', async () => {
    const url = `/api/open-units/${f.units.tianjin}/services`;
    const base = serviceBody(f.labs.compute, { name: '推理算力', category: 'compute', priceFen: 700 });
    const noGpu = await t.as(y).post(url).send({ ...base, priceUnit: 'card_hour' }).expect(400);
    expect(noGpu.body.error.details.fields.map((x: { path: string }) => x.path)).toEqual(['body.compute']);
    const wrongUnit = await t.as(y).post(url).send({ ...base, compute: { gpuModel: 'NVIDIA L40S', cards: 8 } }).expect(400);
    expect(wrongUnit.body.error.details.fields.map((x: { path: string }) => x.path)).toEqual(['body.priceUnit']);
    const ok = await t.as(y).post(url).send({ ...base, priceUnit: 'card_hour', compute: { gpuModel: 'NVIDIA L40S', cards: 8 } }).expect(201);
    expect(ok.body.compute).toEqual({ gpuModel: 'NVIDIA L40S', cards: 8, pricePerCardHourFen: 700 });
    expect(ok.body.unit).toMatchObject({ region: 'tianjin', mutualRecognition: true, regionalMark: '津冀互认' });
    const bad = await t.as(y).post(url).send({ ...base, priceFen: 7.5, priceUnit: 'card_hour', compute: { gpuModel: 'x', cards: 1 } }).expect(400);
    expect(bad.body.error.details.fields[0].path).toBe('body.priceFen');
  });

  test('renaming a unit or lab rewrites the search copies', async () => {
    const profile = { name: '北京精密分析研究院', kind: 'institute', district: '西城区', region: 'beijing' };
    await t.as(admin).put(`/api/admin/open-units/${f.units.analysis}`).send(profile).expect(200);
    await t.as(x).put(`/api/open-units/${f.units.analysis}/labs/${f.labs.ms}`).send({ name: '高分辨成像实验室', level: 'national_key_lab', fields: ['medicine_health'] }).expect(200);
    expect((await search('q=北京分析测试研究院')).length).toBe(0);
    expect((await search('q=精密分析')).sort()).toEqual([f.s.lcms, f.s.imaging, f.s.icp, f.s.xrd, f.s.statutory].sort());
    expect(await search('district=西城区')).toHaveLength(5);
    // The lab no longer says 质谱: the ICP service (a lab-name hit before) drops out of 质谱.
    expect(await search('q=质谱')).toEqual([f.s.imaging, f.s.lcms, f.s.element]);
    const stored = (await t.services.catalogue.services.findById(f.s.icp))!;
    expect(stored.unit).toMatchObject({ name: '北京精密分析研究院', district: '西城区' });
    expect(stored.lab).toMatchObject({ name: '高分辨成像实验室', level: 'national_key_lab' });
    expect(stored.searchText).toContain('高分辨成像实验室');
    // 第十九条: Beijing units cannot carry the 津冀 mark.
    const refused = await t.as(admin).put(`/api/admin/open-units/${f.units.analysis}`).send({ ...profile, mutualRecognition: true }).expect(400);
    expect(refused.body.error.details.fields[0].path).toBe('body.mutualRecognition');
    // Recognising the Hebei unit makes its services voucher-eligible.
    expect(await search('region=hebei&eligibleOnly=true')).toEqual([]);
    await t.as(admin).put(`/api/admin/open-units/${f.units.hebei}`).send({ name: '河北软件评测中心', kind: 'enterprise', district: '保定市', region: 'hebei', mutualRecognition: true }).expect(200);
    expect(await search('region=hebei&eligibleOnly=true')).toEqual([f.s.cpp]);
  });

  test('a suspended unit vanishes from search and detail and takes no proposals; reinstating brings it back', async () => {
    const res = await t.as(admin).post(`/api/admin/open-units/${f.units.analysis}/suspend`).send({ reason: '违规收费（第十八条）' }).expect(200);
    expect(res.body).toMatchObject({ status: 'suspended', suspension: { reason: '违规收费（第十八条）', by: admin.userId } });
    expect((await search('q=质谱')).sort()).toEqual([f.s.element]);
    await anon.get(`/api/catalogue/services/${f.s.lcms}`).expect(404);
    await anon.get(`/api/catalogue/open-units/${f.units.analysis}`).expect(404);
    await anon.get(`/api/catalogue/labs/${f.labs.ms}`).expect(404);
    await expect(t.services.catalogue.proposalTarget(f.s.lcms)).rejects.toMatchObject({ code: 'OPEN_UNIT_NOT_ACTIVE' });
    // Its staff still see and edit their offer.
    const own = await t.as(x).get(`/api/open-units/${f.units.analysis}/services`).expect(200);
    expect(own.body.items).toHaveLength(5);
    expect(own.body.items.find((i: { id: string }) => i.id === f.s.lcms)).toMatchObject({ voucherEligible: false, ineligibleReason: 'suspended' });
    const again = await t.as(admin).post(`/api/admin/open-units/${f.units.analysis}/suspend`).send({ reason: '再次' }).expect(409);
    expect(again.body.error.code).toBe('OPEN_UNIT_STATUS_CONFLICT');
    await t.as(admin).post(`/api/admin/open-units/${f.units.analysis}/reinstate`).expect(200);
    expect(await search('q=质谱')).toEqual([f.s.imaging, f.s.lcms, f.s.icp, f.s.element]);
    expect((await t.services.catalogue.proposalTarget(f.s.lcms)).unit._id).toBe(f.units.analysis);
  });

  test('proposal targets: statutory testing and non-recognised regions are refused (第五条, 第十九条)', async () => {
    await expect(t.services.catalogue.proposalTarget(f.s.statutory)).rejects.toMatchObject({ code: 'SERVICE_NOT_VOUCHER_ELIGIBLE' });
    await expect(t.services.catalogue.proposalTarget(f.s.cpp)).rejects.toMatchObject({ code: 'OPEN_UNIT_NOT_RECOGNISED' });
    await expect(t.services.catalogue.proposalTarget('sv_doesnotexist0000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const target = await t.services.catalogue.proposalTarget(f.s.gpu);
    expect([target.unit.name, target.lab.name, target.service.name]).toEqual(['天津超算科技有限公司', '人工智能算力平台', '大模型训练算力（A800）']);
    expect(await t.services.catalogue.unitAcceptsProposals(f.units.hebei)).toEqual({ ok: false, code: 'OPEN_UNIT_NOT_RECOGNISED', reason: 'not_mutually_recognised' });
  });

  test('leave notice (第六条): under one month refused; listed until the day before the leave date, gone from it; retire after', async () => {
    const url = `/api/admin/open-units/${f.units.analysis}/leave-notice`;
    // T0 is 2026-11-21 in Beijing: the earliest leave date is 2026-12-21.
    const short = await t.as(admin).post(url).send({ leaveOn: '2026-12-20', reason: '实验室搬迁' }).expect(422);
    expect(short.body.error).toMatchObject({ code: 'LEAVE_NOTICE_TOO_SHORT', details: { noticeOn: '2026-11-21', earliestLeaveOn: '2026-12-21' } });
    const future = await t.as(admin).post(url).send({ noticeOn: '2026-11-22', leaveOn: '2027-01-31', reason: '实验室搬迁' }).expect(400);
    expect(future.body.error.code).toBe('VALIDATION_FAILED');
    await t.as(admin).post(url).send({ leaveOn: '2026-12-21T00:00:00Z', reason: '实验室搬迁' }).expect(400);
    const ok = await t.as(admin).post(url).send({ leaveOn: '2026-12-21', reason: '实验室搬迁' }).expect(200);
    expect(ok.body).toMatchObject({ status: 'leaving', leaveOn: '2026-12-21', leaveNotice: { noticeOn: '2026-11-21', leaveOn: '2026-12-21', reason: '实验室搬迁' } });
    const early = await t.as(admin).post(`/api/admin/open-units/${f.units.analysis}/retire`).expect(409);
    expect(early.body.error.code).toBe('LEAVE_NOT_DUE');

    // Still listed, marked with its leave date, still taking proposals.
    const listed = await anon.get(`/api/catalogue/services/${f.s.lcms}`).expect(200);
    expect(listed.body.unit).toMatchObject({ status: 'leaving', leaveOn: '2026-12-21' });
    expect(listed.body.voucherEligible).toBe(true);

    // 2026-12-20 23:59:59.999 Beijing = 15:59:59.999Z: the last moment it is listed.
    t.clock.set(new Date('2026-12-20T15:59:59.999Z'));
    expect(await search('q=质谱')).toEqual([f.s.imaging, f.s.lcms, f.s.icp, f.s.element]);
    t.clock.advance(1);
    expect(await search('q=质谱')).toEqual([f.s.element]);
    expect(await search('eligibleOnly=true&district=海淀区')).toEqual([]);
    await anon.get(`/api/catalogue/services/${f.s.lcms}`).expect(404);
    await expect(t.services.catalogue.proposalTarget(f.s.lcms)).rejects.toMatchObject({ code: 'OPEN_UNIT_NOT_ACTIVE', details: { reason: 'left' } });

    // Sessions expire while the clock moves a month: sign in again.
    const admin2 = await t.signIn('admin');
    const retired = await t.as(admin2).post(`/api/admin/open-units/${f.units.analysis}/retire`).expect(200);
    expect(retired.body).toMatchObject({ status: 'left', storedStatus: 'left' });
    expect(await search('q=质谱')).toEqual([f.s.element]);
  });

  test('a backdated notice still gives a month from the notice, and never a leave date before tomorrow', async () => {
    const url = `/api/admin/open-units/${f.units.analysis}/leave-notice`;
    const r = await t.as(admin).post(url).send({ noticeOn: '2026-10-01', leaveOn: '2026-11-21', reason: '并入其他单位' }).expect(422);
    expect(r.body.error.details).toEqual({ noticeOn: '2026-10-01', earliestLeaveOn: '2026-11-22' });
    await t.as(admin).post(url).send({ noticeOn: '2026-10-01', leaveOn: '2026-11-22', reason: '并入其他单位' }).expect(200);
    t.clock.set(new Date(T0.getTime() + DAY));
    expect(await search('q=质谱')).toEqual([f.s.element]);
  });

  test('administrators list units with their stored and derived status', async () => {
    await t.as(admin).post(`/api/admin/open-units/${f.units.hebei}/suspend`).send({ reason: '核查中' }).expect(200);
    const first = await t.as(admin).get('/api/admin/open-units?limit=3').expect(200);
    const second = await t.as(admin).get(`/api/admin/open-units?limit=3&cursor=${first.body.nextCursor}`).expect(200);
    const items = [...first.body.items, ...second.body.items];
    expect(second.body.nextCursor).toBeNull();
    expect(items.map((u: { name: string }) => u.name)).toEqual(['北京分析测试研究院', '天津超算科技有限公司', '河北软件评测中心', '质谱仪器开放中心'].sort());
    expect(items.find((u: { id: string }) => u.id === f.units.hebei)).toMatchObject({ status: 'suspended', region: 'hebei', mutualRecognition: false });
  });
});
