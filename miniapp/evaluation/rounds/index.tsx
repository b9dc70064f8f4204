import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { dayLabel } from '../../components/DateField';
import { evaluationApi } from '../../services/evaluationApi';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../components/evaluation.scss';

function Rounds() {
  const { state, reload } = useRemote(() => evaluationApi.evaluationRounds(), 'rounds');
  useDidShow(reload);
  return (
    <View className='page' id='evaluation-rounds'>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>开放单位绩效考核</View>
          <View className='admin-hero__sub'>每年组织一次：单位在线申报 → 专家评分 → 现场核查 → 支持方案公示 → 拨付（第十一、十四条）</View>
        </View>
      </View>
      <View className='review-actions'>
        <Button type='primary' block id='open-round' onClick={() => void Taro.navigateTo({ url: PAGES.evaluationRoundForm })}>
          开启年度考核
        </Button>
      </View>
      <Loaded state={state} reload={reload} rows={3} errorTitle='加载失败'>
        {({ rounds }) => (
          <>
            {rounds.length === 0 && <EmptyState size='small' title='还没有绩效考核' description='开启年度考核后，开放单位即可在线申报' />}
            {rounds.map((r) => (
              <View
                key={r.id}
                className='card link-card eval-round-row'
                data-round-id={r.id}
                data-phase={r.phase}
                onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.evaluationRound, { id: r.id }) })}
              >
                <View className='link-card__main'>
                  <View className='link-card__title'>{r.title}</View>
                  <View className='link-card__sub'>
                    申报截止 {dayLabel(r.declarationDeadline)} · 已申报 {r.declarations} 家
                  </View>
                </View>
                <Text className='review-tag'>{r.phaseLabel}</Text>
              </View>
            ))}
          </>
        )}
      </Loaded>
    </View>
  );
}

/** 绩效考核 (administrators): the rounds, newest year first, and 开启年度考核. */
export default function EvaluationRounds() {
  return <AdminGate>{() => <Rounds />}</AdminGate>;
}
