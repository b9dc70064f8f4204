import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import Badges from '../../components/Badges';
import EmptyState from '../../components/EmptyState';
import ServiceCard from '../../components/ServiceCard';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { gone } from '../components/gone';
import { goService, goUnit } from '../../components/nav';
import { api } from '../../services/api';
import { fieldLabel, labLevelLabel, placeText, unitBadges, unitKindLabel } from '../../logic/catalogue';
import type { LabAnswer } from '../../services/types';

/** One lab: level, fields, its unit and its listed services (cheapest first). */
export default function LabDetail() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useRemote(() => api.lab(id), id);

  return (
    <Loaded state={state} reload={reload} rows={[3, 4]} page notFound={gone('该实验室暂不开放', '所属开放单位已暂停服务或退出，可回到目录看看其他实验室')}>
      {(data) => <LabPage {...data} />}
    </Loaded>
  );
}

function LabPage({ lab, unit, services }: LabAnswer) {
  return (
    <View className='page' id='lab-detail'>
      <View className='card detail-head'>
        <View className='detail-head__sub'>{labLevelLabel(lab.level)}</View>
        <View className='detail-head__title'>{lab.name}</View>
        <View className='badges'>
          {lab.fields.map((f) => (
            <View key={f} className='badge badge--muted'>
              {fieldLabel(f)}
            </View>
          ))}
        </View>
        {lab.description && <View className='detail-head__notice'>{lab.description}</View>}
      </View>

      <View className='card link-card' id='lab-unit' onClick={() => void goUnit(unit.id)}>
        <View className='link-card__main'>
          <View className='link-card__title'>{unit.name}</View>
          <View className='link-card__sub'>
            {unitKindLabel(unit.kind)} · {placeText(unit)}
          </View>
          <Badges badges={unitBadges(unit)} />
        </View>
        <Text className='link-card__arrow'>›</Text>
      </View>

      <View className='section-title'>
        <Text>开放服务（{services.length}）</Text>
        <Text className='muted'>价格从低到高</Text>
      </View>
      {services.length === 0 ? (
        <EmptyState size='small' title='暂无在架服务' description='该实验室的服务上架后会显示在这里' />
      ) : (
        services.map((s) => <ServiceCard key={s.id} service={s} hideProvider onOpen={(x) => void goService(x.id)} />)
      )}
    </View>
  );
}
