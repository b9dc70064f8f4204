import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Progress, Skeleton, Tag } from '@nutui/nutui-react-taro';
import { formatFen, type AdminStats } from '@kcq/shared';
import AdminGate from '../components/AdminGate';
import ClaimsChart from '../components/ClaimsChart';
import StatusChart from '../components/StatusChart';
import EmptyState from '../../components/EmptyState';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { claimsChart, dashboard, statusChart, type Dashboard as Figures } from '../../logic/admin';
import { PERIOD_STATUS_LABELS } from '../../logic/periods';
import '../components/admin.scss';

const TAG_TYPE = { upcoming: 'warning', open: 'success', sold_out: 'danger', closed: 'default' } as const;
const BAR = 'linear-gradient(90deg, #ff9a52 0%, #e37318 100%)';

/** GET /api/admin/stats, or why it failed (the rest of the page still shows what GET /api/periods tells). */
type Stats = { ok: true; stats: AdminStats } | { ok: false; message: string };

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; d: Figures; pendingReview: number | null; stats: Stats };

/** A card-shaped placeholder per chart while the figures load. */
function ChartSkeleton({ rows }: { rows: number }) {
  return (
    <View className='skeleton-card'>
      <Skeleton rows={1} animated />
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='chart-skeleton__bar' style={{ width: `${92 - i * 13}%` }} />
      ))}
    </View>
  );
}

/**
 * GET /api/periods: quota, claimed (quota − remaining) and share drained per period; GET /api/admin/stats:
 * vouchers by status and claims per period (pull down to refresh).
 */
function Dashboard() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      const [periods, queue, stats] = await Promise.all([
        api.periods(),
        api.adminRedemptions('submitted').catch(() => null),
        api.adminStats().then(
          (s): Stats => ({ ok: true, stats: s }),
          (e): Stats => ({ ok: false, message: errorLine(e) }),
        ),
      ]);
      setState({ kind: 'ready', d: dashboard(periods.periods), pendingReview: queue ? queue.redemptions.length : null, stats });
    } catch (e) {
      setState({ kind: 'error', message: errorLine(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.kind === 'loading') {
    return (
      <View className='page' id='admin-dashboard-loading'>
        <View className='skeleton-card'>
          <Skeleton rows={4} animated />
        </View>
        <ChartSkeleton rows={5} />
        <ChartSkeleton rows={3} />
      </View>
    );
  }
  if (state.kind === 'error') {
    return (
      <View className='page'>
        <EmptyState status='network' title='加载失败' description={state.message} action={{ text: '重新加载', onClick: () => void load() }} />
      </View>
    );
  }
  const { d, stats } = state;
  const byStatus = stats.ok ? statusChart(stats.stats) : null;
  const claims = stats.ok ? claimsChart(stats.stats, d.rows) : null;
  return (
    <View className='page' id='admin-dashboard-page'>
      <View className='section-title'>
        <Text>创新券发放总览</Text>
        <Text className='muted'>全部 {d.rows.length} 期</Text>
      </View>
      <View className='card'>
        <View className='stat-grid'>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>总额度</View>
            <View className='stat-grid__value' id='total-quota'>
              {formatFen(d.totals.quotaFen)}
            </View>
          </View>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>已领取</View>
            <View className='stat-grid__value stat-grid__value--brand' id='total-claimed'>
              {formatFen(d.totals.claimedFen)}
            </View>
          </View>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>未领取</View>
            <View className='stat-grid__value'>{formatFen(d.totals.remainingFen)}</View>
          </View>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>消耗比例</View>
            <View className='stat-grid__value'>{d.totals.drainedPercent}%</View>
          </View>
        </View>
        <View className='muted' style={{ marginTop: '16px' }}>
          领取中 {d.byStatus.open} 期 · 即将开放 {d.byStatus.upcoming} 期 · 已抢完 {d.byStatus.sold_out} 期 · 已结束 {d.byStatus.closed} 期
        </View>
      </View>

      <View className='section-title'>
        <Text>创新券状态分布</Text>
        {byStatus && <Text className='muted'>按张数</Text>}
      </View>
      {!stats.ok && (
        <EmptyState
          id='stats-error'
          size='small'
          status='network'
          title='统计数据加载失败'
          description={stats.message}
          action={{ text: '重新加载', onClick: () => void load() }}
        />
      )}
      {byStatus &&
        (byStatus.empty ? (
          <EmptyState id='status-empty' size='small' title='还没有创新券' description='发放周期开放后，领取的创新券会按状态显示在这里' />
        ) : (
          <StatusChart chart={byStatus} />
        ))}

      {claims && (
        <>
          <View className='section-title'>
            <Text>各期领取</Text>
            <Text className='muted'>张数与金额 / 总额度</Text>
          </View>
          {claims.empty ? (
            <EmptyState
              id='claims-empty'
              size='small'
              title='还没有发放周期'
              description='新建周期并开放后，各期的领取情况会显示在这里'
              action={{ text: '新建周期', onClick: () => void Taro.navigateTo({ url: PAGES.adminPeriodForm }) }}
            />
          ) : (
            <ClaimsChart chart={claims} />
          )}
        </>
      )}

      {/* Without the statistics: the per-period drain GET /api/periods alone tells. */}
      {!claims && (
        <View className='section-title'>
          <Text>各期消耗</Text>
          <Text className='muted'>已领取 = 总额度 − 剩余</Text>
        </View>
      )}
      {(claims ? [] : d.rows).map((r) => (
        <View
          key={r.id}
          className='card admin-period'
          data-period-id={r.id}
          onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.adminPeriod, { id: r.id }) })}
        >
          <View className='admin-period__head'>
            <View className='admin-period__name'>{r.name}</View>
            <Tag type={TAG_TYPE[r.status]} round>
              {PERIOD_STATUS_LABELS[r.status]}
            </Tag>
          </View>
          <View className='admin-period__quota'>
            <View className='admin-period__quota-text'>
              <Text>
                已领取 {formatFen(r.claimedFen)} / {formatFen(r.quotaFen)}
              </Text>
              <Text className='admin-period__quota-value'>{r.drainedPercent}%</Text>
            </View>
            <Progress percent={r.drainedPercent} strokeWidth='8' showText={false} color={BAR} background='#fdf1e8' />
          </View>
        </View>
      ))}

      <View className='section-title'>
        <Text>兑现审核</Text>
      </View>
      <View className='card soon' id='review-queue-link' onClick={() => void Taro.navigateTo({ url: PAGES.adminRedemptions })}>
        <View>
          <View className='soon__title'>兑现审核队列</View>
          <View className='soon__text'>开放单位提交的兑现申请（第十五条第三至五项）：评审、现场核查、拨付</View>
        </View>
        <View className='soon__tag' id='review-queue-count'>
          {state.pendingReview === null ? '进入 ›' : `待评审 ${state.pendingReview} ›`}
        </View>
      </View>
      <View className='text-link text-link--center' onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: PAGES.adminPeriods }))}>
        返回周期管理 ›
      </View>
    </View>
  );
}

export default function DashboardPage() {
  return <AdminGate>{() => <Dashboard />}</AdminGate>;
}
