import { DomainError } from '../domain/errors';
import type { BaseDoc, Collection, Filter, Sort } from './port';

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

type Key = string | number | Date;

function encode(value: Key, id: string): string {
  const v = value instanceof Date ? { d: value.toISOString() } : { v: value };
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

function decode(cursor: string): [Key, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      { d?: string; v?: string | number },
      string,
    ];
    const value = v.d !== undefined ? new Date(v.d) : v.v;
    if (value === undefined || typeof id !== 'string') throw new Error('shape');
    return [value, id];
  } catch {
    throw new DomainError('VALIDATION_FAILED', '翻页参数无效，请从第一页重新加载', {
      fields: [{ path: 'query.cursor', code: 'invalid_cursor', message: '翻页参数无效' }],
    });
  }
}

/**
 * Keyset pagination on (field, _id): a page starts strictly after the last item of the previous
 * one, so pages never repeat or skip an item while the data is unchanged, on every adapter
 * (unlike skip/limit, which shifts when rows are inserted in front).
 */
export async function paginate<T extends BaseDoc>(
  collection: Collection<T>,
  filter: Filter<T>,
  opts: { field: keyof T & string; order: 1 | -1; limit: number; cursor?: string | null },
): Promise<Page<T>> {
  const { field, order, limit } = opts;
  let where: Filter<T> = filter;
  if (opts.cursor) {
    const [value, id] = decode(opts.cursor);
    const beyond = order === 1 ? '$gt' : '$lt';
    const after = { $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { [beyond]: id } }] } as Filter<T>;
    where = { $and: [filter, after] } as Filter<T>;
  }
  const rows = await collection.find(where, {
    sort: { [field]: order, _id: order } as Sort<T>,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encode(last[field] as Key, last._id) : null;
  return { items, nextCursor };
}
