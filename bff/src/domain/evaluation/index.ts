/**
 * The yearly performance evaluation of open units (第十一条, 第十四条; docs/evaluation.md), wired together:
 * rounds → declarations (pre-filled) → expert scoring with recusal → site checks → support plan → notice →
 * paid → export. Every decision is in the decision log (log.ts).
 */
import type { Clock } from '../clock';
import type { Evidence } from '../evidence';
import type { Experts } from '../experts/experts';
import type { Notices } from '../notices/notices';
import type { OpenUnits } from '../openUnits';
import type { SupervisionDoors } from '../supervision/sanctions';
import type { UnitJoining } from '../units/joining';
import type { Store } from '../../store';
import { Declarations } from './declarations';
import type { DecisionLog } from './log';
import { SupportPlans } from './plan';
import { EvaluationRounds } from './rounds';
import { EvaluationScoring } from './scoring';
import { SiteChecks } from './siteChecks';

export * from './model';
export { roundInputSchema } from './rounds';
export { declarationInputSchema } from './declarations';
export { scoreInputSchema, assignInputSchema } from './scoring';
export { siteCheckDrawSchema, siteCheckOutcomeSchema, gradeAdjustmentSchema, agencyMarkSchema } from './siteChecks';
export { planLineSchema, planNoticeSchema, planPaidSchema, EVALUATION_NOTICE_KIND } from './plan';
export { planWorkbook, PLAN_HEADERS } from './export';

export class Evaluation {
  readonly rounds: EvaluationRounds;
  readonly declarations: Declarations;
  readonly scoring: EvaluationScoring;
  readonly siteChecks: SiteChecks;
  readonly plans: SupportPlans;

  constructor(
    store: Store,
    clock: Clock,
    deps: {
      openUnits: OpenUnits;
      joining: UnitJoining;
      evidence: Evidence;
      experts: Experts;
      notices: Notices;
      sanctions: Pick<SupervisionDoors, 'assertUnitMay'>;
      log: DecisionLog;
      random?: () => number;
    },
  ) {
    this.rounds = new EvaluationRounds(store, clock, deps.log);
    this.declarations = new Declarations(store, clock, this.rounds, deps.openUnits, deps.joining, deps.evidence, deps.sanctions, deps.log);
    this.scoring = new EvaluationScoring(store, clock, this.rounds, this.declarations, deps.experts, deps.log);
    this.plans = new SupportPlans(store, clock, this.rounds, this.declarations, deps.notices, deps.log);
    this.siteChecks = new SiteChecks(clock, this.rounds, this.declarations, deps.log, (d, r) => this.plans.recompute(d, r), deps.random);
  }
}
