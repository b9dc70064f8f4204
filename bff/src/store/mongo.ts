import mongoose, { type Connection, type Model } from 'mongoose';
import { DuplicateKeyError } from '../domain/errors';
import {
  stableSort,
  type BaseDoc,
  type Collection,
  type CollectionSpec,
  type Filter,
  type FindOptions,
  type Store,
  type Update,
} from './port';

/**
 * The production store: MongoDB through mongoose. Each collection gets a mongoose schema that
 * declares its indexes (unique ones enforce the domain's uniqueness rules); documents stay
 * schemaless beyond that because the domain validates them with zod before they get here.
 * Conditional updates are single findOneAndUpdate calls, atomic on the server.
 */
export class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  private readonly models = new Map<string, MongoCollection<BaseDoc>>();

  private constructor(private readonly conn: Connection) {}

  static async connect(url: string): Promise<MongoStore> {
    const conn = mongoose.createConnection(url, { serverSelectionTimeoutMS: 5_000, autoIndex: false });
    await conn.asPromise();
    return new MongoStore(conn);
  }

  collection<T extends BaseDoc>(spec: CollectionSpec): Collection<T> {
    let c = this.models.get(spec.name);
    if (!c) {
      const schema = new mongoose.Schema(
        { _id: { type: String, required: true } },
        { strict: false, versionKey: false, collection: spec.name, autoIndex: false, id: false },
      );
      for (const index of spec.indexes) {
        const fields = Object.fromEntries(index.fields.map((f) => [f, 1 as const]));
        schema.index(fields, { unique: index.unique ?? false, sparse: index.sparse ?? false });
      }
      const model = this.conn.model(spec.name, schema);
      c = new MongoCollection<BaseDoc>(spec.name, model);
      this.models.set(spec.name, c);
    }
    return c as unknown as Collection<T>;
  }

  async ping(): Promise<void> {
    const db = this.conn.db;
    if (!db) throw new Error('MongoDB is not connected');
    await db.admin().ping();
  }

  /** Drops the whole database: test clean-up only. */
  async dropDatabase(): Promise<void> {
    await this.conn.dropDatabase();
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}

class MongoCollection<T extends BaseDoc> implements Collection<T> {
  private readonly indexed: Promise<unknown>;

  constructor(
    readonly name: string,
    private readonly model: Model<any>,
  ) {
    // Indexes must exist before the first write, or a unique rule could be bypassed.
    this.indexed = model.createIndexes();
  }

  /** Other instances write the same database: nothing read from it may be cached. */
  changeStamp(): null {
    return null;
  }

  async insert(doc: T): Promise<T> {
    await this.indexed;
    try {
      await this.model.collection.insertOne(doc as never);
      return { ...doc };
    } catch (err) {
      throw mapError(this.name, err);
    }
  }

  async insertMissing(docs: T[]): Promise<number> {
    if (docs.length === 0) return 0;
    await this.indexed;
    try {
      // Unordered: every document is tried; duplicates fail alone.
      const res = await this.model.collection.insertMany(docs as never[], { ordered: false });
      return res.insertedCount;
    } catch (err) {
      const e = err as { code?: number; writeErrors?: { code?: number }[]; result?: { insertedCount?: number }; insertedCount?: number };
      const errors = e.writeErrors ?? [];
      const onlyDuplicates = errors.length > 0 ? errors.every((w) => w.code === 11000) : e.code === 11000;
      if (!onlyDuplicates) throw err;
      return e.insertedCount ?? e.result?.insertedCount ?? docs.length - errors.length;
    }
  }

  async findById(id: string): Promise<T | null> {
    return this.findOne({ _id: id } as Filter<T>);
  }

  async findOne(filter: Filter<T>): Promise<T | null> {
    await this.indexed;
    return (await this.model.findOne(filter as never).lean()) as T | null;
  }

  async find(filter: Filter<T>, options: FindOptions<T> = {}): Promise<T[]> {
    await this.indexed;
    let q = this.model.find(filter as never).sort(stableSort(options.sort) as Record<string, 1 | -1>);
    if (options.skip) q = q.skip(options.skip);
    if (options.limit !== undefined) q = q.limit(options.limit);
    return (await q.lean()) as T[];
  }

  async project<K extends keyof T & string>(
    filter: Filter<T>,
    fields: readonly K[],
    options: FindOptions<T> = {},
  ): Promise<Pick<T, K | '_id'>[]> {
    await this.indexed;
    // The server sends only the projected fields; lean() skips mongoose documents.
    let q = this.model.find(filter as never, Object.fromEntries([['_id', 1], ...fields.map((f) => [f, 1])]));
    if (options.sort || options.skip || options.limit !== undefined) q = q.sort(stableSort(options.sort) as Record<string, 1 | -1>);
    if (options.skip) q = q.skip(options.skip);
    if (options.limit !== undefined) q = q.limit(options.limit);
    return (await q.lean()) as Pick<T, K | '_id'>[];
  }

  async count(filter: Filter<T>): Promise<number> {
    await this.indexed;
    return this.model.countDocuments(filter as never);
  }

  async updateOne(filter: Filter<T>, update: Update<T>): Promise<T | null> {
    await this.indexed;
    try {
      return (await this.model
        .findOneAndUpdate(filter as never, update as never, { new: true, strict: false })
        .lean()) as T | null;
    } catch (err) {
      throw mapError(this.name, err);
    }
  }

  async deleteMany(filter: Filter<T>): Promise<number> {
    await this.indexed;
    const res = await this.model.deleteMany(filter as never);
    return res.deletedCount;
  }
}

function mapError(collection: string, err: unknown): unknown {
  const e = err as { code?: number; keyPattern?: Record<string, unknown> };
  if (e?.code === 11000) return new DuplicateKeyError(collection, Object.keys(e.keyPattern ?? {}));
  return err;
}
