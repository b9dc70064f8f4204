/**
 * Supervision (第十六、十七、十八条; docs/supervision.md): what the BFF answers
 * (bff/src/http/routes/supervision.ts). Money is integer fen; dates are ISO strings or YYYY-MM-DD days.
 */
import type { CaseStatus, CheckOutcome, MisconductKind, VoucherStatus } from '@kcq/shared';

export type CaseParty =
  | { kind: 'applicant'; applicantId: string; name: string; creditCode: string | null }
  | { kind: 'open_unit'; unitId: string; name: string };

export type MeasureView =
  | { kind: 'suspend_payments'; lifted: { at: string; by: string } | null }
  | { kind: 'recover_funds'; amountFen: number; recoveredOn: string | null; recordedBy: string | null }
  | { kind: 'ban'; from: string; until: string }
  | { kind: 'removal' }
  | { kind: 'credit_record' }
  | { kind: 'void_vouchers'; voided: string[]; skipped: string[] };

export interface DecisionView {
  at: string;
  day: string;
  by: string;
  reason: string;
  measures: MeasureView[];
}

export interface CaseFileView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface CaseView {
  id: string;
  party: CaseParty;
  misconduct: { kind: MisconductKind; text: string | null }[];
  concerned: { voucherIds: string[]; contractIds: string[]; redemptionIds: string[] };
  summary: string;
  files: CaseFileView[];
  origin: { spotCheckId: string; itemId: string } | null;
  status: CaseStatus;
  openedAt: string;
  openedBy: string;
  decision: DecisionView | null;
  appeal: { at: string; by: string; reason: string } | null;
  previousDecisions: DecisionView[];
}

export interface CaseLogEntry {
  id: string;
  seq: number;
  event: string;
  actorId: string;
  role: string;
  at: string;
}

export interface CaseDetail {
  case: CaseView;
  log: CaseLogEntry[];
  chain: { ok: boolean; entries: number; brokenAt?: number };
}

export interface OpenCaseInput {
  party: { kind: 'applicant'; applicantId: string } | { kind: 'open_unit'; unitId: string };
  misconduct: { kind: MisconductKind; text?: string }[];
  concerned: { voucherIds: string[]; contractIds: string[]; redemptionIds: string[] };
  summary: string;
}

export type MeasureInput =
  | { kind: 'suspend_payments' }
  | { kind: 'recover_funds'; amountFen: number }
  | { kind: 'ban' }
  | { kind: 'removal' }
  | { kind: 'credit_record' }
  | { kind: 'void_vouchers' };

export interface PartyMatch {
  kind: 'applicant' | 'open_unit';
  id: string;
  name: string;
  creditCode: string | null;
  detail: string;
}

export interface PartyItems {
  vouchers: { id: string; amountFen: number; status: VoucherStatus; claimedAt: string }[];
  contracts: { id: string; voucherId: string; unitName: string; projectTitle: string; status: string; contractNo: string | null }[];
  redemptions: { id: string; contractId: string; voucherId: string; payableFen: number; status: string }[];
}

export interface SpotCheckItemView {
  id: string;
  subject: 'redemption' | 'open_unit';
  subjectId: string;
  check: { outcome: CheckOutcome; notes: string | null; fileIds: string[]; at: string; by: string } | null;
  caseId: string | null;
}

export interface SpotCheckView {
  id: string;
  title: string;
  population: { kind: 'redemptions' | 'open_units'; fromDay: string | null; toDay: string | null };
  want: { size: number } | { percent: number };
  seed: number;
  populationSize: number;
  items: SpotCheckItemView[];
  drawnAt: string;
  drawnBy: string;
}

export interface SpotCheckDetail {
  check: SpotCheckView;
  log: CaseLogEntry[];
  replay: { same: boolean; populationUnchanged: boolean; sample: string[] };
  /** Each sampled item by subject id: its name, and the parties a case from it may be against. */
  subjects: Record<string, { label: string; parties: PartyMatch[] }>;
}

export interface DrawInput {
  title: string;
  population: 'redemptions' | 'open_units';
  fromDay?: string;
  toDay?: string;
  size?: number;
  percent?: number;
  seed?: number;
}
