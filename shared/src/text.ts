/**
 * Free text a person typed (names, reasons, comments, addresses, file names): one rule for every such
 * field, on both sides. The text is normalised — Unicode NFC, line breaks as `\n`, leading and trailing
 * white space and zero-width characters trimmed — and refused when it
 *
 * - is empty once the invisible characters are set aside (`"   "`, `"\u0000"`, `"\u200b"` do not count
 *   as a reason);
 * - holds a C0 or C1 control character (NUL, ESC, DEL, U+0080–U+009F…); `\n` and `\t` are allowed only
 *   where the field is multi-line;
 * - holds a bidirectional override, embedding or isolate (U+202A–U+202E, U+2066–U+2069), which makes
 *   text display in another order than it is stored (`"\u202egnp.exe"` displays as `exe.png`);
 * - holds half of a UTF-16 surrogate pair (not text at all: it cannot be encoded as UTF-8).
 *
 * Plain loops and character classes only (no lookbehind, no `\p{…}`): this also runs in the
 * mini-program's JS engines.
 */
import { z } from 'zod';

export interface TextOptions {
  /** Longest text allowed (UTF-16 code units, after normalisation). */
  max: number;
  /** Required (default): empty text is refused with 请填写{label}. */
  required?: boolean;
  /** Allows `\n` and `\t` (descriptions, reports, notes). */
  multiline?: boolean;
  /** Instead of 请填写{label}. */
  emptyMessage?: string;
  /** Instead of {label}不能超过{max}个字符. */
  tooLongMessage?: string;
}

export type TextProblem = 'empty' | 'control' | 'bidi' | 'surrogate';

// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/** White space, zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) and controls: nothing to read. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g;
const EDGES = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g;

/** NFC, `\r\n` and `\r` as `\n`, trimmed of white space and zero-width characters at both ends. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(EDGES, '');
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/**
 * What is wrong with (normalised) text, or null. `empty` means nothing visible is left: a required
 * field reports it as missing; an optional one only when the text was not empty to begin with
 * (a lone `"\u0000"` is a control character, not an omitted value).
 */
export function textProblem(value: string, opts: { multiline?: boolean } = {}): TextProblem | null {
  if (hasLoneSurrogate(value)) return 'surrogate';
  if (value.replace(INVISIBLE, '') === '') return 'empty';
  if ((opts.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return 'control';
  if (BIDI.test(value)) return 'bidi';
  return null;
}

/** The Chinese sentence for a problem of the field `label`. */
export function textProblemMessage(label: string, problem: TextProblem): string {
  switch (problem) {
    case 'empty':
      return `请填写${label}`;
    case 'control':
      return `${label}含有不可见的控制字符，请删除后重试`;
    case 'bidi':
      return `${label}含有改变文字显示方向的控制字符，请删除后重试`;
    case 'surrogate':
      return `${label}含有无效的字符，请删除后重试`;
  }
}

/**
 * The schema of a free-text field: normalised (see normalizeText), then refused when textProblem finds
 * something, or when it is longer than `max`. An optional field accepts `""` (and text that trims to it).
 */
export function textSchema(label: string, opts: TextOptions) {
  const required = opts.required ?? true;
  const empty = opts.emptyMessage ?? `请填写${label}`;
  const base = z
    .string({ error: required ? empty : `${label}应为文字` })
    .overwrite(normalizeText)
    .superRefine((value, ctx) => {
      let problem = textProblem(value, opts);
      // Optional and left empty is fine; optional and only control characters is not.
      if (problem === 'empty' && !required) problem = value === '' ? null : 'control';
      if (problem === null) return;
      const message = problem === 'empty' ? empty : textProblemMessage(label, problem);
      ctx.addIssue({ code: 'custom', message, continue: false });
    })
    .max(opts.max, { error: opts.tooLongMessage ?? `${label}不能超过${opts.max}个字符` });
  return required ? base.min(1, { error: empty }) : base;
}
