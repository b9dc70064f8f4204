/**
 * Which real services this run can reach, decided once when a suite loads.
 *
 * Redis: REDIS_URL (default redis://127.0.0.1:6379). When it does not answer the Redis suites are
 * skipped with a loud banner — unless REQUIRE_REDIS=1 (CI), which fails the run instead.
 * MongoDB: runs only when MONGO_URL is set; otherwise skipped with a loud banner.
 */
import { spawnSync } from 'node:child_process';
import type Redis from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const MONGO_URL = process.env.MONGO_URL || '';

function loud(message: string): void {
  const bar = '!'.repeat(Math.max(60, message.length + 8));
  process.stderr.write(`\n${bar}\n!!! ${message}\n${bar}\n\n`);
}

let redisChecked: boolean | undefined;

/** A synchronous PING (jest decides which describe blocks exist before any await). */
export function redisAvailable(): boolean {
  if (redisChecked !== undefined) return redisChecked;
  const { hostname, port } = new URL(REDIS_URL);
  const probe = `
    const s = require('node:net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)});
    s.setTimeout(1500, () => process.exit(1));
    s.on('error', () => process.exit(1));
    s.on('connect', () => s.write('PING\\r\\n'));
    s.on('data', (d) => process.exit(/PONG|NOAUTH/.test(String(d)) ? 0 : 1));`;
  redisChecked = spawnSync(process.execPath, ['-e', probe], { timeout: 5_000 }).status === 0;
  if (!redisChecked) {
    if (process.env.REQUIRE_REDIS === '1') {
      throw new Error(`REQUIRE_REDIS=1 but Redis does not answer at ${REDIS_URL}`);
    }
    loud(`SKIPPED: Redis suites — nothing answers at ${REDIS_URL} (set REQUIRE_REDIS=1 to make this fail)`);
  }
  return redisChecked;
}

export function mongoAvailable(): boolean {
  if (!MONGO_URL) loud('SKIPPED: MongoDB store adapter suite — MONGO_URL is not set');
  return Boolean(MONGO_URL);
}

/** A key prefix of one test run, so parallel suites never touch each other's keys. */
export function testPrefix(name: string): string {
  return `kcq-test:${name}:${process.pid}:${Date.now().toString(36)}:`;
}

/** Deletes every key under a prefix (SCAN, never KEYS). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
