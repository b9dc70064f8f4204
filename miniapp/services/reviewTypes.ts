/**
 * Review rounds, public notices and payment batches (第十五条4、5; docs/review.md): what the BFF answers
 * (bff/src/http/routes/review.ts, notices.ts, payments.ts).
 */
import type { EvidenceView, NamedRedemption } from './types';

export type Opinion = 'pass' | 'fail' | 'doubtful';

export interface ExpertView {
  id: string;
  userId: string | null;
  name: string;
  organisation: string;
  fields: string[];
  ties: { kind: string; id: string | null; name: string; relation: string }[];
  active: boolean;
}

export interface AssignmentSummary {
  id: string;
  roundName: string;
  unitName: string;
  payableFen: number;
  decided: boolean;
  opinion: { opinion: Opinion; comment: string; at: string } | null;
  assignedAt: string;
}

export interface Assignment {
  id: string;
  roundName: string;
  unitName: string;
  service: { name: string; category: string } | null;
  terms: { contractNo?: string; contractAmountFen?: number; voucherAmountFen?: number; startDay?: string; endDay?: string } | null;
  redemption: { actualAmountFen: number; payableFen: number; report: string; submittedAt: string };
  evidence: EvidenceView[];
  decided: boolean;
  opinion: { opinion: Opinion; comment: string; at: string } | null;
}

export interface FollowUpView {
  kind: 'site_visit' | 'hearing';
  label: string;
  day: string;
  place: string;
  participants: string[];
  scheduledAt: string;
  outcome: { result: 'pass' | 'fail'; summary: string; at: string } | null;
}

export interface DecisionView {
  decision: 'approve' | 'reject';
  panelOpinion: Opinion | null;
  againstPanel: boolean;
  reason: string | null;
  at: string;
}

export interface ReviewItemView {
  id: string;
  redemptionId: string;
  redemptionStatus: string;
  panel: { expertId: string; name: string; opinion: Opinion | null; comment: string | null; at: string | null }[];
  excluded: { expertId: string; name: string; reasons: string[] }[];
  panelOpinion: Opinion | null;
  panelOpinionLabel: string;
  followUp: FollowUpView | null;
  decision: DecisionView | null;
  earlierDecisions: DecisionView[];
}

export interface RoundView {
  id: string;
  name: string;
  panelSize: number;
  filter: Record<string, unknown>;
  createdAt: string;
  items: ReviewItemView[];
}

export interface RoundSummary {
  id: string;
  name: string;
  panelSize: number;
  items: number;
  createdAt: string;
}

export interface RoundInput {
  name: string;
  panelSize?: number;
  filter?: { periodId?: string; unitId?: string; submittedFrom?: string; submittedTo?: string };
}

export interface FollowUpInput {
  kind: 'site_visit' | 'hearing';
  day: string;
  place: string;
  participants: string[];
}

export type NoticePhase = 'upcoming' | 'open' | 'ended';

export interface NoticeSummary {
  id: string;
  kind: string;
  title: string;
  startDay: string;
  endDay: string;
  phase: NoticePhase;
}

export interface NoticeItem {
  id: string;
  status: 'listed' | 'held' | 'cleared' | 'withdrawn';
  statusLabel: string;
  unitName: string;
  serviceCategory: string;
  applicantName: string;
  payableFen: number;
}

export interface NoticeView extends NoticeSummary {
  workingDays: number;
  items: NoticeItem[];
}

export interface ObjectionView {
  id: string;
  noticeId: string;
  itemId: string;
  reason: string;
  lodgedAt: string;
  status: 'open' | 'dismissed' | 'upheld';
  resolution: { reason: string; at: string } | null;
}

export interface BatchView {
  id: string;
  title: string;
  fundsYear: number;
  status: 'created' | 'paid';
  totalFen: number;
  createdAt: string;
  paid: { at: string; reference: string } | null;
  items: Record<string, unknown>[];
}

export type Payable = NamedRedemption;
