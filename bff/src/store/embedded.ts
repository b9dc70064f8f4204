import path from 'node:path';
import { mkdirSync } from 'node:fs';
import Datastore from '@seald-io/nedb';
import { DuplicateKeyError } from '../domain/errors';
import {
  stableSort,
  type BaseDoc,
  type Collection,
  type CollectionSpec,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Store,
  type Update,
} from './port';

/**
 * The default store: @seald-io/nedb, one append-only file per collection under DATA_DIR.
 * Single-process by design (it is what `npm start` runs on a bare machine); nedb queues every
 * operation of a datastore, so a conditional update is atomic within the process.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, EmbeddedCollection<BaseDoc>>();
  private closed = false;

  constructor(private readonly dataDir: string | null) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
  }

  /** An in-memory store (nothing on disk), for fast domain tests. */
  static inMemory(): EmbeddedStore {
    return new EmbeddedStore(null);
  }

  collection<T extends BaseDoc>(spec: CollectionSpec): Collection<T> {
    if (this.closed) throw new Error('store is closed');
    let c = this.collections.get(spec.name);
    if (!c) {
      const filename = this.dataDir ? path.join(this.dataDir, `${spec.name}.db`) : undefined;
      c = new EmbeddedCollection<BaseDoc>(spec, filename);
      this.collections.set(spec.name, c);
    }
    return c as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('store is closed');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Compaction rewrites each file to its current state, so the next start loads it fast.
    await Promise.all([...this.collections.values()].map((c) => c.close()));
  }
}

/**
 * The indexes nedb should keep for a collection's declared ones. A unique compound index stays
 * compound (it enforces the uniqueness). A non-unique one becomes an index on its leading field:
 * nedb only uses a compound index for a query that matches every one of its fields by equality
 * (never the case for `applicantId, claimedAt`-style sort indexes), while each insert pays for it
 * with object-key comparisons (about half of a voucher insert's CPU in the claim burst).
 */
export function embeddedIndexes(declared: IndexSpec[]): { fieldName: string | string[]; unique: boolean; sparse: boolean }[] {
  const out = new Map<string, { fieldName: string | string[]; unique: boolean; sparse: boolean }>();
  for (const index of declared) {
    const unique = index.unique ?? false;
    const sparse = index.sparse ?? false;
    const fields = unique ? index.fields : index.fields.slice(0, 1);
    const key = fields.join(',');
    // A field declared twice keeps the stricter index (unique wins over a leading-field one).
    if (!out.has(key) || unique) out.set(key, { fieldName: fields.length === 1 ? fields[0] : fields, unique, sparse });
  }
  return [...out.values()];
}

class EmbeddedCollection<T extends BaseDoc> implements Collection<T> {
  readonly name: string;
  private readonly db: Datastore;
  private readonly ready: Promise<void>;
  private readonly spec: CollectionSpec;
  private readonly onDisk: boolean;
  private stamp = 0;

  constructor(spec: CollectionSpec, filename: string | undefined) {
    this.spec = spec;
    this.name = spec.name;
    this.onDisk = filename !== undefined;
    const db = new Datastore(filename ? { filename } : { inMemoryOnly: true });
    this.db = db;
    this.ready = (async () => {
      await db.loadDatabaseAsync();
      const plan = embeddedIndexes(spec.indexes);
      for (const index of plan) await db.ensureIndexAsync(index);
      // nedb recreates the indexes its data file recorded; drop those this version no longer plans
      // (the compound ones of earlier versions), or every insert would still pay for them.
      const planned = new Set(plan.map((i) => [i.fieldName].flat().sort().join(',')));
      // `indexes` is a public property of nedb's Datastore that its type declarations leave out.
      for (const name of Object.keys((db as unknown as { indexes: Record<string, unknown> }).indexes)) {
        if (name !== '_id' && !planned.has(name)) await db.removeIndexAsync(name);
      }
    })();
  }

  changeStamp(): number {
    return this.stamp;
  }

  /** Bumps the stamp when a write starts and when it ends, so no read overlapping it looks unchanged. */
  private async write<R>(fn: () => Promise<R>): Promise<R> {
    this.stamp += 1;
    try {
      return await fn();
    } finally {
      this.stamp += 1;
    }
  }

  async insert(doc: T): Promise<T> {
    await this.ready;
    return this.write(async () => {
      try {
        return (await this.db.insertAsync(doc as never)) as unknown as T;
      } catch (err) {
        throw this.mapError(err, doc);
      }
    });
  }

  async insertMissing(docs: T[]): Promise<number> {
    if (docs.length === 0) return 0;
    await this.ready;
    return this.write(() => this.insertEach(docs));
  }

  private async insertEach(docs: T[]): Promise<number> {
    try {
      // One append for the whole batch; nedb rolls a batch a unique index refuses back entirely.
      await this.db.insertAsync(docs as never[]);
      return docs.length;
    } catch (err) {
      if ((err as { errorType?: string })?.errorType !== 'uniqueViolated') throw this.forgetUnwritten(docs, err);
    }
    let inserted = 0;
    for (const doc of docs) {
      try {
        await this.db.insertAsync(doc as never);
        inserted += 1;
      } catch (err) {
        if ((err as { errorType?: string })?.errorType !== 'uniqueViolated') throw this.forgetUnwritten([doc], err);
      }
    }
    return inserted;
  }

  /**
   * nedb puts an inserted document in memory before appending it to the file, and keeps it there when the
   * append fails (disk full, I/O error). Left there, a retried insert would be refused as a duplicate and
   * counted as stored although the file never got it (issue #20: an outbox entry acknowledged, then lost at
   * the next start). So the documents of a failed append are taken out of memory again.
   */
  private forgetUnwritten(docs: T[], err: unknown): unknown {
    // `indexes` and `_removeFromIndexes` are nedb internals its type declarations leave out.
    const db = this.db as unknown as { indexes: Record<string, { getMatching(v: unknown): object[] }>; _removeFromIndexes(doc: object): void };
    for (const doc of docs) {
      for (const cached of db.indexes._id.getMatching(doc._id)) db._removeFromIndexes(cached);
    }
    this.stamp += 1;
    return err;
  }

  async findById(id: string): Promise<T | null> {
    return this.findOne({ _id: id } as Filter<T>);
  }

  async findOne(filter: Filter<T>): Promise<T | null> {
    await this.ready;
    return ((await this.db.findOneAsync(filter)) as unknown as T) ?? null;
  }

  async find(filter: Filter<T>, options: FindOptions<T> = {}): Promise<T[]> {
    await this.ready;
    let cursor = this.db.findAsync(filter).sort(stableSort(options.sort));
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor) as unknown as T[];
  }

  async project<K extends keyof T & string>(
    filter: Filter<T>,
    fields: readonly K[],
    options: FindOptions<T> = {},
  ): Promise<Pick<T, K | '_id'>[]> {
    await this.ready;
    // Picked here rather than with nedb's own projection, which runs an update per document (2–3× slower
    // over 100k documents); the data is in memory either way, so what a projection saves is the caller's heap.
    let cursor = this.db.findAsync(filter);
    if (options.sort || options.skip || options.limit !== undefined) cursor = cursor.sort(stableSort(options.sort));
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    const docs = (await cursor) as unknown as Record<string, unknown>[];
    return docs.map((d) => {
      const out: Record<string, unknown> = { _id: d._id };
      for (const f of fields) if (d[f] !== undefined) out[f] = d[f];
      return out as Pick<T, K | '_id'>;
    });
  }

  async count(filter: Filter<T>): Promise<number> {
    await this.ready;
    return (await this.db.countAsync(filter)) as unknown as number;
  }

  async updateOne(filter: Filter<T>, update: Update<T>): Promise<T | null> {
    await this.ready;
    return this.write(async () => {
      try {
        const res = await this.db.updateAsync(filter, update, { multi: false, returnUpdatedDocs: true });
        return res.numAffected === 0 ? null : (res.affectedDocuments as unknown as T);
      } catch (err) {
        throw this.mapError(err, (update.$set ?? {}) as Partial<T>);
      }
    });
  }

  async deleteMany(filter: Filter<T>): Promise<number> {
    await this.ready;
    return this.write(() => this.db.removeAsync(filter, { multi: true }));
  }

  async close(): Promise<void> {
    await this.ready;
    if (!this.onDisk) return;
    await this.db.compactDatafileAsync();
  }

  private mapError(err: unknown, doc: Partial<T>): unknown {
    if ((err as { errorType?: string })?.errorType !== 'uniqueViolated') return err;
    // nedb names the clashing key, not the index: find the unique index the document touches.
    const unique = this.spec.indexes.filter((i) => i.unique);
    const hit =
      unique.find((i) => i.fields.some((f) => f in (doc as object))) ?? unique[0] ?? { fields: [] as string[] };
    return new DuplicateKeyError(this.name, hit.fields);
  }
}
