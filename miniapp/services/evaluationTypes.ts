/** The wire shapes the evaluation and unit-application screens use (declared once in @kcq/shared). */
export type {
  DeclarationAnswer,
  DeclarationFileView,
  DeclarationView,
  EvaluationAssignmentView,
  EvaluationRoundView,
  PlanLineView,
  PrefilledFigures,
  SupportPlanView,
  UnitApplicationView,
} from '@kcq/shared';
