import { Text, View } from '@tarojs/components';
import { formatFen } from '@kcq/shared';
import Badges from './Badges';
import { PRICE_UNIT_SHORT, categoryLabel, instrumentLine, placeText, serviceBadges } from '../logic/catalogue';
import type { ServiceView } from '../services/types';

interface Props {
  service: ServiceView;
  onOpen: (s: ServiceView) => void;
  /** On a lab's page the lab and unit are already on screen. */
  hideProvider?: boolean;
}

/** A service in a list: name, badges, instrument, provider, price per unit and lead time. */
export default function ServiceCard({ service: s, onOpen, hideProvider }: Props) {
  const instrument = instrumentLine(s.instrument);
  return (
    <View className='card service-card' data-service-id={s.id} data-eligible={s.voucherEligible ? 'true' : 'false'} onClick={() => onOpen(s)}>
      <View className='service-card__top'>
        <View className='service-card__category'>{categoryLabel(s.category)}</View>
        <View className='service-card__name'>{s.name}</View>
      </View>
      <Badges badges={serviceBadges(s)} />
      {instrument && <View className='service-card__line'>仪器：{instrument}</View>}
      {!hideProvider && (
        <View className='service-card__line service-card__provider'>
          {s.unit.name} · {s.lab.name}
        </View>
      )}
      <View className='service-card__foot'>
        <View className='service-card__price'>
          <Text className='service-card__yuan'>¥</Text>
          <Text className='service-card__amount'>{formatFen(s.priceFen, { unit: false })}</Text>
          <Text className='service-card__unit'>{PRICE_UNIT_SHORT[s.priceUnit]}</Text>
        </View>
        <View className='service-card__meta'>
          {hideProvider ? '' : `${placeText(s.unit)} · `}约 {s.leadTimeDays} 天
        </View>
      </View>
    </View>
  );
}
