/**
 * Applicants (申领单位, 第五条): an enterprise or a startup team, registered by one user who owns it.
 *
 * - One applicant per user (users.ownerId unique) and one enterprise per unified social credit code
 *   (creditCode unique, sparse: teams have none). A second user registering a taken code gets
 *   409 ENTERPRISE_TAKEN; an administrator can move the enterprise to another user.
 * - **Decision**: registration refuses an invalid credit code outright (400 VALIDATION_FAILED on
 *   `creditCode`): uniqueness on a garbage code is meaningless. The public check
 *   (`POST /api/eligibility/check`) still reports it as the 第七条第二项 failure CREDIT_CODE_INVALID.
 * - The code is stored normalised (full-width → ASCII, no spaces, upper case) so that the same code
 *   typed differently cannot be registered twice.
 * - Eligibility (第七条) is computed on every read with the clock: it changes with time (the 5-year window).
 * - **Decision**: every change after registration is recorded (who, when, field: old → new), not only
 *   those after a voucher exists — POLICY.md 第十六至十八条 wants every state change traceable, and
 *   recording always means no edit can slip through before the voucher module knows about it.
 */
import {
  checkEligibility,
  normalizeCreditCode,
  shanghaiDay,
  teamProfileSchema,
  validateCreditCode,
  type ApplicantKind,
  type ApplicantProfile,
  type EligibilityFailure,
  type EligibilityResult,
  type EnterpriseProfile,
  type TeamMember,
  type TeamProfile,
} from '@kcq/shared';
import type { Clock } from './clock';
import { DomainError, DuplicateKeyError } from './errors';
import { newId } from './ids';
import type { CollectionSpec, Store } from '../store';

export interface TeamMemberRecord extends TeamMember {
  /** Stable id, so a member can be removed without racing on list positions. */
  id: string;
}

export type StoredTeamProfile = Omit<TeamProfile, 'members'> & { members: TeamMemberRecord[] };
export type StoredProfile = EnterpriseProfile | StoredTeamProfile;

export interface Applicant {
  _id: string;
  kind: ApplicantKind;
  /** The user who registered it (the team's leader) or to whom an administrator moved it. */
  ownerId: string;
  /** Enterprises only, normalised; absent (never null) for teams so the sparse unique index skips them. */
  creditCode?: string;
  profile: StoredProfile;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic concurrency: every write is conditional on the version it read. */
  version: number;
}

export type ChangeAction = 'edit' | 'member_added' | 'member_removed' | 'transfer';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface ApplicantChange {
  _id: string;
  applicantId: string;
  action: ChangeAction;
  /** User id of whoever made the change. */
  by: string;
  at: Date;
  /** The applicant's version this change produced: orders changes made within one clock tick. */
  version: number;
  changes: FieldChange[];
}

export const APPLICANTS: CollectionSpec = {
  name: 'applicants',
  // creditCode first: the embedded adapter names the first unique index a failed write touches.
  indexes: [
    { fields: ['creditCode'], unique: true, sparse: true },
    { fields: ['ownerId'], unique: true },
  ],
};

export const APPLICANT_CHANGES: CollectionSpec = {
  name: 'applicant_changes',
  indexes: [{ fields: ['applicantId', 'version'], unique: true }],
};

export interface ApplicantView {
  id: string;
  kind: ApplicantKind;
  ownerId: string;
  profile: StoredProfile;
  eligibility: EligibilityResult;
  createdAt: Date;
  updatedAt: Date;
}

/** What the platform itself knows against an applicant (第十七条 credit record), see supervision/sanctions.ts. */
export interface PlatformRecords {
  /** Changes whenever `creditFailures` may answer differently. */
  version(): number;
  /** The credit record (第七条第四项) and a ban in force (第十七条) against this applicant on `day` (Beijing). */
  failuresOf(a: Pick<Applicant, '_id' | 'creditCode'>, day: string): EligibilityFailure[];
  refresh(): Promise<unknown>;
}

/**
 * Failures the platform knows of: 第七条第四项 (credit record) in clause order among the profile's own
 * (before 第五项), a 第十七条 ban last.
 */
function withPlatformFailures(result: EligibilityResult, extra: EligibilityFailure[]): EligibilityResult {
  if (extra.length === 0) return result;
  const failures = [...result.failures];
  const at = failures.findIndex((f) => f.clause === '第七条第五项');
  failures.splice(at === -1 ? failures.length : at, 0, ...extra.filter((f) => f.clause !== '第十七条'));
  failures.push(...extra.filter((f) => f.clause === '第十七条'));
  return { ...result, eligible: false, failures };
}

/** The profile as the 第七条 rules take it (member ids dropped). */
export function policyProfile(profile: StoredProfile): ApplicantProfile {
  if (profile.kind === 'enterprise') return profile;
  return { ...profile, members: profile.members.map(({ id: _id, ...m }) => m) };
}

/** Drops undefined keys: MongoDB would store them as null and the documents would differ by adapter. */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function withMemberIds(profile: ApplicantProfile): StoredProfile {
  if (profile.kind === 'enterprise') {
    return clean({ ...profile, creditCode: normalizeCreditCode(profile.creditCode) });
  }
  return clean({ ...profile, members: profile.members.map((m) => ({ ...m, id: newId('m') })) });
}

function assertValidCreditCode(profile: ApplicantProfile): void {
  if (profile.kind !== 'enterprise') return;
  const r = validateCreditCode(profile.creditCode);
  if (!r.valid) {
    throw new DomainError('VALIDATION_FAILED', `提交的信息有误：creditCode ${r.message}`, {
      fields: [{ path: 'body.creditCode', code: r.code, message: r.message }],
    });
  }
}

/** Top-level profile fields whose value differs, with old and new values. */
function diff(before: object, after: object): FieldChange[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: k, old: a[k] ?? null, new: b[k] ?? null }));
}

function mapDuplicate(err: unknown): unknown {
  if (!(err instanceof DuplicateKeyError)) return err;
  if (err.fields.includes('creditCode')) return new DomainError('ENTERPRISE_TAKEN');
  if (err.fields.includes('ownerId')) return new DomainError('ALREADY_REGISTERED');
  return err;
}

export class Applicants {
  /**
   * 第七条 results by (applicant, profile version, Beijing day): the answer can only change when the
   * profile does or the calendar day turns (the 5-year window, the listing year). The home page's
   * /api/me and the claim at 10:00 then share one evaluation per applicant and day.
   */
  private readonly eligibility = new Map<string, { version: number; day: string; platform: number; result: EligibilityResult }>();
  /** 第七条第四项 on the platform's own knowledge (supervision/sanctions.ts); none until wired. */
  private platform: PlatformRecords | null = null;

  /** Wires the platform's credit record (第十七条) into 第七条; the memo then keys on its version too. */
  usePlatformRecords(p: PlatformRecords): void {
    this.platform = p;
  }

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The policy check (第七条) of this stored applicant at `now`, remembered as said above. */
  eligibilityOf(a: Applicant, now: Date = this.clock.now()): EligibilityResult {
    // Keyed by the id alone (a string whose hash is already computed) rather than a key built per call.
    const day = shanghaiDay(now);
    const platform = this.platform?.version() ?? 0;
    const hit = this.eligibility.get(a._id);
    if (hit && hit.version === a.version && hit.day === day && hit.platform === platform) return hit.result;
    if (!hit && this.eligibility.size >= 100_000) this.eligibility.clear();
    const result = withPlatformFailures(checkEligibility(policyProfile(a.profile), now), this.platform?.failuresOf(a, day) ?? []);
    this.eligibility.set(a._id, { version: a.version, day, platform, result });
    return result;
  }

  /** Makes the platform's records current before a synchronous read (view, the claim). */
  async refreshPlatformRecords(): Promise<void> {
    await this.platform?.refresh();
  }

  private get col() {
    return this.store.collection<Applicant>(APPLICANTS);
  }

  private get log() {
    return this.store.collection<ApplicantChange>(APPLICANT_CHANGES);
  }

  get(id: string): Promise<Applicant | null> {
    return this.col.findById(id);
  }

  async require(id: string): Promise<Applicant> {
    const a = await this.get(id);
    if (!a) throw new DomainError('NOT_FOUND', '找不到该申领主体');
    return a;
  }

  ofOwner(ownerId: string): Promise<Applicant | null> {
    return this.col.findOne({ ownerId });
  }

  /** See Collection.changeStamp: what a cache of applicants must compare before trusting itself. */
  changeStamp(): number | null {
    return this.col.changeStamp();
  }

  async view(a: Applicant): Promise<ApplicantView> {
    await this.refreshPlatformRecords();
    return {
      id: a._id,
      kind: a.kind,
      ownerId: a.ownerId,
      profile: a.profile,
      eligibility: this.eligibilityOf(a),
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    };
  }

  async register(ownerId: string, input: ApplicantProfile): Promise<Applicant> {
    assertValidCreditCode(input);
    const profile = withMemberIds(input);
    // Checked first for the precise answer; the unique indexes still settle concurrent registrations.
    if (await this.ofOwner(ownerId)) throw new DomainError('ALREADY_REGISTERED');
    if (profile.kind === 'enterprise' && (await this.col.findOne({ creditCode: profile.creditCode }))) {
      throw new DomainError('ENTERPRISE_TAKEN');
    }
    const now = this.clock.now();
    const doc: Applicant = {
      _id: newId('ap'),
      kind: profile.kind,
      ownerId,
      ...(profile.kind === 'enterprise' ? { creditCode: profile.creditCode } : {}),
      profile,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      return await this.col.insert(doc);
    } catch (err) {
      throw mapDuplicate(err);
    }
  }

  /** Replaces the profile; the kind cannot change (register anew instead). */
  async update(id: string, by: string, input: ApplicantProfile): Promise<Applicant> {
    const current = await this.require(id);
    if (input.kind !== current.kind) throw new DomainError('PROFILE_KIND_MISMATCH', '申领主体类型不能修改');
    assertValidCreditCode(input);
    const profile = withMemberIds(input);
    if (profile.kind === 'enterprise') {
      const other = await this.col.findOne({ creditCode: profile.creditCode, _id: { $ne: id } });
      if (other) throw new DomainError('ENTERPRISE_TAKEN');
    } else {
      // Members that did not change keep their ids.
      const old = (current.profile as StoredTeamProfile).members;
      const key = (m: TeamMember) => JSON.stringify([m.name, m.school, m.studentId, m.enrolled]);
      const pool = new Map<string, string[]>();
      for (const m of old) pool.set(key(m), [...(pool.get(key(m)) ?? []), m.id]);
      for (const m of profile.members) {
        const reuse = pool.get(key(m))?.shift();
        if (reuse) m.id = reuse;
      }
    }
    return this.write(current, by, 'edit', profile);
  }

  async addMember(id: string, by: string, member: TeamMember): Promise<{ applicant: Applicant; memberId: string }> {
    const current = await this.requireTeam(id);
    const record: TeamMemberRecord = clean({ ...member, id: newId('m') });
    const profile: StoredTeamProfile = { ...current.profile, members: [...current.profile.members, record] };
    // The team's own limits (at most TEAM_MEMBERS_MAX members) apply to additions too.
    const checked = teamProfileSchema.safeParse(policyProfile(profile));
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new DomainError('VALIDATION_FAILED', issue?.message, {
        fields: checked.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), code: i.code, message: i.message })),
      });
    }
    return { applicant: await this.write(current, by, 'member_added', profile), memberId: record.id };
  }

  async removeMember(id: string, by: string, memberId: string): Promise<Applicant> {
    const current = await this.requireTeam(id);
    const members = current.profile.members.filter((m) => m.id !== memberId);
    if (members.length === current.profile.members.length) throw new DomainError('NOT_FOUND', '找不到该团队成员');
    return this.write(current, by, 'member_removed', { ...current.profile, members });
  }

  /** An administrator moves an enterprise to another user (who must not own an applicant yet). */
  async transfer(id: string, toUserId: string, by: string): Promise<Applicant> {
    const current = await this.require(id);
    if (current.kind !== 'enterprise') {
      throw new DomainError('PROFILE_KIND_MISMATCH', '只有企业可以转移给其他用户；创业团队的负责人即登记用户');
    }
    if (current.ownerId === toUserId) return current;
    if (await this.ofOwner(toUserId)) throw new DomainError('ALREADY_REGISTERED', '该用户已登记申领主体');
    return this.write(current, by, 'transfer', current.profile, toUserId);
  }

  changes(id: string): Promise<ApplicantChange[]> {
    return this.log.find({ applicantId: id }, { sort: { version: 1 } });
  }

  private async requireTeam(id: string): Promise<Applicant & { profile: StoredTeamProfile }> {
    const a = await this.require(id);
    if (a.profile.kind !== 'team') throw new DomainError('PROFILE_KIND_MISMATCH', '只有创业团队可以增删成员');
    return a as Applicant & { profile: StoredTeamProfile };
  }

  /**
   * The one write path after registration: log first, then a write conditional on the version read.
   * A lost race or a refused write removes the log entry again, so the log never shows a change
   * that did not happen, and a change never happens unlogged.
   */
  private async write(
    current: Applicant,
    by: string,
    action: ChangeAction,
    profile: StoredProfile,
    ownerId: string = current.ownerId,
  ): Promise<Applicant> {
    const changes = diff(current.profile, profile);
    if (ownerId !== current.ownerId) changes.unshift({ field: 'ownerId', old: current.ownerId, new: ownerId });
    if (changes.length === 0) return current;
    const now = this.clock.now();
    const entry: ApplicantChange = {
      _id: newId('ch'),
      applicantId: current._id,
      action,
      by,
      at: now,
      version: current.version + 1,
      changes,
    };
    try {
      await this.log.insert(entry);
    } catch (err) {
      // Another write produced this version first: we read a stale applicant.
      if (err instanceof DuplicateKeyError) throw new DomainError('CONFLICT');
      throw err;
    }
    const set: Record<string, unknown> = { profile, updatedAt: now };
    if (profile.kind === 'enterprise') set.creditCode = profile.creditCode;
    if (ownerId !== current.ownerId) set.ownerId = ownerId;
    let updated: Applicant | null;
    try {
      updated = await this.col.updateOne({ _id: current._id, version: current.version }, { $set: set, $inc: { version: 1 } });
    } catch (err) {
      await this.log.deleteMany({ _id: entry._id });
      throw mapDuplicate(err);
    }
    if (!updated) {
      await this.log.deleteMany({ _id: entry._id });
      throw new DomainError('CONFLICT');
    }
    return updated;
  }
}
