/**
 * Supervision (第十六、十七、十八条): misconduct cases and their measures, the sanctions lookup every door
 * asks, spot checks, and their files. docs/supervision.md describes the whole.
 */
import { addDays, shanghaiDay, type MySanction } from '@kcq/shared';
import type { Applicants } from '../applicants';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Evidence, IncomingFile } from '../evidence';
import type { OpenUnits } from '../openUnits';
import type { Store } from '../../store';
import type { Vouchers } from '../vouchers';
import { banActive, Cases, MISCONDUCT_LABELS, type CaseDoc, type CaseFile, type DecisionInput, type OpenCaseInput } from './cases';
import { SupervisionLog } from './log';
import { PartyFinder } from './parties';
import { Sanctions } from './sanctions';
import { SpotChecks, type CheckRecordInput } from './spotChecks';

export * from './cases';
export * from './sanctions';
export * from './spotChecks';
export { SupervisionLog, type SupervisionEvent } from './log';
export { PartyFinder, type PartyMatch, type PartyItems, type SubjectView } from './parties';

export class Supervision {
  readonly log: SupervisionLog;
  readonly cases: Cases;
  readonly sanctions: Sanctions;
  readonly spotChecks: SpotChecks;
  /** Finding a case's party and the items concerned (the administrators' case form). */
  readonly parties: PartyFinder;
  private vouchers: Pick<Vouchers, 'voidForMisconduct' | 'get'> | null = null;

  constructor(
    store: Store,
    private readonly clock: Clock,
    applicants: Applicants,
    openUnits: OpenUnits,
    /**
     * Files of cases and checks are kept by the evidence module (type sniffing, SHA-256, size bounds,
     * disk or GridFS) under the case's or the check's id in place of a contract id.
     */
    private readonly evidence: Evidence,
  ) {
    this.log = new SupervisionLog(store, clock);
    this.cases = new Cases(store, clock, this.log, { applicant: (id) => applicants.get(id), unit: (id) => openUnits.get(id) });
    this.sanctions = new Sanctions(this.cases, clock, (id) => applicants.get(id));
    this.parties = new PartyFinder(store, clock);
    this.spotChecks = new SpotChecks(store, clock, this.log, () => this.sanctions.hiddenUnits());
    // 第七条第四项: the platform's credit record joins the eligibility check (and its memo).
    applicants.usePlatformRecords({
      version: () => this.sanctions.version(),
      failuresOf: (a, day) => this.sanctions.platformFailures(a, day),
      refresh: () => this.sanctions.current(),
    });
  }

  /** The vouchers a void_vouchers measure voids (services.ts wires it; the voucher module keeps their audit trail). */
  voidVouchersWith(vouchers: Pick<Vouchers, 'voidForMisconduct' | 'get'>): void {
    this.vouchers = vouchers;
  }

  /**
   * 第十七条: the decision (or, after the appeal, the revision). With void_vouchers, the case's concerned
   * vouchers that belong to the party and are still claimed become void(misconduct), each through the
   * voucher audit trail; the others are listed as skipped. Without it no voucher is touched.
   */
  async decide(id: string, input: DecisionInput, by: string): Promise<CaseDoc> {
    const decided = await this.cases.decide(id, input, by);
    const m = decided.decision?.measures.find((x) => x.kind === 'void_vouchers');
    if (!m || m.kind !== 'void_vouchers' || m.voided.length > 0 || m.skipped.length > 0 || decided.party.kind !== 'applicant') return decided;
    if (!this.vouchers) throw new Error('supervision: voidVouchersWith() was not wired');
    const voided: string[] = [];
    const skipped: string[] = [];
    for (const voucherId of decided.concerned.voucherIds) {
      const v = await this.vouchers.get(voucherId);
      const done = v && v.applicantId === decided.party.applicantId ? await this.vouchers.voidForMisconduct(voucherId, id, { id: by, role: 'administrator' }) : null;
      (done ? voided : skipped).push(voucherId);
    }
    return this.cases.recordVoided(id, voided, skipped, by);
  }

  /**
   * What GET /api/me shows a party (第十七条): its decided cases that still bind it (a ban in force, a
   * credit record, a removal, payments held, funds to recover) or that it may still appeal.
   */
  async partySanctions(applicantId: string | null, unitId: string | null): Promise<MySanction[]> {
    const today = shanghaiDay(this.clock.now());
    const out: MySanction[] = [];
    for (const c of await this.cases.ofParty(applicantId, unitId)) {
      if (!c.decision || c.status === 'open') continue;
      let ban: MySanction['ban'] = null;
      let creditRecord = false;
      let removal = false;
      let paymentsSuspended = false;
      let recovery: MySanction['recovery'] = null;
      let voidedVoucherIds: string[] = [];
      for (const m of c.decision.measures) {
        if (m.kind === 'ban' && banActive(m, today)) ban = { from: m.from, lastDay: addDays(m.until, -1), until: m.until };
        else if (m.kind === 'credit_record') creditRecord = true;
        else if (m.kind === 'removal') removal = true;
        else if (m.kind === 'suspend_payments') paymentsSuspended = !m.lifted;
        else if (m.kind === 'recover_funds') recovery = { amountFen: m.amountFen, recoveredOn: m.recoveredOn };
        else if (m.kind === 'void_vouchers') voidedVoucherIds = m.voided;
      }
      const canAppeal = c.status === 'decided' && !c.appeal;
      const binding = ban || creditRecord || removal || paymentsSuspended || (recovery && !recovery.recoveredOn);
      if (!binding && !canAppeal) continue;
      out.push({
        caseId: c._id,
        party: c.party.kind,
        partyName: c.party.name,
        status: c.status,
        decidedOn: c.decision.day,
        reason: c.decision.reason,
        misconduct: c.misconduct.map((x) => (x.kind === 'other' && x.text ? `${MISCONDUCT_LABELS.other}：${x.text}` : MISCONDUCT_LABELS[x.kind])),
        ban,
        creditRecord,
        removal,
        paymentsSuspended,
        recovery,
        voidedVoucherIds,
        appeal: c.appeal ? { at: c.appeal.at.toISOString(), reason: c.appeal.reason } : null,
        canAppeal,
      });
    }
    return out;
  }

  /** Stores uploaded files under `ownerId` (a case or a spot check) and returns their facts. */
  async storeFiles(ownerId: string, files: IncomingFile[], by: string): Promise<CaseFile[]> {
    const stored = await this.evidence.upload({ _id: ownerId, voucherId: ownerId }, files, by);
    return stored.map((d) => ({
      id: d._id,
      filename: d.filename,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      uploadedAt: d.uploadedAt,
      uploadedBy: d.uploadedBy,
    }));
  }

  /** Room for files under `ownerId`, checked before a body is read. */
  admitFiles(ownerId: string): Promise<void> {
    return this.evidence.admit({ _id: ownerId });
  }

  async addCaseFiles(caseId: string, files: IncomingFile[], by: string): Promise<CaseDoc> {
    await this.cases.require(caseId);
    return this.cases.addFiles(caseId, await this.storeFiles(caseId, files, by), by);
  }

  /** One file of a case or a spot check, checked against its SHA-256. */
  file(ownerId: string, fileId: string) {
    return this.evidence.file(ownerId, fileId);
  }

  /** One file of a sampled item's check record (it must be cited by that item's record). */
  async checkFile(checkId: string, itemId: string, fileId: string) {
    const { item } = await this.spotChecks.item(checkId, itemId);
    if (!item.check?.fileIds.includes(fileId)) throw new DomainError('NOT_FOUND', '找不到该抽查的文件');
    return this.evidence.file(checkId, fileId);
  }

  async uploadCheckFiles(checkId: string, files: IncomingFile[], by: string): Promise<CaseFile[]> {
    await this.spotChecks.require(checkId);
    return this.storeFiles(checkId, files, by);
  }

  /** A check record for a sampled item; its files must have been uploaded to this spot check. */
  async recordCheck(checkId: string, itemId: string, input: CheckRecordInput, by: string) {
    const known = new Set((await this.evidence.ofContract(checkId)).map((f) => f._id));
    const unknown = input.fileIds.filter((f) => !known.has(f));
    if (unknown.length) throw new DomainError('NOT_FOUND', '找不到该抽查的文件', { fileIds: unknown });
    return this.spotChecks.record(checkId, itemId, input, by);
  }

  /** 第十八条: a sampled item opens a misconduct case against its party (the redemption's unit by default). */
  async openCaseFromCheck(checkId: string, itemId: string, input: OpenCaseInput, by: string): Promise<CaseDoc> {
    const { item } = await this.spotChecks.item(checkId, itemId);
    if (item.caseId) throw new DomainError('CASE_STATE', '该抽查对象已立案', { caseId: item.caseId });
    const concerned = input.concerned ?? { voucherIds: [], contractIds: [], redemptionIds: [] };
    if (item.subject === 'redemption' && !concerned.redemptionIds.includes(item.subjectId)) concerned.redemptionIds.push(item.subjectId);
    const c = await this.cases.open({ ...input, concerned }, by, { spotCheckId: checkId, itemId });
    await this.spotChecks.linkCase(checkId, itemId, c._id, by);
    return c;
  }
}
