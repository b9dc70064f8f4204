/**
 * Subscribe-message consent in the app (issue #19; the BFF side is bff/src/domain/subscriptions.ts).
 * WeChat's rules: wx.requestSubscribeMessage shows its consent sheet only when called from a tap, with at
 * most 3 templates, and a one-time acceptance lets the app send one message. So the templates are loaded
 * before the tap (`loadTemplates`, when the prompt appears), the tap calls `askToSubscribe` which asks
 * WeChat at once, and WeChat's answer for each template (accept / reject / ban / filter) is recorded in
 * the BFF, which spends one acceptance per message. A refusal costs nothing: the message centre still
 * gets every message.
 */
import Taro from '@tarojs/taro';
import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIBE_DECISIONS, type SubscribeDecision, type SubscriptionTopic } from '@kcq/shared';
import { api } from './api';

let templates: Partial<Record<SubscriptionTopic, string>> | null = null;
let loading: Promise<void> | null = null;

/** Fetches the template of each topic once (signed in); later calls reuse it. */
export function loadTemplates(): Promise<void> {
  if (templates) return Promise.resolve();
  loading ??= api
    .subscriptions()
    .then((r) => {
      templates = Object.fromEntries(r.templates.map((t) => [t.topic, t.templateId]));
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

export function templatesLoaded(): boolean {
  return templates !== null;
}

/** For tests: forget what was loaded. */
export function resetTemplates(): void {
  templates = null;
  loading = null;
}

/** What the user decided, as the prompt words it. */
export type SubscribeOutcome = 'accepted' | 'rejected' | 'banned' | 'switched_off' | 'failed';

/** WeChat's errCode when the user turned subscribe messages off for this app altogether. */
const MAIN_SWITCH_OFF = 20004;

/**
 * Asks WeChat for the topics' templates — call it directly from a tap handler, with templates loaded —
 * and records the answer. Never throws.
 */
export async function askToSubscribe(topics: SubscriptionTopic[]): Promise<SubscribeOutcome> {
  const ids = [...new Set(topics.map((t) => templates?.[t]).filter((x): x is string => Boolean(x)))].slice(0, MAX_TEMPLATES_PER_REQUEST);
  if (!ids.length) return 'failed';
  let answer: Record<string, unknown>;
  try {
    // First thing in the tap: WeChat shows its sheet only then.
    answer = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, unknown>;
  } catch (e) {
    return (e as { errCode?: number })?.errCode === MAIN_SWITCH_OFF ? 'switched_off' : 'failed';
  }
  const results: Record<string, SubscribeDecision> = {};
  for (const id of ids) {
    const d = answer[id];
    if (typeof d === 'string' && (SUBSCRIBE_DECISIONS as readonly string[]).includes(d)) results[id] = d as SubscribeDecision;
  }
  if (!Object.keys(results).length) return 'failed';
  try {
    await api.recordSubscriptions(results);
  } catch {
    return 'failed';
  }
  const decisions = Object.values(results);
  if (decisions.includes('accept')) return 'accepted';
  if (decisions.includes('ban')) return 'banned';
  return 'rejected';
}

/** What the prompt says after the answer: what happens next, and that the message centre has it all. */
export const SUBSCRIBE_RESULT_TEXT: Record<SubscribeOutcome, string> = {
  accepted: '已开启。到时会通过微信提醒您一次，“消息中心”也会保存。',
  rejected: '未开启微信提醒。相关消息仍会出现在“我的 → 消息中心”。',
  banned: '您已设置不再接收此类提醒，可在小程序右上角“…→ 设置”中重新打开。消息仍会出现在“消息中心”。',
  switched_off: '您关闭了本小程序的订阅消息，可在右上角“…→ 设置”中打开。消息仍会出现在“消息中心”。',
  failed: '暂时无法开启微信提醒，请稍后再试。消息仍会出现在“消息中心”。',
};
