/**
 * Users and their roles. A user is one WeChat identity (openid). Roles:
 * - applicant: owns an applicant record (enterprise or startup team) — derived from the applicants collection;
 * - staff: bound to exactly one open unit (`staff`), optionally as the unit's manager;
 * - admin: an administrator (市科委、中关村管委会, 第八条), from ADMIN_OPENIDS or granted by another admin;
 * - expert: bound to one expert profile (第十五条4; experts/experts.ts), by an administrator or an invite code.
 */
import type { Clock } from './clock';
import { DomainError, DuplicateKeyError } from './errors';
import { newId } from './ids';
import { paginate, type CollectionSpec, type Store } from '../store';

export const ROLES = ['applicant', 'staff', 'admin', 'expert'] as const;
export type Role = (typeof ROLES)[number];
/** Roles an administrator grants or revokes by hand; `applicant` follows from registering. */
export const MANAGED_ROLES = ['staff', 'admin'] as const;
export type ManagedRole = (typeof MANAGED_ROLES)[number];

export interface StaffBinding {
  openUnitId: string;
  /** A manager may invite and remove the unit's staff. */
  manager: boolean;
  boundAt: Date;
  /** The user id that bound them: the invite's issuer or the administrator. */
  boundBy: string;
  /** The name they gave when joining (how the unit's manager recognises them); absent on older bindings. */
  name?: string | null;
}

export interface User {
  _id: string;
  openid: string;
  isAdmin: boolean;
  /** Always present (null when unbound) so that `{ staff: null }` matches on every adapter. */
  staff: StaffBinding | null;
  /** The expert profile the user is bound to (第十五条4); absent when none. */
  expertId?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const USERS: CollectionSpec = {
  name: 'users',
  indexes: [{ fields: ['openid'], unique: true }, { fields: ['staff.openUnitId'] }, { fields: ['createdAt'] }],
};

export function rolesOf(user: User, hasApplicant: boolean): Role[] {
  const roles: Role[] = [];
  if (hasApplicant) roles.push('applicant');
  if (user.staff) roles.push('staff');
  if (user.isAdmin) roles.push('admin');
  if (user.expertId) roles.push('expert');
  return roles;
}

export class Users {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Openids that are administrators whenever they sign in (ADMIN_OPENIDS). */
    private readonly adminOpenids: readonly string[],
  ) {}

  private get col() {
    return this.store.collection<User>(USERS);
  }

  get(id: string): Promise<User | null> {
    return this.col.findById(id);
  }

  /** See Collection.changeStamp: what a cache of users must compare before trusting itself. */
  changeStamp(): number | null {
    return this.col.changeStamp();
  }

  async require(id: string): Promise<User> {
    const user = await this.get(id);
    if (!user) throw new DomainError('NOT_FOUND', '找不到该用户');
    return user;
  }

  /** The first sign-in creates the user; an ADMIN_OPENIDS openid is (re)made administrator every time. */
  async signIn(openid: string): Promise<{ user: User; created: boolean }> {
    const configuredAdmin = this.adminOpenids.includes(openid);
    let user = await this.col.findOne({ openid });
    let created = false;
    if (!user) {
      const now = this.clock.now();
      const fresh: User = { _id: newId('u'), openid, isAdmin: configuredAdmin, staff: null, createdAt: now, updatedAt: now };
      try {
        user = await this.col.insert(fresh);
        created = true;
      } catch (err) {
        // Two first sign-ins at once: the other one created the user.
        if (!(err instanceof DuplicateKeyError)) throw err;
        user = await this.col.findOne({ openid });
        if (!user) throw err;
      }
    }
    if (configuredAdmin && !user.isAdmin) {
      user = (await this.col.updateOne({ _id: user._id }, { $set: { isAdmin: true, updatedAt: this.clock.now() } })) ?? user;
    }
    return { user, created };
  }

  list(opts: { openid?: string; limit: number; cursor?: string | null }) {
    return paginate(this.col, opts.openid ? { openid: opts.openid } : {}, {
      field: 'createdAt',
      order: 1,
      limit: opts.limit,
      cursor: opts.cursor,
    });
  }

  async setAdmin(id: string, isAdmin: boolean, actorId: string): Promise<User> {
    if (!isAdmin && id === actorId) throw new DomainError('CANNOT_REVOKE_SELF');
    const user = await this.col.updateOne({ _id: id }, { $set: { isAdmin, updatedAt: this.clock.now() } });
    if (!user) throw new DomainError('NOT_FOUND', '找不到该用户');
    return user;
  }

  /** Binds an unbound user to an open unit; null when the user does not exist or is already bound. */
  async bind(id: string, binding: Omit<StaffBinding, 'boundAt'>): Promise<User | null> {
    const now = this.clock.now();
    return this.col.updateOne({ _id: id, staff: null }, { $set: { staff: { ...binding, boundAt: now }, updatedAt: now } });
  }

  /** Unbinds; `openUnitId` restricts it to staff of that unit. Null when no such (staff) user. */
  async unbind(id: string, openUnitId?: string): Promise<User | null> {
    const filter = openUnitId ? { _id: id, 'staff.openUnitId': openUnitId } : { _id: id };
    return this.col.updateOne(filter, { $set: { staff: null, updatedAt: this.clock.now() } });
  }

  /** Binds a user to an expert profile; null when the user does not exist or is already an expert. */
  bindExpert(id: string, expertId: string): Promise<User | null> {
    return this.col.updateOne({ _id: id, expertId: { $exists: false } }, { $set: { expertId, updatedAt: this.clock.now() } });
  }

  staffOf(openUnitId: string): Promise<User[]> {
    return this.col.find({ 'staff.openUnitId': openUnitId }, { sort: { 'staff.boundAt': 1 } });
  }
}
