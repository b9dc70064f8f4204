import { VOUCHER_MAX_FEN } from '@kcq/shared';
import { addSample, chartBars, drainStats, drainedPercent, formatDuration, seriesSpanSeconds, type DrainSample } from '../logic/drain';
import {
  checkPeriodForm,
  emptyPeriodForm,
  fieldOfPath,
  formFromPeriod,
  parseBeijing,
  quotaHint,
  toBeijingIso,
  wholeYuanToFen,
  type PeriodForm,
} from '../logic/periodForm';
import { VOUCHER_STATUSES, type AdminStats } from '@kcq/shared';
import {
  STATUS_CHART_LABELS,
  VOID_REASON_CHART_LABELS,
  claimsChart,
  dashboard,
  isAdmin,
  periodActions,
  sharePercent,
  statusChart,
} from '../logic/admin';
import { adminStats, openPeriod, upcomingPeriod } from '../../mock/api';
import type { PeriodView } from '../services/types';

const T0 = Date.parse('2026-11-21T12:00:00.000Z');

describe('drain chart: series maths', () => {
  test('samples are kept in time order; an overtaken answer is dropped, the same instant replaced', () => {
    let s: DrainSample[] = [];
    s = addSample(s, { t: T0, remainingFen: 1_000_000 });
    s = addSample(s, { t: T0 + 2000, remainingFen: 900_000 });
    s = addSample(s, { t: T0 + 1000, remainingFen: 950_000 }); // late answer of an older poll
    s = addSample(s, { t: T0 + 2000, remainingFen: 800_000 }); // same instant: newer read
    expect(s).toEqual([
      { t: T0, remainingFen: 1_000_000 },
      { t: T0 + 2000, remainingFen: 800_000 },
    ]);
    expect(addSample(s, { t: Number.NaN, remainingFen: 1 })).toBe(s);
  });

  test('the series is bounded to the newest samples', () => {
    let s: DrainSample[] = [];
    for (let i = 0; i < 10; i += 1) s = addSample(s, { t: T0 + i * 2000, remainingFen: 100 - i }, 4);
    expect(s.map((x) => x.remainingFen)).toEqual([94, 93, 92, 91]);
  });

  test('claimed, share drained, rate per minute and the time left at that rate', () => {
    const series = [
      { t: T0, remainingFen: 1_000_000 },
      { t: T0 + 30_000, remainingFen: 900_000 },
      { t: T0 + 60_000, remainingFen: 600_000 },
    ];
    const st = drainStats(1_000_000, series);
    expect(st.claimedFen).toBe(400_000);
    expect(st.drainedPercent).toBe(40);
    expect(st.ratePerMinuteFen).toBe(400_000);
    expect(st.etaSeconds).toBe(90);
    expect(seriesSpanSeconds(series)).toBe(60);
  });

  test('no samples or no movement: nothing draining, no estimate', () => {
    expect(drainStats(500_000, [])).toEqual({ claimedFen: 0, drainedPercent: 0, ratePerMinuteFen: 0, etaSeconds: null });
    expect(drainStats(500_000, [{ t: T0, remainingFen: 500_000 }, { t: T0 + 4000, remainingFen: 500_000 }]).etaSeconds).toBeNull();
    expect(drainedPercent(0, 0)).toBe(0);
    expect(drainedPercent(300_000, 100_000)).toBe(66.7);
    expect(drainedPercent(100, -5)).toBe(100);
  });

  test('bars are scaled to the quota, newest on the right, padded to the chart width, drops marked', () => {
    const series = [
      { t: T0, remainingFen: 1_000_000 },
      { t: T0 + 2000, remainingFen: 1_000_000 },
      { t: T0 + 4000, remainingFen: 250_000 },
      { t: T0 + 6000, remainingFen: 0 },
    ];
    const bars = chartBars(1_000_000, series, 6);
    expect(bars).toHaveLength(6);
    expect(bars.slice(0, 4).map((b) => b?.heightPercent)).toEqual([100, 100, 25, 0]);
    expect(bars.slice(0, 4).map((b) => b?.dropped)).toEqual([false, false, true, true]);
    expect(bars.slice(4)).toEqual([null, null]);
    // Longer than the chart: the newest `slots`, and the first shown bar compares with the one before it.
    const tail = chartBars(1_000_000, series, 2);
    expect(tail.map((b) => b?.remainingFen)).toEqual([250_000, 0]);
    expect(tail[0]?.dropped).toBe(true);
    // A remaining above the quota (quota lowered by an edit) is capped at the top.
    expect(chartBars(100, [{ t: T0, remainingFen: 150 }], 1)[0]?.heightPercent).toBe(100);
  });

  test('durations read in Chinese', () => {
    expect(formatDuration(45)).toBe('45秒');
    expect(formatDuration(80)).toBe('1分20秒');
    expect(formatDuration(120)).toBe('2分');
    expect(formatDuration(7500)).toBe('2小时5分');
  });
});

describe('period form: the BFF’s checks before sending (第十二条)', () => {
  const valid: PeriodForm = {
    name: '2027年第一期创新券',
    opensAt: '2027-01-05 09:00',
    closesAt: '2027-01-31 18:00',
    quotaYuan: '10000000',
    maxVoucherYuan: '50000',
    perApplicantLimit: '1',
  };

  test('yuan → fen, Beijing time → ISO with +08:00', () => {
    const { errors, input } = checkPeriodForm(valid);
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: '2027年第一期创新券',
      opensAt: '2027-01-05T09:00:00+08:00',
      closesAt: '2027-01-31T18:00:00+08:00',
      quotaFen: 1_000_000_000,
      maxVoucherFen: 5_000_000,
      perApplicantLimit: 1,
    });
    expect(Date.parse(input!.opensAt)).toBe(Date.parse('2027-01-05T01:00:00Z'));
  });

  test('whole yuan only (commas allowed), no cents', () => {
    expect(wholeYuanToFen('1,000')).toBe(100_000);
    expect(wholeYuanToFen('1000.50')).toBeNull();
    expect(wholeYuanToFen('-5')).toBeNull();
    expect(checkPeriodForm({ ...valid, quotaYuan: '5000.5' }).errors.quotaYuan).toBe('总额度应为整元');
  });

  test('single voucher ≤ 50,000 yuan and ≥ 1,000 yuan; quota ≥ 1,000 yuan', () => {
    expect(checkPeriodForm({ ...valid, maxVoucherYuan: '50001' }).errors.maxVoucherYuan).toBe('单张上限不超过 50,000.00 元（第十二条）');
    expect(checkPeriodForm({ ...valid, maxVoucherYuan: String(VOUCHER_MAX_FEN / 100) }).input?.maxVoucherFen).toBe(VOUCHER_MAX_FEN);
    expect(checkPeriodForm({ ...valid, maxVoucherYuan: '999' }).errors.maxVoucherYuan).toBe('单张上限不低于 1,000.00 元');
    expect(checkPeriodForm({ ...valid, quotaYuan: '999' }).errors.quotaYuan).toBe('总额度至少为 1,000.00 元');
    expect(checkPeriodForm({ ...valid, quotaYuan: '1000', maxVoucherYuan: '1000' }).input?.quotaFen).toBe(100_000);
  });

  test('closesAt after opensAt; real calendar dates only', () => {
    expect(checkPeriodForm({ ...valid, closesAt: valid.opensAt }).errors.closesAt).toBe(`截止时间应晚于开放时间 ${valid.opensAt}（北京时间）`);
    expect(checkPeriodForm({ ...valid, closesAt: '2027-01-05 08:59' }).errors.closesAt).toBe(`截止时间应晚于开放时间 ${valid.opensAt}（北京时间）`);
    expect(checkPeriodForm({ ...valid, opensAt: '2027-02-30 09:00' }).errors.opensAt).toBe('请选择开放日期和时间');
    expect(parseBeijing('2027-01-05T09:00')).toBe(Date.parse('2027-01-05T01:00:00Z'));
    expect(parseBeijing('2027-1-5 9:00')).toBeNull();
  });

  test('name 1–50 characters, vouchers per applicant 1–10, every empty field named', () => {
    expect(checkPeriodForm({ ...valid, name: '  ' }).errors.name).toBe('请填写周期名称');
    expect(checkPeriodForm({ ...valid, name: '期'.repeat(51) }).errors.name).toBe('周期名称不超过50字');
    expect(checkPeriodForm({ ...valid, perApplicantLimit: '11' }).errors.perApplicantLimit).toBe('每家限领 1–10 张');
    expect(checkPeriodForm({ ...valid, perApplicantLimit: '0' }).errors.perApplicantLimit).toBeDefined();
    const empty = checkPeriodForm({ name: '', opensAt: '', closesAt: '', quotaYuan: '', maxVoucherYuan: '', perApplicantLimit: '' });
    expect(empty.input).toBeNull();
    expect(Object.keys(empty.errors).sort()).toEqual(['closesAt', 'maxVoucherYuan', 'name', 'opensAt', 'perApplicantLimit', 'quotaYuan']);
  });

  test('a new form opens at the next whole hour for a week, 50,000 yuan per voucher; a stored period comes back as it was', () => {
    const f = emptyPeriodForm(Date.parse('2026-11-21T12:34:00Z'));
    expect(f).toMatchObject({ opensAt: '2026-11-21 21:00', closesAt: '2026-11-28 21:00', maxVoucherYuan: '50000', perApplicantLimit: '1' });
    const back = checkPeriodForm(formFromPeriod(upcomingPeriod)).input!;
    expect(Date.parse(back.opensAt)).toBe(Math.floor(Date.parse(upcomingPeriod.opensAt) / 60_000) * 60_000);
    expect(back.quotaFen).toBe(upcomingPeriod.quotaFen);
    expect(toBeijingIso(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
  });

  test('hints and server field paths', () => {
    expect(quotaHint(valid)).toBe('约可发放 200 张满额券（50,000.00 元/张）');
    expect(fieldOfPath('body.quotaFen')).toBe('quotaYuan');
    expect(fieldOfPath('body.unknown')).toBeNull();
  });
});

describe('administrators', () => {
  test('only /api/me roles with admin open the sub-package', () => {
    expect(isAdmin({ roles: ['admin'] })).toBe(true);
    expect(isAdmin({ roles: ['applicant', 'staff'] })).toBe(false);
    expect(isAdmin(null)).toBe(false);
  });

  test('dashboard: per period quota / claimed / share drained, and totals', () => {
    const closed: PeriodView = { ...openPeriod, id: 'p3', quotaFen: 300_000, remainingFen: 0, status: 'closed', closedAt: new Date(T0).toISOString() };
    const d = dashboard([upcomingPeriod, openPeriod, closed]);
    expect(d.rows.map((r) => [r.claimedFen, r.drainedPercent])).toEqual([
      [0, 0],
      [265_500_000, 26.6],
      [300_000, 100],
    ]);
    expect(d.totals.quotaFen).toBe(upcomingPeriod.quotaFen + openPeriod.quotaFen + 300_000);
    expect(d.totals.claimedFen).toBe(265_800_000);
    expect(d.totals.remainingFen).toBe(d.totals.quotaFen - d.totals.claimedFen);
    expect(d.byStatus).toEqual({ upcoming: 1, open: 1, sold_out: 0, closed: 1 });
    expect(dashboard([]).totals.drainedPercent).toBe(0);
    expect(sharePercent(800_000, 3_001_000_000)).toBe(0.03);
    expect(sharePercent(1, 3_001_000_000)).toBe(0.01);
    expect(sharePercent(1, 3)).toBe(33.3);
  });

  test('edit only before opening; close until closed', () => {
    const now = Date.now();
    expect(periodActions(upcomingPeriod, now)).toEqual({ edit: true, close: true });
    expect(periodActions(openPeriod, now)).toEqual({ edit: false, close: true });
    expect(periodActions({ ...openPeriod, closedAt: new Date(now).toISOString(), status: 'closed' }, now)).toEqual({ edit: false, close: false });
  });
});

describe('dashboard charts (GET /api/admin/stats)', () => {
  const none: AdminStats = {
    generatedAt: new Date(T0).toISOString(),
    vouchers: {
      total: { count: 0, amountFen: 0 },
      byStatus: VOUCHER_STATUSES.map((status) => ({ status, count: 0, amountFen: 0 })),
      voidByReason: [],
    },
    periods: [],
  };

  test('every status of the life cycle has a Chinese chart label, every void reason too', () => {
    expect(Object.keys(STATUS_CHART_LABELS).sort()).toEqual([...VOUCHER_STATUSES].sort());
    for (const label of [...Object.values(STATUS_CHART_LABELS), ...Object.values(VOID_REASON_CHART_LABELS)]) expect(label).toMatch(/^[\u4e00-\u9fa5]+$/);
    expect(new Set(Object.values(STATUS_CHART_LABELS)).size).toBe(VOUCHER_STATUSES.length);
  });

  test('vouchers by status: lifecycle order, shares of the count and the amount, bars scaled to the largest status', () => {
    const c = statusChart(adminStats);
    expect(c.bars.map((b) => b.status)).toEqual([...VOUCHER_STATUSES]);
    expect(c.bars.map((b) => b.label)).toEqual(['已领取待登记', '已登记', '兑现审核中', '专家评审中', '评审通过', '公示中', '待拨付', '已拨付', '评审未通过', '已作废']);
    const claimed = c.bars[0];
    expect(claimed).toMatchObject({ count: 30, amountFen: 135_000_000, countPercent: 48.4, amountPercent: 47.3, widthPercent: 100 });
    expect(c.bars[1].widthPercent).toBe(60);
    // A status with one voucher among 30 is still visible.
    expect(c.bars.find((b) => b.status === 'paid')?.widthPercent).toBe(3.3);
    expect(c.total).toEqual({ count: 62, amountFen: 285_500_000 });
    expect(c.live).toEqual({ count: 48, amountFen: 215_500_000 });
    expect(c.voidNote).toBe('逾期未登记 3 张 · 已取消 2 张');
    expect(c.empty).toBe(false);
  });

  test('tiny shares stay visible: a bar never thinner than 2%, a share under 1% with two decimals', () => {
    const skewed: AdminStats = {
      ...none,
      vouchers: {
        total: { count: 1001, amountFen: 1001 * 100_000 },
        byStatus: VOUCHER_STATUSES.map((status) => ({ status, count: status === 'claimed' ? 1000 : status === 'void' ? 1 : 0, amountFen: status === 'claimed' ? 100_000_000 : status === 'void' ? 100_000 : 0 })),
        voidByReason: [{ reason: 'cancelled', count: 1, amountFen: 100_000 }],
      },
    };
    const voided = statusChart(skewed).bars.find((b) => b.status === 'void')!;
    expect(voided).toMatchObject({ widthPercent: 2, countPercent: 0.1 });
    expect(statusChart(skewed).bars.find((b) => b.status === 'paid')).toMatchObject({ widthPercent: 0, countPercent: 0 });
  });

  test('nothing claimed yet: empty, every status at zero, no void note; a status missing from the answer reads zero', () => {
    const c = statusChart(none);
    expect(c.empty).toBe(true);
    expect(c.bars.every((b) => b.count === 0 && b.widthPercent === 0 && b.countPercent === 0)).toBe(true);
    expect(c.voidNote).toBe('');
    const partial = statusChart({ ...none, vouchers: { ...none.vouchers, byStatus: [{ status: 'paid', count: 2, amountFen: 200_000 }], total: { count: 2, amountFen: 200_000 } } });
    expect(partial.bars).toHaveLength(VOUCHER_STATUSES.length);
    expect(partial.bars.find((b) => b.status === 'paid')).toMatchObject({ count: 2, countPercent: 100, widthPercent: 100 });
    expect(claimsChart(none)).toEqual({ bars: [], maxVouchers: 0, totals: { vouchersClaimed: 0, fenClaimed: 0 }, empty: true });
  });

  test('claims per period: held and given-back shares of the quota, captions in 张 and 元, totals', () => {
    const c = claimsChart(adminStats);
    expect(c.bars.map((b) => b.periodId)).toEqual([upcomingPeriod.id, openPeriod.id]);
    const open = c.bars[1];
    // Held = claimed − void = quota − remaining of the open period (26.55% → 26.6); void 2%.
    expect(open).toMatchObject({ heldPercent: 26.6, voidPercent: 2, claimedPercent: 28.6, remainingFen: openPeriod.remainingFen, caption: '62 张 · 2,855,000.00 元' });
    expect(c.bars[0]).toMatchObject({ heldPercent: 0, voidPercent: 0, claimedPercent: 0, caption: '0 张 · 0.00 元' });
    expect(c.bars.map((b) => b.status)).toEqual([null, null]);
    expect(claimsChart(adminStats, [openPeriod, upcomingPeriod]).bars.map((b) => b.status)).toEqual(['upcoming', 'open']);
    expect(c.maxVouchers).toBe(62);
    expect(c.totals).toEqual({ vouchersClaimed: 62, fenClaimed: 285_500_000 });
    expect(c.empty).toBe(false);
  });

  test('claims per period: the two segments never overflow the track; a zero quota draws nothing', () => {
    const p = adminStats.periods[1];
    const over = claimsChart({ ...none, periods: [{ ...p, quotaFen: 1_000_000, fenClaimed: 1_500_000, fenVoid: 700_000, remainingFen: 200_000 }] }).bars[0];
    expect(over.heldPercent).toBe(80);
    expect(over.voidPercent).toBe(20);
    expect(over.claimedPercent).toBe(150);
    const zero = claimsChart({ ...none, periods: [{ ...p, quotaFen: 0, remainingFen: -5 }] }).bars[0];
    expect(zero).toMatchObject({ heldPercent: 0, voidPercent: 0, claimedPercent: 0, remainingFen: 0 });
  });
});
