import type { ReactNode } from 'react';
import RoleGate from '../../components/RoleGate';
import { errorLine } from '../../services/errors';
import type { MeView } from '../../services/types';
import type { Opinion } from '../../services/reviewTypes';
import '../../components/form.scss';
import '../../admin/components/admin.scss';
import './review.scss';

export const OPINION_LABELS: Record<Opinion, string> = { pass: '通过', fail: '不通过', doubtful: '存疑' };
export const OPINION_OPTIONS = (['pass', 'fail', 'doubtful'] as const).map((code) => ({ code, label: OPINION_LABELS[code] }));

/** What to do next after a refusal, by error code (each refusal says the next step). */
const NEXT_STEP: Record<string, string> = {
  PANEL_INCOMPLETE: '请等待专家提交意见，或在评审进度中提醒未答复的专家。',
  FOLLOW_UP_PENDING: '请先登记现场调研或答辩会的结果，再作出结论。',
  DECISION_REASON_REQUIRED: '结论与专家组意见不一致，请在“理由”中写明依据后再提交。',
  REASON_REQUIRED: '请在“理由”中写明不予通过的原因后再提交。',
  PANEL_UNAVAILABLE: '可回避的专家过多：请在专家库中增加专家，或减少评审专家人数后重试。',
  NOTHING_TO_REVIEW: '目前没有待评审的兑现申请，请调整筛选条件或稍后再试。',
  NOTHING_TO_NOTICE: '目前没有评审通过、待公示的兑现申请。',
  NOTHING_PAYABLE: '公示期满且无异议的项目才能拨付；第四季度通过的项目自次年1月1日起拨付。',
  PAYMENT_NOT_DUE: '第四季度通过的项目自次年1月1日起拨付，请届时再建批次。',
  NOTICE_NOT_OPEN: '公示期内才能提出异议，请在公示期内再提交。',
  NOTICE_ITEM_STATE: '该项目已有异议在核查中或已结束公示，如有新情况请联系管理部门。',
  REVIEW_STATE: '该事项已作出结论，不能再修改；如有疑问请联系管理部门。',
  INVITE_INVALID: '请核对邀请码，或请管理部门重新发放。',
  INVITE_EXPIRED: '邀请码已过期，请请管理部门重新发放。',
  INVITE_USED: '邀请码已被使用，请请管理部门重新发放。',
  EXPERT_ALREADY_BOUND: '您的账号已是评审专家，可在“评审”页查看任务。',
  BATCH_STATE: '本批次已标记拨付，无需重复操作。',
};

/** The refusal in the BFF's words, then the next step. */
export function refusal(e: unknown): string {
  const code = (e as { code?: string } | null)?.code ?? '';
  const line = errorLine(e);
  const next = NEXT_STEP[code];
  return next && !line.includes(next) ? `${line}。${next}`.replace('。。', '。') : line;
}

const isExpert = (me: MeView): me is MeView => me.roles.includes('expert');

/** The review sub-package's guard for experts' screens. */
export function ExpertGate({ children }: { children: (me: MeView) => ReactNode }) {
  return (
    <RoleGate
      id='expert-gate'
      admit={isExpert}
      signedOut='评审任务仅对评审专家开放，请先登录'
      forbiddenTitle='仅评审专家可访问'
      forbidden={() => '您还不是评审专家。如已收到管理部门的专家邀请码，请在“我的”中输入邀请码。'}
    >
      {children}
    </RoleGate>
  );
}
