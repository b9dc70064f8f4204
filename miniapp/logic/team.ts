/**
 * Joining an open unit and its staff list: the invite code as people type it, when it runs out, and how
 * a member is named. The BFF normalises codes the same way (bff/src/domain/invites.ts), so a code typed
 * in lower case, with spaces or without dashes, is the same code.
 */
import { formatBeijing } from './clock';

export const INVITE_CODE_LENGTH = 12;

/** Upper case, separators and spaces dropped: `abcd efgh-jkmn` equals `ABCDEFGHJKMN`. */
export function normalizeInviteCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** ABCD-EFGH-JKMN, as the code is shown and shared. */
export function formatInviteCode(code: string): string {
  const n = normalizeInviteCode(code);
  return (n.match(/.{1,4}/g) ?? []).join('-');
}

/** What is wrong with a typed code, before it is sent; null when it may be sent. */
export function inviteCodeProblem(code: string): string | null {
  const n = normalizeInviteCode(code);
  if (!n) return '请填写邀请码';
  if (n.length !== INVITE_CODE_LENGTH) return '邀请码为 12 位字母和数字，如 ABCD-EFGH-JKMN';
  return null;
}

/** What is wrong with the name a new member gives; null when fine. */
export function staffNameProblem(name: string): string | null {
  const t = name.trim();
  if (!t) return '请填写姓名，便于本单位管理员识别';
  if (t.length > 20) return '姓名最多 20 个字';
  return null;
}

/** 「2026-12-13 10:00 前有效」, Beijing time. */
export function inviteValidity(expiresAt: string): string {
  return `${formatBeijing(expiresAt)} 前有效，只能使用一次`;
}

/** The message a manager sends a new colleague (copied or shared). */
export function inviteMessage(unitName: string, code: string, expiresAt: string, manager: boolean): string {
  return [
    `邀请您加入「${unitName}」${manager ? '，并担任本单位管理员' : ''}，在科创券小程序处理合作申请与兑现。`,
    `邀请码：${formatInviteCode(code)}`,
    `${inviteValidity(expiresAt)}。`,
    '打开科创券 →「我的」→「加入开放单位」，输入邀请码即可。',
  ].join('\n');
}

export interface StaffMemberView {
  userId: string;
  name: string | null;
  manager: boolean;
  boundAt: string;
}

/** How a member is named in the list: their name, else 「未留姓名的工作人员」; 「（我）」 for oneself. */
export function staffLabel(m: StaffMemberView, myUserId: string): string {
  const name = m.name ?? '未留姓名的工作人员';
  return m.userId === myUserId ? `${name}（我）` : name;
}
