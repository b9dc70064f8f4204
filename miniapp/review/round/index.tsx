import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { NamedRedemption } from '../../services/types';
import type { RoundView } from '../../services/reviewTypes';
import { OPINION_LABELS, refusal } from '../components/review';

type Data = { round: RoundView; names: Map<string, NamedRedemption> };

function Round({ id }: { id: string }) {
  const [state, setState] = useState<Remote<Data>>({ kind: 'loading' });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const [round, { redemptions }] = await Promise.all([api.reviewRound(id), api.adminRedemptions()]);
      setState({ kind: 'ready', data: { round, names: new Map(redemptions.map((r) => [r.id, r])) } });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), [id]);
  useDidShow(() => void load());

  async function remind() {
    setBusy(true);
    try {
      const { reminded } = await api.remindExperts(id);
      setNote(reminded ? `已提醒 ${reminded} 位未答复的专家（消息中心及服务通知）` : '今天已提醒过，或专家均已答复；明天可再次提醒');
      toast('已发送提醒', 'success');
    } catch (e) {
      setNote(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Loaded state={state} reload={() => void load()} page>
      {({ round, names }) => {
        const waiting = round.items.reduce((n, i) => n + i.panel.filter((m) => !m.opinion).length, 0);
        return (
          <View className='page' id='review-round' data-round-id={round.id} data-waiting={waiting}>
            <View className='admin-hero'>
              <View className='admin-hero__title'>{round.name}</View>
              <View className='admin-hero__sub'>
                {round.items.length} 项 · 每项 {round.panelSize} 名专家 · 尚有 {waiting} 份意见未提交
              </View>
            </View>
            {round.items.map((item) => {
              const r = names.get(item.redemptionId);
              const answered = item.panel.filter((m) => m.opinion).length;
              return (
                <View key={item.id} className='card round-item' data-item-id={item.id} data-panel-opinion={item.panelOpinion ?? ''}>
                  <View className='review-card-title'>{r?.projectTitle ?? '兑现申请'}</View>
                  <View className='muted'>
                    {r?.applicantName ?? ''} · {r?.unitName ?? ''} · 应兑付 {r ? formatFen(r.payableFen) : ''}
                  </View>
                  <View className='muted'>
                    已答复 {answered} / {item.panel.length} · 专家组意见：{item.panelOpinionLabel}
                  </View>
                  {item.panel.map((m) => (
                    <View key={m.expertId} className='review-row panel-member' data-expert-id={m.expertId} data-opinion={m.opinion ?? ''}>
                      <View className='review-row__main'>
                        <View>{m.name}</View>
                        {m.comment && <View className='review-row__sub'>{m.comment}</View>}
                      </View>
                      <Text className={`review-tag ${m.opinion === 'pass' ? 'review-tag--ok' : m.opinion === 'fail' ? 'review-tag--bad' : 'review-tag--warn'}`}>
                        {m.opinion ? OPINION_LABELS[m.opinion] : '待答复'}
                      </Text>
                    </View>
                  ))}
                  {item.excluded.length > 0 && (
                    <View className='excluded' id={`excluded-${item.id}`}>
                      <View className='review-row__sub'>回避的专家：</View>
                      {item.excluded.map((x) => (
                        <View key={x.expertId} className='review-row__sub excluded-expert'>
                          {x.name}：{x.reasons.join('；')}
                        </View>
                      ))}
                    </View>
                  )}
                  <View className='review-actions'>
                    <Button
                      block
                      type={item.decision ? 'default' : 'primary'}
                      className='open-item'
                      onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.reviewItem, { round: round.id, id: item.id }) })}
                    >
                      {item.decision ? `已${item.decision.decision === 'approve' ? '通过' : '不予通过'}，查看` : '查看并作出结论'}
                    </Button>
                  </View>
                </View>
              );
            })}
            {note && (
              <View className='card hint' id='remind-result'>
                {note}
              </View>
            )}
            <View className='review-actions'>
              <Button block fill='outline' id='remind' loading={busy} disabled={waiting === 0} onClick={() => void remind()}>
                {waiting === 0 ? '专家均已答复' : `提醒未答复的专家（${waiting}）`}
              </Button>
            </View>
          </View>
        );
      }}
    </Loaded>
  );
}

/** A round's progress: per item, each expert answered or waiting, the panel opinion, who was excluded and why; 提醒. */
export default function ReviewRound() {
  const id = useRouter().params.id ?? '';
  return <AdminGate>{() => <Round id={id} />}</AdminGate>;
}
