import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import AdminGate from '../components/AdminGate';
import AdminPeriodCard from '../components/AdminPeriodCard';
import DrainChart from '../components/DrainChart';
import { closeWithConfirm } from '../components/closePeriod';
import { useConfirm } from '../../components/Confirm';
import { useInterval, useServerNow, type Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { clockOffset } from '../../logic/clock';
import { liveStatus } from '../../logic/periods';
import { periodActions } from '../../logic/admin';
import { addSample, drainStats, formatDuration, seriesSpanSeconds, type DrainSample } from '../../logic/drain';
import type { PeriodView } from '../../services/types';
import '../components/admin.scss';

/** GET /api/periods/:id is cheap (cached period + one inventory read): poll every 2 s while shown. */
const POLL_MS = 2000;

function PeriodLive({ id }: { id: string }) {
  const [state, setState] = useState<Remote<{ period: PeriodView; offsetMs: number }>>({ kind: 'loading' });
  const [series, setSeries] = useState<DrainSample[]>([]);
  const [visible, setVisible] = useState(true);
  const [pollError, setPollError] = useState(false);
  const now = useServerNow(state.kind === 'ready' ? state.data.offsetMs : 0);

  const poll = useCallback(async () => {
    try {
      const sentAt = Date.now();
      const r = await api.period(id);
      const offsetMs = clockOffset(r.serverTime, Math.round((sentAt + Date.now()) / 2));
      setState({ kind: 'ready', data: { period: r.period, offsetMs } });
      setSeries((s) => addSample(s, { t: Date.parse(r.serverTime), remainingFen: r.period.remainingFen }));
      setPollError(false);
    } catch (e) {
      setPollError(true);
      setState((s) => (s.kind === 'ready' ? s : { kind: 'error', error: e }));
    }
  }, [id]);

  useEffect(() => {
    void poll();
  }, [poll]);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));

  const live = state.kind === 'ready' && liveStatus(state.data.period, now) !== 'closed' && liveStatus(state.data.period, now) !== 'upcoming';
  // Polls while the page is shown and the period can still drain; a closed period keeps its last chart.
  useInterval(() => void poll(), POLL_MS, visible && (live || state.kind !== 'ready'));

  return (
    <Loaded state={state} reload={() => void poll()} page rows={5}>
      {({ period }) => <Drain p={period} now={now} series={series} live={live} pollError={pollError} onClosed={() => void poll()} />}
    </Loaded>
  );
}

interface DrainProps {
  p: PeriodView;
  now: number;
  series: DrainSample[];
  live: boolean;
  pollError: boolean;
  /** After 提前结束: read the period again. */
  onClosed: () => void;
}

function Drain({ p, now, series, live, pollError, onClosed }: DrainProps) {
  const status = liveStatus(p, now);
  const stats = drainStats(p.quotaFen, series);
  const can = periodActions(p, now);

  const [confirmDialog, ask] = useConfirm();
  async function close() {
    const closed = await closeWithConfirm(p, ask);
    if (closed) onClosed();
  }

  return (
    <View className='page' id='admin-period' data-status={status}>
      <AdminPeriodCard period={p} nowMs={now} />

      <View className='section-title'>
        <Text>额度消耗（实时）</Text>
        <Text className='muted' id='drain-live'>
          {live ? (
            <>
              <Text className='live-dot' />
              每 2 秒刷新{pollError ? ' · 网络波动，重试中' : ''}
            </>
          ) : status === 'upcoming' ? (
            '尚未开放'
          ) : (
            '已停止领取'
          )}
        </Text>
      </View>
      <View className='card'>
        <View className='stat-grid'>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>已领取</View>
            <View className='stat-grid__value stat-grid__value--brand' id='stat-claimed'>
              {formatFen(stats.claimedFen)}
            </View>
          </View>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>已消耗比例</View>
            <View className='stat-grid__value' id='stat-drained'>
              {stats.drainedPercent}%
            </View>
          </View>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>领取速度</View>
            <View className='stat-grid__value'>
              {stats.ratePerMinuteFen > 0 ? `${formatFen(Math.round(stats.ratePerMinuteFen / 100) * 100)}/分钟` : seriesSpanSeconds(series) < 10 && live ? '统计中' : '—'}
            </View>
          </View>
          <View className='stat-grid__item'>
            <View className='stat-grid__label'>按此速度领完还需</View>
            <View className='stat-grid__value'>
              {p.remainingFen <= 0 || status === 'sold_out' ? '已领完' : stats.etaSeconds !== null && live ? formatDuration(stats.etaSeconds) : '—'}
            </View>
          </View>
        </View>
        <DrainChart quotaFen={p.quotaFen} series={series} slots={40} />
        <View className='muted' style={{ marginTop: '12px', lineHeight: 1.5 }}>
          柱高为剩余额度（顶部为总额度），橙色表示两次刷新之间有新的领取。
        </View>
      </View>

      {can.edit && (
        <View className='actions'>
          <Button id='edit-period' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.adminPeriodForm, { id: p.id }) })}>
            编辑周期
          </Button>
        </View>
      )}
      {can.close && (
        <View className='danger-zone'>
          <View className='danger-zone__note'>提前结束后立即停止领取，不能重新开放</View>
          <Button type='danger' fill='outline' block id='close-period' onClick={() => void close()}>
            提前结束
          </Button>
        </View>
      )}
      {confirmDialog}
      {!can.edit && status !== 'upcoming' && status !== 'closed' && (
        <View className='muted' style={{ marginTop: '16px', textAlign: 'center' }}>
          周期已开始，不能再修改（第十五条第一项）
        </View>
      )}
    </View>
  );
}

export default function AdminPeriodPage() {
  const id = useRouter().params.id ?? '';
  return <AdminGate>{() => <PeriodLive id={id} />}</AdminGate>;
}
