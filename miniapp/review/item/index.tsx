import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, shanghaiDay } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import { useConfirm } from '../../components/Confirm';
import { DateField } from '../../components/DateField';
import { Choice, FieldRow, TextBox, TextInput } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { api } from '../../services/api';
import type { NamedRedemption } from '../../services/types';
import type { ReviewItemView } from '../../services/reviewTypes';
import { approveRedemption, rejectRedemption } from '../../logic/confirmations';
import { OPINION_LABELS, refusal } from '../components/review';
import IncompleteLink from '../../components/IncompleteLink';

const KINDS = [
  { code: 'hearing', label: '答辩会' },
  { code: 'site_visit', label: '现场调研' },
];
const RESULTS = [
  { code: 'pass', label: '通过' },
  { code: 'fail', label: '不通过' },
];

/** Whether deciding `d` departs from the panel (or from the follow-up's outcome on a doubtful panel): a reason is needed. */
function against(item: ReviewItemView, d: 'approve' | 'reject'): boolean {
  if (d === 'reject') return true; // a rejection always needs a reason
  if (item.panelOpinion === 'fail') return true;
  if (item.panelOpinion === 'doubtful') return item.followUp?.outcome?.result !== 'pass';
  return false;
}

function Item({ initial, r }: { initial: ReviewItemView; r: NamedRedemption | null }) {
  const [item, setItem] = useState(initial);
  const [kind, setKind] = useState('hearing');
  const [day, setDay] = useState(shanghaiDay(new Date()));
  const [place, setPlace] = useState('');
  const [people, setPeople] = useState('');
  const [result, setResult] = useState('');
  const [summary, setSummary] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();
  const parties = { unitName: r?.unitName ?? '开放单位', projectTitle: r?.projectTitle ?? '兑现申请' };
  const anyDoubt = item.panel.some((m) => m.opinion === 'doubtful') || item.panelOpinion === 'doubtful';

  async function run(fn: () => Promise<ReviewItemView>, done: string) {
    setBusy(true);
    setErrors({});
    try {
      setItem(await fn());
      toast(done, 'success');
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  function schedule() {
    const e: Record<string, string> = {};
    if (!place.trim()) e.place = '请填写地点';
    const participants = people.split(/[，,、\n]/).map((p) => p.trim()).filter(Boolean);
    if (!participants.length) e.people = '请填写参加人员，多人用顿号分隔';
    setErrors(e);
    if (Object.keys(e).length) return;
    void run(() => api.scheduleFollowUp(item.id, { kind: kind as 'hearing' | 'site_visit', day, place: place.trim(), participants }), '已安排');
  }

  function outcome() {
    const e: Record<string, string> = {};
    if (!result) e.result = '请选择结果';
    if (!summary.trim()) e.summary = '请填写结果说明';
    setErrors(e);
    if (Object.keys(e).length) return;
    void run(() => api.recordFollowUpOutcome(item.id, result as 'pass' | 'fail', summary.trim()), '结果已登记');
  }

  async function decide(d: 'approve' | 'reject') {
    if (against(item, d) && !reason.trim()) {
      setErrors({
        reason: d === 'reject' ? '不予通过须写明理由' : '结论与专家组意见不一致，须写明理由',
      });
      return;
    }
    const money = { payableFen: r?.payableFen ?? 0, actualAmountFen: r?.actualAmountFen ?? 0 };
    const ok = await ask(d === 'approve' ? approveRedemption(money, parties) : rejectRedemption(money, parties, reason.trim()));
    if (ok) void run(() => api.decide(item.id, d, reason.trim() || undefined), d === 'approve' ? '已通过' : '已不予通过');
  }

  const f = item.followUp;
  return (
    <View className='page' id='review-item' data-item-id={item.id} data-decision={item.decision?.decision ?? ''} data-panel-opinion={item.panelOpinion ?? ''}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>{r?.applicantName ? `申领单位：${r.applicantName}` : '兑现申请'}</View>
        <View className='detail-head__title'>{parties.projectTitle}</View>
        <View className='detail-head__notice'>
          开放单位：{parties.unitName}
          {r ? ` · 应兑付 ${formatFen(r.payableFen)}` : ''}
        </View>
      </View>
      <View className='card' id='panel-opinion'>
        <View className='review-card-title'>专家组意见：{item.panelOpinionLabel}</View>
        {item.panel.map((m) => (
          <View key={m.expertId} className='review-row' data-opinion={m.opinion ?? ''}>
            <View className='review-row__main'>
              <View>{m.name}</View>
              {m.comment && <View className='review-row__sub'>{m.comment}</View>}
            </View>
            <Text className='review-tag'>{m.opinion ? OPINION_LABELS[m.opinion] : '待答复'}</Text>
          </View>
        ))}
      </View>

      {f && (
        <View className='card' id='follow-up' data-outcome={f.outcome?.result ?? ''}>
          <View className='review-card-title'>{f.label}</View>
          <View className='muted'>
            {f.day} · {f.place}
          </View>
          <View className='muted'>参加人员：{f.participants.join('、')}</View>
          {f.outcome && (
            <View id='follow-up-outcome' className='review-text'>
              结果：{f.outcome.result === 'pass' ? '通过' : '不通过'}，{f.outcome.summary}
            </View>
          )}
        </View>
      )}

      {!item.decision && anyDoubt && !f && (
        <View className='form-card' id='follow-up-form'>
          <View className='form-card__title'>安排现场调研或答辩会（存疑项目）</View>
          <FieldRow label='方式' plain>
            <Choice id='fu-kind' value={kind} options={KINDS} onChange={setKind} />
          </FieldRow>
          <FieldRow label='日期' plain>
            <DateField id='fu-day' value={day} start={shanghaiDay(new Date())} onChange={setDay} />
          </FieldRow>
          <FieldRow label='地点' required messages={errors.place ? [errors.place] : []}>
            <TextInput id='fu-place' value={place} placeholder='如 市科委三层会议室' maxlength={200} onChange={setPlace} />
          </FieldRow>
          <FieldRow label='参加人员' required stacked messages={errors.people ? [errors.people] : []} hint='多人用顿号分隔'>
            <TextBox id='fu-people' value={people} maxlength={1000} onChange={setPeople} />
          </FieldRow>
          <View className='review-actions'>
            <Button type='primary' block id='fu-submit' loading={busy} onClick={schedule}>
              安排
            </Button>
          </View>
        </View>
      )}

      {!item.decision && f && !f.outcome && (
        <View className='form-card' id='outcome-form'>
          <View className='form-card__title'>登记{f.label}结果</View>
          <FieldRow label='结果' plain required messages={errors.result ? [errors.result] : []}>
            <Choice id='fu-result' value={result} options={RESULTS} onChange={setResult} />
          </FieldRow>
          <FieldRow label='结果说明' required stacked messages={errors.summary ? [errors.summary] : []}>
            <TextBox id='fu-summary' value={summary} maxlength={2000} onChange={setSummary} />
          </FieldRow>
          <View className='review-actions'>
            <Button type='primary' block id='outcome-submit' loading={busy} onClick={outcome}>
              登记结果
            </Button>
          </View>
        </View>
      )}

      {item.decision ? (
        <View className='card' id='decision' data-decision={item.decision.decision}>
          <View className='review-card-title'>结论：{item.decision.decision === 'approve' ? '通过' : '不予通过'}</View>
          {item.decision.againstPanel && <View className='muted'>与专家组意见不一致</View>}
          {item.decision.reason && <View className='muted'>理由：{item.decision.reason}</View>}
          {item.decision.decision === 'approve' && <View className='muted'>下一步：在“兑现公示”中公示 5 个工作日，无异议后拨付。</View>}
        </View>
      ) : (
        <View className='form-card' id='decision-form'>
          <View className='form-card__title'>作出结论（第十五条4）</View>
          <View className='muted'>
            {item.panelOpinion === null
              ? '专家意见尚未形成多数，暂不能作出结论。'
              : `专家组意见为“${item.panelOpinionLabel}”。与之不一致的结论须写明理由；不予通过须写明理由。`}
          </View>
          <FieldRow label='理由' stacked messages={errors.reason ? [errors.reason] : []}>
            <TextBox id='decision-reason' value={reason} maxlength={2000} onChange={setReason} />
          </FieldRow>
          <View className='review-actions'>
            <Button type='primary' block id='approve' loading={busy} onClick={() => void decide('approve')}>
              通过
            </Button>
            <Button type='danger' fill='outline' block id='reject' disabled={busy} onClick={() => void decide('reject')}>
              不予通过
            </Button>
          </View>
        </View>
      )}
      {errors.form && (
        <View className='card hint hint--danger' id='review-error'>
          {errors.form}
        </View>
      )}
      {confirmDialog}
    </View>
  );
}

async function load(roundId: string, id: string) {
  const [round, { redemptions }] = await Promise.all([api.reviewRound(roundId), api.adminRedemptions()]);
  const item = round.items.find((i) => i.id === id);
  if (!item) throw new Error('未找到该评审事项，请返回评审批次重新进入');
  return { item, r: redemptions.find((x) => x.id === item.redemptionId) ?? null };
}

function Loader({ roundId, id }: { roundId: string; id: string }) {
  const { state, reload } = useRemote(() => load(roundId, id), `${roundId}/${id}`);
  return (
    <Loaded state={state} reload={reload} page>
      {({ item, r }) => <Item initial={item} r={r} />}
    </Loaded>
  );
}

/** One review item: the panel's opinion, a follow-up (site visit / hearing) and its outcome, the decision. */
export default function ReviewItem() {
  const { round = '', id = '' } = useRouter().params;
  return <AdminGate>{() => (round && id ? <Loader roundId={round} id={id} /> : <IncompleteLink />)}</AdminGate>;
}
