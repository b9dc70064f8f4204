import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { PAGES, withQuery } from '../../components/nav';
import type { ClaimsChart as Chart } from '../../logic/admin';
import { PERIOD_STATUS_LABELS } from '../../logic/periods';
import './admin.scss';

const TAG_TYPE = { upcoming: 'warning', open: 'success', sold_out: 'danger', closed: 'default' } as const;

/**
 * Claims per period against its quota (第十二条: 发完即止), plain Views: one track per period = its quota,
 * filled by what vouchers in use or used hold and, hatched, what vouchers now void had claimed (returned
 * to the quota while the period is open). Tapping a period opens its live drain chart.
 */
export default function ClaimsChart({ chart }: { chart: Chart }) {
  return (
    <View className='card claims-chart' id='period-claims-chart'>
      <View className='claims-chart__legend'>
        <Text className='claims-chart__key claims-chart__key--held'>已占用</Text>
        <Text className='claims-chart__key claims-chart__key--void'>已作废</Text>
        <Text className='claims-chart__key claims-chart__key--rest'>总额度</Text>
      </View>
      {chart.bars.map((b) => (
        <View
          key={b.periodId}
          className='claims-chart__row'
          id={`claims-row-${b.periodId}`}
          data-vouchers={b.vouchersClaimed}
          data-fen={b.fenClaimed}
          onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.adminPeriod, { id: b.periodId }) })}
        >
          <View className='claims-chart__line'>
            <Text className='claims-chart__name'>{b.name}</Text>
            {b.status && (
              <Tag type={TAG_TYPE[b.status]} round>
                {PERIOD_STATUS_LABELS[b.status]}
              </Tag>
            )}
          </View>
          <View className='claims-chart__line claims-chart__line--figures'>
            <Text className='claims-chart__caption'>{b.caption}</Text>
            <Text className='claims-chart__quota'>/ {formatFen(b.quotaFen)}</Text>
          </View>
          <View className='claims-chart__track'>
            <View className='claims-chart__held' style={{ width: `${b.heldPercent}%` }} />
            <View className='claims-chart__void' style={{ width: `${b.voidPercent}%` }} />
          </View>
          <View className='claims-chart__meta'>
            <Text>
              领取占总额度 {b.claimedPercent}% · 剩余 {formatFen(b.remainingFen)}
            </Text>
            {b.vouchersVoid > 0 && <Text>作废 {b.vouchersVoid} 张</Text>}
          </View>
        </View>
      ))}
      <View className='status-chart__foot'>
        合计领取 {chart.totals.vouchersClaimed} 张 · {formatFen(chart.totals.fenClaimed)}（含已作废）
      </View>
    </View>
  );
}
