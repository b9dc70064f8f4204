/**
 * The WeChat port: exchange a `wx.login()` code for the user's openid (code2Session).
 * Refusals are DomainErrors: WECHAT_LOGIN_FAILED (the code is bad: the user should retry the login)
 * or WECHAT_UNAVAILABLE (WeChat is busy, unreachable, too slow or answers nonsense).
 */
export interface WeChatSession {
  openid: string;
  unionid?: string;
}

export interface WeChatPort {
  /** 'wechat' talks to WeChat over HTTP; 'dev' accepts `dev:<name>` codes (no WeChat at all). */
  readonly kind: 'wechat' | 'dev';
  code2Session(code: string): Promise<WeChatSession>;
}
