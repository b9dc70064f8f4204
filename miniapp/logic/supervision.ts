/**
 * Supervision's rules for the screens (第十六、十七、十八条; docs/supervision.md), without UI: the decision
 * form (which measures fit the party, the amount to recover typed in yuan and sent in fen), the spot
 * check's draw form, the words of a decided measure and of the case log, the banner a party under a
 * sanction sees (the reason, the dates as the BFF gives them, what remains possible, the one appeal), the
 * claim sheet's lines for an APPLICANT_BANNED refusal, and the public page's bars.
 */
import {
  CHECK_OUTCOME_LABELS,
  MEASURE_LABELS,
  addDays,
  formatFen,
  parseYuanToFen,
  type CheckOutcome,
  type MeasureKind,
  type MySanction,
  type PublicGroupFigure,
} from '@kcq/shared';
import type { Confirmation } from './confirmations';
import { sharePercent } from './admin';
import type { CaseLogEntry, DrawInput, MeasureInput, MeasureView } from '../services/supervisionTypes';

/** 2029-12-04 → 2029年12月4日. */
export function cnDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** The most a recovery may name (the BFF's bound: 10亿元). */
export const RECOVERY_MAX_FEN = 100_000_000_000;

export type YuanCheck = { ok: true; fen: number } | { ok: false; message: string };

/** 追回金额 typed in yuan (up to two decimals) → integer fen, as the BFF stores it (第十七条). */
export function recoveryFen(text: string): YuanCheck {
  if (!text.trim()) return { ok: false, message: '请填写追回金额（元）' };
  const fen = parseYuanToFen(text);
  if (fen === null) return { ok: false, message: '请填写数字金额，最多两位小数，如 20000 或 12500.50' };
  if (fen <= 0) return { ok: false, message: '追回金额应大于 0 元' };
  if (fen > RECOVERY_MAX_FEN) return { ok: false, message: '追回金额不能超过 10 亿元' };
  return { ok: true, fen };
}

/** The measures offered for this party (第十七条): removal is for open units; voiding vouchers for applicants. */
export function measureOptions(party: 'applicant' | 'open_unit'): { kind: MeasureKind; label: string; note: string }[] {
  const notes: Record<MeasureKind, string> = {
    suspend_payments: '相关兑现款项在解除前不予拨付',
    recover_funds: '填写应追回的金额，追回后登记日期',
    ban: '自决定之日起三年内不能申领、合作或兑现',
    removal: '不再作为开放单位，目录中不再展示',
    credit_record: '不符合“无不良诚信记录”，不能申领（第七条第四项）',
    void_vouchers: '案件所涉、尚未登记合同的创新券作废，额度不退回本期',
  };
  const kinds: MeasureKind[] =
    party === 'applicant'
      ? ['suspend_payments', 'recover_funds', 'ban', 'credit_record', 'void_vouchers']
      : ['suspend_payments', 'recover_funds', 'ban', 'removal', 'credit_record'];
  return kinds.map((kind) => ({ kind, label: MEASURE_LABELS[kind], note: notes[kind] }));
}

export interface DecisionForm {
  measures: MeasureKind[];
  recoveryText: string;
  reason: string;
}

export interface DecisionErrors {
  measures?: string;
  recovery?: string;
  reason?: string;
}

export type DecisionCheck = { ok: true; reason: string; measures: MeasureInput[] } | { ok: false; errors: DecisionErrors };

/**
 * 第十七条: a first decision needs a reason and at least one measure; a revision after the appeal may lift
 * them all. Measures that do not fit the party are refused here as the BFF would.
 */
export function checkDecision(
  form: DecisionForm,
  ctx: { party: 'applicant' | 'open_unit'; concernedVouchers: number; revising: boolean },
): DecisionCheck {
  const errors: DecisionErrors = {};
  const reason = form.reason.trim();
  if (!reason) errors.reason = '请写明处理决定的理由（认定的事实与依据）';
  const offered = new Set(measureOptions(ctx.party).map((o) => o.kind));
  const chosen = [...new Set(form.measures)];
  if (!ctx.revising && chosen.length === 0) errors.measures = '请选择至少一项处理措施（第十七条）';
  else if (chosen.some((k) => !offered.has(k))) errors.measures = ctx.party === 'applicant' ? '除名只适用于开放单位' : '作废创新券只适用于申领单位';
  else if (chosen.includes('void_vouchers') && ctx.concernedVouchers === 0) errors.measures = '案件未列出所涉创新券，无券可作废';
  let recovery: YuanCheck | null = null;
  if (chosen.includes('recover_funds')) {
    recovery = recoveryFen(form.recoveryText);
    if (!recovery.ok) errors.recovery = recovery.message;
  }
  if (errors.reason || errors.measures || errors.recovery) return { ok: false, errors };
  const measures = chosen.map((kind): MeasureInput => (kind === 'recover_funds' ? { kind, amountFen: (recovery as { fen: number }).fen } : { kind }) as MeasureInput);
  return { ok: true, reason, measures };
}

/** The decision's confirmation: what each measure does to the party; a ban's dates are the BFF's to fix. */
export function confirmDecision(partyName: string, measures: MeasureInput[], revising: boolean): Confirmation {
  const lines = measures.map((m) =>
    m.kind === 'recover_funds' ? `${MEASURE_LABELS[m.kind]} ${formatFen(m.amountFen)}` : m.kind === 'ban' ? `${MEASURE_LABELS.ban}（自今日起三年）` : MEASURE_LABELS[m.kind],
  );
  return {
    title: revising ? '按复核结果修改处理决定？' : '作出处理决定？',
    lines: [
      `当事方：${partyName}`,
      ...(lines.length ? lines.map((l) => `· ${l}`) : ['撤销全部处理措施']),
      revising ? '复核决定只能作出一次。' : '决定即时生效，当事方可申诉一次；作废的创新券不能恢复。',
    ],
    confirmText: revising ? '确认复核决定' : '确认处理',
    danger: measures.length > 0,
  };
}

/** The party's one appeal (第十七条): it cannot be withdrawn or repeated. */
export function confirmAppeal(): Confirmation {
  return {
    title: '提交申诉？',
    lines: ['每个案件只能申诉一次，提交后不能修改或撤回。', '申诉期间处理决定继续执行，管理部门复核后会通知您。'],
    confirmText: '提交申诉',
    danger: false,
  };
}

/** A ban's dates in words: 2026年12月5日 至 2029年12月4日（含），2029年12月5日起恢复. */
export function banPeriodText(ban: { from: string; until: string; lastDay?: string }): string {
  const lastDay = ban.lastDay ?? addDays(ban.until, -1);
  return `${cnDay(ban.from)} 至 ${cnDay(lastDay)}（含），${cnDay(ban.until)}起恢复`;
}

/** One decided measure, for the administrators' case page. */
export function measureLine(m: MeasureView): string {
  switch (m.kind) {
    case 'suspend_payments':
      return m.lifted ? `${MEASURE_LABELS[m.kind]}（已解除）` : `${MEASURE_LABELS[m.kind]}（执行中）`;
    case 'recover_funds':
      return `${MEASURE_LABELS[m.kind]} ${formatFen(m.amountFen)}${m.recoveredOn ? `，已于${cnDay(m.recoveredOn)}追回` : '，尚未追回'}`;
    case 'ban':
      return `${MEASURE_LABELS[m.kind]}：${banPeriodText(m)}`;
    case 'void_vouchers':
      return `${MEASURE_LABELS[m.kind]}：作废 ${m.voided.length} 张${m.skipped.length ? `，${m.skipped.length} 张已登记合同或不属当事方，未作废` : ''}`;
    default:
      return MEASURE_LABELS[m.kind];
  }
}

const LOG_EVENTS: Record<string, string> = {
  open: '立案',
  files: '上传证据材料',
  decide: '作出处理决定',
  void_vouchers: '作废所涉创新券',
  appeal: '当事方申诉',
  revise: '复核并修改决定',
  lift_suspension: '解除暂停拨付',
  record_recovery: '登记资金追回',
  draw: '抽取样本',
  check: '登记检查结果',
  case: '由抽查立案',
};

const ROLES: Record<string, string> = { administrator: '管理部门', applicant: '申领单位', open_unit: '开放单位' };

/** 案件记录 rows: what happened, by whom (role and account), when. */
export function logLine(e: Pick<CaseLogEntry, 'event' | 'role' | 'actorId'>): { what: string; who: string } {
  return { what: LOG_EVENTS[e.event] ?? '其他操作', who: `${ROLES[e.role] ?? '管理部门'}（${e.actorId.slice(-6)}）` };
}

export interface Banner {
  caseId: string;
  title: string;
  /** The facts: reason, misconduct, dates, each measure. */
  lines: string[];
  /** What the party can still do. */
  still: string[];
  /** The appeal's state in one line. */
  appealLine: string;
  canAppeal: boolean;
}

/** What a party under a sanction sees (第十七条), in its own words: never computed dates, always the BFF's. */
export function sanctionBanner(s: MySanction): Banner {
  const unit = s.party === 'open_unit';
  const title = s.removal ? '本单位已被除名（第十七条）' : s.ban ? (unit ? '本单位资格已被取消（第十七条）' : '申报资格已被取消（第十七条）') : s.creditRecord ? '已记入诚信记录（第十七条）' : '违规处理决定（第十七条）';
  const lines = [`处理理由：${s.reason}`, `认定的违规行为：${s.misconduct.join('、')}`];
  if (s.ban) lines.push(`取消资格期限：${banPeriodText(s.ban)}`);
  if (s.removal) lines.push('已从开放单位中除名，不再在开放单位目录中展示');
  if (s.creditRecord) lines.push('已记入诚信记录：不符合“无不良诚信记录”的申领条件（第七条第四项），无结束日期');
  if (s.paymentsSuspended) lines.push('暂停拨付：相关兑现款项在管理部门解除前不予拨付');
  if (s.recovery) lines.push(`追回已拨付资金 ${formatFen(s.recovery.amountFen)}${s.recovery.recoveredOn ? `，已于${cnDay(s.recovery.recoveredOn)}追回` : '，请按管理部门要求退回'}`);
  if (s.voidedVoucherIds.length) lines.push(`处理决定作废了 ${s.voidedVoucherIds.length} 张所涉创新券`);
  const still: string[] = [];
  if (unit) {
    if (s.ban || s.removal) still.push('期间不能确认新的合同、变更合同或申请兑现');
    still.push(s.paymentsSuspended ? '已审核通过的兑现暂停拨付，解除后继续拨付' : '已审核通过的兑现照常拨付');
  } else {
    if (s.ban) still.push('期间不能申领创新券、提交合作申请或变更合同');
    still.push('已登记的合同继续履行，开放单位可照常申请兑现');
    if (!s.voidedVoucherIds.length) still.push('已领取的创新券不会因此作废');
  }
  const appealLine = s.canAppeal
    ? '对处理决定有异议的，可申诉一次；申诉期间处理决定继续执行'
    : s.appeal
      ? s.status === 'revised'
        ? '管理部门已复核，以上为复核后的决定'
        : '已提出申诉，等待管理部门复核'
      : '处理决定已复核';
  return { caseId: s.caseId, title, lines, still, appealLine, canAppeal: s.canAppeal };
}

/**
 * Whether every 第七条 failure is one a decision caused (a ban, a credit record: they cite the case) and the
 * banner already shows that case — then home does not repeat it as a bare list of clauses.
 */
export function explainedBySanctions(failures: { code: string; caseId?: string }[], sanctions: MySanction[] | undefined): boolean {
  if (!failures.length || !sanctions?.length) return false;
  const shown = new Set(sanctions.map((s) => s.caseId));
  return failures.every((f) => !!f.caseId && shown.has(f.caseId));
}

/** APPLICANT_BANNED on the claim sheet: the last day and the day claiming is possible again, from the refusal's details. */
export function banRefusalLines(details: Record<string, unknown>): string[] {
  const from = typeof details.from === 'string' ? details.from : null;
  const until = typeof details.until === 'string' ? details.until : null;
  if (!until) return [];
  const lastDay = typeof details.lastDay === 'string' ? details.lastDay : addDays(until, -1);
  return [
    ...(from ? [`取消资格期限：${cnDay(from)} 至 ${cnDay(lastDay)}（含）`] : [`取消资格至 ${cnDay(lastDay)}（含）`]),
    `${cnDay(until)}起可重新申领`,
    '已登记的合同继续履行；对处理决定有异议的，可在“我的券”页申诉一次',
  ];
}

export interface DrawForm {
  title: string;
  population: 'redemptions' | 'open_units';
  fromDay: string;
  toDay: string;
  by: 'size' | 'percent';
  amountText: string;
  seedText: string;
}

export type DrawCheck = { ok: true; input: DrawInput } | { ok: false; errors: Partial<Record<'title' | 'range' | 'amount' | 'seed', string>> };

/** 第十八条: the draw's form: a title, the population (a date range for redemptions), a size or a percentage, an optional seed to replay. */
export function checkDraw(f: DrawForm): DrawCheck {
  const errors: Partial<Record<'title' | 'range' | 'amount' | 'seed', string>> = {};
  if (!f.title.trim()) errors.title = '请填写抽查名称，如“2026年第四季度兑现抽查”';
  if (f.population === 'redemptions') {
    if (!f.fromDay || !f.toDay) errors.range = '请选择兑现审核的起止日期';
    else if (f.fromDay > f.toDay) errors.range = '结束日期不能早于开始日期';
  }
  const n = Number(f.amountText.trim());
  if (!f.amountText.trim() || !Number.isFinite(n)) errors.amount = f.by === 'size' ? '请填写抽取数量' : '请填写抽取比例';
  else if (f.by === 'size' && (!Number.isInteger(n) || n < 1 || n > 10_000)) errors.amount = '抽取数量应为 1 至 10000 的整数';
  else if (f.by === 'percent' && (n <= 0 || n > 100)) errors.amount = '抽取比例应大于 0、不超过 100';
  let seed: number | undefined;
  if (f.seedText.trim()) {
    seed = Number(f.seedText.trim());
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) errors.seed = '随机种子应为 0 至 4294967295 的整数（留空则自动生成）';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const input: DrawInput = { title: f.title.trim(), population: f.population, ...(f.by === 'size' ? { size: n } : { percent: n }) };
  if (f.population === 'redemptions') Object.assign(input, { fromDay: f.fromDay, toDay: f.toDay });
  if (seed !== undefined) input.seed = seed;
  return { ok: true, input };
}

export const OUTCOME_OPTIONS = (Object.keys(CHECK_OUTCOME_LABELS) as CheckOutcome[]).map((code) => ({ code, label: CHECK_OUTCOME_LABELS[code] }));

export interface Bar extends PublicGroupFigure {
  /** Bar length 0–100 relative to the largest group (a non-zero group is never thinner than 2). */
  widthPercent: number;
  /** Share of all vouchers by count. */
  countPercent: number;
}

/** The public page's bars (as the administrators' dashboard draws them): largest first, zero groups left out. */
export function bars(groups: PublicGroupFigure[]): Bar[] {
  const total = groups.reduce((n, g) => n + g.count, 0);
  const max = Math.max(0, ...groups.map((g) => g.count));
  return groups
    .filter((g) => g.count > 0)
    .sort((a, b) => b.count - a.count)
    .map((g) => ({ ...g, widthPercent: max > 0 ? Math.max(2, Math.round((g.count / max) * 1000) / 10) : 0, countPercent: sharePercent(g.count, total) }));
}
