import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * A short prefixed random id (`u_…`, `ap_…`): 128 bits, URL-safe, says what it names in logs.
 * The random bytes come from a pooled CSPRNG buffer (as crypto.randomUUID does): one randomBytes
 * call per 256 ids instead of one per id, which mattered on the claim path.
 */
export function newId(prefix: string): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return `${prefix}_${bytes.toString('base64url')}`;
}

/** Ids in paths are only ever compared for equality, but an absurd one is not worth a query. */
export const ID_PATTERN = /^[a-z]{1,4}_[A-Za-z0-9_-]{16,32}$/;
