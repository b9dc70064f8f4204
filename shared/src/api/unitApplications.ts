/**
 * The wire shapes of unit applications (入库申请 / 开放单位申请, 第六条; POLICY.md "Open units: joining, leaving
 * and the annual performance evaluation"): anyone signed in applies on behalf of an organisation; an
 * administrator asks for more information, approves or refuses with reasons; an approved application goes
 * to a public notice of 5 working days (the same notices as redemptions: GET /api/notices/:id, objections
 * through POST /api/notices/:id/items/:itemId/objections); when the notice ends with no open objection the
 * open unit is created, the applying user becomes its manager and the instruments seed its lab and services.
 *
 * Declared once for the BFF and the mini-program. Dates are ISO strings (UTC instants) or IsoDay
 * (`YYYY-MM-DD`, Beijing calendar); money is integer fen in answers, yuan in the instrument inputs
 * (converted once, on the BFF).
 */
import type { OpenUnitKind, LabLevel, PriceUnit, PriorityField, ServiceCategory } from '../policy/fields';

/** The six conditions of 第六条, in the order the rules list them. */
export const UNIT_APPLICATION_CONDITIONS = [
  'legal_person',
  'open_instruments',
  'service_team',
  'high_end_industries',
  'service_rules',
  'finance_credit',
] as const;
export type UnitApplicationCondition = (typeof UNIT_APPLICATION_CONDITIONS)[number];

export const UNIT_APPLICATION_CONDITION_LABELS: Readonly<Record<UnitApplicationCondition, string>> = {
  legal_person: '在京注册的独立法人',
  open_instruments: '拥有可对外开放的科研设施与仪器',
  service_team: '具备专业的服务团队',
  high_end_industries: '具备服务高精尖产业发展的能力',
  service_rules: '有明确的服务内容、服务规范和收费标准',
  finance_credit: '财务管理规范，近三年无不良信用记录',
};

/**
 * submitted ─request_info─▶ info_requested ─(applicant resubmits)─▶ submitted
 * submitted ─approve─▶ in_notice ─(5 working days, no open objection)─▶ joined
 * submitted ─refuse─▶ refused
 * in_notice ─(objection upheld)─▶ submitted (back to the administrator, the objection's reason shown)
 */
export const UNIT_APPLICATION_STATUSES = ['submitted', 'info_requested', 'in_notice', 'joined', 'refused'] as const;
export type UnitApplicationStatus = (typeof UNIT_APPLICATION_STATUSES)[number];

export const UNIT_APPLICATION_STATUS_LABELS: Readonly<Record<UnitApplicationStatus, string>> = {
  submitted: '待审核',
  info_requested: '需补充材料',
  in_notice: '审核通过，公示中',
  joined: '已入库',
  refused: '未通过',
};

/** One condition of 第六条 answered: a short statement and optional files (ids from the files upload). */
export interface ConditionAnswerInput {
  statement: string;
  fileIds?: string[];
}

/** An instrument to open. Its original value is in yuan (≤ 2 decimals); the service fields seed the catalogue. */
export interface InstrumentInput {
  name: string;
  model?: string | null;
  maker?: string | null;
  /** 原值, yuan. */
  originalValueYuan: number;
  /** The service the instrument will be listed under once the unit joins. */
  category: ServiceCategory;
  /** Proposed price, yuan (≤ 2 decimals). */
  priceYuan: number;
  priceUnit: PriceUnit;
  /** Days to deliver, default 5. */
  leadTimeDays?: number;
  /** Compute services only (category `compute`, priced per card-hour): the GPU and the number of cards. */
  compute?: { gpuModel: string; cards: number } | null;
}

export interface UnitApplicationContact {
  name: string;
  phone: string;
  email?: string | null;
}

/** Body of POST /api/unit-applications, and of PUT /api/unit-applications/:id (resubmission). */
export interface UnitApplicationInput {
  name: string;
  /** 统一社会信用代码, validated as for enterprises (policy/creditCode.ts). */
  creditCode: string;
  kind: OpenUnitKind;
  /** 区, e.g. 海淀区 (Beijing units only: 第六条 "在京注册"). */
  district: string;
  /** Priority fields the unit serves (第七条5); they become its lab's fields. */
  fields: PriorityField[];
  /** The lab the instruments are opened in (seeded at joining). */
  lab: { name: string; level: LabLevel };
  conditions: Record<UnitApplicationCondition, ConditionAnswerInput>;
  instruments: InstrumentInput[];
  contact: UnitApplicationContact;
}

export interface UnitApplicationFileView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface InstrumentView {
  name: string;
  model: string | null;
  maker: string | null;
  originalValueFen: number;
  category: ServiceCategory;
  priceFen: number;
  priceUnit: PriceUnit;
  leadTimeDays: number;
  compute: { gpuModel: string; cards: number } | null;
}

/** One administrator step, newest last. */
export interface UnitApplicationEvent {
  event: 'submitted' | 'info_requested' | 'resubmitted' | 'approved' | 'refused' | 'objection_lodged' | 'objection_dismissed' | 'objection_upheld' | 'joined';
  at: string;
  /** The administrator's message or reason, where the step has one. */
  message: string | null;
}

export interface UnitApplicationView {
  id: string;
  status: UnitApplicationStatus;
  statusLabel: string;
  name: string;
  creditCode: string;
  kind: OpenUnitKind;
  district: string;
  fields: PriorityField[];
  lab: { name: string; level: LabLevel };
  conditions: Record<UnitApplicationCondition, { statement: string; fileIds: string[] }>;
  instruments: InstrumentView[];
  /** Sum of the instruments' original values. */
  totalOriginalValueFen: number;
  contact: { name: string; phone: string; email: string | null };
  files: UnitApplicationFileView[];
  /** What the administrator asked for (info_requested) or why it was refused (refused). */
  adminMessage: string | null;
  /** While in notice and after: the notice to follow. */
  notice: { noticeId: string; itemId: string; startDay: string; endDay: string } | null;
  /** Once joined. */
  unitId: string | null;
  history: UnitApplicationEvent[];
  submittedAt: string;
  updatedAt: string;
}

/** GET /api/unit-applications/mine and GET /api/admin/unit-applications. */
export interface UnitApplicationsAnswer {
  applications: UnitApplicationView[];
}

/**
 * Files: POST /api/unit-applications/:id/files (multipart/form-data, field "files", PDF/JPEG/PNG) answers
 * `{ files: UnitApplicationFileView[] }`; a condition cites them by id (PUT the application with `fileIds`).
 * GET /api/unit-applications/:id/files/:fileId downloads one (the applicant and administrators).
 */
export interface UnitApplicationFilesAnswer {
  files: UnitApplicationFileView[];
}

/** POST /api/admin/unit-applications/:id/request-info. */
export interface RequestInfoInput {
  message: string;
}

/** POST /api/admin/unit-applications/:id/approve: the notice starts on `startDay` (default today, Beijing). */
export interface ApproveApplicationInput {
  startDay?: string;
  title?: string;
}

/** POST /api/admin/unit-applications/:id/refuse. */
export interface RefuseApplicationInput {
  reason: string;
}
