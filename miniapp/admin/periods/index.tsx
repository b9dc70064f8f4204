import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Skeleton } from '@nutui/nutui-react-taro';
import AdminGate from '../components/AdminGate';
import AdminPeriodCard from '../components/AdminPeriodCard';
import { closeWithConfirm } from '../components/closePeriod';
import EmptyState from '../../components/EmptyState';
import { useServerNow } from '../../components/hooks';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { clockOffset } from '../../logic/clock';
import type { PeriodView } from '../../services/types';
import '../components/admin.scss';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; periods: PeriodView[]; offsetMs: number };

function Periods() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const now = useServerNow(state.kind === 'ready' ? state.offsetMs : 0);

  const load = useCallback(async () => {
    try {
      const sentAt = Date.now();
      const r = await api.periods();
      setState({ kind: 'ready', periods: r.periods, offsetMs: clockOffset(r.serverTime, Math.round((sentAt + Date.now()) / 2)) });
    } catch (e) {
      setState({ kind: 'error', message: errorLine(e) });
    }
  }, []);

  // Mounted once the gate has let the administrator in; reloaded when coming back from the form.
  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    void load();
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const open = (p: PeriodView) => void Taro.navigateTo({ url: withQuery(PAGES.adminPeriod, { id: p.id }) });
  const edit = (p: PeriodView) => void Taro.navigateTo({ url: withQuery(PAGES.adminPeriodForm, { id: p.id }) });
  async function close(p: PeriodView) {
    if (await closeWithConfirm(p)) void load();
  }

  return (
    <View className='page' id='admin-periods'>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>发放周期</View>
          <View className='admin-hero__sub'>分期发放，额度领完即止（第十二条）</View>
        </View>
        <Button size='small' id='admin-dashboard' onClick={() => void Taro.navigateTo({ url: PAGES.adminDashboard })}>
          数据看板
        </Button>
      </View>
      <Button type='primary' block id='new-period' onClick={() => void Taro.navigateTo({ url: PAGES.adminPeriodForm })}>
        新建发放周期
      </Button>

      <View className='section-title'>
        <Text>全部周期</Text>
        {state.kind === 'ready' && <Text className='muted'>共 {state.periods.length} 期，新建在前</Text>}
      </View>
      {state.kind === 'loading' &&
        [0, 1].map((i) => (
          <View key={i} className='skeleton-card'>
            <Skeleton rows={4} animated />
          </View>
        ))}
      {state.kind === 'error' && (
        <EmptyState status='network' title='加载失败' description={state.message} action={{ text: '重新加载', onClick: () => void load() }} />
      )}
      {state.kind === 'ready' && state.periods.length === 0 && (
        <EmptyState title='还没有发放周期' description='新建一期，设置开放时间和总额度后，申领单位即可在首页看到倒计时' />
      )}
      {state.kind === 'ready' &&
        state.periods.map((p) => <AdminPeriodCard key={p.id} period={p} nowMs={now} onOpen={open} onEdit={edit} onClose={(x) => void close(x)} />)}
    </View>
  );
}

export default function AdminPeriodsPage() {
  return <AdminGate>{() => <Periods />}</AdminGate>;
}
