import { Text, View } from '@tarojs/components';
import { countdown, formatCountdown } from '../logic/clock';

interface Props {
  label: string;
  targetMs: number;
  nowMs: number;
  id?: string;
}

/** "距开放 3天 04:05:06" in digit blocks, from the server clock. */
export default function Countdown({ label, targetMs, nowMs, id }: Props) {
  const c = countdown(targetMs, nowMs);
  const text = formatCountdown(c);
  return (
    <View className='countdown' id={id}>
      <Text className='countdown__label'>{label}</Text>
      {c.days > 0 && (
        <>
          <Text className='countdown__digit'>{c.days}</Text>
          <Text className='countdown__sep'>天</Text>
        </>
      )}
      <Text className='countdown__digit'>{String(c.hours).padStart(2, '0')}</Text>
      <Text className='countdown__sep'>:</Text>
      <Text className='countdown__digit'>{String(c.minutes).padStart(2, '0')}</Text>
      <Text className='countdown__sep'>:</Text>
      <Text className='countdown__digit'>{String(c.seconds).padStart(2, '0')}</Text>
      <Text className='countdown__sr' data-countdown={text} />
    </View>
  );
}
