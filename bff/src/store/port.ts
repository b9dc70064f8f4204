/**
 * The store port: what the domain needs from a document database, nothing more.
 *
 * Filters and updates are the subset of MongoDB's query language that @seald-io/nedb also speaks,
 * so both adapters pass them through unchanged. Stay inside this subset: equality, $in, $nin, $ne,
 * $gt/$gte/$lt/$lte, $exists, $regex (always built by `containsText`, never from raw user text),
 * $or/$and; updates with $set, $unset, $inc, $push.
 */

export interface BaseDoc {
  _id: string;
}

type Comparable = string | number | Date | boolean | null;

export type FieldCondition<V> =
  | V
  | {
      $in?: V[];
      $nin?: V[];
      $ne?: V | null;
      $gt?: V & Comparable;
      $gte?: V & Comparable;
      $lt?: V & Comparable;
      $lte?: V & Comparable;
      $exists?: boolean;
      $regex?: RegExp;
    };

/** Keys are field names or dotted paths into sub-documents. */
export type Filter<T> = {
  [K in keyof T]?: FieldCondition<T[K]>;
} & {
  [path: string]: unknown;
  $or?: Filter<T>[];
  $and?: Filter<T>[];
};

export interface Update<T> {
  $set?: Partial<T> & Record<string, unknown>;
  $unset?: Partial<Record<keyof T | string, true>>;
  $inc?: Partial<Record<keyof T | string, number>>;
  $push?: Partial<Record<keyof T | string, unknown>>;
}

export type SortOrder = 1 | -1;
/** A sort must end with `_id` so that pages are stable; `find` adds it when missing. */
export type Sort<T> = Partial<Record<keyof T | string, SortOrder>>;

export interface FindOptions<T> {
  sort?: Sort<T>;
  limit?: number;
  skip?: number;
}

export interface Collection<T extends BaseDoc> {
  readonly name: string;
  /** Throws DuplicateKeyError when a unique index refuses the document. */
  insert(doc: T): Promise<T>;
  /**
   * Inserts every document a unique index does not refuse, in one write where the adapter can
   * (group commit); refused ones are skipped. Returns how many were inserted.
   */
  insertMissing(docs: T[]): Promise<number>;
  findById(id: string): Promise<T | null>;
  findOne(filter: Filter<T>): Promise<T | null>;
  find(filter: Filter<T>, options?: FindOptions<T>): Promise<T[]>;
  /**
   * A projection query: the matching documents with only `fields` (and `_id`), for scans that need a
   * few fields of many documents (statistics). Without `sort`, `skip` or `limit` the order is the
   * adapter's own, so no sort is paid for; with any of them it is `find`'s stable order.
   */
  project<K extends keyof T & string>(filter: Filter<T>, fields: readonly K[], options?: FindOptions<T>): Promise<Pick<T, K | '_id'>[]>;
  count(filter: Filter<T>): Promise<number>;
  /**
   * Conditional update of one document: applies `update` to the document matching `filter`
   * and returns it as updated, or null when nothing matched (the precondition lost a race).
   * Throws DuplicateKeyError when the update breaks a unique index.
   */
  updateOne(filter: Filter<T>, update: Update<T>): Promise<T | null>;
  /** Returns how many documents were removed. */
  deleteMany(filter: Filter<T>): Promise<number>;
  /**
   * A number that changes whenever a write to this collection starts or ends, where this process is
   * the only writer (embedded: one process owns the file), so a reader may cache what it read while
   * the stamp stays the same. Null where other processes write too (MongoDB): do not cache then.
   */
  changeStamp(): number | null;
}

export interface IndexSpec {
  fields: string[];
  unique?: boolean;
  /** Unique only among documents that have the field (optional unique fields). */
  sparse?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

export interface Store {
  readonly kind: 'embedded' | 'mongo';
  collection<T extends BaseDoc>(spec: CollectionSpec): Collection<T>;
  /** Cheap reachability check for /readyz. */
  ping(): Promise<void>;
  /** Flushes and releases resources; the store is unusable afterwards. */
  close(): Promise<void>;
}

/** Escapes user text for a case-insensitive substring match (search boxes are text, never regex). */
export function containsText(text: string): { $regex: RegExp } {
  return { $regex: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') };
}

/** Sorts always end with _id so that equal keys keep one order on every adapter. */
export function stableSort<T>(sort: Sort<T> | undefined): Sort<T> {
  const s: Record<string, SortOrder> = { ...(sort as Record<string, SortOrder>) };
  if (!('_id' in s)) s._id = 1;
  return s as Sort<T>;
}
