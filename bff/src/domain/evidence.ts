/**
 * Evidence for a redemption application (第十五条3: 在线提交相关证明材料). Files arrive through the BFF,
 * are checked and stored with their SHA-256 (第十八条: what was submitted can be proven later).
 *
 * - Types: PDF, JPEG, PNG — decided from the file's first bytes (magic numbers); a declared type that is
 *   not one of these, or that the bytes contradict, is refused (415 EVIDENCE_TYPE_NOT_ALLOWED). A
 *   declared type that says nothing (none, application/octet-stream: WeChat's uploadFile does not
 *   document the part's type) leaves the decision to the bytes.
 * - Size: at most 10 MB a file (413 EVIDENCE_TOO_LARGE), 5 files a request and 20 a contract (400
 *   EVIDENCE_TOO_MANY), at least one (400 EVIDENCE_REQUIRED).
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
export const EVIDENCE_MAX_FILES_PER_CONTRACT = 20;
import { EVIDENCE_TYPES, type EvidenceType, type EvidenceView } from '@kcq/shared';
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

/** A file name safe to show and to put in Content-Disposition: no path, no control characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 120);
  return clean || 'evidence';
}

export class Evidence {
  private readonly col: Collection<EvidenceDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    readonly storage: EvidenceStorage,
  ) {
    this.col = store.collection<EvidenceDoc>(EVIDENCE);
  }

  /** Checks every file first (nothing is stored when one is refused), then stores them. */
  async upload(contract: { _id: string; voucherId: string }, files: IncomingFile[], userId: string): Promise<EvidenceDoc[]> {
    if (files.length === 0) throw new DomainError('EVIDENCE_REQUIRED');
    if (files.length > EVIDENCE_MAX_FILES_PER_REQUEST) throw new DomainError('EVIDENCE_TOO_MANY', undefined, { max: EVIDENCE_MAX_FILES_PER_REQUEST });
    const already = await this.col.count({ contractId: contract._id });
    if (already + files.length > EVIDENCE_MAX_FILES_PER_CONTRACT) {
      throw new DomainError('EVIDENCE_TOO_MANY', `每份合同最多上传${EVIDENCE_MAX_FILES_PER_CONTRACT}个证明材料`, { max: EVIDENCE_MAX_FILES_PER_CONTRACT });
    }
    const checked = files.map((f) => {
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
