import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MISCONDUCT_LABELS, type CaseStatus } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { CaseView } from '../../services/supervisionTypes';
import { formatBeijing } from '../../logic/clock';
import { CaseStatusTag, Pick, partyLabel } from '../components/supervision';

const FILTERS: { code: CaseStatus | 'all'; label: string }[] = [
  { code: 'all', label: '全部' },
  { code: 'open', label: '待处理' },
  { code: 'decided', label: '已决定' },
  { code: 'appealed', label: '已申诉' },
  { code: 'revised', label: '已复核' },
];

function Cases() {
  const [filter, setFilter] = useState<CaseStatus | 'all'>('all');
  const [state, setState] = useState<Remote<CaseView[]>>({ kind: 'loading' });

  async function load(f = filter) {
    try {
      setState({ kind: 'ready', data: (await api.supervisionCases(f === 'all' ? undefined : f)).items });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  useDidShow(() => void load());

  return (
    <View className='page' id='supervision-cases'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>违规案件</View>
        <View className='admin-hero__sub'>对违规行为立案调查，按情节作出暂停拨付、追回资金、取消三年申报资格、除名、记入诚信记录等处理（第十六、十七条）</View>
      </View>
      <View className='review-actions'>
        <Button type='primary' block id='new-case' onClick={() => void Taro.navigateTo({ url: PAGES.supervisionCaseForm })}>
          立案
        </Button>
        <Button block fill='outline' id='go-spot-checks' onClick={() => void Taro.navigateTo({ url: PAGES.spotChecks })}>
          监督抽查
        </Button>
      </View>
      <View className='sup-tabs' id='case-filters'>
        {FILTERS.map((f) => (
          <Pick
            key={f.code}
            on={filter === f.code}
            data={f.code}
            onClick={() => {
              setFilter(f.code);
              setState({ kind: 'loading' });
              void load(f.code);
            }}
          >
            {f.label}
          </Pick>
        ))}
      </View>
      <Loaded state={state} reload={() => void load()} rows={4} errorTitle='加载失败'>
        {(cases) => (
          <>
            {cases.length === 0 && <EmptyState size='small' title='没有符合条件的案件' description='发现违规线索或抽查发现问题时，点击“立案”' />}
            {cases.map((c) => (
              <View key={c.id} className='card link-card case-row' data-case-id={c.id} data-status={c.status} onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.supervisionCase, { id: c.id }) })}>
                <View className='link-card__main'>
                  <View className='link-card__title'>{partyLabel(c.party)}</View>
                  <View className='link-card__sub'>{c.misconduct.map((m) => MISCONDUCT_LABELS[m.kind]).join('、')}</View>
                  <View className='link-card__sub'>立案于 {formatBeijing(c.openedAt)}</View>
                </View>
                <CaseStatusTag status={c.status} />
              </View>
            ))}
          </>
        )}
      </Loaded>
    </View>
  );
}

/** 违规案件 (第十六、十七条): the cases by status, 立案, the way to spot checks. */
export default function SupervisionCases() {
  return <AdminGate>{() => <Cases />}</AdminGate>;
}
