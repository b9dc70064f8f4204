/**
 * What every irreversible or money-moving step says before it happens: what will happen, to whom, and
 * how much. One shape for all of them, shown by the one confirmation dialog (components/Confirm.tsx).
 */
import { formatFen } from '@kcq/shared';

export interface Confirmation {
  title: string;
  /** One sentence per line: what happens, the amount, what cannot be undone. */
  lines: string[];
  confirmText: string;
  /** Red confirm button: something is lost or refused. */
  danger: boolean;
}

interface RedemptionLike {
  payableFen: number;
  actualAmountFen: number;
  paymentYear?: number | null;
}

interface Parties {
  unitName: string;
  projectTitle: string;
}

/** 通过 (第十五条4): the voucher will pay the open unit this much, after the public notice. */
export function approveRedemption(r: RedemptionLike, p: Parties): Confirmation {
  return {
    title: '通过这项兑现申请？',
    lines: [
      `项目「${p.projectTitle}」`,
      `创新券将向「${p.unitName}」支付 ${formatFen(r.payableFen)}（实际合同金额 ${formatFen(r.actualAmountFen)}）。`,
      '通过后进入公示，公示无异议后拨付；评审结论不能撤回。',
    ],
    confirmText: `通过，支付 ${formatFen(r.payableFen)}`,
    danger: false,
  };
}

/** 不通过: the voucher pays nothing for this project. */
export function rejectRedemption(r: RedemptionLike, p: Parties, reason: string): Confirmation {
  return {
    title: '确定不通过？',
    lines: [
      `项目「${p.projectTitle}」的兑现申请将不予通过，创新券不支付申请的 ${formatFen(r.payableFen)}。`,
      `原因：${reason}`,
      '开放单位会收到通知；评审结论不能撤回。',
    ],
    confirmText: '不通过',
    danger: true,
  };
}

/** 登记拨付: the money has gone to the open unit. */
export function recordPayment(r: RedemptionLike, p: Parties): Confirmation {
  return {
    title: '登记拨付？',
    lines: [
      `确认已向「${p.unitName}」拨付 ${formatFen(r.payableFen)}${r.paymentYear ? `（${r.paymentYear} 年度）` : ''}。`,
      '登记后这张券即为已兑现，不能撤回。',
    ],
    confirmText: `已拨付 ${formatFen(r.payableFen)}`,
    danger: false,
  };
}

/** 放弃此券 (applicant). */
export function cancelVoucher(amountFen: number): Confirmation {
  return {
    title: '放弃这张券？',
    lines: [`放弃后这张 ${formatFen(amountFen)}的券立即作废，不能恢复。`, '金额退回本年度额度，本期仍开放时可重新领取。'],
    confirmText: '放弃此券',
    danger: true,
  };
}

/** 提前结束 a period. */
export function closePeriod(p: { name: string; remainingFen: number }): Confirmation {
  return {
    title: '提前结束本期？',
    lines: [`「${p.name}」结束后立即停止领取，且不能重新开放。`, `剩余额度 ${formatFen(p.remainingFen)} 不再发放。`],
    confirmText: '提前结束',
    danger: true,
  };
}

/** 解除绑定 a staff member. */
export function unbindStaff(name: string, unitName: string): Confirmation {
  return {
    title: '解除绑定？',
    lines: [`「${name}」将不再是「${unitName}」的工作人员，立即不能处理本单位的合作与兑现。`, '如需恢复，请重新发放邀请码。'],
    confirmText: '解除绑定',
    danger: true,
  };
}

/** 标记已拨付 (第十五条5): the whole payment batch has gone to the open units. */
export function markBatchPaid(b: { title: string; totalFen: number; fundsYear: number; rows: number }, reference: string): Confirmation {
  return {
    title: '确认本批次已拨付？',
    lines: [
      `「${b.title}」共 ${b.rows} 项，合计拨付 ${formatFen(b.totalFen)}（${b.fundsYear} 年度资金）。`,
      `拨付凭证号：${reference}`,
      '确认后批次内各张创新券即为已拨付，不能撤回。',
    ],
    confirmText: `已拨付 ${formatFen(b.totalFen)}`,
    danger: false,
  };
}
