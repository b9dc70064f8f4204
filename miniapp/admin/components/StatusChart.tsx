import { Text, View } from '@tarojs/components';
import { formatFen } from '@kcq/shared';
import type { StatusChart as Chart } from '../../logic/admin';
import './admin.scss';

/**
 * Vouchers by status (第十五条 life cycle, statuses derived on the server) as plain Views: one row per
 * status in the life cycle's order, a bar scaled to the largest status, count, amount and share. No
 * canvas, no chart library (the admin sub-package stays small; same rendering on weapp and H5).
 */
export default function StatusChart({ chart }: { chart: Chart }) {
  return (
    <View className='card status-chart' id='voucher-status-chart' data-total={chart.total.count}>
      <View className='status-chart__head'>
        <View>
          <View className='status-chart__total' id='status-total'>
            共 {chart.total.count} 张
          </View>
          <View className='muted'>{formatFen(chart.total.amountFen)}</View>
        </View>
        <View className='status-chart__live'>
          <Text className='live-dot' />
          使用中 {chart.live.count} 张
        </View>
      </View>
      {chart.bars.map((b) => (
        <View
          key={b.status}
          className={`status-chart__row ${b.count === 0 ? 'status-chart__row--zero' : ''}`}
          id={`status-row-${b.status}`}
          data-count={b.count}
          data-amount={b.amountFen}
        >
          <View className='status-chart__line'>
            <Text className='status-chart__label'>
              <Text className={`status-chart__swatch status-chart__swatch--${b.status}`} />
              {b.label}
            </Text>
            <Text className='status-chart__value'>
              <Text className='status-chart__count'>{b.count} 张</Text> · {formatFen(b.amountFen)}
            </Text>
          </View>
          <View className='status-chart__track-line'>
            <View className='status-chart__track'>
              <View className={`status-chart__bar status-chart__bar--${b.status}`} style={{ width: `${b.widthPercent}%` }} />
            </View>
            <Text className='status-chart__share'>{b.countPercent}%</Text>
          </View>
        </View>
      ))}
      {chart.voidNote && (
        <View className='status-chart__note' id='void-note'>
          作废原因：{chart.voidNote}
        </View>
      )}
      <View className='status-chart__foot'>状态按当前时间推算：超过登记或兑现期限的券计入已作废（第十五条）</View>
    </View>
  );
}
