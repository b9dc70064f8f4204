import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import { useConfirm } from '../../components/Confirm';
import { FieldRow, TextInput } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { api } from '../../services/api';
import type { NamedRedemption } from '../../services/types';
import type { BatchView } from '../../services/reviewTypes';
import { markBatchPaid } from '../../logic/confirmations';
import { formatBeijing } from '../../logic/clock';
import { refusal } from '../components/review';

type Data = { payables: NamedRedemption[]; batches: BatchView[] };

function BatchCard({ b, onPaid }: { b: BatchView; onPaid: () => void }) {
  const [reference, setReference] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();
  async function pay() {
    if (!reference.trim()) {
      setError('请填写拨付凭证号（财务部门的付款凭证编号）');
      return;
    }
    setError('');
    if (!(await ask(markBatchPaid({ title: b.title, totalFen: b.totalFen, fundsYear: b.fundsYear, rows: b.items.length }, reference.trim())))) return;
    setBusy(true);
    try {
      await api.markBatchPaid(b.id, reference.trim());
      toast('已标记拨付', 'success');
      onPaid();
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='form-card batch' data-batch-id={b.id} data-status={b.status}>
      <View className='review-card-title'>{b.title}</View>
      <View className='muted'>
        {b.fundsYear} 年度资金 · {b.items.length} 项 · 合计 <Text className='batch__total'>{formatFen(b.totalFen)}</Text>
      </View>
      {b.items.map((row, i) => (
        <View key={i} className='review-row'>
          <View className='review-row__main'>
            <View>{String(row.unitName ?? '')}</View>
            <View className='review-row__sub'>
              {String(row.contractNo ?? '')} · {String(row.serviceName ?? '')}
            </View>
          </View>
          <Text>{formatFen(Number(row.payableFen ?? 0))}</Text>
        </View>
      ))}
      <View className='review-actions'>
        <Button
          block
          fill='outline'
          className='export'
          onClick={() => void api.exportPaymentBatch(b.id).catch((e: unknown) => toast(e instanceof Error ? e.message : refusal(e)))}
        >
          导出拨付明细（Excel）
        </Button>
      </View>
      {b.paid ? (
        <View className='muted batch-paid'>
          已于 {formatBeijing(b.paid.at)} 拨付，凭证号 {b.paid.reference}
        </View>
      ) : (
        <>
          <FieldRow label='拨付凭证号' required messages={error ? [error] : []}>
            <TextInput id={`reference-${b.id}`} value={reference} placeholder='如 CZ-2027-0104-01' maxlength={100} onChange={setReference} />
          </FieldRow>
          <View className='review-actions'>
            <Button type='primary' block className='mark-paid' loading={busy} onClick={() => void pay()}>
              标记已拨付
            </Button>
          </View>
        </>
      )}
      {confirmDialog}
    </View>
  );
}

function Batches() {
  const [state, setState] = useState<Remote<Data>>({ kind: 'loading' });
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<{ title?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const [{ redemptions }, { batches }] = await Promise.all([api.payables(), api.paymentBatches()]);
      setState({ kind: 'ready', data: { payables: redemptions, batches } });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  useDidShow(() => void load());

  async function create() {
    if (!title.trim()) {
      setErrors({ title: '请填写批次名称，如“2027年第1批拨付”' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.createPaymentBatch(title.trim());
      toast('已生成拨付批次', 'success');
      setTitle('');
      await load();
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='payment-batches'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>拨付批次</View>
        <View className='admin-hero__sub'>公示期满无异议的项目按批次拨付给开放单位；第四季度通过的项目自次年起拨付（第十五条5）</View>
      </View>
      <Loaded state={state} reload={() => void load()} rows={4} errorTitle='加载失败'>
        {({ payables, batches }) => (
          <>
            <View className='form-card' id='payables' data-count={payables.length}>
              <View className='form-card__title'>
                待拨付 {payables.length} 项，合计 {formatFen(payables.reduce((t, r) => t + r.payableFen, 0))}
              </View>
              {payables.map((r) => (
                <View key={r.id} className='review-row payable' data-redemption-id={r.id}>
                  <View className='review-row__main'>
                    <View>{r.unitName ?? '开放单位'}</View>
                    <View className='review-row__sub'>{r.projectTitle ?? ''}</View>
                  </View>
                  <Text>{formatFen(r.payableFen)}</Text>
                </View>
              ))}
              <FieldRow label='批次名称' required messages={errors.title ? [errors.title] : []}>
                <TextInput id='batch-title' value={title} placeholder='如 2027年第1批拨付' maxlength={100} onChange={setTitle} />
              </FieldRow>
              <View className='review-actions'>
                <Button type='primary' block id='create-batch' loading={busy} disabled={payables.length === 0} onClick={() => void create()}>
                  {payables.length === 0 ? '暂无可拨付的项目' : '生成拨付批次'}
                </Button>
              </View>
            </View>
            {errors.form && (
              <View className='card hint hint--danger' id='batch-error'>
                {errors.form}
              </View>
            )}
            <View className='section-title'>
              <Text>拨付批次</Text>
            </View>
            {batches.length === 0 && <EmptyState size='small' title='还没有拨付批次' description='生成批次后可导出明细交财务部门，拨付后在此登记' />}
            {batches.map((b) => (
              <BatchCard key={b.id} b={b} onPaid={() => void load()} />
            ))}
          </>
        )}
      </Loaded>
    </View>
  );
}

/** Payment batches: payables, create a batch, export the .xlsx, mark paid with a reference. */
export default function PaymentBatches() {
  return <AdminGate>{() => <Batches />}</AdminGate>;
}
