import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { EmbeddedStore, embeddedIndexes } from '../src/store/embedded';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import { AUDIT } from '../src/domain/audit';

// The embedded adapter's index plan (the store contract suite checks the behaviour on every adapter).
describe('embeddedIndexes', () => {
  test('a unique compound index stays compound: it is what enforces the uniqueness', () => {
    expect(embeddedIndexes(AUDIT.indexes)).toEqual([{ fieldName: ['voucherId', 'seq'], unique: true, sparse: false }]);
  });

  test('a non-unique compound index becomes an index on its leading field, which nedb can use for a query on it', () => {
    expect(embeddedIndexes(VOUCHERS.indexes)).toEqual([
      { fieldName: 'applicantId', unique: false, sparse: false },
      { fieldName: 'periodId', unique: false, sparse: false },
      { fieldName: 'status', unique: false, sparse: false },
    ]);
  });

  test('a field indexed twice gets one index, the unique one when either is', () => {
    expect(embeddedIndexes([{ fields: ['a', 'b'] }, { fields: ['a'], unique: true }, { fields: ['a', 'c'] }])).toEqual([
      { fieldName: 'a', unique: true, sparse: false },
    ]);
  });
});

test('a data file written by an earlier version drops the compound index it recorded, and keeps its documents', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kcq-idx-'));
  try {
    const file = path.join(dir, `${VOUCHERS.name}.db`);
    const old = new Datastore({ filename: file });
    await old.loadDatabaseAsync();
    await old.ensureIndexAsync({ fieldName: ['applicantId', 'claimedAt'] });
    await old.insertAsync({ _id: 'vch_1', applicantId: 'ap_1', periodId: 'per_1', claimedAt: new Date(), status: 'claimed' });

    const store = new EmbeddedStore(dir);
    expect(await store.collection<VoucherDoc>(VOUCHERS).find({ applicantId: 'ap_1' })).toHaveLength(1);
    await store.close();

    const reopened = new Datastore({ filename: file });
    await reopened.loadDatabaseAsync();
    expect(Object.keys((reopened as unknown as { indexes: object }).indexes).sort()).toEqual(['_id', 'applicantId', 'periodId', 'status']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
