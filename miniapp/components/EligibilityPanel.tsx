import { Text, View } from '@tarojs/components';
import { formatFen, type EligibilityFailure, type EligibilityWarning } from '@kcq/shared';

interface Props {
  /** null: not decided yet (form incomplete). */
  eligible: boolean | null;
  failures: EligibilityFailure[];
  warnings?: EligibilityWarning[];
  todo?: string[];
  annualCapFen?: number | null;
  /** "本地预检" vs "登记结果". */
  source?: string;
}

/** 符合条件 / 暂不符合, each failed condition with its clause (第七条…), then what is still missing. */
export default function EligibilityPanel({ eligible, failures, warnings = [], todo = [], annualCapFen, source }: Props) {
  const state = eligible === true ? 'ok' : failures.length > 0 ? 'fail' : 'pending';
  const label = state === 'ok' ? '符合条件' : state === 'fail' ? `暂不符合（${failures.length} 项）` : '待补充信息';
  return (
    <View className='card eligibility' id='eligibility-panel' data-state={state}>
      <View className='eligibility__head row'>
        <Text className={`eligibility__badge eligibility__badge--${state}`}>
          {state === 'ok' ? '✓ ' : state === 'fail' ? '✕ ' : '… '}
          {label}
        </Text>
        {source && <Text className='muted'>{source}</Text>}
      </View>
      {state === 'ok' && annualCapFen ? (
        <View className='hint' style={{ marginTop: '8px' }}>
          依据第十二条，本年度可领取上限 {formatFen(annualCapFen)}
        </View>
      ) : null}
      {failures.map((f, i) => (
        <View key={`${f.code}-${i}`} className='eligibility__item eligibility__item--fail'>
          <Text className='eligibility__clause'>{f.clause}</Text>
          {f.message}
        </View>
      ))}
      {warnings.map((w, i) => (
        <View key={`${w.code}-${i}`} className='eligibility__item eligibility__item--warn'>
          {w.message}
        </View>
      ))}
      {todo.length > 0 && (
        <View className='eligibility__item eligibility__item--todo'>还需填写：{todo.join('、')}</View>
      )}
    </View>
  );
}
