import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell, Progress, Skeleton } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import type { PeriodView } from '../../services/types';
import { claimedFen, drainedPercent } from '../../logic/drain';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; current: PeriodView | null; toReview: number };

const go = (url: string) => void Taro.navigateTo({ url });

/** 管理, the administrators' face of the role tab: the period in progress, the review queue, the tools. */
export default function AdminDesk({ round }: { round: number }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  async function load() {
    try {
      const [{ periods }, { redemptions }] = await Promise.all([api.periods(), api.adminRedemptions('submitted')]);
      const current = periods.find((p) => p.status === 'open' || p.status === 'sold_out') ?? periods.find((p) => p.status === 'upcoming') ?? null;
      setState({ kind: 'ready', current, toReview: redemptions.length });
    } catch (e) {
      setState({ kind: 'error', message: errorLine(e) });
    }
  }
  useEffect(() => {
    void load();
  }, [round]);

  return (
    <View id='admin-desk'>
      {state.kind === 'loading' && (
        <View className='skeleton-card'>
          <Skeleton rows={3} animated />
        </View>
      )}
      {state.kind === 'error' && <EmptyState status='network' title='加载失败' description={state.message} action={{ text: '重新加载', onClick: () => void load() }} />}
      {state.kind === 'ready' && state.current && (
        <View className='card desk__period' id='desk-period' onClick={() => go(withQuery(PAGES.adminPeriod, { id: state.current!.id }))}>
          <View className='muted'>{state.current.status === 'upcoming' ? '下一期' : '本期'}</View>
          <View className='desk__period-name'>{state.current.name}</View>
          <Progress percent={drainedPercent(state.current.quotaFen, state.current.remainingFen)} showText={false} strokeWidth='8' color='linear-gradient(90deg, #5b93ff 0%, #1456f0 100%)' background='#e8eefc' />
          <View className='desk__period-figures'>
            <Text>已领取 {formatFen(claimedFen(state.current.quotaFen, state.current.remainingFen))}</Text>
            <Text className='muted'>剩余 {formatFen(state.current.remainingFen)}</Text>
          </View>
        </View>
      )}
      {state.kind === 'ready' && !state.current && (
        <EmptyState title='没有开放或即将开放的周期' description='新建一个发放周期，设置开放时间与额度' action={{ text: '新建周期', onClick: () => go(PAGES.adminPeriodForm) }} />
      )}
      {state.kind === 'ready' && (
        <View className='card desk__stats'>
          <View className='desk__stat' id='desk-review' onClick={() => go(PAGES.adminRedemptions)}>
            <Text className={`desk__figure ${state.toReview ? 'desk__figure--hot' : ''}`}>{state.toReview}</Text>
            <Text className='muted'>待审核兑现</Text>
          </View>
        </View>
      )}
      <Cell.Group className='desk__tools'>
        <Cell title='发放周期' description='新建、修改、提前结束，实时额度' clickable onClick={() => go(PAGES.adminPeriods)} extra={<Text className='desk__link'>进入 ›</Text>} />
        <Cell title='兑现审核' description='评审、现场核查、登记拨付' clickable onClick={() => go(PAGES.adminRedemptions)} extra={<Text className='desk__link'>进入 ›</Text>} />
        <Cell title='数据看板' description='各期领取、额度消耗、券状态分布' clickable onClick={() => go(PAGES.adminDashboard)} extra={<Text className='desk__link'>查看 ›</Text>} />
      </Cell.Group>
    </View>
  );
}
