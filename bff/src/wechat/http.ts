import { DomainError } from '../domain/errors';
import type { Logger } from '../logger';
import type { WeChatPort, WeChatSession } from './port';

/** errcodes that mean "this code is no good" (the user retries wx.login), not "WeChat is down". */
const BAD_CODE = new Set([40029, 40163, 40226]);

export interface HttpWeChatOptions {
  appId: string;
  secret: string;
  /** https://api.weixin.qq.com in production; a fake server in tests. */
  baseUrl: string;
  timeoutMs: number;
  logger?: Logger;
}

/**
 * code2Session over HTTP with Node's fetch and a hard timeout. The session_key is dropped on
 * purpose: nothing here decrypts WeChat data, and a key we never keep cannot leak.
 * The request URL carries the app secret, so it is never logged.
 */
export class HttpWeChat implements WeChatPort {
  readonly kind = 'wechat' as const;

  constructor(private readonly opts: HttpWeChatOptions) {}

  async code2Session(code: string): Promise<WeChatSession> {
    const url = new URL('/sns/jscode2session', this.opts.baseUrl);
    url.search = new URLSearchParams({
      appid: this.opts.appId,
      secret: this.opts.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();

    let text: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs) });
      text = await res.text();
      if (!res.ok) throw this.unavailable('http', { status: res.status });
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const name = (err as Error).name;
      throw this.unavailable(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network', {
        error: (err as Error).message,
      });
    }

    let body: { openid?: unknown; unionid?: unknown; errcode?: unknown; errmsg?: unknown };
    try {
      // WeChat answers JSON, sometimes labelled text/plain: parse the text whatever the header says.
      body = JSON.parse(text) as typeof body;
    } catch {
      throw this.unavailable('bad_answer', {});
    }
    const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) {
      if (BAD_CODE.has(errcode)) {
        this.opts.logger?.info({ errcode, errmsg: body.errmsg }, 'wechat refused the login code');
        throw new DomainError('WECHAT_LOGIN_FAILED', undefined, { reason: 'bad_code', errcode });
      }
      // -1 is "system busy"; anything else (e.g. a wrong app secret) is ours or WeChat's, not the user's.
      throw this.unavailable(errcode === -1 ? 'busy' : 'errcode', { errcode, errmsg: body.errmsg });
    }
    if (typeof body.openid !== 'string' || body.openid.length === 0) throw this.unavailable('bad_answer', {});
    return typeof body.unionid === 'string' ? { openid: body.openid, unionid: body.unionid } : { openid: body.openid };
  }

  private unavailable(reason: string, facts: Record<string, unknown>): DomainError {
    this.opts.logger?.warn({ reason, ...facts }, 'wechat code2Session failed');
    return new DomainError('WECHAT_UNAVAILABLE', undefined, { reason });
  }
}
