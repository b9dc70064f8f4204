/**
 * The store contract: every adapter must pass the same suite against a real database
 * (nedb files on disk; MongoDB whenever MONGO_URL is set). No mocks here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { EmbeddedStore } from '../src/store/embedded';
import { MongoStore } from '../src/store/mongo';
import { containsText, paginate, type CollectionSpec, type Store } from '../src/store';
import { DuplicateKeyError } from '../src/domain/errors';
import { MONGO_URL, mongoAvailable } from './support/services';

interface Item {
  _id: string;
  name: string;
  code?: string;
  owner: string;
  slot: number;
  version: number;
  createdAt: Date;
  tags?: string[];
}

const ITEMS: CollectionSpec = {
  name: 'contract_items',
  indexes: [
    { fields: ['code'], unique: true, sparse: true },
    { fields: ['owner', 'slot'], unique: true },
    { fields: ['createdAt'] },
  ],
};

interface Adapter {
  name: string;
  open(): Promise<Store>;
  /** A new store instance over the same data (after close, or after a crash). */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

function embeddedAdapter(): Adapter {
  let dir = '';
  return {
    name: 'embedded (nedb on disk)',
    async open() {
      dir = mkdtempSync(path.join(os.tmpdir(), 'kcq-store-'));
      return new EmbeddedStore(dir);
    },
    async reopen() {
      return new EmbeddedStore(dir);
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function mongoAdapter(): Adapter {
  const dbUrl = () => {
    const u = new URL(MONGO_URL);
    u.pathname = `/kcq_contract_${process.pid}_${Date.now().toString(36)}`;
    return u.toString();
  };
  let url = '';
  return {
    name: 'mongo (mongoose)',
    async open() {
      url = dbUrl();
      return MongoStore.connect(url);
    },
    async reopen() {
      return MongoStore.connect(url);
    },
    async cleanup() {
      const s = await MongoStore.connect(url);
      await s.dropDatabase();
      await s.close();
    },
  };
}

const adapters: Adapter[] = [embeddedAdapter()];
if (mongoAvailable()) adapters.push(mongoAdapter());
else test.skip('MongoDB adapter contract — SKIPPED: MONGO_URL is not set', () => {});

let seq = 0;
function item(over: Partial<Item> = {}): Item {
  seq += 1;
  return {
    _id: `item-${String(seq).padStart(4, '0')}`,
    name: `第${seq}号`,
    owner: 'o1',
    slot: seq,
    version: 1,
    createdAt: new Date(Date.UTC(2026, 10, 1, 2, 0, seq)),
    ...over,
  };
}

describe.each(adapters)('store contract: $name', (adapter) => {
  let store: Store;
  beforeEach(async () => {
    store = await adapter.open();
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    await adapter.cleanup();
  });

  test('insert, read back by id and by filter, with Dates and arrays intact', async () => {
    const c = store.collection<Item>(ITEMS);
    const doc = item({ tags: ['a', 'b'] });
    await c.insert(doc);
    const byId = await c.findById(doc._id);
    expect(byId).toEqual(doc);
    expect(byId?.createdAt).toBeInstanceOf(Date);
    expect(await c.findOne({ name: doc.name })).toEqual(doc);
    expect(await c.findById('missing')).toBeNull();
  });

  test('changeStamp moves with every write where caching is allowed, and is null where it is not', async () => {
    const c = store.collection<Item>(ITEMS);
    const stamp = c.changeStamp();
    if (store.kind === 'mongo') {
      // Other instances write the same database: a reader must never cache.
      expect(stamp).toBeNull();
      return;
    }
    const seen = [stamp];
    const doc = item({ code: 'STAMP' });
    await c.insert(doc);
    seen.push(c.changeStamp());
    await c.insertMissing([item()]);
    seen.push(c.changeStamp());
    await c.updateOne({ _id: doc._id }, { $set: { name: 'renamed' } });
    seen.push(c.changeStamp());
    await c.updateOne({ _id: 'missing' }, { $set: { name: 'x' } });
    seen.push(c.changeStamp());
    await expect(c.insert(item({ code: 'STAMP' }))).rejects.toBeInstanceOf(DuplicateKeyError);
    seen.push(c.changeStamp());
    await c.deleteMany({ _id: doc._id });
    seen.push(c.changeStamp());
    expect(new Set(seen).size).toBe(seen.length);
    // Reads leave it alone; so does another collection's write.
    const before = c.changeStamp();
    await c.find({});
    await store.collection<Item>({ ...ITEMS, name: 'contract_items_other' }).insert(item());
    expect(c.changeStamp()).toBe(before);
    // A write in flight has already moved it: a read that overlaps the write can't be cached as current.
    const pending = c.insert(item());
    await Promise.resolve();
    const during = c.changeStamp();
    await pending;
    expect(c.changeStamp()).not.toBe(during);
  });

  test('insertMissing writes a batch and skips what a unique index refuses, also within the batch', async () => {
    const c = store.collection<Item>(ITEMS);
    const taken = item({ code: 'TAKEN' });
    await c.insert(taken);
    const fresh = [item(), item({ code: 'NEW' })];
    expect(await c.insertMissing(fresh)).toBe(2);
    const clash = [item({ code: 'TAKEN' }), item(), item({ code: 'TWICE' }), item({ code: 'TWICE' })];
    expect(await c.insertMissing(clash)).toBe(2);
    expect(await c.count({})).toBe(5);
    expect(await c.findOne({ code: 'TAKEN' })).toEqual(taken);
    expect(await c.findById(clash[1]._id)).toEqual(clash[1]);
    expect(await c.count({ code: 'TWICE' })).toBe(1);
    expect(await c.insertMissing([])).toBe(0);
  });

  test('filters: $in, ranges, $ne, $exists, $or', async () => {
    const c = store.collection<Item>(ITEMS);
    const docs = [item({ slot: 1 }), item({ slot: 2, code: 'X' }), item({ slot: 3 }), item({ slot: 4, owner: 'o2' })];
    for (const d of docs) await c.insert(d);
    const ids = async (f: object) => (await c.find(f as never)).map((d) => d._id);
    expect(await ids({ slot: { $in: [1, 3] } })).toEqual([docs[0]._id, docs[2]._id]);
    expect(await ids({ slot: { $gte: 2, $lt: 4 } })).toEqual([docs[1]._id, docs[2]._id]);
    expect(await ids({ owner: { $ne: 'o1' } })).toEqual([docs[3]._id]);
    expect(await ids({ code: { $exists: true } })).toEqual([docs[1]._id]);
    expect(await ids({ $or: [{ slot: 1 }, { owner: 'o2' }] })).toEqual([docs[0]._id, docs[3]._id]);
    expect(await c.count({ owner: 'o1' })).toBe(3);
  });

  test('projection: only the named fields and _id, Dates intact; with sort and limit, find’s order', async () => {
    const c = store.collection<Item>(ITEMS);
    const docs = [item({ slot: 1, tags: ['a'] }), item({ slot: 2, code: 'P' }), item({ slot: 3, owner: 'o2' })];
    for (const d of docs) await c.insert(d);
    const all = await c.project({ owner: 'o1' }, ['slot', 'createdAt']);
    expect([...all].sort((a, b) => a.slot - b.slot)).toEqual(docs.slice(0, 2).map((d) => ({ _id: d._id, slot: d.slot, createdAt: d.createdAt })));
    expect(all[0].createdAt).toBeInstanceOf(Date);
    // A field a document lacks is simply absent.
    expect(await c.project({ slot: { $in: [1, 2] } }, ['code'], { sort: { slot: 1 } })).toEqual([{ _id: docs[0]._id }, { _id: docs[1]._id, code: 'P' }]);
    expect(await c.project({}, ['slot'], { sort: { slot: -1 }, limit: 2 })).toEqual([
      { _id: docs[2]._id, slot: 3 },
      { _id: docs[1]._id, slot: 2 },
    ]);
    expect(await c.project({ owner: 'nobody' }, ['slot'])).toEqual([]);
  });

  test('updates: $set, $inc, $push, $unset return the updated document', async () => {
    const c = store.collection<Item>(ITEMS);
    const d = item({ code: 'C1', tags: [] });
    await c.insert(d);
    const u = await c.updateOne(
      { _id: d._id },
      { $set: { name: '改名' }, $inc: { version: 1 }, $push: { tags: 'x' }, $unset: { code: true } },
    );
    expect(u).toMatchObject({ _id: d._id, name: '改名', version: 2, tags: ['x'] });
    expect(u).not.toHaveProperty('code');
    expect(await c.findById(d._id)).toEqual(u);
  });

  test('delete removes only what matches', async () => {
    const c = store.collection<Item>(ITEMS);
    await c.insert(item({ owner: 'gone' }));
    await c.insert(item({ owner: 'gone' }));
    const kept = item();
    await c.insert(kept);
    expect(await c.deleteMany({ owner: 'gone' })).toBe(2);
    expect((await c.find({})).map((d) => d._id)).toEqual([kept._id]);
  });

  test('a unique index refuses a second document as DuplicateKeyError (code DUPLICATE) and keeps the first', async () => {
    const c = store.collection<Item>(ITEMS);
    const first = item({ code: 'UNIQ' });
    await c.insert(first);
    const err = await c.insert(item({ code: 'UNIQ' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateKeyError);
    expect((err as DuplicateKeyError).code).toBe('DUPLICATE');
    expect((err as DuplicateKeyError).fields).toEqual(['code']);
    expect(await c.count({ code: 'UNIQ' })).toBe(1);
    expect(await c.findOne({ code: 'UNIQ' })).toEqual(first);
  });

  test('compound unique index; sparse unique allows many documents without the field', async () => {
    const c = store.collection<Item>(ITEMS);
    await c.insert(item({ owner: 'a', slot: 7 }));
    await c.insert(item({ owner: 'b', slot: 7 }));
    await expect(c.insert(item({ owner: 'a', slot: 7 }))).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await c.count({ code: { $exists: false } })).toBe(2);
  });

  test('an update that would break a unique index is refused and changes nothing', async () => {
    const c = store.collection<Item>(ITEMS);
    await c.insert(item({ code: 'A' }));
    const b = item({ code: 'B' });
    await c.insert(b);
    await expect(c.updateOne({ _id: b._id }, { $set: { code: 'A' } })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect((await c.findById(b._id))?.code).toBe('B');
  });

  test('conditional update: of 20 concurrent writers holding version 1, exactly one wins', async () => {
    const c = store.collection<Item>(ITEMS);
    const d = item();
    await c.insert(d);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        c.updateOne({ _id: d._id, version: 1 }, { $set: { name: `writer-${i}` }, $inc: { version: 1 } }),
      ),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const stored = await c.findById(d._id);
    expect(stored?.version).toBe(2);
    expect(stored?.name).toBe(winners[0]?.name);
  });

  test('pagination: pages in (createdAt desc, _id desc) order never repeat or skip, ties included', async () => {
    const c = store.collection<Item>(ITEMS);
    const tie = new Date(Date.UTC(2026, 10, 2));
    const docs = Array.from({ length: 23 }, (_, i) => item(i % 3 === 0 ? { createdAt: tie } : {}));
    // Insert in a scrambled order: the order must come from the sort, not from insertion.
    for (const d of [...docs].reverse().sort((a, b) => (a.slot * 7) % 11 - (b.slot * 7) % 11)) await c.insert(d);
    const expected = [...docs]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1))
      .map((d) => d._id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof paginate<Item>>> = await paginate(c, {}, {
        field: 'createdAt',
        order: -1,
        limit: 5,
        cursor,
      });
      seen.push(...page.items.map((d) => d._id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toEqual(expected);
  });

  test('pagination in ascending order with a filter, and a forged cursor is a 400-class error', async () => {
    const c = store.collection<Item>(ITEMS);
    for (let i = 0; i < 7; i++) await c.insert(item({ owner: i % 2 ? 'odd' : 'even' }));
    const p1 = await paginate(c, { owner: 'even' }, { field: 'slot', order: 1, limit: 3 });
    const p2 = await paginate(c, { owner: 'even' }, { field: 'slot', order: 1, limit: 3, cursor: p1.nextCursor });
    expect(p1.items.map((d) => d.owner)).toEqual(['even', 'even', 'even']);
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    expect(p1.items[2].slot).toBeLessThan(p2.items[0].slot);
    await expect(paginate(c, {}, { field: 'slot', order: 1, limit: 3, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  test('substring search in Chinese; user text is matched literally, never as a regex', async () => {
    const c = store.collection<Item>(ITEMS);
    await c.insert(item({ name: '液相色谱-质谱联用仪' }));
    await c.insert(item({ name: '扫描电子显微镜 (SEM)' }));
    await c.insert(item({ name: 'GPU 算力 A800' }));
    const names = async (q: string) => (await c.find({ name: containsText(q) })).map((d) => d.name);
    expect(await names('质谱')).toEqual(['液相色谱-质谱联用仪']);
    expect(await names('(SEM)')).toEqual(['扫描电子显微镜 (SEM)']);
    expect(await names('a800')).toEqual(['GPU 算力 A800']);
    expect(await names('.*')).toEqual([]);
  });

  test('durability: what was written is read back by a new store instance after close', async () => {
    const c = store.collection<Item>(ITEMS);
    const d = item({ code: 'KEEP', tags: ['持久'] });
    await c.insert(d);
    await c.updateOne({ _id: d._id }, { $inc: { version: 1 } });
    await store.close();
    store = await adapter.reopen();
    const back = await store.collection<Item>(ITEMS).findById(d._id);
    expect(back).toEqual({ ...d, version: 2 });
    // Indexes still hold after reopening.
    await expect(store.collection<Item>(ITEMS).insert(item({ code: 'KEEP' }))).rejects.toBeInstanceOf(DuplicateKeyError);
  });
});

describe('embedded store durability across a crash', () => {
  test('a write acknowledged before SIGKILL is read back by the next process', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kcq-crash-'));
    try {
      const script = `
        const { EmbeddedStore } = require('./src/store/embedded');
        const store = new EmbeddedStore(${JSON.stringify(dir)});
        const c = store.collection({ name: 'crash', indexes: [] });
        c.insert({ _id: 'acked', at: new Date(0) }).then(() => {
          process.stdout.write('acked\\n');
          process.kill(process.pid, 'SIGKILL');
        });`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: path.resolve(__dirname, '..'),
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(child.signal).toBe('SIGKILL');
      expect(child.stdout).toContain('acked');
      return (async () => {
        const reopened = new EmbeddedStore(dir);
        expect(await reopened.collection<{ _id: string; at: Date }>({ name: 'crash', indexes: [] }).findById('acked')).toEqual({
          _id: 'acked',
          at: new Date(0),
        });
        await reopened.close();
      })().finally(() => rmSync(dir, { recursive: true, force: true }));
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  });
});
