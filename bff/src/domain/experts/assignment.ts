/**
 * Panel assignment with recusal (第十五条4 Decision): pure, and generic over what is reviewed — a
 * redemption today, an open unit's evaluation declaration (第十一、十四条) tomorrow. A subject names its
 * fields and its parties (the open unit, the applicant…); an expert tied to any party is never assigned
 * (recusal), and every exclusion says who and why.
 *
 * Order of choice for each subject: experts whose fields match first, then the lightest load (what they
 * already hold, plus what this run gave them), then id — so the same input gives the same panels.
 */
import { DomainError } from '../errors';

export type PartyKind = 'open_unit' | 'applicant';

export interface Party {
  kind: PartyKind;
  id: string;
  name: string;
}

/** Something a panel reviews. */
export interface ReviewSubject {
  id: string;
  /** Priority fields (第七条5) the subject belongs to. */
  fields: string[];
  parties: Party[];
}

/** An organisation the expert works for or with (declared by the expert or the administrator). */
export interface ExpertTie {
  /** The tie names a unit or applicant of the platform by id, or any organisation by name only. */
  kind: PartyKind | 'organisation';
  id: string | null;
  name: string;
  /** E.g. 任职, 兼职, 合作, 持股. */
  relation: string;
}

export interface Candidate {
  id: string;
  name: string;
  organisation: string;
  fields: string[];
  ties: ExpertTie[];
  /** Items the expert already reviews and has not answered. */
  load: number;
}

export interface Exclusion {
  expertId: string;
  name: string;
  /** Chinese, one per tie found: 与开放单位「开放单位X」存在关联（任职）. */
  reasons: string[];
}

export interface Assignment {
  subjectId: string;
  panel: string[];
  excluded: Exclusion[];
}

const PARTY_LABEL: Record<PartyKind, string> = { open_unit: '开放单位', applicant: '申领单位' };

/** Organisation names compared without spaces and brackets' width: 北京（某）大学 = 北京(某)大学. */
export function sameOrganisation(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return norm(a) !== '' && norm(a) === norm(b);
}

/** Why `expert` must not review `subject` (empty when nothing ties them). */
export function recusalReasons(expert: Pick<Candidate, 'ties' | 'organisation'>, subject: ReviewSubject): string[] {
  const reasons: string[] = [];
  for (const party of subject.parties) {
    const label = `${PARTY_LABEL[party.kind]}「${party.name}」`;
    // The expert's own organisation is a tie (they work for it).
    if (sameOrganisation(expert.organisation, party.name)) reasons.push(`任职于${label}`);
    for (const tie of expert.ties) {
      const byId = tie.id !== null && tie.id === party.id && (tie.kind === party.kind || tie.kind === 'organisation');
      if (byId || sameOrganisation(tie.name, party.name)) reasons.push(`与${label}存在关联（${tie.relation}）`);
    }
  }
  return [...new Set(reasons)];
}

/** Panels for `subjects`, in order; PANEL_UNAVAILABLE when recusal leaves fewer experts than the panel needs. */
export function assignPanels(subjects: ReviewSubject[], candidates: Candidate[], panelSize: number): Assignment[] {
  const load = new Map(candidates.map((c) => [c.id, c.load]));
  return subjects.map((subject) => {
    const excluded: Exclusion[] = [];
    const eligible: Candidate[] = [];
    for (const c of candidates) {
      const reasons = recusalReasons(c, subject);
      if (reasons.length) excluded.push({ expertId: c.id, name: c.name, reasons });
      else eligible.push(c);
    }
    if (eligible.length < panelSize) {
      throw new DomainError('PANEL_UNAVAILABLE', `回避后可选专家 ${eligible.length} 人，不足评审组所需的 ${panelSize} 人`, {
        subjectId: subject.id,
        eligible: eligible.length,
        panelSize,
        excluded,
      });
    }
    const matches = (c: Candidate) => c.fields.some((f) => subject.fields.includes(f));
    const panel = [...eligible]
      .sort((a, b) => Number(matches(b)) - Number(matches(a)) || load.get(a.id)! - load.get(b.id)! || (a.id < b.id ? -1 : 1))
      .slice(0, panelSize)
      .map((c) => c.id);
    for (const id of panel) load.set(id, load.get(id)! + 1);
    return { subjectId: subject.id, panel, excluded };
  });
}
