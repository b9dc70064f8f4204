import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../components/AdminGate';
import { ContractFacts, RedemptionFacts } from '../../components/Contract';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { formatBytes } from '../../logic/contracts';
import type { ContractView, NamedRedemption, RedemptionView } from '../../services/types';
import '../components/admin.scss';

async function load(contractId: string): Promise<{ c: ContractView; r: RedemptionView }> {
  const [c, r] = await Promise.all([api.contract(contractId), api.redemptionOf(contractId)]);
  return { c, r };
}

function Review({ c, initial }: { c: ContractView; initial: NamedRedemption }) {
  // Decisions are made in review rounds now (第十五条4; review/item): this screen reads the application.
  const r = initial;
  return (
    <View className='page' id='admin-redemption' data-redemption-id={r.id} data-status={r.status}>
      <View className='card detail-head'>
        <View className='detail-head__sub' id='redemption-applicant'>
          {r.applicantName ? `申领单位：${r.applicantName}` : '兑现申请'}
        </View>
        <View className='detail-head__title'>{c.project.title}</View>
        <View className='detail-head__notice'>开放单位：{c.unitName}</View>
      </View>
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
      <ContractFacts c={c} redemption={r} />


      {(r.status === 'submitted' || r.status === 'under_review' || r.status === 'site_visit') && (
        <View className='card hint' id='review-by-round'>
          <Text>
            {r.status === 'submitted'
              ? '兑现申请由专家评审（第十五条4）：在“评审批次”中组织评审，专家意见汇总后由管理部门作出结论。'
              : '本申请正在专家评审中，可在“评审批次”中查看专家意见、安排现场调研或答辩会并作出结论。'}
          </Text>
        </View>
      )}
      {(r.status === 'submitted' || r.status === 'under_review' || r.status === 'site_visit') && (
        <Button type='primary' block id='go-rounds' onClick={() => void Taro.navigateTo({ url: PAGES.reviewRounds })}>
          前往评审批次
        </Button>
      )}
      <View className='text-link text-link--center' onClick={() => void Taro.navigateBack()}>
        返回审核队列
      </View>
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

/** One redemption application: facts, report, evidence; the review itself is in review rounds (review/). */
export default function AdminRedemption() {
  const contractId = useRouter().params.contract ?? '';
  return <AdminGate>{() => <Loader contractId={contractId} />}</AdminGate>;
}
