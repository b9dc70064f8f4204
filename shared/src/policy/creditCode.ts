/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015. An enterprise applicant identifies itself
 * with it (第七条 requires an independent legal person registered in Beijing).
 *
 * Structure, 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, Z, S, V):
 *   1      registration-authority code (登记管理部门代码)
 *   2      organisation-type code (机构类别代码)
 *   3–8    administrative division of the registering authority (GB/T 2260), 6 digits; "11…" is Beijing
 *   9–17   organisation code (组织机构代码, GB 11714): 8 body characters + 1 check character (0–9 or X)
 *   18     check character over positions 1–17: weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28,
 *          check = (31 − Σ value×weight mod 31) mod 31, mapped back through the character set.
 *
 * Authority/type table: GB 32100-2015 itself lists 1 机构编制 (types 1 机关, 2 事业单位, 3 群众团体, 9 其他),
 * 5 民政 (1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他), 9 工商 (1 企业, 2 个体工商户, 3 农民专业合作社) and
 * Y 其他 (1). **Decision**: those four authorities are checked against their types. Further authority
 * characters were assigned after 2015 and the published lists disagree (2–8 for other departments,
 * A–G, N 农业…), so position 1 accepts the union of those lists (1–9, A–G, N, Y), with any type for the
 * authorities outside the 2015 table, rather than rejecting a real code.
 *
 * Division code: **Decision**: 6 digits whose first two are a province-level code of GB/T 2260 (11–15,
 * 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82) or 10 (national-level registration, "100000").
 *
 * Input is normalised before checking: full-width characters to ASCII, all whitespace removed, upper-case.
 */

export const CREDIT_CODE_LENGTH = 18;
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 weights for the 8 body characters of the organisation code. */
export const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

/** Authority → allowed organisation types, for the authorities GB 32100-2015 lists. */
const KNOWN_AUTHORITY_TYPES: Readonly<Record<string, string>> = {
  '1': '1239',
  '5': '1239',
  '9': '123',
  Y: '1',
};

/** Every registration-authority character any published list assigns (see the module comment). */
const KNOWN_AUTHORITIES = '123456789ABCDEFGNY';

const PROVINCE_PREFIXES = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export type CreditCodeErrorCode =
  | 'CREDIT_CODE_EMPTY'
  | 'CREDIT_CODE_LENGTH'
  | 'CREDIT_CODE_CHARSET'
  | 'CREDIT_CODE_AUTHORITY'
  | 'CREDIT_CODE_ORG_TYPE'
  | 'CREDIT_CODE_REGION'
  | 'CREDIT_CODE_ORG_CHECK'
  | 'CREDIT_CODE_CHECK';

export interface CreditCodeValid {
  valid: true;
  /** The normalised code (upper-case, no whitespace). */
  normalized: string;
  /** Positions 3–8. */
  regionCode: string;
  /** The division code starts with "11" (Beijing). */
  isBeijing: boolean;
  /** Positions 1–2 are "91": an enterprise registered with market regulation (工商). */
  isEnterprise: boolean;
}

export interface CreditCodeInvalid {
  valid: false;
  code: CreditCodeErrorCode;
  /** Chinese, for the form. */
  message: string;
  normalized: string;
  /** Never trusted from an invalid code. */
  regionCode: null;
  isBeijing: false;
  isEnterprise: false;
}

export type CreditCodeResult = CreditCodeValid | CreditCodeInvalid;

/** Full-width → ASCII, drop all whitespace, upper-case. */
export function normalizeCreditCode(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp >= 0xff01 && cp <= 0xff5e ? String.fromCharCode(cp - 0xfee0) : ch;
  }
  return out.replace(/\s+/g, '').toUpperCase();
}

function charValue(ch: string): number {
  return CREDIT_CODE_CHARSET.indexOf(ch);
}

/** The GB 32100 check character for the first 17 characters (which must be from the character set). */
export function computeCreditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(first17[i]);
    if (v < 0) throw new RangeError(`character not in the credit-code set: ${first17[i]}`);
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * The GB 11714 check character for an 8-character organisation-code body: digits are their value,
 * letters A–Z are 10–35; check = 11 − (Σ value×weight mod 11), where 10 → "X" and 11 → "0".
 */
export function computeOrgCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new RangeError('expected 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    let v: number;
    if (ch >= '0' && ch <= '9') v = ch.charCodeAt(0) - 48;
    else if (ch >= 'A' && ch <= 'Z') v = ch.charCodeAt(0) - 55;
    else throw new RangeError(`character not allowed in an organisation code: ${ch}`);
    sum += v * ORG_CODE_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function invalid(code: CreditCodeErrorCode, message: string, normalized: string): CreditCodeInvalid {
  return { valid: false, code, message, normalized, regionCode: null, isBeijing: false, isEnterprise: false };
}

/** Validates a unified social credit code. Returns the first problem found, in structural order. */
export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(typeof input === 'string' ? input : '');
  if (code.length === 0) return invalid('CREDIT_CODE_EMPTY', '请填写统一社会信用代码', code);
  if (code.length !== CREDIT_CODE_LENGTH) {
    return invalid('CREDIT_CODE_LENGTH', `统一社会信用代码应为18位，当前为${code.length}位`, code);
  }
  for (let i = 0; i < CREDIT_CODE_LENGTH; i++) {
    if (charValue(code[i]) < 0) {
      return invalid(
        'CREDIT_CODE_CHARSET',
        `统一社会信用代码第${i + 1}位“${code[i]}”无效：只能使用数字和大写字母，且不含 I、O、Z、S、V`,
        code,
      );
    }
  }
  const authority = code[0];
  const orgType = code[1];
  const allowedTypes = KNOWN_AUTHORITY_TYPES[authority];
  if (!KNOWN_AUTHORITIES.includes(authority)) {
    return invalid('CREDIT_CODE_AUTHORITY', '统一社会信用代码第1位（登记管理部门代码）无效', code);
  }
  if (allowedTypes !== undefined && !allowedTypes.includes(orgType)) {
    return invalid('CREDIT_CODE_ORG_TYPE', '统一社会信用代码第2位（机构类别代码）与登记管理部门不符', code);
  }
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode) || !PROVINCE_PREFIXES.has(regionCode.slice(0, 2))) {
    return invalid('CREDIT_CODE_REGION', '统一社会信用代码第3–8位（登记管理机关行政区划码）无效', code);
  }
  const orgBody = code.slice(8, 16);
  if (computeOrgCodeCheckChar(orgBody) !== code[16]) {
    return invalid('CREDIT_CODE_ORG_CHECK', '统一社会信用代码第9–17位（组织机构代码）校验不通过，请核对', code);
  }
  if (computeCreditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return invalid('CREDIT_CODE_CHECK', '统一社会信用代码校验位（第18位）不正确，请核对', code);
  }
  return {
    valid: true,
    normalized: code,
    regionCode,
    isBeijing: regionCode.startsWith('11'),
    isEnterprise: authority === '9' && orgType === '1',
  };
}
