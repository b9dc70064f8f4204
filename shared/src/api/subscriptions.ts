/**
 * WeChat subscribe messages as WeChat grants them (issue #19): a one-time subscription lets the app send
 * exactly one message per acceptance. The app asks (wx.requestSubscribeMessage, only from a tap, at most 3
 * templates at once) at the moments below; the BFF records each answer per user and template, spends one
 * acceptance per message it sends, and never sends without one. The message centre gets everything anyway.
 */

/** The moments the app asks at, each with its own template. */
export const SUBSCRIPTION_TOPICS = ['registration_reminder', 'contract_result', 'new_proposal', 'new_assignment'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

/** What the user may be asked, in the app's words (the template's title in WeChat's console should match). */
export const SUBSCRIPTION_TOPIC_LABELS: Readonly<Record<SubscriptionTopic, string>> = {
  registration_reminder: '合同登记截止提醒',
  contract_result: '合作申请确认结果',
  new_proposal: '新的合作申请',
  new_assignment: '新的评审任务',
};

/**
 * wx.requestSubscribeMessage's answer per template: accept, reject, ban (the template is banned by the
 * user), filter (WeChat filtered it out: a duplicate title). Anything else WeChat adds is not recorded.
 */
export const SUBSCRIBE_DECISIONS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeDecision = (typeof SUBSCRIBE_DECISIONS)[number];

export interface SubscriptionTemplate {
  topic: SubscriptionTopic;
  templateId: string;
}

/** One user's standing for one template. */
export interface SubscriptionView {
  topic: SubscriptionTopic;
  templateId: string;
  /** Acceptances not yet spent: how many more messages of this template may be sent. */
  credits: number;
  /** The user banned the template in WeChat ("不再询问" + 拒绝, or 设置 → 订阅消息). */
  banned: boolean;
  lastDecision: SubscribeDecision | null;
  decidedAt: string | null;
}

/** GET /api/me/subscriptions: the templates the app may ask for, and mine. */
export interface SubscriptionsAnswer {
  templates: SubscriptionTemplate[];
  mine: SubscriptionView[];
}

/** POST /api/me/subscriptions: WeChat's answer as the app received it (template id → decision). */
export interface SubscriptionsInput {
  results: Record<string, SubscribeDecision>;
}

/** At most this many templates per wx.requestSubscribeMessage (WeChat's limit). */
export const MAX_TEMPLATES_PER_REQUEST = 3;
