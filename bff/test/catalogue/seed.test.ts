/** The demo catalogue: deterministic, idempotent, big and varied enough to try every filter. */
import { SERVICE_CATEGORIES } from '@kcq/shared';
import { labInputSchema, serviceInputSchema } from '../../src/domain/catalogue';
import { unitProfileSchema } from '../../src/domain/openUnits';
import { ID_PATTERN } from '../../src/domain/ids';
import { buildCataloguePlan, seedCatalogue, seededRandom, stableId } from '../../src/seed/catalogue';
import { seedDemo } from '../../src/seed/demo';
import { identityApp } from '../support/identity';

describe('demo catalogue plan', () => {
  const plan = buildCataloguePlan();

  test('is deterministic: the same tables give the same catalogue, ids derived from names', () => {
    expect(buildCataloguePlan()).toEqual(plan);
    expect(stableId('ou', '清华大学')).toBe(stableId('ou', '清华大学'));
    expect(stableId('ou', '清华大学')).toMatch(ID_PATTERN);
    const tsinghua = plan.units.find((u) => u.profile.name === '清华大学')!;
    expect(tsinghua.id).toBe(stableId('ou', '清华大学'));
    const r = seededRandom('k');
    const s = seededRandom('k');
    expect([r(), r(), r()]).toEqual([s(), s(), s()]);
  });

  test('counts: ≥ 20 units, ≥ 60 labs, ≥ 300 services, every category, statutory testing, Tianjin and Hebei', () => {
    expect(plan.units.length).toBe(28);
    expect(plan.labs.length).toBe(66);
    expect(plan.services.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(plan.services.map((s) => s.input.category));
    expect([...categories].sort()).toEqual([...SERVICE_CATEGORIES].sort());
    expect(plan.services.filter((s) => s.input.category === 'compute').length).toBeGreaterThanOrEqual(20);
    expect(plan.services.filter((s) => s.input.statutory).length).toBeGreaterThanOrEqual(10);
    const regions = plan.units.map((u) => [u.profile.region, u.profile.mutualRecognition]);
    expect(regions.filter(([r]) => r === 'tianjin').length).toBe(3);
    expect(regions.filter(([r]) => r === 'hebei').length).toBe(3);
    expect(regions.filter(([r, m]) => r === 'hebei' && !m).length).toBe(1); // 燕山大学: not recognised (第十九条)
    expect(plan.units.map((u) => u.profile.name)).toEqual(
      expect.arrayContaining(['中国科学院化学研究所', '清华大学', '北京大学', '中国建筑材料科学研究总院', '中国建材检验认证集团股份有限公司', '北京市农林科学院', '北京市科学技术研究院']),
    );
    expect(plan.services.some((s) => s.input.instrument?.name === '液相色谱-质谱联用仪')).toBe(true);
  });

  test('every row is valid input for the API schemas, with unique ids', () => {
    for (const u of plan.units) expect(unitProfileSchema.safeParse(u.profile).error?.issues ?? []).toEqual([]);
    for (const l of plan.labs) expect(labInputSchema.safeParse(l.input).error?.issues ?? []).toEqual([]);
    for (const s of plan.services) expect([s.id, serviceInputSchema.safeParse(s.input).error?.issues ?? []]).toEqual([s.id, []]);
    const all = [...plan.units, ...plan.labs, ...plan.services].map((x) => x.id);
    expect(new Set(all).size).toBe(all.length);
    for (const s of plan.services) {
      expect(Number.isInteger(s.input.priceFen) && s.input.priceFen > 0).toBe(true);
      if (s.input.category === 'compute') expect([s.input.priceUnit, s.input.priceFen >= 500 && s.input.priceFen <= 3_200]).toEqual(['card_hour', true]);
    }
  });
});

describe('seeding', () => {
  test('inserts the plan once; a second run adds nothing and keeps what the demo user changed', async () => {
    const t = identityApp();
    const first = await seedCatalogue(t.services);
    const plan = buildCataloguePlan();
    expect(first).toEqual({ units: plan.units.length, labs: plan.labs.length, services: plan.services.length });
    const victim = plan.services[0]!;
    await t.services.catalogue.withdrawService(victim.unitId, victim.id);
    expect(await seedCatalogue(t.services)).toEqual({ units: 0, labs: 0, services: 0 });
    expect(await t.services.catalogue.services.count({})).toBe(plan.services.length);
    expect((await t.services.catalogue.services.findById(victim.id))!.listed).toBe(false);
    const hebei = (await t.services.catalogue.services.find({ 'unit.region': 'hebei' })).map((s) => s.unit.name);
    expect(new Set(hebei)).toEqual(new Set(['河北大学', '中国电子科技集团公司第十三研究所', '燕山大学']));
  });

  test('seedDemo seeds the periods and the catalogue, then nothing on the next start', async () => {
    const t = identityApp();
    const added = await seedDemo(t.services);
    expect(added).toHaveLength(5);
    expect(added[2]).toMatch(/^catalogue: 28 units, 66 labs, \d{3} services$/);
    // docs/evaluation.md: this year's evaluation round and one unit application waiting for review.
    expect(added.slice(3)).toEqual(['2026年度开放单位绩效考核（演示）', 'unit application: 北京示例分析测试中心（演示）']);
    expect(await seedDemo(t.services)).toEqual([]);
  });

  test('a unit name already taken by a hand-made unit is left alone with its labs and services', async () => {
    const t = identityApp();
    const mine = await t.services.openUnits.create('清华大学');
    await seedCatalogue(t.services);
    expect(await t.services.catalogue.labs.count({ unitId: stableId('ou', '清华大学') })).toBe(0);
    expect(await t.services.catalogue.labs.count({ unitId: mine._id })).toBe(0);
  });
});
