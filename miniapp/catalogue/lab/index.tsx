import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';
import Badges from '../../components/Badges';
import EmptyState from '../../components/EmptyState';
import ServiceCard from '../../components/ServiceCard';
import { useRemote } from '../../components/hooks';
import { PAGES, goService, goTab, goUnit } from '../../components/nav';
import { api } from '../../services/api';
import { describeError } from '../../services/errors';
import { fieldLabel, labLevelLabel, placeText, unitBadges, unitKindLabel } from '../../logic/catalogue';

/** One lab: level, fields, its unit and its listed services (cheapest first). */
export default function LabDetail() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useRemote(() => api.lab(id), id);

  if (state.kind === 'loading') {
    return (
      <View className='page'>
        <View className='skeleton-card'>
          <Skeleton rows={3} animated />
        </View>
        <View className='skeleton-card'>
          <Skeleton rows={4} animated />
        </View>
      </View>
    );
  }
  if (state.kind === 'error') {
    const v = describeError(state.error);
    return (
      <View className='page'>
        <EmptyState
          status={v.code === 'NOT_FOUND' ? 'empty' : 'network'}
          title={v.code === 'NOT_FOUND' ? '该实验室暂不开放' : v.title}
          description={v.code === 'NOT_FOUND' ? '所属开放单位已暂停服务或退出，可回到目录看看其他实验室' : v.message}
          action={v.code === 'NOT_FOUND' ? { text: '返回实验室目录', onClick: () => void goTab(PAGES.labs) } : { text: '重新加载', onClick: reload }}
        />
      </View>
    );
  }

  const { lab, unit, services } = state.data;
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
