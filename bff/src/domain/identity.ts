/**
 * Who is calling: the principal built from the live records (user, applicant, open unit) on every
 * request, never from token claims alone — that is what makes a revocation apply at once.
 */
import type { Applicant, Applicants, ApplicantView } from './applicants';
import type { OpenUnit, OpenUnits } from './openUnits';
import type { AccessClaims } from './sessions';
import { rolesOf, type Role, type User, type Users } from './users';

export interface Principal {
  userId: string;
  openid: string;
  roles: Role[];
  isAdmin: boolean;
  applicantId: string | null;
  /** The open unit the user is staff of, or null. */
  openUnitId: string | null;
  /** Staff with the manager flag (may invite and remove the unit's staff). */
  unitManager: boolean;
  /** The caller's applicant as loaded for this request (spares the claim path a second read). */
  applicant: Applicant | null;
}

export interface MeView {
  user: { id: string; openid: string; createdAt: Date };
  roles: Role[];
  applicant: ApplicantView | null;
  openUnit: { id: string; name: string; status: OpenUnit['status']; manager: boolean } | null;
}

export class Identity {
  constructor(
    private readonly users: Users,
    private readonly applicants: Applicants,
    private readonly openUnits: OpenUnits,
  ) {}

  async principalOf(user: User): Promise<Principal> {
    const applicant = await this.applicants.ofOwner(user._id);
    return {
      userId: user._id,
      openid: user.openid,
      roles: rolesOf(user, applicant !== null),
      isAdmin: user.isAdmin,
      applicantId: applicant?._id ?? null,
      openUnitId: user.staff?.openUnitId ?? null,
      unitManager: user.staff?.manager ?? false,
      applicant,
    };
  }

  /** Null when the user no longer exists. */
  async load(userId: string): Promise<Principal | null> {
    const user = await this.users.get(userId);
    return user ? this.principalOf(user) : null;
  }

  claimsOf(p: Principal): AccessClaims {
    return { sub: p.userId, roles: p.roles, aid: p.applicantId, ouid: p.openUnitId };
  }

  async me(p: Principal): Promise<MeView> {
    const user = await this.users.require(p.userId);
    const applicant = p.applicantId ? await this.applicants.get(p.applicantId) : null;
    const unit = p.openUnitId ? await this.openUnits.get(p.openUnitId) : null;
    return {
      user: { id: user._id, openid: user.openid, createdAt: user.createdAt },
      roles: p.roles,
      applicant: applicant ? this.applicants.view(applicant) : null,
      openUnit: unit ? { id: unit._id, name: unit.name, status: unit.status, manager: p.unitManager } : null,
    };
  }
}
