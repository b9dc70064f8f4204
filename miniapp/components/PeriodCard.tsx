import { Text, View } from '@tarojs/components';
import { Button, Progress, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import Countdown from './Countdown';
import { formatBeijing } from '../logic/clock';
import { PERIOD_STATUS_LABELS, liveStatus, remainingPercent } from '../logic/periods';
import type { PeriodView } from '../services/types';

interface Props {
  period: PeriodView;
  nowMs: number;
  onClaim?: (p: PeriodView) => void;
  onShowNext?: () => void;
  nextPeriod?: PeriodView | null;
  claimedHere?: boolean;
}

/** The brand gradient (NutUI's Progress sets its own default colour inline, so the theme variable is not enough). */
const BAR = 'linear-gradient(90deg, #5b93ff 0%, #1456f0 100%)';

const TAG_TYPE = { upcoming: 'warning', open: 'success', sold_out: 'danger', closed: 'default' } as const;

/** A period on home: status, server-clock countdown, live quota bar, and the 领取 button. */
export default function PeriodCard({ period, nowMs, onClaim, onShowNext, nextPeriod, claimedHere }: Props) {
  const status = liveStatus(period, nowMs);
  const percent = remainingPercent(period);
  return (
    <View className='card period-card' id={`period-${period.id}`} data-status={status}>
      <View className='period-card__head'>
        <View>
          <View className='period-card__name'>{period.name}</View>
          <View className='period-card__meta'>
            {formatBeijing(period.opensAt)} 至 {formatBeijing(period.closesAt)}
          </View>
        </View>
        <Tag type={TAG_TYPE[status]} round className='period-card__tag'>
          {PERIOD_STATUS_LABELS[status]}
        </Tag>
      </View>

      <View className='period-card__countdown'>
        {status === 'upcoming' && <Countdown label='距开放' targetMs={Date.parse(period.opensAt)} nowMs={nowMs} />}
        {(status === 'open' || status === 'sold_out') && (
          <Countdown label='距结束' targetMs={Date.parse(period.closesAt)} nowMs={nowMs} />
        )}
      </View>

      {status !== 'upcoming' && (
        <View className='period-card__quota'>
          <View className='period-card__quota-text'>
            <Text>剩余额度</Text>
            <Text className='period-card__quota-value remaining-quota'>
              {period.remainingUnknown ? `暂时无法获取 / ${formatFen(period.quotaFen)}` : `${formatFen(period.remainingFen)} / ${formatFen(period.quotaFen)}`}
            </Text>
          </View>
          <Progress percent={percent} strokeWidth='8' showText={false} color={BAR} background='#e8eefc' animated />
        </View>
      )}
      {status === 'upcoming' && (
        <View className='period-card__quota'>
          <View className='period-card__quota-text'>
            <Text>本期总额度</Text>
            <Text className='period-card__quota-value'>{formatFen(period.quotaFen)}</Text>
          </View>
        </View>
      )}
      <View className='period-card__meta'>单张最高 {formatFen(period.maxVoucherFen)} · 每家限领 {period.perApplicantLimit} 张</View>

      {status === 'open' && onClaim && (
        <View className='period-card__action'>
          <Button type='primary' block size='large' className='claim-button' disabled={claimedHere} onClick={() => onClaim(period)}>
            {claimedHere ? '本期已领取' : '领取'}
          </Button>
        </View>
      )}
      {status === 'sold_out' && (
        <View className='period-card__soldout sold-out-notice'>
          <View>已抢完 · 本期额度已全部领完</View>
          {nextPeriod ? (
            <View>
              下一期「{nextPeriod.name}」将于 {formatBeijing(nextPeriod.opensAt)} 开放
              {onShowNext && (
                <Text className='link' onClick={onShowNext}>
                  {' '}
                  查看下一期开放时间 ›
                </Text>
              )}
            </View>
          ) : (
            <View>下一期开放时间将在首页公布，请留意</View>
          )}
        </View>
      )}
    </View>
  );
}
