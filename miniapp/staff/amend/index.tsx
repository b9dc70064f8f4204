import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { Fact } from '../../components/Contract';
import { DateField } from '../../components/DateField';
import { FieldRow, TextBox, TextInput } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { PAGES, toContract, toast } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, type ErrorView } from '../../services/errors';
import { endRangeAfter, maxShareLine, rangeText, serverTermsErrors, voucherShareFen, withContractAmount, type TermsForm } from '../../logic/contracts';
import {
  AMEND_REASON_MAX,
  amendBody,
  amendBounds,
  canAmend,
  changeLines,
  followsMaximum,
  termsForm,
  validateAmendment,
  type AmendErrors,
} from '../../logic/amend';
import type { ContractTerms, ContractView } from '../../services/types';
import StaffGate, { type StaffMe } from '../components/StaffGate';
import '../components/staff.scss';

/** Back to the contract's detail (it reloads on show) when that is where the staff member came from, else open it. */
function backToContract(id: string) {
  const pages = Taro.getCurrentPages();
  const previous = pages.length > 1 ? (pages[pages.length - 2]?.route ?? '') : '';
  if (previous.includes(PAGES.myContract.slice(1))) void Taro.navigateBack();
  else void toContract(id);
}

function AmendForm({ c, terms }: { c: ContractView; terms: ContractTerms }) {
  const faceFen = c.voucher.amountFen;
  const [form, setForm] = useState<TermsForm>(() => termsForm(terms));
  const [reason, setReason] = useState('');
  // The voucher amount follows the 50% maximum while it was the maximum and the staff member has not typed one.
  const [touched, setTouched] = useState(() => !followsMaximum(terms, faceFen));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorView | null>(null);

  const [serverErrors, setServerErrors] = useState<AmendErrors>({});
  const bounds = amendBounds(c);
  const endRange = endRangeAfter(bounds, form.startDay);
  const errors: AmendErrors = { ...serverErrors, ...(submitted ? validateAmendment(form, reason, c) : {}) };
  const msgs = (k: keyof AmendErrors) => (errors[k] ? [errors[k] as string] : []);
  const max = voucherShareFen(form.contractAmountYuan, faceFen);
  const changes = changeLines(terms, form);

  async function submit() {
    setSubmitted(true);
    setFailure(null);
    setServerErrors({});
    const e = validateAmendment(form, reason, c);
    if (Object.keys(e).length) {
      toast(Object.values(e)[0] ?? '请检查填写内容');
      return;
    }
    setBusy(true);
    try {
      await api.amendContract(c.id, amendBody(terms, form, reason));
      toast('合同已变更', 'success');
      backToContract(c.id);
    } catch (err) {
      // A refusal about one field shows on that field; anything else above the button.
      const v = describeError(err);
      const onField = serverTermsErrors(v.code, err instanceof Error && err.message ? err.message : v.message, bounds, typeof v.details.maxFen === 'number' ? v.details.maxFen : undefined);
      if (Object.keys(onField).length) {
        setServerErrors(onField);
        toast('请按提示修改');
      } else setFailure(v);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='staff-amend' data-contract-id={c.id}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>变更合同 · {c.unitName}</View>
        <View className='detail-head__title'>{c.project.title}</View>
        <View className='detail-head__notice'>
          变更后仍须满足：使用创新券不超过合同金额的50%且不超过券面（第十二条）；合同到期日在券的有效期内（第十五条2）。申请兑现后不能再变更；每次变更都留存变更前后的条款（第十八条）。
        </View>
      </View>

      <View className='section-title'>
        <Text>当前条款（已登记）</Text>
      </View>
      <View className='card facts' id='current-terms'>
        <Fact label='合同编号' value={terms.contractNo} />
        <Fact label='合同金额' value={formatFen(terms.contractAmountFen)} />
        <Fact label='合同期限' value={`${terms.startDay} 至 ${terms.endDay}`} />
        <Fact label='使用创新券' value={formatFen(terms.voucherAmountFen)} />
        <Fact label='券面金额' value={formatFen(faceFen)} />
      </View>

      <View className='form-card' id='amend-form'>
        <View className='form-card__title'>变更后的条款</View>
        <FieldRow label='合同编号' required messages={msgs('contractNo')}>
          <TextInput id='a-no' value={form.contractNo} maxlength={64} onChange={(contractNo) => setForm({ ...form, contractNo })} />
        </FieldRow>
        <FieldRow label='合同金额' required messages={msgs('contractAmountYuan')}>
          <TextInput
            id='a-amount'
            type='digit'
            unit='元'
            value={form.contractAmountYuan}
            onChange={(v) => setForm(withContractAmount(form, v, faceFen, touched))}
          />
        </FieldRow>
        <FieldRow label='开始日期' required messages={msgs('startDay')} hint={`可选 ${rangeText(bounds.start)}，不早于领券日`}>
          <DateField
            id='a-start'
            value={form.startDay}
            start={bounds.start.min}
            end={bounds.start.max}
            onChange={(startDay) => setForm({ ...form, startDay, endDay: form.endDay < startDay ? startDay : form.endDay })}
          />
        </FieldRow>
        <FieldRow label='结束日期' required messages={msgs('endDay')} hint={`可选 ${rangeText(endRange)}：不早于登记日，不晚于有效期截止日 ${bounds.end.max}`}>
          <DateField id='a-end' value={form.endDay} start={endRange.min} end={endRange.max} onChange={(endDay) => setForm({ ...form, endDay })} />
        </FieldRow>
        <FieldRow label='使用创新券' required messages={msgs('voucherAmountYuan')} hint={touched ? `券面 ${formatFen(faceFen)}` : `券面 ${formatFen(faceFen)}，按合同金额自动计算`}>
          <TextInput
            id='a-voucher'
            type='digit'
            unit='元'
            value={form.voucherAmountYuan}
            onChange={(voucherAmountYuan) => {
              setTouched(true);
              setForm({ ...form, voucherAmountYuan });
            }}
          />
        </FieldRow>
        <View className='notice' id='max-share'>
          {max !== null ? <Text className='share-line'>{maxShareLine(max)}</Text> : '填写合同金额后计算可用券上限（第十二条）'}
        </View>
        <FieldRow label='变更原因' messages={msgs('reason')} stacked hint='选填，申领单位和管理部门可在合同记录中看到'>
          <TextBox id='a-reason' value={reason} maxlength={AMEND_REASON_MAX} placeholder='如：增加一批样品，合同金额相应调整' onChange={setReason} />
        </FieldRow>
      </View>

      <View className='section-title'>
        <Text>变更内容</Text>
      </View>
      <View className='form-card' id='amend-changes' data-count={changes.length}>
        {changes.length === 0 ? (
          <View className='notice'>尚未修改任何条款</View>
        ) : (
          <View className='changes' style={{ paddingTop: '16px' }}>
            {changes.map((l) => (
              <View key={l.key} className='changes__row' data-term={l.key}>
                <Text className='changes__label'>{l.label}</Text>
                <Text>
                  <Text className='changes__before'>{l.before}</Text>
                  <Text className='changes__after'>{l.after}</Text>
                </Text>
              </View>
            ))}
          </View>
        )}
        {errors.form && <View className='field-error'>{errors.form}</View>}
      </View>

      {failure && (
        <View className='card hint hint--danger' id='amend-error' data-code={failure.code}>
          <Text>{failure.message.startsWith(failure.title) ? failure.message : `${failure.title}：${failure.message}`}</Text>
          {typeof failure.details.maxFen === 'number' && <View>{maxShareLine(failure.details.maxFen)}</View>}
          {failure.hints.map((h) => (
            <View key={h}>{h}</View>
          ))}
        </View>
      )}

      <View className='submit-bar'>
        <Button type='primary' block size='large' id='amend-submit' loading={busy} onClick={() => void submit()}>
          确认变更
        </Button>
        <View className='text-link text-link--center' id='amend-cancel' onClick={() => backToContract(c.id)}>
          放弃变更，返回合同
        </View>
      </View>
    </View>
  );
}

function Loader({ id, me }: { id: string; me: StaffMe }) {
  const { state, reload } = useRemote(() => api.contract(id), id);
  return (
    <Loaded state={state} reload={reload} page notFound>
      {(c) =>
        c.terms && canAmend(c, me.openUnit.id) ? (
          <AmendForm c={c} terms={c.terms} />
        ) : (
          <PageCard
            id='amend-unavailable'
            title='该合同当前不能变更'
            description='只有本单位已登记、尚未申请兑现且未过兑现期限的合同可以变更（第十五条）。'
            action={{ text: '查看合同', onClick: () => void toContract(id) }}
          />
        )
      }
    </Loaded>
  );
}

/** 变更合同: the unit's staff change a registered contract's terms, the 50% voucher share recomputed live (第十二条). */
export default function StaffAmend() {
  const id = useRouter().params.id ?? '';
  return <StaffGate>{(me) => <Loader id={id} me={me} />}</StaffGate>;
}
