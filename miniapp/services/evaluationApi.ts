/**
 * The endpoints of unit applications (第六条) and the yearly performance evaluation (第十一、十四条): the
 * same client as services/api.ts, typed by the wire shapes in @kcq/shared (api/unitApplications.ts,
 * api/evaluation.ts). Kept apart from api.ts so the two halves of #18 stay readable.
 */
import type {
  ApproveApplicationInput,
  AssignPanelsInput,
  DeclarationAnswer,
  DeclarationFileView,
  DeclarationFilesAnswer,
  DeclarationInput,
  DeclarationView,
  EvaluationAssignmentView,
  EvaluationAssignmentsAnswer,
  EvaluationRoundAnswer,
  EvaluationRoundInput,
  EvaluationRoundView,
  EvaluationRoundsAnswer,
  GradeAdjustmentInput,
  PlanLineInput,
  PlanNoticeInput,
  ScoreInput,
  SiteCheckDrawInput,
  SiteCheckOutcomeInput,
  SupportPlanView,
  UnitApplicationFileView,
  UnitApplicationFilesAnswer,
  UnitApplicationInput,
  UnitApplicationView,
  UnitApplicationsAnswer,
  UnitEvaluationsAnswer,
} from '@kcq/shared';
import { client, openFile, uploadFiles, type UploadSource } from './api';

const e = encodeURIComponent;
const kindOf = (contentType: string): 'pdf' | 'image' => (contentType === 'application/pdf' ? 'pdf' : 'image');

export interface FilesUpload<F> {
  stored: F[];
  refused: { name: string; error: unknown }[];
}

export const evaluationApi = {
  // ——— 第六条: joining by application ———
  applyForUnit: (input: UnitApplicationInput) => client.request<UnitApplicationView>('POST', '/api/unit-applications', { body: input }),
  myUnitApplications: () => client.request<UnitApplicationsAnswer>('GET', '/api/unit-applications/mine'),
  unitApplication: (id: string) => client.request<UnitApplicationView>('GET', `/api/unit-applications/${e(id)}`),
  resubmitUnitApplication: (id: string, input: UnitApplicationInput) =>
    client.request<UnitApplicationView>('PUT', `/api/unit-applications/${e(id)}`, { body: input }),
  uploadApplicationFiles: (id: string, files: UploadSource[], onProgress?: (name: string, percent: number) => void): Promise<FilesUpload<UnitApplicationFileView>> =>
    uploadFiles(`/api/unit-applications/${e(id)}/files`, files, (a: UnitApplicationFilesAnswer) => a.files, onProgress),
  openApplicationFile: (id: string, f: UnitApplicationFileView) => openFile(`/api/unit-applications/${e(id)}/files/${e(f.id)}`, kindOf(f.contentType)),
  adminUnitApplications: (status?: string) =>
    client.request<UnitApplicationsAnswer>('GET', `/api/admin/unit-applications${status ? `?status=${e(status)}` : ''}`),
  requestApplicationInfo: (id: string, message: string) =>
    client.request<UnitApplicationView>('POST', `/api/admin/unit-applications/${e(id)}/request-info`, { body: { message } }),
  approveApplication: (id: string, input: ApproveApplicationInput = {}) =>
    client.request<UnitApplicationView>('POST', `/api/admin/unit-applications/${e(id)}/approve`, { body: input }),
  refuseApplication: (id: string, reason: string) =>
    client.request<UnitApplicationView>('POST', `/api/admin/unit-applications/${e(id)}/refuse`, { body: { reason } }),

  // ——— 第十一、十四条: the evaluation round (administrators) ———
  evaluationRounds: () => client.request<EvaluationRoundsAnswer>('GET', '/api/admin/evaluation-rounds'),
  evaluationRound: (id: string) => client.request<EvaluationRoundAnswer>('GET', `/api/admin/evaluation-rounds/${e(id)}`),
  openEvaluationRound: (input: EvaluationRoundInput) => client.request<EvaluationRoundView>('POST', '/api/admin/evaluation-rounds', { body: input }),
  assignPanels: (id: string, input: AssignPanelsInput = {}) =>
    client.request<EvaluationRoundAnswer>('POST', `/api/admin/evaluation-rounds/${e(id)}/assign`, { body: input }),
  drawSiteChecks: (id: string, input: SiteCheckDrawInput) =>
    client.request<EvaluationRoundAnswer>('POST', `/api/admin/evaluation-rounds/${e(id)}/site-checks`, { body: input }),
  adminDeclaration: (id: string) => client.request<DeclarationView>('GET', `/api/admin/evaluation-declarations/${e(id)}`),
  recordSiteCheck: (id: string, input: SiteCheckOutcomeInput) =>
    client.request<DeclarationView>('POST', `/api/admin/evaluation-declarations/${e(id)}/site-check`, { body: input }),
  adjustGrade: (id: string, input: GradeAdjustmentInput) =>
    client.request<DeclarationView>('POST', `/api/admin/evaluation-declarations/${e(id)}/grade`, { body: input }),
  /** 第三方检测检验服务机构 (第十一条: in principle not subsidised): the administrator corrects what the unit declared, with a reason. */
  markAgency: (id: string, thirdPartyAgency: boolean, reason: string) =>
    client.request<DeclarationView>('POST', `/api/admin/evaluation-declarations/${e(id)}/agency`, { body: { thirdPartyAgency, reason } }),
  supportPlan: (id: string) => client.request<SupportPlanView>('GET', `/api/admin/evaluation-rounds/${e(id)}/plan`),
  drawSupportPlan: (id: string) => client.request<SupportPlanView>('POST', `/api/admin/evaluation-rounds/${e(id)}/plan`, { body: {} }),
  lowerPlanLine: (id: string, declarationId: string, input: PlanLineInput) =>
    client.request<SupportPlanView>('PUT', `/api/admin/evaluation-rounds/${e(id)}/plan/lines/${e(declarationId)}`, { body: input }),
  publishPlanNotice: (id: string, input: PlanNoticeInput) =>
    client.request<SupportPlanView>('POST', `/api/admin/evaluation-rounds/${e(id)}/plan/notice`, { body: input }),
  markPlanPaid: (id: string, reference: string) =>
    client.request<SupportPlanView>('POST', `/api/admin/evaluation-rounds/${e(id)}/plan/paid`, { body: { reference } }),
  /** The plan's .xlsx for the finance office: a download on H5, opened with the phone's viewer on weapp (as payment batches). */
  exportSupportPlan: (id: string, year: number) => openFile(`/api/admin/evaluation-rounds/${e(id)}/plan/export`, 'xlsx', `${year}年度绩效考核支持方案.xlsx`),

  // ——— The unit's staff: declare ———
  unitEvaluations: (unitId: string) => client.request<UnitEvaluationsAnswer>('GET', `/api/open-units/${e(unitId)}/evaluations`),
  declaration: (unitId: string, roundId: string) => client.request<DeclarationAnswer>('GET', `/api/open-units/${e(unitId)}/evaluations/${e(roundId)}/declaration`),
  declare: (unitId: string, roundId: string, input: DeclarationInput) =>
    client.request<DeclarationView>('PUT', `/api/open-units/${e(unitId)}/evaluations/${e(roundId)}/declaration`, { body: input }),
  uploadDeclarationFiles: (unitId: string, roundId: string, files: UploadSource[], onProgress?: (name: string, percent: number) => void): Promise<FilesUpload<DeclarationFileView>> =>
    uploadFiles(`/api/open-units/${e(unitId)}/evaluations/${e(roundId)}/files`, files, (a: DeclarationFilesAnswer) => a.files, onProgress),
  openDeclarationFile: (unitId: string, roundId: string, f: DeclarationFileView) =>
    openFile(`/api/open-units/${e(unitId)}/evaluations/${e(roundId)}/files/${e(f.id)}`, kindOf(f.contentType)),

  // ——— Experts: score ———
  evaluationAssignments: () => client.request<EvaluationAssignmentsAnswer>('GET', '/api/expert/evaluation-assignments'),
  evaluationAssignment: (id: string) => client.request<EvaluationAssignmentView>('GET', `/api/expert/evaluation-assignments/${e(id)}`),
  scoreDeclaration: (id: string, input: ScoreInput) =>
    client.request<EvaluationAssignmentView>('POST', `/api/expert/evaluation-assignments/${e(id)}/score`, { body: input }),
  openAssignmentFile: (id: string, f: DeclarationFileView) => openFile(`/api/expert/evaluation-assignments/${e(id)}/files/${e(f.id)}`, kindOf(f.contentType)),
};
