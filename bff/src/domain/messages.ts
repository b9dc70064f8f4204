/**
 * The in-app message centre and its reminders. Users: a founder with 15 days to use a fresh voucher, lab
 * staff between experiments — both need to be told before a deadline voids a voucher (第十五条2、3).
 *
 * - Reminders: 3 days before the registration deadline (applicant), 7 days before the validity end and 7
 *   days before the redemption deadline (applicant and the unit's staff). "N days before" is the deadline
 *   instant minus N×24 h. The reminder scan (a job) creates them; deadlines themselves never wait for it.
 * - Status changes: every audit entry that means something to a party becomes a message to the applicant
 *   and the unit's staff, except the person who made the change.
 * - Once only: each message has a unique key — `reminder:<kind>:<voucher>:<user>` or
 *   `change:<audit entry>:<user>` — so several instances scanning at once create it once.
 * - WeChat subscribe messages: each message is pushed through the SubscribePort at most once. A sender
 *   first claims it by a conditional update (pending → sending); only the winner sends. A transient failure
 *   puts it back (up to 3 attempts); "not subscribed" (43101) is final.
 * - Consent (issue #19, domain/subscriptions.ts): only messages of a topic the app asks consent for
 *   (the registration reminder, a proposal's result, a new proposal for staff, a new review assignment)
 *   are pushed, each only by spending one of the recipient's acceptances of that topic's template; without
 *   one the message stays in the centre only (push 'unsubscribed'). A failed send gives the acceptance back.
 */
import {
  contractPage,
  DEADLINE_LABELS,
  deadlines,
  deriveStatus,
  VOID_REASON_LABELS,
  VOUCHERS_PAGE,
  type DeadlineKind,
  type MessageKind,
  type MessageView,
  type SubscriptionTopic,
} from '@kcq/shared';
import type { Applicants } from './applicants';
import type { AuditEntry } from './audit';
import type { Clock } from './clock';
import { DomainError, DuplicateKeyError } from './errors';
import type { Parties } from './history';
import { newId } from './ids';
import type { Users } from './users';
import { VOUCHERS, type VoucherDoc } from './vouchers';
import { CONTRACTS, type ContractDoc } from './contracts';
import type { Collection, CollectionSpec, Store } from '../store';
import type { SubscribePort } from '../wechat/subscribe';
import type { Subscriptions } from './subscriptions';

/** 'unsubscribed': no acceptance to spend (or no topic asks for one): kept in the centre, not pushed. */
export type PushState = 'pending' | 'sending' | 'sent' | 'refused' | 'failed' | 'skipped' | 'unsubscribed';

export interface MessageDoc {
  _id: string;
  /** Unique: what makes a reminder or a notice once-only. */
  key: string;
  userId: string;
  kind: MessageKind;
  reminder: DeadlineKind | null;
  voucherId: string;
  title: string;
  body: string;
  /** The mini-program page to open. */
  page: string | null;
  /** The subscribe-message topic whose acceptance may push it; null (or absent, older messages): never pushed. */
  topic?: SubscriptionTopic | null;
  createdAt: Date;
  readAt: Date | null;
  push: PushState;
  pushAttempts: number;
  pushedAt: Date | null;
}

export const MESSAGES: CollectionSpec = {
  name: 'messages',
  indexes: [{ fields: ['key'], unique: true }, { fields: ['userId', 'createdAt'] }, { fields: ['push', 'createdAt'] }],
};

/** The wire shape is MessageView (@kcq/shared); `view` maps a stored message to it (Date → ISO string). */
export type { MessageView };

const view = (m: MessageDoc): MessageView => ({
  id: m._id,
  kind: m.kind,
  reminder: m.reminder,
  voucherId: m.voucherId,
  title: m.title,
  body: m.body,
  page: m.page,
  createdAt: m.createdAt.toISOString(),
  read: m.readAt !== null,
});

const DAY_MS = 86_400_000;

/** How long before each deadline its reminder is due. */
export const REMINDER_LEAD_DAYS: Readonly<Record<DeadlineKind, number>> = { registration: 3, validity: 7, redemption: 7 };

/** The instant a reminder is due: the deadline minus its lead. */
export function reminderDueAt(kind: DeadlineKind, deadline: Date): Date {
  return new Date(deadline.getTime() - REMINDER_LEAD_DAYS[kind] * DAY_MS);
}

/** Beijing wall-clock "YYYY-MM-DD HH:mm" for texts. */
function beijing(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const REMINDER_TEXT: Record<DeadlineKind, (at: Date) => { title: string; body: string }> = {
  registration: (at) => ({
    title: '创新券即将作废：请尽快完成合同登记',
    body: `${DEADLINE_LABELS.registration}：${beijing(at)}（北京时间）。逾期未登记，创新券自动作废（第十五条第二项）。`,
  }),
  validity: (at) => ({
    title: '创新券有效期即将届满',
    body: `${DEADLINE_LABELS.validity}：${beijing(at)}（北京时间）。合同须在有效期内履行完毕（第十五条第二项）。`,
  }),
  redemption: (at) => ({
    title: '请尽快申请兑现',
    body: `${DEADLINE_LABELS.redemption}：${beijing(at)}（北京时间）。逾期未申请，创新券自动作废（第十五条第三项）。`,
  }),
};

/** A status notice's title: 「<project>」状态更新, or 创新券状态更新 before any project is proposed. */
const STATUS_TITLE = '状态更新';

/** The notices status changes produce, by `subject:event`. Changes not listed here make no message. */
/** The status changes a user is asked to subscribe to (components of the app ask at these moments). */
const CHANGE_TOPIC: Record<string, SubscriptionTopic> = {
  'contract:propose': 'new_proposal',
  'contract:confirm': 'contract_result',
  'contract:reject': 'contract_result',
};

/** A message's topic: the registration reminder, the proposal's result and news for staff and experts. */
function reminderTopic(kind: DeadlineKind): SubscriptionTopic | null {
  return kind === 'registration' ? 'registration_reminder' : null;
}

const CHANGE_TEXT: Record<string, (e: AuditEntry) => string> = {
  'contract:propose': () => '收到新的创新券合作申请，请确认',
  'contract:confirm': () => '合同已登记，创新券进入有效期',
  'contract:reject': () => '合作申请未获开放单位确认，创新券可另行使用',
  'contract:amend': () => '已登记的合同内容有变更',
  'contract:withdraw': () => '申领单位已撤回合作申请',
  'voucher:cancel': () => '创新券已取消，额度已释放',
  'voucher:expire_registration': () => `创新券已作废：${VOID_REASON_LABELS.unregistered_expired}`,
  'voucher:expire_validity': () => `创新券已作废：${VOID_REASON_LABELS.validity_expired}`,
  'voucher:expire_redemption': () => `创新券已作废：${VOID_REASON_LABELS.redemption_late}`,
  'redemption:apply': () => '兑现申请已提交，等待评审',
  'redemption:site_visit': () => '兑现申请需进行现场调研或答辩',
  'redemption:approve': () => '兑现评审通过，等待拨付',
  'redemption:reject': () => '兑现评审未通过',
  'redemption:pay': () => '创新券兑现资金已拨付',
  'redemption:open_review': () => '兑现申请已进入专家评审',
  'redemption:publish_notice': () => '兑现评审通过，正在公示',
  'redemption:clear_notice': () => '公示期满无异议，等待拨付',
  'redemption:uphold_objection': () => '公示期间异议成立，兑现申请退回评审',
};

export class Messages {
  private readonly col: Collection<MessageDoc>;
  private readonly vouchers: Collection<VoucherDoc>;
  private readonly contracts: Collection<ContractDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly users: Users,
    private readonly applicants: Applicants,
    private readonly subscribe: SubscribePort,
    private readonly subscriptions?: Subscriptions,
  ) {
    this.col = store.collection<MessageDoc>(MESSAGES);
    this.vouchers = store.collection<VoucherDoc>(VOUCHERS);
    this.contracts = store.collection<ContractDoc>(CONTRACTS);
  }

  /**
   * The project a change is about, for the message's title (a centre full of "创新券状态更新" said nothing):
   * the contract's own, the redemption's contract's, else the voucher's latest contract. Null when none.
   */
  private async projectOf(entry: AuditEntry, parties: Parties): Promise<string | null> {
    const id = entry.subject === 'contract' ? entry.subjectId : parties.contractId;
    const c = id
      ? await this.contracts.findById(id)
      : ((await this.contracts.find({ voucherId: entry.voucherId }, { sort: { proposedAt: -1 }, limit: 1 }))[0] ?? null);
    return c?.project.title ?? null;
  }

  // --- the centre -----------------------------------------------------------------------------------

  async list(userId: string, opts: { limit: number; unreadOnly?: boolean }): Promise<MessageView[]> {
    const filter: Record<string, unknown> = { userId };
    if (opts.unreadOnly) filter.readAt = null;
    return (await this.col.find(filter, { sort: { createdAt: -1 }, limit: opts.limit })).map(view);
  }

  unreadCount(userId: string): Promise<number> {
    return this.col.count({ userId, readAt: null });
  }

  /** Marks one of the caller's messages read; another user's message is 404. */
  async markRead(userId: string, id: string): Promise<MessageView> {
    const m = await this.col.findOne({ _id: id, userId });
    if (!m) throw new DomainError('NOT_FOUND', '找不到该消息');
    if (m.readAt) return view(m);
    return view((await this.col.updateOne({ _id: id, userId, readAt: null }, { $set: { readAt: this.clock.now() } })) ?? m);
  }

  async markAllRead(userId: string): Promise<number> {
    const now = this.clock.now();
    let n = 0;
    for (const m of await this.col.find({ userId, readAt: null }, { limit: 1000 })) {
      if (await this.col.updateOne({ _id: m._id, readAt: null }, { $set: { readAt: now } })) n += 1;
    }
    return n;
  }

  // --- creating messages ----------------------------------------------------------------------------

  /** Inserts unless a message with the same key exists; true when this call created it. */
  private async create(m: Omit<MessageDoc, '_id' | 'createdAt' | 'readAt' | 'push' | 'pushAttempts' | 'pushedAt'>): Promise<boolean> {
    try {
      await this.col.insert({ ...m, _id: newId('msg'), createdAt: this.clock.now(), readAt: null, push: 'pending', pushAttempts: 0, pushedAt: null });
      return true;
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false;
      throw err;
    }
  }

  private async recipients(parties: Parties): Promise<string[]> {
    const ids = new Set<string>();
    const applicant = await this.applicants.get(parties.applicantId);
    if (applicant) ids.add(applicant.ownerId);
    if (parties.unitId) for (const u of await this.users.staffOf(parties.unitId)) ids.add(u._id);
    return [...ids];
  }

  /**
   * A message to one user outside the voucher parties (an expert's assignment or reminder, 第十五条4):
   * once only by `key`, pushed as a subscribe message like every other. True when this call created it.
   */
  notify(userId: string, m: { key: string; kind: MessageKind; voucherId: string; title: string; body: string; page: string | null }): Promise<boolean> {
    // A new review assignment is what experts are asked to subscribe to.
    const topic: SubscriptionTopic | null = m.key.startsWith('review:assigned:') ? 'new_assignment' : null;
    return this.create({ ...m, userId, reminder: null, topic });
  }

  /** History listener: a status change becomes a notice to the parties (not to whoever made it). */
  async statusChanged(entry: AuditEntry, parties: Parties): Promise<number> {
    const text = CHANGE_TEXT[`${entry.subject}:${entry.event}`];
    if (!text) return 0;
    const project = await this.projectOf(entry, parties);
    let n = 0;
    for (const userId of await this.recipients(parties)) {
      if (userId === entry.actorId) continue;
      const created = await this.create({
        key: `change:${entry._id}:${userId}`,
        userId,
        kind: 'status',
        reminder: null,
        voucherId: entry.voucherId,
        title: project ? `「${project}」${STATUS_TITLE}` : `创新券${STATUS_TITLE}`,
        body: text(entry),
        page: pageOf(entry, parties),
        topic: CHANGE_TOPIC[`${entry.subject}:${entry.event}`] ?? null,
      });
      if (created) n += 1;
    }
    return n;
  }

  /**
   * Creates the reminders due now (idempotent; run by a job on every instance). Returns how many it
   * created. Only live vouchers (derived status) get one, only between its due time and the deadline.
   */
  async scanReminders(limit = 1000): Promise<number> {
    const now = this.clock.now();
    const candidates = await this.vouchers.find(
      { $or: [{ status: 'claimed', claimedAt: { $gt: new Date(now.getTime() - 17 * DAY_MS) } }, { status: 'registered' }] },
      { sort: { claimedAt: 1 }, limit },
    );
    let created = 0;
    for (const v of candidates) {
      const status = deriveStatus(v, now).status;
      const d = deadlines(v, now);
      const due: { kind: DeadlineKind; at: Date }[] = [];
      if (status === 'claimed') due.push({ kind: 'registration', at: d.registrationDeadline });
      if (status === 'registered') {
        if (d.validUntil) due.push({ kind: 'validity', at: d.validUntil });
        if (d.redemptionDeadline) due.push({ kind: 'redemption', at: d.redemptionDeadline });
      }
      for (const { kind, at } of due) {
        if (now < reminderDueAt(kind, at) || now > at) continue;
        const parties: Parties = { applicantId: v.applicantId, unitId: kind === 'registration' ? null : (v.unitId ?? null) };
        for (const userId of await this.recipients(parties)) {
          const { title, body } = REMINDER_TEXT[kind](at);
          const page = kind === 'redemption' && v.contractId ? contractPage(v.contractId) : VOUCHERS_PAGE;
          if (await this.create({ key: `reminder:${kind}:${v._id}:${userId}`, userId, kind: 'reminder', reminder: kind, voucherId: v._id, title, body, page, topic: reminderTopic(kind) })) {
            created += 1;
          }
        }
      }
    }
    return created;
  }

  // --- WeChat subscribe messages --------------------------------------------------------------------

  /**
   * Pushes pending messages; each is claimed by one sender only, and sent only by spending one of its
   * recipient's acceptances of its topic (without: 'unsubscribed', never sent). Returns how many were sent.
   */
  async deliver(limit = 100): Promise<number> {
    const pending = await this.col.find({ push: 'pending' }, { sort: { createdAt: 1 }, limit });
    let sent = 0;
    for (const m of pending) {
      const claimed = await this.col.updateOne({ _id: m._id, push: 'pending' }, { $set: { push: 'sending' }, $inc: { pushAttempts: 1 } });
      if (!claimed) continue; // another instance took it
      const state = await this.pushOne(claimed);
      await this.col.updateOne({ _id: m._id, push: 'sending' }, { $set: { push: state, pushedAt: state === 'sent' ? this.clock.now() : null } });
      if (state === 'sent') sent += 1;
    }
    return sent;
  }

  private async pushOne(m: MessageDoc): Promise<PushState> {
    const topic = m.topic ?? null;
    if (!topic || !this.subscriptions) return 'unsubscribed';
    const user = await this.users.get(m.userId);
    if (!user) return 'skipped';
    const templateId = await this.subscriptions.spend(m.userId, topic);
    if (!templateId) return 'unsubscribed';
    let outcome: Awaited<ReturnType<SubscribePort['send']>>;
    try {
      outcome = await this.subscribe.send({ touser: user.openid, templateId, page: m.page ?? undefined, title: m.title, body: m.body, at: m.createdAt });
    } catch {
      await this.subscriptions.refund(m.userId, topic);
      return m.pushAttempts >= 3 ? 'failed' : 'pending';
    }
    if (outcome === 'skipped') await this.subscriptions.refund(m.userId, topic); // nothing left this machine
    if (outcome === 'refused') await this.subscriptions.forfeit(m.userId, topic); // WeChat holds no acceptance
    return outcome;
  }
}

/** Where a status notice opens: the voucher list, or the contract (a redemption's too: it has no page of its own). */
function pageOf(entry: AuditEntry, parties: Parties): string {
  if (entry.subject === 'contract') return contractPage(entry.subjectId);
  if (entry.subject === 'redemption' && parties.contractId) return contractPage(parties.contractId);
  return VOUCHERS_PAGE;
}
