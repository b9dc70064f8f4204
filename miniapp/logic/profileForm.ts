/**
 * The eligibility wizard's forms: text fields → an applicant profile (shared's zod schemas), and the
 * 第七条 check run locally on every keystroke (shared's checkEligibility) so each failed clause shows
 * next to the answer that causes it, before anything is sent.
 *
 * While the form is incomplete the fields still missing are listed, and the clauses are checked on
 * what is already filled: a missing field takes a neutral stand-in for the check, and failures about
 * it are held back until it is filled (an empty credit code is "还需填写", not "第七条第二项").
 */
import {
  checkEligibility,
  enterpriseProfileSchema,
  profileIssues,
  teamProfileSchema,
  type EligibilityFailure,
  type EligibilityWarning,
  type EnterpriseProfile,
  type TeamProfile,
  parseYuanToFen,
} from '@kcq/shared';
import type { StoredProfile } from '../services/types';

export interface EnterpriseForm {
  name: string;
  creditCode: string;
  registeredInBeijing: boolean;
  /** YYYY-MM-DD */
  registeredOn: string;
  independentLegalPerson: boolean;
  employees: string;
  /** 万元 */
  revenueWan: string;
  /** 万元 */
  assetsWan: string;
  soundFinance: boolean;
  noBadCreditRecord: boolean;
  priorityField: string;
  otherFieldDescription: string;
  highTechCertified: boolean;
  techSmeListedYear: string;
}

export interface MemberForm {
  /** Set once the member is stored by the BFF (team already registered). */
  id?: string;
  name: string;
  school: string;
  studentId: string;
  enrolled: boolean;
}

export interface TeamForm {
  name: string;
  isLegalPerson: boolean;
  hasRegisteredCompany: boolean;
  leader: MemberForm;
  members: MemberForm[];
  projectName: string;
  projectStage: string;
}

export const emptyEnterpriseForm = (): EnterpriseForm => ({
  name: '',
  creditCode: '',
  registeredInBeijing: true,
  registeredOn: '',
  independentLegalPerson: true,
  employees: '',
  revenueWan: '',
  assetsWan: '',
  soundFinance: true,
  noBadCreditRecord: true,
  priorityField: '',
  otherFieldDescription: '',
  highTechCertified: false,
  techSmeListedYear: '',
});

export const emptyMember = (): MemberForm => ({ name: '', school: '', studentId: '', enrolled: true });

export const emptyTeamForm = (): TeamForm => ({
  name: '',
  isLegalPerson: false,
  hasRegisteredCompany: false,
  leader: emptyMember(),
  members: [],
  projectName: '',
  projectStage: '',
});

const WAN_FEN = 10_000;

/** "12" → 12; "" or junk → undefined (the schema then says 请填写…). */
function intOrUndefined(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return t ? Number.NaN : undefined;
  return Number(t);
}

/** 万元 text → fen: "500" → 500,0000 yuan → 5,000,000,000 fen (exact, via shared's parser). */
export function wanToFen(text: string): number | undefined {
  if (!text.trim()) return undefined;
  const fen = parseYuanToFen(text);
  return fen === null ? Number.NaN : fen * WAN_FEN;
}

export function fenToWanText(fen: number): string {
  const wan = fen / (100 * WAN_FEN);
  return Number.isInteger(wan) ? String(wan) : String(Math.round(wan * 100) / 100);
}

function memberInput(m: MemberForm) {
  return { name: m.name, school: m.school, studentId: m.studentId, enrolled: m.enrolled };
}

export function enterpriseCandidate(f: EnterpriseForm): Record<string, unknown> {
  const year = f.techSmeListedYear.trim();
  return {
    kind: 'enterprise',
    name: f.name,
    creditCode: f.creditCode.trim().toUpperCase(),
    registeredInBeijing: f.registeredInBeijing,
    registeredOn: f.registeredOn.trim(),
    independentLegalPerson: f.independentLegalPerson,
    employees: intOrUndefined(f.employees),
    annualRevenueFen: wanToFen(f.revenueWan),
    totalAssetsFen: wanToFen(f.assetsWan),
    soundFinance: f.soundFinance,
    noBadCreditRecord: f.noBadCreditRecord,
    priorityField: f.priorityField || undefined,
    ...(f.priorityField === 'other' ? { otherFieldDescription: f.otherFieldDescription } : {}),
    highTechCertified: f.highTechCertified,
    techSmeListedYear: year ? Number(year) : null,
  };
}

export function teamCandidate(f: TeamForm): Record<string, unknown> {
  return {
    kind: 'team',
    name: f.name,
    isLegalPerson: f.isLegalPerson,
    hasRegisteredCompany: f.hasRegisteredCompany,
    leader: memberInput(f.leader),
    members: f.members.map(memberInput),
    projectName: f.projectName,
    projectStage: f.projectStage || undefined,
  };
}

/** Neutral values for missing fields: they pass every clause, and failures about them are held back anyway. */
function standIns(now: Date): Record<string, unknown> {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return {
    name: '（待填写）',
    creditCode: '91110108MA01B2C344',
    registeredOn: today,
    employees: 0,
    annualRevenueFen: 0,
    totalAssetsFen: 0,
    priorityField: 'new_generation_it',
    otherFieldDescription: '（待填写）',
    techSmeListedYear: null,
    leader: { name: '（待填写）', school: '（待填写）', studentId: '（待填写）', enrolled: true },
    members: [],
    projectName: '（待填写）',
    projectStage: 'rnd',
  };
}

export interface FormEvaluation<P> {
  /** Every field still missing or malformed: dotted path → Chinese message. */
  issues: { field: string; message: string }[];
  /** The clauses failed by what is filled so far. */
  failures: EligibilityFailure[];
  warnings: EligibilityWarning[];
  /** The profile to send, once the form is complete. */
  profile: P | null;
  /** Complete and no failure. */
  eligible: boolean;
  annualCapFen: number | null;
}

const top = (field: string) => field.split('.')[0];

function evaluate<P extends EnterpriseProfile | TeamProfile>(
  schema: typeof enterpriseProfileSchema | typeof teamProfileSchema,
  candidate: Record<string, unknown>,
  now: Date,
): FormEvaluation<P> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) {
    const r = checkEligibility(parsed.data, now);
    return {
      issues: [],
      failures: r.failures,
      warnings: r.warnings,
      profile: parsed.data as P,
      eligible: r.eligible,
      annualCapFen: r.annualCapFen,
    };
  }
  const issues = profileIssues(parsed.error);
  const held = new Set(issues.map((i) => top(i.field)));
  const fill = standIns(now);
  const filled: Record<string, unknown> = { ...candidate };
  for (const key of held) if (key in fill) filled[key] = fill[key];
  const second = schema.safeParse(filled);
  if (!second.success) return { issues, failures: [], warnings: [], profile: null, eligible: false, annualCapFen: null };
  const r = checkEligibility(second.data, now);
  const keep = (f: { field?: string }) => !f.field || !held.has(top(f.field));
  return {
    issues,
    failures: r.failures.filter(keep),
    warnings: r.warnings.filter(keep),
    profile: null,
    eligible: false,
    annualCapFen: null,
  };
}

export function evaluateEnterprise(form: EnterpriseForm, now: Date): FormEvaluation<EnterpriseProfile> {
  return evaluate<EnterpriseProfile>(enterpriseProfileSchema, enterpriseCandidate(form), now);
}

export function evaluateTeam(form: TeamForm, now: Date): FormEvaluation<TeamProfile> {
  return evaluate<TeamProfile>(teamProfileSchema, teamCandidate(form), now);
}

/** A stored profile back into the form (editing a registered applicant). */
export function formFromProfile(p: StoredProfile): { kind: 'enterprise'; form: EnterpriseForm } | { kind: 'team'; form: TeamForm } {
  if (p.kind === 'enterprise') {
    return {
      kind: 'enterprise',
      form: {
        name: p.name,
        creditCode: p.creditCode,
        registeredInBeijing: p.registeredInBeijing,
        registeredOn: p.registeredOn,
        independentLegalPerson: p.independentLegalPerson,
        employees: String(p.employees),
        revenueWan: fenToWanText(p.annualRevenueFen),
        assetsWan: fenToWanText(p.totalAssetsFen),
        soundFinance: p.soundFinance,
        noBadCreditRecord: p.noBadCreditRecord,
        priorityField: p.priorityField,
        otherFieldDescription: p.otherFieldDescription ?? '',
        highTechCertified: p.highTechCertified,
        techSmeListedYear: p.techSmeListedYear === null ? '' : String(p.techSmeListedYear),
      },
    };
  }
  const member = (m: { id?: string; name: string; school: string; studentId: string; enrolled: boolean }): MemberForm => ({
    id: m.id,
    name: m.name,
    school: m.school,
    studentId: m.studentId,
    enrolled: m.enrolled,
  });
  return {
    kind: 'team',
    form: {
      name: p.name,
      isLegalPerson: p.isLegalPerson,
      hasRegisteredCompany: p.hasRegisteredCompany,
      leader: member(p.leader),
      members: p.members.map(member),
      projectName: p.projectName,
      projectStage: p.projectStage,
    },
  };
}

/** Which form field a failure or issue belongs to, for inline messages: "leader.enrolled" → "leader.enrolled". */
export function messagesFor(field: string, ev: Pick<FormEvaluation<unknown>, 'issues' | 'failures'>, showIssues: boolean): string[] {
  const out: string[] = [];
  if (showIssues) for (const i of ev.issues) if (i.field === field) out.push(i.message);
  for (const f of ev.failures) if (f.field === field) out.push(`${f.clause}：${f.message}`);
  return out;
}

/**
 * The BFF's refusal of a profile, on the fields it names (details.fields[].path, e.g. "body.registeredOn"
 * or "body.leader.studentId") rather than in a toast at the bottom: field → messages.
 */
export function serverFieldMessages(details: Record<string, unknown>): Record<string, string[]> {
  const fields = Array.isArray(details.fields) ? (details.fields as { path?: unknown; message?: unknown }[]) : [];
  const out: Record<string, string[]> = {};
  for (const f of fields) {
    if (typeof f.path !== 'string' || typeof f.message !== 'string') continue;
    const key = f.path.replace(/^body\./, '');
    (out[key] ??= []).push(f.message);
  }
  return out;
}
