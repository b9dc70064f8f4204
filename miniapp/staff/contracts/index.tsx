import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Tabs } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { ContractRow } from '../../components/Contract';
import { PAGES, goContract, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { canApplyRedemption, todayInBeijing } from '../../logic/contracts';
import { canAmend } from '../../logic/amend';
import type { ContractView } from '../../services/types';
import StaffGate, { type StaffMe } from '../components/StaffGate';

function Lists({ me }: { me: StaffMe }) {
  const [tab, setTab] = useState<string>(useRouter().params.tab === 'all' ? 'all' : 'pending');
  const [state, setState] = useState<Remote<ContractView[]>>({ kind: 'loading' });

  async function load() {
    try {
      const { contracts } = await api.contracts();
      setState({ kind: 'ready', data: contracts.filter((c) => c.unitId === me.openUnit.id) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  // Mounted after the gate's check (the page's first show has passed): load now, and again on each return.
  useEffect(() => {
    void load();
  }, []);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const today = todayInBeijing();
  const open = (c: ContractView) => {
    if (c.status === 'proposed') return Taro.navigateTo({ url: withQuery(PAGES.staffConfirm, { id: c.id }) });
    return goContract(c.id);
  };
  const pending = state.kind === 'ready' ? state.data.filter((c) => c.status === 'proposed') : [];

  return (
    <View className='page' id='staff-contracts' data-tab={tab}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>开放单位</View>
        <View className='detail-head__title'>{me.openUnit.name}</View>
        <View className='detail-head__notice'>申领单位的项目信息须保密（第九条3）。确认即完成合同登记，券面最多支付合同金额的 50%（第十二条）。</View>
      </View>
      <Tabs value={tab} onChange={(v) => setTab(String(v))}>
        <Tabs.TabPane title={`待确认${pending.length ? ` (${pending.length})` : ''}`} value='pending' />
        <Tabs.TabPane title='本单位合同' value='all' />
      </Tabs>
      <Loaded state={state} reload={() => void load()} rows={4} errorTitle='加载失败'>
        {(contracts) => {
          const shown = tab === 'pending' ? pending : contracts;
          return shown.length === 0 ? (
            <EmptyState size='small' title={tab === 'pending' ? '没有待确认的合作申请' : '本单位还没有合同'} description='申领单位在服务详情页“申请合作”后，会出现在这里' />
          ) : (
            shown.map((c) => (
              <View key={c.id}>
                <ContractRow c={c} onClick={() => void open(c)} />
                {canApplyRedemption(c, today) && (
                  <View className='hint' style={{ margin: '-4px 4px 12px' }} onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.staffRedeem, { id: c.id }) })}>
                    合同已到期，可申请兑现 ›
                  </View>
                )}
                {canAmend(c, me.openUnit.id) && (
                  <View
                    className='hint amend-link'
                    style={{ margin: '-4px 4px 12px' }}
                    data-contract-id={c.id}
                    onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.staffAmend, { id: c.id }) })}
                  >
                    变更合同条款 ›
                  </View>
                )}
              </View>
            ))
          );
        }}
      </Loaded>
    </View>
  );
}

/** The unit's proposals waiting for confirmation, and all its contracts (GET /api/contracts as staff). */
export default function StaffContracts() {
  return <StaffGate>{(me) => <Lists me={me} />}</StaffGate>;
}
