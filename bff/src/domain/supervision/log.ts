/**
 * The supervision log (第十六、十八条: every state change recorded and traceable — who, when, what): every
 * step of a misconduct case and of a spot check appends an entry, hash-chained per subject exactly as the
 * voucher audit chain (audit.ts) is, so an edited, removed or reordered entry is detected by `verify`.
 * What was submitted is kept in the case or check itself; the entry carries its SHA-256.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit';
import type { Clock } from '../clock';
import { DuplicateKeyError } from '../errors';
import { newId } from '../ids';
import type { Collection, CollectionSpec, Store } from '../../store';

export type SupervisionSubject = 'case' | 'spot_check';
export type SupervisionRole = 'administrator' | 'applicant' | 'open_unit';

export interface SupervisionEvent {
  _id: string;
  subject: SupervisionSubject;
  subjectId: string;
  seq: number;
  event: string;
  actorId: string;
  role: SupervisionRole;
  at: Date;
  payloadHash: string;
  prevHash: string;
  hash: string;
}

export const SUPERVISION_EVENTS: CollectionSpec = {
  name: 'supervision_events',
  indexes: [{ fields: ['subjectId', 'seq'], unique: true }],
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hashOf = (e: Omit<SupervisionEvent, '_id' | 'hash'>) => sha256(canonicalJson(e));

export interface Actor {
  id: string;
  role: SupervisionRole;
}

export class SupervisionLog {
  private readonly col: Collection<SupervisionEvent>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.col = store.collection<SupervisionEvent>(SUPERVISION_EVENTS);
  }

  /** Appends after the subject's head; a concurrent append of the same seq loses and retries after it. */
  async append(subject: SupervisionSubject, subjectId: string, event: string, actor: Actor, payload: unknown): Promise<SupervisionEvent> {
    for (let attempt = 0; ; attempt++) {
      const [head] = await this.col.find({ subjectId }, { sort: { seq: -1 }, limit: 1 });
      const body = {
        subject,
        subjectId,
        seq: (head?.seq ?? 0) + 1,
        event,
        actorId: actor.id,
        role: actor.role,
        at: this.clock.now(),
        payloadHash: sha256(canonicalJson(payload)),
        prevHash: head?.hash ?? sha256(`genesis:${subject}:${subjectId}`),
      };
      try {
        return await this.col.insert({ _id: newId('sv'), ...body, hash: hashOf(body) });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError) || attempt >= 20) throw err;
      }
    }
  }

  list(subjectId: string): Promise<SupervisionEvent[]> {
    return this.col.find({ subjectId }, { sort: { seq: 1 } });
  }

  /** The first broken link, or ok. */
  async verify(subjectId: string): Promise<{ ok: boolean; entries: number; brokenAt?: number }> {
    const entries = await this.list(subjectId);
    let prev: string | null = null;
    for (let i = 0; i < entries.length; i++) {
      const { _id, hash, ...body } = entries[i];
      if (body.seq !== i + 1 || (prev !== null && body.prevHash !== prev) || hashOf(body) !== hash) {
        return { ok: false, entries: entries.length, brokenAt: body.seq };
      }
      prev = hash;
    }
    return { ok: true, entries: entries.length };
  }
}
