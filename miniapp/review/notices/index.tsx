import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, shanghaiDay } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import { DateField } from '../../components/DateField';
import { Choice, FieldRow, TextBox, TextInput } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { NamedRedemption } from '../../services/types';
import type { NoticeSummary, ObjectionView } from '../../services/reviewTypes';
import { formatBeijing } from '../../logic/clock';
import { refusal } from '../components/review';

type Data = { approved: NamedRedemption[]; notices: NoticeSummary[]; objections: ObjectionView[] };
const PHASE = { upcoming: '未开始', open: '公示中', ended: '已结束' } as const;
const OUTCOMES = [
  { code: 'dismissed', label: '异议不成立' },
  { code: 'upheld', label: '异议成立，退回评审' },
];

function ObjectionCard({ o, onDone }: { o: ObjectionView; onDone: () => void }) {
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function resolve() {
    if (!outcome || !reason.trim()) {
      setError(!outcome ? '请选择处理结果' : '请填写处理意见');
      return;
    }
    setBusy(true);
    try {
      await api.resolveObjection(o.id, outcome as 'dismissed' | 'upheld', reason.trim());
      toast('已处理', 'success');
      onDone();
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='form-card objection' data-objection-id={o.id} data-status={o.status}>
      <View className='review-card-title'>异议：{o.reason}</View>
      <View className='muted'>提出于 {formatBeijing(o.lodgedAt)}；处理前该项目暂停拨付</View>
      <FieldRow label='处理结果' plain>
        <Choice id={`outcome-${o.id}`} value={outcome} options={OUTCOMES} onChange={setOutcome} />
      </FieldRow>
      <FieldRow label='处理意见' required stacked messages={error ? [error] : []}>
        <TextBox id={`resolution-${o.id}`} value={reason} maxlength={2000} onChange={setReason} />
      </FieldRow>
      <View className='review-actions'>
        <Button type='primary' block className='resolve' loading={busy} onClick={() => void resolve()}>
          提交处理意见
        </Button>
      </View>
    </View>
  );
}

function Notices() {
  const [state, setState] = useState<Remote<Data>>({ kind: 'loading' });
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(shanghaiDay(new Date()));
  const [errors, setErrors] = useState<{ title?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const [{ redemptions }, { notices }, { objections }] = await Promise.all([api.adminRedemptions('approved'), api.notices(), api.objections('open')]);
      setState({ kind: 'ready', data: { approved: redemptions, notices, objections } });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  useDidShow(() => void load());

  async function publish() {
    if (!title.trim()) {
      setErrors({ title: '请填写公示标题，如“2026年第4批创新券兑现公示”' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const n = await api.publishNotice(title.trim(), start);
      toast('已发布公示', 'success');
      setTitle('');
      await load();
      await Taro.navigateTo({ url: withQuery(PAGES.notice, { id: n.id }) });
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='admin-notices'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>兑现公示</View>
        <View className='admin-hero__sub'>评审通过的项目公示 5 个工作日（按国务院节假日安排计算），无异议后拨付（第十五条5）</View>
      </View>
      <Loaded state={state} reload={() => void load()} rows={4} errorTitle='加载失败'>
        {({ approved, notices, objections }) => (
          <>
            <View className='form-card' id='notice-form' data-approved={approved.length}>
              <View className='form-card__title'>发布公示（待公示 {approved.length} 项）</View>
              {approved.map((r) => (
                <View key={r.id} className='review-row'>
                  <View className='review-row__main'>
                    <View>{r.projectTitle ?? '兑现申请'}</View>
                    <View className='review-row__sub'>
                      {r.unitName ?? ''} · 应兑付 {formatFen(r.payableFen)}
                    </View>
                  </View>
                </View>
              ))}
              <FieldRow label='公示标题' required messages={errors.title ? [errors.title] : []}>
                <TextInput id='notice-title' value={title} placeholder='如 2026年第4批创新券兑现公示' maxlength={100} onChange={setTitle} />
              </FieldRow>
              <FieldRow label='公示开始日' plain hint='开始日为工作日时计入，结束日为第 5 个工作日'>
                <DateField id='notice-start' value={start} start={shanghaiDay(new Date())} onChange={setStart} />
              </FieldRow>
              <View className='review-actions'>
                <Button type='primary' block id='publish-notice' loading={busy} disabled={approved.length === 0} onClick={() => void publish()}>
                  {approved.length === 0 ? '暂无待公示的项目' : `发布公示（${approved.length} 项）`}
                </Button>
              </View>
            </View>
            {errors.form && (
              <View className='card hint hint--danger' id='notice-error'>
                {errors.form}
              </View>
            )}
            <View className='section-title'>
              <Text>待处理的异议</Text>
            </View>
            <View id='open-objections' data-count={objections.length}>
              {objections.length === 0 && <EmptyState size='small' title='没有待处理的异议' description='公示期内有人提出异议时会出现在这里' />}
              {objections.map((o) => (
                <ObjectionCard key={o.id} o={o} onDone={() => void load()} />
              ))}
            </View>
            <View className='section-title'>
              <Text>已发布的公示</Text>
            </View>
            {notices.map((n) => (
              <View key={n.id} className='card link-card' data-notice-id={n.id} onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.notice, { id: n.id }) })}>
                <View className='link-card__main'>
                  <View className='link-card__title'>{n.title}</View>
                  <View className='link-card__sub'>
                    {n.startDay} 至 {n.endDay} · {PHASE[n.phase]}
                  </View>
                </View>
                <Text className='desk__link'>查看 ›</Text>
              </View>
            ))}
          </>
        )}
      </Loaded>
    </View>
  );
}

/** Public notices for administrators: publish approved redemptions, resolve objections. */
export default function AdminNotices() {
  return <AdminGate>{() => <Notices />}</AdminGate>;
}
