/**
 * Money is integer fen (分) everywhere: 1 yuan = 100 fen. Floating-point yuan exist only at the edges
 * (a form field, a display string); every rule computes on safe integers.
 *
 * Display format (formatFen): thousands separated by ",", always two decimals, then a space and "元":
 *   5000000 → "50,000.00 元", 100 → "1.00 元", 5 → "0.05 元", -12345 → "-123.45 元".
 * Built by hand rather than with Intl.NumberFormat, whose support varies across WeChat mini-program
 * JavaScript engines.
 */

export const FEN_PER_YUAN = 100;

/** True when `value` is an integer amount of fen that arithmetic can handle exactly. */
export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** True when `value` is a non-negative integer amount of fen. */
export function isNonNegativeFen(value: unknown): value is number {
  return isFen(value) && value >= 0;
}

/** True when `value` is a whole number of yuan expressed in fen (a multiple of 100). */
export function isWholeYuanFen(value: unknown): value is number {
  return isFen(value) && value % FEN_PER_YUAN === 0;
}

/** Throws a RangeError unless `value` is a safe integer amount of fen. A programming-error guard. */
export function assertFen(value: unknown, label = 'amount'): asserts value is number {
  if (!isFen(value)) {
    throw new RangeError(`${label} must be a safe integer number of fen, got ${String(value)}`);
  }
}

/**
 * Yuan (a number with at most two decimals) → fen. Throws a RangeError for NaN, infinities, more than
 * two decimals (e.g. 1.005) or amounts beyond the safe-integer range.
 */
export function yuanToFen(yuan: number): number {
  if (!Number.isFinite(yuan)) {
    throw new RangeError(`yuan must be a finite number, got ${String(yuan)}`);
  }
  const scaled = yuan * FEN_PER_YUAN;
  const fen = Math.round(scaled);
  // Binary floating point: 0.1 * 100 = 10.000000000000002. Tolerate representation noise only.
  if (Math.abs(scaled - fen) > 1e-6 * Math.max(1, Math.abs(scaled))) {
    throw new RangeError(`yuan must have at most two decimals, got ${String(yuan)}`);
  }
  const normalised = fen === 0 ? 0 : fen; // no -0
  assertFen(normalised, 'yuan in fen');
  return normalised;
}

/** Fen → yuan as a number (for charts or arithmetic display). Not for further money arithmetic. */
export function fenToYuan(fen: number): number {
  assertFen(fen, 'fen');
  return fen / FEN_PER_YUAN;
}

/**
 * Parses a yuan amount typed by a person ("1000", "1,000.5", " 50000.00 ") into fen, exactly (no
 * floating point). Returns null when the text is not a non-negative amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/,/g, '').replace(/元$/, '').trim();
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1];
  const decimals = (match[2] ?? '').padEnd(2, '0');
  const fen = Number(whole) * FEN_PER_YUAN + Number(decimals);
  return isFen(fen) ? fen : null;
}

/** Formats fen for people: 5000000 → "50,000.00 元". See the module comment for the format. */
export function formatFen(fen: number, options: { unit?: boolean } = {}): string {
  assertFen(fen, 'fen');
  const unit = options.unit ?? true;
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `${negative ? '-' : ''}${grouped}.${String(cents).padStart(2, '0')}`;
  return unit ? `${body} 元` : body;
}
