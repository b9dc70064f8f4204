import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import SubscribePrompt from '../../components/SubscribePrompt';
import { PAGES } from '../../components/nav';
import { api } from '../../services/api';
import type { MeView } from '../../services/types';
import { todayInBeijing } from '../../logic/contracts';
import { staffDeskCounts } from '../../logic/roleTab';

type Counts = ReturnType<typeof staffDeskCounts>;

const go = (url: string) => void Taro.navigateTo({ url });

/** 工作台, the open unit staff's face of the role tab: what waits for them, and their tools. */
export default function StaffDesk({ unit, round }: { unit: NonNullable<MeView['openUnit']>; round: number }) {
  const [state, setState] = useState<Remote<Counts>>({ kind: 'loading' });

  async function load() {
    try {
      const { contracts } = await api.contracts();
      setState({ kind: 'ready', data: staffDeskCounts(contracts, unit.id, todayInBeijing()) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => {
    void load();
  }, [round, unit.id]);

  return (
    <View id='staff-desk'>
      <View className='card desk__head'>
        <View className='desk__sub'>开放单位工作台</View>
        <View className='desk__title'>{unit.name}</View>
        {unit.status !== 'active' && <View className='hint hint--warn'>本单位当前不在开放状态，新的合作申请暂停受理。</View>}
        {/* Issue #19: staff are asked on their desk whether WeChat should tell them of the next proposal. */}
        <SubscribePrompt topic='new_proposal' label='有新的合作申请时微信通知我' />
      </View>
      <Loaded state={state} reload={() => void load()} rows={2} errorTitle='加载失败'>
        {(counts) => (
          <>
            <View className='card desk__stats'>
              <View className='desk__stat' id='desk-pending' onClick={() => go(PAGES.staffContracts)}>
                <Text className={`desk__figure ${counts.pending ? 'desk__figure--hot' : ''}`}>{counts.pending}</Text>
                <Text className='muted'>待确认合作</Text>
              </View>
              <View className='desk__stat' onClick={() => go(`${PAGES.staffContracts}?tab=all`)}>
                <Text className='desk__figure'>{counts.registered}</Text>
                <Text className='muted'>已登记合同</Text>
              </View>
              <View className='desk__stat' onClick={() => go(`${PAGES.staffContracts}?tab=all`)}>
                <Text className='desk__figure'>{counts.redeemable}</Text>
                <Text className='muted'>可申请兑现</Text>
              </View>
            </View>
            {counts.pending === 0 && <View className='hint desk__hint'>暂无待确认的合作申请。申领单位在“实验室”中选择本单位服务后，申请会出现在这里。</View>}
          </>
        )}
      </Loaded>
      <Cell.Group className='desk__tools'>
        <Cell title='待确认合作' description='确认合同金额与用券金额，或说明原因退回' clickable onClick={() => go(PAGES.staffContracts)} extra={<Text className='desk__link'>处理 ›</Text>} />
        <Cell title='本单位合同' description='已登记合同、变更与兑现申请' clickable onClick={() => go(`${PAGES.staffContracts}?tab=all`)} extra={<Text className='desk__link'>查看 ›</Text>} />
        <Cell title='本单位服务' description='服务项目、价格与上下架' clickable onClick={() => go(PAGES.staffServices)} extra={<Text className='desk__link'>管理 ›</Text>} />
        {/* 第十一、十四条: the yearly performance evaluation (sub-package evaluation). */}
        <View id='desk-evaluation'>
          <Cell title='绩效考核' description='年度考核申报：平台数据自动汇总，补充运行情况' clickable onClick={() => go(PAGES.evaluationUnit)} extra={<Text className='desk__link'>申报 ›</Text>} />
        </View>
        <View id='desk-team'>
          <Cell
            title='本单位工作人员'
            description={unit.manager ? '邀请同事加入，解除绑定' : '本单位已加入的同事'}
            clickable
            onClick={() => go(PAGES.staffTeam)}
            extra={<Text className='desk__link'>{unit.manager ? '邀请 ›' : '查看 ›'}</Text>}
          />
        </View>
      </Cell.Group>
    </View>
  );
}
