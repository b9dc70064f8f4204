/**
 * Rate limits (docs/security.md): fixed windows counted by rate-limiter-flexible, on Redis when the
 * inventory is on Redis (every BFF instance counts in the same keys, `<REDIS_PREFIX>rl:<limit>:<key>`)
 * and in process memory otherwise. A refusal is 429 RATE_LIMITED with `Retry-After` (seconds) and
 * `details.retryAfterSeconds`, logged at warn once per key and window.
 *
 * The global ceiling counts in each instance's memory unless RATE_LIMIT_CEILING_STORE=redis: it guards
 * the instance's capacity, and on Redis it was the larger part of the limits' cost per claim.
 *
 * What each limit is keyed on, and why:
 * - the global ceiling (every /api request) is keyed on the **user** when the request carries an access
 *   token whose signature verifies (even expired: the signature proves who it is), and on the **address**
 *   otherwise. Not on the address alone: a campus or a carrier NAT puts thousands of founders behind one
 *   address at 10:00 (the claim benchmark sends 20,000 applicants from 127.0.0.1); and not one bucket for
 *   everyone, which one script could drain for all. The per-address budget is large for the same reason.
 * - sign-in and failed refreshes: the address (there is no user yet);
 * - invite redemption and evidence uploads: the user and the address;
 * - claims: the user, counting only Idempotency-Keys the user has not used before, so a founder's
 *   retries of one tap (same key) are never refused nor counted, while a script sending new keys is.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type Redis from 'ioredis';
import { ERRORS } from '@kcq/shared';
import type { Config } from '../../config';
import { DomainError } from '../../domain/errors';
import type { AppContext, AppMiddleware } from '../context';

export const LIMIT_NAMES = [
  'user',
  'address',
  'signin',
  'refreshFailures',
  'inviteUser',
  'inviteAddress',
  'uploadUser',
  'uploadAddress',
  'claimUser',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** How long a limit counted on Redis may take before this instance counts it in memory instead. */
const REDIS_LIMIT_BUDGET_MS = 200;

/** The global ceiling's two limits (counted where RATE_LIMIT_CEILING_STORE says). */
const CEILING: readonly LimitName[] = ['user', 'address'];

const CONFIG_OF: Record<LimitName, keyof Config> = {
  user: 'RATE_LIMIT_USER',
  address: 'RATE_LIMIT_ADDRESS',
  signin: 'RATE_LIMIT_SIGNIN',
  refreshFailures: 'RATE_LIMIT_REFRESH_FAILURES',
  inviteUser: 'RATE_LIMIT_INVITE_USER',
  inviteAddress: 'RATE_LIMIT_INVITE_ADDRESS',
  uploadUser: 'RATE_LIMIT_UPLOAD_USER',
  uploadAddress: 'RATE_LIMIT_UPLOAD_ADDRESS',
  claimUser: 'RATE_LIMIT_CLAIM_USER',
};

/** A Redis counter that has not answered within its budget: the in-memory one counts instead. */
const SLOW = Symbol('slow');

/** One limit: its name (for logs and keys), budget, and the rate-limiter-flexible counter behind it. */
export class Limiter {
  constructor(
    readonly name: LimitName,
    readonly points: number,
    readonly duration: number,
    private readonly counter: RateLimiterAbstract,
    /**
     * For a counter on Redis: the in-memory counter used when Redis is slower than `budgetMs` (issue #20:
     * a slow Redis must not add its command timeout to every claim's answer; an unreachable one already
     * falls to rate-limiter-flexible's insurance limiter at once).
     */
    private readonly slow?: { fallback: RateLimiterAbstract; budgetMs: number },
  ) {}

  private consume(key: string): Promise<unknown> {
    if (!this.slow) return this.counter.consume(key);
    const { fallback, budgetMs } = this.slow;
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      this.counter.consume(key),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(SLOW), budgetMs);
      }),
    ])
      // Slow, or an error of the Redis client that reached us past rate-limiter-flexible's insurance limiter
      // (e.g. "Stream isn't writeable" from an auto-pipeline while Redis restarts): count in memory.
      .catch((err: unknown) => (err === SLOW || !(err instanceof RateLimiterRes) ? fallback.consume(key) : Promise.reject(err)))
      .finally(() => clearTimeout(timer));
  }

  /** Counts one request; null when within the budget, the refusal otherwise. */
  async take(key: string): Promise<RateLimiterRes | null> {
    try {
      await this.consume(key);
      return null;
    } catch (res) {
      if (res instanceof RateLimiterRes) return res;
      throw res;
    }
  }

  /** The budget is spent (without counting this request): the refusal, else null. */
  async spent(key: string): Promise<RateLimiterRes | null> {
    const res = await this.counter.get(key);
    return res && res.consumedPoints >= this.points ? res : null;
  }

  /** Counts one without refusing (e.g. a failed attempt, once its outcome is known); the new count. */
  async count(key: string): Promise<number> {
    return (await this.counter.penalty(key)).consumedPoints;
  }

  /** Gives one back (a request that turned out not to count). */
  async giveBack(key: string): Promise<void> {
    await this.counter.reward(key);
  }
}

/** The app's limits, built once from the config; `get` is null for every limit when RATE_LIMITS=off. */
export class RateLimits {
  readonly enabled: boolean;
  readonly store: 'redis' | 'memory' | 'off';
  private readonly limiters = new Map<LimitName, Limiter>();

  constructor(config: Config, redis?: { client: Redis; prefix: string }) {
    this.enabled = config.RATE_LIMITS === 'on';
    this.store = !this.enabled ? 'off' : redis ? 'redis' : 'memory';
    if (!this.enabled) return;
    for (const name of LIMIT_NAMES) {
      const { points, duration } = config[CONFIG_OF[name]] as { points: number; duration: number };
      const memory = new RateLimiterMemory({ points, duration, keyPrefix: name });
      const local = CEILING.includes(name) && config.RATE_LIMIT_CEILING_STORE === 'local';
      const counter =
        redis && !local
          ? new RateLimiterRedis({
              storeClient: redis.client,
              keyPrefix: `${redis.prefix}rl:${name}`,
              points,
              duration,
              // Once a key is over its budget this instance refuses it from memory until the window
              // ends, without asking Redis again (a script hammering costs no Redis round trips).
              inMemoryBlockOnConsumed: points + 1,
              // Redis unreachable: count in this process rather than fail every request (and at once while
              // the connection is not ready, instead of trying it).
              insuranceLimiter: memory,
              rejectIfRedisNotReady: true,
            })
          : memory;
      this.limiters.set(
        name,
        new Limiter(name, points, duration, counter, counter === memory ? undefined : { fallback: memory, budgetMs: REDIS_LIMIT_BUDGET_MS }),
      );
    }
  }

  get(name: LimitName): Limiter | null {
    return this.limiters.get(name) ?? null;
  }
}

/** 429 RATE_LIMITED with Retry-After; logged at warn on the first refusal of a key in its window. */
export function refuse(ctx: AppContext, limiter: Limiter, key: string, res: RateLimiterRes): never {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  ctx.set('Retry-After', String(seconds));
  if (res.consumedPoints === limiter.points + 1) {
    ctx.state.log.warn({ limit: limiter.name, key, points: limiter.points, duration: limiter.duration, retryAfter: seconds }, 'rate limited');
  }
  throw new DomainError('RATE_LIMITED', `操作太频繁，请 ${seconds} 秒后再试`, { retryAfterSeconds: seconds, limit: limiter.name });
}

export type KeyKind = 'user' | 'address';

/**
 * The caller's key: `a:<address>`, or `u:<userId>` after authenticating (memoised per request, so the
 * route's policy does not load the user again). Null when the caller cannot be authenticated: the
 * route's policy refuses such a request with 401 before doing anything.
 */
async function keyOf(ctx: AppContext, kind: KeyKind): Promise<string | null> {
  if (kind === 'address') return `a:${ctx.ip}`;
  try {
    return `u:${(await ctx.state.authenticate()).userId}`;
  } catch {
    return null;
  }
}

/** Route middleware: every request counts against `name`, keyed on the user or the address. */
export function limit(limits: RateLimits, name: LimitName, kind: KeyKind): AppMiddleware {
  const limiter = limits.get(name);
  if (!limiter) return (_ctx, next) => next();
  return async (ctx, next) => {
    const key = await keyOf(ctx, kind);
    if (key !== null) {
      const refused = await limiter.take(key);
      if (refused) refuse(ctx, limiter, key, refused);
    }
    await next();
  };
}

/**
 * Route middleware: only refused attempts count (an answer with a 4xx status other than 429), so
 * legitimate use never spends the budget — e.g. refreshes, which a whole campus does at 10:00,
 * while guessing refresh tokens fails every time. Once the budget is spent every attempt is refused.
 */
export function limitFailures(limits: RateLimits, name: LimitName, kind: KeyKind): AppMiddleware {
  const limiter = limits.get(name);
  if (!limiter) return (_ctx, next) => next();
  return async (ctx, next) => {
    const key = await keyOf(ctx, kind);
    if (key === null) return next();
    const spent = await limiter.spent(key);
    if (spent) refuse(ctx, limiter, key, spent);
    try {
      await next();
    } catch (err) {
      const status = err instanceof DomainError ? ((ERRORS as Record<string, { status: number }>)[err.code]?.status ?? 400) : 0;
      if (status >= 400 && status < 500 && status !== 429) {
        const failures = await limiter.count(key).catch(() => 0);
        // Logged once, when this failure spends the budget (the refusals that follow are not counted).
        if (failures === limiter.points) {
          ctx.state.log.warn({ limit: limiter.name, key, points: limiter.points, duration: limiter.duration }, 'rate limit reached');
        }
      }
      throw err;
    }
  };
}

/**
 * The claim route's limit: a point per Idempotency-Key the user has not used before. The inventory's
 * idempotency record (the first decision for a key, kept 24 h) already says whether a key was used:
 * - within the budget, the request counts, and is given back if the claim turns out to be a replay;
 * - over the budget, a key with a recorded decision still goes through (its answer is the recorded
 *   one, and it is given back); a new key is refused.
 * `ctx.state.claimReplayed` is set by the claim handler.
 */
export function limitNewClaims(
  limits: RateLimits,
  knowsKey: (applicantId: string, idempotencyKey: string) => Promise<boolean>,
): AppMiddleware {
  const limiter = limits.get('claimUser');
  if (!limiter) return (_ctx, next) => next();
  return async (ctx, next) => {
    let principal;
    try {
      principal = await ctx.state.authenticate();
    } catch {
      return next(); // the policy answers 401
    }
    const key = `u:${principal.userId}`;
    const refused = await limiter.take(key);
    if (refused) {
      const idem = ctx.get('Idempotency-Key');
      // Redis unreachable: whether the key is known cannot be told, and the claim itself will answer 503.
      const known = principal.applicantId && idem ? await knowsKey(principal.applicantId, idem).catch(() => true) : false;
      if (!known) refuse(ctx, limiter, key, refused);
    }
    let undecided = false;
    try {
      await next();
    } catch (err) {
      // 503: nothing was decided (Redis down or slow, or rebuilding), and the app retries with the same key:
      // the attempt does not spend the user's budget of new keys.
      undecided = err instanceof DomainError && err.code === 'SERVICE_UNAVAILABLE';
      throw err;
    } finally {
      if (ctx.state.claimReplayed) await limiter.giveBack(key).catch(() => undefined);
      // Not waited for: Redis is the reason for the 503, and the answer must not wait for it again.
      else if (undecided) void limiter.giveBack(key).catch(() => undefined);
    }
  };
}

/**
 * The global ceiling, for every /api request, before the body is read: keyed on the user of a
 * verifiable access token, else on the address (see the top of this file).
 */
export function globalCeiling(limits: RateLimits, subjectOf: (token: string) => string | null): AppMiddleware {
  const perUser = limits.get('user');
  const perAddress = limits.get('address');
  if (!perUser || !perAddress) return (_ctx, next) => next();
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    const header = ctx.get('Authorization');
    const sub = header.length > 7 && /^bearer /i.test(header) ? subjectOf(header.slice(7).trim()) : null;
    const [limiter, key] = sub ? [perUser, `u:${sub}`] : [perAddress, `a:${ctx.ip}`];
    const refused = await limiter.take(key);
    if (refused) refuse(ctx, limiter, key, refused);
    await next();
  };
}
