/**
 * Shapes of the BFF answers the founders' screens read (see GET /api/openapi.json). Domain types come
 * from @kcq/shared; only the wire envelopes are declared here.
 */
import type {
  ApplicantKind,
  ContractTerms,
  LabLevel,
  OpenUnitKind,
  PriceUnit,
  PriorityField,
  Region,
  ServiceCategory,
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

// ——— The open-lab catalogue (第五条, 第六条, 第十九条): GET /api/catalogue/* ———

export type { ServiceCategory, Region, OpenUnitKind, LabLevel, PriceUnit, PriorityField } from '@kcq/shared';
export type OpenUnitStatus = 'active' | 'suspended' | 'leaving' | 'left';
export type IneligibleReason = 'statutory_testing' | 'suspended' | 'left' | 'not_mutually_recognised';
export type SearchSort = 'relevance' | 'price_asc' | 'price_desc';
export type MatchedOn = 'service' | 'instrument' | 'lab' | 'unit';

export interface UnitSummary {
  id: string;
  name: string;
  kind: OpenUnitKind | null;
  district: string | null;
  region: Region;
  /** 津冀互认 (第十九条). */
  mutualRecognition: boolean;
  regionalMark: string | null;
  status: OpenUnitStatus;
  /** First day out of the programme when a leave notice stands (第六条), YYYY-MM-DD. */
  leaveOn: string | null;
}

export interface UnitDetail extends UnitSummary {
  contact: { name: string; phone: string; email: string | null } | null;
  description: string | null;
  acceptsProposals: boolean;
}

export interface LabView {
  id: string;
  unitId: string;
  name: string;
  level: LabLevel;
  fields: PriorityField[];
  description: string | null;
}

export interface ServiceView {
  id: string;
  name: string;
  category: ServiceCategory;
  instrument: { name: string; model: string | null; maker: string | null } | null;
  description: string;
  /** Fen per priceUnit. */
  priceFen: number;
  priceUnit: PriceUnit;
  leadTimeDays: number;
  /** Statutory or mandatory testing: never voucher-eligible (第五条). */
  statutory: boolean;
  compute: { gpuModel: string; cards: number; pricePerCardHourFen: number } | null;
  voucherEligible: boolean;
  ineligibleReason: IneligibleReason | null;
  unit: UnitSummary;
  lab: { id: string; name: string; level: LabLevel; fields: PriorityField[] };
}

export type ServiceHit = ServiceView & { matchedOn: MatchedOn | null };

export interface ServicePage {
  items: ServiceHit[];
  nextCursor: string | null;
}

export interface LabAnswer {
  lab: LabView;
  unit: UnitSummary;
  services: ServiceView[];
}

export interface UnitAnswer {
  unit: UnitDetail;
  labs: LabView[];
}

// ——— An open unit's staff: its labs and services (第五条): /api/open-units/:id/… ———

/** GET /api/open-units/:id/labs (by name). */
export interface UnitLabsAnswer {
  items: LabView[];
}

/** GET /api/open-units/:id/services: the unit's listed services, oldest first (statutory ones too). */
export interface UnitServicePage {
  items: ServiceView[];
  nextCursor: string | null;
}

/** Body of POST /api/open-units/:id/services and PUT /api/open-units/:id/services/:serviceId (money in fen). */
export interface ServiceInput {
  labId: string;
  name: string;
  category: ServiceCategory;
  instrument: { name: string; model: string | null; maker: string | null } | null;
  description: string;
  priceFen: number;
  priceUnit: PriceUnit;
  leadTimeDays: number;
  /** 强制检测、法定检测 (第五条): never voucher-eligible. */
  statutory: boolean;
  /** Compute only: the price is then per card-hour. */
  compute: { gpuModel: string; cards: number } | null;
}

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
