/**
 * API mocks for front-end work without the BFF, in the @tarojs/plugin-mock convention
 * (`'METHOD /path': response`, `:param` segments, a function for a computed answer). Shapes follow
 * miniapp/services/types.ts and @kcq/shared; every endpoint the founders' and administrators' screens call is here
 * (miniapp/__tests__/mock.test.ts checks it).
 *
 * `npm run dev:h5:mock` serves them: @tarojs/plugin-mock (0.0.9, Taro 2/3 era) calls
 * `helper.createBabelRegister`, which @tarojs/helper 4 no longer has, so config/mock.ts does its job in
 * Taro's H5 dev server (every mock/*.ts default export, JSON bodies parsed for the functions, an
 * unknown /api path → 404 ROUTE_NOT_FOUND). miniapp/__tests__/mock-server.test.ts asks it every
 * endpoint over HTTP; e2e/mock.e2e.test.ts opens the H5 build on it with no BFF.
 */
import { VOUCHER_MAX_FEN, VOUCHERS_PAGE, type AdminStats } from '@kcq/shared';
import type {
  ApplicantView,
  AuthResult,
  ContractTerms,
  ContractView,
  EvidenceView,
  MessageView,
  ProposalInput,
  RedemptionView,
  LabView,
  MeView,
  PeriodInput,
  PeriodView,
  AmendInput,
  ServiceInput,
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
  // The BFF's defaults when the body leaves them out (periodInputSchema).
  maxVoucherFen: input.maxVoucherFen ?? VOUCHER_MAX_FEN,
  perApplicantLimit: input.perApplicantLimit ?? 1,
  closedAt: null,
  remainingFen: input.quotaFen,
  status: nowMs < Date.parse(input.opensAt) ? 'upcoming' : 'open',
});

// ——— Contracts, redemption, messages (docs/contracts.md) ———

export const proposal: ContractView = {
  id: 'ct_mock_proposed',
  voucherId: voucher.id,
  applicantId: applicant.id,
  unitId: unit.id,
  unitName: unit.name,
  serviceId: 'sv_mock_ms',
  serviceName: '高分辨质谱分析',
  project: { title: '新型传感器材料表征', description: '对三种复合材料做成分与结构分析，支撑传感器选材。' },
  status: 'proposed',
  terms: null,
  voucher: { amountFen: voucher.amountFen, status: 'claimed', voidReason: null, registrationDeadline: voucher.registrationDeadline, validUntil: null, redemptionDeadline: null },
  maxVoucherAmountFen: null,
  proposedAt: iso(now - HOUR / 2),
  registeredAt: null,
  rejection: null,
  amendments: [],
  closed: null,
};

const mockTerms: ContractTerms = { contractNo: 'HT-2026-001', contractAmountFen: 8_000_000, startDay: '2026-11-20', endDay: '2026-11-21', voucherAmountFen: 4_000_000 };

export const registeredContract: ContractView = {
  ...proposal,
  id: 'ct_mock_registered',
  status: 'registered',
  terms: mockTerms,
  voucher: { ...proposal.voucher, status: 'registered', validUntil: iso(now + 90 * DAY), redemptionDeadline: iso(now + 30 * DAY) },
  maxVoucherAmountFen: 4_000_000,
  registeredAt: iso(now - HOUR / 4),
};

export const evidenceFile: EvidenceView = {
  id: 'ev_mock_1',
  filename: '技术服务合同.pdf',
  contentType: 'application/pdf',
  sizeBytes: 182_400,
  sha256: 'a'.repeat(64),
  uploadedAt: iso(now - HOUR / 8),
  redemptionId: null,
};

export const redemption: RedemptionView = {
  id: 'rd_mock',
  contractId: registeredContract.id,
  voucherId: voucher.id,
  applicantId: applicant.id,
  unitId: unit.id,
  actualAmountFen: 8_000_000,
  payableFen: 4_000_000,
  report: '已完成三种材料的质谱分析并交付报告。',
  evidence: [{ ...evidenceFile, redemptionId: 'rd_mock' }],
  status: 'submitted',
  submittedAt: iso(now - HOUR / 10),
  siteVisit: null,
  review: null,
  paymentYear: null,
  payment: null,
  reviewItemId: null,
  notice: null,
  batchId: null,
};

export const messages: MessageView[] = [
  {
    id: 'msg_mock_1',
    kind: 'reminder',
    reminder: 'registration',
    voucherId: voucher.id,
    title: '合同登记即将截止',
    body: '您的创新券将在 3 天后超过合同登记期限，请尽快与开放单位完成合同登记。',
    page: VOUCHERS_PAGE,
    createdAt: iso(now - HOUR),
    read: false,
  },
  { id: 'msg_mock_2', kind: 'status', reminder: null, voucherId: voucher.id, title: '合同已登记', body: '北京化工大学已确认您的合作申请。', page: null, createdAt: iso(now - 2 * HOUR), read: true },
];

// ——— An open unit's staff: its labs and services (sign in as staff: GET /api/me answers staffMe) ———

const staffMe: MeView = {
  user: { ...auth.user, id: 'u_staff', openid: 'dev-wanglaoshi' },
  roles: ['staff'],
  applicant: null,
  openUnit: { id: unit.id, name: unit.name, status: 'active', manager: false },
};

const unitServices: ServiceView[] = [service, statutoryService, computeService];

/** A service as the BFF answers it after POST/PUT (the lab copy from the unit's labs, 第五条 eligibility). */
const serviceFromInput = (id: string, input: ServiceInput): ServiceView => ({
  ...service,
  ...input,
  id,
  compute: input.compute ? { ...input.compute, pricePerCardHourFen: input.priceFen } : null,
  voucherEligible: !input.statutory,
  ineligibleReason: input.statutory ? 'statutory_testing' : null,
  lab: { id: lab.id, name: lab.name, level: lab.level, fields: lab.fields },
});

// ——— Administrators: the dashboard figures (GET /api/admin/stats), consistent with the periods above ———

/** The open period: 62 vouchers, 5 of them void; held = quota − remaining (1,000,000,000 − 734,500,000). */
export const adminStats: AdminStats = {
  generatedAt: iso(now),
  vouchers: {
    total: { count: 62, amountFen: 285_500_000 },
    byStatus: [
      { status: 'claimed', count: 30, amountFen: 135_000_000 },
      { status: 'registered', count: 18, amountFen: 80_500_000 },
      { status: 'redemption_applied', count: 5, amountFen: 25_000_000 },
      { status: 'approved', count: 2, amountFen: 10_000_000 },
      { status: 'paid', count: 1, amountFen: 5_000_000 },
      { status: 'rejected', count: 1, amountFen: 10_000_000 },
      { status: 'void', count: 5, amountFen: 20_000_000 },
    ],
    voidByReason: [
      { reason: 'unregistered_expired', count: 3, amountFen: 12_000_000 },
      { reason: 'validity_expired', count: 0, amountFen: 0 },
      { reason: 'redemption_late', count: 0, amountFen: 0 },
      { reason: 'cancelled', count: 2, amountFen: 8_000_000 },
    ],
  },
  periods: [upcomingPeriod, openPeriod].map((p) => ({
    periodId: p.id,
    name: p.name,
    opensAt: p.opensAt,
    quotaFen: p.quotaFen,
    remainingFen: p.remainingFen,
    vouchersClaimed: p.id === openPeriod.id ? 62 : 0,
    fenClaimed: p.id === openPeriod.id ? 285_500_000 : 0,
    vouchersVoid: p.id === openPeriod.id ? 5 : 0,
    fenVoid: p.id === openPeriod.id ? 20_000_000 : 0,
  })),
};

/** Express-style request/response, as the plugin passes them to function mocks. */
interface Req {
  params: Record<string, string>;
  body?: unknown;
}
interface Res {
  status(code: number): Res;
  json(body: unknown): void;
}

// ——— Review rounds, public notice, payment batches (第十五条4、5) ———
const mockExpert = { id: 'ex_mock_1', userId: 'u_mock_expert', name: '专家甲', organisation: '北京某大学', fields: ['new_materials'], ties: [], active: true };
/** 专家库: one not yet bound, with a declared tie (recusal). */
const mockUnboundExpert = {
  id: 'ex_mock_5',
  userId: null,
  name: '专家戊',
  organisation: '北京某研究院',
  fields: ['intelligent_manufacturing', 'new_materials'],
  ties: [{ kind: 'organisation', id: null, name: '北京理化分析测试中心', relation: '兼职' }],
  active: true,
};
export const reviewItem = {
  id: 'ri_mock_1',
  redemptionId: redemption.id,
  redemptionStatus: 'under_review',
  panel: [
    { expertId: 'ex_mock_1', name: '专家甲', opinion: 'pass', comment: '材料齐全，金额相符', at: iso(now) },
    { expertId: 'ex_mock_2', name: '专家乙', opinion: 'pass', comment: '同意', at: iso(now) },
    { expertId: 'ex_mock_3', name: '专家丙', opinion: 'doubtful', comment: '仪器使用记录需核实', at: iso(now) },
  ],
  excluded: [{ expertId: 'ex_mock_4', name: '专家丁', reasons: ['任职于开放单位「北京理化分析测试中心」'] }],
  panelOpinion: 'pass',
  panelOpinionLabel: '通过',
  followUp: null,
  decision: null,
  earlierDecisions: [],
};
const mockRound = { id: 'rr_mock_1', name: '2026年第4批兑现评审', panelSize: 3, filter: {}, createdAt: iso(now), items: [reviewItem] };
const mockAssignment = {
  id: reviewItem.id,
  roundName: mockRound.name,
  unitName: registeredContract.unitName,
  service: { name: registeredContract.serviceName, category: '分析' },
  terms: mockTerms,
  redemption: { actualAmountFen: redemption.actualAmountFen, payableFen: redemption.payableFen, report: redemption.report, submittedAt: redemption.submittedAt },
  evidence: [evidenceFile],
  decided: false,
  opinion: null,
};
const mockNotice = {
  id: 'nt_mock_1',
  kind: 'redemption',
  title: '2026年第4批创新券兑现公示',
  startDay: '2026-12-07',
  endDay: '2026-12-11',
  phase: 'open',
  workingDays: 5,
  items: [{ id: 'ni_mock_1', unitName: registeredContract.unitName, serviceCategory: '分析', applicantName: '北京示**技有限公司', payableFen: redemption.payableFen, status: 'listed', statusLabel: '公示中' }],
};
const mockObjection = { id: 'ob_mock_1', noticeId: mockNotice.id, itemId: 'ni_mock_1', reason: '怀疑合同金额虚高', lodgedAt: iso(now), status: 'open', resolution: null };
const mockBatch = {
  id: 'pb_mock_1',
  title: '2027年第1批拨付',
  fundsYear: 2027,
  status: 'created',
  totalFen: redemption.payableFen,
  createdAt: iso(now),
  paid: null,
  items: [{ redemptionId: redemption.id, unitName: registeredContract.unitName, contractNo: mockTerms.contractNo, applicantName: '北京示例科技有限公司', serviceName: registeredContract.serviceName, actualAmountFen: redemption.actualAmountFen, payableFen: redemption.payableFen }],
};

// Supervision (第十六、十七、十八条): one decided case against the mock applicant (a ban), one spot check, the public figures.
const mockCase = {
  id: 'mc_mock_1',
  party: { kind: 'applicant', applicantId: applicant.id, name: '北京智感科技有限公司', creditCode: '91110108MA01B2C344' },
  misconduct: [{ kind: 'false_information', text: null }],
  concerned: { voucherIds: [], contractIds: [], redemptionIds: [] },
  summary: '申领时申报的职工人数与社保记录不符',
  files: [],
  origin: null,
  status: 'decided',
  openedAt: iso(now - DAY),
  openedBy: 'u_admin',
  decision: { at: iso(now), day: '2026-12-05', by: 'u_admin', reason: '经核查属实', measures: [{ kind: 'ban', from: '2026-12-05', until: '2029-12-05' }] },
  appeal: null,
  previousDecisions: [],
};
const mockSpotCheck = {
  id: 'sc_mock_1',
  title: '2026年第四季度开放单位抽查',
  population: { kind: 'open_units', fromDay: null, toDay: null },
  want: { size: 1 },
  seed: 20261205,
  populationSize: 3,
  items: [{ id: 'sci_mock_1', subject: 'open_unit', subjectId: unit.id, check: null, caseId: null }],
  drawnAt: iso(now),
  drawnBy: 'u_admin',
};
const mockTransparency = {
  generatedAt: iso(now),
  year: 2026,
  periods: [{ name: openPeriod.name, opensAt: openPeriod.opensAt, closesAt: openPeriod.closesAt, quotaFen: openPeriod.quotaFen, claimed: { count: 52, amountFen: openPeriod.quotaFen - openPeriod.remainingFen } }],
  vouchers: {
    total: { count: 52, amountFen: 265_500_000 },
    byStatus: [{ key: 'claimed', label: '已领取（待登记）', count: 52, amountFen: 265_500_000 }],
    byPriorityField: [{ key: 'intelligent_manufacturing', label: '智能制造', count: 52, amountFen: 265_500_000 }],
    byDistrict: [{ key: '海淀区', label: '海淀区', count: 52, amountFen: 265_500_000 }],
  },
  redemptions: { approvedThisYear: { count: 0, amountFen: 0 }, paidThisYear: { count: 0, amountFen: 0 } },
  notices: [],
  openUnits: [{ name: unit.name, district: '海淀区', region: 'beijing', mutualRecognition: false }],
};
const supervisionMocks = {
  'GET /api/public/transparency': mockTransparency,
  'GET /api/admin/supervision/cases': { items: [mockCase] },
  'GET /api/admin/supervision/cases/:id': { case: mockCase, log: [], chain: { ok: true, entries: 0 } },
  'GET /api/admin/supervision/parties': { items: [{ kind: 'applicant', id: applicant.id, name: '北京智感科技有限公司', creditCode: '91110108MA01B2C344', detail: 'enterprise' }] },
  'GET /api/admin/supervision/party-items': { vouchers: [], contracts: [], redemptions: [] },
  'POST /api/admin/supervision/cases': mockCase,
  'POST /api/admin/supervision/cases/:id/decision': mockCase,
  'POST /api/admin/supervision/cases/:id/measures': mockCase,
  'POST /api/admin/supervision/cases/:id/files': mockCase,
  'GET /api/admin/supervision/cases/:id/files/:fileId': { ok: true },
  'GET /api/supervision/cases': { items: [mockCase] },
  'POST /api/supervision/cases/:id/appeal': { ...mockCase, status: 'appealed', appeal: { at: iso(now), by: 'u_mock', reason: '请求复核' } },
  'GET /api/admin/spot-checks': { items: [mockSpotCheck] },
  'GET /api/admin/spot-checks/:id': {
    check: mockSpotCheck,
    log: [],
    replay: { same: true, populationUnchanged: true, sample: [unit.id] },
    subjects: { [unit.id]: { label: unit.name, parties: [{ kind: 'open_unit', id: unit.id, name: unit.name, creditCode: null, detail: 'active' }] } },
  },
  'POST /api/admin/spot-checks': mockSpotCheck,
  'POST /api/admin/spot-checks/:id/files': { files: [] },
  'POST /api/admin/spot-checks/:id/items/:itemId/check': mockSpotCheck,
  'POST /api/admin/spot-checks/:id/items/:itemId/case': mockCase,
  'GET /api/admin/spot-checks/:id/items/:itemId/files/:fileId': { ok: true },
};

/** The dev templates the BFF answers without WeChat (bff/src/domain/subscriptions.ts DEV_TEMPLATES). */
const subscriptionTemplates = ['registration_reminder', 'contract_result', 'new_proposal', 'new_assignment'].map((topic) => ({ topic, templateId: `dev-${topic}` }));

export default {
  ...supervisionMocks,
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
  // Joining an open unit and its staff (staff/team, my/join).
  'POST /api/open-units/:id/invites': (req: Req & { body?: { manager?: boolean } }, res: Res) => {
    res.status(201).json({ code: 'ABCD-EFGH-JKMN', openUnitId: req.params.id, manager: req.body?.manager === true, expiresAt: iso(now + 7 * DAY) });
  },
  'POST /api/invites/redeem': { openUnit: { id: 'ou_mock', name: '清华大学分析中心' }, manager: false },
  'GET /api/open-units/:id/staff': {
    items: [
      { userId: 'u_staff', name: '王老师', manager: true, boundAt: iso(now - 30 * DAY) },
      { userId: 'u_mock_2', name: '李工', manager: false, boundAt: iso(now - 2 * DAY) },
    ],
  },
  'DELETE /api/open-units/:id/staff/:userId': (_req: Req, res: Res) => {
    res.status(204).json(null);
  },
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
  'GET /api/admin/stats': adminStats,
  // Contracts (第九条, 第十二条, 第十五条2, 第十六条).
  'GET /api/contracts': { contracts: [proposal, registeredContract] },
  'POST /api/contracts': (req: Req, res: Res) => {
    const body = req.body as ProposalInput;
    if (body?.municipalFundingReceived) {
      res.status(422).json({ error: { code: 'MUNICIPAL_FUNDING_DECLARED', message: '已获得市级财政科技资金支持的项目不能使用创新券' } });
    } else res.status(201).json({ ...proposal, project: body?.project ?? proposal.project, voucherId: body?.voucherId ?? voucher.id });
  },
  'GET /api/contracts/:id': (req: Req, res: Res) => {
    const found = [proposal, registeredContract].find((c) => c.id === req.params.id);
    if (!found) res.status(404).json({ error: { code: 'NOT_FOUND', message: '找不到要访问的内容' } });
    else res.json(found);
  },
  'POST /api/contracts/:id/confirm': (req: Req, res: Res) => {
    const terms = req.body as ContractTerms;
    if (terms.voucherAmountFen > Math.min(voucher.amountFen, Math.floor(terms.contractAmountFen / 2))) {
      res.status(422).json({ error: { code: 'VOUCHER_AMOUNT_TOO_HIGH', message: '使用创新券金额超过上限', details: { maxFen: Math.min(voucher.amountFen, Math.floor(terms.contractAmountFen / 2)) } } });
    } else res.json({ ...registeredContract, id: req.params.id, terms });
  },
  'POST /api/contracts/:id/reject': (req: Req, res: Res) => {
    res.json({ ...proposal, id: req.params.id, status: 'rejected', rejection: { reason: (req.body as { reason: string }).reason, at: new Date().toISOString() } });
  },
  'POST /api/contracts/:id/amend': (req: Req, res: Res) => {
    const { reason, ...changes } = (req.body ?? {}) as AmendInput;
    const terms: ContractTerms = { ...mockTerms, ...changes };
    const maxFen = Math.min(voucher.amountFen, Math.floor(terms.contractAmountFen / 2));
    if (terms.voucherAmountFen > maxFen) {
      res.status(422).json({ error: { code: 'VOUCHER_AMOUNT_TOO_HIGH', message: '使用创新券金额超过上限', details: { maxFen, clause: '第十二条' } } });
    } else {
      res.json({
        ...registeredContract,
        id: req.params.id,
        terms,
        maxVoucherAmountFen: maxFen,
        amendments: [{ at: new Date().toISOString(), reason: reason ?? null, before: mockTerms, after: terms }],
      });
    }
  },
  'POST /api/contracts/:id/cancel': (req: Req, res: Res) => {
    res.json({ ...proposal, id: req.params.id, status: 'withdrawn', closed: { at: new Date().toISOString(), role: 'applicant', reason: null } });
  },
  'GET /api/contracts/:id/evidence': { evidence: [evidenceFile] },
  'POST /api/contracts/:id/evidence': (_req: Req, res: Res) => {
    res.status(201).json({ evidence: [evidenceFile] });
  },
  'GET /api/contracts/:id/evidence/:evidenceId': '%PDF-1.4 mock',
  // Redemption (第十五条3—5).
  'POST /api/contracts/:id/redemption': (_req: Req, res: Res) => {
    res.status(201).json(redemption);
  },
  'GET /api/contracts/:id/redemption': (req: Req, res: Res) => {
    if (req.params.id === registeredContract.id) res.json(redemption);
    else res.status(404).json({ error: { code: 'NOT_FOUND', message: '该合同尚未申请兑现' } });
  },
  'GET /api/admin/redemptions': { redemptions: [redemption] },
  // Review rounds, public notices, payment batches (第十五条4、5; docs/review.md).
  'POST /api/expert-invites/redeem': mockExpert,
  // 专家库 (review/experts, review/expert).
  'GET /api/admin/experts': { experts: [mockExpert, mockUnboundExpert] },
  'POST /api/admin/experts': (req: Req, res: Res) => {
    res.status(201).json({ ...mockUnboundExpert, ties: [], ...((req.body as object | undefined) ?? {}), id: 'ex_mock_new', userId: null, active: true });
  },
  'PUT /api/admin/experts/:id': (req: Req, res: Res) => {
    const known = [mockExpert, mockUnboundExpert].find((e) => e.id === req.params.id) ?? mockUnboundExpert;
    res.json({ ...known, ...((req.body as object | undefined) ?? {}), id: req.params.id });
  },
  'POST /api/admin/experts/:id/invites': (_req: Req, res: Res) => {
    res.status(201).json({ code: 'WXYZ-2345-6789', expiresAt: iso(now + 7 * DAY) });
  },
  'GET /api/expert/assignments': { assignments: [{ id: reviewItem.id, roundName: mockRound.name, unitName: registeredContract.unitName, payableFen: redemption.payableFen, decided: false, opinion: null, assignedAt: iso(now) }] },
  'GET /api/expert/assignments/:id': mockAssignment,
  'POST /api/expert/assignments/:id/opinion': (req: Req, res: Res) => {
    const body = req.body as { opinion: string; comment: string };
    res.json({ ...mockAssignment, opinion: { opinion: body.opinion, comment: body.comment, at: new Date().toISOString() } });
  },
  'GET /api/expert/assignments/:id/evidence/:evidenceId': '%PDF-1.4 mock',
  'GET /api/admin/review-rounds': { rounds: [{ id: mockRound.id, name: mockRound.name, panelSize: 3, items: 1, createdAt: iso(now) }] },
  'GET /api/admin/review-rounds/:id': mockRound,
  'POST /api/admin/review-rounds': (_req: Req, res: Res) => {
    res.status(201).json(mockRound);
  },
  'POST /api/admin/review-rounds/:id/remind': { reminded: 1 },
  'POST /api/admin/review-items/:id/follow-up': (req: Req, res: Res) => {
    res.json({ ...reviewItem, followUp: { ...(req.body as object), label: '答辩会', scheduledAt: new Date().toISOString(), outcome: null } });
  },
  'POST /api/admin/review-items/:id/follow-up/outcome': (req: Req, res: Res) => {
    const body = req.body as { result: string; summary: string };
    res.json({ ...reviewItem, followUp: { kind: 'hearing', label: '答辩会', day: '2026-12-10', place: '市科委三层会议室', participants: ['专家丙'], scheduledAt: iso(now), outcome: { ...body, at: new Date().toISOString() } } });
  },
  'POST /api/admin/review-items/:id/decision': (req: Req, res: Res) => {
    const body = req.body as { decision: string; reason?: string };
    res.json({ ...reviewItem, decision: { decision: body.decision, panelOpinion: 'pass', againstPanel: body.decision !== 'approve', reason: body.reason ?? null, at: new Date().toISOString() } });
  },
  'GET /api/notices': { notices: [{ id: mockNotice.id, kind: 'redemption', title: mockNotice.title, startDay: mockNotice.startDay, endDay: mockNotice.endDay, phase: 'open' }] },
  'GET /api/notices/:id': mockNotice,
  'POST /api/notices/:id/items/:itemId/objections': (req: Req, res: Res) => {
    res.status(201).json({ ...mockObjection, reason: (req.body as { reason: string }).reason });
  },
  'POST /api/admin/notices': (_req: Req, res: Res) => {
    res.status(201).json(mockNotice);
  },
  'GET /api/admin/objections': { objections: [mockObjection] },
  'POST /api/admin/objections/:id/resolve': (req: Req, res: Res) => {
    const body = req.body as { outcome: string; reason: string };
    res.json({ ...mockObjection, status: body.outcome, resolution: { reason: body.reason, at: new Date().toISOString() } });
  },
  'GET /api/admin/payables': { redemptions: [{ ...redemption, status: 'payable' }] },
  'GET /api/admin/payment-batches': { batches: [mockBatch] },
  'POST /api/admin/payment-batches': (_req: Req, res: Res) => {
    res.status(201).json(mockBatch);
  },
  'GET /api/admin/payment-batches/:id/export': 'PK mock workbook',
  'POST /api/admin/payment-batches/:id/paid': (req: Req, res: Res) => {
    res.json({ ...mockBatch, status: 'paid', paid: { at: new Date().toISOString(), reference: (req.body as { reference: string }).reference } });
  },
  // An open unit's staff: 本单位服务 (第五条): the unit's labs, its listed services, add, edit, withdraw.
  'GET /api/open-units/:id/labs': { items: [lab] },
  'GET /api/open-units/:id/services': { items: unitServices, nextCursor: null },
  'POST /api/open-units/:id/services': (req: Req, res: Res) => {
    res.status(201).json(serviceFromInput('sv_mock_created', req.body as ServiceInput));
  },
  'PUT /api/open-units/:id/services/:serviceId': (req: Req, res: Res) => {
    if (!unitServices.some((s) => s.id === req.params.serviceId)) res.status(404).json({ error: { code: 'NOT_FOUND', message: '找不到该服务' } });
    else res.json(serviceFromInput(req.params.serviceId, req.body as ServiceInput));
  },
  'DELETE /api/open-units/:id/services/:serviceId': (req: Req, res: Res) => {
    if (!unitServices.some((s) => s.id === req.params.serviceId)) res.status(404).json({ error: { code: 'NOT_FOUND', message: '找不到该服务' } });
    else res.status(204).json(null);
  },
  // The message centre.
  'GET /api/messages': { messages },
  'GET /api/messages/unread-count': { unread: messages.filter((m) => !m.read).length },
  'POST /api/messages/:id/read': (req: Req, res: Res) => {
    const found = messages.find((m) => m.id === req.params.id);
    if (!found) res.status(404).json({ error: { code: 'NOT_FOUND', message: '找不到要访问的内容' } });
    else res.json({ ...found, read: true });
  },
  'POST /api/messages/read-all': { marked: messages.filter((m) => !m.read).length },
  // Subscribe-message consent (issue #19): the templates the app asks for, and the answers it records.
  'GET /api/me/subscriptions': { templates: subscriptionTemplates, mine: [] },
  'POST /api/me/subscriptions': (req: Req, res: Res) => {
    const results = ((req.body as { results?: Record<string, string> } | undefined)?.results ?? {}) as Record<string, string>;
    res.json({
      templates: subscriptionTemplates,
      mine: subscriptionTemplates
        .filter((t) => results[t.templateId])
        .map((t) => ({ ...t, credits: results[t.templateId] === 'accept' ? 1 : 0, banned: results[t.templateId] === 'ban', lastDecision: results[t.templateId], decidedAt: new Date().toISOString() })),
    });
  },
};


/** GET /api/me for an administrator, for trying the admin sub-package by hand. */
export const adminMeAnswer = adminMe;

/** GET /api/me for an open unit's staff member, for trying the staff sub-package by hand. */
export const staffMeAnswer = staffMe;

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
