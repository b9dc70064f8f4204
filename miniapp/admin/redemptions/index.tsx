import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Tabs, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import AdminGate from '../components/AdminGate';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { formatBeijing } from '../../logic/clock';
import { REDEMPTION_STATUS_LABELS } from '../../logic/contracts';
import type { NamedRedemption, RedemptionStatus } from '../../services/types';
import '../components/admin.scss';

const FILTERS: { value: string; title: string; status?: RedemptionStatus }[] = [
  { value: 'submitted', title: '待评审', status: 'submitted' },
  { value: 'site_visit', title: '现场核查', status: 'site_visit' },
  { value: 'approved', title: '待拨付', status: 'approved' },
  { value: 'all', title: '全部' },
];

function Queue() {
  const [filter, setFilter] = useState('submitted');
  const [state, setState] = useState<Remote<NamedRedemption[]>>({ kind: 'loading' });

  async function load(f = filter) {
    setState({ kind: 'loading' });
    try {
      const { redemptions } = await api.adminRedemptions(FILTERS.find((x) => x.value === f)?.status);
      setState({ kind: 'ready', data: redemptions });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  // Mounted after the gate's check (the page's first show has passed): load now, and again on each return.
  useEffect(() => {
    void load();
  }, []);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className='page' id='admin-redemptions' data-filter={filter}>
      <View className='admin-hero'>
        <View className='admin-hero__title'>兑现审核队列</View>
        <View className='admin-hero__sub'>先到先审；可安排现场核查或答辩，通过后按季度确定拨付年度（第十五条4、5）</View>
      </View>
      <Tabs
        value={filter}
        onChange={(v) => {
          setFilter(String(v));
          void load(String(v));
        }}
      >
        {FILTERS.map((f) => (
          <Tabs.TabPane key={f.value} title={f.title} value={f.value} />
        ))}
      </Tabs>
      <Loaded state={state} reload={() => void load()} rows={4} errorTitle='加载失败'>
        {(items) => (
          <>
            {items.length === 0 && <EmptyState size='small' title='队列为空' description='开放单位提交的兑现申请会出现在这里' />}
            {items.map((r) => (
              <View
                key={r.id}
                className='card link-card redemption-row'
                data-redemption-id={r.id}
                data-status={r.status}
                onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.adminRedemption, { id: r.id, contract: r.contractId }) })}
              >
                <View className='link-card__main'>
                  <View className='link-card__title redemption-row__applicant'>{r.applicantName ?? '申领单位'}</View>
                  <View className='link-card__sub'>
                    {r.projectTitle ?? ''}
                    {r.unitName ? ` · ${r.unitName}` : ''}
                  </View>
                  <View className='link-card__sub'>应兑付 {formatFen(r.payableFen)}</View>
                  <View className='link-card__sub'>
                    实际金额 {formatFen(r.actualAmountFen)} · 材料 {r.evidence.length} 份
                  </View>
                  <View className='link-card__sub'>提交于 {formatBeijing(r.submittedAt)}</View>
                </View>
                <Tag type={r.status === 'rejected' ? 'danger' : r.status === 'submitted' || r.status === 'site_visit' ? 'warning' : 'success'} round>
                  {REDEMPTION_STATUS_LABELS[r.status]}
                </Tag>
              </View>
            ))}
          </>
        )}
      </Loaded>
    </View>
  );
}

/** The review queue (GET /api/admin/redemptions), by status. */
export default function AdminRedemptions() {
  return <AdminGate>{() => <Queue />}</AdminGate>;
}
