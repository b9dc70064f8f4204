import Redis from 'ioredis';
import { assertAmount, type Inventory, type TakeResult } from './port';
import { decodeDecision } from './decision';
import type { ClaimDecision, ClaimInput, ClaimInventory, InventorySnapshot, OutboxEntry, PeriodWindow } from './claims';
import { CLAIM, GIVE, RELEASE, TAKE } from './scripts';

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

interface InventoryCommands {
  kcqTake(key: string, amount: number): Promise<[number, number]>;
  kcqGive(key: string, amount: number): Promise<number | null>;
  kcqClaim(...args: (string | number)[]): Promise<[string, string, string?]>;
  kcqRelease(...args: (string | number)[]): Promise<number>;
}

export type RedisClient = Redis & InventoryCommands;

export interface RedisTimeouts {
  /** A command without an answer after this fails ("Command timed out"): a slow Redis is a 503, not a hang. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
}

/**
 * Opens an ioredis client with the inventory scripts registered (defineCommand: EVALSHA with fallback).
 * Bounded everywhere (issue #20): no offline queue (while Redis is unreachable a command fails at once
 * instead of waiting for a reconnection), a command timeout, a connect timeout, and reconnection
 * attempts every 100–500 ms so that claims resume soon after Redis is back.
 */
export function createRedisClient(url: string, timeouts: RedisTimeouts = {}): RedisClient {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail a command after a few retries rather than hang a founder's request forever.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: false,
    commandTimeout: timeouts.commandTimeoutMs ?? 1_000,
    connectTimeout: timeouts.connectTimeoutMs ?? 1_000,
    retryStrategy: (times) => Math.min(times * 100, 500),
    // Commands issued in the same tick go out in one write: in the claim second thousands of claim
    // scripts are in flight, and one socket write each was a tenth of the BFF's CPU.
    enableAutoPipelining: true,
  });
  redis.defineCommand('kcqTake', { numberOfKeys: 1, lua: TAKE });
  redis.defineCommand('kcqGive', { numberOfKeys: 1, lua: GIVE });
  redis.defineCommand('kcqClaim', { numberOfKeys: 6, lua: CLAIM });
  redis.defineCommand('kcqRelease', { numberOfKeys: 3, lua: RELEASE });
  return redis as RedisClient;
}

/** The inventory on Redis: exact under any number of BFF instances sharing one Redis. */
export class RedisInventory implements Inventory, ClaimInventory {
  readonly kind = 'redis' as const;
  readonly durableOutbox = true;

  /** `prefix` namespaces every key (tests use their own and delete it afterwards). */
  /**
   * The run_id of the Redis process this client is connected to (INFO server), fetched after each
   * (re)connection. The `ready` marker holds the run_id it was rebuilt in: a Redis that restarted — empty,
   * or from an RDB/AOF file that may be behind the store — has another run_id, so no claim is decided
   * on its state until it is rebuilt from the store (docs/claims.md).
   */
  private runId: string | null = null;
  private runIdFetch: Promise<string> | null = null;

  constructor(
    readonly redis: RedisClient,
    readonly prefix: string,
    /**
     * The answer time of a claim, remaining read or ping, whatever ioredis does: with auto-pipelining a
     * command waits for the pipeline before it, so on a stalled Redis the command timeout alone could add up.
     */
    private readonly deadlineMs = 1_000,
  ) {
    redis.on('close', () => {
      this.runId = null;
    });
    // Without a listener ioredis prints every failed reconnection; the callers see the failed commands.
    redis.on('error', () => undefined);
  }

  static async connect(url: string, prefix: string, timeouts: RedisTimeouts = {}): Promise<RedisInventory> {
    const redis = createRedisClient(url, timeouts);
    await redis.connect();
    return new RedisInventory(redis, prefix, timeouts.commandTimeoutMs ?? 1_000);
  }

  /** Rejects when `p` has not settled within the deadline (the command may still run: a claim is replayed by key). */
  private within<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.deadlineMs} ms`)), this.deadlineMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  private currentRunId(): Promise<string> {
    if (this.runId) return Promise.resolve(this.runId);
    this.runIdFetch ??= this.redis
      .info('server')
      .then((info) => {
        const id = /run_id:([0-9a-f]+)/.exec(info)?.[1];
        if (!id) throw new Error('Redis INFO server has no run_id');
        this.runId = id;
        return id;
      })
      .finally(() => (this.runIdFetch = null));
    return this.runIdFetch;
  }

  private k(key: string): string {
    return this.prefix + 'inv:' + key;
  }

  private keys(periodId: string, year: number) {
    const p = this.prefix;
    return {
      ready: `${p}ready`,
      period: `${p}period:${periodId}`,
      claims: `${p}period:${periodId}:claims`,
      annual: `${p}annual:${year}`,
      outbox: `${p}outbox`,
    };
  }

  // ---- generic counters -------------------------------------------------------------------

  async set(key: string, amount: number): Promise<void> {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad counter value ${amount}`);
    await this.redis.set(this.k(key), amount);
  }

  async take(key: string, amount: number): Promise<TakeResult> {
    assertAmount(amount);
    const [status, value] = await this.redis.kcqTake(this.k(key), amount);
    if (status === -1) return { ok: false, reason: 'missing', remaining: 0 };
    if (status === 0) return { ok: false, reason: 'insufficient', remaining: value };
    return { ok: true, remaining: value };
  }

  async give(key: string, amount: number): Promise<number | null> {
    assertAmount(amount);
    return this.redis.kcqGive(this.k(key), amount);
  }

  async read(key: string): Promise<number | null> {
    const v = await this.redis.get(this.k(key));
    return v === null ? null : Number(v);
  }

  async remove(...keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.k(k)));
  }

  // ---- the claim --------------------------------------------------------------------------

  async putPeriod(w: PeriodWindow, quotaFen?: number): Promise<void> {
    const fields: Record<string, number> = { opensAt: w.opensAt, closesAt: w.closesAt, closedAt: w.closedAt ?? 0 };
    if (quotaFen !== undefined) fields.remaining = quotaFen;
    await this.redis.hset(this.keys(w.periodId, 0).period, fields);
  }

  claim(i: ClaimInput): Promise<ClaimDecision> {
    return this.within(this.claimNow(i));
  }

  private async claimNow(i: ClaimInput): Promise<ClaimDecision> {
    const k = this.keys(i.periodId, i.year);
    const idem = `${this.prefix}idem:${i.applicantId}:${i.idempotencyKey}`;
    const runId = await this.currentRunId();
    const [kind, decision, outboxId] = await this.redis.kcqClaim(
      k.ready,
      k.period,
      k.claims,
      k.annual,
      idem,
      k.outbox,
      i.applicantId,
      i.amountFen,
      i.now,
      i.perApplicantLimit,
      i.annualCapFen,
      i.requestHash,
      i.record,
      IDEMPOTENCY_TTL_SECONDS,
      i.minAmountFen,
      runId,
    );
    if (kind === 'key_reused') return { outcome: 'key_reused' };
    if (kind === 'rebuild_needed') return { outcome: 'rebuild_needed' };
    const d = decodeDecision(decision, kind === 'replay');
    return d.outcome === 'accepted' && outboxId ? { ...d, outboxId } : d;
  }

  async hasDecision(applicantId: string, idempotencyKey: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}idem:${applicantId}:${idempotencyKey}`)) === 1;
  }

  async release(r: { periodId: string; applicantId: string; amountFen: number; year: number; now: number }): Promise<boolean> {
    assertAmount(r.amountFen);
    const k = this.keys(r.periodId, r.year);
    return (await this.redis.kcqRelease(k.period, k.claims, k.annual, r.applicantId, r.amountFen, r.now)) === 1;
  }

  async remaining(periodId: string): Promise<number | null> {
    const v = await this.within(this.redis.hget(this.keys(periodId, 0).period, 'remaining'));
    return v === null ? null : Number(v);
  }

  async isReady(): Promise<boolean> {
    const [marker, runId] = await Promise.all([this.redis.get(`${this.prefix}ready`), this.currentRunId()]);
    return marker === runId;
  }

  async rebuild(s: InventorySnapshot): Promise<void> {
    // One MULTI: the state appears whole, and `ready` is set last, so no claim decides on half of it.
    const runId = await this.currentRunId();
    const m = this.redis.multi();
    for (const p of s.periods) {
      const k = this.keys(p.periodId, 0);
      m.del(k.period, k.claims);
      m.hset(k.period, { opensAt: p.opensAt, closesAt: p.closesAt, closedAt: p.closedAt ?? 0, remaining: p.remainingFen });
      const held = Object.entries(p.claimsByApplicant);
      if (held.length) m.hset(k.claims, Object.fromEntries(held));
    }
    const years = new Set(s.annualUsage.map((a) => a.year));
    for (const y of years) m.del(this.keys('', y).annual);
    for (const a of s.annualUsage) m.hset(this.keys('', a.year).annual, a.applicantId, a.usedFen);
    m.set(`${this.prefix}ready`, runId);
    await m.exec();
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.redis.xrange(`${this.prefix}outbox`, '-', '+', 'COUNT', limit);
    return rows.map(([id, fields]) => ({ id, record: fields[1] ?? '' }));
  }

  async ackOutbox(ids: string[]): Promise<void> {
    if (ids.length) await this.redis.xdel(`${this.prefix}outbox`, ...ids);
  }

  /** A lock for work only one instance should do at a time (the rebuild). Returns a release function or null. */
  async tryLock(name: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const key = `${this.prefix}lock:${name}`;
    const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    const ok = await this.redis.set(key, token, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return null;
    return async () => {
      // Delete only our own lock (it may have expired and been taken by another instance).
      await this.redis.eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
        1,
        key,
        token,
      );
    };
  }

  async ping(): Promise<void> {
    await this.within(this.redis.ping());
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
