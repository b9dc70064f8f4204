import { Text, View } from '@tarojs/components';
import { EVALUATION_CLASS_LABELS, formatFen, type DeclarationFileView, type EvaluationClass } from '@kcq/shared';
import { toast } from '../../components/nav';
import { errorLine } from '../../services/errors';
import { formatBytes } from '../../logic/contracts';
import { figureCharts, formatHours } from '../../logic/evaluation';
import type { PrefilledFigures } from '../../services/evaluationTypes';
import FiguresChart from './FiguresChart';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../../staff/components/staff.scss';
import './evaluation.scss';

/** What to do next after a refusal, by error code (each refusal says the next step). */
const NEXT_STEP: Record<string, string> = {
  EVALUATION_ROUND_EXISTS: '同一年度只能开启一次绩效考核，请在列表中进入该年度。',
  EVALUATION_PHASE: '请刷新后按当前阶段办理：申报截止后才能分配专家，全部评分后才能拟定方案。',
  DECLARATION_CLOSED: '申报已截止，如有特殊情况请联系管理部门。',
  NO_DECLARATIONS: '截止时没有开放单位申报，本年度无需评审。',
  SCORES_INCOMPLETE: '请等待全部专家完成评分后再拟定支持方案。',
  SUBSIDY_ABOVE_CEILING: '补助金额只能在上限以内调低。',
  PANEL_UNAVAILABLE: '可回避的专家过多：请在专家库中增加专家，或减少每份申报的评审专家人数。',
};

export function refusal(e: unknown): string {
  const code = (e as { code?: string } | null)?.code ?? '';
  const line = errorLine(e);
  const next = NEXT_STEP[code];
  return next && !line.includes(next) ? `${line}。${next}`.replace('。。', '。') : line;
}

/** A label and its value, one row of a facts card. */
export function Fact({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='facts__row'>
      <Text className='facts__label'>{label}</Text>
      <Text className='facts__value' id={id}>
        {value}
      </Text>
    </View>
  );
}

/** The platform's figures for the year as the dashboard's bar charts, and the mean confirmation time. */
export function PrefilledCharts({ figures }: { figures: PrefilledFigures }) {
  return (
    <View id='prefilled-figures' data-year={figures.year}>
      {figureCharts(figures).map((c) => (
        <FiguresChart key={c.id} chart={c} />
      ))}
      <View className='muted eval-note'>
        以上数据由平台根据 {figures.year} 年度的服务、合同与兑现记录自动生成，不能修改
        {figures.averageConfirmationHours === null ? '' : `；平均确认用时 ${formatHours(figures.averageConfirmationHours)}`}。
      </View>
    </View>
  );
}

interface DeclaredLike {
  class: EvaluationClass;
  openedInstrumentValueFen: number;
  instrumentHours: number;
  sharedHours: number;
  opennessRules: string;
  serviceQuality: string;
  effect: string;
  thirdPartyAgency: boolean;
  files: DeclarationFileView[];
}

/** What the unit declared: its own figures, its statements and files (tap a file to open it). */
export function DeclaredFacts({ d, open }: { d: DeclaredLike; open: (f: DeclarationFileView) => Promise<void> }) {
  return (
    <>
      <View className='card facts' id='declared-figures'>
        <Fact label='开放仪器设备原值' value={formatFen(d.openedInstrumentValueFen)} id='declared-value' />
        <Fact label='考核类别' value={EVALUATION_CLASS_LABELS[d.class]} id='declared-class' />
        <Fact label='全年运行机时' value={`${d.instrumentHours} 小时`} />
        <Fact label='其中对外服务' value={`${d.sharedHours} 小时`} />
        <Fact label='第三方检测检验机构' value={d.thirdPartyAgency ? '是（原则上不予补助）' : '否'} />
      </View>
      <View className='section-title'>
        <Text>开放制度</Text>
      </View>
      <View className='card description' id='declared-rules'>
        {d.opennessRules}
      </View>
      <View className='section-title'>
        <Text>服务质量</Text>
      </View>
      <View className='card description' id='declared-quality'>
        {d.serviceQuality}
      </View>
      {d.effect && (
        <>
          <View className='section-title'>
            <Text>开放成效</Text>
          </View>
          <View className='card description'>{d.effect}</View>
        </>
      )}
      <View className='section-title'>
        <Text>证明材料</Text>
      </View>
      <View className='card facts' id='declared-files'>
        {d.files.length === 0 && <Text className='muted'>未附证明材料</Text>}
        {d.files.map((f) => (
          <View
            key={f.id}
            className='facts__row facts__row--tap declared-file'
            data-file-id={f.id}
            onClick={() => void open(f).catch((err: unknown) => toast(err instanceof Error ? err.message : errorLine(err)))}
          >
            <Text className='facts__label'>{f.filename}</Text>
            <Text className='facts__value eval-link'>{formatBytes(f.size)} 查看 ›</Text>
          </View>
        ))}
      </View>
    </>
  );
}
