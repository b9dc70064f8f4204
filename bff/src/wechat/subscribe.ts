/**
 * WeChat subscribe messages (订阅消息): the port the message centre pushes reminders and status changes
 * through. `HttpSubscribe` gets an access token from `/cgi-bin/token` (cached until shortly before it
 * expires) and posts to `/cgi-bin/message/subscribe/send`; `DevSubscribe` (no WECHAT_APPID) sends nothing.
 *
 * Templates: one per topic the app asks consent for (registration_reminder, contract_result, new_proposal,
 * new_assignment; shared/src/api/subscriptions.ts), each configured in the mini-program's admin console with
 * `thing1` title (≤ 20 characters), `time2` time, `thing3` content (≤ 20 characters), and named in
 * WECHAT_SUBSCRIBE_TEMPLATES as `topic=templateId,…`; a topic not named there uses
 * WECHAT_SUBSCRIBE_TEMPLATE_ID. Whether a message may be sent at all is decided by domain/subscriptions.ts.
 */
import { SUBSCRIPTION_TOPICS, type SubscriptionTopic } from '@kcq/shared';
import type { Logger } from '../logger';
import { DEV_TEMPLATES, type SubscriptionTemplates } from '../domain/subscriptions';

export interface SubscribeMessage {
  /** The recipient's openid. */
  touser: string;
  /** The template the user accepted (one acceptance spent for this message). */
  templateId?: string;
  page?: string;
  title: string;
  body: string;
  at: Date;
}

/** 'sent'; 'refused' — the user has not subscribed (43101), do not retry; 'skipped' — no WeChat here. Throws on transient failure. */
export type SubscribeOutcome = 'sent' | 'refused' | 'skipped';

export interface SubscribePort {
  readonly kind: 'wechat' | 'dev';
  /** The template of each topic, as the app must ask for them. */
  readonly templates: SubscriptionTemplates;
  send(message: SubscribeMessage): Promise<SubscribeOutcome>;
}

export class DevSubscribe implements SubscribePort {
  readonly kind = 'dev' as const;
  readonly templates = DEV_TEMPLATES;
  async send(): Promise<SubscribeOutcome> {
    return 'skipped';
  }
}

export interface HttpSubscribeOptions {
  appId: string;
  secret: string;
  /** The default template (a topic without its own). */
  templateId: string;
  /** Each topic's template; missing topics use `templateId`. */
  templates?: Partial<Record<SubscriptionTopic, string>>;
  baseUrl: string;
  timeoutMs: number;
  /** developer | trial | formal (miniprogram_state). */
  state?: 'developer' | 'trial' | 'formal';
  logger?: Logger;
}

const TOKEN_INVALID = new Set([40001, 40014, 42001]);
const NOT_SUBSCRIBED = 43101;

/** Cuts to `max` characters (WeChat refuses longer `thing` values). */
function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** `time` values: "2026-11-21 10:00" in Beijing time. */
function beijingMinute(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export class HttpSubscribe implements SubscribePort {
  readonly kind = 'wechat' as const;
  private token: { value: string; until: number } | null = null;
  private pendingToken: Promise<string> | null = null;
  readonly templates: SubscriptionTemplates;

  constructor(private readonly opts: HttpSubscribeOptions) {
    this.templates = Object.fromEntries(SUBSCRIPTION_TOPICS.map((t) => [t, opts.templates?.[t] ?? opts.templateId])) as Record<SubscriptionTopic, string>;
  }

  private async fetchJson(url: URL, init?: RequestInit): Promise<Record<string, unknown>> {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    const text = await res.text();
    if (!res.ok) throw new Error(`wechat ${url.pathname} answered HTTP ${res.status}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.until) return this.token.value;
    this.pendingToken ??= (async () => {
      try {
        const url = new URL('/cgi-bin/token', this.opts.baseUrl);
        url.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.secret }).toString();
        const body = await this.fetchJson(url);
        if (typeof body.access_token !== 'string') throw new Error(`wechat token refused: errcode ${String(body.errcode)}`);
        const ttl = typeof body.expires_in === 'number' ? body.expires_in : 7200;
        // Renew five minutes early (tokens last two hours).
        this.token = { value: body.access_token, until: Date.now() + Math.max(60, ttl - 300) * 1000 };
        return body.access_token;
      } finally {
        this.pendingToken = null;
      }
    })();
    return this.pendingToken;
  }

  async send(m: SubscribeMessage): Promise<SubscribeOutcome> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.accessToken();
      const url = new URL('/cgi-bin/message/subscribe/send', this.opts.baseUrl);
      url.search = new URLSearchParams({ access_token: token }).toString();
      const body = await this.fetchJson(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: m.touser,
          template_id: m.templateId ?? this.opts.templateId,
          page: m.page,
          miniprogram_state: this.opts.state ?? 'formal',
          lang: 'zh_CN',
          data: { thing1: { value: cut(m.title, 20) }, time2: { value: beijingMinute(m.at) }, thing3: { value: cut(m.body, 20) } },
        }),
      });
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
      if (errcode === 0) return 'sent';
      if (errcode === NOT_SUBSCRIBED) return 'refused';
      if (TOKEN_INVALID.has(errcode) && attempt === 0) {
        this.token = null;
        continue;
      }
      this.opts.logger?.warn({ errcode, errmsg: body.errmsg }, 'wechat subscribe send failed');
      throw new Error(`wechat subscribe send failed: errcode ${errcode}`);
    }
    throw new Error('wechat subscribe send failed: token refused twice');
  }
}

/** Real WeChat when WECHAT_APPID and a template id are configured; otherwise nothing is pushed. */
/** `topic=templateId,…` (WECHAT_SUBSCRIBE_TEMPLATES); unknown topics and empty entries are ignored. */
export function parseTemplates(text: string | undefined): Partial<Record<SubscriptionTopic, string>> {
  const out: Partial<Record<SubscriptionTopic, string>> = {};
  for (const part of (text ?? '').split(',')) {
    const [topic, id] = part.split('=').map((x) => x.trim());
    if (id && (SUBSCRIPTION_TOPICS as readonly string[]).includes(topic)) out[topic as SubscriptionTopic] = id;
  }
  return out;
}

export function subscribeFromConfig(
  config: {
    WECHAT_APPID?: string;
    WECHAT_SECRET?: string;
    WECHAT_SUBSCRIBE_TEMPLATE_ID?: string;
    WECHAT_SUBSCRIBE_TEMPLATES?: string;
    WECHAT_BASE_URL: string;
    WECHAT_TIMEOUT_MS: number;
    NODE_ENV: string;
  },
  logger?: Logger,
): SubscribePort {
  const templates = parseTemplates(config.WECHAT_SUBSCRIBE_TEMPLATES);
  const fallback = config.WECHAT_SUBSCRIBE_TEMPLATE_ID ?? Object.values(templates)[0];
  if (config.WECHAT_APPID && config.WECHAT_SECRET && fallback) {
    return new HttpSubscribe({
      appId: config.WECHAT_APPID,
      secret: config.WECHAT_SECRET,
      templateId: fallback,
      templates,
      baseUrl: config.WECHAT_BASE_URL,
      timeoutMs: config.WECHAT_TIMEOUT_MS,
      state: config.NODE_ENV === 'production' ? 'formal' : 'developer',
      logger,
    });
  }
  return new DevSubscribe();
}
