import { Text, View } from '@tarojs/components';
import { Button, Progress, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { formatBeijing } from '../../logic/clock';
import { PERIOD_STATUS_LABELS, liveStatus, remainingPercent } from '../../logic/periods';
import { periodActions } from '../../logic/admin';
import type { PeriodView } from '../../services/types';
import './admin.scss';

const TAG_TYPE = { upcoming: 'warning', open: 'success', sold_out: 'danger', closed: 'default' } as const;
const BAR = 'linear-gradient(90deg, #5b93ff 0%, #1456f0 100%)';

interface Props {
  period: PeriodView;
  nowMs: number;
  onOpen?: (p: PeriodView) => void;
  onEdit?: (p: PeriodView) => void;
  onClose?: (p: PeriodView) => void;
}

/** A period as an administrator sees it: status, window, remaining / quota, and what may still be done. */
export default function AdminPeriodCard({ period: p, nowMs, onOpen, onEdit, onClose }: Props) {
  const status = liveStatus(p, nowMs);
  const can = periodActions(p, nowMs);
  return (
    <View className='card admin-period' id={`admin-period-${p.id}`} data-status={status} onClick={() => onOpen?.(p)}>
      <View className='admin-period__head'>
        <View>
          <View className='admin-period__name'>{p.name}</View>
          <View className='admin-period__meta'>
            {formatBeijing(p.opensAt)} 至 {formatBeijing(p.closesAt)}
            {p.closedAt ? ` · ${formatBeijing(p.closedAt)} 提前结束` : ''}
          </View>
        </View>
        <Tag type={TAG_TYPE[status]} round className='admin-period__status'>
          {PERIOD_STATUS_LABELS[status]}
        </Tag>
      </View>
      <View className='admin-period__quota'>
        <View className='admin-period__quota-text'>
          <Text>剩余 / 总额度</Text>
          <Text className='admin-period__quota-value admin-remaining'>
            {formatFen(p.remainingFen)} / {formatFen(p.quotaFen)}
          </Text>
        </View>
        <Progress percent={remainingPercent(p)} strokeWidth='8' showText={false} color={BAR} background='#e8eefc' />
      </View>
      <View className='admin-period__meta'>
        单张最高 {formatFen(p.maxVoucherFen)} · 每家限领 {p.perApplicantLimit} 张
      </View>
      {(onEdit || onClose) && (can.edit || can.close) && (
        <View className='admin-period__actions'>
          {onEdit && can.edit && (
            <Button
              size='small'
              className='edit-period'
              onClick={(e) => {
                e.stopPropagation();
                onEdit(p);
              }}
            >
              编辑
            </Button>
          )}
          {onClose && can.close && (
            <Button
              size='small'
              type='danger'
              fill='outline'
              className='close-period'
              onClick={(e) => {
                e.stopPropagation();
                onClose(p);
              }}
            >
              提前结束
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
