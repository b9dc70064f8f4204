/**
 * API mocks for front-end work without the BFF, in the @tarojs/plugin-mock convention
 * (`'METHOD /path': response`, `:param` segments, a function for a computed answer). Shapes follow
 * miniapp/services/types.ts and @kcq/shared; every endpoint the founders' and administrators' screens call is here
 * (miniapp/__tests__/mock.test.ts checks it).
 *
 * @tarojs/plugin-mock (0.0.9, Taro 2/3 era) calls `helper.createBabelRegister`, which @tarojs/helper 4
 * no longer has, so it cannot load this file under Taro 4: these are fixtures, not a running server.
 */
import type {
  ApplicantView,
  AuthResult,
  LabView,
  MeView,
  PeriodInput,
  PeriodView,
  ServiceHit,
  ServiceView,
  UnitDetail,
  VoucherView,
} from '../miniapp/services/types';

const now = Date.now();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString();

export const openPeriod: PeriodView = {
  id: 'p_demo_open',
  name: '2026年第四期创新券（演示）',
  opensAt: iso(now - DAY),
  closesAt: iso(now + 30 * DAY),
  closedAt: null,
  quotaFen: 1_000_000_000,
  remainingFen: 734_500_000,
  maxVoucherFen: 5_000_000,
  perApplicantLimit: 1,
  status: 'open',
};

export const upcomingPeriod: PeriodView = {
  ...openPeriod,
  id: 'p_demo_next',
  name: '2027年第一期创新券（演示）',
  opensAt: iso(now + 3 * DAY),
  closesAt: iso(now + 33 * DAY),
  quotaFen: 2_000_000_000,
  remainingFen: 2_000_000_000,
  status: 'upcoming',
};

const auth: AuthResult = {
  accessToken: 'mock-access-token',
  accessTokenExpiresAt: iso(now + 15 * 60_000),
  refreshToken: 'mock-refresh-token',
  refreshTokenExpiresAt: iso(now + 30 * DAY),
  user: { id: 'u_mock', openid: 'dev-zhangsan', createdAt: iso(now - DAY) },
  isNewUser: false,
};

export const applicant: ApplicantView = {
  id: 'a_mock',
  kind: 'enterprise',
  ownerId: 'u_mock',
  profile: {
    kind: 'enterprise',
    name: '北京智感科技有限公司',
    creditCode: '91110108MA01B2C344',
    registeredInBeijing: true,
    registeredOn: '2023-05-18',
    independentLegalPerson: true,
    employees: 42,
    annualRevenueFen: 1_200_000_000,
    totalAssetsFen: 800_000_000,
    soundFinance: true,
    noBadCreditRecord: true,
    priorityField: 'new_generation_it',
    highTechCertified: false,
    techSmeListedYear: null,
  },
  eligibility: { eligible: true, kind: 'enterprise', annualCapFen: 20_000_000, failures: [], warnings: [] },
  createdAt: iso(now - DAY),
  updatedAt: iso(now - DAY),
};

const me: MeView = { user: auth.user, roles: ['applicant'], applicant, openUnit: null };

export const voucher: VoucherView = {
  id: 'v_mock',
  periodId: openPeriod.id,
  applicantId: applicant.id,
  amountFen: 5_000_000,
  status: 'claimed',
  voidReason: null,
  claimedAt: iso(now - HOUR),
  registrationDeadline: iso(now + 15 * DAY),
};

const adminMe: MeView = { user: { ...auth.user, id: 'u_admin', openid: 'dev-admin' }, roles: ['admin'], applicant: null, openUnit: null };

// ——— The open-lab catalogue ———

export const unit: UnitDetail = {
  id: 'ou_mock_bjut',
  name: '北京化工大学',
  kind: 'university',
  district: '朝阳区',
  region: 'beijing',
  mutualRecognition: false,
  regionalMark: null,
  status: 'active',
  leaveOn: null,
  contact: { name: '王老师', phone: '010-64434000', email: 'kfgx@example.edu.cn' },
  description: '国家“双一流”建设高校，化工、材料学科大型仪器面向社会开放共享。',
  acceptsProposals: true,
};

const { contact: _contact, description: _description, acceptsProposals: _accepts, ...unitSummary } = unit;

export const hebeiUnit: UnitDetail = {
  ...unit,
  id: 'ou_mock_hbu',
  name: '河北大学',
  district: '保定市',
  region: 'hebei',
  mutualRecognition: true,
  regionalMark: '津冀互认',
};

export const lab: LabView = {
  id: 'lb_mock_chem',
  unitId: unit.id,
  name: '化工资源有效利用国家重点实验室',
  level: 'national_key_lab',
  fields: ['new_materials', 'green_energy_environmental'],
  description: '面向化工新材料与资源循环利用的分析测试平台。',
};

export const service: ServiceView = {
  id: 'sv_mock_ms',
  name: '有机小分子结构鉴定（高分辨质谱）',
  category: 'analysis',
  instrument: { name: '液相色谱-质谱联用仪', model: '6545 Q-TOF', maker: '安捷伦' },
  description: '依托液相色谱-质谱联用仪提供有机小分子结构鉴定服务，面向科技型中小企业和创业团队开放。',
  priceFen: 48_000,
  priceUnit: 'sample',
  leadTimeDays: 3,
  statutory: false,
  compute: null,
  voucherEligible: true,
  ineligibleReason: null,
  unit: unitSummary,
  lab: { id: lab.id, name: lab.name, level: lab.level, fields: lab.fields },
};

export const statutoryService: ServiceView = {
  ...service,
  id: 'sv_mock_statutory',
  name: '建筑材料进场复验（强制检测）',
  category: 'inspection',
  instrument: null,
  priceFen: 30_000,
  priceUnit: 'item',
  statutory: true,
  voucherEligible: false,
  ineligibleReason: 'statutory_testing',
};

export const computeService: ServiceView = {
  ...service,
  id: 'sv_mock_gpu',
  name: '模型推理与微调算力（L40S）',
  category: 'compute',
  instrument: { name: 'GPU推理服务器', model: 'L40S 48GB 四卡服务器', maker: '联想' },
  priceFen: 500,
  priceUnit: 'card_hour',
  leadTimeDays: 2,
  compute: { gpuModel: 'NVIDIA L40S 48GB', cards: 4, pricePerCardHourFen: 500 },
};

const hits: ServiceHit[] = [service, statutoryService, computeService].map((s) => ({ ...s, matchedOn: 'service' }));

// ——— Administrators ———

const periodFromInput = (id: string, input: PeriodInput, nowMs: number): PeriodView => ({
  id,
  ...input,
  closedAt: null,
  remainingFen: input.quotaFen,
  status: nowMs < Date.parse(input.opensAt) ? 'upcoming' : 'open',
});

/** Express-style request/response, as the plugin passes them to function mocks. */
interface Req {
  params: Record<string, string>;
  body?: unknown;
}
interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

export default {
  'GET /healthz': { ok: true },
  'GET /readyz': { ok: true, store: 'embedded', inventory: 'embedded' },
  'POST /api/auth/wechat': auth,
  'POST /api/auth/refresh': auth,
  'POST /api/auth/logout': { ok: true },
  'GET /api/me': me,
  'GET /api/periods': { serverTime: iso(now), periods: [upcomingPeriod, openPeriod] },
  'GET /api/periods/:id': (req: Req, res: Res) => {
    const period = [openPeriod, upcomingPeriod].find((p) => p.id === req.params.id);
    if (!period) res.status(404).json({ error: { code: 'NOT_FOUND', message: '找不到要访问的内容' } });
    else res.json({ serverTime: new Date().toISOString(), period });
  },
  'POST /api/periods/:id/claims': (req: Req, res: Res) => {
    const amountFen = (req.body as { amountFen?: number } | undefined)?.amountFen ?? voucher.amountFen;
    res.status(201).json({ ...voucher, periodId: req.params.id, amountFen, claimedAt: new Date().toISOString() });
  },
  'GET /api/vouchers': { vouchers: [voucher] },
  'POST /api/vouchers/:id/cancel': { ...voucher, status: 'void', voidReason: 'cancelled' },
  'POST /api/eligibility/check': applicant.eligibility,
  'POST /api/applicants': applicant,
  'PUT /api/applicants/:id': applicant,
  'POST /api/applicants/:id/members': { memberId: 'm_mock', applicant },
  'DELETE /api/applicants/:id/members/:memberId': applicant,
  // The catalogue: page one has a cursor, page two ends the list (`cursor` in the query).
  'GET /api/catalogue/services': (req: Req & { query?: Record<string, string> }, res: Res) => {
    if (req.query?.cursor) res.json({ items: [{ ...service, id: 'sv_mock_ms_2', priceFen: 54_000, unit: hebeiUnit, matchedOn: 'service' }], nextCursor: null });
    else res.json({ items: hits, nextCursor: 'mock-cursor-2' });
  },
  'GET /api/catalogue/services/:id': (req: Req, res: Res) => {
    const found = [service, statutoryService, computeService].find((s) => s.id === req.params.id);
    if (!found) res.status(404).json({ error: { code: 'NOT_FOUND', message: '找不到该服务' } });
    else res.json(found);
  },
  'GET /api/catalogue/labs/:id': { lab, unit: unitSummary, services: [service, statutoryService] },
  'GET /api/catalogue/open-units/:id': { unit, labs: [lab] },
  // Administrators (sign in as `dev:admin`: GET /api/me answers adminMe).
  'POST /api/admin/periods': (req: Req, res: Res) => {
    res.status(201).json(periodFromInput('p_mock_created', req.body as PeriodInput, Date.now()));
  },
  'PUT /api/admin/periods/:id': (req: Req, res: Res) => {
    if (req.params.id === openPeriod.id) res.status(409).json({ error: { code: 'PERIOD_ALREADY_OPEN', message: '发放周期已开始，不能再修改' } });
    else res.json(periodFromInput(req.params.id, req.body as PeriodInput, Date.now()));
  },
  'POST /api/admin/periods/:id/close': (req: Req, res: Res) => {
    const period = [openPeriod, upcomingPeriod].find((p) => p.id === req.params.id) ?? openPeriod;
    res.json({ ...period, closedAt: new Date().toISOString(), status: 'closed' });
  },
};

/** GET /api/me for an administrator, for trying the admin sub-package by hand. */
export const adminMeAnswer = adminMe;

/** A refusal body per claim outcome, for trying the claim sheet's states by hand. */
export const claimRefusals = {
  SOLD_OUT: { status: 409, body: { error: { code: 'SOLD_OUT', message: '本期创新券已领完' } } },
  INSUFFICIENT_QUOTA: {
    status: 409,
    body: { error: { code: 'INSUFFICIENT_QUOTA', message: '本期剩余额度不足您申请的金额，可减少金额后重试', details: { remainingFen: 300_000 } } },
  },
  ANNUAL_CAP_EXCEEDED: {
    status: 422,
    body: { error: { code: 'ANNUAL_CAP_EXCEEDED', message: '超出本年度可领取额度', details: { allowanceFen: 1_500_000 } } },
  },
  NOT_ELIGIBLE: {
    status: 403,
    body: {
      error: {
        code: 'NOT_ELIGIBLE',
        message: '暂不符合申领条件',
        details: { failures: [{ code: 'TOO_MANY_EMPLOYEES', clause: '第七条第三项', message: '职工总数为 600 人，超过 500 人', field: 'employees' }] },
      },
    },
  },
};
