import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Badges from '../../components/Badges';
import { Choice, FieldRow, TextBox, TextInput, YesNo } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { PAGES, toast } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, type ErrorView } from '../../services/errors';
import { labLevelLabel, priceText } from '../../logic/catalogue';
import {
  CATEGORY_OPTIONS,
  checkServiceForm,
  collectPages,
  emptyServiceForm,
  formFromService,
  priceUnitOptions,
  serverFieldErrors,
  withCategory,
  type ServiceErrors,
  type ServiceField,
  type ServiceForm as Form,
} from '../../logic/serviceForm';
import type { LabView, ServiceView } from '../../services/types';
import StaffGate, { type StaffMe } from '../components/StaffGate';
import '../components/staff.scss';

/** Back to 本单位服务 (which reloads on show); straight there when the form was opened on its own. */
function backToList() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.redirectTo({ url: PAGES.staffServices });
}

function ServiceFormView({ unitId, labs, service, labId }: { unitId: string; labs: LabView[]; service: ServiceView | null; labId: string | null }) {
  const [form, setForm] = useState<Form>(() =>
    service ? formFromService(service) : emptyServiceForm(labs.find((l) => l.id === labId)?.id ?? labs[0]?.id ?? ''),
  );
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<ServiceErrors>({});
  const [failure, setFailure] = useState<ErrorView | null>(null);
  const [busy, setBusy] = useState(false);

  const check = checkServiceForm(form);
  const errors: ServiceErrors = touched ? { ...serverErrors, ...check.errors } : serverErrors;
  const msgs = (f: ServiceField) => (errors[f] ? [errors[f] as string] : []);
  const set = (patch: Partial<Form>) => {
    setForm((x) => ({ ...x, ...patch }));
    setServerErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch) as ServiceField[]) delete next[k];
      return next;
    });
  };

  async function submit() {
    setTouched(true);
    setFailure(null);
    if (!check.input) {
      toast(Object.values(check.errors)[0] ?? '请按提示修改后再提交');
      return;
    }
    setBusy(true);
    try {
      if (service) await api.updateService(unitId, service.id, check.input);
      else await api.addService(unitId, check.input);
      toast(service ? '已保存' : '已上架', 'success');
      backToList();
    } catch (e) {
      const v = describeError(e);
      setServerErrors(serverFieldErrors(v.details));
      setFailure(v);
    } finally {
      setBusy(false);
    }
  }

  async function withdraw() {
    if (!service) return;
    const { confirm } = await Taro.showModal({
      title: '下架该服务？',
      content: `「${service.name}」将从实验室目录中移除，申领单位不能再对它申请合作；已登记的合同不受影响。`,
      confirmText: '下架',
      confirmColor: '#d54941',
    });
    if (!confirm) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.withdrawService(unitId, service.id);
      toast('已下架', 'success');
      backToList();
    } catch (e) {
      setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const fen = check.input?.priceFen ?? null;
  const compute = form.category === 'compute';
  return (
    <View className='page' id='service-form' data-mode={service ? 'edit' : 'create'} data-service-id={service?.id ?? ''}>
      <View className='form-card'>
        <View className='form-card__title'>{service ? '修改服务' : '新增服务'}</View>
        <FieldRow label='所属实验室' required messages={msgs('labId')} stacked>
          <View className='pick-list' id='s-lab'>
            {labs.map((l) => (
              <View key={l.id} className={`pick ${form.labId === l.id ? 'pick--on' : ''}`} data-lab-id={l.id} onClick={() => set({ labId: l.id })}>
                <View className='pick__title'>{l.name}</View>
                <View className='pick__sub'>{labLevelLabel(l.level)}</View>
              </View>
            ))}
          </View>
        </FieldRow>
        <FieldRow label='服务名称' required messages={msgs('name')}>
          <TextInput id='s-name' value={form.name} placeholder='如 有机小分子结构鉴定' maxlength={100} onChange={(name) => set({ name })} />
        </FieldRow>
        <FieldRow label='服务类别' required messages={msgs('category')} stacked>
          <Choice id='s-category' value={form.category} options={CATEGORY_OPTIONS} onChange={(v) => set(withCategory(form, v as Form['category']))} />
        </FieldRow>
      </View>

      <View className='form-card'>
        <View className='form-card__title'>价格与周期</View>
        <FieldRow label='价格' required messages={msgs('priceYuan')} hint={fen !== null ? `目录展示为 ${priceText(fen, form.priceUnit)}` : '以元填写，最多两位小数'}>
          <TextInput id='s-price' type='digit' unit='元' value={form.priceYuan} placeholder='如 480' maxlength={12} onChange={(priceYuan) => set({ priceYuan })} />
        </FieldRow>
        <FieldRow label='计价单位' required messages={msgs('priceUnit')} stacked hint={compute ? '算力服务按卡时计价' : undefined}>
          <Choice id='s-unit' value={form.priceUnit} options={priceUnitOptions(form.category)} onChange={(v) => set({ priceUnit: v as Form['priceUnit'] })} />
        </FieldRow>
        <FieldRow label='服务周期' required messages={msgs('leadTimeDays')} hint='收样（或预约）到出具报告的一般工作日'>
          <TextInput id='s-days' type='number' unit='天' value={form.leadTimeDays} placeholder='0–365' maxlength={3} onChange={(leadTimeDays) => set({ leadTimeDays })} />
        </FieldRow>
        {compute && (
          <>
            <FieldRow label='GPU 型号' required messages={msgs('gpuModel')}>
              <TextInput id='s-gpu' value={form.gpuModel} placeholder='如 NVIDIA A100 80GB' maxlength={60} onChange={(gpuModel) => set({ gpuModel })} />
            </FieldRow>
            <FieldRow label='卡数' required messages={msgs('cards')}>
              <TextInput id='s-cards' type='number' unit='卡' value={form.cards} placeholder='可供租用的卡数' maxlength={6} onChange={(cards) => set({ cards })} />
            </FieldRow>
          </>
        )}
      </View>

      <View className='form-card'>
        <View className='form-card__title'>创新券（第五条）</View>
        <FieldRow label='法定检测或强制检测' required messages={msgs('statutory')} hint='法定检测、强制检测不在创新券支持范围内，选“是”后该服务不可用券'>
          <YesNo id='s-statutory' value={form.statutory} onChange={(statutory) => set({ statutory })} />
        </FieldRow>
        <View className='notice' id='s-eligibility'>
          <Badges badges={[form.statutory ? { text: '法定检测 · 不可用券', tone: 'muted' } : { text: '可用创新券', tone: 'ok' }]} />
        </View>
      </View>

      <View className='form-card'>
        <View className='form-card__title'>仪器设施（选填）</View>
        <FieldRow label='仪器设施名称' messages={msgs('instrumentName')}>
          <TextInput id='s-instrument' value={form.instrumentName} placeholder='如 液相色谱-质谱联用仪' maxlength={100} onChange={(instrumentName) => set({ instrumentName })} />
        </FieldRow>
        <FieldRow label='型号' messages={msgs('instrumentModel')}>
          <TextInput id='s-model' value={form.instrumentModel} placeholder='如 6545 Q-TOF' maxlength={60} onChange={(instrumentModel) => set({ instrumentModel })} />
        </FieldRow>
        <FieldRow label='生产厂商' messages={msgs('instrumentMaker')}>
          <TextInput id='s-maker' value={form.instrumentMaker} placeholder='如 安捷伦' maxlength={60} onChange={(instrumentMaker) => set({ instrumentMaker })} />
        </FieldRow>
        <FieldRow label='服务说明' messages={msgs('description')} stacked>
          <TextBox id='s-description' value={form.description} maxlength={1000} placeholder='样品要求、检测项目、交付内容等' onChange={(description) => set({ description })} />
        </FieldRow>
      </View>

      {failure && (
        <View className='card hint hint--danger' id='service-error' data-code={failure.code}>
          <Text>{failure.message.startsWith(failure.title) ? failure.message : `${failure.title}：${failure.message}`}</Text>
          {failure.hints.map((h) => (
            <View key={h}>{h}</View>
          ))}
        </View>
      )}

      <View className='submit-bar'>
        <Button type='primary' block size='large' id='save-service' loading={busy} onClick={() => void submit()}>
          {service ? '保存修改' : '上架服务'}
        </Button>
        {service && (
          <View className='danger-link' id='withdraw-service' onClick={() => void (busy ? undefined : withdraw())}>
            下架该服务
          </View>
        )}
      </View>
    </View>
  );
}

function Loader({ me, id, labId }: { me: StaffMe; id: string | null; labId: string | null }) {
  const unitId = me.openUnit.id;
  // No single-service endpoint for staff: the edited service is found in the unit's own list.
  const { state, reload } = useRemote(async () => {
    const [{ items: labs }, services] = await Promise.all([
      api.unitLabs(unitId),
      id ? collectPages((cursor) => api.unitServices(unitId, cursor)) : Promise.resolve([] as ServiceView[]),
    ]);
    return { labs, service: id ? (services.find((s) => s.id === id) ?? null) : null };
  }, `${unitId}/${id ?? ''}`);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '修改服务' : '新增服务' });
  }, [id]);

  return (
    <Loaded state={state} reload={reload} page rows={[5, 3]}>
      {({ labs, service }) =>
        id && !service ? (
          <PageCard id='service-missing' title='该服务已下架或不存在' description='它不在本单位的在架服务中，可能已被其他工作人员下架。' action={{ text: '返回本单位服务', onClick: backToList }} />
        ) : labs.length === 0 ? (
          <PageCard title='本单位还没有实验室' description='服务须挂在实验室下。请联系本单位管理员或平台管理部门先登记实验室。' action={{ text: '返回', onClick: backToList }} />
        ) : (
          <ServiceFormView unitId={unitId} labs={labs} service={service} labId={labId} />
        )
      }
    </Loaded>
  );
}

/** 本单位服务 → add a service (no id; `labId` preselects a lab) or edit one (`?id=`), withdraw with a confirmation. */
export default function StaffServiceForm() {
  const params = useRouter().params;
  return <StaffGate>{(me) => <Loader me={me} id={params.id || null} labId={params.labId || null} />}</StaffGate>;
}
