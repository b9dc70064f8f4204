/**
 * Applying to join as an open unit (第六条) on the phone, as pure functions: the form (organisation,
 * credit code, kind, district, the six conditions each with a statement and optional files, the
 * instruments with their original value in yuan, contact), its problems by field, and the body of
 * POST/PUT /api/unit-applications (yuan numbers of at most two decimals: the BFF converts to fen once).
 */
import {
  OPEN_UNIT_KIND_LABELS,
  OPEN_UNIT_KINDS,
  PRICE_UNITS,
  PRICE_UNIT_LABELS,
  PRIORITY_FIELDS,
  PRIORITY_FIELD_LABELS,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
  LAB_LEVELS,
  LAB_LEVEL_LABELS,
  UNIT_APPLICATION_CONDITIONS,
  UNIT_APPLICATION_CONDITION_LABELS,
  formatFen,
  parseYuanToFen,
  validateCreditCode,
  type EvidenceView,
  type InstrumentInput,
  type LabLevel,
  type OpenUnitKind,
  type PriceUnit,
  type PriorityField,
  type ServiceCategory,
  type UnitApplicationCondition,
  type UnitApplicationInput,
  type UnitApplicationStatus,
  type UnitApplicationView,
} from '@kcq/shared';
import { fenToYuanText, parseWhole } from './evaluation';

/** Beijing's sixteen districts (第六条: 在京注册). */
export const BEIJING_DISTRICTS = [
  '东城区',
  '西城区',
  '朝阳区',
  '丰台区',
  '石景山区',
  '海淀区',
  '门头沟区',
  '房山区',
  '通州区',
  '顺义区',
  '昌平区',
  '大兴区',
  '怀柔区',
  '平谷区',
  '密云区',
  '延庆区',
] as const;

export const KIND_OPTIONS = OPEN_UNIT_KINDS.map((code) => ({ code, label: OPEN_UNIT_KIND_LABELS[code] }));
export const DISTRICT_OPTIONS = BEIJING_DISTRICTS.map((d) => ({ code: d, label: d }));
export const FIELD_OPTIONS = PRIORITY_FIELDS.map((code) => ({ code, label: PRIORITY_FIELD_LABELS[code] }));
export const LAB_LEVEL_OPTIONS = LAB_LEVELS.map((code) => ({ code, label: LAB_LEVEL_LABELS[code] }));
export const CATEGORY_OPTIONS = SERVICE_CATEGORIES.map((code) => ({ code, label: SERVICE_CATEGORY_LABELS[code] }));
export const PRICE_UNIT_OPTIONS = PRICE_UNITS.map((code) => ({ code, label: PRICE_UNIT_LABELS[code] }));
export const CONDITION_ROWS = UNIT_APPLICATION_CONDITIONS.map((key) => ({ key, label: UNIT_APPLICATION_CONDITION_LABELS[key] }));

/** What each condition's statement should say (the hint under it). */
export const CONDITION_HINTS: Readonly<Record<UnitApplicationCondition, string>> = {
  legal_person: '注册地址、成立时间、法定代表人',
  open_instruments: '可对外开放的仪器设备及其开放时间',
  service_team: '服务团队人数、专业背景、资质',
  high_end_industries: '已服务过的高精尖产业领域与典型案例',
  service_rules: '服务内容、服务流程、收费标准及公开方式',
  finance_credit: '财务制度、近三年信用情况',
};

export interface InstrumentForm {
  name: string;
  model: string;
  maker: string;
  originalValueYuan: string;
  category: ServiceCategory | '';
  priceYuan: string;
  priceUnit: PriceUnit | '';
  leadTimeDays: string;
  gpuModel: string;
  cards: string;
}

export interface ApplicationForm {
  name: string;
  creditCode: string;
  kind: OpenUnitKind | '';
  district: string;
  fields: PriorityField[];
  labName: string;
  labLevel: LabLevel | '';
  conditions: Record<UnitApplicationCondition, { statement: string; files: EvidenceView[] }>;
  instruments: InstrumentForm[];
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

export const emptyInstrument = (): InstrumentForm => ({
  name: '',
  model: '',
  maker: '',
  originalValueYuan: '',
  category: '',
  priceYuan: '',
  priceUnit: '',
  leadTimeDays: '5',
  gpuModel: '',
  cards: '',
});

export function emptyApplicationForm(): ApplicationForm {
  return {
    name: '',
    creditCode: '',
    kind: '',
    district: '',
    fields: [],
    labName: '',
    labLevel: '',
    conditions: Object.fromEntries(UNIT_APPLICATION_CONDITIONS.map((k) => [k, { statement: '', files: [] as EvidenceView[] }])) as ApplicationForm['conditions'],
    instruments: [emptyInstrument()],
    contactName: '',
    contactPhone: '',
    contactEmail: '',
  };
}

/** A stored file as the evidence picker lists it (it shows name, size and type; removal is by id). */
export function asEvidence(f: { id: string; filename: string; contentType: string; size: number; uploadedAt: string }): EvidenceView {
  return { id: f.id, filename: f.filename, contentType: f.contentType as EvidenceView['contentType'], sizeBytes: f.size, sha256: '', uploadedAt: f.uploadedAt, redemptionId: null };
}

/** The form from an application sent earlier (to add files or answer 需补充材料). */
export function formFromApplication(a: UnitApplicationView): ApplicationForm {
  const byId = new Map(a.files.map((f) => [f.id, asEvidence(f)]));
  return {
    name: a.name,
    creditCode: a.creditCode,
    kind: a.kind,
    district: a.district,
    fields: [...a.fields],
    labName: a.lab.name,
    labLevel: a.lab.level,
    conditions: Object.fromEntries(
      UNIT_APPLICATION_CONDITIONS.map((k) => [k, { statement: a.conditions[k].statement, files: a.conditions[k].fileIds.map((id) => byId.get(id)).filter((f): f is EvidenceView => !!f) }]),
    ) as ApplicationForm['conditions'],
    instruments: a.instruments.map((i) => ({
      name: i.name,
      model: i.model ?? '',
      maker: i.maker ?? '',
      originalValueYuan: fenToYuanText(i.originalValueFen),
      category: i.category,
      priceYuan: fenToYuanText(i.priceFen),
      priceUnit: i.priceUnit,
      leadTimeDays: String(i.leadTimeDays),
      gpuModel: i.compute?.gpuModel ?? '',
      cards: i.compute ? String(i.compute.cards) : '',
    })),
    contactName: a.contact.name,
    contactPhone: a.contact.phone,
    contactEmail: a.contact.email ?? '',
  };
}

export type ApplicationField =
  | 'name'
  | 'creditCode'
  | 'kind'
  | 'district'
  | 'fields'
  | 'labName'
  | 'labLevel'
  | 'instruments'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | `condition.${UnitApplicationCondition}`
  | `instrument.${number}.${'name' | 'originalValue' | 'category' | 'price' | 'priceUnit' | 'leadTime' | 'compute'}`;

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with the form, by field (empty when it can be sent), and the body when it can. */
export function applicationInput(f: ApplicationForm): { problems: Partial<Record<ApplicationField, string>>; input: UnitApplicationInput | null } {
  const p: Partial<Record<ApplicationField, string>> = {};
  if (!f.name.trim()) p.name = '请填写单位全称（与营业执照或法人证书一致）';
  const code = validateCreditCode(f.creditCode);
  if (!f.creditCode.trim()) p.creditCode = '请填写18位统一社会信用代码';
  else if (!code.valid) p.creditCode = code.message;
  else if (!code.isBeijing) p.creditCode = '仅受理在京注册的单位（第六条），该代码的登记机关不在北京';
  if (!f.kind) p.kind = '请选择单位类型';
  if (!f.district) p.district = '请选择注册所在区（第六条：在京注册）';
  if (!f.fields.length) p.fields = '请至少选择一个服务的重点领域';
  if (!f.labName.trim()) p.labName = '请填写实验室或平台名称';
  if (!f.labLevel) p.labLevel = '请选择实验室类别';
  for (const k of UNIT_APPLICATION_CONDITIONS) {
    if (!f.conditions[k].statement.trim()) p[`condition.${k}`] = '请简要说明本单位如何满足这项条件';
  }
  if (!f.instruments.length) p.instruments = '请至少填写一台（套）拟开放的仪器设备';
  const instruments: InstrumentInput[] = [];
  f.instruments.forEach((i, n) => {
    const value = parseYuanToFen(i.originalValueYuan);
    const price = parseYuanToFen(i.priceYuan);
    const lead = parseWhole(i.leadTimeDays || '5', 1, 365);
    if (!i.name.trim()) p[`instrument.${n}.name`] = '请填写仪器设备名称';
    if (value === null || value <= 0) p[`instrument.${n}.originalValue`] = '请填写原值（元），最多两位小数';
    if (!i.category) p[`instrument.${n}.category`] = '请选择服务类别';
    if (price === null || price <= 0) p[`instrument.${n}.price`] = '请填写拟收费价格（元），最多两位小数';
    if (!i.priceUnit) p[`instrument.${n}.priceUnit`] = '请选择计价单位';
    else if (i.category === 'compute' && i.priceUnit !== 'card_hour') p[`instrument.${n}.priceUnit`] = '算力服务按“元/卡时”计价';
    if (lead === null) p[`instrument.${n}.leadTime`] = '请填写 1 至 365 天';
    const cards = parseWhole(i.cards, 1, 100000);
    if (i.category === 'compute' && (!i.gpuModel.trim() || cards === null)) p[`instrument.${n}.compute`] = '算力服务请填写显卡型号和卡数';
    if (value !== null && price !== null && i.category && i.priceUnit && lead !== null) {
      instruments.push({
        name: i.name.trim(),
        model: i.model.trim() || null,
        maker: i.maker.trim() || null,
        originalValueYuan: value / 100,
        category: i.category,
        priceYuan: price / 100,
        priceUnit: i.priceUnit,
        leadTimeDays: lead,
        compute: i.category === 'compute' && cards !== null ? { gpuModel: i.gpuModel.trim(), cards } : null,
      });
    }
  });
  if (!f.contactName.trim()) p.contactName = '请填写联系人姓名';
  if (!PHONE.test(f.contactPhone.trim())) p.contactPhone = '请填写11位手机号或带区号的固定电话';
  if (f.contactEmail.trim() && !EMAIL.test(f.contactEmail.trim())) p.contactEmail = '邮箱格式有误';
  if (Object.keys(p).length) return { problems: p, input: null };
  return {
    problems: p,
    input: {
      name: f.name.trim(),
      creditCode: code.normalized,
      kind: f.kind as OpenUnitKind,
      district: f.district,
      fields: f.fields,
      lab: { name: f.labName.trim(), level: f.labLevel as LabLevel },
      conditions: Object.fromEntries(
        UNIT_APPLICATION_CONDITIONS.map((k) => [k, { statement: f.conditions[k].statement.trim(), fileIds: f.conditions[k].files.map((x) => x.id) }]),
      ) as UnitApplicationInput['conditions'],
      instruments,
      contact: { name: f.contactName.trim(), phone: f.contactPhone.trim(), email: f.contactEmail.trim() || null },
    },
  };
}

/** The instruments' original values as typed, summed ("合计 1,200,000.00 元"); null while one is not a value. */
export function instrumentsTotalFen(instruments: readonly InstrumentForm[]): number | null {
  let total = 0;
  for (const i of instruments) {
    const v = parseYuanToFen(i.originalValueYuan);
    if (v === null) return null;
    total += v;
  }
  return total;
}

export const formatTotal = (fen: number | null) => (fen === null ? '—' : formatFen(fen));

/** What the applicant may do now, and the one line that says where the application stands. */
export function applicationNext(a: Pick<UnitApplicationView, 'status' | 'adminMessage' | 'notice'>): { editable: boolean; line: string } {
  const lines: Record<UnitApplicationStatus, string> = {
    submitted: '管理部门正在审核您的申请，审核前仍可修改或补充材料。',
    info_requested: `管理部门请您补充材料：${a.adminMessage ?? ''}`,
    in_notice: a.notice ? `审核通过，正在公示（${a.notice.startDay} 至 ${a.notice.endDay}）。公示期满无异议的，纳入开放单位名录，您将成为本单位管理员。` : '审核通过，正在公示。',
    joined: '已纳入开放单位名录，您的仪器设备已作为服务项目上架。可在“工作台”管理本单位。',
    refused: `未通过审核：${a.adminMessage ?? ''}`,
  };
  return { editable: a.status === 'submitted' || a.status === 'info_requested', line: lines[a.status] };
}

/** The refusal of an application step, in the applicant's words (by error code). */
export const APPLICATION_NEXT_STEP: Readonly<Record<string, string>> = {
  UNIT_APPLICATION_EXISTS: '该单位已有一份申请在办理中，请在“我的”中查看申请进度。',
  UNIT_NAME_TAKEN: '该单位已在开放单位名录中；如您是该单位的工作人员，请向本单位管理员索取邀请码。',
  ALREADY_BOUND: '您已是开放单位的工作人员，不能再以新单位申请。',
  UNIT_APPLICATION_STATE: '申请已进入下一步，不能再修改；请刷新后查看最新进度。',
};
