import { Text, View } from '@tarojs/components';
import type { FigureChart } from '../../logic/evaluation';
import '../../admin/components/admin.scss';

/**
 * One chart of a unit's pre-filled figures, drawn as the administrators' dashboard draws vouchers by
 * status (admin/components/StatusChart): plain Views, its card and bar classes and colours, a bar scaled
 * to the chart's largest value (logic/admin barWidth). No canvas, no chart library.
 */
export default function FiguresChart({ chart }: { chart: FigureChart }) {
  return (
    <View className='card status-chart figures-chart' id={chart.id} data-empty={chart.empty ? 'yes' : 'no'}>
      <View className='status-chart__head'>
        <View className='status-chart__total figures-chart__title'>{chart.title}</View>
      </View>
      {chart.bars.map((b) => (
        <View key={b.key} className={`status-chart__row ${b.value === 0 ? 'status-chart__row--zero' : ''}`} id={`${chart.id}-${b.key}`} data-value={b.value}>
          <View className='status-chart__line'>
            <Text className='status-chart__label'>
              <Text className={`status-chart__swatch status-chart__swatch--${b.tone}`} />
              {b.label}
            </Text>
            <Text className='status-chart__value'>
              <Text className='status-chart__count'>{b.text}</Text>
            </Text>
          </View>
          <View className='status-chart__track-line'>
            <View className='status-chart__track'>
              <View className={`status-chart__bar status-chart__bar--${b.tone}`} style={{ width: `${b.widthPercent}%` }} />
            </View>
          </View>
        </View>
      ))}
      <View className='status-chart__foot'>{chart.note}</View>
    </View>
  );
}
