import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, parseYuanToFen } from '@kcq/shared';
import { ContractFacts, Fact } from '../../components/Contract';
import EmptyState from '../../components/EmptyState';
import EvidencePicker from '../../components/EvidencePicker';
import { FieldRow, TextBox, TextInput } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { goContract, toContract, toast } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, errorLine } from '../../services/errors';
import { formatBeijing } from '../../logic/clock';
import '../components/staff.scss';
import {
  EVIDENCE_MAX_FILES,
  canApplyRedemption,
  payableFen,
  todayInBeijing,
  validateRedemption,
  type RedemptionErrors,
  type RedemptionForm,
} from '../../logic/contracts';
import type { ContractView, EvidenceView, RedemptionView } from '../../services/types';
import StaffGate from '../components/StaffGate';

function RedeemForm({ c }: { c: ContractView }) {
  const [form, setForm] = useState<Omit<RedemptionForm, 'evidenceIds'>>({ actualAmountYuan: '', report: '' });
  const [files, setFiles] = useState<EvidenceView[]>([]);
  const [errors, setErrors] = useState<RedemptionErrors>({});
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState('');
  const [done, setDone] = useState<RedemptionView | null>(null);
  const registeredFen = c.terms?.voucherAmountFen ?? 0;
  const payable = payableFen(form.actualAmountYuan, registeredFen);

  async function submit() {
    const all: RedemptionForm = { ...form, evidenceIds: files.map((f) => f.id) };
    const e = validateRedemption(all);
    setErrors(e);
    if (Object.keys(e).length) {
      toast(Object.values(e)[0] ?? '请检查填写内容');
      return;
    }
    setBusy(true);
    setServerError('');
    try {
      setDone(await api.applyRedemption(c.id, { actualAmountFen: parseYuanToFen(all.actualAmountYuan) ?? 0, report: all.report.trim(), evidenceIds: all.evidenceIds }));
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (err) {
      const v = describeError(err);
      // The amount or the evidence: on its field; anything else above the button.
      if (v.code === 'EVIDENCE_REQUIRED') setErrors({ evidenceIds: errorLine(err) });
      else if (v.code === 'VALIDATION_FAILED' && /金额|amount/i.test(JSON.stringify(v.details))) setErrors({ actualAmountYuan: errorLine(err) });
      else setServerError(errorLine(err));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <View className='page' id='redeem-done' data-redemption-id={done.id}>
        <EmptyState
          icon='done'
          title='兑现申请已提交'
          description={`「${c.project.title}」的兑现申请已提交，等待管理部门组织评审（第十五条4）。评审通过并公示无异议后拨付给本单位（第十五条5）；进展会在消息中心通知您。`}
          action={{ text: '查看合同', onClick: () => void toContract(c.id) }}
        />
        <View className='card facts redeem-done__facts' id='redeem-done-facts'>
          <Fact label='实际发生金额' value={formatFen(done.actualAmountFen)} />
          <Fact label='创新券应兑付' value={formatFen(done.payableFen)} id='done-payable' />
          <Fact label='证明材料' value={`${done.evidence.length} 份`} />
          <Fact label='提交时间' value={formatBeijing(done.submittedAt)} />
        </View>
      </View>
    );
  }

  const msgs = (k: keyof RedemptionForm) => (errors[k] ? [errors[k] as string] : []);
  return (
    <View className='page' id='staff-redeem' data-contract-id={c.id}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>申请兑现（第十五条3）</View>
        <View className='detail-head__title'>{c.project.title}</View>
        <View className='detail-head__notice'>
          合同结束后一个月内申请。创新券支付实际合同金额的一半，但不超过登记的用券金额（第十二条）。
        </View>
      </View>
      <ContractFacts c={c} />

      <View className='form-card' id='redeem-form'>
        <View className='form-card__title'>兑现申请</View>
        <FieldRow label='实际发生金额' required messages={msgs('actualAmountYuan')} hint={payable !== null ? `创新券应兑付 ${formatFen(payable)}` : undefined}>
          <TextInput id='r-amount' type='digit' unit='元' value={form.actualAmountYuan} onChange={(actualAmountYuan) => setForm({ ...form, actualAmountYuan })} />
        </FieldRow>
        <FieldRow label='简要报告' required messages={msgs('report')} stacked>
          <TextBox id='r-report' value={form.report} placeholder='服务完成情况、交付成果' onChange={(report) => setForm({ ...form, report })} />
        </FieldRow>
        <FieldRow
          label='证明材料'
          required
          plain
          messages={msgs('evidenceIds')}
          stacked
          hint={`合同、发票、检测报告等；PDF/JPEG/PNG，单个不超过 10 MB，每次最多 ${EVIDENCE_MAX_FILES} 个`}
        >
          <EvidencePicker contractId={c.id} files={files} onChange={setFiles} onBusy={setUploading} />
        </FieldRow>
      </View>

      {serverError && (
        <View className='card hint hint--danger' id='redeem-error'>
          <Text>{serverError}</Text>
        </View>
      )}
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='redeem-submit' loading={busy} disabled={uploading} onClick={() => void submit()}>
          提交兑现申请
        </Button>
      </View>
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const { state, reload } = useRemote(() => api.contract(id), id);
  return (
    <Loaded state={state} reload={reload} page>
      {(c) =>
        canApplyRedemption(c, todayInBeijing()) ? (
          <RedeemForm c={c} />
        ) : (
          <PageCard
            title='暂不能申请兑现'
            description='兑现申请须在合同已登记、合同结束日之后一个月内提交，且每份合同只能申请一次（第十五条3）'
            action={{ text: '查看合同', onClick: () => void goContract(id) }}
          />
        )
      }
    </Loaded>
  );
}

/** Redemption application for a registered contract whose end day has come (unit staff). */
export default function StaffRedeem() {
  const id = useRouter().params.id ?? '';
  return <StaffGate>{() => <Loader id={id} />}</StaffGate>;
}
