import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import { Choice, FieldRow, TextInput } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { NamedRedemption } from '../../services/types';
import type { RoundSummary } from '../../services/reviewTypes';
import { formatBeijing } from '../../logic/clock';
import { refusal } from '../components/review';

type Data = { rounds: RoundSummary[]; submitted: NamedRedemption[] };

const PANEL_SIZES = [
  { code: '3', label: '3 人' },
  { code: '5', label: '5 人' },
  { code: '7', label: '7 人' },
];

function Rounds() {
  const [state, setState] = useState<Remote<Data>>({ kind: 'loading' });
  const [name, setName] = useState('');
  const [panel, setPanel] = useState('3');
  const [unitId, setUnitId] = useState('');
  const [errors, setErrors] = useState<{ name?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const [{ rounds }, { redemptions }] = await Promise.all([api.reviewRounds(), api.adminRedemptions('submitted')]);
      setState({ kind: 'ready', data: { rounds, submitted: redemptions } });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  useDidShow(() => void load());

  async function open() {
    if (!name.trim()) {
      setErrors({ name: '请填写评审批次名称，如“2026年第4批兑现评审”' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const round = await api.openReviewRound({ name: name.trim(), panelSize: Number(panel), filter: unitId ? { unitId } : {} });
      await Taro.navigateTo({ url: withQuery(PAGES.reviewRound, { id: round.id }) });
      setName('');
    } catch (e) {
      setErrors({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='review-rounds'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>评审批次</View>
        <View className='admin-hero__sub'>从待评审的兑现申请组织专家评审；每项由奇数名专家评审，与开放单位或申领单位有关联的专家自动回避（第十五条4）</View>
      </View>
      <Loaded state={state} reload={() => void load()} rows={4} errorTitle='加载失败'>
        {({ rounds, submitted }) => {
          const units = [...new Map(submitted.map((r) => [r.unitId, r.unitName ?? '开放单位'])).entries()];
          const chosen = unitId ? submitted.filter((r) => r.unitId === unitId) : submitted;
          return (
            <>
              <View className='form-card' id='round-form' data-submitted={submitted.length}>
                <View className='form-card__title'>组织新一批评审</View>
                <View className='muted' id='round-scope'>
                  待评审 {submitted.length} 项；本批将纳入 {chosen.length} 项，合计应兑付 {formatFen(chosen.reduce((t, r) => t + r.payableFen, 0))}
                </View>
                <FieldRow label='批次名称' required messages={errors.name ? [errors.name] : []}>
                  <TextInput id='round-name' value={name} placeholder='如 2026年第4批兑现评审' maxlength={100} onChange={setName} />
                </FieldRow>
                <FieldRow label='每项专家人数' plain hint='须为奇数，默认 3 人，以多数意见为专家组意见'>
                  <Choice id='round-panel' value={panel} options={PANEL_SIZES} onChange={setPanel} />
                </FieldRow>
                {units.length > 1 && (
                  <FieldRow label='开放单位' plain hint='不选则纳入全部待评审申请'>
                    <Choice id='round-unit' value={unitId} options={[{ code: '', label: '全部' }, ...units.map(([code, label]) => ({ code, label }))]} onChange={setUnitId} />
                  </FieldRow>
                )}
                {chosen.map((r) => (
                  <View key={r.id} className='review-row' data-redemption-id={r.id}>
                    <View className='review-row__main'>
                      <View>{r.projectTitle ?? '兑现申请'}</View>
                      <View className='review-row__sub'>
                        {r.applicantName ?? ''} · {r.unitName ?? ''} · 应兑付 {formatFen(r.payableFen)}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
              {errors.form && (
                <View className='card hint hint--danger' id='round-error'>
                  {errors.form}
                </View>
              )}
              <View className='review-actions'>
                <Button type='primary' block id='open-round' loading={busy} disabled={chosen.length === 0} onClick={() => void open()}>
                  {chosen.length === 0 ? '暂无待评审的申请' : `组织评审（${chosen.length} 项）`}
                </Button>
              </View>
              <View className='section-title'>
                <Text>已组织的评审批次</Text>
              </View>
              {rounds.length === 0 && <EmptyState size='small' title='还没有评审批次' description='组织评审后，可在这里查看专家答复进度并作出结论' />}
              {rounds.map((r) => (
                <View
                  key={r.id}
                  className='card link-card round-row'
                  data-round-id={r.id}
                  onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.reviewRound, { id: r.id }) })}
                >
                  <View className='link-card__main'>
                    <View className='link-card__title'>{r.name}</View>
                    <View className='link-card__sub'>
                      {r.items} 项 · 每项 {r.panelSize} 名专家 · {formatBeijing(r.createdAt)}
                    </View>
                  </View>
                  <Text className='desk__link'>进度 ›</Text>
                </View>
              ))}
              <View className='review-actions'>
                <Button block fill='outline' id='go-notices' onClick={() => void Taro.navigateTo({ url: PAGES.adminNotices })}>
                  兑现公示与异议
                </Button>
                <Button block fill='outline' id='go-batches' onClick={() => void Taro.navigateTo({ url: PAGES.paymentBatches })}>
                  拨付批次
                </Button>
              </View>
            </>
          );
        }}
      </Loaded>
    </View>
  );
}

/** Review rounds: open one over submitted redemptions (filter, odd panel size), and the rounds so far. */
export default function ReviewRounds() {
  return <AdminGate>{() => <Rounds />}</AdminGate>;
}
