/**
 * The decision log of unit applications (第六条) and performance evaluations (第十一、十四条): every decision —
 * who, when, what — appended and hash-chained per subject exactly as the supervision log (supervision/log.ts)
 * and the voucher audit chain (audit.ts), so an edited, removed or reordered entry is detected by `verify`.
 * The entry keeps the payload itself (decisions are short) and its SHA-256.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit';
import type { Clock } from '../clock';
import { DuplicateKeyError } from '../errors';
import { newId } from '../ids';
import type { Collection, CollectionSpec, Store } from '../../store';

export type DecisionSubject = 'unit_application' | 'evaluation_round' | 'declaration';
export type DecisionRole = 'administrator' | 'applicant' | 'open_unit' | 'expert' | 'public' | 'system';

export interface DecisionEvent {
  _id: string;
  subject: DecisionSubject;
  subjectId: string;
  seq: number;
  event: string;
  actorId: string;
  role: DecisionRole;
  at: Date;
  payload: unknown;
  payloadHash: string;
  prevHash: string;
  hash: string;
}

export const DECISION_EVENTS: CollectionSpec = {
  name: 'evaluation_events',
  indexes: [{ fields: ['subjectId', 'seq'], unique: true }],
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
type Body = Omit<DecisionEvent, '_id' | 'hash' | 'payload'>;
const hashOf = (e: Body) => sha256(canonicalJson(e));

export interface DecisionActor {
  id: string;
  role: DecisionRole;
}

export class DecisionLog {
  private readonly col: Collection<DecisionEvent>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.col = store.collection<DecisionEvent>(DECISION_EVENTS);
  }

  /** Appends after the subject's head; a concurrent append of the same seq loses and retries after it. */
  async append(subject: DecisionSubject, subjectId: string, event: string, actor: DecisionActor, payload: unknown = {}): Promise<DecisionEvent> {
    for (let attempt = 0; ; attempt++) {
      const [head] = await this.col.find({ subjectId }, { sort: { seq: -1 }, limit: 1 });
      const body: Body = {
        subject,
        subjectId,
        seq: (head?.seq ?? 0) + 1,
        event,
        actorId: actor.id,
        role: actor.role,
        at: this.clock.now(),
        payloadHash: sha256(canonicalJson(payload ?? {})),
        prevHash: head?.hash ?? sha256(`genesis:${subject}:${subjectId}`),
      };
      try {
        return await this.col.insert({ _id: newId('de'), ...body, payload: payload ?? {}, hash: hashOf(body) });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError) || attempt >= 20) throw err;
      }
    }
  }

  list(subjectId: string): Promise<DecisionEvent[]> {
    return this.col.find({ subjectId }, { sort: { seq: 1 } });
  }

  /** The first broken link, or ok. */
  async verify(subjectId: string): Promise<{ ok: boolean; entries: number; brokenAt?: number }> {
    const entries = await this.list(subjectId);
    let prev: string | null = null;
    for (let i = 0; i < entries.length; i++) {
      const { _id, hash, payload, ...body } = entries[i];
      if (body.seq !== i + 1 || (prev !== null && body.prevHash !== prev) || hashOf(body) !== hash || sha256(canonicalJson(payload ?? {})) !== body.payloadHash) {
        return { ok: false, entries: entries.length, brokenAt: body.seq };
      }
      prev = hash;
    }
    return { ok: true, entries: entries.length };
  }
}
