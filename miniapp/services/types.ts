/**
 * Shapes of the BFF answers the founders' screens read (see GET /api/openapi.json). Domain types come
 * from @kcq/shared; only the wire envelopes are declared here.
 */
import type {
  ApplicantKind,
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
