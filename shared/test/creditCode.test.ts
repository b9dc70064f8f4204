import fc from 'fast-check';
import {
  computeCreditCodeCheckChar,
  computeOrgCodeCheckChar,
  CREDIT_CODE_CHARSET,
  normalizeCreditCode,
  validateCreditCode,
} from '../src/policy/creditCode';

/**
 * Published codes of well-known companies (national enterprise credit information publicity system).
 * Each satisfies both independent checks (GB 11714 mod 11 and GB 32100 mod 31), which a misremembered
 * string would do only about once in 341 tries.
 */
const REAL_CODES: [string, string, boolean][] = [
  ['91110000802100433B', '北京百度网讯科技有限公司', true],
  ['91110108551385082Q', '小米科技有限责任公司', true],
  ['9111000071093123XX', '国家电网有限公司 (org check char X and final check char X)', true],
  ['914403001922038216', '华为技术有限公司', false],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司', false],
  ['91330100799655058B', '阿里巴巴（中国）有限公司', false],
  ['91310000MA1FL1MMXL', '特斯拉（上海）有限公司 (letters in the organisation code)', false],
];

/**
 * Synthetic fixtures: known-good structures whose two check characters were computed with
 * computeOrgCodeCheckChar / computeCreditCodeCheckChar and pinned here.
 */
const SYNTHETIC: [string, string, boolean, boolean][] = [
  // code, region, isBeijing, isEnterprise
  ['91110108MA01B2C344', '110108', true, true], // enterprise, Haidian
  ['911101051234567883', '110105', true, true], // enterprise, Chaoyang
  ['91310115MA1K4L5M8D', '310115', false, true], // enterprise, Shanghai Pudong
  ['12100000400012342E', '100000', false, false], // public institution registered nationally
  ['52110108500123453X', '110108', true, false], // private non-enterprise unit, Beijing
  ['92110105MA0Q7R8T0W', '110105', true, false], // individual business, Beijing
  ['91110108MA00000070', '110108', true, true], // final check value 0 (Σ mod 31 = 0), see the hand calculation
  ['91110108MA0000197Y', '110108', true, true], // final check value 30, the last character of the set
];

describe('unified social credit code, GB 32100-2015 (第七条第二项 legal-person identity)', () => {
  test.each(REAL_CODES)('第七条第二项: real published code %s (%s) is valid; Beijing = %p', (code, _name, beijing) => {
    const r = validateCreditCode(code);
    expect(r).toMatchObject({ valid: true, normalized: code, regionCode: code.slice(2, 8), isBeijing: beijing, isEnterprise: true });
  });

  test('第七条第二项: hand-calculated check characters for 91110000802100433B', () => {
    // GB 11714 over "80210043": 8·3+0·7+2·9+1·10+0·5+0·8+4·4+3·2 = 74; 74 mod 11 = 8; 11−8 = 3 → "3".
    expect(computeOrgCodeCheckChar('80210043')).toBe('3');
    // GB 32100 over "91110000802100433": 9·1+1·3+1·9+1·27+0+0+0+0+8·20+0·29+2·25+1·13+0·8+0·24+4·10+3·30+3·28
    //   = 9+3+9+27+160+50+13+40+90+84 = 485; 485 mod 31 = 20; 31−20 = 11 → charset[11] = "B".
    expect(computeCreditCodeCheckChar('91110000802100433')).toBe('B');
    // GB 11714 with letters: "MA01B2C3" → M=22, A=10, B=11, C=12:
    // 22·3+10·7+0·9+1·10+11·5+2·8+12·4+3·2 = 66+70+0+10+55+16+48+6 = 271; 271 mod 11 = 7; 11−7 = 4 → "4".
    expect(computeOrgCodeCheckChar('MA01B2C3')).toBe('4');
    // Check values 10 and 11: "71093123" → 7·3+1·7+0+9·10+3·5+1·8+2·4+3·2 = 21+7+90+15+8+8+6 = 155; 155 mod 11 = 1; 11−1 = 10 → "X".
    expect(computeOrgCodeCheckChar('71093123')).toBe('X');
    // "00000000" → sum 0; 11−0 = 11 → "0".
    expect(computeOrgCodeCheckChar('00000000')).toBe('0');
    // "MA000000" → 22·3+10·7 = 136; 136 mod 11 = 4; 11−4 = 7 → "7". Then GB 32100 over "91110108MA0000007":
    // 9·1+1·3+1·9+1·27+0·19+1·26+0·16+8·17+21·20+10·29+0+…+0+7·28 = 9+3+9+27+26+136+420+290+196 = 1116 = 31·36,
    // so Σ mod 31 = 0 and the check is (31−0) mod 31 = 0 → "0" (not "Y"/31).
    expect(computeOrgCodeCheckChar('MA000000')).toBe('7');
    expect(computeCreditCodeCheckChar('91110108MA0000007')).toBe('0');
  });

  test.each(SYNTHETIC)('第七条第二项: synthetic fixture %s has region %s, Beijing %p, enterprise %p', (code, region, beijing, enterprise) => {
    expect(validateCreditCode(code)).toEqual({ valid: true, normalized: code, regionCode: region, isBeijing: beijing, isEnterprise: enterprise });
    expect(computeCreditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  test.each([
    ['', 'CREDIT_CODE_EMPTY'],
    ['   ', 'CREDIT_CODE_EMPTY'],
    ['91110000802100433', 'CREDIT_CODE_LENGTH'], // 17
    ['91110000802100433BB', 'CREDIT_CODE_LENGTH'], // 19
    ['91110000802I00433B', 'CREDIT_CODE_CHARSET'],
    ['91110000802O00433B', 'CREDIT_CODE_CHARSET'],
    ['91110000802Z00433B', 'CREDIT_CODE_CHARSET'],
    ['91110000802S00433B', 'CREDIT_CODE_CHARSET'],
    ['91110000802V00433B', 'CREDIT_CODE_CHARSET'],
    ['911100008021-0433B', 'CREDIT_CODE_CHARSET'],
    ['01110000802100433B', 'CREDIT_CODE_AUTHORITY'],
    ['H1110000802100433B', 'CREDIT_CODE_AUTHORITY'],
    ['94110000802100433B', 'CREDIT_CODE_ORG_TYPE'], // 工商 has types 1–3 only
    ['Y2110000802100433B', 'CREDIT_CODE_ORG_TYPE'], // 其他 has type 1 only
    ['91990000802100433B', 'CREDIT_CODE_REGION'], // province 99 does not exist
    ['91A10000802100433B', 'CREDIT_CODE_REGION'], // division must be digits
    ['911100008021004339', 'CREDIT_CODE_CHECK'],
    ['911100008021004324', 'CREDIT_CODE_ORG_CHECK'], // position 17 should be 3
    ['91110000802100533B', 'CREDIT_CODE_ORG_CHECK'], // a typo in the organisation code body
  ])('第七条第二项: %p is rejected with %s', (input, code) => {
    const r = validateCreditCode(input);
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(/统一社会信用代码/);
    expect(r.regionCode).toBeNull();
    expect(r.isBeijing).toBe(false);
  });

  test('第七条第二项: wrong-length message states the length', () => {
    const r = validateCreditCode('9111');
    expect(r.valid || r.message).toBe('统一社会信用代码应为18位，当前为4位');
  });

  test('第七条第二项: every wrong final check character is rejected', () => {
    const good = '91110000802100433B';
    const wrong = [...CREDIT_CODE_CHARSET].filter((c) => c !== 'B');
    expect(wrong).toHaveLength(30);
    for (const c of wrong) {
      const r = validateCreditCode(good.slice(0, 17) + c);
      expect(r.valid ? 'valid' : r.code).toBe('CREDIT_CODE_CHECK');
    }
  });

  test('第七条第二项: lowercase, surrounding spaces and full-width input are normalised', () => {
    expect(validateCreditCode('  91110108551385082q  ')).toMatchObject({ valid: true, normalized: '91110108551385082Q', isBeijing: true });
    expect(validateCreditCode('91310000ma1fl1mmxl')).toMatchObject({ valid: true, normalized: '91310000MA1FL1MMXL', isBeijing: false });
    expect(normalizeCreditCode('９１１１ ００００８０２１００４３３Ｂ')).toBe('91110000802100433B');
    expect(validateCreditCode('９１１１００００８０２１００４３３ｂ').valid).toBe(true);
    // A lowercase i becomes I, which the set excludes.
    const r = validateCreditCode('91110000802i00433B');
    expect(r.valid ? 'valid' : r.code).toBe('CREDIT_CODE_CHARSET');
  });

  test('第七条第二项: Beijing is division code 11xxxx, other provinces are not', () => {
    expect(validateCreditCode('91110000802100433B')).toMatchObject({ isBeijing: true, regionCode: '110000' });
    expect(validateCreditCode('914403001922038216')).toMatchObject({ isBeijing: false, regionCode: '440300' });
  });

  test('第七条第二项: property — any single-character substitution in positions 1–17 is detected', () => {
    const valid = [...REAL_CODES.map((r) => r[0]), ...SYNTHETIC.map((s) => s[0])];
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom(...CREDIT_CODE_CHARSET),
        (code, pos, ch) => {
          fc.pre(code[pos] !== ch);
          const mutated = code.slice(0, pos) + ch + code.slice(pos + 1);
          expect(validateCreditCode(mutated).valid).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('第七条第二项: property — a structure completed with computed check characters validates', () => {
    const bodyChar = fc.constantFrom(...CREDIT_CODE_CHARSET);
    fc.assert(
      fc.property(
        fc.constantFrom('110108', '110105', '310115', '440300', '120000'),
        fc.array(bodyChar, { minLength: 8, maxLength: 8 }),
        (region, body) => {
          const orgBody = body.join('');
          const first17 = `91${region}${orgBody}${computeOrgCodeCheckChar(orgBody)}`;
          const code = first17 + computeCreditCodeCheckChar(first17);
          const r = validateCreditCode(code);
          expect(r).toMatchObject({ valid: true, regionCode: region, isBeijing: region.startsWith('11') });
        },
      ),
      { numRuns: 200 },
    );
  });
});
