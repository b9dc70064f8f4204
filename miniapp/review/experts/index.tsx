import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { ExpertView } from '../../services/reviewTypes';
import { expertStatus, fieldLabel, tiesLine } from '../../logic/experts';
import '../../admin/components/admin.scss';
import '../components/review.scss';

const open = (id?: string) => void Taro.navigateTo({ url: id ? withQuery(PAGES.reviewExpert, { id }) : PAGES.reviewExpert });

function ExpertRow({ e }: { e: ExpertView }) {
  const s = expertStatus(e);
  return (
    <View className='card expert-card' data-expert-id={e.id} data-bound={String(s.bound)} data-active={String(e.active)} onClick={() => open(e.id)}>
      <View className='expert-card__head'>
        <Text className='expert-card__name'>{e.name}</Text>
        <View className='expert-card__tags'>
          <Text className={`review-tag ${s.bound ? 'review-tag--ok' : 'review-tag--warn'}`}>{s.boundLabel}</Text>
          {!e.active && <Text className='review-tag review-tag--bad'>{s.activeLabel}</Text>}
        </View>
      </View>
      <View className='review-row__sub'>{e.organisation}</View>
      <View className='expert-card__fields'>
        {e.fields.map((f) => (
          <Text key={f} className='review-tag'>
            {fieldLabel(f)}
          </Text>
        ))}
      </View>
      {e.ties.length > 0 && <View className='review-row__sub'>关联单位：{tiesLine(e.ties)}</View>}
      <View>
        <Text className='expert-card__more'>{s.bound ? '查看、编辑 ›' : '生成邀请码 ›'}</Text>
      </View>
    </View>
  );
}

function Experts() {
  const [state, setState] = useState<Remote<ExpertView[]>>({ kind: 'loading' });

  async function load() {
    try {
      setState({ kind: 'ready', data: (await api.experts()).experts });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  useDidShow(() => void load());

  return (
    <View className='page' id='review-experts'>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>专家库</View>
          <View className='admin-hero__sub'>评审专家的工作单位、专业领域与关联单位；评审时，与开放单位或申领单位有关联的专家自动回避（第十五条4）</View>
        </View>
      </View>
      <View className='review-actions'>
        <Button type='primary' block id='add-expert' onClick={() => open()}>
          添加专家
        </Button>
      </View>
      <Loaded state={state} reload={() => void load()} rows={3} errorTitle='加载失败'>
        {(experts) => {
          const bound = experts.filter((e) => e.userId !== null).length;
          const active = experts.filter((e) => e.active && e.userId !== null).length;
          return experts.length === 0 ? (
            <EmptyState title='专家库中还没有专家' description='添加专家后，生成邀请码发给专家本人，专家绑定后即可分配评审任务' />
          ) : (
            <>
              <View className='section-title'>
                <Text>专家名单</Text>
                <Text className='muted' id='experts-summary'>
                  共 {experts.length} 位，已绑定 {bound} 位，可分配 {active} 位
                </Text>
              </View>
              <View id='expert-list' data-count={experts.length}>
                {experts.map((e) => (
                  <ExpertRow key={e.id} e={e} />
                ))}
              </View>
            </>
          );
        }}
      </Loaded>
    </View>
  );
}

/** 专家库: the experts, bound or waiting for binding, in the pool or not; 添加专家 and each profile. */
export default function ReviewExperts() {
  return <AdminGate>{() => <Experts />}</AdminGate>;
}
