/**
 * Traceability (第十六条, 第十八条): every state change of a voucher, its contract and its redemption
 * appends an entry (who, in which role, when, from → to, a hash of what was submitted), chained by
 * hash per voucher. Editing, removing or reordering a stored entry breaks the chain at that entry,
 * and `verify` reports the first broken link.
 *
 * The chain of a voucher starts from its claim record (the genesis: the voucher exactly as claimed),
 * so the flash claim writes nothing extra. Entries are numbered; a unique (voucherId, seq) index
 * makes two concurrent appends fork-free: the loser re-reads the head and appends after it.
 */
import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import { DuplicateKeyError } from './errors';
import { newId } from './ids';
import type { Collection, CollectionSpec, Store } from '../store';

export type AuditSubject = 'voucher' | 'contract' | 'redemption' | 'review' | 'notice' | 'payment';
export type AuditRole = 'applicant' | 'open_unit' | 'administrator' | 'system' | 'expert' | 'public';

export interface AuditEntry {
  _id: string;
  voucherId: string;
  seq: number;
  subject: AuditSubject;
  /** The subject's own id (contract or redemption id; the voucher id for voucher changes). */
  subjectId: string;
  event: string;
  actorId: string;
  role: AuditRole;
  at: Date;
  from: string | null;
  to: string;
  /** SHA-256 of the canonical JSON of what was submitted (the payload itself may be confidential, 第九条3). */
  payloadHash: string;
  prevHash: string;
  hash: string;
}

export const AUDIT: CollectionSpec = {
  name: 'audit',
  indexes: [{ fields: ['voucherId', 'seq'], unique: true }],
};

/** JSON with sorted keys and ISO dates: the same value always hashes the same, on every adapter. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The hash an entry must carry: over every field but `_id` and `hash` itself. */
export function entryHash(e: Omit<AuditEntry, '_id' | 'hash'>): string {
  return sha256(canonicalJson({ ...e, _id: undefined, hash: undefined }));
}

/** The head of a new chain: the voucher exactly as it was claimed. */
export function genesisHash(claimRecord: object): string {
  return sha256(`genesis:${canonicalJson(claimRecord)}`);
}

export type ChainReport =
  | { ok: true; voucherId: string; entries: number; head: string }
  | { ok: false; voucherId: string; entries: number; brokenAt: number; reason: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' };

export interface AppendInput {
  voucherId: string;
  subject: AuditSubject;
  subjectId: string;
  event: string;
  actorId: string;
  role: AuditRole;
  from: string | null;
  to: string;
  payload: unknown;
}

export class AuditTrail {
  private readonly col: Collection<AuditEntry>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.col = store.collection<AuditEntry>(AUDIT);
  }

  /**
   * Appends after the current head; `genesis` is the voucher's claim record (see module comment).
   * With `key`, the entry's id is that key and the append is once-only: a repeated append with the same
   * key (a crash repair run twice, a retried request) returns the entry already stored instead of
   * adding a second one — the primary key refuses the duplicate, whatever the race.
   */
  async append(input: AppendInput, genesis: object, key?: string): Promise<AuditEntry> {
    const { payload, ...rest } = input;
    if (key) {
      const existing = await this.col.findById(key);
      if (existing) return existing;
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      const [head] = await this.col.find({ voucherId: input.voucherId }, { sort: { seq: -1 }, limit: 1 });
      const body = {
        ...rest,
        seq: head ? head.seq + 1 : 1,
        at: this.clock.now(),
        payloadHash: sha256(canonicalJson(payload)),
        prevHash: head ? head.hash : genesisHash(genesis),
      };
      const entry: AuditEntry = { _id: key ?? newId('au'), ...body, hash: entryHash(body) };
      try {
        return await this.col.insert(entry);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        if (key) {
          // Either the seq or the key was taken: if the key, the entry is already there.
          const existing = await this.col.findById(key);
          if (existing) return existing;
        }
        // Another append took this seq: read the new head and go after it.
      }
    }
    throw new Error(`audit append for ${input.voucherId} lost 20 races in a row`);
  }

  async chain(voucherId: string): Promise<AuditEntry[]> {
    return this.col.find({ voucherId }, { sort: { seq: 1 } });
  }

  /** Recomputes the chain from the genesis and reports the first broken link. */
  async verify(voucherId: string, genesis: object): Promise<ChainReport> {
    return verifyChain(voucherId, genesis, await this.chain(voucherId));
  }
}

export function verifyChain(voucherId: string, genesis: object, entries: AuditEntry[]): ChainReport {
  let prev = genesisHash(genesis);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const broken = (reason: 'hash_mismatch' | 'prev_mismatch' | 'seq_gap') =>
      ({ ok: false, voucherId, entries: entries.length, brokenAt: e.seq, reason }) as const;
    if (e.seq !== i + 1) return broken('seq_gap');
    if (e.prevHash !== prev) return broken('prev_mismatch');
    const { _id, hash, ...body } = e;
    void _id;
    if (entryHash(body) !== hash) return broken('hash_mismatch');
    prev = hash;
  }
  return { ok: true, voucherId, entries: entries.length, head: prev };
}
