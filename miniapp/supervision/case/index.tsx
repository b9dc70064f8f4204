import { useEffect, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MISCONDUCT_LABELS, type MeasureKind } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import { useConfirm } from '../../components/Confirm';
import { DateField } from '../../components/DateField';
import EvidencePicker, { fileKind } from '../../components/EvidencePicker';
import { FieldRow, TextBox, TextInput } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { api } from '../../services/api';
import type { CaseDetail, CaseView, DecisionView } from '../../services/supervisionTypes';
import { formatBeijing } from '../../logic/clock';
import { formatBytes } from '../../logic/contracts';
import { checkDecision, confirmDecision, logLine, measureLine, measureOptions, type DecisionErrors } from '../../logic/supervision';
import { CaseStatusTag, Pick, partyLabel, refusal, toggle } from '../components/supervision';
import '../../components/form.scss';
import IncompleteLink from '../../components/IncompleteLink';

/** Today in Beijing (the last day a recovery may be recorded on). */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

function Decision({ d, title, id }: { d: DecisionView; title: string; id: string }) {
  return (
    <View className='form-card' id={id}>
      <View className='review-card-title'>{title}</View>
      <View className='muted'>
        {formatBeijing(d.at)} 作出（管理部门）
      </View>
      {d.measures.length === 0 && <View className='sup-measure'>撤销全部处理措施</View>}
      {d.measures.map((m) => (
        <View key={m.kind} className='sup-measure measure-line' data-kind={m.kind}>
          · {measureLine(m)}
        </View>
      ))}
      <View className='review-text'>理由：{d.reason}</View>
    </View>
  );
}

/** 第十七条: the decision (case open) or the one revision after the appeal. */
function DecisionForm({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const revising = c.status === 'appealed';
  const keep = (c.decision?.measures ?? []).map((m) => m.kind);
  const [measures, setMeasures] = useState<MeasureKind[]>(revising ? keep : []);
  const kept = c.decision?.measures.find((m) => m.kind === 'recover_funds');
  const [recoveryText, setRecoveryText] = useState(kept?.kind === 'recover_funds' ? String(kept.amountFen / 100) : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<DecisionErrors & { form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();

  async function submit() {
    const check = checkDecision({ measures, recoveryText, reason }, { party: c.party.kind, concernedVouchers: c.concerned.voucherIds.length, revising });
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    if (!(await ask(confirmDecision(c.party.name, check.measures, revising)))) return;
    setBusy(true);
    try {
      await api.decideCase(c.id, check.reason, check.measures);
      toast(revising ? '已作出复核决定' : '已作出处理决定', 'success');
      onDone();
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='form-card' id='decision-form' data-revising={String(revising)}>
      <View className='review-card-title'>{revising ? '复核申诉，修改处理决定（只能一次）' : '作出处理决定（第十七条）'}</View>
      {revising && <View className='muted'>已按原决定预选；可保留、调整或全部撤销。保留的取消资格期限不变。</View>}
      <FieldRow label='处理措施（可多选）' required={!revising} plain stacked messages={errors.measures ? [errors.measures] : []}>
        <View className='picks' id='measure-picks'>
          {measureOptions(c.party.kind).map((o) => (
            <Pick key={o.kind} block on={measures.includes(o.kind)} data={o.kind} className='measure-pick' note={o.note} onClick={() => setMeasures(toggle(measures, o.kind))}>
              {o.label}
            </Pick>
          ))}
        </View>
      </FieldRow>
      {measures.includes('recover_funds') && (
        <FieldRow label='追回金额' required messages={errors.recovery ? [errors.recovery] : []}>
          <TextInput id='recovery-amount' type='digit' value={recoveryText} placeholder='如 20000' unit='元' maxlength={16} onChange={setRecoveryText} />
        </FieldRow>
      )}
      <FieldRow label={revising ? '复核理由' : '处理理由'} required stacked messages={errors.reason ? [errors.reason] : []}>
        <TextBox id='decision-reason' value={reason} placeholder='认定的事实与依据' maxlength={2000} onChange={setReason} />
      </FieldRow>
      <View className='review-actions'>
        <Button type='primary' block id='decide' loading={busy} onClick={() => void submit()}>
          {revising ? '作出复核决定' : '作出处理决定'}
        </Button>
      </View>
      {errors.form && <View className='hint hint--danger review-text' id='decision-error'>{errors.form}</View>}
      {confirmDialog}
    </View>
  );
}

/** Lifting a payment suspension; recording the day funds were recovered. */
function MeasureActions({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const suspension = c.decision?.measures.find((m) => m.kind === 'suspend_payments');
  const recovery = c.decision?.measures.find((m) => m.kind === 'recover_funds');
  const [day, setDay] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();
  const liftable = suspension?.kind === 'suspend_payments' && !suspension.lifted;
  const recordable = recovery?.kind === 'recover_funds' && !recovery.recoveredOn;
  if (!liftable && !recordable) return null;

  async function lift() {
    if (!(await ask({ title: '解除暂停拨付？', lines: [`${partyLabel(c.party)}的相关兑现款项将恢复拨付。`], confirmText: '解除暂停拨付', danger: false }))) return;
    setBusy(true);
    try {
      await api.liftSuspension(c.id);
      toast('已解除暂停拨付', 'success');
      onDone();
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  async function record() {
    if (!day) {
      setError('请选择资金追回的日期');
      return;
    }
    setBusy(true);
    try {
      await api.recordRecovery(c.id, day);
      toast('已登记追回', 'success');
      onDone();
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='form-card' id='measure-actions'>
      <View className='review-card-title'>执行处理措施</View>
      {recordable && (
        <>
          <FieldRow label='追回日期' plain>
            <DateField id='recovered-on' value={day} end={today()} placeholder='资金退回的日期' onChange={setDay} />
          </FieldRow>
          <View className='review-actions'>
            <Button block type='primary' id='record-recovery' loading={busy} onClick={() => void record()}>
              登记已追回
            </Button>
          </View>
        </>
      )}
      {liftable && (
        <View className='review-actions'>
          <Button block fill='outline' id='lift-suspension' loading={busy} onClick={() => void lift()}>
            解除暂停拨付
          </Button>
        </View>
      )}
      {error && <View className='hint hint--danger review-text'>{error}</View>}
      {confirmDialog}
    </View>
  );
}

function CasePage({ id }: { id: string }) {
  const [state, setState] = useState<Remote<CaseDetail>>({ kind: 'loading' });
  async function load() {
    try {
      setState({ kind: 'ready', data: await api.supervisionCase(id) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), [id]);
  useDidShow(() => void load());

  return (
    <Loaded state={state} reload={() => void load()} rows={[4, 4]} errorTitle='加载失败' notFound page>
      {({ case: c, log, chain }) => (
        <View className='page' id='supervision-case' data-status={c.status} data-case-id={c.id}>
          <View className='form-card'>
            <View className='review-card-title'>{partyLabel(c.party)}</View>
            <View className='review-row'>
              <View className='review-row__main'>
                <View>案件状态</View>
                <View className='review-row__sub'>立案于 {formatBeijing(c.openedAt)}</View>
              </View>
              <CaseStatusTag status={c.status} />
            </View>
            {c.party.kind === 'applicant' && c.party.creditCode && <View className='muted'>统一社会信用代码 {c.party.creditCode}</View>}
            <View className='review-text'>违规行为：{c.misconduct.map((m) => (m.text ? `${MISCONDUCT_LABELS[m.kind]}（${m.text}）` : MISCONDUCT_LABELS[m.kind])).join('、')}</View>
            <View className='review-text'>案情摘要：{c.summary}</View>
            <View className='muted review-text' id='case-concerned'>
              所涉创新券 {c.concerned.voucherIds.length} 张 · 合同 {c.concerned.contractIds.length} 份 · 兑现申请 {c.concerned.redemptionIds.length} 项
              {c.origin ? ' · 由监督抽查立案' : ''}
            </View>
          </View>

          <View className='form-card' id='case-files'>
            <View className='review-card-title'>证据材料（{c.files.length}）</View>
            {c.files.map((f) => (
              <View key={f.id} className='review-row case-file' data-file-id={f.id}>
                <View className='review-row__main'>
                  <View>{f.filename}</View>
                  <View className='review-row__sub'>
                    {fileKind(f.contentType)} · {formatBytes(f.sizeBytes)} · {formatBeijing(f.uploadedAt)}
                  </View>
                </View>
                <Text className='text-link link' onClick={() => void api.openCaseFile(c.id, f).catch((e: unknown) => toast(e instanceof Error ? e.message : refusal(e)))}>
                  查看
                </Text>
              </View>
            ))}
            <FieldRow label='上传证据' plain stacked>
              <EvidencePicker
                contractId={c.id}
                files={[]}
                inputId='case-file-input'
                hint='PDF 或图片，如询问笔录、财务凭证'
                uploader={(files, progress) => api.uploadCaseFiles(c.id, files, progress)}
                onChange={() => void load()}
              />
            </FieldRow>
          </View>

          {c.decision && <Decision d={c.decision} id='case-decision' title={c.status === 'revised' ? '复核后的处理决定' : '处理决定'} />}
          {c.decision && <MeasureActions c={c} onDone={() => void load()} />}
          {c.appeal && (
            <View className='form-card' id='case-appeal'>
              <View className='review-card-title'>当事方申诉</View>
              <View className='muted'>{formatBeijing(c.appeal.at)} 提出</View>
              <View className='review-text'>{c.appeal.reason}</View>
            </View>
          )}
          {(c.status === 'open' || c.status === 'appealed') && <DecisionForm c={c} onDone={() => void load()} />}
          {c.previousDecisions.map((d, i) => (
            <Decision key={d.at} d={d} id={`previous-decision-${i}`} title='原处理决定（已被复核决定替代）' />
          ))}

          <View className='form-card' id='case-log' data-verified={String(chain.ok)}>
            <View className='review-card-title'>案件记录</View>
            <View className='muted'>{chain.ok ? `共 ${chain.entries} 条，记录完整、未被改动` : '记录校验未通过，请联系系统管理员'}</View>
            {log.map((e) => {
              const { what, who } = logLine(e);
              return (
                <View key={e.id} className='sup-log log-row' data-event={e.event}>
                  <View>{what}</View>
                  <View className='review-row__sub'>
                    {who} · {formatBeijing(e.at)}
                  </View>
                </View>
              );
            })}
          </View>
        </View>
      )}
    </Loaded>
  );
}

/** 案件详情 (`?id=`): the case, its evidence, the decision and its measures (第十七条), the appeal and the one revision, the log. */
export default function SupervisionCase() {
  const { params } = useRouter();
  return <AdminGate>{() => (params.id ? <CasePage id={params.id} /> : <IncompleteLink />)}</AdminGate>;
}
