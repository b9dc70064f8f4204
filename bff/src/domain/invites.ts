/**
 * Lab-staff binding. An administrator, or a manager among a unit's staff, issues a single-use invite
 * code for that open unit; it expires 7 days after issue. A signed-in user redeems it and becomes the
 * unit's staff. Unbinding (revocation) changes the user record, which authentication reloads on every
 * request, so it takes effect on the very next request.
 *
 * The code is shown once to its issuer and stored only as its SHA-256: a leaked database does not
 * leak usable codes. 60 random bits from an unambiguous alphabet, typed as XXXX-XXXX-XXXX.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { newId } from './ids';
import type { OpenUnits } from './openUnits';
import type { User, Users } from './users';
import type { CollectionSpec, Store } from '../store';

export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

export interface Invite {
  _id: string;
  openUnitId: string;
  codeHash: string;
  /** The redeemer becomes a manager of the unit. */
  manager: boolean;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy: string | null;
  usedAt: Date | null;
}

export const INVITES: CollectionSpec = {
  name: 'invites',
  indexes: [{ fields: ['codeHash'], unique: true }, { fields: ['openUnitId'] }],
};

/** Upper case, separators and spaces dropped: `abcd efgh-jkmn` equals `ABCDEFGHJKMN`. */
export function normalizeInviteCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const hash = (code: string) => createHash('sha256').update(normalizeInviteCode(code)).digest('hex');

function generateCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return raw.match(/.{4}/g)!.join('-');
}

export interface StaffMember {
  userId: string;
  /** The name given when joining, null when none was given. */
  name: string | null;
  manager: boolean;
  boundAt: Date;
}

export class Invites {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly users: Users,
    private readonly openUnits: OpenUnits,
  ) {}

  private get col() {
    return this.store.collection<Invite>(INVITES);
  }

  private async requireActiveUnit(openUnitId: string) {
    const unit = await this.openUnits.require(openUnitId);
    if (unit.status !== 'active') throw new DomainError('INVITE_INVALID', '该开放单位当前不接受人员绑定');
    return unit;
  }

  /** Returns the invite and its code; the code is never retrievable again. */
  async issue(openUnitId: string, by: string, manager: boolean): Promise<{ invite: Invite; code: string }> {
    await this.requireActiveUnit(openUnitId);
    const now = this.clock.now();
    const code = generateCode();
    const invite: Invite = {
      _id: newId('iv'),
      openUnitId,
      codeHash: hash(code),
      manager,
      createdBy: by,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      usedBy: null,
      usedAt: null,
    };
    await this.col.insert(invite);
    return { invite, code };
  }

  /** `name`: how the redeemer wants the unit's manager to see them in the staff list. */
  async redeem(code: string, userId: string, name: string | null = null): Promise<User> {
    const invite = await this.col.findOne({ codeHash: hash(code) });
    if (!invite) throw new DomainError('INVITE_INVALID');
    if (invite.usedAt) throw new DomainError('INVITE_USED');
    const now = this.clock.now();
    if (invite.expiresAt.getTime() <= now.getTime()) throw new DomainError('INVITE_EXPIRED');
    const user = await this.users.require(userId);
    if (user.staff) throw new DomainError('ALREADY_BOUND');
    await this.requireActiveUnit(invite.openUnitId);

    // Spend first (single use even under concurrency), then bind; give the invite back if binding loses.
    const spent = await this.col.updateOne(
      { _id: invite._id, usedAt: null, expiresAt: { $gt: now } },
      { $set: { usedAt: now, usedBy: userId } },
    );
    if (!spent) throw new DomainError('INVITE_USED');
    const bound = await this.users.bind(userId, { openUnitId: invite.openUnitId, manager: invite.manager, boundBy: invite.createdBy, name });
    if (!bound) {
      await this.col.updateOne({ _id: invite._id, usedBy: userId }, { $set: { usedAt: null, usedBy: null } });
      throw new DomainError('ALREADY_BOUND');
    }
    return bound;
  }

  /** An administrator binds a user directly (granting the staff role). */
  async bindDirectly(userId: string, openUnitId: string, manager: boolean, by: string): Promise<User> {
    await this.requireActiveUnit(openUnitId);
    const user = await this.users.require(userId);
    if (user.staff) throw new DomainError('ALREADY_BOUND', '该用户已绑定开放单位，请先解除绑定');
    const bound = await this.users.bind(userId, { openUnitId, manager, boundBy: by });
    if (!bound) throw new DomainError('ALREADY_BOUND', '该用户已绑定开放单位，请先解除绑定');
    return bound;
  }

  async staff(openUnitId: string): Promise<StaffMember[]> {
    await this.openUnits.require(openUnitId);
    const users = await this.users.staffOf(openUnitId);
    // Managers first, then by joining time; the user id breaks ties so the list never reorders itself
    // between two views (several colleagues may join within the same millisecond).
    return users
      .map((u) => ({ userId: u._id, name: u.staff!.name ?? null, manager: u.staff!.manager, boundAt: u.staff!.boundAt }))
      .sort(
        (a, b) =>
          Number(b.manager) - Number(a.manager) ||
          new Date(a.boundAt).getTime() - new Date(b.boundAt).getTime() ||
          (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
      );
  }

  /** Revocation: the user stops being the unit's staff on their next request. */
  async unbind(openUnitId: string, userId: string): Promise<void> {
    const user = await this.users.unbind(userId, openUnitId);
    if (!user) throw new DomainError('NOT_FOUND', '该用户不是本单位的工作人员');
  }
}
