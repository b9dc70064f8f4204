/**
 * Public notices (公示, 第十五条5 "经审核、公示无异议后", 第十八条 public supervision), generic over the item
 * kind so unit applications (第六条) and the subsidy plan (第十四条) can reuse them. A notice has a start
 * day and an end day 5 working days on (calendar.ts); it is public. Each item carries the public fields
 * its kind chooses (already masked). Anyone signed in may lodge an objection (异议) with a reason during
 * the notice; an item with an open objection is held; an administrator resolves each objection:
 * dismissed — the item continues; upheld — the item leaves the notice and its kind's handler sends the
 * subject back (a redemption goes back to review), and the notice says so. After the end day, items with
 * no open objection are cleared (their handler makes them payable); a held item is cleared when its last
 * objection is dismissed.
 */
import { z } from 'zod';
import { endOfShanghaiDay, shanghaiDay, startOfShanghaiDay, textSchema, type IsoDay } from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { newId } from '../ids';
import type { CollectionSpec, Store } from '../../store';
import { publicNoticeEndDay } from './calendar';

export type NoticeItemStatus = 'listed' | 'held' | 'cleared' | 'withdrawn';

export const NOTICE_ITEM_STATUS_LABELS: Readonly<Record<NoticeItemStatus, string>> = {
  listed: '公示中',
  held: '有异议，核查中',
  cleared: '公示期满无异议',
  withdrawn: '异议成立，退回评审',
};

export interface NoticeDoc {
  _id: string;
  kind: string;
  title: string;
  startDay: IsoDay;
  endDay: IsoDay;
  publishedAt: Date;
  publishedBy: string;
}

export interface NoticeItemDoc {
  _id: string;
  noticeId: string;
  kind: string;
  subjectId: string;
  /** The public fields (masked where the kind requires). */
  display: Record<string, string | number>;
  status: NoticeItemStatus;
  updatedAt: Date;
}

export interface ObjectionDoc {
  _id: string;
  noticeId: string;
  itemId: string;
  userId: string;
  reason: string;
  lodgedAt: Date;
  status: 'open' | 'dismissed' | 'upheld';
  resolution: { reason: string; at: Date; by: string } | null;
}

export const NOTICES: CollectionSpec = { name: 'notices', indexes: [{ fields: ['endDay'] }, { fields: ['publishedAt'] }] };
export const NOTICE_ITEMS: CollectionSpec = {
  name: 'notice_items',
  indexes: [{ fields: ['noticeId', 'subjectId'], unique: true }, { fields: ['status'] }, { fields: ['subjectId'] }],
};
export const OBJECTIONS: CollectionSpec = { name: 'objections', indexes: [{ fields: ['itemId', 'status'] }, { fields: ['status', 'lodgedAt'] }] };

/** What an item kind does when its item leaves the notice. */
export interface NoticeKindHandler {
  /** The notice ended with no open objection (第十五条5: then payable). */
  cleared(item: NoticeItemDoc, notice: NoticeDoc): Promise<void>;
  /** An objection was upheld: the subject goes back (a redemption to review). */
  upheld(item: NoticeItemDoc, objection: ObjectionDoc, reason: string, by: string): Promise<void>;
  /** An objection was lodged or dismissed: for the subject's audit trail. */
  objection?(item: NoticeItemDoc, objection: ObjectionDoc, event: 'lodged' | 'dismissed'): Promise<void>;
}

export const objectionInputSchema = z.strictObject({ reason: textSchema('异议理由', { max: 2000, multiline: true }) });
export const resolutionInputSchema = z.strictObject({
  outcome: z.enum(['dismissed', 'upheld']),
  reason: textSchema('处理意见', { max: 2000, multiline: true }),
});

export type NoticePhase = 'upcoming' | 'open' | 'ended';

export class Notices {
  private readonly handlers = new Map<string, NoticeKindHandler>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private get notices() {
    return this.store.collection<NoticeDoc>(NOTICES);
  }
  private get items() {
    return this.store.collection<NoticeItemDoc>(NOTICE_ITEMS);
  }
  private get objections() {
    return this.store.collection<ObjectionDoc>(OBJECTIONS);
  }

  handle(kind: string, handler: NoticeKindHandler): void {
    this.handlers.set(kind, handler);
  }

  private handler(kind: string): NoticeKindHandler {
    const h = this.handlers.get(kind);
    if (!h) throw new Error(`no notice handler for ${kind}`);
    return h;
  }

  phase(n: NoticeDoc, now = this.clock.now()): NoticePhase {
    if (now.getTime() < startOfShanghaiDay(n.startDay).getTime()) return 'upcoming';
    return now.getTime() > endOfShanghaiDay(n.endDay).getTime() ? 'ended' : 'open';
  }

  async require(id: string): Promise<NoticeDoc> {
    const n = await this.notices.findById(id);
    if (!n) throw new DomainError('NOT_FOUND', '找不到该公示');
    return n;
  }

  /** Publishes a notice of `items`; the end day is 5 working days on (第十五条5, as 第十四条5). */
  async publish(kind: string, title: string, startDay: IsoDay, items: { subjectId: string; display: NoticeItemDoc['display'] }[], by: string): Promise<NoticeDoc> {
    const now = this.clock.now();
    if (startDay < shanghaiDay(now)) throw new DomainError('VALIDATION_FAILED', '公示开始日不能早于今天');
    const notice: NoticeDoc = { _id: newId('nt'), kind, title, startDay, endDay: publicNoticeEndDay(startDay), publishedAt: now, publishedBy: by };
    await this.notices.insert(notice);
    for (const i of items) {
      await this.items.insert({ _id: newId('ni'), noticeId: notice._id, kind, subjectId: i.subjectId, display: i.display, status: 'listed', updatedAt: now });
    }
    return notice;
  }

  async list(): Promise<NoticeDoc[]> {
    return this.notices.find({}, { sort: { publishedAt: -1 }, limit: 100 });
  }

  /** The public view: no user ids, no objection texts; held and withdrawn items say so. */
  async view(id: string) {
    const n = await this.require(id);
    const items = await this.items.find({ noticeId: id }, { sort: { _id: 1 } });
    const phase = this.phase(n);
    // A listed item of an ended notice is cleared, whether or not settle() has run yet.
    const shown = (s: NoticeItemStatus): NoticeItemStatus => (phase === 'ended' && s === 'listed' ? 'cleared' : s);
    return {
      id: n._id,
      kind: n.kind,
      title: n.title,
      startDay: n.startDay,
      endDay: n.endDay,
      workingDays: 5,
      phase,
      items: items.map((i) => ({ id: i._id, ...i.display, status: shown(i.status), statusLabel: NOTICE_ITEM_STATUS_LABELS[shown(i.status)] })),
    };
  }

  /** 第十五条5: anyone signed in objects during the notice; the item is held until it is resolved. */
  async lodge(noticeId: string, itemId: string, userId: string, reason: string): Promise<ObjectionDoc> {
    const n = await this.require(noticeId);
    const item = await this.items.findOne({ _id: itemId, noticeId });
    if (!item) throw new DomainError('NOT_FOUND', '找不到该公示事项');
    const now = this.clock.now();
    if (this.phase(n, now) !== 'open') throw new DomainError('NOTICE_NOT_OPEN', undefined, { startDay: n.startDay, endDay: n.endDay });
    if (item.status !== 'listed' && item.status !== 'held') throw new DomainError('NOTICE_ITEM_STATE');
    const objection: ObjectionDoc = { _id: newId('ob'), noticeId, itemId, userId, reason, lodgedAt: now, status: 'open', resolution: null };
    await this.objections.insert(objection);
    await this.items.updateOne({ _id: itemId, status: { $in: ['listed', 'held'] } }, { $set: { status: 'held', updatedAt: now } });
    await this.handler(item.kind).objection?.(item, objection, 'lodged');
    return objection;
  }

  listObjections(status?: ObjectionDoc['status']): Promise<ObjectionDoc[]> {
    return this.objections.find(status ? { status } : {}, { sort: { lodgedAt: 1 }, limit: 500 });
  }

  /** An administrator resolves an objection: dismissed — the item continues; upheld — it goes back. */
  async resolve(objectionId: string, outcome: 'dismissed' | 'upheld', reason: string, by: string): Promise<ObjectionDoc> {
    const now = this.clock.now();
    const resolved = await this.objections.updateOne({ _id: objectionId, status: 'open' }, { $set: { status: outcome, resolution: { reason, at: now, by } } });
    if (!resolved) {
      if (!(await this.objections.findById(objectionId))) throw new DomainError('NOT_FOUND', '找不到该异议');
      throw new DomainError('OBJECTION_STATE');
    }
    const item = (await this.items.findById(resolved.itemId))!;
    const handler = this.handler(item.kind);
    if (outcome === 'upheld') {
      const withdrawn = await this.items.updateOne({ _id: item._id, status: 'held' }, { $set: { status: 'withdrawn', updatedAt: now } });
      // The other open objections of the item are moot: it has left the notice.
      for (const o of await this.objections.find({ itemId: item._id, status: 'open' })) {
        await this.objections.updateOne({ _id: o._id, status: 'open' }, { $set: { status: 'upheld', resolution: { reason, at: now, by } } });
      }
      if (withdrawn) await handler.upheld(withdrawn, resolved, reason, by);
    } else {
      await handler.objection?.(item, resolved, 'dismissed');
      if ((await this.objections.count({ itemId: item._id, status: 'open' })) === 0) {
        await this.items.updateOne({ _id: item._id, status: 'held' }, { $set: { status: 'listed', updatedAt: now } });
        // A notice that ended while the item was held: it is cleared now.
        await this.settle();
      }
    }
    return resolved;
  }

  /**
   * 第十五条5: items of ended notices with no open objection are cleared (their handler makes them
   * payable). Idempotent: the conditional update decides; run before payables are read.
   */
  async settle(): Promise<number> {
    const today = shanghaiDay(this.clock.now());
    const ended = await this.notices.find({ endDay: { $lt: today } }, { limit: 1000 });
    let n = 0;
    for (const notice of ended) {
      for (const item of await this.items.find({ noticeId: notice._id, status: 'listed' })) {
        const cleared = await this.items.updateOne({ _id: item._id, status: 'listed' }, { $set: { status: 'cleared', updatedAt: this.clock.now() } });
        if (!cleared) continue;
        await this.handler(item.kind).cleared(cleared, notice);
        n += 1;
      }
    }
    return n;
  }
}
