import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { Choice, FieldRow, TextBox } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { formatBytes } from '../../logic/contracts';
import { formatBeijing } from '../../logic/clock';
import type { Assignment, Opinion } from '../../services/reviewTypes';
import { ExpertGate, OPINION_LABELS, OPINION_OPTIONS, refusal } from '../components/review';

function Task({ initial }: { initial: Assignment }) {
  const [a, setA] = useState(initial);
  const [opinion, setOpinion] = useState<string>(initial.opinion?.opinion ?? '');
  const [comment, setComment] = useState(initial.opinion?.comment ?? '');
  const [errors, setErrors] = useState<{ opinion?: string; comment?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit() {
    const next: typeof errors = {};
    if (!opinion) next.opinion = '请选择评审意见';
    if (!comment.trim()) next.comment = '请填写意见说明';
    setErrors(next);
    if (next.opinion || next.comment) return;
    setBusy(true);
    try {
      setA(await api.giveOpinion(a.id, opinion as Opinion, comment.trim()));
      toast('意见已提交', 'success');
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  const t = a.terms;
  return (
    <View className='page' id='expert-task' data-item-id={a.id} data-opinion={a.opinion?.opinion ?? ''}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>{a.roundName}</View>
        <View className='detail-head__title'>{a.service?.name ?? '兑现申请'}</View>
        <View className='detail-head__notice'>开放单位：{a.unitName}</View>
      </View>
      <View className='card facts' id='task-facts'>
        {t?.contractNo && (
          <View className='facts__row'>
            <Text className='facts__label'>合同编号</Text>
            <Text className='facts__value'>{t.contractNo}</Text>
          </View>
        )}
        {t?.startDay && (
          <View className='facts__row'>
            <Text className='facts__label'>服务期限</Text>
            <Text className='facts__value'>
              {t.startDay} 至 {t.endDay}
            </Text>
          </View>
        )}
        <View className='facts__row'>
          <Text className='facts__label'>合同实际金额</Text>
          <Text className='facts__value'>{formatFen(a.redemption.actualAmountFen)}</Text>
        </View>
        <View className='facts__row'>
          <Text className='facts__label'>创新券应兑付</Text>
          <Text className='facts__value' id='task-payable'>
            {formatFen(a.redemption.payableFen)}
          </Text>
        </View>
        <View className='facts__row'>
          <Text className='facts__label'>提交时间</Text>
          <Text className='facts__value'>{formatBeijing(a.redemption.submittedAt)}</Text>
        </View>
      </View>
      <View className='section-title'>
        <Text>简要报告</Text>
      </View>
      <View className='card description' id='task-report'>
        {a.redemption.report}
      </View>
      <View className='section-title'>
        <Text>证明材料</Text>
      </View>
      <View className='card facts' id='task-evidence'>
        {a.evidence.length === 0 && <Text className='muted'>未附证明材料</Text>}
        {a.evidence.map((e) => (
          <View
            key={e.id}
            className='facts__row facts__row--tap evidence-link'
            data-evidence-id={e.id}
            onClick={() => void api.openAssignmentEvidence(a.id, e).catch((err) => toast(err instanceof Error ? err.message : errorLine(err)))}
          >
            <Text className='facts__label'>{e.filename}</Text>
            <Text className='facts__value mine__link'>{formatBytes(e.sizeBytes)} 查看 ›</Text>
          </View>
        ))}
      </View>
      {a.decided ? (
        <View className='card hint' id='task-decided'>
          <Text>
            管理部门已作出结论，意见不能再修改。您的意见：{a.opinion ? `${OPINION_LABELS[a.opinion.opinion]}，${a.opinion.comment}` : '未提交'}
          </Text>
        </View>
      ) : (
        <>
          <View className='form-card' id='opinion-form'>
            <View className='form-card__title'>评审意见（第十五条4）</View>
            {a.opinion && (
              <View className='muted' id='opinion-given'>
                已提交：{OPINION_LABELS[a.opinion.opinion]}（{formatBeijing(a.opinion.at)}），结论作出前可修改
              </View>
            )}
            <FieldRow label='意见' required plain messages={errors.opinion ? [errors.opinion] : []}>
              <Choice id='opinion' value={opinion} options={OPINION_OPTIONS} onChange={setOpinion} />
            </FieldRow>
            <FieldRow label='意见说明' required stacked messages={errors.comment ? [errors.comment] : []} hint='存疑时请写明需要核实的内容'>
              <TextBox id='opinion-comment' value={comment} maxlength={2000} onChange={setComment} />
            </FieldRow>
          </View>
          {errors.form && (
            <View className='card hint hint--danger' id='opinion-error'>
              {errors.form}
            </View>
          )}
          <View className='submit-bar'>
            <Button type='primary' block size='large' id='opinion-submit' loading={busy} onClick={() => void submit()}>
              {a.opinion ? '修改意见' : '提交意见'}
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const { state, reload } = useRemote(() => api.expertAssignment(id), id);
  return (
    <Loaded state={state} reload={reload} page>
      {(a) => <Task initial={a} />}
    </Loaded>
  );
}

/** One assignment: the redemption, its contract terms, evidence and report (第九条3: no applicant); my opinion. */
export default function ExpertTask() {
  const id = useRouter().params.id ?? '';
  return <ExpertGate>{() => <Loader id={id} />}</ExpertGate>;
}
