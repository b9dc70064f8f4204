import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { ContractFacts } from '../../components/Contract';
import { DateField } from '../../components/DateField';
import { FieldRow, TextBox, TextInput } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { goContract, toContract, toast } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, errorLine } from '../../services/errors';
import {
  confirmBounds,
  emptyTerms,
  endRangeAfter,
  maxShareLine,
  rangeText,
  serverTermsErrors,
  termsBody,
  todayInBeijing,
  validateTerms,
  voucherShareFen,
  withContractAmount,
  type TermsErrors,
  type TermsForm,
} from '../../logic/contracts';
import type { ContractView } from '../../services/types';
import StaffGate from '../components/StaffGate';

function ConfirmForm({ c }: { c: ContractView }) {
  const [form, setForm] = useState<TermsForm>(() => emptyTerms(todayInBeijing()));
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<TermsErrors>({});
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState('');
  const voucherFen = c.voucher.amountFen;
  const max = voucherShareFen(form.contractAmountYuan, voucherFen);
  // 第十五条2: the days the pickers offer (registration is today; the validity end is today + 3 months).
  const bounds = confirmBounds(c);
  const endRange = endRangeAfter(bounds, form.startDay);

  const update = (next: TermsForm) => {
    setForm(next);
    if (Object.keys(errors).length) setErrors(validateTerms(next, voucherFen, undefined, bounds));
  };

  async function confirm() {
    const e = validateTerms(form, voucherFen, undefined, bounds);
    setErrors(e);
    if (Object.keys(e).length) {
      toast(Object.values(e)[0] ?? '请检查填写内容');
      return;
    }
    setBusy(true);
    setServerError('');
    try {
      await api.confirmContract(c.id, termsBody(form));
      toast('合同已登记', 'success');
      void toContract(c.id);
    } catch (err) {
      // A refusal about one field shows on that field; anything else above the button.
      const v = describeError(err);
      const onField = serverTermsErrors(v.code, err instanceof Error && err.message ? err.message : v.message, bounds, typeof v.details.maxFen === 'number' ? v.details.maxFen : undefined);
      if (Object.keys(onField).length) {
        setErrors(onField);
        toast('请按提示修改');
      } else setServerError(errorLine(err));
    } finally {
      setBusy(false);
    }
  }

  async function reject() {
    if (!reason.trim()) {
      setServerError('请填写原因');
      return;
    }
    setBusy(true);
    setServerError('');
    try {
      await api.rejectContract(c.id, reason.trim());
      toast('已拒绝');
      void toContract(c.id);
    } catch (err) {
      setServerError(errorLine(err));
    } finally {
      setBusy(false);
    }
  }

  const msgs = (k: keyof TermsForm) => (errors[k] ? [errors[k] as string] : []);
  return (
    <View className='page' id='staff-confirm' data-contract-id={c.id}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>合作申请 · 待确认</View>
        <View className='detail-head__title'>{c.project.title}</View>
        <View className='detail-head__notice'>确认即完成合同登记（第十五条2）；项目信息须保密（第九条3）。</View>
      </View>
      <ContractFacts c={c} />

      {!rejecting && (
        <View className='form-card' id='terms-form'>
          <View className='form-card__title'>登记合同</View>
          <FieldRow label='合同编号' required messages={msgs('contractNo')}>
            <TextInput id='t-no' value={form.contractNo} placeholder='如 HT-2026-001' maxlength={64} onChange={(contractNo) => update({ ...form, contractNo })} />
          </FieldRow>
          <FieldRow label='合同金额' required messages={msgs('contractAmountYuan')}>
            <TextInput
              id='t-amount'
              type='digit'
              unit='元'
              value={form.contractAmountYuan}
              placeholder='合同总金额'
              onChange={(v) => update(withContractAmount(form, v, voucherFen, touched))}
            />
          </FieldRow>
          <FieldRow label='开始日期' required messages={msgs('startDay')} hint={`可选 ${rangeText(bounds.start)}，不早于领券日`}>
            <DateField
              id='t-start'
              value={form.startDay}
              start={bounds.start.min}
              end={bounds.start.max}
              onChange={(startDay) => update({ ...form, startDay, endDay: form.endDay < startDay ? startDay : form.endDay })}
            />
          </FieldRow>
          <FieldRow label='结束日期' required messages={msgs('endDay')} hint={`可选 ${rangeText(endRange)}：不晚于券的有效期截止日 ${bounds.end.max}（登记后3个月）`}>
            <DateField id='t-end' value={form.endDay} start={endRange.min} end={endRange.max} onChange={(endDay) => update({ ...form, endDay })} />
          </FieldRow>
          <FieldRow label='使用创新券' required messages={msgs('voucherAmountYuan')} hint={`券面 ${formatFen(voucherFen)}，按合同金额自动计算`}>
            <TextInput
              id='t-voucher'
              type='digit'
              unit='元'
              value={form.voucherAmountYuan}
              onChange={(voucherAmountYuan) => {
                setTouched(true);
                update({ ...form, voucherAmountYuan });
              }}
            />
          </FieldRow>
          {max !== null && (
            <View className='notice' id='max-share'>
              {maxShareLine(max)}
            </View>
          )}
        </View>
      )}

      {rejecting && (
        <View className='form-card' id='reject-form'>
          <View className='form-card__title'>拒绝合作申请</View>
          <FieldRow label='原因' required stacked hint='申领单位会看到这条原因；券在登记期限内可另用'>
            <TextBox id='t-reason' value={reason} maxlength={200} placeholder='如：暂无检测排期' onChange={setReason} />
          </FieldRow>
        </View>
      )}

      {serverError && (
        <View className='card hint hint--danger' id='confirm-error'>
          <Text>{serverError}</Text>
        </View>
      )}

      <View className='submit-bar'>
        {rejecting ? (
          <>
            <Button type='danger' block size='large' id='reject-submit' loading={busy} onClick={() => void reject()}>
              确认拒绝
            </Button>
            <View className='text-link text-link--center' onClick={() => setRejecting(false)}>
              返回登记合同
            </View>
          </>
        ) : (
          <>
            <Button type='primary' block size='large' id='confirm-submit' loading={busy} onClick={() => void confirm()}>
              确认并登记合同
            </Button>
            <View className='text-link text-link--center' id='reject-open' onClick={() => setRejecting(true)}>
              拒绝该申请 ›
            </View>
          </>
        )}
      </View>
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const { state, reload } = useRemote(() => api.contract(id), id);
  return (
    <Loaded state={state} reload={reload} page>
      {(c) =>
        c.status === 'proposed' ? (
          <ConfirmForm c={c} />
        ) : (
          <PageCard title='该申请已处理' description='合同状态已变化，可查看合同详情' action={{ text: '查看合同', onClick: () => void goContract(id) }} />
        )
      }
    </Loaded>
  );
}

/** Confirm (= contract registration, 50% prefilled) or reject a proposal (unit staff). */
export default function StaffConfirm() {
  const id = useRouter().params.id ?? '';
  return <StaffGate>{() => <Loader id={id} />}</StaffGate>;
}
