import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import StaffGate from '../../staff/components/StaffGate';
import { evaluationApi } from '../../services/evaluationApi';
import { formatBeijing } from '../../logic/clock';
import { dayLabel } from '../../components/DateField';
import { formatScore } from '../../logic/evaluation';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../components/evaluation.scss';

/** 绩效考核 for the unit's staff: each year's round, whether the unit declared, and its result once known. */
function UnitEvaluations({ unitId, unitName }: { unitId: string; unitName: string }) {
  const { state, reload } = useRemote(() => evaluationApi.unitEvaluations(unitId), unitId);
  return (
    <View className='page' id='unit-evaluations'>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>绩效考核</View>
          <View className='admin-hero__sub'>{unitName}：每年按第十一条对开放单位进行考核，平台自动汇总服务与兑现数据，本单位补充运行情况后在线申报</View>
        </View>
      </View>
      <Loaded state={state} reload={reload} rows={3} errorTitle='加载失败'>
        {({ rounds }) => (
          <>
            {rounds.length === 0 && <EmptyState title='暂无绩效考核' description='管理部门开启年度考核后，会在这里和消息中心通知您申报' />}
            {rounds.map(({ round, declaration }) => (
              <View
                key={round.id}
                className='card link-card eval-round-row'
                data-round-id={round.id}
                data-declared={declaration ? 'yes' : 'no'}
                onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.evaluationDeclare, { round: round.id }) })}
              >
                <View className='link-card__main'>
                  <View className='link-card__title'>{round.title}</View>
                  <View className='link-card__sub'>
                    {round.phaseLabel} · 申报截止 {dayLabel(round.declarationDeadline)}
                  </View>
                  <View className='link-card__sub'>
                    {declaration ? `已于 ${formatBeijing(declaration.submittedAt)} 提交申报` : round.phase === 'declaring' ? '尚未申报' : '未申报'}
                    {declaration?.gradeLabel ? ` · 考核结果 ${declaration.gradeLabel}` : ''}
                    {declaration?.meanScore != null ? `（${formatScore(declaration.meanScore)} 分）` : ''}
                  </View>
                </View>
                <Text className='eval-link'>{round.phase === 'declaring' ? (declaration ? '修改 ›' : '去申报 ›') : '查看 ›'}</Text>
              </View>
            ))}
            <View className='muted eval-note'>考核结果为优秀、良好的开放单位，按类别获得补助（I类最高 {formatFen(100_000_000)}）；第三方检测检验机构原则上不予补助。</View>
          </>
        )}
      </Loaded>
    </View>
  );
}

export default function UnitEvaluationsPage() {
  return <StaffGate>{(me) => <UnitEvaluations unitId={me.openUnit.id} unitName={me.openUnit.name} />}</StaffGate>;
}
