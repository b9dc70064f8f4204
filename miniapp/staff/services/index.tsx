import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import ServiceCard from '../../components/ServiceCard';
import { PAGES, toast, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { collectPages, groupByLab, serviceCounts, type LabGroup } from '../../logic/serviceForm';
import type { LabView, ServiceView } from '../../services/types';
import StaffGate, { type StaffMe } from '../components/StaffGate';
import '../components/staff.scss';

/** 第六条, 第十八条: while the unit is not active its services are out of the catalogue (the list still shows them). */
const UNIT_STATUS_NOTICE: Record<string, string> = {
  suspended: '本单位已被暂停服务（第十八条）：服务暂不在实验室目录中展示，也不接受新的合作申请。',
  leaving: '本单位已提交退出告知（第六条）：退出日前服务照常展示。',
  left: '本单位已退出开放共享：服务不再展示。',
};

function Services({ me }: { me: StaffMe }) {
  const unitId = me.openUnit.id;
  const [state, setState] = useState<Remote<{ labs: LabView[]; services: ServiceView[] }>>({ kind: 'loading' });
  const shown = useRef(false);

  async function load() {
    try {
      const [{ items: labs }, services] = await Promise.all([api.unitLabs(unitId), collectPages((cursor) => api.unitServices(unitId, cursor))]);
      shown.current = true;
      setState({ kind: 'ready', data: { labs, services } });
    } catch (error) {
      // A refresh that fails keeps what is on screen (and says so); only a first load shows the error state.
      if (shown.current) toast(errorLine(error));
      else setState({ kind: 'error', error });
    }
  }
  // Mounted after the gate's check (the page's first show has passed): load now, and again on each
  // return from the form (a saved or withdrawn service shows at once).
  useEffect(() => {
    void load();
  }, []);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const openForm = (query: Record<string, string> = {}) =>
    Taro.navigateTo({ url: Object.keys(query).length ? withQuery(PAGES.staffService, query) : PAGES.staffService });

  const ready = state.kind === 'ready' ? state.data : null;
  const noLabs = !!ready && ready.labs.length === 0 && ready.services.length === 0;
  const head = (
    <View className='card detail-head'>
      <View className='detail-head__sub'>本单位服务</View>
      <View className='detail-head__title'>{me.openUnit.name}</View>
      {ready && <Stats services={ready.services} />}
      {UNIT_STATUS_NOTICE[me.openUnit.status] && (
        <View className='detail-head__notice hint--warn' id='unit-status-notice'>
          {UNIT_STATUS_NOTICE[me.openUnit.status]}
        </View>
      )}
      <View className='detail-head__notice'>价格以元展示、按分结算；法定检测、强制检测服务不能使用创新券（第五条）。保存后实验室目录即时更新。</View>
    </View>
  );

  return (
    <View
      className={ready && !noLabs ? 'page with-bottom-bar' : 'page'}
      id='unit-services'
      data-state={noLabs ? 'no-labs' : state.kind}
      data-count={ready && !noLabs ? ready.services.length : undefined}
    >
      {head}
      <Loaded state={state} reload={() => void load()} rows={[3, 3]}>
        {({ labs, services }) =>
          noLabs ? (
            <EmptyState
              title='本单位还没有实验室'
              description='服务须挂在实验室下。请联系本单位管理员或平台管理部门先登记实验室，再回到这里上架服务。'
              action={{ text: '刷新', onClick: () => void load() }}
            />
          ) : (
            <>
              {services.length === 0 && (
                <EmptyState
                  id='services-empty'
                  title='本单位还没有上架服务'
                  description='点击“新增服务”，填写名称、价格和周期后上架；申领单位即可在实验室目录中找到并申请合作。'
                  action={{ text: '新增服务', onClick: () => void openForm() }}
                />
              )}
              {services.length > 0 &&
                groupByLab(labs, services).map((g) => (
                  <Group key={g.lab.id} g={g} onAdd={() => void openForm({ labId: g.lab.id })} onOpen={(s) => void openForm({ id: s.id })} />
                ))}
              <View className='bottom-bar'>
                <View className='bottom-bar__note'>下拉可刷新；点服务卡片可修改价格或下架</View>
                <Button type='primary' id='add-service' onClick={() => void openForm()}>
                  新增服务
                </Button>
              </View>
            </>
          )
        }
      </Loaded>
    </View>
  );
}

function Stats({ services }: { services: ServiceView[] }) {
  const n = serviceCounts(services);
  return (
    <View className='unit-stats' id='unit-stats'>
      <View className='unit-stats__item'>
        <View className='unit-stats__value'>{n.total}</View>
        <View className='unit-stats__label'>在架服务</View>
      </View>
      <View className='unit-stats__item'>
        <View className='unit-stats__value'>{n.eligible}</View>
        <View className='unit-stats__label'>可用创新券</View>
      </View>
      <View className='unit-stats__item'>
        <View className='unit-stats__value'>{n.statutory}</View>
        <View className='unit-stats__label'>法定检测</View>
      </View>
    </View>
  );
}

function Group({ g, onAdd, onOpen }: { g: LabGroup; onAdd: () => void; onOpen: (s: ServiceView) => void }) {
  return (
    <View className='lab-group' data-lab-id={g.lab.id}>
      <View className='lab-group__head'>
        <Text className='lab-group__name'>
          {g.lab.name}
          <Text className='lab-group__level'>{g.levelLabel}</Text>
        </Text>
        <Text className='lab-group__add' onClick={onAdd}>
          + 添加
        </Text>
      </View>
      {g.services.length === 0 && (
        <View className='card lab-group__empty'>该实验室还没有在架服务，点“+ 添加”上架</View>
      )}
      {g.services.map((s) => (
        <ServiceCard key={s.id} service={s} hideProvider onOpen={onOpen} />
      ))}
    </View>
  );
}

/** 本单位服务: the unit's listed services by lab, with price, 可用创新券 / 法定检测 badges; tap to edit, add new. */
export default function UnitServices() {
  return <StaffGate>{(me) => <Services me={me} />}</StaffGate>;
}
