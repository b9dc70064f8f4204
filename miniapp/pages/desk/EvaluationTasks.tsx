import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { EVALUATION_CLASS_LABELS, type EvaluationAssignmentView } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { evaluationApi } from '../../services/evaluationApi';
import { formatScore } from '../../logic/evaluation';

/** The expert's performance-evaluation scoring tasks (第十一、十四条), unscored first: beside the redemption reviews. */
export default function EvaluationTasks({ round }: { round: number }) {
  const [state, setState] = useState<Remote<EvaluationAssignmentView[]>>({ kind: 'loading' });
  async function load() {
    try {
      const { assignments } = await evaluationApi.evaluationAssignments();
      setState({ kind: 'ready', data: [...assignments].sort((x, y) => Number(!!x.myScore) - Number(!!y.myScore)) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => {
    void load();
  }, [round]);
  return (
    <View id='expert-evaluation-tasks-section'>
      <View className='card'>
        <View className='desk__period-name'>绩效考核评分</View>
        <Text className='muted'>按第十一条的六项指标为开放单位的年度申报打分；存疑的可建议现场核查。</Text>
      </View>
      <Loaded state={state} reload={() => void load()} rows={2} errorTitle='加载失败'>
        {(items) => (
          <View id='expert-evaluation-tasks' data-count={items.length}>
            {items.length === 0 && <EmptyState size='small' title='暂无考核评分任务' description='年度考核申报截止、管理部门分配后，会在这里和消息中心通知您' />}
            {items.map((a) => (
              <View
                key={a.id}
                className='card link-card evaluation-task-row'
                data-assignment-id={a.id}
                data-state={a.myScore ? 'scored' : 'waiting'}
                onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.evaluationTask, { id: a.id }) })}
              >
                <View className='link-card__main'>
                  <View className='link-card__title'>{a.declaration.unitName}</View>
                  <View className='link-card__sub'>
                    {a.year} 年度考核 · {EVALUATION_CLASS_LABELS[a.declaration.class]}
                  </View>
                </View>
                <Tag type={a.myScore ? 'success' : 'warning'} round>
                  {a.myScore ? `已评 ${formatScore(a.myScore.weighted)} 分` : '待评分'}
                </Tag>
              </View>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  );
}
