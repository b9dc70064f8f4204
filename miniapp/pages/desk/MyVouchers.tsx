import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { useServerNow, type Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, goApplicant, goLogin, goTab, toast } from '../../components/nav';
import EmptyState from '../../components/EmptyState';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { useConfirm } from '../../components/Confirm';
import { cancelVoucher } from '../../logic/confirmations';
import type { ContractTerms, ContractView, MeView, PeriodView, RedemptionView, VoucherView } from '../../services/types';
import { clockOffset, formatBeijing } from '../../logic/clock';
import { TIMELINE_STEPS, amountLines, deadlineLine, statusLabel, timelineStep, voucherAmounts } from '../../logic/vouchers';

/** A voucher's registered contract and, once applied for, its redemption: the amounts the card shows. */
type Use = { terms: ContractTerms | null; redemption: RedemptionView | null };

type State =
  | { kind: 'signed_out' }
  | { kind: 'no_applicant' }
  | Remote<{ vouchers: VoucherView[]; periods: Record<string, PeriodView>; uses: Record<string, Use>; offsetMs: number }>;

const TAG = { claimed: 'primary', registered: 'success', redemption_applied: 'success', approved: 'success', paid: 'success', rejected: 'danger', void: 'default' } as const;

/**
 * 我的券, the applicant's face of the role tab (pages/desk): vouchers with status, deadline countdowns
 * and the timeline. `me` is what the desk page loaded on this show (null: signed out); `round` moves
 * on every show and pull-down, and each move reloads.
 */
export default function MyVouchers({ me, round }: { me: MeView | null; round: number }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const now = useServerNow(state.kind === 'ready' ? state.data.offsetMs : 0);

  const load = useCallback(async () => {
    if (!me) {
      setState({ kind: 'signed_out' });
      return;
    }
    if (!me.applicant) {
      setState({ kind: 'no_applicant' });
      return;
    }
    try {
      const sentAt = Date.now();
      const [{ vouchers }, periods, { contracts }] = await Promise.all([api.vouchers(), api.periods(), api.contracts('registered').catch(() => ({ contracts: [] as ContractView[] }))]);
      // 第十二条: what each voucher's registered contract takes, and what a redemption fixed it to pay.
      const uses: Record<string, Use> = {};
      await Promise.all(
        contracts.map(async (c) => {
          const applied = c.voucher.status !== 'registered' && c.voucher.status !== 'claimed' && c.voucher.status !== 'void';
          uses[c.voucherId] = { terms: c.terms, redemption: applied ? await api.redemptionOf(c.id).catch(() => null) : null };
        }),
      );
      setState({
        kind: 'ready',
        data: {
          vouchers,
          uses,
          periods: Object.fromEntries(periods.periods.map((p) => [p.id, p])),
          offsetMs: clockOffset(periods.serverTime, Math.round((sentAt + Date.now()) / 2)),
        },
      });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }, [me]);

  useEffect(() => {
    void load();
  }, [load, round]);

  const [confirmDialog, ask] = useConfirm();
  async function cancel(v: VoucherView) {
    if (!(await ask(cancelVoucher(v.amountFen)))) return;
    try {
      await api.cancelVoucher(v.id, '申领单位主动放弃');
      toast('已放弃');
      void load();
    } catch (e) {
      toast(errorLine(e));
    }
  }

  return (
    <View className='vouchers' id='my-vouchers'>
      {state.kind === 'signed_out' && (
        <EmptyState icon='user' title='登录后查看您的创新券' description='使用微信登录后，已领取的创新券会显示在这里' action={{ text: '去登录', onClick: () => void goLogin() }} />
      )}
      {state.kind === 'no_applicant' && (
        <EmptyState title='还没有登记申领主体' description='先登记企业或创业团队信息并通过资格核验，再到首页领取' action={{ text: '去登记', onClick: () => void goApplicant() }} />
      )}
      {state.kind !== 'signed_out' && state.kind !== 'no_applicant' && (
        <Loaded state={state} reload={() => void load()} rows={[4, 4]} errorTitle='加载失败'>
          {({ vouchers, periods, uses }) =>
            vouchers.length === 0 ? (
              <EmptyState title='还没有创新券' description='发放周期开放时，在首页点击“领取”即可获得创新券' action={{ text: '去首页领取', onClick: () => void goTab(PAGES.home) }} />
            ) : (
              <>
                <View className='card vouchers__contracts' id='vouchers-contracts' onClick={() => void Taro.navigateTo({ url: PAGES.myContracts })}>
                  <Text>我的合同</Text>
                  <Text className='muted'>合作申请、合同登记与兑现进度 ›</Text>
                </View>
                {vouchers.map((v) => (
                  <VoucherCard key={v.id} v={v} use={uses[v.id]} period={periods[v.periodId]} now={now} onCancel={() => void cancel(v)} />
                ))}
              </>
            )
          }
        </Loaded>
      )}
      {confirmDialog}
    </View>
  );
}

/** One voucher: amount, period, status, the deadline that runs now, the timeline. */
function VoucherCard({ v, use, period, now, onCancel }: { v: VoucherView; use?: Use; period: PeriodView | undefined; now: number; onCancel: () => void }) {
  const deadline = deadlineLine(v, now);
  const amounts = amountLines(voucherAmounts(v.amountFen, use?.terms, use?.redemption), (f) => formatFen(f));
  const isVoid = v.status === 'void';
  return (
    <View className={`card voucher ${isVoid ? 'voucher--void' : ''}`} data-voucher-id={v.id} data-status={v.status}>
      <View className='voucher__head'>
        <View>
          <View className='voucher__amount'>
            <Text className='voucher__currency'>¥</Text>
            {formatFen(v.amountFen, { unit: false })}
          </View>
          <View className='muted'>{period?.name ?? '创新券'}</View>
        </View>
        <Tag type={(TAG as Record<string, (typeof TAG)[keyof typeof TAG]>)[v.status] ?? 'success'} round className='voucher__status'>
          {statusLabel(v)}
        </Tag>
      </View>
      {!isVoid && (
        <View className='voucher__amounts' id={`voucher-amounts-${v.id}`}>
          {amounts.map((a) => (
            <View key={a.key} className='voucher__amount-line' data-amount={a.key}>
              <Text className='muted'>{a.label}</Text>
              <Text>{a.value}</Text>
            </View>
          ))}
        </View>
      )}
      {!isVoid && !use?.terms && (
        <View className='voucher__pays' id={`voucher-pays-${v.id}`}>
          最多支付合同实际金额的 50%：合同金额达到 {formatFen(v.amountFen * 2)} 时可用足 {formatFen(v.amountFen)}（第十二条）
        </View>
      )}
      {deadline && <View className='voucher__deadline registration-deadline'>{deadline}</View>}
      {!isVoid && (
        <View className='timeline'>
          {TIMELINE_STEPS.map((t, i) => {
            const step = timelineStep(v.status);
            const state = i + 1 < step ? 'done' : i + 1 === step ? 'current' : 'todo';
            return (
              <View key={t} className={`timeline__step timeline__step--${state}`}>
                <View className='timeline__dot' />
                <Text className='timeline__label'>{t}</Text>
              </View>
            );
          })}
        </View>
      )}
      <View className='voucher__foot'>
        <Text className='muted'>领取于 {formatBeijing(v.claimedAt)}</Text>
      </View>
      {v.status === 'claimed' && (
        <View className='voucher__next hint voucher__next--link' id='voucher-next' onClick={() => void goTab(PAGES.labs)}>
          <Text>下一步：在“实验室”选择开放单位的服务，提交合作项目并完成合同登记</Text>
          <Text className='text-link'>去实验室选服务 ›</Text>
        </View>
      )}
      {v.status === 'claimed' && (
        <View className='danger-zone danger-zone--inline'>
          <Button size='small' type='danger' fill='outline' className='voucher__cancel' onClick={onCancel}>
            放弃此券
          </Button>
        </View>
      )}
    </View>
  );
}
