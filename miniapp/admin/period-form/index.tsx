import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../components/AdminGate';
import { useRemote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { DateField, TimeField } from '../../components/DateField';
import { FieldRow, TextInput } from '../../components/Field';
import { PAGES, toast, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, errorLine } from '../../services/errors';
import { formatBeijing } from '../../logic/clock';
import {
  checkPeriodForm,
  emptyPeriodForm,
  fieldOfPath,
  formFromPeriod,
  parseBeijing,
  periodDayRange,
  splitBeijing,
  quotaHint,
  thisMinute,
  type PeriodErrors,
  type PeriodField,
  type PeriodForm as Form,
} from '../../logic/periodForm';
import '../components/admin.scss';

const DAY = 24 * 3_600_000;

/** `initial`: the edited period's form (none: a new period); `opened`: it has opened (or closed), so it cannot change. */
function PeriodForm({ id, initial, opened = false }: { id: string | null; initial?: Form; opened?: boolean }) {
  const [form, setForm] = useState<Form>(() => initial ?? emptyPeriodForm());
  const [locked, setLocked] = useState(opened);
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<PeriodErrors>({});
  const [busy, setBusy] = useState(false);

  const check = checkPeriodForm(form);
  // The days the pickers offer: from today (Beijing) to two years ahead.
  const pickerRange = periodDayRange(Date.now());
  const errors: PeriodErrors = touched ? { ...serverErrors, ...check.errors } : serverErrors;
  const msgs = (f: PeriodField) => (errors[f] ? [errors[f] as string] : []);
  const set = (f: PeriodField, v: string) => {
    setForm((x) => ({ ...x, [f]: v }));
    setServerErrors((e) => ({ ...e, [f]: undefined }));
  };

  /** Opens now (this minute), closes after `days`. */
  function opensNow(days: number) {
    const opens = thisMinute(Date.now());
    setForm((x) => ({ ...x, opensAt: formatBeijing(opens), closesAt: formatBeijing(opens + days * DAY) }));
  }
  /** Closes `days` after the chosen opening time (never after now: with no opening time there is nothing to count from). */
  function closeAfter(days: number) {
    const opens = parseBeijing(form.opensAt);
    if (opens === null) {
      setTouched(true);
      setServerErrors((e) => ({ ...e, opensAt: '请先选择开放日期和时间' }));
      return;
    }
    set('closesAt', formatBeijing(opens + days * DAY));
  }
  /** One half of "YYYY-MM-DD HH:mm" chosen on its picker. */
  const setPart = (f: 'opensAt' | 'closesAt', part: { day?: string; time?: string }) => {
    const [day, time] = splitBeijing(form[f]);
    set(f, `${part.day ?? day ?? pickerRange.min} ${part.time ?? time ?? '09:00'}`);
  };
  const opensDay = splitBeijing(form.opensAt)[0];
  const closesRange = { min: opensDay && opensDay > pickerRange.min ? opensDay : pickerRange.min, max: pickerRange.max };

  async function submit() {
    setTouched(true);
    if (!check.input) {
      toast('请按提示修改后再提交');
      return;
    }
    setBusy(true);
    try {
      const saved = id ? await api.updatePeriod(id, check.input) : await api.createPeriod(check.input);
      toast(id ? '已保存' : '已创建', 'success');
      await Taro.redirectTo({ url: withQuery(PAGES.adminPeriod, { id: saved.id }) });
    } catch (e) {
      const v = describeError(e);
      const fields = Array.isArray(v.details.fields) ? (v.details.fields as { path?: string; message?: string }[]) : [];
      const next: PeriodErrors = {};
      for (const f of fields) {
        const field = f.path ? fieldOfPath(f.path) : null;
        if (field && f.message) next[field] = f.message;
      }
      setServerErrors(next);
      if (v.code === 'PERIOD_ALREADY_OPEN') setLocked(true);
      toast(errorLine(e));
    } finally {
      setBusy(false);
    }
  }

  if (locked) {
    return (
      <PageCard
        title='周期已开始，不能再修改'
        description='发放周期开放后，其时间和额度对所有申领单位保持不变（第十五条第一项）。如需停止领取，可在周期详情中提前结束。'
        action={{ text: '查看周期', onClick: () => id && void Taro.redirectTo({ url: withQuery(PAGES.adminPeriod, { id }) }) }}
      />
    );
  }

  const hint = quotaHint(form);
  return (
    <View className='page' id='period-form' data-mode={id ? 'edit' : 'create'}>
      <View className='form-card'>
        <View className='form-card__title'>{id ? '编辑发放周期（开放前可改）' : '新建发放周期'}</View>
        <FieldRow label='周期名称' required messages={msgs('name')}>
          <TextInput id='p-name' value={form.name} placeholder='如 2027年第一期创新券' maxlength={50} onChange={(v) => set('name', v)} />
        </FieldRow>
        <FieldRow label='开放时间' required stacked messages={msgs('opensAt')} hint={`北京时间，可选 ${pickerRange.min} 至 ${pickerRange.max}`}>
          <View className='field__pickers'>
            <DateField id='p-opens' value={splitBeijing(form.opensAt)[0] ?? ''} start={pickerRange.min} end={pickerRange.max} onChange={(day) => setPart('opensAt', { day })} />
            <TimeField id='p-opens-time' value={splitBeijing(form.opensAt)[1] ?? ''} onChange={(time) => setPart('opensAt', { time })} />
          </View>
        </FieldRow>
        <View className='quick'>
          <Text className='quick__chip' id='opens-now' onClick={() => opensNow(7)}>
            立即开放（7天）
          </Text>
          <Text className='quick__chip' onClick={() => opensNow(1)}>
            立即开放（1天）
          </Text>
        </View>
        <FieldRow label='截止时间' required stacked messages={msgs('closesAt')} hint={`须晚于开放时间，可选 ${closesRange.min} 至 ${closesRange.max}`}>
          <View className='field__pickers'>
            <DateField id='p-closes' value={splitBeijing(form.closesAt)[0] ?? ''} start={closesRange.min} end={closesRange.max} onChange={(day) => setPart('closesAt', { day })} />
            <TimeField id='p-closes-time' value={splitBeijing(form.closesAt)[1] ?? ''} onChange={(time) => setPart('closesAt', { time })} />
          </View>
        </FieldRow>
        <View className='quick'>
          {[1, 7, 30].map((d) => (
            <Text key={d} className='quick__chip' onClick={() => closeAfter(d)}>
              开放后 {d} 天
            </Text>
          ))}
        </View>
      </View>

      <View className='form-card'>
        <View className='form-card__title'>额度（第十二条）</View>
        <FieldRow label='本期总额度' required messages={msgs('quotaYuan')} hint={hint ?? '整元，至少 1,000 元；领完即止'}>
          <TextInput id='p-quota' type='number' value={form.quotaYuan} placeholder='如 10000000' unit='元' onChange={(v) => set('quotaYuan', v)} />
        </FieldRow>
        <FieldRow label='单张上限' required messages={msgs('maxVoucherYuan')} hint='整元，1,000 – 50,000 元'>
          <TextInput id='p-max' type='number' value={form.maxVoucherYuan} placeholder='≤ 50000' unit='元' onChange={(v) => set('maxVoucherYuan', v)} />
        </FieldRow>
        <FieldRow label='每家限领' required messages={msgs('perApplicantLimit')} hint='同一申领单位本期可领张数，1 – 10'>
          <TextInput id='p-limit' type='number' value={form.perApplicantLimit} maxlength={2} unit='张' onChange={(v) => set('perApplicantLimit', v)} />
        </FieldRow>
      </View>

      <Button type='primary' block size='large' id='save-period' loading={busy} onClick={() => void submit()}>
        {id ? '保存修改' : '创建并发布'}
      </Button>
      <View className='muted' style={{ marginTop: '16px', lineHeight: 1.6, padding: '0 8px' }}>
        发布后，申领单位在首页看到开放倒计时；开放后周期不能再修改，只能提前结束。
      </View>
    </View>
  );
}

/** Editing: the period as it is now; once it has opened (or closed) only the notice shows. */
function EditPeriod({ id }: { id: string }) {
  const { state, reload } = useRemote(() => api.period(id), id);
  return (
    <Loaded state={state} reload={reload} page errorTitle='加载失败'>
      {(r) => (
        <PeriodForm id={id} initial={formFromPeriod(r.period)} opened={Date.parse(r.serverTime) >= Date.parse(r.period.opensAt) || !!r.period.closedAt} />
      )}
    </Loaded>
  );
}

export default function PeriodFormPage() {
  const id = useRouter().params.id || null;
  return <AdminGate>{() => (id ? <EditPeriod id={id} /> : <PeriodForm id={null} />)}</AdminGate>;
}
