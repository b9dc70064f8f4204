/**
 * Joining by application (入库申请, 第六条; POLICY.md Decision): anyone signed in applies on behalf of an
 * organisation — name, unified social credit code, kind, district, the six conditions of 第六条 each with a
 * short statement and optional files, the instruments to open, a contact. An administrator reviews: asks for
 * more information (the applicant edits and resubmits), approves or refuses with reasons. An approved
 * application goes to a public notice of 5 working days (notices/: the same notices, calendar and
 * objections as redemptions); an upheld objection sends it back to the administrator; when the notice ends
 * with no open objection the open unit is created, the applying user becomes its manager, and its
 * instruments seed its lab and services (listed in the catalogue at once). Municipal (市属) units are still
 * added directly by an administrator (admin routes).
 *
 * **Decisions** (docs/evaluation.md):
 * - The credit code is validated as for enterprises (check characters) and must be registered in Beijing
 *   (division code 11…, 第六条 "在京注册"); one live application (or unit from one) per code.
 * - The applicant may edit while the application waits for the administrator (submitted, info_requested);
 *   editing an info_requested application resubmits it.
 * - The user must not already be staff of an open unit when applying (ALREADY_BOUND); should they become
 *   staff elsewhere before the unit is created, the unit is still created and the log says the manager was
 *   not bound.
 * Every step is in the decision log (evaluation/log.ts), attributable.
 */
import { z } from 'zod';
import {
  FEN_PER_YUAN,
  isIsoDay,
  LAB_LEVELS,
  OPEN_UNIT_KINDS,
  OPEN_UNIT_KIND_LABELS,
  PRICE_UNITS,
  PRIORITY_FIELDS,
  SERVICE_CATEGORIES,
  shanghaiDay,
  textSchema,
  UNIT_APPLICATION_CONDITIONS,
  UNIT_APPLICATION_STATUS_LABELS,
  validateCreditCode,
  yuanToFen,
  type IsoDay,
  type UnitApplicationCondition,
  type UnitApplicationEvent,
  type UnitApplicationStatus,
  type UnitApplicationView,
  type UnitApplicationInput as UnitApplicationWire,
  type RequestInfoInput,
  type RefuseApplicationInput,
} from '@kcq/shared';
import type { Catalogue } from '../catalogue';
import { serviceInputSchema } from '../catalogue';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Evidence, IncomingFile } from '../evidence';
import { newId } from '../ids';
import type { Invites } from '../invites';
import type { NoticeDoc, NoticeItemDoc, Notices, ObjectionDoc } from '../notices/notices';
import type { OpenUnits } from '../openUnits';
import { OPEN_UNITS } from '../openUnits';
import type { DecisionActor, DecisionLog } from '../evaluation/log';
import type { CollectionSpec, Store } from '../../store';

export const UNIT_APPLICATION_NOTICE_KIND = 'unit_application';

/** A well-formed lab id, only to check an instrument's service against the catalogue's rules before the lab exists. */
const PLACEHOLDER_LAB = newId('lb');

const text = (label: string, max: number) => textSchema(label, { max, tooLongMessage: `${label}不超过${max}字` });
const optionalText = (label: string, max: number) =>
  textSchema(label, { max, required: false, tooLongMessage: `${label}不超过${max}字` }).nullable().default(null);

/** Yuan with at most two decimals, 0 … max; converted to fen once, here. */
export const yuanSchema = (label: string, max: number) =>
  z
    .number({ error: `${label}应为数字（元）` })
    .min(0, { error: `${label}不能为负` })
    .max(max, { error: `${label}不超过 ${max.toLocaleString('en-US')} 元` })
    .refine(
      (v) => {
        try {
          yuanToFen(v);
          return true;
        } catch {
          return false;
        }
      },
      { error: `${label}最多两位小数` },
    );

const fileIdsSchema = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '文件编号格式不正确' })).max(20).default([]);

const conditionSchema = z.strictObject({
  statement: textSchema('条件说明', { max: 500, multiline: true, tooLongMessage: '条件说明不超过500字' }),
  fileIds: fileIdsSchema,
});

const instrumentSchema = z.strictObject({
  name: text('仪器设施名称', 100),
  model: optionalText('型号', 60),
  maker: optionalText('生产厂商', 60),
  originalValueYuan: yuanSchema('仪器原值', 10_000_000_000),
  category: z.enum(SERVICE_CATEGORIES, { error: '服务类别应为 analysis、testing、inspection、rnd 或 compute' }),
  priceYuan: yuanSchema('服务价格', 1_000_000),
  priceUnit: z.enum(PRICE_UNITS, { error: '计价单位不正确' }),
  leadTimeDays: z.number().int().min(0).max(365, { error: '周期不超过365天' }).default(5),
  compute: z.strictObject({ gpuModel: text('GPU 型号', 60), cards: z.number().int().min(1).max(100_000) }).nullable().default(null),
});

/** The body of POST /api/unit-applications and PUT /api/unit-applications/:id (UnitApplicationInput in @kcq/shared). */
export const unitApplicationInputSchema = z
  .strictObject({
    name: text('单位名称', 100),
    creditCode: z.string({ error: '请填写统一社会信用代码' }).max(40, { error: '统一社会信用代码格式不正确' }),
    kind: z.enum(OPEN_UNIT_KINDS, { error: '单位类型应为 university、institute 或 enterprise' }),
    district: text('所在区', 20),
    fields: z
      .array(z.enum(PRIORITY_FIELDS, { error: '领域代码不正确' }))
      .min(1, { error: '请至少选择一个领域' })
      .max(PRIORITY_FIELDS.length)
      .refine((f) => new Set(f).size === f.length, { error: '领域不能重复' }),
    lab: z.strictObject({ name: text('实验室名称', 100), level: z.enum(LAB_LEVELS, { error: '请选择实验室类别' }) }),
    conditions: z.strictObject(
      Object.fromEntries(UNIT_APPLICATION_CONDITIONS.map((c) => [c, conditionSchema])) as Record<UnitApplicationCondition, typeof conditionSchema>,
      { error: '请逐项说明第六条的六项条件' },
    ),
    instruments: z.array(instrumentSchema).min(1, { error: '请至少列出一台（套）开放的仪器设施' }).max(50, { error: '一次最多列出50台（套）仪器设施' }),
    contact: z.strictObject({
      name: text('联系人', 30),
      phone: z.string().trim().regex(/^[0-9+\-() ]{7,20}$/, { error: '联系电话格式不正确' }),
      email: z.email({ error: '邮箱格式不正确' }).max(100).nullable().default(null),
    }),
  })
  .superRefine((a, ctx) => {
    // 第六条 "在京注册的独立法人": a valid code (as for enterprises) registered in Beijing.
    const r = validateCreditCode(a.creditCode);
    if (!r.valid) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: r.message, params: { reason: r.code } });
    else if (!r.isBeijing) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '统一社会信用代码显示非北京注册，第六条要求在京注册', params: { reason: 'NOT_BEIJING' } });
    // Each instrument must make a valid catalogue service once the unit joins (the catalogue's own rules).
    a.instruments.forEach((i, n) => {
      const s = serviceInputSchema.safeParse(seedServiceInput(PLACEHOLDER_LAB, i));
      if (!s.success) for (const issue of s.error.issues) ctx.addIssue({ code: 'custom', path: ['instruments', n, ...issue.path.map(String)], message: issue.message });
    });
  }) satisfies z.ZodType<UnitApplicationWire>;
export type UnitApplicationInput = z.infer<typeof unitApplicationInputSchema>;
type InstrumentInput = UnitApplicationInput['instruments'][number];

export const requestInfoSchema = z.strictObject({ message: textSchema('需补充的内容', { max: 1000, multiline: true }) }) satisfies z.ZodType<RequestInfoInput>;
export const refuseSchema = z.strictObject({ reason: textSchema('不予通过的理由', { max: 1000, multiline: true }) }) satisfies z.ZodType<RefuseApplicationInput>;
export const approveSchema = z.strictObject({
  startDay: z.string().refine(isIsoDay, { error: '日期格式应为 YYYY-MM-DD' }).optional().describe('First day of the public notice (Beijing); default today'),
  title: textSchema('公示标题', { max: 100 }).optional(),
}).default({});

function seedServiceInput(labId: string, i: InstrumentInput) {
  return {
    labId,
    name: i.name,
    category: i.category,
    instrument: { name: i.name, model: i.model, maker: i.maker },
    description: '',
    priceFen: yuanToFen(i.priceYuan),
    priceUnit: i.priceUnit,
    leadTimeDays: i.leadTimeDays,
    compute: i.compute,
  };
}

export interface ApplicationFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: Date;
}

export interface UnitApplicationDoc {
  _id: string;
  userId: string;
  status: UnitApplicationStatus;
  /** Normalised code; `liveCode` carries it while the application is live (unique sparse index). */
  creditCode: string;
  liveCode?: string;
  name: string;
  kind: UnitApplicationInput['kind'];
  district: string;
  fields: UnitApplicationInput['fields'];
  lab: UnitApplicationInput['lab'];
  conditions: Record<UnitApplicationCondition, { statement: string; fileIds: string[] }>;
  instruments: {
    name: string;
    model: string | null;
    maker: string | null;
    originalValueFen: number;
    category: InstrumentInput['category'];
    priceFen: number;
    priceUnit: InstrumentInput['priceUnit'];
    leadTimeDays: number;
    compute: { gpuModel: string; cards: number } | null;
  }[];
  contact: { name: string; phone: string; email: string | null };
  files: ApplicationFile[];
  adminMessage: string | null;
  notice: { noticeId: string; itemId: string; startDay: IsoDay; endDay: IsoDay } | null;
  unitId: string | null;
  history: { event: UnitApplicationEvent['event']; at: Date; by: string; message: string | null }[];
  submittedAt: Date;
  updatedAt: Date;
}

export const UNIT_APPLICATIONS: CollectionSpec = {
  name: 'unit_applications',
  indexes: [
    { fields: ['liveCode'], unique: true, sparse: true },
    { fields: ['userId', 'submittedAt'] },
    { fields: ['status', 'submittedAt'] },
    { fields: ['unitId'] },
  ],
};

export function applicationView(a: UnitApplicationDoc): UnitApplicationView {
  return {
    id: a._id,
    status: a.status,
    statusLabel: UNIT_APPLICATION_STATUS_LABELS[a.status],
    name: a.name,
    creditCode: a.creditCode,
    kind: a.kind,
    district: a.district,
    fields: a.fields,
    lab: a.lab,
    conditions: a.conditions,
    instruments: a.instruments.map((i) => ({ ...i })),
    totalOriginalValueFen: a.instruments.reduce((n, i) => n + i.originalValueFen, 0),
    contact: a.contact,
    files: a.files.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })),
    adminMessage: a.adminMessage,
    notice: a.notice,
    unitId: a.unitId,
    history: a.history.map((h) => ({ event: h.event, at: h.at.toISOString(), message: h.message })),
    submittedAt: a.submittedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export class UnitJoining {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly openUnits: OpenUnits,
    private readonly invites: Invites,
    private readonly catalogue: Catalogue,
    private readonly notices: Notices,
    private readonly evidence: Evidence,
    private readonly log: DecisionLog,
    private readonly isStaff: (userId: string) => Promise<boolean>,
  ) {
    notices.handle(UNIT_APPLICATION_NOTICE_KIND, {
      cleared: (item, notice) => this.cleared(item, notice),
      upheld: (item, objection, reason, by) => this.upheld(item, objection, reason, by),
      objection: (item, objection, event) => this.objection(item, objection, event),
    });
  }

  private get col() {
    return this.store.collection<UnitApplicationDoc>(UNIT_APPLICATIONS);
  }

  private async require(id: string): Promise<UnitApplicationDoc> {
    const a = await this.col.findById(id);
    if (!a) throw new DomainError('NOT_FOUND', '找不到该入库申请');
    return a;
  }

  /** An application in a notice whose end day has passed (it may be cleared: the unit created). */
  private noticeEnded(a: UnitApplicationDoc): boolean {
    return a.status === 'in_notice' && a.notice !== null && a.notice.endDay < shanghaiDay(this.clock.now());
  }

  /**
   * Notices have no timer: an application whose notice has ended is settled (notices.settle, idempotent:
   * cleared items create their units) before it is read, as payment batches settle before reading payables.
   */
  private async settled(a: UnitApplicationDoc | null): Promise<UnitApplicationDoc | null> {
    if (!a || !this.noticeEnded(a)) return a;
    await this.notices.settle();
    return this.col.findById(a._id);
  }

  /** The applicant's own, or any for an administrator; 404 to anyone else (ids cannot be probed). */
  async visible(id: string, who: { userId: string; isAdmin: boolean }): Promise<UnitApplicationDoc> {
    const a = await this.settled(await this.col.findById(id));
    if (!a || (!who.isAdmin && a.userId !== who.userId)) throw new DomainError('NOT_FOUND', '找不到该入库申请');
    return a;
  }

  /** The applicant's own, changed by them only: 404 to whoever may not see it, 403 to administrators. */
  private async own(id: string, who: { userId: string; isAdmin: boolean }): Promise<UnitApplicationDoc> {
    const a = await this.col.findById(id);
    if (a && a.userId === who.userId) return a;
    if (a && who.isAdmin) throw new DomainError('FORBIDDEN', '入库申请只能由申请人修改');
    throw new DomainError('NOT_FOUND', '找不到该入库申请');
  }

  async mine(userId: string): Promise<UnitApplicationDoc[]> {
    const found = await this.col.find({ userId }, { sort: { submittedAt: -1 }, limit: 100 });
    if (!found.some((a) => this.noticeEnded(a))) return found;
    await this.notices.settle();
    return this.col.find({ userId }, { sort: { submittedAt: -1 }, limit: 100 });
  }

  async list(status?: UnitApplicationStatus): Promise<UnitApplicationDoc[]> {
    if (await this.col.count({ status: 'in_notice', 'notice.endDay': { $lt: shanghaiDay(this.clock.now()) } })) await this.notices.settle();
    return this.col.find(status ? { status } : {}, { sort: { submittedAt: 1 }, limit: 500 });
  }

  private fields(input: UnitApplicationInput, files: ApplicationFile[]) {
    const known = new Set(files.map((f) => f.id));
    for (const c of UNIT_APPLICATION_CONDITIONS) {
      const unknown = input.conditions[c].fileIds.filter((f) => !known.has(f));
      if (unknown.length) throw new DomainError('NOT_FOUND', '找不到所列的证明文件，请先上传', { condition: c, fileIds: unknown });
    }
    return {
      name: input.name,
      creditCode: validateCreditCode(input.creditCode).normalized,
      kind: input.kind,
      district: input.district,
      fields: input.fields,
      lab: input.lab,
      conditions: input.conditions,
      instruments: input.instruments.map((i) => ({
        name: i.name,
        model: i.model,
        maker: i.maker,
        originalValueFen: yuanToFen(i.originalValueYuan),
        category: i.category,
        priceFen: yuanToFen(i.priceYuan),
        priceUnit: i.priceUnit,
        leadTimeDays: i.leadTimeDays,
        compute: i.compute,
      })),
      contact: input.contact,
    };
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.store.collection<{ _id: string; name: string }>(OPEN_UNITS).findOne({ name })) throw new DomainError('UNIT_NAME_TAKEN');
  }

  /** 第六条: a new application, submitted. */
  async apply(userId: string, input: UnitApplicationInput): Promise<UnitApplicationDoc> {
    if (await this.isStaff(userId)) throw new DomainError('ALREADY_BOUND', '您已绑定开放单位，不能再以新单位申请入库');
    await this.assertNameFree(input.name);
    const now = this.clock.now();
    const f = this.fields(input, []);
    const doc: UnitApplicationDoc = {
      _id: newId('ua'),
      userId,
      status: 'submitted',
      ...f,
      liveCode: f.creditCode,
      files: [],
      adminMessage: null,
      notice: null,
      unitId: null,
      history: [{ event: 'submitted', at: now, by: userId, message: null }],
      submittedAt: now,
      updatedAt: now,
    };
    try {
      await this.col.insert(doc);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'DUPLICATE') throw new DomainError('UNIT_APPLICATION_EXISTS');
      throw err;
    }
    await this.log.append('unit_application', doc._id, 'submitted', { id: userId, role: 'applicant' }, { name: doc.name, creditCode: doc.creditCode });
    return doc;
  }

  /** The applicant edits while it waits for the administrator; an info_requested one is resubmitted. */
  async edit(id: string, who: { userId: string; isAdmin: boolean }, input: UnitApplicationInput): Promise<UnitApplicationDoc> {
    const { userId } = who;
    const a = await this.own(id, who);
    if (a.status !== 'submitted' && a.status !== 'info_requested') throw new DomainError('UNIT_APPLICATION_STATE');
    if (input.name !== a.name) await this.assertNameFree(input.name);
    const now = this.clock.now();
    const f = this.fields(input, a.files);
    const event = a.status === 'info_requested' ? 'resubmitted' : 'submitted';
    let updated: UnitApplicationDoc | null;
    try {
      updated = await this.col.updateOne(
        { _id: id, status: a.status },
        {
          $set: { ...f, liveCode: f.creditCode, status: 'submitted', updatedAt: now },
          ...(event === 'resubmitted' ? { $push: { history: { event, at: now, by: userId, message: null } } } : {}),
        },
      );
    } catch (err) {
      if (err instanceof DomainError && err.code === 'DUPLICATE') throw new DomainError('UNIT_APPLICATION_EXISTS');
      throw err;
    }
    if (!updated) throw new DomainError('CONFLICT');
    await this.log.append('unit_application', id, event === 'resubmitted' ? 'resubmitted' : 'edited', { id: userId, role: 'applicant' }, { name: f.name });
    return updated;
  }

  /** Files for the conditions (PDF/JPEG/PNG, checked as evidence), kept with the application. */
  async addFiles(id: string, who: { userId: string; isAdmin: boolean }, files: IncomingFile[]): Promise<ApplicationFile[]> {
    const { userId } = who;
    const a = await this.own(id, who);
    if (a.status !== 'submitted' && a.status !== 'info_requested') throw new DomainError('UNIT_APPLICATION_STATE');
    const stored = await this.evidence.upload({ _id: id, voucherId: id }, files, userId);
    const facts = stored.map((d) => ({ id: d._id, filename: d.filename, contentType: d.contentType, size: d.sizeBytes, uploadedAt: d.uploadedAt }));
    for (const f of facts) await this.col.updateOne({ _id: id }, { $push: { files: f } });
    await this.log.append('unit_application', id, 'files_added', { id: userId, role: 'applicant' }, { fileIds: facts.map((f) => f.id) });
    return facts;
  }

  /** Before the body is read: the caller may add files (its own application, still open) and there is room. */
  async admitFiles(id: string, who: { userId: string; isAdmin: boolean }): Promise<void> {
    const a = await this.own(id, who);
    if (a.status !== 'submitted' && a.status !== 'info_requested') throw new DomainError('UNIT_APPLICATION_STATE');
    await this.evidence.admit({ _id: id });
  }

  async file(id: string, fileId: string, who: { userId: string; isAdmin: boolean }) {
    await this.visible(id, who);
    return this.evidence.file(id, fileId);
  }

  private async step(
    id: string,
    from: UnitApplicationStatus[],
    to: UnitApplicationStatus,
    set: Partial<UnitApplicationDoc> & Record<string, unknown>,
    history: UnitApplicationDoc['history'][number],
    actor: DecisionActor,
    payload: unknown,
  ): Promise<UnitApplicationDoc> {
    const a = await this.require(id);
    if (!from.includes(a.status)) throw new DomainError('UNIT_APPLICATION_STATE', undefined, { status: a.status });
    const updated = await this.col.updateOne(
      { _id: id, status: a.status },
      { $set: { ...set, status: to, updatedAt: this.clock.now() }, $push: { history } },
    );
    if (!updated) throw new DomainError('CONFLICT');
    await this.log.append('unit_application', id, history.event, actor, payload);
    return updated;
  }

  /** The administrator asks for more information (the applicant edits and resubmits). */
  requestInfo(id: string, message: string, by: string): Promise<UnitApplicationDoc> {
    const now = this.clock.now();
    return this.step(id, ['submitted'], 'info_requested', { adminMessage: message }, { event: 'info_requested', at: now, by, message }, { id: by, role: 'administrator' }, { message });
  }

  /** Refused with reasons (第六条 Decision). The credit code is free for a later application. */
  async refuse(id: string, reason: string, by: string): Promise<UnitApplicationDoc> {
    const now = this.clock.now();
    const a = await this.step(id, ['submitted', 'info_requested'], 'refused', { adminMessage: reason }, { event: 'refused', at: now, by, message: reason }, { id: by, role: 'administrator' }, { reason });
    return (await this.col.updateOne({ _id: id }, { $unset: { liveCode: true } })) ?? a;
  }

  /** Approved: into a public notice of 5 working days starting `startDay` (default today, Beijing). */
  async approve(id: string, input: { startDay?: IsoDay; title?: string }, by: string): Promise<UnitApplicationDoc> {
    const a = await this.require(id);
    if (a.status !== 'submitted') throw new DomainError('UNIT_APPLICATION_STATE', undefined, { status: a.status });
    await this.assertNameFree(a.name);
    const startDay = input.startDay ?? shanghaiDay(this.clock.now());
    const notice = await this.notices.publish(
      UNIT_APPLICATION_NOTICE_KIND,
      input.title ?? `开放单位入库公示：${a.name}`,
      startDay,
      [{ subjectId: a._id, display: this.display(a) }],
      by,
    );
    const itemId = (await this.notices.view(notice._id)).items[0].id;
    const now = this.clock.now();
    return this.step(
      id,
      ['submitted'],
      'in_notice',
      { adminMessage: null, notice: { noticeId: notice._id, itemId, startDay: notice.startDay, endDay: notice.endDay } },
      { event: 'approved', at: now, by, message: null },
      { id: by, role: 'administrator' },
      { noticeId: notice._id, startDay: notice.startDay, endDay: notice.endDay },
    );
  }

  /** What the public notice shows: the organisation's public facts (no contact, no statements). */
  private display(a: UnitApplicationDoc): NoticeItemDoc['display'] {
    return {
      unitName: a.name,
      creditCode: a.creditCode,
      kind: OPEN_UNIT_KIND_LABELS[a.kind],
      district: a.district,
      instruments: a.instruments.length,
      instrumentValueFen: a.instruments.reduce((n, i) => n + i.originalValueFen, 0),
    };
  }

  /** The notice ended with no open objection: the unit is created, its manager bound, its catalogue seeded. */
  private async cleared(item: NoticeItemDoc, notice: NoticeDoc): Promise<void> {
    const a = await this.require(item.subjectId);
    if (a.status !== 'in_notice') return;
    const system: DecisionActor = { id: 'system', role: 'system' };
    let unit;
    try {
      unit = await this.openUnits.add({
        name: a.name,
        kind: a.kind,
        district: a.district,
        region: 'beijing',
        mutualRecognition: false,
        contact: a.contact,
        description: null,
      });
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'DUPLICATE')) throw err;
      // A unit of the same name was added during the notice: the applicant renames and resubmits.
      const message = '公示期满，但已有同名的开放单位，请修改单位名称后重新提交';
      const now = this.clock.now();
      await this.col.updateOne(
        { _id: a._id, status: 'in_notice' },
        { $set: { status: 'info_requested', adminMessage: message, notice: null, updatedAt: now }, $push: { history: { event: 'info_requested', at: now, by: 'system', message } } },
      );
      await this.log.append('unit_application', a._id, 'join_failed', system, { noticeId: notice._id, reason: 'UNIT_NAME_TAKEN' });
      return;
    }
    let managerBound = true;
    try {
      await this.invites.bindDirectly(a.userId, unit._id, true, 'system');
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'ALREADY_BOUND')) throw err;
      managerBound = false;
    }
    const lab = await this.catalogue.addLab(unit._id, { name: a.lab.name, level: a.lab.level, fields: a.fields, description: null });
    const services: string[] = [];
    for (const i of a.instruments) {
      const input = serviceInputSchema.parse(seedServiceInput(lab._id, { ...i, originalValueYuan: i.originalValueFen / FEN_PER_YUAN, priceYuan: i.priceFen / FEN_PER_YUAN }));
      services.push((await this.catalogue.addService(unit._id, input))._id);
    }
    const now = this.clock.now();
    await this.col.updateOne(
      { _id: a._id, status: 'in_notice' },
      { $set: { status: 'joined', unitId: unit._id, updatedAt: now }, $push: { history: { event: 'joined', at: now, by: 'system', message: null } } },
    );
    await this.log.append('unit_application', a._id, 'joined', system, { noticeId: notice._id, endDay: notice.endDay, unitId: unit._id, labId: lab._id, services, managerBound });
  }

  /** An objection was upheld: back to the administrator, with the reason shown. */
  private async upheld(item: NoticeItemDoc, objection: ObjectionDoc, reason: string, by: string): Promise<void> {
    const now = this.clock.now();
    await this.col.updateOne(
      { _id: item.subjectId, status: 'in_notice' },
      { $set: { status: 'submitted', adminMessage: reason, notice: null, updatedAt: now }, $push: { history: { event: 'objection_upheld', at: now, by, message: reason } } },
    );
    await this.log.append('unit_application', item.subjectId, 'objection_upheld', { id: by, role: 'administrator' }, { noticeId: item.noticeId, objectionId: objection._id, reason });
  }

  private async objection(item: NoticeItemDoc, objection: ObjectionDoc, event: 'lodged' | 'dismissed'): Promise<void> {
    const now = this.clock.now();
    const by = event === 'lodged' ? objection.userId : (objection.resolution?.by ?? 'system');
    // The objection's text stays with the administrators (notices); the applicant sees that one was lodged.
    await this.col.updateOne(
      { _id: item.subjectId },
      { $push: { history: { event: `objection_${event}`, at: now, by, message: event === 'dismissed' ? (objection.resolution?.reason ?? null) : null } } },
    );
    await this.log.append('unit_application', item.subjectId, `objection_${event}`, { id: by, role: event === 'lodged' ? 'public' : 'administrator' }, {
      noticeId: item.noticeId,
      objectionId: objection._id,
      reason: event === 'lodged' ? objection.reason : objection.resolution?.reason,
    });
  }

  /** The instruments' value a unit declared when it applied (evaluation pre-fill), or null. */
  async knownInstrumentValueFen(unitId: string): Promise<number | null> {
    const a = await this.col.findOne({ unitId, status: 'joined' });
    return a ? a.instruments.reduce((n, i) => n + i.originalValueFen, 0) : null;
  }
}
