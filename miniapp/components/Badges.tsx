import { View } from '@tarojs/components';
import type { Badge } from '../logic/catalogue';

/** 可用创新券 / 法定检测 · 不可用券 (第五条), 津冀互认 (第十九条)… as small coloured labels. */
export default function Badges({ badges, className = '' }: { badges: Badge[]; className?: string }) {
  if (badges.length === 0) return null;
  return (
    <View className={`badges ${className}`}>
      {badges.map((b) => (
        <View key={b.text} className={`badge badge--${b.tone}`} data-badge={b.text}>
          {b.text}
        </View>
      ))}
    </View>
  );
}
