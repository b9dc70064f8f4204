import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../../admin/components/AdminGate';
import { DateField } from '../../components/DateField';
import EmptyState from '../../components/EmptyState';
import { Choice, FieldRow, TextInput } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { SpotCheckView } from '../../services/supervisionTypes';
import { formatBeijing } from '../../logic/clock';
import { checkDraw, type DrawCheck, type DrawForm } from '../../logic/supervision';
import { refusal } from '../components/supervision';
import '../../components/form.scss';

const POPULATIONS = [
  { code: 'redemptions', label: '已通过或已拨付的兑现' },
  { code: 'open_units', label: '开放单位' },
];
const BY = [
  { code: 'size', label: '按数量' },
  { code: 'percent', label: '按比例' },
];

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const wantText = (c: SpotCheckView) => ('size' in c.want ? `抽取 ${c.want.size} 个` : `抽取 ${c.want.percent}%`);

function Checks() {
  const [state, setState] = useState<Remote<SpotCheckView[]>>({ kind: 'loading' });
  const [form, setForm] = useState<DrawForm>({ title: '', population: 'redemptions', fromDay: '', toDay: '', by: 'size', amountText: '', seedText: '' });
  const [errors, setErrors] = useState<(DrawCheck & { ok: false })['errors'] & { form?: string }>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<DrawForm>) => setForm((f) => ({ ...f, ...patch }));

  async function load() {
    try {
      setState({ kind: 'ready', data: (await api.spotChecks()).items });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  useDidShow(() => void load());

  async function draw() {
    const check = checkDraw(form);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const c = await api.drawSpotCheck(check.input);
      await Taro.navigateTo({ url: withQuery(PAGES.spotCheck, { id: c.id }) });
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='spot-checks'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>监督抽查</View>
        <View className='admin-hero__sub'>随机抽取兑现项目或开放单位进行检查（第十八条）；随机种子随抽查保存，同一种子对同一范围抽出的样本相同，可供复核</View>
      </View>
      <View className='form-card' id='draw-form'>
        <View className='review-card-title'>新建抽查</View>
        <FieldRow label='抽查名称' required messages={errors.title ? [errors.title] : []}>
          <TextInput id='draw-title' value={form.title} placeholder='如 2026年第四季度兑现抽查' maxlength={100} onChange={(title) => set({ title })} />
        </FieldRow>
        <FieldRow label='抽查范围' required plain stacked>
          <Choice id='draw-population' value={form.population} options={POPULATIONS} onChange={(v) => set({ population: v as DrawForm['population'] })} />
        </FieldRow>
        {form.population === 'redemptions' && (
          <>
            <FieldRow label='审核日期自' required plain messages={errors.range ? [errors.range] : []}>
              <DateField id='draw-from' value={form.fromDay} end={form.toDay || today()} onChange={(fromDay) => set({ fromDay })} />
            </FieldRow>
            <FieldRow label='审核日期至' required plain>
              <DateField id='draw-to' value={form.toDay} start={form.fromDay || undefined} end={today()} onChange={(toDay) => set({ toDay })} />
            </FieldRow>
          </>
        )}
        <FieldRow label='抽取方式' required plain stacked>
          <Choice id='draw-by' value={form.by} options={BY} onChange={(v) => set({ by: v as DrawForm['by'] })} />
        </FieldRow>
        <FieldRow label={form.by === 'size' ? '抽取数量' : '抽取比例'} required messages={errors.amount ? [errors.amount] : []}>
          <TextInput id='draw-amount' type='digit' value={form.amountText} unit={form.by === 'size' ? '个' : '%'} placeholder={form.by === 'size' ? '如 5' : '如 10'} maxlength={6} onChange={(amountText) => set({ amountText })} />
        </FieldRow>
        <FieldRow label='随机种子' messages={errors.seed ? [errors.seed] : []} hint='留空则自动生成；复核以往抽查时填写其种子'>
          <TextInput id='draw-seed' type='number' value={form.seedText} placeholder='选填' maxlength={10} onChange={(seedText) => set({ seedText })} />
        </FieldRow>
        <View className='review-actions'>
          <Button type='primary' block id='draw' loading={busy} onClick={() => void draw()}>
            随机抽取
          </Button>
        </View>
        {errors.form && <View className='hint hint--danger review-text' id='draw-error'>{errors.form}</View>}
      </View>
      <View className='section-title'>
        <Text>抽查记录</Text>
      </View>
      <Loaded state={state} reload={() => void load()} rows={3} errorTitle='加载失败'>
        {(checks) => (
          <>
            {checks.length === 0 && <EmptyState size='small' title='还没有抽查' description='填写上方表单后点击“随机抽取”' />}
            {checks.map((c) => {
              const done = c.items.filter((i) => i.check).length;
              return (
                <View key={c.id} className='card link-card check-row' data-check-id={c.id} onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.spotCheck, { id: c.id }) })}>
                  <View className='link-card__main'>
                    <View className='link-card__title'>{c.title}</View>
                    <View className='link-card__sub'>
                      {c.population.kind === 'redemptions' ? '兑现项目' : '开放单位'} {c.populationSize} 个中{wantText(c)} · 已检查 {done}/{c.items.length}
                    </View>
                    <View className='link-card__sub'>{formatBeijing(c.drawnAt)} · 随机种子 {c.seed}</View>
                  </View>
                  <Text className='desk__link'>查看 ›</Text>
                </View>
              );
            })}
          </>
        )}
      </Loaded>
    </View>
  );
}

/** 监督抽查 (第十八条): draw a reproducible sample; the list of checks. */
export default function SpotChecksPage() {
  return <AdminGate>{() => <Checks />}</AdminGate>;
}
