/**
 * Every machine-readable error code the BFF answers with: its HTTP status and the Chinese
 * message a screen shows. One table for both sides: the BFF maps domain errors through it,
 * the mini-program renders it. Add a code here before throwing it anywhere.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误，请检查后重试' },
  BAD_JSON: { status: 400, message: '请求格式有误' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  /** A body whose Content-Encoding (gzip, deflate, br) does not inflate. */
  CONTENT_ENCODING_INVALID: { status: 400, message: '请求内容的压缩格式有误' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  TOKEN_INVALID: { status: 401, message: '登录状态无效，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  NOT_ELIGIBLE: { status: 403, message: '暂不符合申领条件' },
  NOT_FOUND: { status: 404, message: '找不到要访问的内容' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方式' },
  CONFLICT: { status: 409, message: '数据已被他人修改，请刷新后重试' },
  DUPLICATE: { status: 409, message: '该记录已存在' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  /** Admission control (docs/claims.md): this instance has as many claims in flight as it can answer in time. */
  BUSY: { status: 503, message: '当前领取人数较多，正在排队，请稍后重试' },
  // Sign-in, identities and authorization.
  WECHAT_LOGIN_FAILED: { status: 401, message: '微信登录失败，请重新进入小程序后再试' },
  WECHAT_UNAVAILABLE: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  ALREADY_REGISTERED: { status: 409, message: '您已登记过申领主体，请勿重复登记' },
  ENTERPRISE_TAKEN: { status: 409, message: '该统一社会信用代码已被其他用户登记，如有疑问请联系管理员' },
  PROFILE_KIND_MISMATCH: { status: 409, message: '申领主体类型不符，无法执行此操作' },
  INVITE_INVALID: { status: 404, message: '邀请码无效，请核对后重试' },
  INVITE_EXPIRED: { status: 410, message: '邀请码已过期，请联系管理员重新获取' },
  INVITE_USED: { status: 409, message: '邀请码已被使用' },
  ALREADY_BOUND: { status: 409, message: '您已绑定开放单位，如需更换请先解除绑定' },
  CANNOT_REVOKE_SELF: { status: 409, message: '不能撤销自己的管理员角色' },
  // Periods and the flash claim (第十二条, 第十五条1).
  PERIOD_NOT_OPEN: { status: 409, message: '本期创新券不在领取时间内' },
  PERIOD_ALREADY_OPEN: { status: 409, message: '发放周期已开始，不能再修改' },
  SOLD_OUT: { status: 409, message: '本期创新券已领完' },
  INSUFFICIENT_QUOTA: { status: 409, message: '本期剩余额度不足您申请的金额，可减少金额后重试' },
  ALREADY_CLAIMED: { status: 409, message: '您已领取过本期创新券' },
  ANNUAL_CAP_EXCEEDED: { status: 422, message: '超出本年度可领取额度' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: '请求缺少有效的 Idempotency-Key，请更新小程序后重试' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '重复的请求标识对应了不同的领取内容，请重新发起领取' },
  // The voucher life cycle (第十五条, 第十六条).
  INVALID_TRANSITION: { status: 409, message: '创新券当前状态不允许此操作' },
  ACTOR_NOT_ALLOWED: { status: 403, message: '您无权对该创新券执行此操作' },
  REGISTRATION_DEADLINE_PASSED: { status: 409, message: '已超过领取后15日的合同登记期限，创新券已作废' },
  VALIDITY_EXPIRED: { status: 409, message: '已超过3个月有效期，创新券已作废' },
  REDEMPTION_DEADLINE_PASSED: { status: 409, message: '已超过合同到期后1个月的兑现申请期限，创新券已作废' },
  DEADLINE_NOT_REACHED: { status: 409, message: '该创新券尚未到期，不能作废' },
  CONTRACT_END_OUT_OF_RANGE: { status: 422, message: '合同到期日须在登记日至有效期截止日之间' },
  REASON_REQUIRED: { status: 400, message: '请填写原因' },
  // Contracts: proposal, confirmation and registration, changes (第九条, 第十二条, 第十五条2, 第十六条).
  MUNICIPAL_FUNDING_DECLARED: { status: 422, message: '已获得过市级财政科技资金支持的项目，不能再使用创新券（第十二条）' },
  VOUCHER_HAS_CONTRACT: { status: 409, message: '该创新券已用于另一份合同，一张创新券只能对应一份合同（第十六条）' },
  VOUCHER_NOT_AVAILABLE: { status: 409, message: '该创新券当前不能用于新的合同' },
  CONTRACT_STATE: { status: 409, message: '合同当前状态不允许此操作' },
  CONTRACT_ALREADY_CONFIRMED: { status: 409, message: '该合同已按其他内容确认登记，请刷新后查看' },
  VOUCHER_AMOUNT_TOO_HIGH: { status: 422, message: '使用创新券金额不能超过券面金额，且不能超过合同金额的50%（第十二条）' },
  CONTRACT_DATES_INVALID: { status: 422, message: '合同起止日期有误' },
  // Redemption, evidence and review (第十五条3—5).
  REDEMPTION_EXISTS: { status: 409, message: '该合同已申请过兑现' },
  REDEMPTION_STATE: { status: 409, message: '兑现申请当前状态不允许此操作' },
  EVIDENCE_REQUIRED: { status: 400, message: '请上传证明材料' },
  EVIDENCE_TOO_MANY: { status: 400, message: '一次最多上传5个文件' },
  EVIDENCE_TOO_LARGE: { status: 413, message: '单个文件不能超过10MB' },
  EVIDENCE_TYPE_NOT_ALLOWED: { status: 415, message: '证明材料只接受 PDF、JPEG、PNG 文件' },
  // Storage bounds of evidence (the BFF's message names the configured limit and what is used).
  EVIDENCE_CONTRACT_FILES_LIMIT: { status: 409, message: '本合同的证明材料数量已达上限，不能再上传' },
  EVIDENCE_CONTRACT_BYTES_LIMIT: { status: 409, message: '本合同的证明材料总大小已达上限，不能再上传' },
  EVIDENCE_UPLOAD_CLOSED: { status: 409, message: '该合同已提交兑现申请，不能再上传证明材料' },
  UPLOAD_INCOMPLETE: { status: 400, message: '文件没有完整上传，请检查网络后重新上传' },
  STORAGE_FULL: { status: 507, message: '服务器存储空间不足，暂时无法接收文件，请稍后再试或联系管理员' },
  PAYMENT_NOT_DUE: { status: 409, message: '第四季度评审通过的兑现滚动到下一年度拨付，尚未到拨付年度（第十五条第五项）' },
  // The open-lab catalogue (第五条, 第六条, 第十九条).
  OPEN_UNIT_NOT_ACTIVE: { status: 409, message: '该开放单位已暂停服务或已退出，暂不接受新的合作' },
  OPEN_UNIT_NOT_RECOGNISED: { status: 409, message: '该津冀开放单位尚未纳入互认，不能接收创新券（第十九条）' },
  OPEN_UNIT_STATUS_CONFLICT: { status: 409, message: '开放单位当前状态不允许此操作' },
  LEAVE_NOTICE_TOO_SHORT: { status: 422, message: '退出须至少提前一个月告知（第六条）' },
  LEAVE_NOT_DUE: { status: 409, message: '尚未到告知的退出日期，不能办理退出' },
  SERVICE_NOT_VOUCHER_ELIGIBLE: { status: 409, message: '法定检测、强制检测服务不能使用创新券（第五条）' },
  LAB_HAS_SERVICES: { status: 409, message: '该实验室仍有在架服务，请先下架服务' },
  // Supervision: misconduct cases, measures, spot checks (第十六、十七、十八条). The BFF's message names the
  // ban's dates and the case.
  APPLICANT_BANNED: { status: 403, message: '因违规行为被取消申报资格，期间不能申领创新券或提交、变更合作申请（第十七条）' },
  OPEN_UNIT_BANNED: { status: 403, message: '该开放单位因违规行为被取消资格或除名，不能办理此业务（第十七条）' },
  PAYMENTS_SUSPENDED: { status: 409, message: '违规处理决定暂停拨付，该兑现暂不能拨付（第十七条）' },
  CASE_STATE: { status: 409, message: '违规案件当前状态不允许此操作' },
  SPOT_CHECK_EMPTY: { status: 422, message: '抽查范围内没有可抽取的对象' },
  // Experts, review rounds, public notices, payment batches (第十五条4、5).
  EXPERT_NOT_FOUND: { status: 404, message: '找不到该专家' },
  EXPERT_ALREADY_BOUND: { status: 409, message: '该专家或该用户已绑定，请勿重复绑定' },
  NOTHING_TO_REVIEW: { status: 409, message: '没有符合条件、待评审的兑现申请' },
  PANEL_UNAVAILABLE: { status: 409, message: '回避后可选专家不足，无法组成评审组' },
  REVIEW_STATE: { status: 409, message: '评审当前状态不允许此操作' },
  PANEL_INCOMPLETE: { status: 409, message: '专家意见尚未形成多数，暂不能作出决定' },
  FOLLOW_UP_PENDING: { status: 409, message: '现场调研或答辩会尚未记录结果' },
  DECISION_REASON_REQUIRED: { status: 400, message: '决定与专家组意见不一致，须书面说明理由' },
  NOTICE_NOT_OPEN: { status: 409, message: '不在公示期内，不能提出异议' },
  NOTICE_ITEM_STATE: { status: 409, message: '该公示事项当前状态不允许此操作' },
  NOTHING_TO_NOTICE: { status: 409, message: '没有评审通过、待公示的兑现申请' },
  OBJECTION_STATE: { status: 409, message: '该异议已处理' },
  NOTHING_PAYABLE: { status: 409, message: '没有公示期满且无异议、可拨付的兑现' },
  BATCH_STATE: { status: 409, message: '拨付批次当前状态不允许此操作' },
  // Unit applications (第六条) and the yearly performance evaluation (第十一、十四条), docs/evaluation.md.
  UNIT_APPLICATION_STATE: { status: 409, message: '该入库申请当前状态不允许此操作' },
  UNIT_APPLICATION_EXISTS: { status: 409, message: '该统一社会信用代码已有在办的入库申请或已是开放单位' },
  UNIT_NAME_TAKEN: { status: 409, message: '已有同名的开放单位' },
  EVALUATION_ROUND_EXISTS: { status: 409, message: '该年度的绩效考核已开启' },
  EVALUATION_PHASE: { status: 409, message: '绩效考核当前阶段不允许此操作' },
  DECLARATION_CLOSED: { status: 409, message: '绩效考核申报已截止（第十四条）' },
  NO_DECLARATIONS: { status: 409, message: '本年度尚无开放单位申报' },
  SCORES_INCOMPLETE: { status: 409, message: '尚有专家未完成评分' },
  SUBSIDY_ABOVE_CEILING: { status: 400, message: '补助金额只能在上限以内核减（第十一条）' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Kept for screens that only need the text. */
export const ERROR_MESSAGES: { readonly [K in ErrorCode]: string } = Object.fromEntries(
  Object.entries(ERRORS).map(([code, e]) => [code, e.message]),
) as { [K in ErrorCode]: string };

/** The body of every error answer: `{ "error": { "code": "…", "message": "…" } }`. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Extra machine-readable facts (field paths, remaining quota, failed clauses…). */
    details?: unknown;
  };
}
