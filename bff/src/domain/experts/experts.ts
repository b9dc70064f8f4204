/**
 * Experts (专家, 第十五条4): a role bound to a profile — name, organisation, fields of expertise (the five
 * priority fields, 第七条5) and declared ties (organisations the expert works for or with), which drive
 * recusal (assignment.ts). An administrator creates the profile and binds a user directly, or issues a
 * single-use invite code the expert redeems — the staff invite mechanism (invites.ts: 7 days, stored as
 * SHA-256, XXXX-XXXX-XXXX).
 */
import { createHash, randomInt } from 'node:crypto';
import { z } from 'zod';
import { PRIORITY_FIELDS, textSchema, type PriorityField } from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { INVITE_TTL_MS, normalizeInviteCode } from '../invites';
import type { Users } from '../users';
import type { CollectionSpec, Store } from '../../store';
import type { ExpertTie } from './assignment';

export interface ExpertDoc {
  _id: string;
  /** The bound user; absent until bound (so the unique index skips unbound profiles). */
  userId?: string;
  name: string;
  organisation: string;
  fields: PriorityField[];
  ties: ExpertTie[];
  active: boolean;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export const EXPERTS: CollectionSpec = { name: 'experts', indexes: [{ fields: ['userId'], unique: true, sparse: true }] };

export interface ExpertInvite {
  _id: string;
  expertId: string;
  codeHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy: string | null;
  usedAt: Date | null;
}

export const EXPERT_INVITES: CollectionSpec = { name: 'expert_invites', indexes: [{ fields: ['codeHash'], unique: true }] };

const tieSchema = z.strictObject({
  kind: z.enum(['open_unit', 'applicant', 'organisation']),
  id: z.string().min(1).max(64).nullable().default(null),
  name: textSchema('关联单位名称', { max: 100 }),
  relation: textSchema('关联关系', { max: 50 }),
});

export const expertInputSchema = z.strictObject({
  name: textSchema('姓名', { max: 50 }),
  organisation: textSchema('工作单位', { max: 100 }),
  fields: z.array(z.enum(PRIORITY_FIELDS)).min(1, { error: '请至少选择一个专业领域' }).max(5),
  ties: z.array(tieSchema).max(50).default([]),
});
export type ExpertInput = z.infer<typeof expertInputSchema>;

export interface ExpertView {
  id: string;
  userId: string | null;
  name: string;
  organisation: string;
  fields: PriorityField[];
  ties: ExpertTie[];
  active: boolean;
}

export const expertView = (e: ExpertDoc): ExpertView => ({
  id: e._id,
  userId: e.userId ?? null,
  name: e.name,
  organisation: e.organisation,
  fields: e.fields,
  ties: e.ties,
  active: e.active,
});

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeHash = (code: string) => createHash('sha256').update(`expert:${normalizeInviteCode(code)}`).digest('hex');

export class Experts {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly users: Users,
  ) {}

  private get col() {
    return this.store.collection<ExpertDoc>(EXPERTS);
  }

  private get invites() {
    return this.store.collection<ExpertInvite>(EXPERT_INVITES);
  }

  get(id: string): Promise<ExpertDoc | null> {
    return this.col.findById(id);
  }

  async require(id: string): Promise<ExpertDoc> {
    const e = await this.get(id);
    if (!e) throw new DomainError('EXPERT_NOT_FOUND');
    return e;
  }

  list(): Promise<ExpertDoc[]> {
    return this.col.find({}, { sort: { createdAt: 1 }, limit: 1000 });
  }

  /** Active experts bound to a user: those who can be assigned (they can answer). */
  assignable(): Promise<ExpertDoc[]> {
    return this.col.find({ active: true, userId: { $exists: true } }, { sort: { createdAt: 1 }, limit: 1000 });
  }

  async create(input: ExpertInput, by: string): Promise<ExpertDoc> {
    const now = this.clock.now();
    const doc: ExpertDoc = { _id: newId('ex'), ...input, active: true, createdAt: now, createdBy: by, updatedAt: now };
    return this.col.insert(doc);
  }

  /** Profile and ties; an administrator may also deactivate (no new assignments). */
  async update(id: string, input: ExpertInput & { active?: boolean }): Promise<ExpertDoc> {
    const e = await this.col.updateOne({ _id: id }, { $set: { ...input, updatedAt: this.clock.now() } });
    if (!e) throw new DomainError('EXPERT_NOT_FOUND');
    return e;
  }

  /** An administrator binds a user to the profile directly. */
  async bind(id: string, userId: string): Promise<ExpertDoc> {
    const e = await this.require(id);
    if (e.userId) throw new DomainError('EXPERT_ALREADY_BOUND');
    await this.users.require(userId);
    const claimed = await this.col.updateOne({ _id: id, userId: { $exists: false } }, { $set: { userId, updatedAt: this.clock.now() } }).catch(() => null);
    if (!claimed) throw new DomainError('EXPERT_ALREADY_BOUND');
    if (!(await this.users.bindExpert(userId, id))) {
      await this.col.updateOne({ _id: id, userId }, { $unset: { userId: true } });
      throw new DomainError('EXPERT_ALREADY_BOUND');
    }
    return claimed;
  }

  /** A single-use code for the profile, shown once (as staff invites). */
  async issueInvite(id: string, by: string): Promise<{ code: string; expiresAt: Date }> {
    const e = await this.require(id);
    if (e.userId) throw new DomainError('EXPERT_ALREADY_BOUND');
    const now = this.clock.now();
    let raw = '';
    for (let i = 0; i < 12; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
    const code = raw.match(/.{4}/g)!.join('-');
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    await this.invites.insert({ _id: newId('xi'), expertId: id, codeHash: codeHash(code), createdBy: by, createdAt: now, expiresAt, usedBy: null, usedAt: null });
    return { code, expiresAt };
  }

  async redeemInvite(code: string, userId: string): Promise<ExpertDoc> {
    const invite = await this.invites.findOne({ codeHash: codeHash(code) });
    if (!invite) throw new DomainError('INVITE_INVALID');
    if (invite.usedAt) throw new DomainError('INVITE_USED');
    const now = this.clock.now();
    if (invite.expiresAt.getTime() <= now.getTime()) throw new DomainError('INVITE_EXPIRED');
    const spent = await this.invites.updateOne({ _id: invite._id, usedAt: null }, { $set: { usedAt: now, usedBy: userId } });
    if (!spent) throw new DomainError('INVITE_USED');
    try {
      return await this.bind(invite.expertId, userId);
    } catch (err) {
      await this.invites.updateOne({ _id: invite._id, usedBy: userId }, { $set: { usedAt: null, usedBy: null } });
      throw err;
    }
  }
}
