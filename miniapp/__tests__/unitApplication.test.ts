/**
 * logic/unitApplication.ts: applying to join as an open unit (第六条) — the form's problems by field
 * (Beijing credit code, the six conditions, instruments with yuan values, contact) and the body sent
 * (yuan numbers of at most two decimals; files cited by id per condition), the form rebuilt from an
 * application sent earlier, and what the applicant reads about where it stands.
 */
import { computeCreditCodeCheckChar, computeOrgCodeCheckChar, UNIT_APPLICATION_CONDITIONS, type UnitApplicationView } from '@kcq/shared';
import { applicationInput, applicationNext, asEvidence, emptyApplicationForm, emptyInstrument, formFromApplication, instrumentsTotalFen, type ApplicationForm } from '../logic/unitApplication';

function code(regionCode: string, body8: string): string {
  const first17 = `12${regionCode}${body8}${computeOrgCodeCheckChar(body8)}`;
  return `${first17}${computeCreditCodeCheckChar(first17)}`;
}
const BEIJING = code('110108', '40000567');

function filled(): ApplicationForm {
  const f = emptyApplicationForm();
  f.name = ' 北京某大学 ';
  f.creditCode = BEIJING;
  f.kind = 'university';
  f.district = '海淀区';
  f.fields = ['new_materials'];
  f.labName = '材料分析测试中心';
  f.labLevel = 'municipal_key_lab';
  for (const k of UNIT_APPLICATION_CONDITIONS) f.conditions[k] = { statement: `关于${k}的说明`, files: [] };
  f.conditions.legal_person.files = [asEvidence({ id: 'uf_1', filename: '法人证书.pdf', contentType: 'application/pdf', size: 1000, uploadedAt: '2027-01-01T00:00:00Z' })];
  f.instruments = [{ ...emptyInstrument(), name: '扫描电镜', originalValueYuan: '3,200,000.50', category: 'testing', priceYuan: '800', priceUnit: 'sample' }];
  f.contactName = '王老师';
  f.contactPhone = '13800138000';
  return f;
}

describe('申请成为开放单位 (第六条): the form', () => {
  test('a complete form goes out: normalised code, yuan with cents exact, condition files by id, default lead time', () => {
    const { problems, input } = applicationInput(filled());
    expect(problems).toEqual({});
    expect(input?.name).toBe('北京某大学');
    expect(input?.creditCode).toBe(BEIJING);
    expect(input?.instruments).toEqual([
      { name: '扫描电镜', model: null, maker: null, originalValueYuan: 3200000.5, category: 'testing', priceYuan: 800, priceUnit: 'sample', leadTimeDays: 5, compute: null },
    ]);
    expect(input?.conditions.legal_person).toEqual({ statement: '关于legal_person的说明', fileIds: ['uf_1'] });
    expect(input?.conditions.finance_credit.fileIds).toEqual([]);
    expect(input?.contact).toEqual({ name: '王老师', phone: '13800138000', email: null });
  });

  test('a credit code registered outside Beijing is refused (在京注册), as is a wrong check character', () => {
    const f = filled();
    f.creditCode = code('120101', '40000567');
    expect(applicationInput(f).problems.creditCode).toContain('在京注册');
    f.creditCode = `${BEIJING.slice(0, 17)}${BEIJING[17] === '0' ? '1' : '0'}`;
    expect(applicationInput(f).problems.creditCode).toBeTruthy();
  });

  test('every condition needs its statement; an empty form names each missing field', () => {
    const { problems, input } = applicationInput(emptyApplicationForm());
    expect(input).toBeNull();
    for (const k of UNIT_APPLICATION_CONDITIONS) expect(problems[`condition.${k}`]).toBeTruthy();
    expect(Object.keys(problems)).toEqual(expect.arrayContaining(['name', 'creditCode', 'kind', 'district', 'fields', 'labName', 'labLevel', 'contactName', 'contactPhone', 'instrument.0.name', 'instrument.0.originalValue']));
  });

  test('an instrument’s value with three decimals or in words is refused on its row; compute needs card-hours, a GPU and cards', () => {
    const f = filled();
    f.instruments = [
      { ...f.instruments[0], originalValueYuan: '1.234' },
      { ...emptyInstrument(), name: '算力集群', originalValueYuan: '5000000', category: 'compute', priceYuan: '12', priceUnit: 'hour' },
    ];
    const { problems } = applicationInput(f);
    expect(Object.keys(problems).sort()).toEqual(['instrument.0.originalValue', 'instrument.1.compute', 'instrument.1.priceUnit']);
  });

  test('the instruments’ total as typed, or nothing while one is not an amount', () => {
    expect(instrumentsTotalFen([{ ...emptyInstrument(), originalValueYuan: '100.5' }, { ...emptyInstrument(), originalValueYuan: '1,000' }])).toBe(110_050);
    expect(instrumentsTotalFen([{ ...emptyInstrument(), originalValueYuan: '' }])).toBeNull();
  });
});

const SENT: UnitApplicationView = {
  id: 'ua_1',
  status: 'info_requested',
  statusLabel: '需补充材料',
  name: '北京某大学',
  creditCode: BEIJING,
  kind: 'university',
  district: '海淀区',
  fields: ['new_materials'],
  lab: { name: '中心', level: 'other' },
  conditions: Object.fromEntries(UNIT_APPLICATION_CONDITIONS.map((k) => [k, { statement: k, fileIds: k === 'service_team' ? ['uf_2'] : [] }])) as UnitApplicationView['conditions'],
  instruments: [{ name: '电镜', model: null, maker: '某厂', originalValueFen: 320_000_050, category: 'testing', priceFen: 80_000, priceUnit: 'sample', leadTimeDays: 7, compute: null }],
  totalOriginalValueFen: 320_000_050,
  contact: { name: '王', phone: '13800138000', email: null },
  files: [{ id: 'uf_2', filename: '团队.pdf', contentType: 'application/pdf', size: 2048, uploadedAt: '2027-01-02T00:00:00Z' }],
  adminMessage: '请补充近三年审计报告',
  notice: null,
  unitId: null,
  history: [],
  submittedAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-02T00:00:00Z',
};

describe('an application sent earlier', () => {
  test('rebuilds the form with yuan text and each condition’s files, and sends the same body back', () => {
    const f = formFromApplication(SENT);
    expect(f.instruments[0].originalValueYuan).toBe('3200000.50');
    expect(f.conditions.service_team.files.map((x) => [x.filename, x.sizeBytes])).toEqual([['团队.pdf', 2048]]);
    const { input } = applicationInput({ ...f, contactName: '王老师' });
    expect(input?.instruments[0]).toMatchObject({ originalValueYuan: 3200000.5, priceYuan: 800, maker: '某厂', leadTimeDays: 7 });
    expect(input?.conditions.service_team.fileIds).toEqual(['uf_2']);
  });

  test('says what the administrator asked for, and only waiting applications can be edited', () => {
    expect(applicationNext(SENT)).toEqual({ editable: true, line: '管理部门请您补充材料：请补充近三年审计报告' });
    expect(applicationNext({ ...SENT, status: 'in_notice', notice: { noticeId: 'n', itemId: 'i', startDay: '2027-01-04', endDay: '2027-01-08' } })).toMatchObject({ editable: false, line: expect.stringContaining('2027-01-04 至 2027-01-08') });
    expect(applicationNext({ ...SENT, status: 'refused', adminMessage: '不具备开放条件' }).line).toBe('未通过审核：不具备开放条件');
  });
});
