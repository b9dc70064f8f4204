import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import Badges from '../../components/Badges';
import EmptyState from '../../components/EmptyState';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { gone } from '../components/gone';
import { PAGES, goLab, goUnit, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import {
  INELIGIBLE_REASON,
  PRICE_UNIT_SHORT,
  categoryLabel,
  labLevelLabel,
  placeText,
  priceText,
  serviceBadges,
  unitKindLabel,
} from '../../logic/catalogue';
import type { IneligibleReason, ServiceView } from '../../services/types';
import { serviceShare, serviceShareFallback, serviceTimeline } from '../../logic/share';

function Fact({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='facts__row' id={id}>
      <Text className='facts__label'>{label}</Text>
      <Text className='facts__value'>{value}</Text>
    </View>
  );
}

/** One service: price and unit, lead time, instrument or compute, its lab and unit, and 申请合作. */
export default function ServiceDetail() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useRemote(() => api.service(id), id);
  // Shared to a chat or Moments: the service's name and unit, the path with its id (public: no sign-in needed).
  useShareAppMessage(() => (state.kind === 'ready' ? serviceShare(state.data) : serviceShareFallback(id)));
  useShareTimeline(() => (state.kind === 'ready' ? serviceTimeline(state.data) : { ...serviceShareFallback(id), query: `id=${encodeURIComponent(id)}` }));

  return (
    <Loaded state={state} reload={reload} rows={[3, 5]} page notFound={gone('该服务已下架', '开放单位已下架该服务或暂停服务，可回到目录看看其他服务')}>
      {(s) => <ServicePage s={s} />}
    </Loaded>
  );
}

function ServicePage({ s }: { s: ServiceView }) {
  const reason: IneligibleReason | null = s.voucherEligible ? null : s.statutory ? 'statutory_testing' : (s.ineligibleReason ?? 'statutory_testing');
  return (
    <View className='page with-bottom-bar' id='service-detail' data-service-id={s.id}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>{categoryLabel(s.category)}服务</View>
        <View className='detail-head__title' id='service-name'>
          {s.name}
        </View>
        <Badges badges={serviceBadges(s)} className='service-badges' />
        <View className='detail-head__price' id='service-price'>
          <Text>¥</Text>
          <Text className='detail-head__amount'>{formatFen(s.priceFen, { unit: false })}</Text>
          <Text className='muted'>{PRICE_UNIT_SHORT[s.priceUnit]}</Text>
        </View>
        {reason ? (
          <View className='detail-head__notice' id='ineligible-reason'>
            {INELIGIBLE_REASON[reason]}。可自费委托，但不能使用创新券支付。
          </View>
        ) : (
          <View className='detail-head__notice'>可使用创新券支付，单张券最多支付合同实际金额的 50%（第十二条）。</View>
        )}
      </View>

      <View className='section-title'>
        <Text>服务信息</Text>
      </View>
      <View className='card facts'>
        <Fact label='服务类别' value={categoryLabel(s.category)} />
        <Fact label='价格' value={priceText(s.priceFen, s.priceUnit)} id='fact-price' />
        <Fact label='服务周期' value={`约 ${s.leadTimeDays} 天`} />
        {s.instrument && <Fact label='仪器' value={s.instrument.name} />}
        {s.instrument?.model && <Fact label='型号' value={s.instrument.model} id='fact-model' />}
        {s.instrument?.maker && <Fact label='厂商' value={s.instrument.maker} id='fact-maker' />}
        {s.compute && <Fact label='GPU 型号' value={s.compute.gpuModel} />}
        {s.compute && <Fact label='卡数' value={`${s.compute.cards} 卡`} />}
        {s.compute && <Fact label='每卡时价格' value={`${formatFen(s.compute.pricePerCardHourFen)}/卡时`} />}
      </View>

      <View className='section-title'>
        <Text>服务说明</Text>
      </View>
      <View className='card description'>{s.description}</View>

      <View className='section-title'>
        <Text>提供方</Text>
      </View>
      <View className='card link-card' id='service-lab' onClick={() => void goLab(s.lab.id)}>
        <View className='link-card__main'>
          <View className='link-card__title'>{s.lab.name}</View>
          <View className='link-card__sub'>{labLevelLabel(s.lab.level)}</View>
        </View>
        <Text className='link-card__arrow'>›</Text>
      </View>
      <View className='card link-card' id='service-unit' onClick={() => void goUnit(s.unit.id)}>
        <View className='link-card__main'>
          <View className='link-card__title'>{s.unit.name}</View>
          <View className='link-card__sub'>
            {unitKindLabel(s.unit.kind)} · {placeText(s.unit)}
          </View>
        </View>
        <Text className='link-card__arrow'>›</Text>
      </View>

      <View className='bottom-bar'>
        <View className='bottom-bar__note'>开放单位确认后签订技术服务合同</View>
        <Button
          type='primary'
          id='apply-cooperation'
          onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.cooperate, { id: s.id, name: s.name }) })}
        >
          申请合作
        </Button>
      </View>
    </View>
  );
}
