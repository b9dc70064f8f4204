import { Picker, Text, View } from '@tarojs/components';

interface DateProps {
  id: string;
  /** YYYY-MM-DD, or '' while nothing is chosen. */
  value: string;
  /** The first and last day the rules allow (YYYY-MM-DD); the picker offers nothing outside them. */
  start?: string;
  end?: string;
  placeholder?: string;
  onChange: (day: string) => void;
}

/** 2023-05-18 → 2023年5月18日 (what the row shows once a day is chosen). */
export function dayLabel(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/**
 * A day chosen on the platform's date picker (weapp: the native wheel; H5: Taro's wheel), never typed:
 * nothing outside [start, end] can be chosen. The row shows the chosen day, or the placeholder.
 */
export function DateField({ id, value, start, end, placeholder = '请选择日期', onChange }: DateProps) {
  // The wheel opens on the chosen day, else on the nearest allowed one.
  const shown = value || (end && end < today() ? end : start && start > today() ? start : today());
  return (
    <Picker mode='date' value={shown} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))} className='field__picker-host'>
      <View id={id} className='field__picker' data-value={value}>
        <Text className={value ? 'field__picker-value' : 'field__placeholder'}>{value ? dayLabel(value) : placeholder}</Text>
        <Text className='field__picker-arrow'>›</Text>
      </View>
    </Picker>
  );
}

interface TimeProps {
  id: string;
  /** HH:mm, or ''. */
  value: string;
  placeholder?: string;
  onChange: (time: string) => void;
}

/** A time of day (Beijing) chosen on the platform's time picker. */
export function TimeField({ id, value, placeholder = '请选择时间', onChange }: TimeProps) {
  return (
    <Picker mode='time' value={value || '09:00'} onChange={(e) => onChange(String(e.detail.value))} className='field__picker-host field__picker-host--time'>
      <View id={id} className='field__picker' data-value={value}>
        <Text className={value ? 'field__picker-value' : 'field__placeholder'}>{value || placeholder}</Text>
        <Text className='field__picker-arrow'>›</Text>
      </View>
    </Picker>
  );
}

/** Today in Beijing, YYYY-MM-DD. */
function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
