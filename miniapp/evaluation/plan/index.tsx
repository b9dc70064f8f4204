import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVALUATION_CLASS_LABELS, formatFen, type PlanLineStatus } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import { DateField } from '../../components/DateField';
import { FieldRow, TextBox, TextInput } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast, withQuery } from '../../components/nav';
import { useConfirm } from '../../components/Confirm';
import { evaluationApi } from '../../services/evaluationApi';
import type { EvaluationRoundView, PlanLineView, SupportPlanView } from '../../services/evaluationTypes';
import { formatBeijing } from '../../logic/clock';
import { todayInBeijing } from '../../logic/contracts';
import { fenToYuanText, formatScore, planLineInput } from '../../logic/evaluation';
import { refusal } from '../components/common';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../components/evaluation.scss';

const LINE_STATUS: Record<PlanLineStatus, string> = {
  planned: '拟定',
  listed: '公示中',
  held: '异议核查中',
  cleared: '公示期满',
  withdrawn: '已撤出',
  paid: '已拨付',
};

type Data = { round: EvaluationRoundView; plan: SupportPlanView };

function Line({ roundId, line, editable, onPlan }: { roundId: string; line: PlanLineView; editable: boolean; onPlan: (p: SupportPlanView) => void }) {
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState(fenToYuanText(line.subsidyFen));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();

  async function lower() {
    const { problems, input } = planLineInput(amount, reason, line.ceilingFen, line.subsidyFen);
    setErrors(problems);
    if (!input) return;
    const ok = await ask({
      title: '调低补助金额？',
      lines: [`${line.unitName}：由 ${formatFen(line.subsidyFen)} 调低为 ${formatFen(Math.round(input.subsidyYuan * 100))}。`, `理由：${input.reason}`, '公示前可再调低，不能高于补助上限。'],
      confirmText: `调低为 ${formatFen(Math.round(input.subsidyYuan * 100))}`,
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    try {
      onPlan(await evaluationApi.lowerPlanLine(roundId, line.declarationId, input));
      toast('补助金额已调低', 'success');
      setOpen(false);
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='plan-line' data-declaration-id={line.declarationId} data-subsidy-fen={line.subsidyFen} data-status={line.status}>
      <View className='review-row'>
        <View className='review-row__main'>
          <View>{line.unitName}</View>
          <View className='review-row__sub'>
            {EVALUATION_CLASS_LABELS[line.class]} · {line.gradeLabel}
            {line.meanScore !== null ? `（${formatScore(line.meanScore)} 分）` : ''} · {LINE_STATUS[line.status]}
          </View>
          <View className='review-row__sub'>
            上限 {formatFen(line.ceilingFen)}
            {line.thirdPartyAgency ? ' · 第三方检测检验机构不予补助' : ''}
          </View>
          {line.reductionReason && <View className='review-row__sub'>调低理由：{line.reductionReason}</View>}
          {line.paidAt && <View className='review-row__sub'>已于 {formatBeijing(line.paidAt)} 拨付</View>}
        </View>
        <Text className='plan-line__amount'>{formatFen(line.subsidyFen)}</Text>
      </View>
      {editable && line.subsidyFen > 0 && !open && (
        <View className='text-link plan-line__edit' onClick={() => setOpen(true)}>
          调低补助 ›
        </View>
      )}
      {open && (
        <View className='plan-line__form'>
          <FieldRow label='调低为' required messages={errors.amount ? [errors.amount] : []}>
            <TextInput id={`lower-${line.declarationId}`} type='digit' unit='元' value={amount} onChange={setAmount} />
          </FieldRow>
          <FieldRow label='理由' required stacked messages={errors.reason ? [errors.reason] : []}>
            <TextBox id={`lower-reason-${line.declarationId}`} value={reason} onChange={setReason} />
          </FieldRow>
          {errors.form && <View className='field__message eval-note'>{errors.form}</View>}
          <View className='review-actions'>
            <Button type='primary' block className='lower-submit' loading={busy} onClick={() => void lower()}>
              确认调低
            </Button>
            <Button block fill='none' onClick={() => setOpen(false)}>
              取消
            </Button>
          </View>
        </View>
      )}
      {confirmDialog}
    </View>
  );
}

function Plan({ data, setData, reload }: { data: Data; setData: (d: Data) => void; reload: () => void }) {
  const { round, plan } = data;
  const today = todayInBeijing();
  const [startDay, setStartDay] = useState(today);
  const [reference, setReference] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const setPlan = (p: SupportPlanView) => setData({ round, plan: p });
  const subsidised = plan.lines.filter((l) => l.subsidyFen > 0);

  async function run(key: string, step: () => Promise<void>) {
    setError('');
    setBusy(key);
    try {
      await step();
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(null);
    }
  }

  const draw = () =>
    run('draw', async () => {
      setPlan(await evaluationApi.drawSupportPlan(round.id));
      reload();
    });

  const publish = () =>
    run('notice', async () => {
      const ok = await ask({
        title: '发布支持方案公示？',
        lines: [`${plan.lines.length} 家单位，其中 ${subsidised.length} 家拟补助，合计 ${formatFen(plan.totalFen)}。`, `公示自 ${startDay} 起 5 个工作日，期间任何人可实名提出异议。`, '公示后补助金额不能再调整。'],
        confirmText: '发布公示',
        danger: false,
      });
      if (!ok) return;
      setPlan(await evaluationApi.publishPlanNotice(round.id, { startDay }));
      toast('已发布公示', 'success');
      reload();
    });

  const pay = () =>
    run('paid', async () => {
      if (!reference.trim()) {
        setError('请填写拨付凭证号（财务部门的付款凭证编号）');
        return;
      }
      const payable = plan.lines.filter((l) => l.status === 'cleared' && l.subsidyFen > 0);
      const total = payable.reduce((t, l) => t + l.subsidyFen, 0);
      const ok = await ask({
        title: '确认补助已拨付？',
        lines: [`公示期满无异议的 ${payable.length} 家单位，合计拨付 ${formatFen(total)}。`, `拨付凭证号：${reference.trim()}`, '异议核查中的单位暂不拨付。确认后不能撤回。'],
        confirmText: `已拨付 ${formatFen(total)}`,
        danger: false,
      });
      if (!ok) return;
      setPlan(await evaluationApi.markPlanPaid(round.id, reference.trim()));
      toast('已标记拨付', 'success');
      reload();
    });

  return (
    <View className='page' id='evaluation-plan' data-round-id={round.id} data-phase={round.phase} data-total-fen={plan.totalFen}>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>{round.year} 年度支持方案</View>
          <View className='admin-hero__sub'>
            {round.phaseLabel} · 拟补助 {subsidised.length} 家，合计 <Text id='plan-total'>{formatFen(plan.totalFen)}</Text>
          </View>
        </View>
      </View>
      {plan.lines.length === 0 ? (
        <EmptyState
          size='small'
          title='尚未拟定支持方案'
          description='全部专家评分后，按类别和等级的补助上限拟定；合格、不合格和第三方检测检验机构不予补助'
          action={round.phase === 'scoring' ? { text: '拟定支持方案', onClick: () => void draw() } : undefined}
        />
      ) : (
        <View className='form-card' id='plan-lines' data-count={plan.lines.length}>
          <View className='form-card__title'>各单位补助</View>
          {plan.lines.map((l) => (
            <Line key={`${l.declarationId}-${l.subsidyFen}`} roundId={round.id} line={l} editable={round.phase === 'planned'} onPlan={setPlan} />
          ))}
          <View className='muted'>补助金额按上限拟定，可在公示前写明理由后调低，不能调高。</View>
        </View>
      )}
      {plan.lines.length > 0 && (
        <View className='review-actions'>
          <Button
            block
            fill='outline'
            id='export-plan'
            onClick={() => void evaluationApi.exportSupportPlan(round.id, round.year).catch((e: unknown) => toast(e instanceof Error ? e.message : refusal(e)))}
          >
            导出支持方案（Excel）
          </Button>
        </View>
      )}
      {round.phase === 'planned' && plan.lines.length > 0 && (
        <View className='form-card' id='plan-notice-form'>
          <View className='form-card__title'>公示（5 个工作日）</View>
          <FieldRow label='公示开始日期' required plain>
            <DateField id='notice-start' value={startDay} start={today} onChange={setStartDay} />
          </FieldRow>
          <View className='review-actions'>
            <Button type='primary' block id='publish-plan' loading={busy === 'notice'} onClick={() => void publish()}>
              发布支持方案公示
            </Button>
          </View>
        </View>
      )}
      {plan.notice && (
        <View className='card link-card' id='plan-notice' data-notice-id={plan.notice.noticeId} onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.notice, { id: plan.notice!.noticeId }) })}>
          <View className='link-card__main'>
            <View className='link-card__title'>支持方案公示</View>
            <View className='link-card__sub'>
              {plan.notice.startDay} 至 {plan.notice.endDay}
            </View>
          </View>
          <Text className='eval-link'>查看公示 ›</Text>
        </View>
      )}
      {round.phase === 'in_notice' && (
        <View className='form-card' id='plan-paid-form'>
          <View className='form-card__title'>登记拨付</View>
          <View className='muted'>公示期满后，无异议的单位可登记拨付；异议核查中的单位待核查后处理。</View>
          <FieldRow label='拨付凭证号' required>
            <TextInput id='plan-reference' value={reference} placeholder='如 CZ-2027-0301-01' maxlength={100} onChange={setReference} />
          </FieldRow>
          <View className='review-actions'>
            <Button type='primary' block id='plan-paid' loading={busy === 'paid'} onClick={() => void pay()}>
              标记已拨付
            </Button>
          </View>
        </View>
      )}
      {error && (
        <View className='card hint hint--danger' id='plan-error'>
          {error}
        </View>
      )}
      {confirmDialog}
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const [state, setState] = useState<Remote<Data>>({ kind: 'loading' });
  async function load() {
    try {
      const [{ round }, plan] = await Promise.all([evaluationApi.evaluationRound(id), evaluationApi.supportPlan(id)]);
      setState({ kind: 'ready', data: { round, plan } });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), [id]);
  useDidShow(() => void load());
  return (
    <Loaded state={state} reload={() => void load()} page>
      {(data) => <Plan data={data} setData={(d) => setState({ kind: 'ready', data: d })} reload={() => void load()} />}
    </Loaded>
  );
}

/** The support plan (第十一条 ceilings by class and grade): lower a line with a reason, publish the notice, export, mark paid. */
export default function EvaluationPlan() {
  const id = useRouter().params.id ?? '';
  return <AdminGate>{() => <Loader id={id} />}</AdminGate>;
}
