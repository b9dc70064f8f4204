import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../../admin/components/AdminGate';
import { DateField } from '../../components/DateField';
import { FieldRow, TextBox } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { useConfirm } from '../../components/Confirm';
import { evaluationApi } from '../../services/evaluationApi';
import { errorLine } from '../../services/errors';
import type { UnitApplicationView } from '../../services/evaluationTypes';
import { formatBeijing } from '../../logic/clock';
import { todayInBeijing } from '../../logic/contracts';
import { APPLICATION_NEXT_STEP } from '../../logic/unitApplication';
import { ApplicationDetail, STATUS_TAG } from '../components';

type Step = 'request' | 'approve' | 'refuse';

function refusal(e: unknown): string {
  const code = (e as { code?: string } | null)?.code ?? '';
  const next = code === 'UNIT_APPLICATION_STATE' ? '申请已进入下一步，请刷新后查看。' : APPLICATION_NEXT_STEP[code];
  const line = errorLine(e);
  return next ? `${line}。${next}`.replace('。。', '。') : line;
}

function Review({ initial }: { initial: UnitApplicationView }) {
  const [a, setA] = useState(initial);
  const [step, setStep] = useState<Step | null>(null);
  const [text, setText] = useState('');
  const today = todayInBeijing();
  const [startDay, setStartDay] = useState(today);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();

  async function go() {
    if (!step) return;
    if (step !== 'approve' && !text.trim()) {
      setError(step === 'request' ? '请写明需要补充的材料或说明' : '请写明不予通过的理由');
      return;
    }
    setError('');
    const confirmation =
      step === 'approve'
        ? {
            title: '审核通过并公示？',
            lines: [`${a.name}：自 ${startDay} 起公示 5 个工作日。`, '公示期满无异议的，纳入开放单位名录，申请人成为本单位管理员，所列仪器作为服务项目上架。'],
            confirmText: '通过并公示',
            danger: false,
          }
        : step === 'refuse'
          ? { title: '不予通过？', lines: [`${a.name}：${text.trim()}`, '申请人会收到理由；不予通过后本申请结束。'], confirmText: '不予通过', danger: true }
          : null;
    if (confirmation && !(await ask(confirmation))) return;
    setBusy(true);
    try {
      const next =
        step === 'approve'
          ? await evaluationApi.approveApplication(a.id, { startDay })
          : step === 'refuse'
            ? await evaluationApi.refuseApplication(a.id, text.trim())
            : await evaluationApi.requestApplicationInfo(a.id, text.trim());
      setA(next);
      setStep(null);
      setText('');
      toast(step === 'approve' ? '已通过，进入公示' : step === 'refuse' ? '已不予通过' : '已通知申请人补充材料', 'success');
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  const choose = (s: Step) => {
    setStep(s);
    setError('');
  };

  return (
    <View className='page' id='admin-unit-application' data-application-id={a.id} data-status={a.status}>
      <View className='card detail-head'>
        <View className='link-card'>
          <View className='link-card__main'>
            <View className='detail-head__title'>{a.name}</View>
            <View className='detail-head__sub'>
              提交于 {formatBeijing(a.submittedAt)}，更新于 {formatBeijing(a.updatedAt)}
            </View>
          </View>
          <Text className={STATUS_TAG[a.status]} id='application-status'>
            {a.statusLabel}
          </Text>
        </View>
        {a.adminMessage && <View className='hint'>{a.status === 'refused' ? '不予通过理由' : '已要求补充'}：{a.adminMessage}</View>}
      </View>
      <ApplicationDetail a={a} />
      {a.status === 'submitted' && (
        <View className='form-card' id='application-decision'>
          <View className='form-card__title'>审核</View>
          <View className='review-actions'>
            <Button type={step === 'approve' ? 'primary' : 'default'} block id='choose-approve' onClick={() => choose('approve')}>
              通过并公示
            </Button>
            <Button type={step === 'request' ? 'primary' : 'default'} block id='choose-request' onClick={() => choose('request')}>
              要求补充材料
            </Button>
            <Button type={step === 'refuse' ? 'danger' : 'default'} block id='choose-refuse' onClick={() => choose('refuse')}>
              不予通过
            </Button>
          </View>
          {step === 'approve' && (
            <FieldRow label='公示开始日期' required plain hint='公示 5 个工作日，节假日顺延'>
              <DateField id='approve-start' value={startDay} start={today} onChange={setStartDay} />
            </FieldRow>
          )}
          {(step === 'request' || step === 'refuse') && (
            <FieldRow label={step === 'request' ? '需补充的内容' : '不予通过的理由'} required stacked messages={error ? [error] : []}>
              <TextBox id='decision-text' value={text} maxlength={1000} onChange={setText} />
            </FieldRow>
          )}
          {error && step === 'approve' && <View className='field__message eval-note'>{error}</View>}
          {step && (
            <View className='review-actions'>
              <Button type={step === 'refuse' ? 'danger' : 'primary'} block id='decision-submit' loading={busy} onClick={() => void go()}>
                {step === 'approve' ? '确认通过' : step === 'request' ? '发送给申请人' : '确认不予通过'}
              </Button>
            </View>
          )}
        </View>
      )}
      {a.status === 'info_requested' && <View className='card hint'>等待申请人补充材料后重新提交。</View>}
      {confirmDialog}
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const { state, reload } = useRemote(() => evaluationApi.unitApplication(id), id);
  return (
    <Loaded state={state} reload={reload} page notFound>
      {(a) => <Review initial={a} />}
    </Loaded>
  );
}

/** One unit application (administrators): the six conditions with files, instruments; request info, approve into notice, refuse. */
export default function AdminUnitApplication() {
  const id = useRouter().params.id ?? '';
  return <AdminGate>{() => <Loader id={id} />}</AdminGate>;
}
