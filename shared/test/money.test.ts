import { assertFen, fenToYuan, formatFen, isFen, isNonNegativeFen, isWholeYuanFen, parseYuanToFen, yuanToFen } from '../src/money';

describe('money in integer fen (第十二条 amounts)', () => {
  test.each([
    [50_000, 5_000_000],
    [1_000, 100_000],
    [0.1, 10],
    [0.29, 29], // 0.29 * 100 = 28.999999999999996 in binary floating point
    [1234.56, 123_456],
    [200_000_000, 20_000_000_000],
    [0, 0],
  ])('第十二条: yuanToFen(%p) = %p', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  test.each([[1.005], [0.001], [Number.NaN], [Number.POSITIVE_INFINITY], [1e20]])(
    '第十二条: yuanToFen(%p) throws (more than two decimals or not representable)',
    (yuan) => {
      expect(() => yuanToFen(yuan)).toThrow(RangeError);
    },
  );

  test('第十二条: yuanToFen(-0) is 0, not -0', () => {
    expect(Object.is(yuanToFen(-0), 0)).toBe(true);
  });

  test('第十二条: fenToYuan divides by 100 and rejects non-integers', () => {
    expect(fenToYuan(5_000_000)).toBe(50_000);
    expect(fenToYuan(49_999)).toBe(499.99);
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });

  test.each([
    [5_000_000, '50,000.00 元'],
    [20_000_000_000, '200,000,000.00 元'],
    [100, '1.00 元'],
    [5, '0.05 元'],
    [0, '0.00 元'],
    [123_456_789, '1,234,567.89 元'],
    [99_999, '999.99 元'],
    [-12_345, '-123.45 元'],
  ])('第十二条: formatFen(%p) = %p', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  test('第十二条: formatFen without unit', () => {
    expect(formatFen(100_000, { unit: false })).toBe('1,000.00');
  });

  test.each([
    ['1000', 100_000],
    [' 50,000.00 ', 5_000_000],
    ['1.5', 150],
    ['0.05', 5],
    ['1000元', 100_000],
    ['abc', null],
    ['1.234', null],
    ['-5', null],
    ['', null],
  ])('第十二条: parseYuanToFen(%p) = %p', (input, fen) => {
    expect(parseYuanToFen(input)).toBe(fen);
  });

  test('第十二条: integer guards', () => {
    expect(isFen(100)).toBe(true);
    expect(isFen(-100)).toBe(true);
    expect(isFen(1.5)).toBe(false);
    expect(isFen('100')).toBe(false);
    expect(isFen(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isNonNegativeFen(-1)).toBe(false);
    expect(isNonNegativeFen(0)).toBe(true);
    expect(isWholeYuanFen(100_000)).toBe(true);
    expect(isWholeYuanFen(100_050)).toBe(false);
    expect(() => assertFen(0.5, 'x')).toThrow('x must be a safe integer number of fen');
    expect(() => assertFen(7)).not.toThrow();
  });
});
