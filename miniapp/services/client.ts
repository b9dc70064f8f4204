/**
 * The API client, free of Taro so it can be tested as plain TypeScript: the transport (Taro.request) and
 * the token store (Taro storage) are injected by services/api.ts.
 *
 * - Every error answer `{error:{code,message,details}}` becomes an ApiError; a request that never got an
 *   answer becomes ApiError NETWORK_ERROR (status 0).
 * - Silent renewal: a 401 TOKEN_EXPIRED spends the refresh token once (one refresh in flight, shared by
 *   concurrent requests) and replays the request; any other 401 on a signed-in request, or a failed
 *   refresh, clears the tokens and calls onSignedOut (the app goes to sign-in).
 */
import type { ApiErrorBody } from '@kcq/shared';
import type { AuthResult } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  url: string;
  method: HttpMethod;
  data?: unknown;
  header: Record<string, string>;
}

export interface HttpResponse {
  statusCode: number;
  data: unknown;
  /** Response headers, when the transport has them (Retry-After of a 429). */
  header?: Record<string, string | undefined>;
}

/** Sends one request; rejects only when no answer came back (offline, timeout, connection reset). */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
}

export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
}

export const NETWORK_ERROR = 'NETWORK_ERROR';
/** 503 BUSY: the BFF shed the claim before deciding anything (admission control); retry later, same key. */
export const BUSY = 'BUSY';
/** Answers that say "later" with a Retry-After. */
const WAIT_CODES = new Set(['RATE_LIMITED', BUSY, 'SERVICE_UNAVAILABLE']);

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** No answer reached us: the request may or may not have been applied. */
  get network(): boolean {
    return this.code === NETWORK_ERROR;
  }

  /**
   * 429 RATE_LIMITED, 503 BUSY or SERVICE_UNAVAILABLE: how long the BFF asks us to wait
   * (details.retryAfterSeconds, from Retry-After), in ms.
   */
  get retryAfterMs(): number | undefined {
    const s = (this.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return WAIT_CODES.has(this.code) && typeof s === 'number' && s >= 0 ? s * 1000 : undefined;
  }
}

/** Retry-After in seconds (the delta form the BFF sends), whatever the header's case. */
function retryAfterSeconds(header: HttpResponse['header']): number | undefined {
  const raw = Object.entries(header ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const s = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function errorBody(data: unknown): ApiErrorBody['error'] | null {
  if (data && typeof data === 'object' && 'error' in data) {
    const err = (data as ApiErrorBody).error;
    if (err && typeof err.code === 'string') return err;
  }
  return null;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the access token (default true). Public endpoints may pass false. */
  auth?: boolean;
  /**
   * Another way to send this one request (a file upload: Taro.uploadFile on weapp, fetch + FormData on
   * H5); the body is passed as is, without a JSON Content-Type. Tokens, renewal and errors stay the client's.
   */
  transport?: Transport;
}

export interface ClientOptions {
  baseUrl: string;
  transport: Transport;
  tokens: TokenStore;
  /** Called once the session is gone (refresh failed, token invalid): show sign-in. */
  onSignedOut?: (reason: string) => void;
}

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  signIn(code: string): Promise<AuthResult>;
  signOut(): Promise<void>;
  signedIn(): boolean;
}

export function createApiClient({ baseUrl, transport, tokens, onSignedOut }: ClientOptions): ApiClient {
  let refreshing: Promise<boolean> | null = null;

  async function send(method: HttpMethod, path: string, options: RequestOptions, withAuth: boolean): Promise<HttpResponse> {
    const header: Record<string, string> = { ...(options.transport ? {} : { 'Content-Type': 'application/json' }), ...(options.headers ?? {}) };
    const current = withAuth ? tokens.get() : null;
    if (current) header.Authorization = `Bearer ${current.accessToken}`;
    try {
      return await (options.transport ?? transport)({ url: `${baseUrl}${path}`, method, data: options.body, header });
    } catch (e) {
      throw new ApiError(0, NETWORK_ERROR, '网络连接失败，请检查网络后重试', { cause: e instanceof Error ? e.message : String(e) });
    }
  }

  function fail(res: HttpResponse): ApiError {
    const body = errorBody(res.data);
    if (res.statusCode === 429) {
      // The Retry-After header is the HTTP contract; the body repeats it for transports without headers.
      const details = { ...((body?.details as object | undefined) ?? {}) } as Record<string, unknown>;
      const seconds = retryAfterSeconds(res.header);
      if (seconds !== undefined) details.retryAfterSeconds = seconds;
      return new ApiError(429, 'RATE_LIMITED', body?.message ?? '操作太频繁，请稍后再试', details);
    }
    if (res.statusCode === 503 && body) {
      // BUSY / SERVICE_UNAVAILABLE: Retry-After is the contract here too (the header wins over the body).
      const seconds = retryAfterSeconds(res.header);
      const details = { ...((body.details as object | undefined) ?? {}) } as Record<string, unknown>;
      if (seconds !== undefined) details.retryAfterSeconds = seconds;
      return new ApiError(503, body.code, body.message, details);
    }
    if (body) return new ApiError(res.statusCode, body.code, body.message, body.details);
    return new ApiError(res.statusCode, res.statusCode >= 500 ? 'INTERNAL' : 'UNKNOWN', '系统繁忙，请稍后再试');
  }

  function signedOut(reason: string) {
    tokens.set(null);
    onSignedOut?.(reason);
  }

  /** One refresh at a time; concurrent 401s wait for the same one. Resolves true when new tokens are stored. */
  function refresh(): Promise<boolean> {
    if (!refreshing) {
      refreshing = (async () => {
        const current = tokens.get();
        if (!current) return false;
        let res: HttpResponse;
        try {
          res = await transport({
            url: `${baseUrl}/api/auth/refresh`,
            method: 'POST',
            data: { refreshToken: current.refreshToken },
            header: { 'Content-Type': 'application/json' },
          });
        } catch {
          // Offline: the session may still be fine; do not sign out, surface the network error.
          throw new ApiError(0, NETWORK_ERROR, '网络连接失败，请检查网络后重试');
        }
        // Rate limited: the refresh token was not even looked at, so the session is still good — keep it.
        if (res.statusCode === 429) throw fail(res);
        if (res.statusCode !== 200) return false;
        const next = res.data as AuthResult;
        tokens.set({
          accessToken: next.accessToken,
          refreshToken: next.refreshToken,
          accessTokenExpiresAt: next.accessTokenExpiresAt,
          refreshTokenExpiresAt: next.refreshTokenExpiresAt,
        });
        return true;
      })().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const withAuth = options.auth !== false;
    const hadToken = withAuth && tokens.get() !== null;
    let res = await send(method, path, options, withAuth);
    if (res.statusCode === 401 && hadToken) {
      const code = errorBody(res.data)?.code;
      if (code === 'TOKEN_EXPIRED') {
        if (await refresh()) {
          res = await send(method, path, options, withAuth);
          if (res.statusCode === 401) {
            signedOut(errorBody(res.data)?.code ?? 'UNAUTHENTICATED');
            throw fail(res);
          }
        } else {
          signedOut('TOKEN_EXPIRED');
          throw fail(res);
        }
      } else {
        signedOut(code ?? 'UNAUTHENTICATED');
        throw fail(res);
      }
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
    if (res.statusCode === 401 && withAuth && !hadToken) onSignedOut?.(errorBody(res.data)?.code ?? 'UNAUTHENTICATED');
    throw fail(res);
  }

  return {
    request,
    async signIn(code: string) {
      const result = await request<AuthResult>('POST', '/api/auth/wechat', { body: { code }, auth: false });
      tokens.set({
        accessToken: result.accessToken,
        refreshToken: result.refreshToken,
        accessTokenExpiresAt: result.accessTokenExpiresAt,
        refreshTokenExpiresAt: result.refreshTokenExpiresAt,
      });
      return result;
    },
    async signOut() {
      const current = tokens.get();
      tokens.set(null);
      if (!current) return;
      try {
        await transport({
          url: `${baseUrl}/api/auth/logout`,
          method: 'POST',
          data: { refreshToken: current.refreshToken },
          header: { 'Content-Type': 'application/json', Authorization: `Bearer ${current.accessToken}` },
        });
      } catch {
        // Signed out locally either way.
      }
    },
    signedIn: () => tokens.get() !== null,
  };
}

/** `Idempotency-Key`: 8–64 characters of [A-Za-z0-9_-]; one per claim attempt, reused by its retries. */
export function newIdempotencyKey(now: number = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 12; i += 1) tail += Math.floor(random() * 36).toString(36);
  return `claim-${now.toString(36)}-${tail}`;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export interface RetryOptions {
  /** Waits before each retry, in ms; its length is the number of retries (BUSY has its own budget). */
  delaysMs?: number[];
  /**
   * Retries after 503 BUSY (the BFF shed the request unseen: the crowd of the claim second). Each waits the
   * Retry-After plus a random share of the back-off, so that a shed crowd does not come back in one instant.
   */
  maxBusyRetries?: number;
  /** Jitter source, [0, 1). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each retry (attempt 1 = the first retry). */
  onRetry?: (attempt: number, error: ApiError) => void;
  /**
   * 429 RATE_LIMITED is retried (same key) after the Retry-After it names, when that is at most this
   * long; a longer wait is thrown, and the screen shows the BFF's 操作太频繁，请 N 秒后再试.
   */
  maxRetryAfterMs?: number;
}

/** Worth repeating with the same key: nothing came back, or the BFF said "retry with the same key" (or "later": 429, 503 BUSY). */
export function isRetriable(e: unknown): e is ApiError {
  return isApiError(e) && (e.network || e.code === 'SERVICE_UNAVAILABLE' || e.code === 'RATE_LIMITED' || e.code === BUSY);
}

/**
 * Runs `attempt(key)` with ONE Idempotency-Key and repeats it with the same key after a network error or a
 * 503: the BFF answers a repeated key with the first decision, so a lost answer never claims twice.
 */
export async function withIdempotentRetry<T>(
  attempt: (key: string) => Promise<T>,
  key: string = newIdempotencyKey(),
  {
    delaysMs = [400, 1200, 2500],
    sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
    onRetry,
    maxRetryAfterMs = 10_000,
    maxBusyRetries = 12,
    random = Math.random,
  }: RetryOptions = {},
): Promise<T> {
  let busy = 0;
  let other = 0;
  for (let i = 0; ; i += 1) {
    try {
      return await attempt(key);
    } catch (e) {
      if (!isRetriable(e)) throw e;
      if (e.code === BUSY ? busy >= maxBusyRetries : other >= delaysMs.length) throw e;
      const base = delaysMs[Math.min(e.code === BUSY ? busy : other, delaysMs.length - 1)] ?? 1_000;
      if (e.code === BUSY) busy += 1;
      else other += 1;
      // Never sooner than the BFF asked; a wait longer than the screen should hide is the user's to decide.
      const asked = e.retryAfterMs;
      if (e.code === 'RATE_LIMITED' && (asked ?? 0) > maxRetryAfterMs) throw e;
      onRetry?.(i + 1, e);
      // 429 names one user's wait: exactly that. A crowd shed with 503 (BUSY, or Redis coming back) is
      // spread over the next back-off interval, so it does not all return at the same instant.
      const wait =
        e.code === 'RATE_LIMITED'
          ? Math.max(asked ?? base, base)
          : e.code === BUSY || (e.code === 'SERVICE_UNAVAILABLE' && asked !== undefined)
            ? Math.min(asked ?? 0, maxRetryAfterMs) + Math.floor(random() * base)
            : Math.round(base * (0.5 + random()));
      await sleep(wait);
    }
  }
}
