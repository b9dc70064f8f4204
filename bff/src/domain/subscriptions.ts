/**
 * Subscribe-message consent, as WeChat grants it (issue #19, shared/src/api/subscriptions.ts): a one-time
 * subscription allows exactly one message per acceptance. Each answer the app receives from
 * wx.requestSubscribeMessage is recorded here per user and template:
 * - accept: one more credit (one more message may be sent);
 * - reject: recorded, nothing granted;
 * - ban: the user banned the template; no message of it is sent again until an accept clears it
 *   (WeChat itself would refuse them);
 * - filter: WeChat filtered the template out of the request (recorded, nothing granted).
 * A message is sent only after `spend` took one credit by a conditional update (so two senders cannot
 * spend one credit twice); a send that failed in transit gives it back (`refund`); WeChat's "not
 * subscribed" (43101) means WeChat holds no acceptance: the credits are forfeited.
 * Every answer is also kept as an entry of its own (`subscription_decisions`), for the record.
 */
import { SUBSCRIPTION_TOPICS, type SubscribeDecision, type SubscriptionTemplate, type SubscriptionTopic, type SubscriptionView } from '@kcq/shared';
import type { Clock } from './clock';
import { DuplicateKeyError } from './errors';
import { newId } from './ids';
import type { Collection, CollectionSpec, Store } from '../store';

export interface SubscriptionDoc {
  /** `<userId>|<templateId>` */
  _id: string;
  userId: string;
  templateId: string;
  topic: SubscriptionTopic;
  credits: number;
  banned: boolean;
  accepted: number;
  rejected: number;
  sent: number;
  lastDecision: SubscribeDecision | null;
  decidedAt: Date | null;
  updatedAt: Date;
}

export interface SubscriptionDecisionDoc {
  _id: string;
  userId: string;
  templateId: string;
  topic: SubscriptionTopic;
  decision: SubscribeDecision;
  at: Date;
}

export const SUBSCRIPTIONS: CollectionSpec = { name: 'subscriptions', indexes: [{ fields: ['userId'] }] };
export const SUBSCRIPTION_DECISIONS: CollectionSpec = { name: 'subscription_decisions', indexes: [{ fields: ['userId', 'at'] }] };

/** The template of each topic (WeChat console ids; dev ids without WeChat). */
export type SubscriptionTemplates = Readonly<Record<SubscriptionTopic, string>>;

export const DEV_TEMPLATES: SubscriptionTemplates = Object.fromEntries(SUBSCRIPTION_TOPICS.map((t) => [t, `dev-${t}`])) as Record<SubscriptionTopic, string>;

const docId = (userId: string, templateId: string) => `${userId}|${templateId}`;

export class Subscriptions {
  private readonly col: Collection<SubscriptionDoc>;
  private readonly decisions: Collection<SubscriptionDecisionDoc>;
  private readonly topicOf = new Map<string, SubscriptionTopic>();

  constructor(
    store: Store,
    private readonly clock: Clock,
    readonly templates: SubscriptionTemplates,
  ) {
    this.col = store.collection<SubscriptionDoc>(SUBSCRIPTIONS);
    this.decisions = store.collection<SubscriptionDecisionDoc>(SUBSCRIPTION_DECISIONS);
    for (const t of SUBSCRIPTION_TOPICS) this.topicOf.set(templates[t], t);
  }

  list(): SubscriptionTemplate[] {
    return SUBSCRIPTION_TOPICS.map((topic) => ({ topic, templateId: this.templates[topic] }));
  }

  async mine(userId: string): Promise<SubscriptionView[]> {
    const docs = await this.col.find({ userId }, { limit: 100 });
    return docs
      .filter((d) => this.topicOf.has(d.templateId))
      .map((d) => ({
        topic: d.topic,
        templateId: d.templateId,
        credits: d.credits,
        banned: d.banned,
        lastDecision: d.lastDecision,
        decidedAt: d.decidedAt?.toISOString() ?? null,
      }));
  }

  /** Ensures the user's record for a template exists (a race to create it is harmless). */
  private async ensure(userId: string, templateId: string, topic: SubscriptionTopic): Promise<void> {
    if (await this.col.findById(docId(userId, templateId))) return;
    try {
      await this.col.insert({
        _id: docId(userId, templateId),
        userId,
        templateId,
        topic,
        credits: 0,
        banned: false,
        accepted: 0,
        rejected: 0,
        sent: 0,
        lastDecision: null,
        decidedAt: null,
        updatedAt: this.clock.now(),
      });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }

  /**
   * Records WeChat's answers (template id → decision). Template ids this app does not use are ignored
   * (a tampered request grants nothing). Returns the user's standing afterwards.
   */
  async record(userId: string, results: Record<string, SubscribeDecision>): Promise<SubscriptionView[]> {
    const now = this.clock.now();
    for (const [templateId, decision] of Object.entries(results)) {
      const topic = this.topicOf.get(templateId);
      if (!topic) continue;
      await this.ensure(userId, templateId, topic);
      await this.decisions.insert({ _id: newId('sd'), userId, templateId, topic, decision, at: now });
      const id = docId(userId, templateId);
      const base = { lastDecision: decision, decidedAt: now, updatedAt: now };
      if (decision === 'accept') await this.col.updateOne({ _id: id }, { $set: { ...base, banned: false }, $inc: { credits: 1, accepted: 1 } });
      else if (decision === 'ban') await this.col.updateOne({ _id: id }, { $set: { ...base, banned: true, credits: 0 } });
      else if (decision === 'reject') await this.col.updateOne({ _id: id }, { $set: base, $inc: { rejected: 1 } });
      else await this.col.updateOne({ _id: id }, { $set: base });
    }
    return this.mine(userId);
  }

  /** Takes one credit for one message of `topic` to `userId`; the template id when taken, null when there is none. */
  async spend(userId: string, topic: SubscriptionTopic): Promise<string | null> {
    const templateId = this.templates[topic];
    const taken = await this.col.updateOne(
      { _id: docId(userId, templateId), banned: false, credits: { $gt: 0 } },
      { $inc: { credits: -1, sent: 1 }, $set: { updatedAt: this.clock.now() } },
    );
    return taken ? templateId : null;
  }

  /** Gives back a credit whose message was not sent (a transient failure, or no WeChat here). */
  async refund(userId: string, topic: SubscriptionTopic): Promise<void> {
    await this.col.updateOne({ _id: docId(userId, this.templates[topic]) }, { $inc: { credits: 1, sent: -1 }, $set: { updatedAt: this.clock.now() } });
  }

  /** WeChat says the user is not subscribed (43101): whatever we counted, WeChat holds no acceptance. */
  async forfeit(userId: string, topic: SubscriptionTopic): Promise<void> {
    await this.col.updateOne({ _id: docId(userId, this.templates[topic]) }, { $set: { credits: 0, updatedAt: this.clock.now() } });
  }
}
