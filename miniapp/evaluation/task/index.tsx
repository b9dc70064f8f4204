import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVALUATION_CLASS_LABELS, type EvaluationCriterion } from '@kcq/shared';
import { FieldRow, TextBox, YesNo } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { evaluationApi } from '../../services/evaluationApi';
import type { EvaluationAssignmentView } from '../../services/evaluationTypes';
import { formatBeijing } from '../../logic/clock';
import { criteriaRows, formatScore, scoreForm, scoreInput, scorePreview, type ScoreForm } from '../../logic/evaluation';
import { ExpertGate } from '../../review/components/review';
import { DeclaredFacts, PrefilledCharts, refusal } from '../components/common';

function Task({ initial }: { initial: EvaluationAssignmentView }) {
  const [a, setA] = useState(initial);
  const [scores, setScores] = useState<ScoreForm>(() => scoreForm(initial.myScore?.scores ?? null));
  const [comment, setComment] = useState(initial.myScore?.comment ?? '');
  const [doubtful, setDoubtful] = useState(initial.myScore?.doubtful ?? false);
  const [problems, setProblems] = useState<Partial<Record<EvaluationCriterion | 'comment' | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const d = a.declaration;
  const rows = criteriaRows(a.weights);
  const [tried, setTried] = useState(false);
  const live: Partial<Record<EvaluationCriterion | 'comment', string>> = tried ? scoreInput(scores, comment, doubtful).problems : {};
  // The round's grade thresholds are not on the assignment: the preview uses the scheme's defaults and says so.
  const preview = scorePreview(scores, a.weights, a.gradeThresholds);

  async function submit() {
    const { problems: p, input } = scoreInput(scores, comment, doubtful);
    setTried(true);
    setProblems(p);
    if (!input) {
      toast('请按提示补全评分');
      return;
    }
    setBusy(true);
    try {
      setA(await evaluationApi.scoreDeclaration(a.id, input));
      toast(a.myScore ? '评分已修改' : '评分已提交', 'success');
    } catch (e) {
      setProblems({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='evaluation-task' data-assignment-id={a.id} data-scored={a.myScore ? 'yes' : 'no'}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>{a.year} 年度开放单位绩效考核</View>
        <View className='detail-head__title'>{d.unitName}</View>
        <View className='detail-head__notice'>
          {EVALUATION_CLASS_LABELS[d.class]} · 申报于 {formatBeijing(d.submittedAt)}
        </View>
      </View>
      <View className='section-title'>
        <Text>{d.prefilled.year} 年度平台数据</Text>
      </View>
      <PrefilledCharts figures={d.prefilled} />
      <View className='section-title'>
        <Text>单位申报</Text>
      </View>
      <DeclaredFacts d={d} open={(f) => evaluationApi.openAssignmentFile(a.id, f)} />

      <View className='form-card' id='score-form'>
        <View className='form-card__title'>评分（第十一条，每项 0 至 100 分）</View>
        {a.myScore && (
          <View className='muted' id='score-given'>
            已于 {formatBeijing(a.myScore.at)} 提交，加权得分 {formatScore(a.myScore.weighted)}；支持方案拟定前可修改
          </View>
        )}
        {rows.map((r) => (
          <View key={r.key} className={`eval-score ${live[r.key] ? 'field--error' : ''}`} data-criterion={r.key}>
            <Text className='eval-score__label'>
              {r.label}
              <Text className='eval-score__weight'>权重 {r.weight}%</Text>
              {live[r.key] && <Text className='field__message'>{live[r.key]}</Text>}
            </Text>
            <View className='field__input-wrap eval-score__input'>
              <Input
                id={`score-${r.key}`}
                className='field__input'
                type='number'
                maxlength={3}
                value={scores[r.key]}
                placeholder='0-100'
                placeholderClass='field__placeholder'
                onInput={(e) => {
                  const v = e.detail.value;
                  setScores((s) => ({ ...s, [r.key]: v }));
                }}
              />
              <Text className='field__unit'>分</Text>
            </View>
          </View>
        ))}
        <View className='eval-preview' id='score-preview'>
          {preview ? (
            <>
              加权得分 <Text className='eval-big'>{formatScore(preview.weighted)}</Text> 分，单看本人评分按本轮分数线约为「{preview.gradeLabel}」
              <View className='muted'>考核等级按全部专家加权得分的平均分确定</View>
            </>
          ) : (
            '六项都打分后，这里显示按权重计算的加权得分'
          )}
        </View>
        <FieldRow label='存疑，建议现场核查' plain hint='存疑的申报会优先安排现场核查（第十四条）'>
          <YesNo id='score-doubtful' value={doubtful} onChange={setDoubtful} />
        </FieldRow>
        <FieldRow label='评审意见' required stacked messages={live.comment ? [live.comment] : []} hint={doubtful ? '写明需要现场核实的内容' : '主要优点与不足'}>
          <TextBox id='score-comment' value={comment} maxlength={2000} onChange={setComment} />
        </FieldRow>
      </View>
      {problems.form && (
        <View className='card hint hint--danger' id='score-error'>
          {problems.form}
        </View>
      )}
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='score-submit' loading={busy} onClick={() => void submit()}>
          {a.myScore ? '修改评分' : '提交评分'}
        </Button>
      </View>
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const { state, reload } = useRemote(() => evaluationApi.evaluationAssignment(id), id);
  return (
    <Loaded state={state} reload={reload} page>
      {(a) => <Task initial={a} />}
    </Loaded>
  );
}

/** An expert scores one unit's declaration on 第十一条's six criteria (weights shown), with its figures and files. */
export default function EvaluationTask() {
  const id = useRouter().params.id ?? '';
  return <ExpertGate>{() => <Loader id={id} />}</ExpertGate>;
}
