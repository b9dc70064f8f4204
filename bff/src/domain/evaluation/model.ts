/**
 * The documents of the yearly performance evaluation (第十一条, 第十四条) and their views (shared/src/api/evaluation.ts).
 * One round per year; one declaration per unit and round, which carries its panel, its site check, its grade
 * adjustment and its line of the support plan.
 */
import {
  EVALUATION_GRADE_LABELS,
  EVALUATION_ROUND_PHASE_LABELS,
  evaluationClass,
  gradeFor,
  mayDeclare,
  meanHundredths,
  type CriterionWeights,
  type DeclarationView,
  type EvaluationCriterion,
  type EvaluationGrade,
  type EvaluationRoundPhase,
  type EvaluationRoundView,
  type GradeThresholds,
  type IsoDay,
  type PrefilledFigures,
  type SubsidyCeilingsFen,
} from '@kcq/shared';
import type { Exclusion } from '../experts/assignment';
import type { CollectionSpec } from '../../store';

/** Stored phase; `declaring` and `closed` are both `open`, told apart by the clock (the deadline). */
export type StoredPhase = 'open' | 'scoring' | 'planned' | 'in_notice' | 'paid';

export interface RoundDoc {
  _id: string;
  year: number;
  title: string;
  declarationDeadline: IsoDay;
  classThresholdFen: number;
  ceilingsFen: SubsidyCeilingsFen;
  weights: CriterionWeights;
  gradeThresholds: GradeThresholds;
  panelSize: number;
  phase: StoredPhase;
  notice: { noticeId: string; startDay: IsoDay; endDay: IsoDay } | null;
  siteCheckDraw: { seed: number; percent: number; doubtful: string[]; random: string[]; at: Date; by: string } | null;
  createdAt: Date;
  createdBy: string;
}

export interface PanelMember {
  expertId: string;
  name: string;
  scores: Record<EvaluationCriterion, number> | null;
  /** Hundredths of a point. */
  weighted: number | null;
  doubtful: boolean;
  comment: string | null;
  at: Date | null;
}

export interface PlanLine {
  ceilingFen: number;
  subsidyFen: number;
  reductionReason: string | null;
  /** planned → noticed (listed/held/cleared read from the notice) → paid; withdrawn when an objection is upheld. */
  status: 'planned' | 'noticed' | 'withdrawn' | 'paid';
  paid: { at: Date; by: string; reference: string } | null;
}

export interface DeclarationDoc {
  _id: string;
  roundId: string;
  year: number;
  unitId: string;
  unitName: string;
  prefilled: PrefilledFigures;
  openedInstrumentValueFen: number;
  instrumentHours: number;
  sharedHours: number;
  opennessRules: string;
  serviceQuality: string;
  effect: string;
  thirdPartyAgency: boolean;
  fileIds: string[];
  submittedAt: Date;
  submittedBy: string;
  /** Experts of the panel (ids), and those who have not scored yet: for their desk and their load. */
  panelIds: string[];
  pendingIds: string[];
  panel: PanelMember[];
  /** Bumped on every panel write (concurrent scores of one panel). */
  panelVersion: number;
  excluded: Exclusion[];
  siteCheck: { reason: 'doubtful' | 'random'; outcome: { result: 'confirmed' | 'issues_found'; summary: string; at: Date; by: string } | null } | null;
  adjustment: { from: EvaluationGrade | null; to: EvaluationGrade; reason: string; at: Date; by: string } | null;
  plan: PlanLine | null;
}

export const EVALUATION_ROUNDS: CollectionSpec = { name: 'evaluation_rounds', indexes: [{ fields: ['year'], unique: true }] };
export const EVALUATION_DECLARATIONS: CollectionSpec = {
  name: 'evaluation_declarations',
  indexes: [{ fields: ['roundId', 'unitId'], unique: true }, { fields: ['unitId'] }, { fields: ['panelIds'] }, { fields: ['pendingIds'] }],
};

/** Where a declaration's files are kept (the evidence storage, owner id). */
export const declarationFilesOwner = (roundId: string, unitId: string) => `df_${roundId}_${unitId}`;

export function phaseOf(r: RoundDoc, now: Date): EvaluationRoundPhase {
  if (r.phase === 'open') return mayDeclare(now, r.declarationDeadline) ? 'declaring' : 'closed';
  return r.phase;
}

export function roundView(r: RoundDoc, now: Date, declarations: number): EvaluationRoundView {
  const phase = phaseOf(r, now);
  return {
    id: r._id,
    year: r.year,
    title: r.title,
    declarationDeadline: r.declarationDeadline,
    classThresholdFen: r.classThresholdFen,
    ceilingsFen: r.ceilingsFen,
    weights: r.weights,
    gradeThresholds: r.gradeThresholds,
    panelSize: r.panelSize,
    phase,
    phaseLabel: EVALUATION_ROUND_PHASE_LABELS[phase],
    declarations,
    notice: r.notice,
    siteCheckDraw: r.siteCheckDraw
      ? { seed: r.siteCheckDraw.seed, percent: r.siteCheckDraw.percent, doubtful: r.siteCheckDraw.doubtful, random: r.siteCheckDraw.random, at: r.siteCheckDraw.at.toISOString() }
      : null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The mean of the panel's weighted scores (0 … 100, two decimals) once every member scored; else null. */
export function meanScore(d: DeclarationDoc): number | null {
  if (!d.panel.length || d.panel.some((m) => m.weighted === null)) return null;
  const m = meanHundredths(d.panel.map((p) => p.weighted!));
  return m === null ? null : m / 100;
}

export function scoredGrade(d: DeclarationDoc, r: RoundDoc): EvaluationGrade | null {
  const m = meanScore(d);
  return m === null ? null : gradeFor(m, r.gradeThresholds);
}

/** The grade that counts: the administrator's adjustment, else the panel's. */
export function gradeOf(d: DeclarationDoc, r: RoundDoc): EvaluationGrade | null {
  return d.adjustment?.to ?? scoredGrade(d, r);
}

/** Doubtful: an expert marked it so (存疑), which puts it first in the site-check draw (第十四条). */
export const isDoubtful = (d: DeclarationDoc) => d.panel.some((m) => m.doubtful);

export function declarationView(d: DeclarationDoc, r: RoundDoc, files: DeclarationView['files'], audience: 'admin' | 'unit'): DeclarationView {
  const grade = gradeOf(d, r);
  const admin = audience === 'admin';
  // The unit sees its result once the plan is drawn (第十四条 results); administrators always.
  const results = admin || r.phase === 'planned' || r.phase === 'in_notice' || r.phase === 'paid';
  return {
    id: d._id,
    roundId: d.roundId,
    year: d.year,
    unitId: d.unitId,
    unitName: d.unitName,
    prefilled: d.prefilled,
    openedInstrumentValueFen: d.openedInstrumentValueFen,
    instrumentHours: d.instrumentHours,
    sharedHours: d.sharedHours,
    opennessRules: d.opennessRules,
    serviceQuality: d.serviceQuality,
    effect: d.effect,
    thirdPartyAgency: d.thirdPartyAgency,
    files,
    submittedAt: d.submittedAt.toISOString(),
    class: evaluationClass(d.openedInstrumentValueFen, r.classThresholdFen),
    panel: admin
      ? d.panel.map((m) => ({
          expertId: m.expertId,
          name: m.name,
          scores: m.scores,
          weighted: m.weighted === null ? null : m.weighted / 100,
          doubtful: m.doubtful,
          comment: m.comment,
          at: m.at ? m.at.toISOString() : null,
        }))
      : null,
    excluded: admin ? d.excluded : null,
    meanScore: results ? meanScore(d) : null,
    scoredGrade: results ? scoredGrade(d, r) : null,
    adjustment: results && d.adjustment ? { from: d.adjustment.from, to: d.adjustment.to, reason: d.adjustment.reason, at: d.adjustment.at.toISOString() } : null,
    grade: results ? grade : null,
    gradeLabel: results && grade ? EVALUATION_GRADE_LABELS[grade] : null,
    doubtful: admin ? isDoubtful(d) : false,
    siteCheck:
      admin && d.siteCheck
        ? {
            reason: d.siteCheck.reason,
            outcome: d.siteCheck.outcome ? { result: d.siteCheck.outcome.result, summary: d.siteCheck.outcome.summary, at: d.siteCheck.outcome.at.toISOString() } : null,
          }
        : null,
  };
}
