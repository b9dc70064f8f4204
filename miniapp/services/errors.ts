/**
 * One table: every BFF error code → what the founder reads and what to do next. The base sentence is
 * shared's ERRORS message (the same table the BFF answers with); this adds a short title, the facts
 * from `details` (allowance left, quota left, failed clauses) and the next step a screen offers.
 */
import { ERRORS, formatFen, type ErrorCode } from '@kcq/shared';
import { ApiError, NETWORK_ERROR, isApiError } from './client';

/** What a button on an error state does; the screen decides how (navigate, reopen the sheet…). */
export type NextAction =
  | 'next_period' // show the next period's opening time
  | 'adjust_amount' // back to the amount field of the claim sheet
  | 'my_vouchers' // go to 我的券
  | 'edit_profile' // go to the applicant form / eligibility wizard
  | 'sign_in' // go to sign-in
  | 'retry' // run the same action again
  | 'refresh' // reload what the screen shows
  | 'catalogue' // back to the lab catalogue (another service or unit)
  | 'back'; // leave this page (the previous screen)

export interface NextStep {
  label: string;
  action: NextAction;
}

export interface ErrorView {
  code: string;
  /** Short headline, e.g. 已抢完. */
  title: string;
  /** One sentence: shared's message (or the BFF's more precise one). */
  message: string;
  /** Facts from details: "本年度剩余可领额度 …", "第七条第三项：…". */
  hints: string[];
  next?: NextStep;
  /** The refusal's machine-readable facts (remainingFen, allowanceFen, failures…). */
  details: Record<string, unknown>;
}

interface Entry {
  title: string;
  next?: NextStep;
  /** Prefer the BFF's own message (it is more precise than the table's, e.g. which field). */
  serverMessage?: boolean;
  hints?: (details: Record<string, unknown>) => string[];
}

const fen = (v: unknown): string | null => (typeof v === 'number' && Number.isSafeInteger(v) ? formatFen(v) : null);

function failureLines(details: Record<string, unknown>): string[] {
  const failures = Array.isArray(details.failures) ? details.failures : [];
  return failures
    .filter((f): f is { clause?: string; message: string } => !!f && typeof (f as { message?: unknown }).message === 'string')
    .map((f) => (f.clause ? `${f.clause}：${f.message}` : f.message));
}

function fieldLines(details: Record<string, unknown>): string[] {
  const fields = Array.isArray(details.fields) ? details.fields : [];
  return fields
    .filter((f): f is { message: string } => !!f && typeof (f as { message?: unknown }).message === 'string')
    .map((f) => f.message);
}

const SIGN_IN: NextStep = { label: '重新登录', action: 'sign_in' };
const RETRY: NextStep = { label: '重试', action: 'retry' };
const REFRESH: NextStep = { label: '刷新', action: 'refresh' };
const CATALOGUE: NextStep = { label: '看看其他服务', action: 'catalogue' };
const BACK: NextStep = { label: '返回', action: 'back' };

/** Codes not in shared's ERRORS that the client itself produces. */
const CLIENT_MESSAGES: Record<string, string> = {
  [NETWORK_ERROR]: '网络连接失败，请检查网络后重试',
  UNKNOWN: '系统繁忙，请稍后再试',
};

export const ERROR_TABLE: Partial<Record<ErrorCode | typeof NETWORK_ERROR | 'UNKNOWN', Entry>> = {
  // The flash claim (第十二条, 第十五条1).
  SOLD_OUT: { title: '已抢完', next: { label: '查看下一期开放时间', action: 'next_period' } },
  INSUFFICIENT_QUOTA: {
    title: '剩余额度不足',
    next: { label: '调整金额', action: 'adjust_amount' },
    hints: (d) => (fen(d.remainingFen) ? [`本期剩余额度 ${fen(d.remainingFen)}，可按此金额重新领取`] : []),
  },
  ALREADY_CLAIMED: { title: '本期已领取', next: { label: '查看我的券', action: 'my_vouchers' } },
  PERIOD_NOT_OPEN: { title: '不在领取时间', next: { label: '查看开放时间', action: 'next_period' } },
  ANNUAL_CAP_EXCEEDED: {
    title: '超出年度额度',
    next: { label: '调整金额', action: 'adjust_amount' },
    hints: (d) => (fen(d.allowanceFen) !== null ? [`本年度剩余可领额度 ${fen(d.allowanceFen)}`] : []),
  },
  NOT_ELIGIBLE: { title: '暂不符合申领条件', next: { label: '修改申领信息', action: 'edit_profile' }, hints: failureLines },
  IDEMPOTENCY_KEY_REUSED: { title: '请重新领取', next: { label: '重新领取', action: 'retry' } },
  IDEMPOTENCY_KEY_REQUIRED: { title: '请更新小程序' },
  SERVICE_UNAVAILABLE: { title: '服务繁忙', next: RETRY },
  // Shed by admission control after every automatic retry: nothing was claimed, trying again is safe.
  BUSY: { title: '排队人数较多', next: RETRY },
  // The BFF's message says how long to wait: 操作太频繁，请 N 秒后再试.
  RATE_LIMITED: { title: '操作太频繁', next: RETRY, serverMessage: true },
  INTERNAL: { title: '系统繁忙', next: RETRY },
  [NETWORK_ERROR]: { title: '网络异常', next: RETRY },
  UNKNOWN: { title: '系统繁忙', next: RETRY },
  // Input.
  VALIDATION_FAILED: { title: '信息有误', serverMessage: true, hints: fieldLines },
  // Sessions.
  UNAUTHENTICATED: { title: '请先登录', next: { label: '去登录', action: 'sign_in' } },
  TOKEN_EXPIRED: { title: '登录已过期', next: SIGN_IN },
  TOKEN_INVALID: { title: '登录状态无效', next: SIGN_IN },
  WECHAT_LOGIN_FAILED: { title: '登录失败', next: RETRY },
  WECHAT_UNAVAILABLE: { title: '微信服务不可用', next: RETRY },
  FORBIDDEN: { title: '无法操作', serverMessage: true, next: { label: '登记申领主体', action: 'edit_profile' } },
  // Applicants.
  ALREADY_REGISTERED: { title: '已登记', next: { label: '查看申领信息', action: 'edit_profile' } },
  ENTERPRISE_TAKEN: { title: '信用代码已被登记' },
  PROFILE_KIND_MISMATCH: { title: '主体类型不符' },
  CONFLICT: { title: '数据已更新', next: { label: '刷新', action: 'refresh' } },
  DUPLICATE: { title: '记录已存在' },
  NOT_FOUND: { title: '内容不存在', serverMessage: true, next: { label: '刷新', action: 'refresh' } },
  // Vouchers.
  INVALID_TRANSITION: { title: '无法操作', next: { label: '刷新', action: 'refresh' } },
  REGISTRATION_DEADLINE_PASSED: { title: '已作废', next: { label: '刷新', action: 'refresh' } },
  VALIDITY_EXPIRED: { title: '已作废', next: { label: '刷新', action: 'refresh' } },
  REDEMPTION_DEADLINE_PASSED: { title: '已作废', next: { label: '刷新', action: 'refresh' } },
  ACTOR_NOT_ALLOWED: { title: '无权操作', next: BACK },
  DEADLINE_NOT_REACHED: { title: '尚未到期', next: REFRESH },
  // Requests the app should never send (an outdated app, a proxy in the way).
  BAD_JSON: { title: '请求有误', next: BACK },
  PAYLOAD_TOO_LARGE: { title: '内容过大', next: BACK },
  UNSUPPORTED_MEDIA_TYPE: { title: '请求有误', next: BACK },
  CONTENT_ENCODING_INVALID: { title: '请求有误', next: BACK },
  ROUTE_NOT_FOUND: { title: '请更新小程序', next: BACK },
  METHOD_NOT_ALLOWED: { title: '请更新小程序', next: BACK },
  // Invites and roles (开放单位工作人员, 管理员).
  INVITE_INVALID: { title: '邀请码无效', next: RETRY },
  INVITE_EXPIRED: { title: '邀请码已过期', next: BACK },
  INVITE_USED: { title: '邀请码已使用', next: BACK },
  ALREADY_BOUND: { title: '已绑定开放单位', next: REFRESH },
  CANNOT_REVOKE_SELF: { title: '无法撤销', next: REFRESH },
  // Periods, administrators (第十二条, 第十五条1).
  PERIOD_ALREADY_OPEN: { title: '周期已开始', next: { label: '刷新周期', action: 'refresh' } },
  // Contracts (第九条, 第十二条, 第十五条2, 第十六条).
  MUNICIPAL_FUNDING_DECLARED: { title: '不能使用创新券', next: BACK },
  VOUCHER_HAS_CONTRACT: { title: '券已用于其他合同', next: { label: '查看我的券', action: 'my_vouchers' } },
  VOUCHER_NOT_AVAILABLE: { title: '券不可用', next: { label: '查看我的券', action: 'my_vouchers' } },
  CONTRACT_STATE: { title: '合同状态已变化', next: REFRESH },
  CONTRACT_ALREADY_CONFIRMED: { title: '合同已确认', next: REFRESH },
  VOUCHER_AMOUNT_TOO_HIGH: { title: '用券金额过高', serverMessage: true, next: BACK },
  CONTRACT_DATES_INVALID: { title: '合同日期有误', next: BACK },
  CONTRACT_END_OUT_OF_RANGE: { title: '合同到期日有误', next: BACK },
  REASON_REQUIRED: { title: '请填写原因', next: BACK },
  // Redemption and evidence (第十五条3—5).
  REDEMPTION_EXISTS: { title: '已申请兑现', next: REFRESH },
  REDEMPTION_STATE: { title: '兑现状态已变化', next: REFRESH },
  EVIDENCE_REQUIRED: { title: '缺少证明材料', next: BACK },
  EVIDENCE_TOO_MANY: { title: '文件过多', next: BACK },
  EVIDENCE_TOO_LARGE: { title: '文件过大', next: BACK },
  EVIDENCE_TYPE_NOT_ALLOWED: { title: '文件类型不支持', next: BACK },
  // The BFF's message names the limit and what the contract already holds.
  EVIDENCE_CONTRACT_FILES_LIMIT: { title: '材料数量已达上限', next: REFRESH, serverMessage: true },
  EVIDENCE_CONTRACT_BYTES_LIMIT: { title: '材料大小已达上限', next: REFRESH, serverMessage: true },
  EVIDENCE_UPLOAD_CLOSED: { title: '已申请兑现', next: REFRESH },
  UPLOAD_INCOMPLETE: { title: '上传未完成', next: RETRY },
  STORAGE_FULL: { title: '暂时无法上传', next: RETRY },
  PAYMENT_NOT_DUE: { title: '尚未到拨付年度', next: REFRESH },
  // The open-lab catalogue (第五条, 第六条, 第十九条).
  OPEN_UNIT_NOT_ACTIVE: { title: '开放单位暂停服务', next: CATALOGUE },
  OPEN_UNIT_NOT_RECOGNISED: { title: '未纳入津冀互认', next: CATALOGUE },
  OPEN_UNIT_STATUS_CONFLICT: { title: '单位状态已变化', next: REFRESH },
  LEAVE_NOTICE_TOO_SHORT: { title: '告知期不足一个月', next: BACK },
  LEAVE_NOT_DUE: { title: '尚未到退出日期', next: REFRESH },
  SERVICE_NOT_VOUCHER_ELIGIBLE: { title: '该服务不可用券', next: CATALOGUE },
  LAB_HAS_SERVICES: { title: '实验室仍有在架服务', next: REFRESH },
  // Supervision (第十六、十七、十八条): the BFF's message names the ban's dates and the case.
  APPLICANT_BANNED: { title: '申报资格已被取消', next: BACK, serverMessage: true },
  OPEN_UNIT_BANNED: { title: '开放单位已被取消资格', next: CATALOGUE, serverMessage: true },
  PAYMENTS_SUSPENDED: { title: '暂停拨付', next: REFRESH, serverMessage: true },
  CASE_STATE: { title: '案件状态已变化', next: REFRESH },
  SPOT_CHECK_EMPTY: { title: '没有可抽取的对象', next: BACK },
  // Open units joining (第六条) and the yearly evaluation (第十一、十四条).
  UNIT_APPLICATION_STATE: { title: '申请状态已变化', next: REFRESH },
  UNIT_APPLICATION_EXISTS: { title: '已有在办申请', next: BACK },
  UNIT_NAME_TAKEN: { title: '单位名称已被使用', next: BACK },
  EVALUATION_ROUND_EXISTS: { title: '本年度考核已开启', next: REFRESH },
  EVALUATION_PHASE: { title: '考核阶段已变化', next: REFRESH },
  DECLARATION_CLOSED: { title: '申报已截止', next: BACK },
  NO_DECLARATIONS: { title: '尚无单位申报', next: BACK },
  SCORES_INCOMPLETE: { title: '评分未齐', next: REFRESH },
  SUBSIDY_ABOVE_CEILING: { title: '超出补助上限', next: BACK },
  // Experts, review rounds, public notices, payment batches (第十五条4、5).
  EXPERT_NOT_FOUND: { title: '找不到该专家', next: REFRESH },
  EXPERT_ALREADY_BOUND: { title: '已绑定', next: REFRESH },
  NOTHING_TO_REVIEW: { title: '没有待评审的申请', next: BACK },
  PANEL_UNAVAILABLE: { title: '可选专家不足', next: BACK },
  REVIEW_STATE: { title: '评审状态已变化', next: REFRESH },
  PANEL_INCOMPLETE: { title: '专家意见未齐', next: REFRESH },
  FOLLOW_UP_PENDING: { title: '调研或答辩未完成', next: REFRESH },
  DECISION_REASON_REQUIRED: { title: '请说明理由', next: BACK },
  NOTICE_NOT_OPEN: { title: '不在公示期内', next: REFRESH },
  NOTICE_ITEM_STATE: { title: '公示事项状态已变化', next: REFRESH },
  NOTHING_TO_NOTICE: { title: '没有待公示的事项', next: BACK },
  OBJECTION_STATE: { title: '异议已处理', next: REFRESH },
  NOTHING_PAYABLE: { title: '没有可拨付的兑现', next: BACK },
  BATCH_STATE: { title: '批次状态已变化', next: REFRESH },
};

/** The table's base message for a code: shared's ERRORS, or the client's own codes. */
export function baseMessage(code: string): string | undefined {
  return (ERRORS as Record<string, { message: string }>)[code]?.message ?? CLIENT_MESSAGES[code];
}

/** Turns anything a request threw into what an error state shows. */
export function describeError(error: unknown): ErrorView {
  const e: ApiError = isApiError(error) ? error : new ApiError(0, 'UNKNOWN', CLIENT_MESSAGES.UNKNOWN);
  const entry = ERROR_TABLE[e.code as keyof typeof ERROR_TABLE];
  const details = e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {};
  const base = baseMessage(e.code);
  const message = (entry?.serverMessage ? e.message : base) || e.message || CLIENT_MESSAGES.UNKNOWN;
  return {
    code: e.code,
    title: entry?.title ?? '操作未完成',
    message,
    hints: entry?.hints ? entry.hints(details) : [],
    next: entry?.next,
    details,
  };
}

/** One line for a toast: "已抢完：本期创新券已领完". */
export function errorLine(error: unknown): string {
  const v = describeError(error);
  return v.message.startsWith(v.title) ? v.message : `${v.title}：${v.message}`;
}
