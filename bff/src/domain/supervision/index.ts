/**
 * Supervision (第十六、十七、十八条): misconduct cases and their measures, the sanctions lookup every door
 * asks, spot checks, and their files. docs/supervision.md describes the whole.
 */
import type { Applicants } from '../applicants';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Evidence, IncomingFile } from '../evidence';
import type { OpenUnits } from '../openUnits';
import type { Store } from '../../store';
import { Cases, type CaseDoc, type CaseFile, type OpenCaseInput } from './cases';
import { SupervisionLog } from './log';
import { Sanctions } from './sanctions';
import { SpotChecks, type CheckRecordInput } from './spotChecks';

export * from './cases';
export * from './sanctions';
export * from './spotChecks';
export { SupervisionLog, type SupervisionEvent } from './log';

export class Supervision {
  readonly log: SupervisionLog;
  readonly cases: Cases;
  readonly sanctions: Sanctions;
  readonly spotChecks: SpotChecks;

  constructor(
    store: Store,
    clock: Clock,
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
    this.spotChecks = new SpotChecks(store, clock, this.log, () => this.sanctions.hiddenUnits());
    // 第七条第四项: the platform's credit record joins the eligibility check (and its memo).
    applicants.usePlatformRecords({
      version: () => this.sanctions.version(),
      failuresOf: (a, day) => this.sanctions.platformFailures(a, day),
      refresh: () => this.sanctions.current(),
    });
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
