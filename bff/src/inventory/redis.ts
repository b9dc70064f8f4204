import Redis from 'ioredis';
import { assertAmount, type Inventory, type TakeResult } from './port';

// Each script runs atomically on the Redis server: no other command interleaves, whichever
// BFF instance sent it. That is what makes "take only if enough remains" exact under load.
const TAKE = `
local v = redis.call('GET', KEYS[1])
if not v then return {-1, 0} end
v = tonumber(v)
local amount = tonumber(ARGV[1])
if v < amount then return {0, v} end
return {1, redis.call('DECRBY', KEYS[1], amount)}
`;

const GIVE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('INCRBY', KEYS[1], ARGV[1])
`;

interface InventoryCommands {
  kcqTake(key: string, amount: number): Promise<[number, number]>;
  kcqGive(key: string, amount: number): Promise<number | null>;
}

export type RedisClient = Redis & InventoryCommands;

/** Opens an ioredis client with the inventory scripts registered (defineCommand: EVALSHA with fallback). */
export function createRedisClient(url: string): RedisClient {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail a command after a few retries rather than hang a founder's request forever.
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  redis.defineCommand('kcqTake', { numberOfKeys: 1, lua: TAKE });
  redis.defineCommand('kcqGive', { numberOfKeys: 1, lua: GIVE });
  return redis as RedisClient;
}

export class RedisInventory implements Inventory {
  readonly kind = 'redis' as const;

  /** `prefix` namespaces every key (tests use their own and delete it afterwards). */
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, prefix: string): Promise<RedisInventory> {
    const redis = createRedisClient(url);
    await redis.connect();
    return new RedisInventory(redis, prefix);
  }

  private k(key: string): string {
    return this.prefix + 'inv:' + key;
  }

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

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
