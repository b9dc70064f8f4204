import { EmbeddedInventory } from './embedded';
import { RedisInventory } from './redis';
import type { Inventory } from './port';
import type { ClaimInventory } from './claims';

export * from './port';
export * from './claims';

/** Redis when REDIS_URL is set, otherwise the single-process embedded inventory. */
export async function openInventory(opts: {
  redisUrl?: string;
  redisPrefix: string;
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
}): Promise<Inventory & ClaimInventory> {
  if (opts.redisUrl) {
    return RedisInventory.connect(opts.redisUrl, opts.redisPrefix, { commandTimeoutMs: opts.commandTimeoutMs, connectTimeoutMs: opts.connectTimeoutMs });
  }
  return new EmbeddedInventory();
}
