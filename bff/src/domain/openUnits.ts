/**
 * Open units (开放单位, 第五、六、十九条): the universities, institutes and companies that open their labs,
 * facilities and instruments — and compute — to applicants.
 *
 * Life cycle, decided by administrators (第八条):
 *   active ──suspend──▶ suspended ──reinstate──▶ active (or leaving, when a leave notice stands)
 *   active ──leave notice (≥ 1 month, 第六条)──▶ leaving ──retire (on/after the leave date)──▶ left
 *
 * **Decision** (第六条): a unit under notice stays in the catalogue and takes proposals until the day
 * before its leave date; from the leave date on it is gone, derived from the date at query time (no job
 * has to run: see `openUntil`). `retire` only records the end for the books.
 *
 * **Decision** (第十九条): Tianjin and Hebei units carry `mutualRecognition` (津冀互认). Non-recognised ones
 * may be listed (an administrator prepares them before recognition lands) but are never voucher-eligible
 * and take no voucher proposals. Beijing units never carry the mark.
 *
 * The catalogue keeps a copy of what search needs on every service document; `onChange` listeners
 * (the catalogue) re-sync those copies after every change of a unit.
 */
import { z } from 'zod';
import {
  addDays,
  addMonths,
  compareDays,
  isIsoDay,
  OPEN_UNIT_KINDS,
  REGIONS,
  shanghaiDay,
  type IsoDay,
  type OpenUnitKind,
  type OpenUnitStatus,
  type Region,
  textSchema,
} from '@kcq/shared';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { newId } from './ids';
import { paginate, type CollectionSpec, type Page, type Store } from '../store';

/** Declared once in @kcq/shared: the catalogue's views carry it. */
export { OPEN_UNIT_STATUSES, type OpenUnitStatus } from '@kcq/shared';

/** The day a unit with no leave notice is open until, for the one-condition search filter. */
export const OPEN_FOREVER: IsoDay = '9999-12-31';

export interface UnitContact {
  name: string;
  phone: string;
  email: string | null;
}

export interface LeaveNotice {
  /** The Beijing day the unit gave notice. */
  noticeOn: IsoDay;
  /** Its first day out of the programme: at least one month after `noticeOn` (第六条). */
  leaveOn: IsoDay;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface OpenUnit {
  _id: string;
  name: string;
  status: OpenUnitStatus;
  createdAt: Date;
  kind: OpenUnitKind | null;
  /** 区 / 市, e.g. 海淀区, 滨海新区, 保定市. */
  district: string | null;
  region: Region;
  /** 津冀互认 (第十九条); always false for Beijing. */
  mutualRecognition: boolean;
  contact: UnitContact | null;
  description: string | null;
  leaveNotice: LeaveNotice | null;
  suspension: { reason: string; by: string; at: Date } | null;
  updatedAt: Date;
  /** Bumped on every change; the catalogue's copies carry it so a stale sync never wins. */
  version: number;
}

export const OPEN_UNITS: CollectionSpec = { name: 'open_units', indexes: [{ fields: ['name'], unique: true }] };

/** Free text: normalised, control and bidi characters refused (textSchema, @kcq/shared). */
const text = (label: string, max: number) => textSchema(label, { max, tooLongMessage: `${label}不超过${max}字` });

export const unitProfileSchema = z
  .strictObject({
    name: text('单位名称', 100),
    kind: z.enum(OPEN_UNIT_KINDS, { error: '单位类型应为 university、institute 或 enterprise' }),
    district: text('所在区县', 20),
    region: z.enum(REGIONS, { error: '所在地区应为 beijing、tianjin 或 hebei' }),
    mutualRecognition: z.boolean().default(false).describe('津冀互认 (第十九条); Tianjin and Hebei only'),
    contact: z
      .strictObject({
        name: text('联系人', 30),
        phone: z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, { error: '联系电话格式不正确' }),
        email: z.email({ error: '邮箱格式不正确' }).max(100).nullable().default(null),
      })
      .nullable()
      .default(null),
    description: textSchema('简介', { max: 500, required: false, multiline: true, tooLongMessage: '简介不超过500字' }).nullable().default(null),
  })
  .refine((u) => u.region !== 'beijing' || !u.mutualRecognition, {
    error: '津冀互认标记只适用于天津、河北的开放单位（第十九条）',
    path: ['mutualRecognition'],
  });
export type UnitProfile = z.infer<typeof unitProfileSchema>;

const isoDay = (label: string) => z.string().refine(isIsoDay, { error: `${label}应为 YYYY-MM-DD 格式的日期` });

export const leaveNoticeSchema = z.strictObject({
  noticeOn: isoDay('告知日期').optional().describe('The Beijing day the unit gave notice; default today, never in the future'),
  leaveOn: isoDay('退出日期').describe('First day out of the programme: at least one month after the notice (第六条)'),
  reason: text('退出原因', 200),
});
export type LeaveNoticeInput = z.infer<typeof leaveNoticeSchema>;

/** Fills what units created before the catalogue (name only) lack. */
function normalise(u: OpenUnit | null): OpenUnit | null {
  if (!u) return null;
  return {
    ...u,
    kind: u.kind ?? null,
    district: u.district ?? null,
    region: u.region ?? 'beijing',
    mutualRecognition: u.mutualRecognition ?? false,
    contact: u.contact ?? null,
    description: u.description ?? null,
    leaveNotice: u.leaveNotice ?? null,
    suspension: u.suspension ?? null,
    updatedAt: u.updatedAt ?? u.createdAt,
    version: u.version ?? 0,
  };
}

/** The last day a unit is in the programme, exclusive: it is open while `today < openUntil`. */
export function openUntil(u: Pick<OpenUnit, 'status' | 'leaveNotice'>): IsoDay {
  return u.leaveNotice && u.status !== 'active' ? u.leaveNotice.leaveOn : OPEN_FOREVER;
}

/** What the availability rules need: the unit itself, or the catalogue's copy of it. */
export interface UnitState {
  status: OpenUnitStatus;
  openUntil: IsoDay;
  region: Region;
  mutualRecognition: boolean;
}

export function stateOf(u: OpenUnit): UnitState {
  return { status: u.status, openUntil: openUntil(u), region: u.region, mutualRecognition: u.mutualRecognition };
}

export type UnitAvailability =
  | { ok: true }
  | { ok: false; code: 'OPEN_UNIT_NOT_ACTIVE' | 'OPEN_UNIT_NOT_RECOGNISED'; reason: 'suspended' | 'left' | 'not_mutually_recognised' };

/**
 * Does the unit take new voucher proposals on this Beijing day? Not when suspended (第十八条), not from
 * its leave date on (第六条), and not when it is in Tianjin/Hebei without mutual recognition (第十九条).
 */
export function unitAvailability(u: UnitState, today: IsoDay): UnitAvailability {
  if (u.status === 'suspended') return { ok: false, code: 'OPEN_UNIT_NOT_ACTIVE', reason: 'suspended' };
  if (u.status === 'left' || compareDays(today, u.openUntil) >= 0) return { ok: false, code: 'OPEN_UNIT_NOT_ACTIVE', reason: 'left' };
  if (u.region !== 'beijing' && !u.mutualRecognition) {
    return { ok: false, code: 'OPEN_UNIT_NOT_RECOGNISED', reason: 'not_mutually_recognised' };
  }
  return { ok: true };
}

/** Listed in the catalogue today (search, public detail): active or under notice, before the leave date. */
export function isOpen(u: Pick<UnitState, 'status' | 'openUntil'>, today: IsoDay): boolean {
  return (u.status === 'active' || u.status === 'leaving') && compareDays(today, u.openUntil) < 0;
}

/** The status a screen shows: a leaving unit past its leave date reads as left before anyone retires it. */
export function effectiveStatus(u: Pick<UnitState, 'status' | 'openUntil'>, today: IsoDay): OpenUnitStatus {
  if (u.status === 'leaving' && compareDays(today, u.openUntil) >= 0) return 'left';
  return u.status;
}

export type UnitListener = (unit: OpenUnit) => Promise<void>;

export class OpenUnits {
  private readonly listeners: UnitListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private get col() {
    return this.store.collection<OpenUnit>(OPEN_UNITS);
  }

  /** The catalogue registers here to keep its copies of unit fields in sync. */
  onChange(listener: UnitListener): void {
    this.listeners.push(listener);
  }

  today(): IsoDay {
    return shanghaiDay(this.clock.now());
  }

  async get(id: string): Promise<OpenUnit | null> {
    return normalise(await this.col.findById(id));
  }

  async require(id: string): Promise<OpenUnit> {
    const unit = await this.get(id);
    if (!unit) throw new DomainError('NOT_FOUND', '找不到该开放单位');
    return unit;
  }

  /** A unit with a name only (staff binding before the profile is filled in); Beijing by default. */
  async create(name: string): Promise<OpenUnit> {
    return this.insert(newId('ou'), { name, kind: null, district: null, region: 'beijing', mutualRecognition: false, contact: null, description: null });
  }

  /** A unit with its full profile; `id` only for stable demo data. */
  async add(profile: UnitProfile, id = newId('ou')): Promise<OpenUnit> {
    return this.insert(id, profile);
  }

  private async insert(id: string, profile: Omit<UnitProfile, 'kind' | 'district'> & { kind: OpenUnitKind | null; district: string | null }): Promise<OpenUnit> {
    const now = this.clock.now();
    const unit: OpenUnit = {
      _id: id,
      ...profile,
      status: 'active',
      leaveNotice: null,
      suspension: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      await this.col.insert(unit);
      return unit;
    } catch (err) {
      if ((err as { code?: string }).code === 'DUPLICATE') throw new DomainError('DUPLICATE', '已有同名的开放单位');
      throw err;
    }
  }

  /** Units by name (administrators), keyset-paginated. */
  list(opts: { limit: number; cursor?: string | null }): Promise<Page<OpenUnit>> {
    return paginate(this.col, {}, { field: 'name', order: 1, limit: opts.limit, cursor: opts.cursor }).then((p) => ({
      ...p,
      items: p.items.map((u) => normalise(u)!),
    }));
  }

  async updateProfile(id: string, profile: UnitProfile): Promise<OpenUnit> {
    await this.require(id);
    try {
      return await this.change(id, {}, { ...profile });
    } catch (err) {
      if ((err as { code?: string }).code === 'DUPLICATE') throw new DomainError('DUPLICATE', '已有同名的开放单位');
      throw err;
    }
  }

  /** 第十八条: misconduct (or an administrator's decision) takes the unit out of the catalogue at once. */
  async suspend(id: string, reason: string, by: string): Promise<OpenUnit> {
    const u = await this.require(id);
    if (u.status === 'suspended' || effectiveStatus(stateOf(u), this.today()) === 'left') throw conflict(u);
    return this.change(id, { status: u.status }, { status: 'suspended', suspension: { reason, by, at: this.clock.now() } });
  }

  /** Lifts a suspension: back to active, or to leaving when a leave notice still stands. */
  async reinstate(id: string): Promise<OpenUnit> {
    const u = await this.require(id);
    if (u.status !== 'suspended') throw conflict(u);
    return this.change(id, { status: 'suspended' }, { status: u.leaveNotice ? 'leaving' : 'active', suspension: null });
  }

  /** 第六条: leaving needs a reason and one month's notice, counted on Beijing calendar days. */
  async recordLeaveNotice(id: string, input: LeaveNoticeInput, by: string): Promise<OpenUnit> {
    const u = await this.require(id);
    if (u.status !== 'active') throw conflict(u);
    const today = this.today();
    const noticeOn = input.noticeOn ?? today;
    if (compareDays(noticeOn, today) > 0) {
      throw new DomainError('VALIDATION_FAILED', '告知日期不能晚于今天', {
        fields: [{ path: 'body.noticeOn', code: 'future', message: '告知日期不能晚于今天' }],
      });
    }
    const earliest = addMonths(noticeOn, 1);
    // A backdated notice cannot make the unit leave today or in the past.
    const tomorrow = addDays(today, 1);
    const minimum = compareDays(earliest, tomorrow) > 0 ? earliest : tomorrow;
    if (compareDays(input.leaveOn, minimum) < 0) {
      throw new DomainError('LEAVE_NOTICE_TOO_SHORT', undefined, { noticeOn, earliestLeaveOn: minimum });
    }
    const notice: LeaveNotice = { noticeOn, leaveOn: input.leaveOn, reason: input.reason, recordedBy: by, recordedAt: this.clock.now() };
    return this.change(id, { status: 'active' }, { status: 'leaving', leaveNotice: notice });
  }

  /** Records the end once the leave date has come (the catalogue already hides the unit from that day). */
  async retire(id: string): Promise<OpenUnit> {
    const u = await this.require(id);
    if (u.status !== 'leaving' || !u.leaveNotice) throw conflict(u);
    if (compareDays(this.today(), u.leaveNotice.leaveOn) < 0) {
      throw new DomainError('LEAVE_NOT_DUE', undefined, { leaveOn: u.leaveNotice.leaveOn });
    }
    return this.change(id, { status: 'leaving' }, { status: 'left' });
  }

  /** Conditional update (`expect` is the precondition), then the listeners. */
  private async change(id: string, expect: Partial<OpenUnit>, set: Partial<OpenUnit>): Promise<OpenUnit> {
    const updated = normalise(
      await this.col.updateOne({ _id: id, ...expect }, { $set: { ...set, updatedAt: this.clock.now() }, $inc: { version: 1 } }),
    );
    if (!updated) throw new DomainError('CONFLICT');
    for (const listener of this.listeners) await listener(updated);
    return updated;
  }
}

function conflict(u: OpenUnit): DomainError {
  return new DomainError('OPEN_UNIT_STATUS_CONFLICT', undefined, { status: u.status });
}
