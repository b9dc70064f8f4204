import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell, Progress } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { PeriodView } from '../../services/types';
import { claimedFen, drainedPercent } from '../../logic/drain';

const go = (url: string) => void Taro.navigateTo({ url });

/** 管理, the administrators' face of the role tab: the period in progress, the review queue, the tools. */
export default function AdminDesk({ round }: { round: number }) {
  const [state, setState] = useState<Remote<{ current: PeriodView | null; toReview: number }>>({ kind: 'loading' });

  async function load() {
    try {
      const [{ periods }, { redemptions }] = await Promise.all([api.periods(), api.adminRedemptions('submitted')]);
      const current = periods.find((p) => p.status === 'open' || p.status === 'sold_out') ?? periods.find((p) => p.status === 'upcoming') ?? null;
      setState({ kind: 'ready', data: { current, toReview: redemptions.length } });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => {
    void load();
  }, [round]);

  return (
    <View id='admin-desk'>
      <Loaded state={state} reload={() => void load()} rows={3} errorTitle='加载失败'>
        {({ current, toReview }) => (
          <>
            {current ? (
              <View className='card desk__period' id='desk-period' onClick={() => go(withQuery(PAGES.adminPeriod, { id: current.id }))}>
                <View className='muted'>{current.status === 'upcoming' ? '下一期' : '本期'}</View>
                <View className='desk__period-name'>{current.name}</View>
                <Progress percent={drainedPercent(current.quotaFen, current.remainingFen)} showText={false} strokeWidth='8' color='linear-gradient(90deg, #5b93ff 0%, #1456f0 100%)' background='#e8eefc' />
                <View className='desk__period-figures'>
                  <Text>已领取 {formatFen(claimedFen(current.quotaFen, current.remainingFen))}</Text>
                  <Text className='muted'>剩余 {formatFen(current.remainingFen)}</Text>
                </View>
              </View>
            ) : (
              <EmptyState title='没有开放或即将开放的周期' description='新建一个发放周期，设置开放时间与额度' action={{ text: '新建周期', onClick: () => go(PAGES.adminPeriodForm) }} />
            )}
            <View className='card desk__stats'>
              <View className='desk__stat' id='desk-review' onClick={() => go(PAGES.adminRedemptions)}>
                <Text className={`desk__figure ${toReview ? 'desk__figure--hot' : ''}`}>{toReview}</Text>
                <Text className='muted'>待审核兑现</Text>
              </View>
            </View>
          </>
        )}
      </Loaded>
      <Cell.Group className='desk__tools'>
        <Cell title='发放周期' description='新建、修改、提前结束，实时额度' clickable onClick={() => go(PAGES.adminPeriods)} extra={<Text className='desk__link'>进入 ›</Text>} />
        <Cell title='兑现审核' description='评审、现场核查、登记拨付' clickable onClick={() => go(PAGES.adminRedemptions)} extra={<Text className='desk__link'>进入 ›</Text>} />
        <Cell title='评审批次' description='组织专家评审、查看进度、作出结论' clickable onClick={() => go(PAGES.reviewRounds)} extra={<Text className='desk__link'>进入 ›</Text>} />
        {/* NutUI's Cell drops an id: the wrapper carries it (Cell.Group only numbers its direct Cells). */}
        <View id='admin-experts-entry'>
          <Cell title='专家库' description='添加、修改评审专家，发放专家邀请码' clickable onClick={() => go(PAGES.reviewExperts)} extra={<Text className='desk__link'>进入 ›</Text>} />
        </View>
        <Cell title='兑现公示' description='发布公示、处理异议' clickable onClick={() => go(PAGES.adminNotices)} extra={<Text className='desk__link'>进入 ›</Text>} />
        <Cell title='拨付批次' description='生成批次、导出明细、登记拨付' clickable onClick={() => go(PAGES.paymentBatches)} extra={<Text className='desk__link'>进入 ›</Text>} />
        {/* 第十六、十七、十八条: misconduct cases and spot checks (the supervision sub-package). */}
        <View id='admin-cases-entry'>
          <Cell title='违规案件' description='立案、作出处理决定、复核申诉' clickable onClick={() => go(PAGES.supervisionCases)} extra={<Text className='desk__link'>进入 ›</Text>} />
        </View>
        <View id='admin-checks-entry'>
          <Cell title='监督抽查' description='随机抽取兑现项目或开放单位，登记检查结果' clickable onClick={() => go(PAGES.spotChecks)} extra={<Text className='desk__link'>进入 ›</Text>} />
        </View>
        {/* 第六条 joining by application; 第十一、十四条 the yearly performance evaluation (sub-packages units, evaluation). */}
        <View id='admin-unit-applications-entry'>
          <Cell title='入库申请' description='审核开放单位申请：补充材料、通过公示、不予通过' clickable onClick={() => go(PAGES.adminUnitApplications)} extra={<Text className='desk__link'>进入 ›</Text>} />
        </View>
        <View id='admin-evaluation-entry'>
          <Cell title='绩效考核' description='开放单位年度考核：专家评分、现场核查、支持方案' clickable onClick={() => go(PAGES.evaluationRounds)} extra={<Text className='desk__link'>进入 ›</Text>} />
        </View>
        <Cell title='数据看板' description='各期领取、额度消耗、券状态分布' clickable onClick={() => go(PAGES.adminDashboard)} extra={<Text className='desk__link'>查看 ›</Text>} />
      </Cell.Group>
    </View>
  );
}
