import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVALUATION_CRITERIA, EVALUATION_CRITERION_LABELS, EVALUATION_GRADE_LABELS, type EvaluationGrade } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import { Choice, FieldRow, TextBox, YesNo } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { useConfirm } from '../../components/Confirm';
import { evaluationApi } from '../../services/evaluationApi';
import type { DeclarationView } from '../../services/evaluationTypes';
import { formatBeijing } from '../../logic/clock';
import { formatScore, GRADE_OPTIONS, SITE_CHECK_REASON_LABELS, SITE_CHECK_RESULT_LABELS } from '../../logic/evaluation';
import { DeclaredFacts, PrefilledCharts, refusal } from '../components/common';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../components/evaluation.scss';

const RESULT_OPTIONS = (['confirmed', 'issues_found'] as const).map((code) => ({ code, label: SITE_CHECK_RESULT_LABELS[code] }));

function Panel({ d }: { d: DeclarationView }) {
  return (
    <View className='form-card' id='declaration-panel'>
      <View className='form-card__title'>专家评分</View>
      {(d.panel ?? []).map((m) => (
        <View key={m.expertId} className='review-row eval-panel-row' data-expert-id={m.expertId} data-scored={m.scores ? 'yes' : 'no'}>
          <View className='review-row__main'>
            <View>
              {m.name}
              {m.doubtful ? '（存疑）' : ''}
            </View>
            {m.scores ? (
              <>
                <View className='review-row__sub'>{EVALUATION_CRITERIA.map((c) => `${EVALUATION_CRITERION_LABELS[c]} ${m.scores![c]}`).join('，')}</View>
                {m.comment && <View className='review-row__sub'>意见：{m.comment}</View>}
              </>
            ) : (
              <View className='review-row__sub'>尚未评分</View>
            )}
          </View>
          <Text className='review-tag'>{m.weighted !== null ? `${formatScore(m.weighted)} 分` : '待评分'}</Text>
        </View>
      ))}
      {(d.excluded ?? []).length > 0 && (
        <View className='muted' id='declaration-excluded'>
          回避：{(d.excluded ?? []).map((x) => `${x.name}（${x.reasons.join('、')}）`).join('；')}
        </View>
      )}
      <View className='eval-preview' id='declaration-result' data-grade={d.grade ?? ''}>
        {d.meanScore !== null ? (
          <>
            平均分 <Text className='eval-big'>{formatScore(d.meanScore)}</Text>，按分数线为「{d.scoredGrade ? EVALUATION_GRADE_LABELS[d.scoredGrade] : '—'}」
            {d.adjustment && (
              <View>
                已调整为「{EVALUATION_GRADE_LABELS[d.adjustment.to]}」：{d.adjustment.reason}（{formatBeijing(d.adjustment.at)}）
              </View>
            )}
          </>
        ) : (
          '全部专家评分后显示平均分和等级'
        )}
      </View>
    </View>
  );
}

function Declaration({ d, setD }: { d: DeclarationView; setD: (d: DeclarationView) => void }) {
  const [result, setResult] = useState('');
  const [summary, setSummary] = useState('');
  const [grade, setGrade] = useState<string>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ result?: string; summary?: string; grade?: string; reason?: string; form?: string }>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [agency, setAgency] = useState(d.thirdPartyAgency);
  const [agencyReason, setAgencyReason] = useState('');
  const [agencyError, setAgencyError] = useState('');
  const [confirmDialog, ask] = useConfirm();

  async function markAgency() {
    if (agency === d.thirdPartyAgency) {
      setAgencyError(`当前已认定为${agency ? '' : '非'}第三方检测检验机构`);
      return;
    }
    if (!agencyReason.trim()) {
      setAgencyError('请写明更正认定的理由');
      return;
    }
    setAgencyError('');
    const ok = await ask({
      title: '更正机构认定？',
      lines: [
        `${d.unitName}：认定为${agency ? '' : '非'}第三方检测检验机构。`,
        agency ? '第三方检测检验服务机构原则上不予补助（第十一条），其补助将为 0。' : '其补助按类别和等级的上限拟定。',
        `理由：${agencyReason.trim()}`,
      ],
      confirmText: '更正认定',
      danger: agency,
    });
    if (!ok) return;
    setBusy('agency');
    try {
      setD(await evaluationApi.markAgency(d.id, agency, agencyReason.trim()));
      toast('已更正认定', 'success');
      setAgencyReason('');
    } catch (e) {
      setAgencyError(refusal(e));
    } finally {
      setBusy(null);
    }
  }

  async function record() {
    const next: typeof errors = {};
    if (!result) next.result = '请选择核查结果';
    if (!summary.trim()) next.summary = '请简述现场核查情况';
    setErrors(next);
    if (next.result || next.summary) return;
    setBusy('check');
    try {
      setD(await evaluationApi.recordSiteCheck(d.id, { result: result as 'confirmed' | 'issues_found', summary: summary.trim() }));
      toast('已登记核查结果', 'success');
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(null);
    }
  }

  async function adjust() {
    const next: typeof errors = {};
    if (!grade) next.grade = '请选择调整后的等级';
    else if (grade === d.grade) next.grade = `当前已是「${EVALUATION_GRADE_LABELS[grade as EvaluationGrade]}」`;
    if (!reason.trim()) next.reason = '请写明调整等级的理由，如现场核查发现的问题';
    setErrors(next);
    if (next.grade || next.reason) return;
    const to = EVALUATION_GRADE_LABELS[grade as EvaluationGrade];
    const ok = await ask({
      title: '调整考核等级？',
      lines: [`${d.unitName}：由「${d.gradeLabel ?? '未定级'}」调整为「${to}」。`, `理由：${reason.trim()}`, '等级决定补助上限，调整会记入考核记录。'],
      confirmText: `调整为${to}`,
      danger: false,
    });
    if (!ok) return;
    setBusy('grade');
    try {
      setD(await evaluationApi.adjustGrade(d.id, { grade: grade as EvaluationGrade, reason: reason.trim() }));
      toast('等级已调整', 'success');
      setReason('');
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className='page' id='evaluation-declaration' data-declaration-id={d.id} data-grade={d.grade ?? ''}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>{d.year} 年度绩效考核</View>
        <View className='detail-head__title'>{d.unitName}</View>
        <View className='detail-head__notice'>申报于 {formatBeijing(d.submittedAt)}</View>
      </View>
      <Panel d={d} />
      {d.siteCheck && (
        <View className='form-card' id='site-check' data-reason={d.siteCheck.reason} data-result={d.siteCheck.outcome?.result ?? ''}>
          <View className='form-card__title'>现场核查（{SITE_CHECK_REASON_LABELS[d.siteCheck.reason]}）</View>
          {d.siteCheck.outcome ? (
            <View className='muted' id='site-check-outcome'>
              {SITE_CHECK_RESULT_LABELS[d.siteCheck.outcome.result]}：{d.siteCheck.outcome.summary}（{formatBeijing(d.siteCheck.outcome.at)}）
            </View>
          ) : (
            <>
              <FieldRow label='核查结果' required plain messages={errors.result ? [errors.result] : []}>
                <Choice id='check-result' value={result} options={RESULT_OPTIONS} onChange={setResult} />
              </FieldRow>
              <FieldRow label='核查情况' required stacked messages={errors.summary ? [errors.summary] : []} hint='核查时间、人员、核实的内容与发现'>
                <TextBox id='check-summary' value={summary} onChange={setSummary} />
              </FieldRow>
              <View className='review-actions'>
                <Button type='primary' block id='record-check' loading={busy === 'check'} onClick={() => void record()}>
                  登记核查结果
                </Button>
              </View>
            </>
          )}
        </View>
      )}
      {d.meanScore !== null && (
        <View className='form-card' id='grade-adjust'>
          <View className='form-card__title'>调整等级</View>
          <View className='muted'>现场核查或其他核实情况与评分不符时，可调整等级并写明理由。</View>
          <FieldRow label='调整为' required plain messages={errors.grade ? [errors.grade] : []}>
            <Choice id='adjust-grade' value={grade} options={GRADE_OPTIONS} onChange={setGrade} />
          </FieldRow>
          <FieldRow label='理由' required stacked messages={errors.reason ? [errors.reason] : []}>
            <TextBox id='adjust-reason' value={reason} onChange={setReason} />
          </FieldRow>
          <View className='review-actions'>
            <Button block fill='outline' id='adjust-submit' loading={busy === 'grade'} onClick={() => void adjust()}>
              调整等级
            </Button>
          </View>
        </View>
      )}
      {d.panel !== null && (
        <View className='form-card' id='agency-mark' data-agency={String(d.thirdPartyAgency)}>
          <View className='form-card__title'>第三方检测检验机构认定</View>
          <View className='muted'>单位申报为{d.thirdPartyAgency ? '' : '非'}第三方检测检验机构；核实不符的，可更正并写明理由（第十一条）。</View>
          <FieldRow label='第三方检测检验机构' plain>
            <YesNo id='agency-value' value={agency} onChange={setAgency} />
          </FieldRow>
          <FieldRow label='理由' required stacked messages={agencyError ? [agencyError] : []}>
            <TextBox id='agency-reason' value={agencyReason} onChange={setAgencyReason} />
          </FieldRow>
          <View className='review-actions'>
            <Button block fill='outline' id='agency-submit' loading={busy === 'agency'} onClick={() => void markAgency()}>
              更正认定
            </Button>
          </View>
        </View>
      )}
      {errors.form && (
        <View className='card hint hint--danger' id='declaration-error'>
          {errors.form}
        </View>
      )}
      <View className='section-title'>
        <Text>{d.prefilled.year} 年度平台数据</Text>
      </View>
      <PrefilledCharts figures={d.prefilled} />
      <View className='section-title'>
        <Text>单位申报</Text>
      </View>
      <DeclaredFacts d={d} open={(f) => evaluationApi.openDeclarationFile(d.unitId, d.roundId, f)} />
      {confirmDialog}
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const [state, setState] = useState<Remote<DeclarationView>>({ kind: 'loading' });
  async function load() {
    try {
      setState({ kind: 'ready', data: await evaluationApi.adminDeclaration(id) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), [id]);
  return (
    <Loaded state={state} reload={() => void load()} page>
      {(d) => <Declaration d={d} setD={(x) => setState({ kind: 'ready', data: x })} />}
    </Loaded>
  );
}

/** One declaration (administrators): the experts' scores, recusal, the mean and grade, the site check, a grade adjustment. */
export default function EvaluationDeclaration() {
  const id = useRouter().params.id ?? '';
  return <AdminGate>{() => <Loader id={id} />}</AdminGate>;
}
