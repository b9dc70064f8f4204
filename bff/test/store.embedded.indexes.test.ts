import { embeddedIndexes } from '../src/store/embedded';
import { VOUCHERS } from '../src/domain/vouchers';
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
