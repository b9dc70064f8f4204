import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { UNIT_APPLICATION_STATUS_LABELS, formatFen, type UnitApplicationStatus } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import { Choice } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { evaluationApi } from '../../services/evaluationApi';
import { formatBeijing } from '../../logic/clock';
import { STATUS_TAG } from '../components';

const FILTERS = [
  { code: 'submitted', label: '待审核' },
  { code: 'info_requested', label: UNIT_APPLICATION_STATUS_LABELS.info_requested },
  { code: 'in_notice', label: '公示中' },
  { code: '', label: '全部' },
];

function Applications() {
  const [status, setStatus] = useState<string>('submitted');
  const { state, reload } = useRemote(() => evaluationApi.adminUnitApplications(status || undefined), status);
  useDidShow(reload);
  return (
    <View className='page' id='admin-unit-applications'>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>开放单位入库申请</View>
          <View className='admin-hero__sub'>按第六条的六项条件审核；通过后公示 5 个工作日，期满无异议的纳入开放单位名录</View>
        </View>
      </View>
      <Choice id='applications-filter' value={status} options={FILTERS} onChange={setStatus} />
      <Loaded state={state} reload={reload} rows={3} errorTitle='加载失败'>
        {({ applications }) => (
          <View id='applications' data-count={applications.length}>
            {applications.length === 0 && <EmptyState size='small' title='没有此状态的申请' description='单位提交申请后会在这里和消息中心提醒您' />}
            {applications.map((a) => (
              <View
                key={a.id}
                className='card link-card admin-application-row'
                data-application-id={a.id}
                data-status={a.status}
                onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.adminUnitApplication, { id: a.id }) })}
              >
                <View className='link-card__main'>
                  <View className='link-card__title'>{a.name}</View>
                  <View className='link-card__sub'>
                    {a.district} · 仪器 {a.instruments.length} 台（套），原值 {formatFen(a.totalOriginalValueFen)}
                  </View>
                  <View className='link-card__sub'>提交于 {formatBeijing(a.submittedAt)}</View>
                </View>
                <Text className={STATUS_TAG[a.status as UnitApplicationStatus]}>{a.statusLabel}</Text>
              </View>
            ))}
          </View>
        )}
      </Loaded>
    </View>
  );
}

/** 入库申请 (administrators): applications by status, waiting ones first. */
export default function AdminUnitApplications() {
  return <AdminGate>{() => <Applications />}</AdminGate>;
}
