import { randomBytes } from 'node:crypto';

/** A short prefixed random id (`u_…`, `ap_…`): 128 bits, URL-safe, says what it names in logs. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/** Ids in paths are only ever compared for equality, but an absurd one is not worth a query. */
export const ID_PATTERN = /^[a-z]{1,4}_[A-Za-z0-9_-]{16,32}$/;
