import {
  checkServiceForm,
  collectPages,
  emptyServiceForm,
  fenToYuanText,
  fieldOfServicePath,
  formFromService,
  groupByLab,
  priceUnitOptions,
  serverFieldErrors,
  serviceCounts,
  withCategory,
  type ServiceForm,
} from '../logic/serviceForm';
import { lab, service, statutoryService, computeService } from '../../mock/api';
import type { LabView, ServiceView, UnitServicePage } from '../services/types';

const filled = (patch: Partial<ServiceForm> = {}): ServiceForm => ({
  ...emptyServiceForm('lb_1'),
  name: ' 有机小分子结构鉴定 ',
  priceYuan: '480.5',
  leadTimeDays: '3',
  ...patch,
});

describe('本单位服务 form: yuan in, integer fen out (the BFF’s serviceInputSchema)', () => {
  test('a filled form gives the request body: price in fen, trimmed text, no instrument when none typed', () => {
    const { errors, input } = checkServiceForm(filled());
    expect(errors).toEqual({});
    expect(input).toEqual({
      labId: 'lb_1',
      name: '有机小分子结构鉴定',
      category: 'analysis',
      instrument: null,
      description: '',
      priceFen: 48_050,
      priceUnit: 'sample',
      leadTimeDays: 3,
      statutory: false,
      compute: null,
    });
  });

  test('prices: up to two decimals, commas allowed, 0 allowed, nothing above 1,000,000 yuan', () => {
    expect(checkServiceForm(filled({ priceYuan: '1,200.00' })).input?.priceFen).toBe(120_000);
    expect(checkServiceForm(filled({ priceYuan: '0.1' })).input?.priceFen).toBe(10);
    expect(checkServiceForm(filled({ priceYuan: '0' })).input?.priceFen).toBe(0);
    expect(checkServiceForm(filled({ priceYuan: '1000000' })).input?.priceFen).toBe(100_000_000);
    expect(checkServiceForm(filled({ priceYuan: '1000000.01' })).errors.priceYuan).toBe('单价不超过 1,000,000.00 元');
    expect(checkServiceForm(filled({ priceYuan: '1.005' })).errors.priceYuan).toBe('价格应为不小于0的金额，最多两位小数（元）');
    expect(checkServiceForm(filled({ priceYuan: '-5' })).errors.priceYuan).toBe('价格应为不小于0的金额，最多两位小数（元）');
    expect(checkServiceForm(filled({ priceYuan: ' ' })).errors.priceYuan).toBe('请填写价格（元）');
  });

  test('every required field says what is missing', () => {
    const { errors, input } = checkServiceForm(emptyServiceForm());
    expect(input).toBeNull();
    expect(errors).toEqual({
      labId: '请选择所属实验室',
      name: '请填写服务名称',
      priceYuan: '请填写价格（元）',
      leadTimeDays: '请填写服务周期（天）',
    });
  });

  test('lengths and the lead time range as the BFF counts them', () => {
    expect(checkServiceForm(filled({ name: 'x'.repeat(100) })).errors.name).toBeUndefined();
    expect(checkServiceForm(filled({ name: 'x'.repeat(101) })).errors.name).toBe('服务名称不超过100字');
    expect(checkServiceForm(filled({ description: 'x'.repeat(1001) })).errors.description).toBe('服务说明不超过1000字');
    expect(checkServiceForm(filled({ leadTimeDays: '0' })).input?.leadTimeDays).toBe(0);
    expect(checkServiceForm(filled({ leadTimeDays: '365' })).input?.leadTimeDays).toBe(365);
    expect(checkServiceForm(filled({ leadTimeDays: '366' })).errors.leadTimeDays).toBe('周期应为 0–365 的整数（天）');
    expect(checkServiceForm(filled({ leadTimeDays: '2.5' })).errors.leadTimeDays).toBe('周期应为 0–365 的整数（天）');
  });

  test('an instrument needs its name once model or maker is typed; empty model/maker are sent as null', () => {
    expect(checkServiceForm(filled({ instrumentModel: '6545' })).errors.instrumentName).toBe('请填写仪器设施名称');
    expect(checkServiceForm(filled({ instrumentName: ' 液相色谱-质谱联用仪 ', instrumentMaker: '安捷伦' })).input?.instrument).toEqual({
      name: '液相色谱-质谱联用仪',
      model: null,
      maker: '安捷伦',
    });
    expect(checkServiceForm(filled({ instrumentName: '仪器', instrumentModel: 'm'.repeat(61) })).errors.instrumentModel).toBe('型号不超过60字');
  });

  test('compute is priced per card-hour with a GPU model and cards; nothing else is per card-hour', () => {
    expect(priceUnitOptions('compute').map((o) => o.code)).toEqual(['card_hour']);
    expect(priceUnitOptions('testing').map((o) => o.code)).not.toContain('card_hour');
    const toCompute = withCategory(filled(), 'compute');
    expect(toCompute.priceUnit).toBe('card_hour');
    expect(checkServiceForm(toCompute).errors).toEqual({ gpuModel: '请填写GPU 型号', cards: '卡数应为 1–100000 的整数' });
    expect(checkServiceForm({ ...toCompute, gpuModel: 'NVIDIA A100', cards: '8' }).input).toMatchObject({
      category: 'compute',
      priceUnit: 'card_hour',
      compute: { gpuModel: 'NVIDIA A100', cards: 8 },
    });
    expect(checkServiceForm({ ...toCompute, gpuModel: 'A100', cards: '0' }).errors.cards).toBe('卡数应为 1–100000 的整数');
    // Back to a non-compute category: the unit leaves card-hour, the GPU fields are not sent.
    const back = withCategory({ ...toCompute, gpuModel: 'A100', cards: '8' }, 'testing');
    expect(back.priceUnit).toBe('sample');
    expect(checkServiceForm(back).input?.compute).toBeNull();
    // A mismatched unit is refused with the BFF's message.
    expect(checkServiceForm(filled({ priceUnit: 'card_hour' })).errors.priceUnit).toBe('算力服务按卡时计价，其他服务不按卡时计价');
    // Other units survive a category change among non-compute categories.
    expect(withCategory(filled({ priceUnit: 'hour' }), 'rnd').priceUnit).toBe('hour');
  });

  test('statutory testing (第五条) is sent as flagged', () => {
    expect(checkServiceForm(filled({ statutory: true })).input?.statutory).toBe(true);
  });

  test('a stored service back into the form, and unchanged it gives the same body', () => {
    expect(fenToYuanText(48_000)).toBe('480');
    expect(fenToYuanText(48_050)).toBe('480.50');
    expect(fenToYuanText(123_456_700)).toBe('1234567');
    const f = formFromService(service);
    expect(f).toMatchObject({ labId: service.lab.id, priceYuan: '480', priceUnit: 'sample', leadTimeDays: '3', instrumentModel: '6545 Q-TOF' });
    expect(checkServiceForm(f).input).toEqual({
      labId: service.lab.id,
      name: service.name,
      category: service.category,
      instrument: service.instrument,
      description: service.description,
      priceFen: service.priceFen,
      priceUnit: service.priceUnit,
      leadTimeDays: service.leadTimeDays,
      statutory: false,
      compute: null,
    });
    expect(checkServiceForm(formFromService(computeService)).input?.compute).toEqual({ gpuModel: 'NVIDIA L40S 48GB', cards: 4 });
    expect(formFromService(statutoryService).statutory).toBe(true);
  });

  test('a server refusal lands on its field', () => {
    expect(fieldOfServicePath('body.priceFen')).toBe('priceYuan');
    expect(fieldOfServicePath('body.compute.cards')).toBe('cards');
    expect(fieldOfServicePath('body.unknown')).toBeNull();
    expect(
      serverFieldErrors({
        fields: [
          { path: 'body.labId', code: 'unknown_lab', message: '所选实验室不属于本单位' },
          { path: 'body.priceFen', message: '价格应为整数（分）' },
          { path: 'query.x', message: 'ignored' },
        ],
      }),
    ).toEqual({ labId: '所选实验室不属于本单位', priceYuan: '价格应为整数（分）' });
    expect(serverFieldErrors({})).toEqual({});
  });
});

describe('本单位服务 list', () => {
  const labB: LabView = { ...lab, id: 'lb_b', name: '生物样品分析平台', level: 'other' };
  const inB: ServiceView = { ...service, id: 'sv_b', lab: { ...service.lab, id: labB.id, name: labB.name, level: labB.level } };
  const moved: ServiceView = { ...service, id: 'sv_moved', lab: { ...service.lab, id: 'lb_gone', name: '新建实验室' } };

  test('grouped under the labs in their order, empty labs kept, services in list order', () => {
    const groups = groupByLab([lab, labB], [service, inB, statutoryService, computeService]);
    expect(groups.map((g) => [g.lab.id, g.services.map((s) => s.id)])).toEqual([
      [lab.id, [service.id, statutoryService.id, computeService.id]],
      [labB.id, ['sv_b']],
    ]);
    expect(groups[0].levelLabel).toBe('国家重点实验室');
    expect(groupByLab([lab, labB], [service]).map((g) => g.services.length)).toEqual([1, 0]);
  });

  test('a service whose lab is not listed still shows, in a group of its own after the others', () => {
    const groups = groupByLab([lab], [moved, service]);
    expect(groups.map((g) => g.lab.name)).toEqual([lab.name, '新建实验室']);
    expect(groups[1].services.map((s) => s.id)).toEqual(['sv_moved']);
  });

  test('counts: listed, voucher-eligible, statutory (第五条)', () => {
    expect(serviceCounts([service, statutoryService, computeService])).toEqual({ total: 3, eligible: 2, statutory: 1 });
    expect(serviceCounts([])).toEqual({ total: 0, eligible: 0, statutory: 0 });
  });

  test('every page is read, following the cursor, without repeats', async () => {
    const pages: Record<string, UnitServicePage> = {
      first: { items: [service, statutoryService], nextCursor: 'c2' },
      c2: { items: [statutoryService, computeService], nextCursor: null },
    };
    const asked: (string | null)[] = [];
    const all = await collectPages(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'first'];
    });
    expect(asked).toEqual([null, 'c2']);
    expect(all.map((s) => s.id)).toEqual([service.id, statutoryService.id, computeService.id]);
  });

  test('a cursor that never ends stops after the page limit', async () => {
    let calls = 0;
    const all = await collectPages(async () => {
      calls += 1;
      return { items: [{ ...service, id: `sv_${calls}` }], nextCursor: 'again' };
    }, 3);
    expect(calls).toBe(3);
    expect(all).toHaveLength(3);
  });
});
