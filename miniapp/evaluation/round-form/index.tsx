import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVALUATION_CLASS_LABELS, EVALUATION_CRITERIA, EVALUATION_CRITERION_LABELS, EVALUATION_GRADE_LABELS } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import { DateField } from '../../components/DateField';
import { Choice, FieldRow, TextInput } from '../../components/Field';
import { PAGES, toast, withQuery } from '../../components/nav';
import { evaluationApi } from '../../services/evaluationApi';
import { todayInBeijing } from '../../logic/contracts';
import { emptyRoundForm, roundInput, weightsSum, type RoundField, type RoundForm } from '../../logic/evaluation';
import { refusal } from '../components/common';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../components/evaluation.scss';

const PANEL_SIZES = [
  { code: '3', label: '3 人' },
  { code: '5', label: '5 人' },
  { code: '7', label: '7 人' },
];

function OpenRound() {
  const today = todayInBeijing();
  const [form, setForm] = useState<RoundForm>(() => emptyRoundForm(today));
  const [problems, setProblems] = useState<Partial<Record<RoundField | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RoundForm>) => setForm((f) => ({ ...f, ...patch }));
  const [tried, setTried] = useState(false);
  const live: Partial<Record<RoundField, string>> = tried ? roundInput(form, today).problems : {};
  const msg = (k: RoundField) => (live[k] ? [live[k]!] : []);
  const sum = weightsSum(form.weights);

  async function submit() {
    const { problems: p, input } = roundInput(form, today);
    setTried(true);
    setProblems(p);
    if (!input) {
      toast('请按提示修改');
      return;
    }
    setBusy(true);
    try {
      const round = await evaluationApi.openEvaluationRound(input);
      toast('已开启年度考核', 'success');
      await Taro.redirectTo({ url: withQuery(PAGES.evaluationRound, { id: round.id }) });
    } catch (e) {
      setProblems({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='round-form'>
      <View className='form-card'>
        <View className='form-card__title'>考核年度与申报期限</View>
        <FieldRow label='考核年度' required messages={msg('year')} hint='考核该年度的服务、合同与兑现情况'>
          <TextInput id='r-year' type='number' unit='年' maxlength={4} value={form.year} onChange={(v) => set({ year: v })} />
        </FieldRow>
        <FieldRow label='名称' hint='选填，默认为“某年度开放单位绩效考核”'>
          <TextInput id='r-title' value={form.title} maxlength={60} placeholder={`${form.year}年度开放单位绩效考核`} onChange={(v) => set({ title: v })} />
        </FieldRow>
        <FieldRow label='申报截止日期' required plain messages={msg('deadline')} hint='截止当日24时前可申报'>
          <DateField id='r-deadline' value={form.deadline} start={today} onChange={(v) => set({ deadline: v })} />
        </FieldRow>
      </View>
      <View className='form-card'>
        <View className='form-card__title'>分类与补助上限（第十一条）</View>
        <FieldRow label='I类标准' required messages={msg('classThreshold')} hint='开放仪器设备原值达到此数为I类，以下为II类'>
          <TextInput id='r-threshold' type='digit' unit='元' value={form.classThresholdYuan} onChange={(v) => set({ classThresholdYuan: v })} />
        </FieldRow>
        {(['I', 'II'] as const).map((cls) =>
          (['excellent', 'good'] as const).map((g) => (
            <FieldRow key={`${cls}-${g}`} label={`${EVALUATION_CLASS_LABELS[cls]}${EVALUATION_GRADE_LABELS[g]}上限`} required>
              <TextInput
                id={`r-ceiling-${cls}-${g}`}
                type='digit'
                unit='元'
                value={form.ceilings[cls][g]}
                onChange={(v) => set({ ceilings: { ...form.ceilings, [cls]: { ...form.ceilings[cls], [g]: v } } })}
              />
            </FieldRow>
          )),
        )}
        {live.ceilings && <View className='field__message eval-note'>{live.ceilings}</View>}
        <View className='muted eval-note'>合格、不合格不予补助；第三方检测检验机构原则上不予补助。</View>
      </View>
      <View className='form-card'>
        <View className='form-card__title'>评分权重（合计 100）</View>
        {EVALUATION_CRITERIA.map((k) => (
          <FieldRow key={k} label={EVALUATION_CRITERION_LABELS[k]} required>
            <TextInput id={`r-weight-${k}`} type='number' unit='%' maxlength={3} value={form.weights[k]} onChange={(v) => set({ weights: { ...form.weights, [k]: v } })} />
          </FieldRow>
        ))}
        <View className={`eval-note ${sum === 100 ? 'muted' : 'field__message'}`} id='r-weights-sum'>
          当前合计 {sum}
          {live.weights ? `：${live.weights}` : ''}
        </View>
      </View>
      <View className='form-card'>
        <View className='form-card__title'>等级分数线（按专家平均分）</View>
        {(['excellent', 'good', 'pass'] as const).map((g) => (
          <FieldRow key={g} label={`${EVALUATION_GRADE_LABELS[g]}不低于`} required>
            <TextInput id={`r-grade-${g}`} type='digit' unit='分' maxlength={5} value={form.thresholds[g]} onChange={(v) => set({ thresholds: { ...form.thresholds, [g]: v } })} />
          </FieldRow>
        ))}
        {live.thresholds && <View className='field__message eval-note'>{live.thresholds}</View>}
        <View className='muted eval-note'>低于“合格”分数线为不合格。</View>
        <FieldRow label='每份申报的评审专家' required plain messages={msg('panelSize')} hint='与单位有关联的专家自动回避'>
          <Choice id='r-panel' value={form.panelSize} options={PANEL_SIZES} onChange={(v) => set({ panelSize: v })} />
        </FieldRow>
      </View>
      {problems.form && (
        <View className='card hint hint--danger' id='round-error'>
          {problems.form}
        </View>
      )}
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='round-submit' loading={busy} onClick={() => void submit()}>
          开启考核，通知开放单位申报
        </Button>
      </View>
      <View className='muted eval-note'>
        <Text>开启后各开放单位即可申报；截止后分配专家评分。</Text>
      </View>
    </View>
  );
}

/** 开启年度考核 (第十四条): year, deadline, class threshold and ceilings in yuan, weights, grade thresholds, panel size. */
export default function RoundFormPage() {
  return <AdminGate>{() => <OpenRound />}</AdminGate>;
}
