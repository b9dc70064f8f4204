/**
 * Issue #14 item 6: free text is normalised and refused in the shared schemas, so the BFF stores nothing a
 * screen would display differently from what was typed, and both sides say the same thing about it.
 */
import { applicantProfileSchema, normalizeText, textProblem, textSchema } from '../src';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('textSchema: one rule for names, reasons, comments, addresses, file names', () => {
  const reason = textSchema('原因', { max: 200 });
  const note = textSchema('说明', { max: 500, required: false, multiline: true });

  test('a reason of NUL, of spaces or of zero-width characters is empty, not a reason', () => {
    for (const empty of ['\u0000', '   ', '\u200b', '\u200b\ufeff ', '\t\n', '\u0000\u0001 ']) {
      expect(messages(reason.safeParse(empty))).toEqual(['请填写原因']);
    }
  });

  test('control characters are refused (NUL, ESC, DEL, C1), line breaks and tabs only where multi-line', () => {
    for (const bad of ['设备\u0000故障', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009bb']) {
      expect(messages(reason.safeParse(bad))).toEqual(['原因含有不可见的控制字符，请删除后重试']);
      expect(messages(note.safeParse(bad))).toEqual(['说明含有不可见的控制字符，请删除后重试']);
    }
    expect(messages(reason.safeParse('第一行\n第二行'))).toEqual(['原因含有不可见的控制字符，请删除后重试']);
    expect(note.parse('第一行\r\n第二行\t备注')).toBe('第一行\n第二行\t备注');
    // Optional text left out is fine; optional text made of a NUL is not.
    expect(note.parse('  ')).toBe('');
    expect(messages(note.safeParse('\u0000'))).toEqual(['说明含有不可见的控制字符，请删除后重试']);
  });

  test('bidi overrides, embeddings and isolates are refused: "\\u202egnp.exe" displays as exe.png', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(messages(reason.safeParse(`${c}gnp.exe`))).toEqual(['原因含有改变文字显示方向的控制字符，请删除后重试']);
    }
    // Arabic or Hebrew text itself is fine: only the invisible direction controls are refused.
    expect(reason.parse('مختبر שלום')).toBe('مختبر שלום');
  });

  test('normalised: NFC, trimmed of white space and zero-width characters at both ends', () => {
    expect(reason.parse('  Cafe\u0301 实验室\u200b ')).toBe('Café 实验室');
    expect(normalizeText('\ufeffＡ\u0301')).toBe('Ａ\u0301'.normalize('NFC'));
    // Zero-width joiners inside an emoji sequence are text, kept.
    expect(reason.parse('👩‍🔬')).toBe('👩‍🔬');
  });

  test('half a surrogate pair is not text (it cannot be stored as UTF-8)', () => {
    expect(textProblem('a\ud800b')).toBe('surrogate');
    expect(textProblem('a\udc00')).toBe('surrogate');
    expect(textProblem('😀')).toBeNull();
  });

  test('the length limit counts the normalised text', () => {
    expect(reason.safeParse(`${'原'.repeat(200)}   `).success).toBe(true);
    expect(messages(reason.safeParse('原'.repeat(201)))).toEqual(['原因不能超过200个字符']);
  });

  test('the applicant profiles use it: a team name made of a NUL or with an override is refused', () => {
    const team = {
      kind: 'team',
      name: '燕园材料创新团队',
      isLegalPerson: false,
      hasRegisteredCompany: false,
      leader: { name: '张三', school: '北京大学', studentId: 'S-1', enrolled: true },
      members: [],
      projectName: '柔性电池隔膜',
      projectStage: 'rnd',
    };
    expect(applicantProfileSchema.safeParse(team).success).toBe(true);
    expect(messages(applicantProfileSchema.safeParse({ ...team, name: '\u0000' }))).toEqual(['请填写团队名称']);
    expect(messages(applicantProfileSchema.safeParse({ ...team, projectName: '\u202e膜隔池电' }))).toEqual([
      '项目名称含有改变文字显示方向的控制字符，请删除后重试',
    ]);
    expect(messages(applicantProfileSchema.safeParse({ ...team, leader: { ...team.leader, school: '北京\u0000大学' } }))).toEqual([
      '学校含有不可见的控制字符，请删除后重试',
    ]);
  });
});
