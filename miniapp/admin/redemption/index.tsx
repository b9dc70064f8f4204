import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../components/AdminGate';
import { useConfirm } from '../../components/Confirm';
import { approveRedemption, recordPayment, rejectRedemption } from '../../logic/confirmations';
import { ContractFacts, RedemptionFacts } from '../../components/Contract';
import { FieldRow, TextBox } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, errorLine } from '../../services/errors';
import { formatBytes } from '../../logic/contracts';
import type { ContractView, RedemptionView } from '../../services/types';
import '../components/admin.scss';

async function load(contractId: string): Promise<{ c: ContractView; r: RedemptionView }> {
  const [c, r] = await Promise.all([api.contract(contractId), api.redemptionOf(contractId)]);
  return { c, r };
}

function Review({ c, initial }: { c: ContractView; initial: RedemptionView }) {
  const [r, setR] = useState(initial);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [confirmDialog, ask] = useConfirm();
  const parties = { unitName: c.unitName, projectTitle: c.project.title };

  async function act(run: () => Promise<RedemptionView>, done: string) {
    setBusy(true);
    setError('');
    try {
      setR(await run());
      toast(done, 'success');
    } catch (e) {
      const v = describeError(e);
      // PAYMENT_NOT_DUE etc.: the BFF's own sentence says when.
      setError(`${v.title}：${e instanceof Error && e.message ? e.message : v.message}`);
    } finally {
      setBusy(false);
    }
  }

  const open = r.status === 'submitted' || r.status === 'site_visit';
  return (
    <View className='page' id='admin-redemption' data-redemption-id={r.id} data-status={r.status}>
      <RedemptionFacts r={r} />
      <View className='section-title'>
        <Text>简要报告</Text>
      </View>
      <View className='card description' id='redemption-report'>
        {r.report}
      </View>
      <View className='section-title'>
        <Text>证明材料</Text>
      </View>
      <View className='card facts' id='redemption-evidence'>
        {r.evidence.map((e) => (
          <View
            key={e.id}
            className='facts__row facts__row--tap evidence-link'
            onClick={() => void api.openEvidence(c.id, e).catch((err) => toast(err instanceof Error ? err.message : errorLine(err)))}
          >
            <Text className='facts__label'>{e.filename}</Text>
            <Text className='facts__value mine__link'>{formatBytes(e.sizeBytes)} 查看 ›</Text>
          </View>
        ))}
      </View>
      <ContractFacts c={c} />

      {error && (
        <View className='card hint hint--danger' id='review-error'>
          <Text>{error}</Text>
        </View>
      )}

      {open && (
        <View className='form-card'>
          <View className='form-card__title'>评审（第十五条4）</View>
          <FieldRow label='不通过原因' stacked hint='仅“不通过”时必填'>
            <TextBox id='review-reason' value={reason} maxlength={500} onChange={setReason} />
          </FieldRow>
          <View className='actions actions--stack'>
            <Button
              type='primary'
              block
              id='approve'
              loading={busy}
              onClick={() =>
                void ask(approveRedemption(r, parties)).then((ok) => {
                  if (ok) void act(() => api.approveRedemption(r.id), '已通过');
                })
              }
            >
              通过
            </Button>
            {r.status === 'submitted' && (
              <Button block fill='outline' id='site-visit' className='wrap-button' disabled={busy} onClick={() => void act(() => api.siteVisit(r.id), '已安排现场核查')}>
                现场核查或答辩
              </Button>
            )}
            <Button
              type='danger'
              block
              fill='outline'
              id='reject'
              disabled={busy}
              onClick={() => {
                if (!reason.trim()) {
                  setError('请填写原因：评审不通过须说明理由');
                  return;
                }
                void ask(rejectRedemption(r, parties, reason.trim())).then((ok) => {
                  if (ok) void act(() => api.rejectRedemption(r.id, reason.trim()), '已驳回');
                });
              }}
            >
              不通过
            </Button>
          </View>
        </View>
      )}
      {r.status === 'approved' && (
        <Button
          type='primary'
          block
          id='record-payment'
          loading={busy}
          onClick={() =>
            void ask(recordPayment(r, parties)).then((ok) => {
              if (ok) void act(() => api.recordPayment(r.id), '已登记拨付');
            })
          }
        >
          登记拨付
        </Button>
      )}
      <View className='text-link text-link--center' onClick={() => void Taro.navigateBack()}>
        返回审核队列
      </View>
      {confirmDialog}
    </View>
  );
}

function Loader({ contractId }: { contractId: string }) {
  const { state, reload } = useRemote(() => load(contractId), contractId);
  return (
    <Loaded state={state} reload={reload} page>
      {({ c, r }) => <Review c={c} initial={r} />}
    </Loaded>
  );
}

/** One redemption application: facts, report, evidence; approve / reject / site visit / record payment. */
export default function AdminRedemption() {
  const contractId = useRouter().params.contract ?? '';
  return <AdminGate>{() => <Loader contractId={contractId} />}</AdminGate>;
}
