/**
 * Admission control for the flash claim (issue #20, docs/claims.md "Overload"): each BFF instance
 * takes at most CLAIM_MAX_IN_FLIGHT claims at a time. One more is answered at once — before its body
 * is read, before authentication, before anything touches Redis or the store — with
 * 503 BUSY and `Retry-After`, instead of waiting in a queue until the phone's request times out.
 * One user with more than CLAIM_MAX_IN_FLIGHT_PER_USER claims in flight gets 429 RATE_LIMITED.
 *
 * A shed request decided nothing: the app retries it with jittered back-off and the SAME
 * Idempotency-Key (miniapp/services/client.ts), so a founder is never refused for the crowd and never
 * claims twice. Counting is per instance and in memory: it guards this process's event loop and
 * connections to Redis; the quota itself is decided atomically on Redis whatever gets through.
 */
import { ERRORS, type ApiErrorBody } from '@kcq/shared';
import type { AppMiddleware } from '../context';

const CLAIM_PATH = /^\/api\/periods\/[^/]+\/claims\/?$/;

export interface AdmissionOptions {
  maxInFlight: number;
  maxInFlightPerUser: number;
  /** Seconds a shed request is asked to wait (Retry-After); the app adds jitter. */
  retryAfterSeconds?: number;
}

/** In-flight counters of one instance (exported for /readyz-style introspection and tests). */
export class ClaimAdmission {
  inFlight = 0;
  /** Requests shed since start (BUSY and per-user 429). */
  shed = 0;
  private readonly perUser = new Map<string, number>();

  constructor(readonly opts: AdmissionOptions) {}

  /** Takes a slot; returns its release, or why it was refused. */
  enter(user: string | null): (() => void) | 'busy' | 'user' {
    if (this.inFlight >= this.opts.maxInFlight) return 'busy';
    if (user !== null && (this.perUser.get(user) ?? 0) >= this.opts.maxInFlightPerUser) return 'user';
    this.inFlight += 1;
    if (user !== null) this.perUser.set(user, (this.perUser.get(user) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (user !== null) {
        const n = (this.perUser.get(user) ?? 1) - 1;
        if (n <= 0) this.perUser.delete(user);
        else this.perUser.set(user, n);
      }
    };
  }
}

/**
 * App-level middleware, the first of the chain (before the request id, logging, headers, body parser and
 * authentication): bounds POST …/claims. A shed request costs only its parsing and this answer, written
 * here directly: under overload the answer time of a shed request is the event loop's lag, so it must add
 * as little as possible to it (docs/benchmarks.md, bench:chaos). Shed requests are counted, not logged.
 * `subjectOf` is the cheap token → user id check the global ceiling uses (verified once per process).
 */
export function claimAdmission(admission: ClaimAdmission, subjectOf: (token: string) => string | null): AppMiddleware {
  const retryAfter = admission.opts.retryAfterSeconds ?? 1;
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !CLAIM_PATH.test(ctx.path)) return next();
    const header = ctx.get('Authorization');
    const user = header.length > 7 && /^bearer /i.test(header) ? subjectOf(header.slice(7).trim()) : null;
    const slot = admission.enter(user);
    if (slot === 'busy' || slot === 'user') {
      admission.shed += 1;
      ctx.set('Retry-After', String(retryAfter));
      // The body is not read: Node discards it once the answer is complete, and the connection stays usable.
      const body: ApiErrorBody =
        slot === 'busy'
          ? { error: { code: 'BUSY', message: ERRORS.BUSY.message, details: { retryAfterSeconds: retryAfter } } }
          : {
              error: {
                code: 'RATE_LIMITED',
                message: `您的领取请求正在处理中，请 ${retryAfter} 秒后再试`,
                details: { retryAfterSeconds: retryAfter, limit: 'claimInFlight' },
              },
            };
      ctx.status = slot === 'busy' ? ERRORS.BUSY.status : ERRORS.RATE_LIMITED.status;
      ctx.body = body;
      return;
    }
    try {
      await next();
    } finally {
      slot();
    }
  };
}
