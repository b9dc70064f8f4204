/**
 * The life of a voucher — 第十五条 — as one explicit state machine, with the supervision rules of
 * 第十六条 (a voucher belongs to one applicant and one contract; it cannot be reused) and 第十八条 (every
 * change is traceable: each transition returns a record of who, when, what).
 *
 *   claimed ──register (open unit)──▶ registered ──apply_redemption (open unit)──▶ redemption_applied
 *   redemption_applied ──open_review (administrator)──▶ under_review                 第十五条4
 *   under_review ──approve / reject (administrator, after the experts)──▶ approved / rejected   第十五条4
 *   approved ──publish_notice (administrator)──▶ in_public_notice                     第十五条5
 *   in_public_notice ──clear_notice (system or administrator)──▶ payable            第十五条5
 *   in_public_notice ──uphold_objection (administrator)──▶ under_review             第十五条5
 *   payable ──pay (administrator, in a payment batch)──▶ paid                        第十五条5
 *   claimed, registered ──cancel──▶ void(cancelled)
 *   claimed ──expire_registration (system)──▶ void(unregistered_expired)      第十五条2, 15 days
 *   registered ──expire_validity (system)──▶ void(validity_expired)          第十五条2, 3 months
 *   registered ──expire_redemption (system)──▶ void(redemption_late)         第十五条3, 1 month
 *
 * Status is DERIVED: a stored status may be stale because deadlines pass without anyone writing.
 * `deriveStatus(voucher, now)` gives the real status; `dueSystemEvent` the expiry event that would
 * persist it. Deadlines are never stored inputs: they are computed from `claimedAt`, `registeredAt` and
 * `contractEndDay` (one source of truth) and exposed by `deadlines()`.
 *
 * **Decisions** (POLICY.md silent):
 * - Once registered, the voucher's fate hangs on its contract: the contract ends within validity
 *   (checked at registration, and not before the registration day), then redemption is due within a month
 *   of the contract end — which may be after the validity end. So a registered voucher with a known
 *   contract end becomes void/redemption_late after the redemption deadline; only a registered voucher
 *   with no recorded contract end becomes void/validity_expired after the validity end. A stored
 *   contract end later than the validity end is capped at the validity end.
 * - Redemption may be applied for any time from registration up to the redemption deadline (the rules set
 *   only a latest time; a service can finish early).
 * - A rejection needs a reason (POLICY.md: "approve or reject with reasons"); a cancellation may have one.
 * - Cancellation is not in the rules text: allowed while nothing has been submitted for redemption —
 *   claimed (applicant, administrator) and registered (applicant, open unit, administrator).
 * - An amendment of a registered contract (open unit, before redemption) may move the contract end only
 *   within the same bounds as at registration (registration day … validity end, 第十五条2), and not to a
 *   day whose redemption deadline has already passed (that would void the voucher on the spot).
 * - A site visit or hearing (第十五条4) does not change the voucher's status: review is still pending; the
 *   step is recorded (`siteVisitAt`) and the review item carries it.
 * - 第十五条5 "经审核、公示无异议后": an approved voucher is paid only after a public notice without an
 *   unresolved objection (payable); an upheld objection sends it back to review (under_review again).
 * - Annual cap (第十二条): claimed, registered, redemption_applied, under_review, approved, in_public_notice,
 *   payable, paid AND rejected count. A
 *   rejected voucher was registered and used for a contract and cannot be reused (第十六条), so it stays
 *   spent; only void vouchers (expired, late, cancelled) free the allowance (第十五条3 "不计入当年总额度").
 */
import { compareDays, isIsoDay, shanghaiDay } from './calendar';
import type { IsoDay } from './calendar';
import { checkContractEndDay, redemptionDeadline, registrationDeadline, validityEnd, validityEndDay } from './deadlines';

export const VOUCHER_STATUSES = [
  'claimed',
  'registered',
  'redemption_applied',
  'under_review',
  'approved',
  'in_public_notice',
  'payable',
  'paid',
  'rejected',
  'void',
] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

export const VOUCHER_STATUS_LABELS: Readonly<Record<VoucherStatus, string>> = {
  claimed: '已领取（待登记）',
  registered: '已登记',
  redemption_applied: '已申请兑现',
  under_review: '专家评审中',
  approved: '评审通过',
  in_public_notice: '公示中',
  payable: '待拨付',
  paid: '已拨付',
  rejected: '评审未通过',
  void: '已作废',
};

export const VOID_REASONS = ['unregistered_expired', 'validity_expired', 'redemption_late', 'cancelled', 'misconduct'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

export const VOID_REASON_LABELS: Readonly<Record<VoidReason, string>> = {
  unregistered_expired: '领取后15日内未完成合同登记，已作废',
  validity_expired: '超过有效期，已作废',
  redemption_late: '合同到期后1个月内未申请兑现，已作废',
  cancelled: '已取消',
  /** 第十七条: voided by the decision on a misconduct case (its amount is not returned to the period). */
  misconduct: '因违规行为被处理决定作废',
};

export const ACTORS = ['applicant', 'open_unit', 'administrator', 'system'] as const;
export type Actor = (typeof ACTORS)[number];

export const ACTOR_LABELS: Readonly<Record<Actor, string>> = {
  applicant: '申领单位',
  open_unit: '开放单位',
  administrator: '管理部门',
  system: '系统',
};

export const VOUCHER_EVENT_TYPES = [
  'register',
  'amend',
  'apply_redemption',
  'open_review',
  'mark_for_site_visit',
  'approve',
  'reject',
  'publish_notice',
  'clear_notice',
  'uphold_objection',
  'pay',
  'cancel',
  'expire_registration',
  'expire_validity',
  'expire_redemption',
] as const;
export type VoucherEventType = (typeof VOUCHER_EVENT_TYPES)[number];

export const VOUCHER_EVENT_LABELS: Readonly<Record<VoucherEventType, string>> = {
  register: '合同登记',
  amend: '合同变更',
  apply_redemption: '申请兑现',
  open_review: '组织专家评审',
  mark_for_site_visit: '现场调研或答辩',
  approve: '评审通过',
  reject: '评审不通过',
  publish_notice: '公示',
  clear_notice: '公示期满无异议',
  uphold_objection: '异议成立，退回评审',
  pay: '拨付',
  cancel: '取消',
  expire_registration: '逾期未登记作废',
  expire_validity: '超过有效期作废',
  expire_redemption: '逾期未申请兑现作废',
};

export type VoucherEvent =
  | { type: 'register'; contractEndDay: IsoDay }
  | { type: 'amend'; contractEndDay: IsoDay }
  | { type: 'apply_redemption' }
  | { type: 'open_review' }
  | { type: 'mark_for_site_visit'; note?: string }
  | { type: 'publish_notice' }
  | { type: 'clear_notice' }
  | { type: 'uphold_objection'; reason: string }
  | { type: 'approve' }
  | { type: 'reject'; reason: string }
  | { type: 'pay' }
  | { type: 'cancel'; reason?: string }
  | { type: 'expire_registration' }
  | { type: 'expire_validity' }
  | { type: 'expire_redemption' };

/** The voucher facts the rules need. Stores may carry more fields (id, applicant…): they pass through. */
export interface Voucher {
  status: VoucherStatus;
  /** Only when status is 'void'. */
  voidReason?: VoidReason;
  amountFen: number;
  claimedAt: Date;
  /** Set by `register`. */
  registeredAt?: Date;
  /** Last Beijing day of the voucher service contract, set by `register`. */
  contractEndDay?: IsoDay;
  /** Set by `amend`: the last change of the registered contract. */
  amendedAt?: Date;
  redemptionAppliedAt?: Date;
  /** Set by `mark_for_site_visit` (第十五条4). */
  siteVisitAt?: Date;
  /** Set by `approve` / `reject`. */
  reviewedAt?: Date;
  rejectionReason?: string;
  paidAt?: Date;
  voidedAt?: Date;
  cancelReason?: string;
}

export interface TransitionRule {
  from: VoucherStatus;
  event: VoucherEventType;
  to: VoucherStatus;
  /** When `to` is 'void'. */
  voidReason?: VoidReason;
  actors: readonly Actor[];
  /** The clause the step comes from, or a note that it is our decision. */
  clause: string;
}

/** Every allowed step. Anything not listed is INVALID_TRANSITION. */
export const VOUCHER_TRANSITIONS: readonly TransitionRule[] = [
  { from: 'claimed', event: 'register', to: 'registered', actors: ['open_unit'], clause: '第十五条第二项' },
  { from: 'claimed', event: 'cancel', to: 'void', voidReason: 'cancelled', actors: ['applicant', 'administrator'], clause: '（本系统约定）' },
  { from: 'claimed', event: 'expire_registration', to: 'void', voidReason: 'unregistered_expired', actors: ['system'], clause: '第十五条第二项' },
  { from: 'registered', event: 'amend', to: 'registered', actors: ['open_unit'], clause: '第十五条第二项（本系统约定）' },
  { from: 'registered', event: 'apply_redemption', to: 'redemption_applied', actors: ['open_unit'], clause: '第十五条第三项' },
  {
    from: 'registered',
    event: 'cancel',
    to: 'void',
    voidReason: 'cancelled',
    actors: ['applicant', 'open_unit', 'administrator'],
    clause: '（本系统约定）',
  },
  { from: 'registered', event: 'expire_validity', to: 'void', voidReason: 'validity_expired', actors: ['system'], clause: '第十五条第二项' },
  { from: 'registered', event: 'expire_redemption', to: 'void', voidReason: 'redemption_late', actors: ['system'], clause: '第十五条第三项' },
  { from: 'redemption_applied', event: 'open_review', to: 'under_review', actors: ['administrator'], clause: '第十五条第四项' },
  { from: 'under_review', event: 'mark_for_site_visit', to: 'under_review', actors: ['administrator'], clause: '第十五条第四项' },
  { from: 'under_review', event: 'approve', to: 'approved', actors: ['administrator'], clause: '第十五条第四项' },
  { from: 'under_review', event: 'reject', to: 'rejected', actors: ['administrator'], clause: '第十五条第四项' },
  { from: 'approved', event: 'publish_notice', to: 'in_public_notice', actors: ['administrator'], clause: '第十五条第五项' },
  { from: 'in_public_notice', event: 'clear_notice', to: 'payable', actors: ['system', 'administrator'], clause: '第十五条第五项' },
  { from: 'in_public_notice', event: 'uphold_objection', to: 'under_review', actors: ['administrator'], clause: '第十五条第五项' },
  { from: 'payable', event: 'pay', to: 'paid', actors: ['administrator'], clause: '第十五条第五项' },
];

export function findTransition(from: VoucherStatus, event: VoucherEventType): TransitionRule | undefined {
  return VOUCHER_TRANSITIONS.find((t) => t.from === from && t.event === event);
}

/** 第十二条 + Decision: the statuses whose amount counts toward the applicant's annual cap. */
export const STATUSES_COUNTING_TOWARD_ANNUAL_CAP: readonly VoucherStatus[] = [
  'claimed',
  'registered',
  'redemption_applied',
  'under_review',
  'approved',
  'in_public_notice',
  'payable',
  'paid',
  'rejected',
];

export function countsTowardAnnualCap(status: VoucherStatus): boolean {
  return STATUSES_COUNTING_TOWARD_ANNUAL_CAP.includes(status);
}

export interface DerivedStatus {
  status: VoucherStatus;
  voidReason?: VoidReason;
}

/**
 * The contract end day that governs the redemption deadline: the stored one, capped at the validity end
 * (第十五条2), or null when none is recorded.
 */
function effectiveContractEndDay(voucher: Voucher, registeredAt: Date): IsoDay | null {
  if (!voucher.contractEndDay || !isIsoDay(voucher.contractEndDay)) return null;
  const lastValid = validityEndDay(registeredAt);
  return compareDays(voucher.contractEndDay, lastValid) > 0 ? lastValid : voucher.contractEndDay;
}

/** A registered voucher should have `registeredAt`; if a record lacks it, the claim time is the safe (earlier) stand-in. */
function registrationTime(voucher: Voucher): Date {
  return voucher.registeredAt ?? voucher.claimedAt;
}

/**
 * 第十五条: the status as of `now`. A stored 'claimed' past its registration deadline is
 * void/unregistered_expired; a stored 'registered' past its redemption deadline (contract end known) is
 * void/redemption_late, or past its validity end (contract end unknown) void/validity_expired. Deadlines are
 * inclusive: at 23:59:59.999 Beijing the voucher is still live, one millisecond later it is void.
 */
export function deriveStatus(voucher: Voucher, now: Date): DerivedStatus {
  const t = now.getTime();
  switch (voucher.status) {
    case 'claimed':
      return t > registrationDeadline(voucher.claimedAt).getTime()
        ? { status: 'void', voidReason: 'unregistered_expired' }
        : { status: 'claimed' };
    case 'registered': {
      const registeredAt = registrationTime(voucher);
      const contractEnd = effectiveContractEndDay(voucher, registeredAt);
      if (contractEnd !== null) {
        return t > redemptionDeadline(contractEnd).getTime()
          ? { status: 'void', voidReason: 'redemption_late' }
          : { status: 'registered' };
      }
      return t > validityEnd(registeredAt).getTime() ? { status: 'void', voidReason: 'validity_expired' } : { status: 'registered' };
    }
    case 'void':
      return voucher.voidReason ? { status: 'void', voidReason: voucher.voidReason } : { status: 'void' };
    default:
      return { status: voucher.status };
  }
}

const EXPIRY_EVENT_BY_REASON: Readonly<Partial<Record<VoidReason, VoucherEventType>>> = {
  unregistered_expired: 'expire_registration',
  validity_expired: 'expire_validity',
  redemption_late: 'expire_redemption',
};

/** The system event that would persist the derived status (for a sweeper), or null when nothing is due. */
export function dueSystemEvent(voucher: Voucher, now: Date): VoucherEvent | null {
  if (voucher.status === 'void') return null;
  const derived = deriveStatus(voucher, now);
  if (derived.status !== 'void' || !derived.voidReason) return null;
  const type = EXPIRY_EVENT_BY_REASON[derived.voidReason];
  return type ? ({ type } as VoucherEvent) : null;
}

export type DeadlineKind = 'registration' | 'validity' | 'redemption';

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, string>> = {
  registration: '合同登记截止',
  validity: '有效期截止',
  redemption: '申请兑现截止',
};

export interface VoucherDeadlines {
  /** 第十五条2: always known. */
  registrationDeadline: Date;
  /** 第十五条2: once registered. */
  validUntil?: Date;
  /** 第十五条3: once the contract end is known. */
  redemptionDeadline?: Date;
  /** The deadline that will void the voucher next, for a countdown; null when none applies. */
  next: { kind: DeadlineKind; at: Date; label: string } | null;
}

/**
 * The deadlines of a voucher, computed for display. `next` follows the status — derived at `now` when
 * given (an expired voucher then has no next deadline), else the stored one.
 */
export function deadlines(voucher: Voucher, now?: Date): VoucherDeadlines {
  const out: VoucherDeadlines = { registrationDeadline: registrationDeadline(voucher.claimedAt), next: null };
  if (voucher.registeredAt || voucher.status === 'registered') {
    const registeredAt = registrationTime(voucher);
    out.validUntil = validityEnd(registeredAt);
    const contractEnd = effectiveContractEndDay(voucher, registeredAt);
    if (contractEnd !== null) out.redemptionDeadline = redemptionDeadline(contractEnd);
  }
  const status = now ? deriveStatus(voucher, now).status : voucher.status;
  if (status === 'claimed') {
    out.next = { kind: 'registration', at: out.registrationDeadline, label: DEADLINE_LABELS.registration };
  } else if (status === 'registered') {
    out.next = out.redemptionDeadline
      ? { kind: 'redemption', at: out.redemptionDeadline, label: DEADLINE_LABELS.redemption }
      : { kind: 'validity', at: out.validUntil as Date, label: DEADLINE_LABELS.validity };
  }
  return out;
}

export type TransitionErrorCode =
  | 'INVALID_TRANSITION'
  | 'ACTOR_NOT_ALLOWED'
  | 'REGISTRATION_DEADLINE_PASSED'
  | 'VALIDITY_EXPIRED'
  | 'REDEMPTION_DEADLINE_PASSED'
  | 'DEADLINE_NOT_REACHED'
  | 'CONTRACT_END_OUT_OF_RANGE'
  | 'REASON_REQUIRED';

export interface TransitionError {
  code: TransitionErrorCode;
  /** Chinese. */
  message: string;
  clause?: string;
}

/** What a store appends to the voucher's history (第十八条: who, when, what). */
export interface TransitionRecord {
  event: VoucherEventType;
  actor: Actor;
  at: Date;
  from: VoucherStatus;
  to: VoucherStatus;
  voidReason?: VoidReason;
  /** The rejection or cancellation reason, when given. */
  reason?: string;
}

export type TransitionResult<V extends Voucher = Voucher> =
  | { ok: true; voucher: V; record: TransitionRecord }
  | { ok: false; error: TransitionError };

const DEADLINE_ERRORS: Readonly<Record<Exclude<VoidReason, 'cancelled' | 'misconduct'>, TransitionError>> = {
  unregistered_expired: {
    code: 'REGISTRATION_DEADLINE_PASSED',
    message: '已超过领取后15日的合同登记期限，创新券已作废',
    clause: '第十五条第二项',
  },
  validity_expired: { code: 'VALIDITY_EXPIRED', message: '已超过3个月有效期，创新券已作废', clause: '第十五条第二项' },
  redemption_late: {
    code: 'REDEMPTION_DEADLINE_PASSED',
    message: '已超过合同到期后1个月的兑现申请期限，创新券已作废',
    clause: '第十五条第三项',
  },
};

function fail<V extends Voucher>(code: TransitionErrorCode, message: string, clause?: string): TransitionResult<V> {
  return { ok: false, error: clause ? { code, message, clause } : { code, message } };
}

/**
 * Applies one event by one actor at `now`. Checks, in order: the step exists from the stored status
 * (INVALID_TRANSITION), the actor may take it (ACTOR_NOT_ALLOWED), the deadlines (a live step on an
 * expired voucher → REGISTRATION_DEADLINE_PASSED / VALIDITY_EXPIRED / REDEMPTION_DEADLINE_PASSED; an
 * expiry before its deadline → DEADLINE_NOT_REACHED), then the event's own data. Returns a new voucher
 * object (the input is not modified) and the history record.
 */
export function transition<V extends Voucher>(voucher: V, event: VoucherEvent, actor: Actor, now: Date): TransitionResult<V> {
  const rule = findTransition(voucher.status, event.type);
  if (!rule) {
    return fail(
      'INVALID_TRANSITION',
      `创新券当前状态为“${VOUCHER_STATUS_LABELS[voucher.status]}”，不能执行“${VOUCHER_EVENT_LABELS[event.type] ?? event.type}”`,
    );
  }
  if (!rule.actors.includes(actor)) {
    return fail('ACTOR_NOT_ALLOWED', `${ACTOR_LABELS[actor] ?? actor}不能执行“${VOUCHER_EVENT_LABELS[event.type]}”`, rule.clause);
  }

  const derived = deriveStatus(voucher, now);
  if (rule.voidReason && rule.actors.includes('system')) {
    if (derived.status !== 'void' || derived.voidReason !== rule.voidReason) {
      return fail('DEADLINE_NOT_REACHED', '该创新券尚未因此到期，不能作废', rule.clause);
    }
  } else if (derived.status === 'void' && derived.voidReason && derived.voidReason !== 'cancelled' && derived.voidReason !== 'misconduct') {
    const e = DEADLINE_ERRORS[derived.voidReason];
    return fail(e.code, e.message, e.clause);
  }

  const changes: Partial<Voucher> = { status: rule.to };
  let reason: string | undefined;
  switch (event.type) {
    case 'register': {
      if (!isIsoDay(event.contractEndDay)) {
        return fail('CONTRACT_END_OUT_OF_RANGE', '合同到期日格式应为 YYYY-MM-DD', rule.clause);
      }
      const problem = checkContractEndDay(event.contractEndDay, now);
      if (problem === 'before_registration') {
        return fail('CONTRACT_END_OUT_OF_RANGE', `合同到期日不能早于登记日 ${shanghaiDay(now)}`, rule.clause);
      }
      if (problem === 'after_validity') {
        return fail('CONTRACT_END_OUT_OF_RANGE', `合同到期日不能晚于有效期截止日 ${validityEndDay(now)}（登记后最长3个月）`, rule.clause);
      }
      changes.registeredAt = now;
      changes.contractEndDay = event.contractEndDay;
      break;
    }
    case 'amend': {
      if (!isIsoDay(event.contractEndDay)) {
        return fail('CONTRACT_END_OUT_OF_RANGE', '合同到期日格式应为 YYYY-MM-DD', rule.clause);
      }
      const registeredAt = registrationTime(voucher);
      const problem = checkContractEndDay(event.contractEndDay, registeredAt);
      if (problem === 'before_registration') {
        return fail('CONTRACT_END_OUT_OF_RANGE', `合同到期日不能早于登记日 ${shanghaiDay(registeredAt)}`, rule.clause);
      }
      if (problem === 'after_validity') {
        return fail('CONTRACT_END_OUT_OF_RANGE', `合同到期日不能晚于有效期截止日 ${validityEndDay(registeredAt)}（登记后最长3个月）`, rule.clause);
      }
      if (now.getTime() > redemptionDeadline(event.contractEndDay).getTime()) {
        return fail('CONTRACT_END_OUT_OF_RANGE', '按修改后的合同到期日，兑现申请期限已过，不能这样修改', rule.clause);
      }
      changes.contractEndDay = event.contractEndDay;
      changes.amendedAt = now;
      break;
    }
    case 'apply_redemption':
      changes.redemptionAppliedAt = now;
      break;
    case 'mark_for_site_visit':
      reason = typeof event.note === 'string' && event.note.trim() ? event.note.trim() : undefined;
      changes.siteVisitAt = now;
      break;
    case 'approve':
      changes.reviewedAt = now;
      break;
    case 'reject': {
      reason = typeof event.reason === 'string' ? event.reason.trim() : '';
      if (!reason) return fail('REASON_REQUIRED', '评审不通过须说明理由', rule.clause);
      changes.reviewedAt = now;
      changes.rejectionReason = reason;
      break;
    }
    case 'pay':
      changes.paidAt = now;
      break;
    case 'uphold_objection': {
      reason = typeof event.reason === 'string' ? event.reason.trim() : '';
      if (!reason) return fail('REASON_REQUIRED', '异议成立须说明理由', rule.clause);
      // Back to review: the earlier decision no longer stands.
      changes.reviewedAt = undefined;
      break;
    }
    case 'cancel': {
      reason = typeof event.reason === 'string' && event.reason.trim() ? event.reason.trim() : undefined;
      if (reason) changes.cancelReason = reason;
      break;
    }
    default:
      break; // expiry events carry no data
  }
  if (rule.to === 'void') {
    changes.voidReason = rule.voidReason;
    changes.voidedAt = now;
  }

  const record: TransitionRecord = { event: event.type, actor, at: now, from: voucher.status, to: rule.to };
  if (rule.voidReason) record.voidReason = rule.voidReason;
  if (reason) record.reason = reason;
  return { ok: true, voucher: { ...voucher, ...changes }, record };
}
