/**
 * 专家库 (第十五条4; docs/review.md): what an administrator types for an expert profile — name, work unit,
 * the priority fields (第七条5) and the organisations the expert is tied to (recusal) — checked on the
 * field before it is sent, in the shape POST/PUT /api/admin/experts take
 * (bff/src/domain/experts/experts.ts `expertInputSchema`), and how a profile is labelled in the list.
 */
import { PRIORITY_FIELDS, PRIORITY_FIELD_LABELS, type PriorityField } from '@kcq/shared';
import type { ExpertView } from '../services/reviewTypes';
import { formatInviteCode, inviteValidity } from './team';

/** The five priority fields in display order, as the multi-select offers them. */
export const EXPERT_FIELD_OPTIONS: ReadonlyArray<{ code: PriorityField; label: string }> = PRIORITY_FIELDS.map((code) => ({ code, label: PRIORITY_FIELD_LABELS[code] }));

export const fieldLabel = (code: string): string => PRIORITY_FIELD_LABELS[code as PriorityField] ?? '其他领域';

/** How the expert is tied to an organisation (the BFF takes any short text; these cover the usual cases). */
export const TIE_RELATIONS = ['兼职', '合作', '持股', '曾任职', '其他'] as const;
export const TIE_RELATION_OPTIONS = TIE_RELATIONS.map((r) => ({ code: r, label: r }));

export const EXPERT_LIMITS = { name: 50, organisation: 100, tieName: 100, relation: 50, ties: 50 } as const;

export type TieKind = 'open_unit' | 'applicant' | 'organisation';

/** A tie as the form holds it: `key` keeps a row's identity while rows are added and removed. */
export interface TieDraft {
  key: string;
  /** Ties made through the API may name a unit or applicant by id: kept as they are when edited. */
  kind: TieKind;
  id: string | null;
  name: string;
  relation: string;
}

export interface ExpertDraft {
  name: string;
  organisation: string;
  fields: PriorityField[];
  ties: TieDraft[];
  active: boolean;
}

/** The body of POST /api/admin/experts (PUT adds `active`). */
export interface ExpertInput {
  name: string;
  organisation: string;
  fields: PriorityField[];
  ties: { kind: TieKind; id: string | null; name: string; relation: string }[];
}

let tieSeq = 0;
const tieKey = () => `tie-${++tieSeq}`;

export const newTie = (): TieDraft => ({ key: tieKey(), kind: 'organisation', id: null, name: '', relation: TIE_RELATIONS[0] });

/** The form's starting values: empty for a new expert, the profile's for an edit. */
export function draftOf(e?: ExpertView | null): ExpertDraft {
  if (!e) return { name: '', organisation: '', fields: [], ties: [], active: true };
  return {
    name: e.name,
    organisation: e.organisation,
    fields: e.fields.filter((f): f is PriorityField => (PRIORITY_FIELDS as readonly string[]).includes(f)),
    ties: e.ties.map((t) => ({ key: tieKey(), kind: t.kind as TieKind, id: t.id, name: t.name, relation: t.relation })),
    active: e.active,
  };
}

/** A field picked or unpicked, the list kept in the fields' own order. */
export function toggleField(fields: readonly PriorityField[], code: PriorityField): PriorityField[] {
  const on = fields.includes(code) ? fields.filter((f) => f !== code) : [...fields, code];
  return PRIORITY_FIELDS.filter((f) => on.includes(f));
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export interface ExpertProblems {
  name?: string;
  organisation?: string;
  fields?: string;
  /** By the tie's key. */
  ties: Record<string, string>;
}

/** What is wrong with the form, field by field; null when it may be sent. */
export function expertProblems(d: ExpertDraft): ExpertProblems | null {
  const p: ExpertProblems = { ties: {} };
  const name = d.name.trim();
  const organisation = d.organisation.trim();
  if (!name) p.name = '请填写专家姓名';
  else if (name.length > EXPERT_LIMITS.name) p.name = `姓名不能超过${EXPERT_LIMITS.name}个字`;
  if (!organisation) p.organisation = '请填写专家的工作单位';
  else if (organisation.length > EXPERT_LIMITS.organisation) p.organisation = `工作单位不能超过${EXPERT_LIMITS.organisation}个字`;
  if (d.fields.length === 0) p.fields = '请至少选择一个专业领域';
  const seen = new Set<string>();
  if (organisation) seen.add(norm(organisation));
  for (const t of d.ties) {
    const tn = t.name.trim();
    if (!tn) p.ties[t.key] = '请填写关联单位名称，或删除这一项';
    else if (tn.length > EXPERT_LIMITS.tieName) p.ties[t.key] = `单位名称不能超过${EXPERT_LIMITS.tieName}个字`;
    else if (!t.relation.trim()) p.ties[t.key] = '请选择关联关系';
    else if (seen.has(norm(tn))) p.ties[t.key] = norm(tn) === norm(organisation) ? '工作单位已自动回避，无需重复填写' : '该单位已填写';
    seen.add(norm(tn));
  }
  return p.name || p.organisation || p.fields || Object.keys(p.ties).length ? p : null;
}

/** The body sent: trimmed, the form's row keys dropped. */
export function expertInput(d: ExpertDraft): ExpertInput {
  return {
    name: d.name.trim(),
    organisation: d.organisation.trim(),
    fields: [...d.fields],
    ties: d.ties.map((t) => ({ kind: t.kind, id: t.id, name: t.name.trim(), relation: t.relation.trim() })),
  };
}

/** 已绑定 / 待绑定, 在库 / 已停用, as the list and the profile say it. */
export function expertStatus(e: Pick<ExpertView, 'userId' | 'active'>): { bound: boolean; boundLabel: string; activeLabel: string } {
  const bound = e.userId !== null;
  return { bound, boundLabel: bound ? '已绑定' : '待绑定', activeLabel: e.active ? '在库' : '已停用' };
}

/** 甲大学（兼职）、乙公司（合作）: the ties in one line. */
export function tiesLine(ties: ReadonlyArray<{ name: string; relation: string }>): string {
  return ties.map((t) => `${t.name}（${t.relation}）`).join('、');
}

/** The message an administrator sends the expert (copied or shared). */
export function expertInviteMessage(name: string, code: string, expiresAt: string): string {
  return [
    `${name}专家：诚邀您加入科创券评审专家库，参与创新券兑现评审。`,
    `邀请码：${formatInviteCode(code)}`,
    `${inviteValidity(expiresAt)}。`,
    '打开科创券小程序 →「我的」→「加入评审专家库」，输入邀请码即可。',
  ].join('\n');
}
