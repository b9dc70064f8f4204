/**
 * Evidence for a redemption application (第十五条3: 在线提交相关证明材料). Files arrive through the BFF,
 * are checked and stored with their SHA-256 (第十八条: what was submitted can be proven later).
 *
 * - Types: PDF, JPEG, PNG — decided from the file's first bytes (magic numbers); a declared type that is
 *   not one of these, or that the bytes contradict, is refused (415 EVIDENCE_TYPE_NOT_ALLOWED). A
 *   declared type that says nothing (none, application/octet-stream: WeChat's uploadFile does not
 *   document the part's type) leaves the decision to the bytes.
 * - Size: at most 10 MB a file (413 EVIDENCE_TOO_LARGE), 5 files a request (400 EVIDENCE_TOO_MANY), at
 *   least one (400 EVIDENCE_REQUIRED).
 * - Storage is bounded (issue #14: one contract had reached 18 files / 62 MB in a few requests): a contract
 *   holds at most EVIDENCE_MAX_FILES_PER_CONTRACT files (20; 409 EVIDENCE_CONTRACT_FILES_LIMIT) and
 *   EVIDENCE_MAX_BYTES_PER_CONTRACT bytes (50 MB; 409 EVIDENCE_CONTRACT_BYTES_LIMIT), the messages naming
 *   the limit and what the contract already holds; once a redemption application is submitted its
 *   evidence is what was submitted (第十八条), so uploads stop (409 EVIDENCE_UPLOAD_CLOSED) whatever
 *   its status: no status returns an application for more evidence, and a rejection is final (the voucher
 *   is rejected, the contract cannot apply again), so files added afterwards could serve nothing;
 *   a disk that would keep less than EVIDENCE_MIN_FREE_BYTES free refuses
 *   (507 STORAGE_FULL) rather than fill up under the store's own files.
 *   `admit` checks what it can before the body is read (a refused upload is not buffered first);
 *   `upload` checks again with the real sizes, one upload per contract at a time in this process.
 * - 第九条3: evidence is as confidential as the project; the HTTP policy lets only the applicant, the
 *   unit's staff and administrators reach it (everyone else: 404).
 */
import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { newId } from './ids';
import type { Collection, CollectionSpec, Store } from '../store';
import type { EvidenceStorage } from '../store/files';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES_PER_REQUEST = 5;

/** The per-contract and disk bounds (config: EVIDENCE_MAX_FILES_PER_CONTRACT, …). */
export interface EvidenceLimits {
  maxFilesPerContract: number;
  maxBytesPerContract: number;
  /** 0: no free-space check. */
  minFreeBytes: number;
}

export const DEFAULT_EVIDENCE_LIMITS: EvidenceLimits = {
  maxFilesPerContract: 20,
  maxBytesPerContract: 50 * 1024 * 1024,
  minFreeBytes: 512 * 1024 * 1024,
};

/** The redemption status of a contract (null: none applied for); services.ts wires Redemptions here. */
export type RedemptionStatusOf = (contractId: string) => Promise<string | null>;

/**
 * Redemption statuses after which evidence may be added again: none today. A future "returned for more
 * evidence" status (补充材料) belongs here.
 */
const UPLOADS_REOPENED_BY = new Set<string>();

/** Bytes as the founder reads them: 50MB, 38.2MB, 0.4MB. */
export function formatMb(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (Number.isInteger(mb)) return `${mb}MB`;
  return `${Math.max(0.1, Math.round(mb * 10) / 10).toFixed(1)}MB`;
}
import { EVIDENCE_TYPES, normalizeText, textProblem, textProblemMessage, type EvidenceType, type EvidenceView } from '@kcq/shared';
export { EVIDENCE_TYPES, type EvidenceType, type EvidenceView } from '@kcq/shared';

export interface EvidenceDoc {
  _id: string;
  contractId: string;
  voucherId: string;
  filename: string;
  contentType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  /** Set when a redemption application cites it. */
  redemptionId: string | null;
}

export const EVIDENCE: CollectionSpec = { name: 'evidence', indexes: [{ fields: ['contractId', 'uploadedAt'] }] };

export interface IncomingFile {
  filename: string;
  declaredType: string;
  data: Buffer;
}


export const evidenceView = (e: EvidenceDoc): EvidenceView => ({
  id: e._id,
  filename: e.filename,
  contentType: e.contentType,
  sizeBytes: e.sizeBytes,
  sha256: e.sha256,
  uploadedAt: e.uploadedAt.toISOString(),
  redemptionId: e.redemptionId,
});

/** The type the bytes say, or null: %PDF-, FF D8 FF, 89 50 4E 47 0D 0A 1A 0A. */
export function sniffType(data: Buffer): EvidenceType | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

const DECLARED_ALIASES: Record<string, EvidenceType> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
};

/** Declared types that say nothing about the content: the bytes decide. */
const UNSPECIFIED_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * The free-text rule of every other field (textSchema, @kcq/shared) for the name the user picked: a name
 * with control characters, a bidi override (`\u202egnp.exe` displays as `exe.png`) or half a surrogate
 * pair is refused (400 VALIDATION_FAILED, the message naming the problem), not silently changed.
 */
function checkFileName(name: string): void {
  const problem = textProblem(normalizeText(name.split(/[\\/]/).pop() ?? ''));
  if (problem === null || problem === 'empty') return;
  const message = `${textProblemMessage('文件名', problem)}（请重命名文件后再上传）`;
  throw new DomainError('VALIDATION_FAILED', message, { fields: [{ path: 'files.filename', code: problem, message }] });
}

/** A file name safe to show and to put in Content-Disposition: no path, no control characters, NFC. */
function cleanName(name: string): string {
  const base = normalizeText(name.split(/[\\/]/).pop() ?? '');
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 120);
  return clean || 'evidence';
}

export class Evidence {
  private readonly col: Collection<EvidenceDoc>;
  private redemptionStatusOf: RedemptionStatusOf = async () => null;
  /** Uploads of one contract run one after another (the bounds are checked, then written). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    store: Store,
    private readonly clock: Clock,
    readonly storage: EvidenceStorage,
    readonly limits: EvidenceLimits = DEFAULT_EVIDENCE_LIMITS,
  ) {
    this.col = store.collection<EvidenceDoc>(EVIDENCE);
  }

  /** services.ts wires Redemptions here (Redemptions depends on this module, not the other way). */
  redemptionStatusFrom(lookup: RedemptionStatusOf): void {
    this.redemptionStatusOf = lookup;
  }

  /**
   * Uploads still open, room left on the contract and on the disk for `incoming` (before the body is
   * read: one file of at least one byte; inside upload: the checked files' real count and bytes).
   */
  async admit(contract: { _id: string }, incoming: { files: number; bytes: number } = { files: 1, bytes: 0 }): Promise<void> {
    const status = await this.redemptionStatusOf(contract._id);
    if (status !== null && !UPLOADS_REOPENED_BY.has(status)) {
      throw new DomainError('EVIDENCE_UPLOAD_CLOSED', undefined, { redemptionStatus: status });
    }
    const { maxFilesPerContract: maxFiles, maxBytesPerContract: maxBytes, minFreeBytes } = this.limits;
    const held = await this.col.find({ contractId: contract._id });
    const heldBytes = held.reduce((n, e) => n + e.sizeBytes, 0);
    if (held.length + incoming.files > maxFiles) {
      const left = Math.max(0, maxFiles - held.length);
      throw new DomainError(
        'EVIDENCE_CONTRACT_FILES_LIMIT',
        `每份合同最多上传${maxFiles}个证明材料，本合同已有${held.length}个` + (left > 0 ? `，还可上传${left}个` : ''),
        { maxFiles, files: held.length },
      );
    }
    if (heldBytes + Math.max(incoming.bytes, 1) > maxBytes) {
      throw new DomainError(
        'EVIDENCE_CONTRACT_BYTES_LIMIT',
        `每份合同的证明材料合计不超过${formatMb(maxBytes)}，本合同已有${formatMb(heldBytes)}` +
          (incoming.bytes > 0 ? `，本次${formatMb(incoming.bytes)}` : ''),
        { maxBytes, bytes: heldBytes },
      );
    }
    if (minFreeBytes > 0) {
      const free = await this.storage.freeBytes();
      // Operators see the refusal code on the request's log line (STORAGE_FULL); the user sees no disk figures.
      if (free !== null && free - incoming.bytes < minFreeBytes) throw new DomainError('STORAGE_FULL');
    }
  }

  private async oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    const mine = before.then(run);
    const tail = mine.catch(() => undefined);
    this.queues.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  /** Checks every file first (nothing is stored when one is refused), then stores them. */
  async upload(contract: { _id: string; voucherId: string }, files: IncomingFile[], userId: string): Promise<EvidenceDoc[]> {
    if (files.length === 0) throw new DomainError('EVIDENCE_REQUIRED');
    if (files.length > EVIDENCE_MAX_FILES_PER_REQUEST) throw new DomainError('EVIDENCE_TOO_MANY', undefined, { max: EVIDENCE_MAX_FILES_PER_REQUEST });
    return this.oneAtATime(contract._id, () => this.store(contract, files, userId));
  }

  private async store(contract: { _id: string; voucherId: string }, files: IncomingFile[], userId: string): Promise<EvidenceDoc[]> {
    const checked = files.map((f) => {
      checkFileName(f.filename);
      if (f.data.length > EVIDENCE_MAX_BYTES) throw new DomainError('EVIDENCE_TOO_LARGE', undefined, { filename: f.filename, maxBytes: EVIDENCE_MAX_BYTES });
      if (f.data.length === 0) throw new DomainError('EVIDENCE_REQUIRED', `文件 ${cleanName(f.filename)} 是空的`);
      const declaredType = f.declaredType.toLowerCase().split(';')[0].trim();
      const sniffed = sniffType(f.data);
      const declared = UNSPECIFIED_TYPES.has(declaredType) ? sniffed : DECLARED_ALIASES[declaredType];
      if (!declared || !sniffed || declared !== sniffed) {
        throw new DomainError('EVIDENCE_TYPE_NOT_ALLOWED', undefined, { filename: f.filename, declared: f.declaredType, detected: sniffed });
      }
      return { ...f, contentType: sniffed, sha256: createHash('sha256').update(f.data).digest('hex') };
    });
    // The contract's and the disk's bounds, with these files' real sizes (a refusal stores nothing).
    await this.admit(contract, { files: checked.length, bytes: checked.reduce((n, f) => n + f.data.length, 0) });
    const out: EvidenceDoc[] = [];
    for (const f of checked) {
      const doc: EvidenceDoc = {
        _id: newId('ev'),
        contractId: contract._id,
        voucherId: contract.voucherId,
        filename: cleanName(f.filename),
        contentType: f.contentType,
        sizeBytes: f.data.length,
        sha256: f.sha256,
        uploadedBy: userId,
        uploadedAt: this.clock.now(),
        redemptionId: null,
      };
      await this.storage.put(doc._id, f.data, { contentType: doc.contentType, filename: doc.filename, sha256: doc.sha256 });
      out.push(await this.col.insert(doc));
    }
    return out;
  }

  ofContract(contractId: string): Promise<EvidenceDoc[]> {
    return this.col.find({ contractId }, { sort: { uploadedAt: 1 } });
  }

  /** One file of this contract with its bytes, checked against the stored SHA-256; 404 otherwise. */
  async file(contractId: string, id: string): Promise<{ doc: EvidenceDoc; data: Buffer }> {
    const doc = await this.col.findOne({ _id: id, contractId });
    const data = doc ? await this.storage.get(doc._id) : null;
    if (!doc || !data) throw new DomainError('NOT_FOUND', '找不到该证明材料');
    if (createHash('sha256').update(data).digest('hex') !== doc.sha256) throw new Error(`evidence ${id}: stored bytes do not match their SHA-256`);
    return { doc, data };
  }

  /** The files a redemption cites: all of this contract, not yet cited by another application. */
  async requireUnattached(contractId: string, ids: string[]): Promise<EvidenceDoc[]> {
    if (ids.length === 0) throw new DomainError('EVIDENCE_REQUIRED');
    const unique = [...new Set(ids)];
    const docs = await this.col.find({ _id: { $in: unique }, contractId });
    if (docs.length !== unique.length) throw new DomainError('NOT_FOUND', '找不到所列的证明材料');
    return docs;
  }

  async attach(ids: string[], redemptionId: string): Promise<void> {
    for (const id of ids) await this.col.updateOne({ _id: id }, { $set: { redemptionId } });
  }
}
