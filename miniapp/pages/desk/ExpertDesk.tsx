import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import SubscribePrompt from '../../components/SubscribePrompt';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { AssignmentSummary } from '../../services/reviewTypes';
import { formatBeijing } from '../../logic/clock';
import EvaluationTasks from './EvaluationTasks';

const LABEL = { pass: '已提交：通过', fail: '已提交：不通过', doubtful: '已提交：存疑' } as const;

/** 评审, the experts' face of the role tab: the review tasks assigned to me, those waiting first. */
export default function ExpertDesk({ round }: { round: number }) {
  const [state, setState] = useState<Remote<AssignmentSummary[]>>({ kind: 'loading' });
  async function load() {
    try {
      const { assignments } = await api.expertAssignments();
      const rank = (a: AssignmentSummary) => (a.decided ? 2 : a.opinion ? 1 : 0);
      setState({ kind: 'ready', data: [...assignments].sort((x, y) => rank(x) - rank(y)) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => {
    void load();
  }, [round]);
  return (
    <View id='expert-desk'>
      <View className='card'>
        <View className='desk__period-name'>兑现评审任务</View>
        <Text className='muted'>请查看证明材料，给出通过、不通过或存疑的意见并说明理由；结论作出前可修改（第十五条4）。</Text>
        <SubscribePrompt topic='new_assignment' label='有新的评审任务时微信通知我' />
      </View>
      <Loaded state={state} reload={() => void load()} rows={3} errorTitle='加载失败'>
        {(items) => (
          <View id='expert-tasks' data-count={items.length}>
            {items.length === 0 && <EmptyState size='small' title='暂无评审任务' description='管理部门分配任务后，会在这里和消息中心通知您' />}
            {items.map((a) => (
              <View
                key={a.id}
                className='card link-card expert-task-row'
                data-item-id={a.id}
                data-state={a.decided ? 'decided' : a.opinion ? 'answered' : 'waiting'}
                onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.expertTask, { id: a.id }) })}
              >
                <View className='link-card__main'>
                  <View className='link-card__title'>{a.unitName}</View>
                  <View className='link-card__sub'>{a.roundName}</View>
                  <View className='link-card__sub'>
                    应兑付 {formatFen(a.payableFen)} · 分配于 {formatBeijing(a.assignedAt)}
                  </View>
                </View>
                <Tag type={a.opinion ? 'success' : 'warning'} round>
                  {a.decided ? '已出结论' : a.opinion ? LABEL[a.opinion.opinion] : '待评审'}
                </Tag>
              </View>
            ))}
          </View>
        )}
      </Loaded>
      <EvaluationTasks round={round} />
    </View>
  );
}
