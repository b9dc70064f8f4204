import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import Badges from '../../components/Badges';
import EmptyState from '../../components/EmptyState';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { gone } from '../components/gone';
import { goLab } from '../../components/nav';
import { api } from '../../services/api';
import { fieldLabel, labLevelLabel, placeText, unitBadges, unitKindLabel } from '../../logic/catalogue';
import type { UnitAnswer } from '../../services/types';

/** One open unit: kind, district and region (津冀互认), contact, whether it takes proposals, its labs. */
export default function UnitDetail() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useRemote(() => api.openUnit(id), id);

  return (
    <Loaded state={state} reload={reload} rows={4} page notFound={gone('该开放单位暂不开放', '该单位已暂停服务或退出（第六条），可回到目录看看其他单位')}>
      {(data) => <UnitPage {...data} />}
    </Loaded>
  );
}

function UnitPage({ unit, labs }: UnitAnswer) {
  const c = unit.contact;
  return (
    <View className='page' id='unit-detail'>
      <View className='card detail-head'>
        <View className='detail-head__sub'>
          {unitKindLabel(unit.kind)} · {placeText(unit)}
        </View>
        <View className='detail-head__title'>{unit.name}</View>
        <Badges badges={unitBadges(unit)} />
        <View className='detail-head__notice' id='unit-proposals'>
          {unit.acceptsProposals
            ? unit.region === 'beijing'
              ? '接受创新券合作项目'
              : '已纳入津冀互认，可接收创新券（第十九条）'
            : unit.region !== 'beijing' && !unit.mutualRecognition
              ? '尚未纳入津冀互认，不能接收创新券（第十九条）'
              : '暂不接受新的合作项目（第六条）'}
        </View>
        {unit.description && <View className='description' style={{ marginTop: '12px' }}>{unit.description}</View>}
      </View>

      <View className='section-title'>
        <Text>联系方式</Text>
      </View>
      {c ? (
        <View className='card facts'>
          <View className='facts__row'>
            <Text className='facts__label'>联系人</Text>
            <Text className='facts__value'>{c.name}</Text>
          </View>
          <View className='facts__row facts__row--tap' onClick={() => void Taro.makePhoneCall({ phoneNumber: c.phone }).catch(() => undefined)}>
            <Text className='facts__label'>电话</Text>
            <Text className='facts__value link'>{c.phone}</Text>
          </View>
          {c.email && (
            <View className='facts__row'>
              <Text className='facts__label'>邮箱</Text>
              <Text className='facts__value'>{c.email}</Text>
            </View>
          )}
        </View>
      ) : (
        <View className='card muted'>该单位尚未公布联系人，可通过其实验室的服务提交合作申请</View>
      )}

      <View className='section-title'>
        <Text>实验室（{labs.length}）</Text>
      </View>
      {labs.length === 0 && <EmptyState size='small' title='暂无开放实验室' description='该单位的实验室上架后会显示在这里' />}
      {labs.map((l) => (
        <View key={l.id} className='card link-card' data-lab-id={l.id} onClick={() => void goLab(l.id)}>
          <View className='link-card__main'>
            <View className='link-card__title'>{l.name}</View>
            <View className='link-card__sub'>
              {labLevelLabel(l.level)} · {l.fields.map(fieldLabel).join('、')}
            </View>
          </View>
          <Text className='link-card__arrow'>›</Text>
        </View>
      ))}
    </View>
  );
}
