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
