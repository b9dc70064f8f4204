/**
 * Misconduct cases (第十六条) and the measures decided on them (第十七条). See docs/supervision.md.
 *
 * An administrator opens a case against an applicant or an open unit: the misconduct (the closed list of
 * 第十六条, or `other` with a description), the vouchers, contracts and redemptions concerned, a summary and
 * evidence files. The decision lists one or more measures:
 *
 *   suspend_payments  payments to the party (and of the items concerned) are held until lifted
 *   recover_funds     funds already paid are recovered: the amount, and the day it was recovered
 *   ban               three-year ban (取消三年申报资格): from the Beijing day of the decision, inclusive, to
 *                     the day before its third anniversary, inclusive — decided 2026-12-05, lifted at
 *                     2029-12-05 00:00 Beijing (POLICY.md Decision)
 *   removal           removal (除名) of an open unit from the scheme; open units only
 *   credit_record     an entry in the credit record: 第七条第四项 fails for the applicant on the platform's own
 *                     knowledge, whatever its profile declares
 *   void_vouchers     作废所涉创新券: the concerned vouchers of the applicant that are still claimed (not used
 *                     in a registered contract) become void(misconduct); their amount is not returned
 *                     (index.ts does it through the voucher audit trail). Without it no voucher is touched.
 *
 * States: open → decided → (the party appeals, once) appealed → revised. The decision stays in force while
 * the appeal is heard; the revision replaces it (a ban kept in the revision keeps its original dates: it
 * runs from the day it was decided). Every step is written to the supervision log (log.ts) with who and
 * when. The enforcement at each door reads the measures through sanctions.ts.
 */
import { z } from 'zod';
import { addDays, addYears, isIsoDay, shanghaiDay, textSchema, MEASURE_KINDS, MISCONDUCT_KINDS, type IsoDay, type MeasureKind, type MisconductKind } from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { ID_PATTERN, newId } from '../ids';
import type { Collection, CollectionSpec, Store } from '../../store';
import type { Actor, SupervisionLog } from './log';

// 第十六条's closed list and 第十七条's measures: one list, shared with the screens (@kcq/shared).
export { MISCONDUCT_KINDS, MISCONDUCT_LABELS, MEASURE_KINDS, type MisconductKind, type MeasureKind } from '@kcq/shared';

export const BAN_YEARS = 3;

export type Measure =
  | { kind: 'suspend_payments'; lifted: { at: Date; by: string } | null }
  | { kind: 'recover_funds'; amountFen: number; recoveredOn: IsoDay | null; recordedBy: string | null }
  | {
      kind: 'ban';
      /** First Beijing day of the ban (the decision day). */
      from: IsoDay;
      /** The ban is lifted at 00:00 Beijing on this day (the third anniversary of `from`). */
      until: IsoDay;
    }
  | { kind: 'removal' }
  | { kind: 'credit_record' }
  | {
      kind: 'void_vouchers';
      /** The concerned vouchers this measure voided (filled in once they are voided). */
      voided: string[];
      /** Concerned vouchers left as they were: not the party's, or no longer claimed (registered, used, void). */
      skipped: string[];
    };

export interface Decision {
  at: Date;
  /** The Beijing day of the decision. */
  day: IsoDay;
  by: string;
  reason: string;
  measures: Measure[];
}

export type CaseParty =
  | { kind: 'applicant'; applicantId: string; name: string; creditCode: string | null }
  | { kind: 'open_unit'; unitId: string; name: string };

export type { CaseStatus } from '@kcq/shared';
import type { CaseStatus } from '@kcq/shared';

export interface CaseFile {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string;
}

export interface CaseDoc {
  _id: string;
  party: CaseParty;
  misconduct: { kind: MisconductKind; text: string | null }[];
  concerned: { voucherIds: string[]; contractIds: string[]; redemptionIds: string[] };
  summary: string;
  files: CaseFile[];
  /** The spot check item this case came from, if any (第十八条). */
  origin: { spotCheckId: string; itemId: string } | null;
  status: CaseStatus;
  openedAt: Date;
  openedBy: string;
  decision: Decision | null;
  appeal: { at: Date; by: string; reason: string } | null;
  /** Decisions replaced by a revision, oldest first. */
  previousDecisions: Decision[];
  updatedAt: Date;
  version: number;
}

export const CASES: CollectionSpec = {
  name: 'misconduct_cases',
  indexes: [{ fields: ['party.applicantId'] }, { fields: ['party.unitId'] }, { fields: ['status'] }],
};

// --- input --------------------------------------------------------------------------------------------

const idOf = z.string().regex(ID_PATTERN, { error: '编号格式不正确' });
const ids = z.array(idOf).max(100).default([]);

export const openCaseSchema = z.strictObject({
  party: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('applicant'), applicantId: idOf }),
    z.strictObject({ kind: z.literal('open_unit'), unitId: idOf }),
  ]),
  misconduct: z
    .array(
      z.strictObject({
        kind: z.enum(MISCONDUCT_KINDS),
        text: textSchema('违规行为说明', { max: 500, required: false, multiline: true }).optional(),
      }),
    )
    .min(1, { error: '请选择至少一项违规行为' })
    .max(MISCONDUCT_KINDS.length)
    .superRefine((list, ctx) => {
      list.forEach((m, i) => {
        if (m.kind === 'other' && !m.text) ctx.addIssue({ code: 'custom', path: [i, 'text'], message: '“其他违规行为”请填写说明' });
      });
    }),
  concerned: z.strictObject({ voucherIds: ids, contractIds: ids, redemptionIds: ids }).optional(),
  summary: textSchema('案情摘要', { max: 2000, multiline: true }),
});
export type OpenCaseInput = z.infer<typeof openCaseSchema>;

export const decisionSchema = z.strictObject({
  reason: textSchema('处理决定理由', { max: 2000, multiline: true }),
  measures: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('suspend_payments') }),
        z.strictObject({
          kind: z.literal('recover_funds'),
          amountFen: z.number().int({ error: '追回金额应为整数（分）' }).min(1, { error: '追回金额应大于0' }).max(100_000_000_000),
        }),
        z.strictObject({ kind: z.literal('ban') }),
        z.strictObject({ kind: z.literal('removal') }),
        z.strictObject({ kind: z.literal('credit_record') }),
        z.strictObject({ kind: z.literal('void_vouchers') }),
      ]),
    )
    .max(MEASURE_KINDS.length)
    .refine((list) => new Set(list.map((m) => m.kind)).size === list.length, { error: '每种处理措施只能选择一次' }),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

export const appealSchema = z.strictObject({ reason: textSchema('申诉理由', { max: 2000, multiline: true }) });

export const measureActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('lift_suspension') }),
  z.strictObject({
    action: z.literal('record_recovery'),
    recoveredOn: z.string().refine(isIsoDay, { error: '日期格式应为 YYYY-MM-DD' }),
  }),
]);
export type MeasureAction = z.infer<typeof measureActionSchema>;

// --- the ban's dates -------------------------------------------------------------------------------------

/** POLICY.md Decision: from the decision day (inclusive) to the day before its third anniversary (inclusive). */
export function banDates(decisionDay: IsoDay): { from: IsoDay; until: IsoDay; lastDay: IsoDay } {
  const until = addYears(decisionDay, BAN_YEARS);
  return { from: decisionDay, until, lastDay: addDays(until, -1) };
}

/** Is the ban in force on this Beijing day? */
export function banActive(m: { from: IsoDay; until: IsoDay }, today: IsoDay): boolean {
  return m.from <= today && today < m.until;
}

// --- the service -----------------------------------------------------------------------------------------

/** What opening a case needs to know about its party (wired to Applicants and OpenUnits). */
export interface PartyLookup {
  applicant(id: string): Promise<{ _id: string; creditCode?: string; profile: { name: string } } | null>;
  unit(id: string): Promise<{ _id: string; name: string } | null>;
}

export type CaseListener = (c: CaseDoc) => void;

export class Cases {
  private readonly col: Collection<CaseDoc>;
  private readonly listeners: CaseListener[] = [];

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly log: SupervisionLog,
    private readonly parties: PartyLookup,
  ) {
    this.col = store.collection<CaseDoc>(CASES);
  }

  /** Told after every write (sanctions.ts drops its index). */
  onChange(listener: CaseListener): void {
    this.listeners.push(listener);
  }

  get collection(): Collection<CaseDoc> {
    return this.col;
  }

  async require(id: string): Promise<CaseDoc> {
    const c = await this.col.findById(id);
    if (!c) throw new DomainError('NOT_FOUND', '找不到该违规案件');
    return c;
  }

  list(filter: { applicantId?: string; unitId?: string; status?: CaseStatus } = {}): Promise<CaseDoc[]> {
    const f: Record<string, unknown> = {};
    if (filter.applicantId) f['party.applicantId'] = filter.applicantId;
    if (filter.unitId) f['party.unitId'] = filter.unitId;
    if (filter.status) f.status = filter.status;
    return this.col.find(f, { sort: { openedAt: -1 }, limit: 500 });
  }

  /** Cases against the caller's applicant or open unit (the party sees its own cases, to appeal them). */
  async ofParty(applicantId: string | null, unitId: string | null): Promise<CaseDoc[]> {
    const or: Record<string, unknown>[] = [];
    if (applicantId) or.push({ 'party.applicantId': applicantId });
    if (unitId) or.push({ 'party.unitId': unitId });
    if (or.length === 0) return [];
    return this.col.find({ $or: or }, { sort: { openedAt: -1 }, limit: 200 });
  }

  async open(input: OpenCaseInput, by: string, origin: CaseDoc['origin'] = null): Promise<CaseDoc> {
    let party: CaseParty;
    if (input.party.kind === 'applicant') {
      const a = await this.parties.applicant(input.party.applicantId);
      if (!a) throw new DomainError('NOT_FOUND', '找不到该申领主体');
      // The credit code at the time of the case: a ban follows the enterprise, not only the record.
      party = { kind: 'applicant', applicantId: a._id, name: a.profile.name, creditCode: a.creditCode ?? null };
    } else {
      const u = await this.parties.unit(input.party.unitId);
      if (!u) throw new DomainError('NOT_FOUND', '找不到该开放单位');
      party = { kind: 'open_unit', unitId: u._id, name: u.name };
    }
    const now = this.clock.now();
    const doc: CaseDoc = {
      _id: newId('mc'),
      party,
      misconduct: input.misconduct.map((m) => ({ kind: m.kind, text: m.text || null })),
      concerned: input.concerned ?? { voucherIds: [], contractIds: [], redemptionIds: [] },
      summary: input.summary,
      files: [],
      origin,
      status: 'open',
      openedAt: now,
      openedBy: by,
      decision: null,
      appeal: null,
      previousDecisions: [],
      updatedAt: now,
      version: 1,
    };
    await this.col.insert(doc);
    await this.log.append('case', doc._id, 'open', admin(by), input);
    this.changed(doc);
    return doc;
  }

  /** Evidence files stored by evidence.ts under the case's id; their facts are kept on the case. */
  async addFiles(id: string, files: CaseFile[], by: string): Promise<CaseDoc> {
    const c = await this.require(id);
    const updated = await this.write(c, { files: [...c.files, ...files] });
    await this.log.append('case', id, 'files', admin(by), files.map((f) => ({ id: f.id, sha256: f.sha256 })));
    return updated;
  }

  /**
   * 第十七条: the decision (case open) or, after the appeal, the revision. A first decision needs at least
   * one measure; a revision may lift them all (the appeal succeeded).
   */
  async decide(id: string, input: DecisionInput, by: string): Promise<CaseDoc> {
    const c = await this.require(id);
    const revising = c.status === 'appealed';
    if (c.status !== 'open' && !revising) {
      throw new DomainError('CASE_STATE', c.status === 'decided' ? '该案件已作出处理决定；当事方申诉后方可复核' : undefined, { status: c.status });
    }
    if (!revising && input.measures.length === 0) {
      throw new DomainError('VALIDATION_FAILED', '提交的信息有误：请选择至少一项处理措施（第十七条）', {
        fields: [{ path: 'body.measures', code: 'too_small', message: '请选择至少一项处理措施（第十七条）' }],
      });
    }
    if (c.party.kind !== 'open_unit' && input.measures.some((m) => m.kind === 'removal')) {
      throw new DomainError('VALIDATION_FAILED', '提交的信息有误：除名只适用于开放单位（第十七条）', {
        fields: [{ path: 'body.measures', code: 'custom', message: '除名只适用于开放单位（第十七条）' }],
      });
    }
    if (input.measures.some((m) => m.kind === 'void_vouchers')) {
      if (c.party.kind !== 'applicant') {
        throw new DomainError('VALIDATION_FAILED', '提交的信息有误：作废创新券只适用于申领单位（第十七条）', {
          fields: [{ path: 'body.measures', code: 'custom', message: '作废创新券只适用于申领单位（第十七条）' }],
        });
      }
      if (c.concerned.voucherIds.length === 0 && !(c.decision?.measures ?? []).some((m) => m.kind === 'void_vouchers')) {
        throw new DomainError('VALIDATION_FAILED', '提交的信息有误：案件未列出所涉创新券，无券可作废（第十七条）', {
          fields: [{ path: 'body.measures', code: 'custom', message: '案件未列出所涉创新券，无券可作废（第十七条）' }],
        });
      }
    }
    const now = this.clock.now();
    const day = shanghaiDay(now);
    const before = c.decision?.measures ?? [];
    const measures: Measure[] = input.measures.map((m): Measure => {
      const kept = before.find((b) => b.kind === m.kind);
      switch (m.kind) {
        case 'suspend_payments':
          return kept?.kind === 'suspend_payments' ? kept : { kind: 'suspend_payments', lifted: null };
        case 'recover_funds':
          return kept?.kind === 'recover_funds' && kept.amountFen === m.amountFen
            ? kept
            : { kind: 'recover_funds', amountFen: m.amountFen, recoveredOn: null, recordedBy: null };
        case 'ban': {
          // A ban kept by the revision runs from the day it was first decided.
          if (kept?.kind === 'ban') return kept;
          const { from, until } = banDates(day);
          return { kind: 'ban', from, until };
        }
        case 'removal':
          return { kind: 'removal' };
        case 'credit_record':
          return { kind: 'credit_record' };
        case 'void_vouchers':
          // Voiding is done once; a revision that keeps it keeps what was voided.
          return kept?.kind === 'void_vouchers' ? kept : { kind: 'void_vouchers', voided: [], skipped: [] };
      }
    });
    const decision: Decision = { at: now, day, by, reason: input.reason, measures };
    const updated = await this.write(c, {
      status: revising ? 'revised' : 'decided',
      decision,
      previousDecisions: revising && c.decision ? [...c.previousDecisions, c.decision] : c.previousDecisions,
    });
    await this.log.append('case', id, revising ? 'revise' : 'decide', admin(by), { ...input, measures });
    return updated;
  }

  /** The party appeals the decision, once (第十七条: the decision may be revised). */
  async appeal(id: string, party: { applicantId: string | null; unitId: string | null; userId: string }, reason: string): Promise<CaseDoc> {
    const c = await this.require(id);
    const role = partyRole(c, party);
    // Someone else's case is not known to exist.
    if (!role) throw new DomainError('NOT_FOUND', '找不到该违规案件');
    if (c.status !== 'decided' || c.appeal) {
      throw new DomainError('CASE_STATE', c.appeal ? '每个案件只能申诉一次' : '案件尚未作出处理决定，不能申诉', { status: c.status });
    }
    const updated = await this.write(c, { status: 'appealed', appeal: { at: this.clock.now(), by: party.userId, reason } });
    await this.log.append('case', id, 'appeal', { id: party.userId, role }, { reason });
    return updated;
  }

  /** Lifting a payment suspension, or recording the day funds were recovered. */
  async measure(id: string, action: MeasureAction, by: string): Promise<CaseDoc> {
    const c = await this.require(id);
    const measures = c.decision?.measures ?? [];
    const kind: MeasureKind = action.action === 'lift_suspension' ? 'suspend_payments' : 'recover_funds';
    const m = measures.find((x) => x.kind === kind);
    if (!c.decision || !m) throw new DomainError('CASE_STATE', '处理决定中没有该项措施', { status: c.status });
    let next: Measure;
    if (m.kind === 'suspend_payments') {
      if (m.lifted) throw new DomainError('CASE_STATE', '暂停拨付已解除');
      next = { ...m, lifted: { at: this.clock.now(), by } };
    } else if (m.kind === 'recover_funds' && action.action === 'record_recovery') {
      if (action.recoveredOn > shanghaiDay(this.clock.now())) {
        throw new DomainError('VALIDATION_FAILED', '提交的信息有误：追回日期不能晚于今天', {
          fields: [{ path: 'body.recoveredOn', code: 'custom', message: '追回日期不能晚于今天' }],
        });
      }
      next = { ...m, recoveredOn: action.recoveredOn, recordedBy: by };
    } else {
      throw new DomainError('CASE_STATE');
    }
    const decision: Decision = { ...c.decision, measures: measures.map((x) => (x === m ? next : x)) };
    const updated = await this.write(c, { decision });
    await this.log.append('case', id, action.action, admin(by), action);
    return updated;
  }

  /** Records what the void_vouchers measure voided (index.ts voids them after the decision is written). */
  async recordVoided(id: string, voided: string[], skipped: string[], by: string): Promise<CaseDoc> {
    const c = await this.require(id);
    if (!c.decision) throw new DomainError('CASE_STATE');
    const measures = c.decision.measures.map((m): Measure => (m.kind === 'void_vouchers' ? { kind: 'void_vouchers', voided, skipped } : m));
    const updated = await this.write(c, { decision: { ...c.decision, measures } });
    await this.log.append('case', id, 'void_vouchers', admin(by), { voided, skipped });
    return updated;
  }

  history(id: string) {
    return this.log.list(id);
  }

  private async write(c: CaseDoc, set: Partial<CaseDoc>): Promise<CaseDoc> {
    const updated = await this.col.updateOne(
      { _id: c._id, version: c.version },
      { $set: { ...set, updatedAt: this.clock.now() }, $inc: { version: 1 } },
    );
    if (!updated) throw new DomainError('CONFLICT');
    this.changed(updated);
    return updated;
  }

  private changed(c: CaseDoc): void {
    for (const l of this.listeners) l(c);
  }
}

const admin = (id: string): Actor => ({ id, role: 'administrator' });

function partyRole(c: CaseDoc, p: { applicantId: string | null; unitId: string | null }): Actor['role'] | null {
  if (c.party.kind === 'applicant' && p.applicantId === c.party.applicantId) return 'applicant';
  if (c.party.kind === 'open_unit' && p.unitId === c.party.unitId) return 'open_unit';
  return null;
}
