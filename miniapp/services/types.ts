/**
 * Shapes of the BFF answers the founders' screens read (see GET /api/openapi.json). Domain types, and the
 * wire types declared once for both sides (catalogue, contracts, statistics), come from @kcq/shared and
 * are re-exported here; only the other wire envelopes are declared here.
 */
import type {
  ApplicantKind,
  ContractTerms,
  EligibilityResult,
  EnterpriseProfile,
  TeamMember,
  TeamProfile,
  VoidReason,
  VoucherStatus,
} from '@kcq/shared';

export interface User {
  id: string;
  openid: string;
  createdAt: string;
}

export type Role = 'applicant' | 'staff' | 'admin';

export interface AuthResult {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: User;
  isNewUser: boolean;
}

/** A stored team member carries the id the members endpoints address. */
export type TeamMemberRecord = TeamMember & { id: string };
export type StoredTeamProfile = Omit<TeamProfile, 'members'> & { members: TeamMemberRecord[] };
export type StoredProfile = EnterpriseProfile | StoredTeamProfile;

export interface ApplicantView {
  id: string;
  kind: ApplicantKind;
  ownerId: string;
  profile: StoredProfile;
  eligibility: EligibilityResult;
  createdAt: string;
  updatedAt: string;
}

export interface MeView {
  user: User;
  roles: Role[];
  applicant: ApplicantView | null;
  openUnit: { id: string; name: string; status: string; manager: boolean } | null;
}

export type PeriodStatus = 'upcoming' | 'open' | 'sold_out' | 'closed';

export interface PeriodView {
  id: string;
  name: string;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  quotaFen: number;
  remainingFen: number;
  maxVoucherFen: number;
  perApplicantLimit: number;
  status: PeriodStatus;
}

export interface PeriodsAnswer {
  serverTime: string;
  periods: PeriodView[];
}

export interface PeriodAnswer {
  serverTime: string;
  period: PeriodView;
}

export interface VoucherView {
  id: string;
  periodId: string;
  applicantId: string;
  amountFen: number;
  status: VoucherStatus;
  voidReason: VoidReason | null;
  claimedAt: string;
  registrationDeadline: string;
}

// ——— The open-lab catalogue (第五条, 第六条, 第十九条): GET /api/catalogue/*, and an open unit's staff: /api/open-units/:id/… ———

export type {
  ComputeSpec,
  IneligibleReason,
  Instrument,
  LabAnswer,
  LabLevel,
  LabView,
  MatchedOn,
  OpenUnitKind,
  OpenUnitStatus,
  PriceUnit,
  PriorityField,
  Region,
  SearchSort,
  ServiceCategory,
  ServiceHit,
  ServiceInput,
  ServicePage,
  ServiceView,
  UnitAnswer,
  UnitDetail,
  UnitLabsAnswer,
  UnitServicePage,
  UnitSummary,
} from '@kcq/shared';

// ——— Administrators: periods (第十二条) ———

/** Body of POST /api/admin/periods and PUT /api/admin/periods/:id. */
export interface PeriodInput {
  name: string;
  opensAt: string;
  closesAt: string;
  quotaFen: number;
  maxVoucherFen: number;
  perApplicantLimit: number;
}

// ——— Contracts, redemption, messages (第九条, 第十二条, 第十五条2—5, 第十六条): docs/contracts.md ———

export type { ContractStatus, ContractTerms, ContractView, EvidenceType, EvidenceView, RedemptionStatus, RedemptionView } from '@kcq/shared';



/** Body of POST /api/contracts/:id/amend: the changed terms only, and why (第十八条: kept with before/after). */
export type AmendInput = Partial<ContractTerms> & { reason?: string };

/** Body of POST /api/contracts. */
export interface ProposalInput {
  voucherId: string;
  serviceId?: string;
  unitId?: string;
  project: { title: string; description: string };
  municipalFundingReceived: boolean;
}





export interface MessageView {
  id: string;
  kind: 'reminder' | 'status';
  reminder: 'registration' | 'validity' | 'redemption' | null;
  voucherId: string;
  title: string;
  body: string;
  page: string | null;
  createdAt: string;
  read: boolean;
}
