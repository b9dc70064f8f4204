/**
 * The public transparency page (第十八条: the evaluation and the redemptions are open to public
 * supervision; POLICY.md: the public notices and aggregate figures are public), served without sign-in.
 *
 * Aggregates only. What goes out: per period its name, dates, quota and what was claimed; vouchers by
 * (derived) status — the administrators' figures (stats.ts), reused — by priority field and by district;
 * redemptions approved and paid this Beijing year (count and fen); the open public notices as the notices
 * module publishes them; the names and districts of the open units in the scheme (public already: the
 * catalogue). No applicant's name, credit code, project or id goes out: the district comes from the
 * credit code's administrative-division digits and only the district's name is kept.
 *
 * Cost: a news article may send thousands of readers at once. The figures are computed at most once per
 * CACHE_MS per process (concurrent requests share one computation) and the HTTP answer may be cached by
 * browsers and proxies for as long (Cache-Control: public).
 */
import {
  OTHER_FIELD_LABEL,
  PRIORITY_FIELDS,
  PRIORITY_FIELD_LABELS,
  VOUCHER_STATUS_LABELS,
  shanghaiDay,
  shanghaiYear,
  type CountAndFen,
  type PublicGroupFigure,
  type PublicNotice,
  type PublicTransparency,
} from '@kcq/shared';
import { APPLICANTS, type Applicant } from '../applicants';
import type { Clock } from '../clock';
import { isOpen, OPEN_UNITS, stateOf, type OpenUnit } from '../openUnits';
import { PERIODS, type Period } from '../periods';
import { REDEMPTIONS, type RedemptionDoc } from '../redemptions';
import type { AdminStatistics } from '../stats';
import { VOUCHERS, type VoucherDoc } from '../vouchers';
import type { Collection, Store } from '../../store';

export const CACHE_MS = 60_000;

/** Beijing's districts by the administrative-division code in a unified social credit code (digits 3–8). */
const BEIJING_DISTRICTS: Record<string, string> = {
  '110101': '东城区',
  '110102': '西城区',
  '110105': '朝阳区',
  '110106': '丰台区',
  '110107': '石景山区',
  '110108': '海淀区',
  '110109': '门头沟区',
  '110111': '房山区',
  '110112': '通州区',
  '110113': '顺义区',
  '110114': '昌平区',
  '110115': '大兴区',
  '110116': '怀柔区',
  '110117': '平谷区',
  '110118': '密云区',
  '110119': '延庆区',
};

/** The district of an enterprise from its credit code; teams have none. */
export function districtOf(a: Pick<Applicant, 'kind' | 'creditCode'> | undefined): { key: string; label: string } {
  if (!a) return { key: 'unknown', label: '未知' };
  if (a.kind === 'team') return { key: 'team', label: '创业团队' };
  const label = a.creditCode ? BEIJING_DISTRICTS[a.creditCode.slice(2, 8)] : undefined;
  return label ? { key: label, label } : { key: 'other', label: '其他地区' };
}

function fieldOf(a: Pick<Applicant, 'kind' | 'profile'> | undefined): { key: string; label: string } {
  if (!a) return { key: 'unknown', label: '未知' };
  if (a.kind === 'team' || a.profile.kind === 'team') return { key: 'team', label: '创业团队' };
  const f = a.profile.priorityField;
  return (PRIORITY_FIELDS as readonly string[]).includes(f)
    ? { key: f, label: PRIORITY_FIELD_LABELS[f as (typeof PRIORITY_FIELDS)[number]] }
    : { key: 'other', label: OTHER_FIELD_LABEL };
}

const zero = (): CountAndFen => ({ count: 0, amountFen: 0 });

export class Transparency {
  private readonly vouchers: Collection<VoucherDoc>;
  private readonly applicants: Collection<Applicant>;
  private readonly periods: Collection<Period>;
  private readonly redemptions: Collection<RedemptionDoc>;
  private readonly units: Collection<OpenUnit>;
  private cached: { at: number; value: PublicTransparency } | null = null;
  private inFlight: Promise<PublicTransparency> | null = null;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly stats: Pick<AdminStatistics, 'compute'>,
    /** Units banned or removed (第十七条) are not in the scheme's public list. */
    private readonly hiddenUnits: () => Promise<string[]>,
    /** The open public notices as the notices module publishes them (none until it is wired). */
    private readonly openNotices: () => Promise<PublicNotice[]> = async () => [],
  ) {
    this.vouchers = store.collection<VoucherDoc>(VOUCHERS);
    this.applicants = store.collection<Applicant>(APPLICANTS);
    this.periods = store.collection<Period>(PERIODS);
    this.redemptions = store.collection<RedemptionDoc>(REDEMPTIONS);
    this.units = store.collection<OpenUnit>(OPEN_UNITS);
  }

  /** The figures, at most CACHE_MS old; concurrent callers share one computation. */
  figures(): Promise<PublicTransparency> {
    const now = this.clock.now().getTime();
    if (this.cached && now - this.cached.at < CACHE_MS && now >= this.cached.at) return Promise.resolve(this.cached.value);
    this.inFlight ??= this.compute()
      .then((value) => {
        this.cached = { at: this.clock.now().getTime(), value };
        return value;
      })
      .finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Forgets the cached figures (tests; an administrator's correction). */
  invalidate(): void {
    this.cached = null;
  }

  private async compute(): Promise<PublicTransparency> {
    const now = this.clock.now();
    const year = shanghaiYear(now);
    const today = shanghaiDay(now);
    const [stats, vouchers, applicants, periods, redemptions, units, hidden, notices] = await Promise.all([
      this.stats.compute(),
      this.vouchers.project({}, ['applicantId', 'amountFen']),
      this.applicants.project({}, ['kind', 'creditCode', 'profile']),
      this.periods.find({}, { sort: { opensAt: -1 } }),
      this.redemptions.project({}, ['status', 'payableFen', 'review', 'payment']),
      this.units.find({ status: { $in: ['active', 'leaving'] } }, { sort: { name: 1 } }),
      this.hiddenUnits(),
      this.openNotices(),
    ]);

    const byApplicant = new Map(applicants.map((a) => [a._id, a]));
    const byField = new Map<string, PublicGroupFigure>();
    const byDistrict = new Map<string, PublicGroupFigure>();
    const add = (m: Map<string, PublicGroupFigure>, g: { key: string; label: string }, fen: number) => {
      const f = m.get(g.key) ?? { key: g.key, label: g.label, count: 0, amountFen: 0 };
      f.count += 1;
      f.amountFen += fen;
      m.set(g.key, f);
    };
    for (const v of vouchers) {
      const a = byApplicant.get(v.applicantId);
      add(byField, fieldOf(a), v.amountFen);
      add(byDistrict, districtOf(a), v.amountFen);
    }

    const approvedThisYear = zero();
    const paidThisYear = zero();
    for (const r of redemptions) {
      if (r.review?.decision === 'approved' && shanghaiYear(r.review.at) === year) {
        approvedThisYear.count += 1;
        approvedThisYear.amountFen += r.payableFen;
      }
      if (r.status === 'paid' && r.payment && shanghaiYear(r.payment.at) === year) {
        paidThisYear.count += 1;
        paidThisYear.amountFen += r.payableFen;
      }
    }

    const claimedByPeriod = new Map(stats.periods.map((p) => [p.periodId, p]));
    const hiddenSet = new Set(hidden);
    const order = (m: Map<string, PublicGroupFigure>) => [...m.values()].sort((a, b) => b.amountFen - a.amountFen || a.key.localeCompare(b.key));

    return {
      generatedAt: now.toISOString(),
      year,
      periods: periods.map((p) => {
        const s = claimedByPeriod.get(p._id);
        return {
          name: p.name,
          opensAt: p.opensAt.toISOString(),
          closesAt: p.closesAt.toISOString(),
          quotaFen: p.quotaFen,
          claimed: { count: s?.vouchersClaimed ?? 0, amountFen: s?.fenClaimed ?? 0 },
        };
      }),
      vouchers: {
        total: stats.vouchers.total,
        byStatus: stats.vouchers.byStatus.map((s) => ({ key: s.status, label: VOUCHER_STATUS_LABELS[s.status], count: s.count, amountFen: s.amountFen })),
        byPriorityField: order(byField),
        byDistrict: order(byDistrict),
      },
      redemptions: { approvedThisYear, paidThisYear },
      notices,
      openUnits: units
        .filter((u) => isOpen(stateOf(u), today) && !hiddenSet.has(u._id))
        .map((u) => ({ name: u.name, district: u.district, region: u.region, mutualRecognition: u.mutualRecognition })),
    };
  }
}
