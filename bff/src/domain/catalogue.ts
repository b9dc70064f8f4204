/**
 * The open-lab catalogue (第五条): an open unit's labs and the services they offer on their facilities
 * and instruments — analysis, testing, inspection, R&D — and rented compute for training AI models.
 *
 * Storage. Labs live in `catalogue_labs`; services in `catalogue_services`, each carrying a copy of what
 * search needs from its unit and lab (`unit`, `lab`, `searchText`, `voucherable`), so that one query on
 * one collection answers every search on both store adapters (see catalogueSearch.ts). The copies carry
 * the version of the record they were taken from (`unit.v`, `lab.v`); `syncUnit`/`syncLab` rewrite every
 * copy older than the record, so a late sync can never overwrite a newer one.
 *
 * Visibility. A service is listed until its lab's staff withdraw it (soft: contracts may point at it).
 * Search and public detail show only listed services of units that are open today (openUnits.ts): a
 * suspended unit, or one past its leave date, vanishes without any job running.
 *
 * Voucher eligibility (第五条, 第十九条): a service is voucher-eligible when it is not statutory or
 * mandatory testing (强制检测、法定检测), and its unit takes proposals today (active, not past its leave
 * date, and in Beijing or mutually recognised in Tianjin/Hebei). `proposalTarget` is the check the
 * contracts code calls before accepting a proposal.
 */
import { z } from 'zod';
import {
  LAB_LEVELS,
  PRICE_UNITS,
  PRIORITY_FIELDS,
  SERVICE_CATEGORIES,
  MUTUAL_RECOGNITION_LABEL,
  shanghaiDay,
  type ComputeSpec,
  type IneligibleReason,
  type IsoDay,
  type LabLevel,
  type LabView,
  type OpenUnitKind,
  type PriorityField,
  type Region,
  type ServiceFields,
  type ServiceInput,
  type ServiceView,
  type UnitSummary,
  textSchema,
} from '@kcq/shared';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { ID_PATTERN, newId } from './ids';
import {
  effectiveStatus,
  isOpen,
  OPEN_FOREVER,
  openUntil,
  stateOf,
  unitAvailability,
  type OpenUnit,
  type OpenUnits,
  type OpenUnitStatus,
  type UnitAvailability,
} from './openUnits';
import { paginate, type CollectionSpec, type Filter, type Page, type Store } from '../store';
import type { SupervisionDoors } from './supervision/sanctions';

/** The wire views are declared once in @kcq/shared (api/catalogue.ts); these records and the mapping stay here. */
export type { ComputeSpec, IneligibleReason, Instrument, LabView, ServiceInput, ServiceView, UnitSummary } from '@kcq/shared';

// ---------------------------------------------------------------------------------------------------
// Records

export interface Lab {
  _id: string;
  unitId: string;
  name: string;
  level: LabLevel;
  /** The priority (高精尖) fields it serves: what founders filter on. */
  fields: PriorityField[];
  description: string | null;
  listed: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The unit fields search needs, copied onto each service. */
export interface UnitCopy {
  v: number;
  name: string;
  kind: OpenUnitKind | null;
  district: string | null;
  region: Region;
  mutualRecognition: boolean;
  status: OpenUnitStatus;
  /** Exclusive: listed while today < openUntil (the leave date, or 9999-12-31). */
  openUntil: IsoDay;
}

export interface LabCopy {
  v: number;
  name: string;
  level: LabLevel;
  fields: PriorityField[];
}

/** A service: what its staff entered (ServiceFields, as the wire carries them) and what search keeps with it. */
export interface CatalogueService extends ServiceFields {
  _id: string;
  unitId: string;
  labId: string;
  compute: ComputeSpec | null;
  listed: boolean;
  unit: UnitCopy;
  lab: LabCopy;
  /** Service, instrument (name, model, maker), lab and unit names joined by newlines: the keyword target. */
  searchText: string;
  /** Not statutory and the unit may receive vouchers by region (第十九条); the day-dependent part is the unit filter. */
  voucherable: boolean;
  /**
   * Search shows the service while today < listedUntil: the unit's `openUntil` when the service is listed
   * and the unit active or leaving, else NOT_LISTED. One comparison instead of three per document keeps
   * the embedded scan cheap (see catalogueSearch.ts).
   */
  listedUntil: IsoDay;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Before every day: `listedUntil` of withdrawn services and of suspended or departed units. */
export const NOT_LISTED: IsoDay = '0000-01-01';

export const LABS: CollectionSpec = { name: 'catalogue_labs', indexes: [{ fields: ['unitId'] }] };
export const CATALOGUE_SERVICES: CollectionSpec = {
  name: 'catalogue_services',
  indexes: [{ fields: ['unitId'] }, { fields: ['labId'] }, { fields: ['category'] }, { fields: ['priceFen'] }],
};

// ---------------------------------------------------------------------------------------------------
// Input

/** Free text: normalised, control and bidi characters refused (textSchema, @kcq/shared). */
const text = (label: string, max: number) => textSchema(label, { max, tooLongMessage: `${label}不超过${max}字` });
const optionalText = (label: string, max: number, multiline = false) =>
  textSchema(label, { max, required: false, multiline, tooLongMessage: `${label}不超过${max}字` })
    .nullable()
    .default(null)
    .transform((v) => v || null);

export const labInputSchema = z.strictObject({
  name: text('实验室名称', 100),
  level: z.enum(LAB_LEVELS, { error: '请选择实验室类别' }),
  fields: z
    .array(z.enum(PRIORITY_FIELDS, { error: '领域代码不正确' }))
    .min(1, { error: '请至少选择一个领域' })
    .max(PRIORITY_FIELDS.length)
    .refine((f) => new Set(f).size === f.length, { error: '领域不能重复' }),
  description: optionalText('简介', 500, true),
});
export type LabInput = z.infer<typeof labInputSchema>;

/** The body of POST/PUT /api/open-units/:id/services; `satisfies` keeps its output equal to ServiceInput in @kcq/shared. */
export const serviceInputSchema = z
  .strictObject({
    labId: z.string().regex(ID_PATTERN, { error: '实验室编号格式不正确' }),
    name: text('服务名称', 100),
    category: z.enum(SERVICE_CATEGORIES, { error: '服务类别应为 analysis、testing、inspection、rnd 或 compute' }),
    instrument: z
      .strictObject({ name: text('仪器设施名称', 100), model: optionalText('型号', 60), maker: optionalText('生产厂商', 60) })
      .nullable()
      .default(null)
      .describe('The facility or instrument the service runs on'),
    description: textSchema('服务说明', { max: 1000, required: false, multiline: true, tooLongMessage: '服务说明不超过1000字' }).default(''),
    priceFen: z
      .number({ error: '价格应为数字（分）' })
      .int({ error: '价格应为整数（分）' })
      .min(0, { error: '价格不能为负' })
      .max(100_000_000, { error: '单价不超过 1,000,000 元' }),
    priceUnit: z.enum(PRICE_UNITS, { error: '计价单位不正确' }),
    leadTimeDays: z.number().int().min(0).max(365, { error: '周期不超过365天' }),
    statutory: z.boolean().default(false).describe('Statutory or mandatory testing (强制检测、法定检测): not voucher-eligible, 第五条'),
    compute: z
      .strictObject({ gpuModel: text('GPU 型号', 60), cards: z.number().int().min(1).max(100_000) })
      .nullable()
      .default(null)
      .describe('Compute services only: GPU model and cards; the price is per card-hour'),
  })
  .superRefine((s, ctx) => {
    const compute = s.category === 'compute';
    if (compute && !s.compute) ctx.addIssue({ code: 'custom', path: ['compute'], message: '算力服务须填写 GPU 型号和卡数' });
    if (!compute && s.compute) ctx.addIssue({ code: 'custom', path: ['compute'], message: '只有算力服务填写 GPU 信息' });
    if (compute !== (s.priceUnit === 'card_hour')) {
      ctx.addIssue({ code: 'custom', path: ['priceUnit'], message: '算力服务按卡时计价，其他服务不按卡时计价' });
    }
  }) satisfies z.ZodType<ServiceInput>;

// ---------------------------------------------------------------------------------------------------
// Copies and views

export function unitCopy(u: OpenUnit): UnitCopy {
  return {
    v: u.version,
    name: u.name,
    kind: u.kind,
    district: u.district,
    region: u.region,
    mutualRecognition: u.mutualRecognition,
    status: u.status,
    openUntil: openUntil(u),
  };
}

export function labCopy(l: Lab): LabCopy {
  return { v: l.version, name: l.name, level: l.level, fields: l.fields };
}

/** What search matches a keyword against, newline-separated (queries cannot contain control characters). */
export function searchTextOf(s: Pick<CatalogueService, 'name' | 'instrument' | 'unit' | 'lab'>): string {
  const i = s.instrument;
  return [s.name, i?.name, i?.model, i?.maker, s.lab.name, s.unit.name].filter(Boolean).join('\n');
}

type Derived = 'searchText' | 'voucherable' | 'listedUntil';

/** Recomputes every derived field of a service from its own fields and its copies. */
function derived(s: Omit<CatalogueService, Derived>): Pick<CatalogueService, 'unit' | 'lab' | 'listed' | Derived> {
  const open = s.listed && (s.unit.status === 'active' || s.unit.status === 'leaving');
  return {
    unit: s.unit,
    lab: s.lab,
    listed: s.listed,
    searchText: searchTextOf(s),
    voucherable: !s.statutory && (s.unit.region === 'beijing' || s.unit.mutualRecognition),
    listedUntil: open ? s.unit.openUntil : NOT_LISTED,
  };
}

function summaryOfCopy(id: string, u: UnitCopy, today: IsoDay): UnitSummary {
  return {
    id,
    name: u.name,
    kind: u.kind,
    district: u.district,
    region: u.region,
    mutualRecognition: u.mutualRecognition,
    regionalMark: u.region !== 'beijing' && u.mutualRecognition ? MUTUAL_RECOGNITION_LABEL : null,
    status: effectiveStatus(u, today),
    leaveOn: u.openUntil === OPEN_FOREVER ? null : u.openUntil,
  };
}

export function unitSummary(u: OpenUnit, today: IsoDay): UnitSummary {
  return summaryOfCopy(u._id, unitCopy(u), today);
}

export function labView(l: Lab): LabView {
  return { id: l._id, unitId: l.unitId, name: l.name, level: l.level, fields: l.fields, description: l.description };
}

export function serviceView(s: CatalogueService, today: IsoDay): ServiceView {
  const availability = unitAvailability(s.unit, today);
  const reason: IneligibleReason | null = s.statutory ? 'statutory_testing' : availability.ok ? null : availability.reason;
  return {
    id: s._id,
    name: s.name,
    category: s.category,
    instrument: s.instrument,
    description: s.description,
    priceFen: s.priceFen,
    priceUnit: s.priceUnit,
    leadTimeDays: s.leadTimeDays,
    statutory: s.statutory,
    compute: s.compute ? { ...s.compute, pricePerCardHourFen: s.priceFen } : null,
    voucherEligible: reason === null,
    ineligibleReason: reason,
    unit: summaryOfCopy(s.unitId, s.unit, today),
    lab: { id: s.labId, name: s.lab.name, level: s.lab.level, fields: s.lab.fields },
  };
}

/** What a proposal is made against, checked now: the contracts code calls `Catalogue.proposalTarget`. */
export interface ProposalTarget {
  service: CatalogueService;
  lab: Lab;
  unit: OpenUnit;
}

// ---------------------------------------------------------------------------------------------------

export class Catalogue {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly openUnits: OpenUnits,
  ) {}

  get labs() {
    return this.store.collection<Lab>(LABS);
  }

  get services() {
    return this.store.collection<CatalogueService>(CATALOGUE_SERVICES);
  }

  today(): IsoDay {
    return shanghaiDay(this.clock.now());
  }

  // --- labs (staff of the unit; the policy checked the unit, these check the lab belongs to it) ---

  /** A listed lab of this unit; 404 for another unit's lab (its staff may not probe ids through their path). */
  async requireLab(unitId: string, labId: string): Promise<Lab> {
    const lab = await this.labs.findById(labId);
    if (!lab || !lab.listed || lab.unitId !== unitId) throw new DomainError('NOT_FOUND', '找不到该实验室');
    return lab;
  }

  listLabs(unitId: string): Promise<Lab[]> {
    return this.labs.find({ unitId, listed: true }, { sort: { name: 1 } });
  }

  async addLab(unitId: string, input: LabInput, id = newId('lb')): Promise<Lab> {
    await this.openUnits.require(unitId);
    const now = this.clock.now();
    const lab: Lab = { _id: id, unitId, ...input, listed: true, createdAt: now, updatedAt: now, version: 1 };
    await this.labs.insert(lab);
    return lab;
  }

  async updateLab(unitId: string, labId: string, input: LabInput): Promise<Lab> {
    await this.requireLab(unitId, labId);
    const lab = await this.labs.updateOne(
      { _id: labId, unitId, listed: true },
      { $set: { ...input, updatedAt: this.clock.now() }, $inc: { version: 1 } },
    );
    if (!lab) throw new DomainError('NOT_FOUND', '找不到该实验室');
    await this.syncLab(lab);
    return lab;
  }

  /** Withdraws an empty lab; one with listed services is refused (withdraw them first). */
  async withdrawLab(unitId: string, labId: string): Promise<void> {
    await this.requireLab(unitId, labId);
    if ((await this.services.count({ labId, listed: true })) > 0) throw new DomainError('LAB_HAS_SERVICES');
    await this.labs.updateOne({ _id: labId, unitId }, { $set: { listed: false, updatedAt: this.clock.now() }, $inc: { version: 1 } });
  }

  // --- services ---

  async requireService(unitId: string, serviceId: string): Promise<CatalogueService> {
    const s = await this.services.findById(serviceId);
    if (!s || !s.listed || s.unitId !== unitId) throw new DomainError('NOT_FOUND', '找不到该服务');
    return s;
  }

  /** The unit's listed services for its staff (including statutory ones and while the unit is suspended). */
  listServices(unitId: string, opts: { limit: number; cursor?: string | null }): Promise<Page<CatalogueService>> {
    return paginate(this.services, { unitId, listed: true }, { field: 'createdAt', order: 1, ...opts });
  }

  async addService(unitId: string, input: ServiceInput, id = newId('sv')): Promise<CatalogueService> {
    const unit = await this.openUnits.require(unitId);
    const lab = await this.requireLabForService(unitId, input.labId);
    const now = this.clock.now();
    const { labId, ...fields } = input;
    const base = { _id: id, unitId, labId, ...fields, listed: true, unit: unitCopy(unit), lab: labCopy(lab), createdAt: now, updatedAt: now, version: 1 };
    const service: CatalogueService = { ...base, ...derived(base) };
    await this.services.insert(service);
    await this.catchUp(service);
    return service;
  }

  async updateService(unitId: string, serviceId: string, input: ServiceInput): Promise<CatalogueService> {
    const current = await this.requireService(unitId, serviceId);
    const lab = input.labId === current.labId ? null : await this.requireLabForService(unitId, input.labId);
    const { labId, ...fields } = input;
    const next = { ...current, ...fields, labId, lab: lab ? labCopy(lab) : current.lab };
    const updated = await this.services.updateOne(
      { _id: serviceId, unitId, listed: true },
      { $set: { ...fields, labId, ...derived(next), updatedAt: this.clock.now() }, $inc: { version: 1 } },
    );
    if (!updated) throw new DomainError('NOT_FOUND', '找不到该服务');
    await this.catchUp(updated);
    return updated;
  }

  /** Soft: a withdrawn service leaves search and public detail; contracts made on it keep their id. */
  async withdrawService(unitId: string, serviceId: string): Promise<void> {
    await this.requireService(unitId, serviceId);
    await this.services.updateOne(
      { _id: serviceId, unitId },
      { $set: { listed: false, listedUntil: NOT_LISTED, updatedAt: this.clock.now() }, $inc: { version: 1 } },
    );
  }

  private async requireLabForService(unitId: string, labId: string): Promise<Lab> {
    const lab = await this.labs.findById(labId);
    if (!lab || !lab.listed || lab.unitId !== unitId) {
      throw new DomainError('VALIDATION_FAILED', '所选实验室不属于本单位', {
        fields: [{ path: 'body.labId', code: 'unknown_lab', message: '所选实验室不属于本单位' }],
      });
    }
    return lab;
  }

  /** A unit or lab changed while this service was being written: re-sync it (the copies are versioned). */
  private async catchUp(s: CatalogueService): Promise<void> {
    const [unit, lab] = await Promise.all([this.openUnits.get(s.unitId), this.labs.findById(s.labId)]);
    if (unit && unit.version > s.unit.v) await this.syncUnit(unit);
    if (lab && lab.version > s.lab.v) await this.syncLab(lab);
  }

  // --- keeping the copies in sync ---

  /** Rewrites every service copy of this unit older than `unit.version` (renames, status, region, leave date). */
  syncUnit(unit: OpenUnit): Promise<number> {
    const copy = unitCopy(unit);
    return this.rewrite({ unitId: unit._id, 'unit.v': { $lt: copy.v } }, (s) => ({ ...s, unit: copy }));
  }

  syncLab(lab: Lab): Promise<number> {
    const copy = labCopy(lab);
    return this.rewrite({ labId: lab._id, 'lab.v': { $lt: copy.v } }, (s) => ({ ...s, lab: copy }));
  }

  /**
   * The store port updates one document at a time, so a sync walks the stale ones in batches; each
   * update repeats the staleness condition, so a concurrent newer sync is never undone.
   */
  private async rewrite(stale: Filter<CatalogueService>, next: (s: CatalogueService) => CatalogueService): Promise<number> {
    let n = 0;
    for (;;) {
      const batch = await this.services.find(stale, { limit: 200 });
      if (batch.length === 0) return n;
      for (const s of batch) {
        // `listed` is a precondition too: a withdrawal in between must not be undone (the loop retries).
        const updated = await this.services.updateOne({ ...stale, _id: s._id, listed: s.listed }, { $set: derived(next(s)) });
        if (updated) n += 1;
      }
    }
  }

  // --- public reading ---

  /** 第十七条: a banned or removed unit is not shown to the public (supervision/sanctions.ts). */
  private sanctions: Pick<SupervisionDoors, 'hiddenUnits'> | null = null;
  superviseWith(s: Pick<SupervisionDoors, 'hiddenUnits'>): void {
    this.sanctions = s;
  }

  private async hiddenBySupervision(unitId: string): Promise<boolean> {
    return ((await this.sanctions?.hiddenUnits()) ?? []).includes(unitId);
  }

  /** A unit the public may see today: listed and open (not suspended, not past its leave date). */
  async publicUnit(id: string): Promise<OpenUnit> {
    const unit = await this.openUnits.get(id);
    if (!unit || !isOpen(stateOf(unit), this.today())) throw new DomainError('NOT_FOUND', '找不到该开放单位');
    if (await this.hiddenBySupervision(unit._id)) throw new DomainError('NOT_FOUND', '找不到该开放单位');
    return unit;
  }

  async publicLab(id: string): Promise<{ lab: Lab; unit: OpenUnit }> {
    const lab = await this.labs.findById(id);
    if (!lab || !lab.listed) throw new DomainError('NOT_FOUND', '找不到该实验室');
    return { lab, unit: await this.publicUnit(lab.unitId) };
  }

  async publicService(id: string): Promise<CatalogueService> {
    const s = await this.services.findById(id);
    if (!s || !s.listed || !isOpen(s.unit, this.today())) throw new DomainError('NOT_FOUND', '找不到该服务');
    if (await this.hiddenBySupervision(s.unitId)) throw new DomainError('NOT_FOUND', '找不到该服务');
    return s;
  }

  /** Listed services of a lab, cheapest first (a lab offers tens, not thousands). */
  servicesOfLab(labId: string): Promise<CatalogueService[]> {
    return this.services.find({ labId, listed: true }, { sort: { priceFen: 1 }, limit: 500 });
  }

  view(s: CatalogueService): ServiceView {
    return serviceView(s, this.today());
  }

  // --- for the contracts code ---

  /** Does this unit take new voucher proposals now? (第六条, 第十八条, 第十九条) */
  async unitAcceptsProposals(unitId: string): Promise<UnitAvailability> {
    return unitAvailability(stateOf(await this.openUnits.require(unitId)), this.today());
  }

  /**
   * The service a proposal names, if a voucher may pay for it now: listed, not statutory testing
   * (第五条), and its unit — the live record, not the copy — takes proposals. Throws NOT_FOUND,
   * SERVICE_NOT_VOUCHER_ELIGIBLE, OPEN_UNIT_NOT_ACTIVE or OPEN_UNIT_NOT_RECOGNISED.
   */
  async proposalTarget(serviceId: string): Promise<ProposalTarget> {
    const service = await this.services.findById(serviceId);
    if (!service || !service.listed) throw new DomainError('NOT_FOUND', '找不到该服务');
    const unit = await this.openUnits.require(service.unitId);
    const availability = unitAvailability(stateOf(unit), this.today());
    if (!availability.ok) throw new DomainError(availability.code, undefined, { reason: availability.reason });
    if (service.statutory) throw new DomainError('SERVICE_NOT_VOUCHER_ELIGIBLE');
    const lab = await this.labs.findById(service.labId);
    if (!lab || !lab.listed) throw new DomainError('NOT_FOUND', '找不到该实验室');
    return { service, lab, unit };
  }
}
