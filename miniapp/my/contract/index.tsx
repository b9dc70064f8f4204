import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { ContractFacts, ContractHistory, ContractStatusTag, RedemptionFacts } from '../../components/Contract';
import { PAGES, toast, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { canApplyRedemption, todayInBeijing } from '../../logic/contracts';
import { canAmend } from '../../logic/amend';
import type { ContractView, MeView, NamedRedemption } from '../../services/types';

type Detail = { c: ContractView; me: MeView; redemption: NamedRedemption | null };

/** One contract (第九条3: its parties only): status, unit/service, terms once confirmed, the voucher, history. */
export default function ContractDetail() {
  const id = useRouter().params.id ?? '';
  const [state, setState] = useState<Remote<Detail>>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      const [c, me] = await Promise.all([api.contract(id), api.me()]);
      const redemption = c.status === 'registered' ? await api.redemptionOf(id).catch(() => null) : null;
      setState({ kind: 'ready', data: { c, me, redemption } });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useDidShow(() => void load());

  async function withdraw(c: ContractView) {
    const { confirm } = await Taro.showModal({ title: '撤回合作申请？', content: '撤回后这张券可用于其他合作申请（登记期限内）。', confirmText: '撤回' });
    if (!confirm) return;
    setBusy(true);
    try {
      await api.cancelContract(c.id, '申领单位撤回');
      toast('已撤回');
      await load();
    } catch (e) {
      toast(errorLine(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Loaded state={state} reload={() => void load()} page notFound>
      {(d) => <ContractPage {...d} busy={busy} onWithdraw={(c) => void withdraw(c)} />}
    </Loaded>
  );
}

function ContractPage({ c, me, redemption, busy, onWithdraw }: Detail & { busy: boolean; onWithdraw: (c: ContractView) => void }) {
  const mine = me.applicant?.id === c.applicantId;
  const staff = me.openUnit?.id === c.unitId;
  return (
    <View className='page' id='contract-detail' data-contract-id={c.id} data-status={c.status}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>{c.unitName}</View>
        <View className='detail-head__title'>{c.project.title}</View>
        <ContractStatusTag c={c} redemption={redemption} />
        {c.status === 'proposed' && <View className='detail-head__notice'>等待开放单位确认项目并登记合同（第九条）。</View>}
        {c.status === 'rejected' && c.rejection && (
          <View className='detail-head__notice' id='rejection-reason'>
            开放单位未接受：{c.rejection.reason}。这张券在登记期限内可用于其他合作申请。
          </View>
        )}
      </View>
      <ContractFacts c={c} redemption={redemption} applicantName={redemption?.applicantName} />
      {redemption && (
        <>
          <View className='section-title'>
            <Text>兑现</Text>
          </View>
          <RedemptionFacts r={redemption} />
        </>
      )}
      <ContractHistory c={c} />
      {staff && c.status === 'proposed' && (
        <Button type='primary' block id='open-confirm' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.staffConfirm, { id: c.id }) })}>
          确认或拒绝
        </Button>
      )}
      {staff && !redemption && canApplyRedemption(c, todayInBeijing()) && (
        <Button type='primary' block id='open-redeem' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.staffRedeem, { id: c.id }) })}>
          申请兑现
        </Button>
      )}
      {!redemption && canAmend(c, me.openUnit?.id) && (
        <Button block fill='outline' id='open-amend' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.staffAmend, { id: c.id }) })}>
          变更合同
        </Button>
      )}
      {mine && c.status === 'proposed' && (
        <Button block fill='outline' id='withdraw-proposal' loading={busy} onClick={() => onWithdraw(c)}>
          撤回合作申请
        </Button>
      )}
    </View>
  );
}
