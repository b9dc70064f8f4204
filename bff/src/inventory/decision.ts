import type { ClaimDecision, Refusal } from './claims';

/** Decisions travel as "A|<remaining>|<record>" or "R|<CODE>|<number>" (the form the Lua script stores). */
export function encodeDecision(d: { accepted: true; remainingFen: number; record: string } | { accepted: false; refusal: Refusal }): string {
  if (d.accepted) return `A|${d.remainingFen}|${d.record}`;
  const r = d.refusal;
  const n =
    r.code === 'ALREADY_CLAIMED' ? r.limit : r.code === 'ANNUAL_CAP_EXCEEDED' ? r.allowanceFen : r.code === 'INSUFFICIENT_QUOTA' ? r.remainingFen : 0;
  return `R|${r.code}|${n}`;
}

export function decodeDecision(s: string, replayed: boolean): ClaimDecision {
  const first = s.indexOf('|');
  const second = s.indexOf('|', first + 1);
  const tag = s.slice(0, first);
  const a = s.slice(first + 1, second);
  const b = s.slice(second + 1);
  if (tag === 'A') return { outcome: 'accepted', remainingFen: Number(a), record: b, replayed };
  const n = Number(b);
  const refusal: Refusal =
    a === 'ALREADY_CLAIMED'
      ? { code: 'ALREADY_CLAIMED', limit: n }
      : a === 'ANNUAL_CAP_EXCEEDED'
        ? { code: 'ANNUAL_CAP_EXCEEDED', allowanceFen: n }
        : a === 'INSUFFICIENT_QUOTA'
          ? { code: 'INSUFFICIENT_QUOTA', remainingFen: n }
          : a === 'SOLD_OUT'
            ? { code: 'SOLD_OUT' }
            : { code: 'PERIOD_NOT_OPEN' };
  return { outcome: 'refused', refusal, replayed };
}
