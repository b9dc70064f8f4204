import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../components/AdminGate';
import AdminPeriodCard from '../components/AdminPeriodCard';
import { closeWithConfirm } from '../components/closePeriod';
import { useConfirm } from '../../components/Confirm';
import EmptyState from '../../components/EmptyState';
import { useServerNow, type Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { clockOffset } from '../../logic/clock';
import type { PeriodView } from '../../services/types';
import '../components/admin.scss';

function Periods() {
  const [state, setState] = useState<Remote<{ periods: PeriodView[]; offsetMs: number }>>({ kind: 'loading' });
  const now = useServerNow(state.kind === 'ready' ? state.data.offsetMs : 0);

  const load = useCallback(async () => {
    try {
      const sentAt = Date.now();
      const r = await api.periods();
      setState({ kind: 'ready', data: { periods: r.periods, offsetMs: clockOffset(r.serverTime, Math.round((sentAt + Date.now()) / 2)) } });
    } catch (error) {
      setState({ kind: 'error', error });
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
  const [confirmDialog, ask] = useConfirm();
  async function close(p: PeriodView) {
    if (await closeWithConfirm(p, ask)) void load();
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
        {state.kind === 'ready' && <Text className='muted'>共 {state.data.periods.length} 期，新建在前</Text>}
      </View>
      <Loaded state={state} reload={() => void load()} rows={[4, 4]} errorTitle='加载失败'>
        {({ periods }) =>
          periods.length === 0 ? (
            <EmptyState title='还没有发放周期' description='新建一期，设置开放时间和总额度后，申领单位即可在首页看到倒计时' />
          ) : (
            periods.map((p) => <AdminPeriodCard key={p.id} period={p} nowMs={now} onOpen={open} onEdit={edit} onClose={(x) => void close(x)} />)
          )
        }
      </Loaded>
      {confirmDialog}
    </View>
  );
}

export default function AdminPeriodsPage() {
  return <AdminGate>{() => <Periods />}</AdminGate>;
}
