import { Text, View } from '@tarojs/components';
import { formatFen } from '@kcq/shared';
import { chartBars, type DrainSample } from '../../logic/drain';
import { formatBeijing } from '../../logic/clock';
import './admin.scss';

interface Props {
  quotaFen: number;
  series: DrainSample[];
  /** Most bars across the chart (2 s each: 60 = the last two minutes); it starts at `minSlots` wide bars and narrows as samples come. */
  slots?: number;
  minSlots?: number;
}

/**
 * Remaining quota over time as plain Views (one bar per poll, the quota at the top): no canvas and no
 * chart library, so it renders the same on weapp and H5 and costs a few hundred bytes.
 */
export default function DrainChart({ quotaFen, series, slots: maxSlots = 60, minSlots = 15 }: Props) {
  const slots = Math.min(maxSlots, Math.max(minSlots, series.length));
  const bars = chartBars(quotaFen, series, slots);
  const first = series.length > 0 ? series[Math.max(0, series.length - slots)] : null;
  const last = series[series.length - 1];
  return (
    <View className='drain-chart' id='drain-chart' data-samples={series.length}>
      <View className='drain-chart__axis'>
        <Text>{formatFen(quotaFen, { unit: false })}</Text>
        <Text>{formatFen(Math.round(quotaFen / 2), { unit: false })}</Text>
        <Text>0</Text>
      </View>
      <View className='drain-chart__plot'>
        <View className='drain-chart__grid drain-chart__grid--mid' />
        <View className='drain-chart__bars'>
          {bars.map((b, i) => (
            <View key={b ? b.t : `empty-${i}`} className='drain-chart__slot'>
              {b && (
                <View
                  className={`drain-chart__bar ${b.dropped ? 'drain-chart__bar--drop' : ''} ${b.remainingFen <= 0 ? 'drain-chart__bar--empty' : ''}`}
                  style={{ height: `${Math.max(b.heightPercent, 0.8)}%` }}
                />
              )}
            </View>
          ))}
        </View>
      </View>
      <View className='drain-chart__times'>
        <Text>{first ? formatBeijing(first.t, true).slice(11) : '--:--:--'}</Text>
        <Text>{last ? `${formatBeijing(last.t, true).slice(11)} 剩余 ${formatFen(last.remainingFen)}` : '等待数据…'}</Text>
      </View>
    </View>
  );
}
