/**
 * Shapes of the BFF answers the founders' screens read (see GET /api/openapi.json). Domain types, and the
 * wire types declared once for both sides (periods, vouchers, messages, catalogue, contracts, statistics), come from @kcq/shared and
 * are re-exported here; only the other wire envelopes are declared here.
 */
import type { MySanction } from '@kcq/shared';
import type {
  ApplicantKind,
  ContractTerms,
  EligibilityResult,
  EnterpriseProfile,
  TeamMember,
  TeamProfile,
} from '@kcq/shared';

export interface User {
  id: string;
  openid: string;
  createdAt: string;
  /** The name given when joining an open unit (/api/me only). */
  name?: string | null;
}

export type Role = 'applicant' | 'staff' | 'admin' | 'expert';

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
  /** 第十七条: decided cases against my applicant or unit still binding me, or open to my one appeal (absent from older BFFs). */
  sanctions?: MySanction[];
}

// ——— Periods and vouchers (第十二条, 第十五条, 第十六条): GET /api/periods, /api/vouchers, /api/admin/periods ———

export type {
  CancelVoucherInput,
  ClaimBody,
  PeriodAnswer,
  PeriodInput,
  PeriodsAnswer,
  PeriodStatus,
  PeriodView,
  VoucherView,
  VouchersAnswer,
} from '@kcq/shared';

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

// ——— Contracts, redemption, messages (第九条, 第十二条, 第十五条2—5, 第十六条): docs/contracts.md ———

export type { ContractStatus, ContractTerms, ContractView, EvidenceType, EvidenceView, RedemptionStatus, RedemptionView } from '@kcq/shared';

/** A redemption as the review queue and a contract's page read it: with who applied, the unit and the project. */
export type NamedRedemption = import('@kcq/shared').RedemptionView & {
  applicantName?: string | null;
  unitName?: string | null;
  projectTitle?: string | null;
};

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

// ——— The message centre: GET /api/messages ———

export type { MessageKind, MessagesAnswer, MessageView, ReadAllAnswer, UnreadCountAnswer } from '@kcq/shared';
