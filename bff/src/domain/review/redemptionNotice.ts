/**
 * Approved redemptions in a public notice (第十五条5 "经审核、公示无异议后"): the notice lists, per item,
 * the open unit, the service category, the applicant's name masked as the commission publishes it
 * (maskName) and the voucher amount payable. Cleared items become payable; an upheld objection sends the
 * redemption back to review (its decision is set aside, review/rounds.ts reopen). Audited per voucher.
 */
import { maskName, SERVICE_CATEGORY_LABELS, type IsoDay, type ServiceCategory } from '@kcq/shared';
import type { Applicants } from '../applicants';
import { CATALOGUE_SERVICES, type CatalogueService } from '../catalogue';
import type { Contracts } from '../contracts';
import { DomainError } from '../errors';
import type { NoticeDoc, NoticeItemDoc, Notices, ObjectionDoc } from '../notices/notices';
import type { OpenUnits } from '../openUnits';
import type { Redemptions } from '../redemptions';
import type { ChangeActor } from '../vouchers';
import type { Store } from '../../store';
import type { ReviewRounds } from './rounds';

export const REDEMPTION_NOTICE_KIND = 'redemption';

export class RedemptionNotices {
  constructor(
    private readonly store: Store,
    private readonly notices: Notices,
    private readonly redemptions: Redemptions,
    private readonly contracts: Contracts,
    private readonly applicants: Applicants,
    private readonly openUnits: OpenUnits,
    private readonly rounds: ReviewRounds,
  ) {
    notices.handle(REDEMPTION_NOTICE_KIND, {
      cleared: (item, notice) => this.cleared(item, notice),
      upheld: (item, objection, reason, by) => this.upheld(item, objection, reason, by),
      objection: (item, objection, event) => this.objection(item, objection, event),
    });
  }

  private async display(redemptionId: string): Promise<NoticeItemDoc['display']> {
    const r = await this.redemptions.require(redemptionId);
    const c = await this.contracts.get(r.contractId);
    const service = c?.serviceId ? await this.store.collection<CatalogueService>(CATALOGUE_SERVICES).findById(c.serviceId) : null;
    const applicant = await this.applicants.get(r.applicantId);
    const unit = await this.openUnits.get(r.unitId);
    const category = service?.category as ServiceCategory | undefined;
    return {
      unitName: unit?.name ?? c?.unitName ?? '',
      serviceCategory: category ? SERVICE_CATEGORY_LABELS[category] : '',
      applicantName: maskName((applicant?.profile as { name?: string } | undefined)?.name ?? ''),
      payableFen: r.payableFen,
    };
  }

  /** Publishes the approved redemptions (all, or those named) in one notice starting on `startDay`. */
  async publish(input: { title: string; startDay: IsoDay; redemptionIds?: string[] }, by: string): Promise<NoticeDoc> {
    const approved = (await this.redemptions.inStatus(['approved'])).filter((r) => !input.redemptionIds || input.redemptionIds.includes(r._id));
    if (input.redemptionIds && approved.length !== new Set(input.redemptionIds).size) {
      throw new DomainError('REDEMPTION_STATE', '所选兑现申请中有未评审通过或已公示的');
    }
    if (!approved.length) throw new DomainError('NOTHING_TO_NOTICE');
    const items = await Promise.all(approved.map(async (r) => ({ subjectId: r._id, display: await this.display(r._id) })));
    const notice = await this.notices.publish(REDEMPTION_NOTICE_KIND, input.title, input.startDay, items, by);
    const actor: ChangeActor = { id: by, role: 'administrator' };
    for (const r of approved) {
      await this.redemptions.step(r._id, actor, { type: 'publish_notice' }, ['approved'], 'in_public_notice', {
        notice: { noticeId: notice._id, startDay: notice.startDay, endDay: notice.endDay },
      }, { noticeId: notice._id, startDay: notice.startDay, endDay: notice.endDay });
    }
    return notice;
  }

  private async cleared(item: NoticeItemDoc, notice: NoticeDoc): Promise<void> {
    await this.redemptions.step(item.subjectId, { id: 'system', role: 'system' }, { type: 'clear_notice' }, ['in_public_notice'], 'payable', {}, {
      noticeId: notice._id,
      endDay: notice.endDay,
    });
  }

  private async upheld(item: NoticeItemDoc, objection: ObjectionDoc, reason: string, by: string): Promise<void> {
    await this.redemptions.step(item.subjectId, { id: by, role: 'administrator' }, { type: 'uphold_objection', reason }, ['in_public_notice'], 'under_review', {
      review: null,
      paymentYear: null,
    }, { noticeId: item.noticeId, objectionId: objection._id, reason });
    await this.rounds.reopen(item.subjectId);
  }

  private async objection(item: NoticeItemDoc, objection: ObjectionDoc, event: 'lodged' | 'dismissed'): Promise<void> {
    const r = await this.redemptions.require(item.subjectId);
    const by: ChangeActor =
      event === 'lodged' ? { id: objection.userId, role: 'public' } : { id: objection.resolution?.by ?? 'system', role: 'administrator' };
    await this.redemptions.note(r, by, 'notice', objection._id, `objection_${event}`, {
      noticeId: item.noticeId,
      reason: event === 'lodged' ? objection.reason : objection.resolution?.reason,
    });
  }
}
