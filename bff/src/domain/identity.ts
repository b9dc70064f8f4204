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
  /** The expert profile the user is bound to (第十五条4), or null. */
  expertId: string | null;
  /** The caller's applicant as loaded for this request (spares the claim path a second read). */
  applicant: Applicant | null;
}

export interface MeView {
  /** name: the one given when joining an open unit, else null (the app shows the applicant's or unit's name). */
  user: { id: string; openid: string; createdAt: Date; name: string | null };
  roles: Role[];
  applicant: ApplicantView | null;
  openUnit: { id: string; name: string; status: OpenUnit['status']; manager: boolean } | null;
}

/** Bounds the principal cache; a clear only costs reloads. */
const CACHED_PRINCIPALS = 100_000;

export class Identity {
  /**
   * Principals by user id, each with the users/applicants change stamps it was read under. A hit is
   * only trusted while both stamps are unchanged, i.e. no user or applicant was written since — so a
   * revocation still applies on the next request, and the claim burst (which writes only vouchers)
   * skips two store reads per request. Stores written by several processes (MongoDB) give no stamp
   * and are read every time.
   */
  private readonly cache = new Map<string, { users: number; applicants: number; principal: Principal }>();

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
      expertId: user.expertId ?? null,
      applicant,
    };
  }

  /** Null when the user no longer exists. The principal is frozen: it may be shared by requests. */
  async load(userId: string): Promise<Principal | null> {
    // Stamps are taken before reading, so a write that overlaps the read leaves the entry stale.
    const users = this.users.changeStamp();
    const applicants = this.applicants.changeStamp();
    const cacheable = users !== null && applicants !== null;
    if (cacheable) {
      const hit = this.cache.get(userId);
      if (hit && hit.users === users && hit.applicants === applicants) return hit.principal;
    }
    const user = await this.users.get(userId);
    if (!user) return null;
    const principal = deepFreeze(await this.principalOf(user));
    if (cacheable) {
      if (this.cache.size >= CACHED_PRINCIPALS) this.cache.clear();
      this.cache.set(userId, { users, applicants, principal });
    }
    return principal;
  }

  claimsOf(p: Principal): AccessClaims {
    return { sub: p.userId, roles: p.roles, aid: p.applicantId, ouid: p.openUnitId };
  }

  async me(p: Principal): Promise<MeView> {
    const user = await this.users.require(p.userId);
    const applicant = p.applicantId ? await this.applicants.get(p.applicantId) : null;
    const unit = p.openUnitId ? await this.openUnits.get(p.openUnitId) : null;
    return {
      user: { id: user._id, openid: user.openid, createdAt: user.createdAt, name: user.staff?.name ?? null },
      roles: p.roles,
      applicant: applicant ? await this.applicants.view(applicant) : null,
      openUnit: unit ? { id: unit._id, name: unit.name, status: unit.status, manager: p.unitManager } : null,
    };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
