import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVALUATION_CLASS_LABELS, EVALUATION_GRADE_LABELS, formatFen } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import { FieldRow, TextInput } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast, withQuery } from '../../components/nav';
import { dayLabel } from '../../components/DateField';
import { useConfirm } from '../../components/Confirm';
import { evaluationApi } from '../../services/evaluationApi';
import type { DeclarationView, EvaluationRoundView } from '../../services/evaluationTypes';
import { criteriaRows, drawPercent, formatScore, SITE_CHECK_REASON_LABELS, SITE_CHECK_RESULT_LABELS } from '../../logic/evaluation';
import { Fact, refusal } from '../components/common';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../components/evaluation.scss';

function progress(d: DeclarationView): string {
  if (!d.panel) return '待分配专家';
  const scored = d.panel.filter((m) => m.scores !== null).length;
  return `评分 ${scored}/${d.panel.length}`;
}

function DeclarationRow({ d }: { d: DeclarationView }) {
  return (
    <View
      className='review-row facts__row--tap eval-declaration-row'
      data-declaration-id={d.id}
      data-grade={d.grade ?? ''}
      data-site-check={d.siteCheck ? d.siteCheck.reason : ''}
      onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.evaluationDeclaration, { id: d.id }) })}
    >
      <View className='review-row__main'>
        <View>{d.unitName}</View>
        <View className='review-row__sub'>
          {EVALUATION_CLASS_LABELS[d.class]} · 原值 {formatFen(d.openedInstrumentValueFen)}
        </View>
        <View className='review-row__sub'>
          {progress(d)}
          {d.meanScore !== null ? ` · 平均 ${formatScore(d.meanScore)} 分` : ''}
        </View>
        {(d.doubtful || d.siteCheck) && (
          <View className='review-row__sub'>
            {d.doubtful ? '有专家存疑' : ''}
            {d.siteCheck ? `${d.doubtful ? ' · ' : ''}现场核查（${SITE_CHECK_REASON_LABELS[d.siteCheck.reason]}）${d.siteCheck.outcome ? `：${SITE_CHECK_RESULT_LABELS[d.siteCheck.outcome.result]}` : '：待登记'}` : ''}
          </View>
        )}
      </View>
      <Text className={`eval-grade ${d.grade ? `eval-grade--${d.grade}` : ''}`}>{d.gradeLabel ?? '未定级'} ›</Text>
    </View>
  );
}

type Answer = { round: EvaluationRoundView; declarations: DeclarationView[] };

function Round({ data, setData, reload }: { data: Answer; setData: (a: Answer) => void; reload: () => void }) {
  const [percent, setPercent] = useState('20');
  const [seed, setSeed] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const { round, declarations } = data;
  const allScored = declarations.length > 0 && declarations.every((d) => d.meanScore !== null);

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

  const assign = () =>
    run('assign', async () => {
      const ok = await ask({
        title: '分配评审专家？',
        lines: [`为 ${declarations.length} 份申报各分配 ${round.panelSize} 名专家，与单位有关联的专家自动回避。`, '分配后专家会收到评分任务，申报不能再修改。'],
        confirmText: '分配专家',
        danger: false,
      });
      if (!ok) return;
      setData(await evaluationApi.assignPanels(round.id));
      toast('已分配专家', 'success');
    });

  const draw = () =>
    run('draw', async () => {
      const p = drawPercent(percent);
      if (p === null) {
        setError('请填写抽查比例，1 至 100 的整数');
        return;
      }
      const s = seed.trim() ? Number(seed.trim()) : undefined;
      if (s !== undefined && !Number.isSafeInteger(s)) {
        setError('复现编号应为整数');
        return;
      }
      setData(await evaluationApi.drawSiteChecks(round.id, { percent: p, ...(s !== undefined ? { seed: s } : {}) }));
      toast('已抽取现场核查单位', 'success');
    });

  const plan = () =>
    run('plan', async () => {
      await evaluationApi.drawSupportPlan(round.id);
      await Taro.navigateTo({ url: withQuery(PAGES.evaluationPlan, { id: round.id }) });
    });

  const drawn = round.siteCheckDraw;
  const nameOf = (id: string) => declarations.find((d) => d.id === id || d.unitId === id)?.unitName ?? '开放单位';
  return (
    <View className='page' id='evaluation-round' data-round-id={round.id} data-phase={round.phase}>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>{round.title}</View>
          <View className='admin-hero__sub' id='round-phase'>
            {round.phaseLabel} · 申报截止 {dayLabel(round.declarationDeadline)}
          </View>
        </View>
      </View>
      <View className='card facts' id='round-rules'>
        <Fact label='I类标准（仪器原值）' value={`达到 ${formatFen(round.classThresholdFen)}`} />
        <Fact label='I类补助上限' value={`优秀 ${formatFen(round.ceilingsFen.I.excellent)} / 良好 ${formatFen(round.ceilingsFen.I.good)}`} />
        <Fact label='II类补助上限' value={`优秀 ${formatFen(round.ceilingsFen.II.excellent)} / 良好 ${formatFen(round.ceilingsFen.II.good)}`} />
        <Fact
          label='等级分数线'
          value={`${EVALUATION_GRADE_LABELS.excellent} ≥ ${round.gradeThresholds.excellent}，${EVALUATION_GRADE_LABELS.good} ≥ ${round.gradeThresholds.good}，${EVALUATION_GRADE_LABELS.pass} ≥ ${round.gradeThresholds.pass}`}
        />
        <Fact label='每份申报专家' value={`${round.panelSize} 人`} />
      </View>
      <View className='eval-weights' id='round-weights'>
        {criteriaRows(round.weights).map((r) => (
          <Text key={r.key}>
            {r.label} {r.weight}%
          </Text>
        ))}
      </View>

      <View className='section-title'>
        <Text>单位申报</Text>
        <Text className='muted'>{declarations.length} 家</Text>
      </View>
      <View className='form-card' id='round-declarations' data-count={declarations.length}>
        {declarations.length === 0 && <EmptyState size='small' title='还没有单位申报' description={`申报截止日为 ${dayLabel(round.declarationDeadline)}，开放单位在“工作台”中申报`} />}
        {declarations.map((d) => (
          <DeclarationRow key={d.id} d={d} />
        ))}
      </View>

      {round.phase === 'declaring' && <View className='card hint'>申报截止后可分配评审专家。</View>}
      {round.phase === 'closed' && (
        <View className='review-actions'>
          <Button type='primary' block id='assign-panels' loading={busy === 'assign'} disabled={declarations.length === 0} onClick={() => void assign()}>
            分配评审专家（每份 {round.panelSize} 人）
          </Button>
        </View>
      )}

      {(round.phase === 'scoring' || round.phase === 'planned') && (
        <View className='form-card' id='site-check-draw'>
          <View className='form-card__title'>现场核查抽取（第十四条）</View>
          <View className='muted'>专家存疑的单位全部核查，其余按比例随机抽取；记录复现编号，可重新得到同样结果。</View>
          {drawn && (
            <View className='review-row' id='site-check-drawn' data-seed={drawn.seed}>
              <View className='review-row__main'>
                <View>
                  已抽取：存疑 {drawn.doubtful.length} 家，随机 {drawn.random.length} 家（比例 {drawn.percent}%）
                </View>
                <View className='review-row__sub'>
                  复现编号 <Text id='site-check-seed'>{drawn.seed}</Text>
                </View>
                <View className='review-row__sub'>{[...drawn.doubtful, ...drawn.random].map(nameOf).join('、') || '无'}</View>
              </View>
            </View>
          )}
          <FieldRow label='随机抽查比例' required>
            <TextInput id='draw-percent' type='number' unit='%' maxlength={3} value={percent} onChange={setPercent} />
          </FieldRow>
          <FieldRow label='复现编号' hint='选填：填写上次的编号可复现同一结果'>
            <TextInput id='draw-seed' type='number' maxlength={12} value={seed} onChange={setSeed} />
          </FieldRow>
          <View className='review-actions'>
            <Button block fill='outline' id='draw-site-checks' loading={busy === 'draw'} onClick={() => void draw()}>
              {drawn ? '重新抽取' : '抽取现场核查单位'}
            </Button>
          </View>
        </View>
      )}

      {error && (
        <View className='card hint hint--danger' id='round-error'>
          {error}
        </View>
      )}

      {(round.phase === 'scoring' || round.phase === 'planned') && (
        <View className='review-actions'>
          <Button type='primary' block id='draw-plan' loading={busy === 'plan'} disabled={!allScored} onClick={() => void plan()}>
            {round.phase === 'planned' ? '重新拟定支持方案' : allScored ? '拟定支持方案' : '全部评分完成后可拟定支持方案'}
          </Button>
        </View>
      )}
      {(round.phase === 'planned' || round.phase === 'in_notice' || round.phase === 'paid') && (
        <View className='review-actions'>
          <Button block fill='outline' id='open-plan' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.evaluationPlan, { id: round.id }) })}>
            查看支持方案{round.notice ? '与公示' : ''}
          </Button>
        </View>
      )}
      <View className='text-link text-link--center' onClick={reload}>
        刷新
      </View>
      {confirmDialog}
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const [state, setState] = useState<Remote<Answer>>({ kind: 'loading' });
  async function load() {
    try {
      setState({ kind: 'ready', data: await evaluationApi.evaluationRound(id) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), [id]);
  // Back from a declaration (a site check recorded, a grade adjusted): read the round again.
  useDidShow(() => void load());
  return (
    <Loaded state={state} reload={() => void load()} page>
      {(data) => <Round data={data} setData={(d) => setState({ kind: 'ready', data: d })} reload={() => void load()} />}
    </Loaded>
  );
}

/** One evaluation round (administrators): rules, declarations with scores and grades, experts, site checks, the plan. */
export default function EvaluationRound() {
  const id = useRouter().params.id ?? '';
  return <AdminGate>{() => <Loader id={id} />}</AdminGate>;
}
