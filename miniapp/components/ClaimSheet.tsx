import { useEffect, useReducer } from 'react';
import Taro from '@tarojs/taro';
import { Input as TaroInput, Text, View } from '@tarojs/components';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { formatFen, VOUCHER_MIN_FEN } from '@kcq/shared';
import { api } from '../services/api';
import type { NextAction } from '../services/errors';
import type { PeriodView, VoucherView } from '../services/types';
import {
  checkAmountInput,
  claimSheetReducer,
  defaultClaimAmountFen,
  describeAllowance,
  initialSheet,
  maxClaimAmountFen,
  retryEvent,
  submittingLabel,
  suggestedAmountAfterRefusal,
} from '../logic/claim';
import { formatBeijing, formatDaysLeft } from '../logic/clock';
import { BanRefusal } from './SanctionBanner';
import SubscribePrompt from './SubscribePrompt';

interface Props {
  visible: boolean;
  period: PeriodView | null;
  allowanceFen: number;
  annualCapFen: number;
  nextPeriod: PeriodView | null;
  nowMs: number;
  onClose: () => void;
  onClaimed: (v: VoucherView) => void;
  /** A refusal: the screen re-reads the period (a SOLD_OUT card should say so at once). */
  onRefused?: () => void;
  /** Next steps that leave the sheet: my vouchers, the applicant form, the next period, sign-in. */
  onAction: (action: NextAction) => void;
}

/**
 * The claim sheet: amount prefilled to the period maximum within the allowance → 确认领取 → result.
 * States (logic/claim.ts): editing → submitting (retries with one Idempotency-Key) → success | refused.
 */
export default function ClaimSheet({ visible, period, allowanceFen, annualCapFen, nextPeriod, nowMs, onClose, onClaimed, onRefused, onAction }: Props) {
  const [state, dispatch] = useReducer(claimSheetReducer, initialSheet(null));
  const prefill = period ? defaultClaimAmountFen(period, allowanceFen) : null;

  // On H5 Taro draws the tab bar inside the page, above any popup of the page: hide it while the sheet
  // is up (on weapp the native tab bar sits below the page, the sheet already ends above it).
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    if (visible) void Taro.hideTabBar({ animation: false }).catch(() => undefined);
    else void Taro.showTabBar({ animation: false }).catch(() => undefined);
    return () => {
      if (visible) void Taro.showTabBar({ animation: false }).catch(() => undefined);
    };
  }, [visible]);

  useEffect(() => {
    if (visible) dispatch({ type: 'open', amountFen: prefill });
    // Re-prefill only when the sheet opens or the period changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, period?.id]);

  if (!period) return null;
  const max = maxClaimAmountFen(period, allowanceFen);

  async function submit() {
    if (!period || state.step !== 'editing') return;
    const check = checkAmountInput(state.amountText, period, allowanceFen);
    dispatch({ type: 'submit', check });
    if (!check.ok) return;
    try {
      const voucher = await api.claim(period.id, check.amountFen, {
        // BUSY (the crowd) shows 排队中，正在重试…; every retry carries the same Idempotency-Key.
        onRetry: (attempt, e) => dispatch(retryEvent(attempt, e)),
      });
      dispatch({ type: 'claimed', voucher });
      onClaimed(voucher);
    } catch (e) {
      dispatch({ type: 'failed', error: e });
      onRefused?.();
    }
  }

  function next(action: NextAction) {
    if (state.step !== 'refused') return;
    if (action === 'adjust_amount') {
      dispatch({ type: 'adjust', amountFen: suggestedAmountAfterRefusal(state.error.code, state.error.details) });
      return;
    }
    if (action === 'retry') {
      dispatch({ type: 'adjust' });
      return;
    }
    onAction(action);
  }

  const title = state.step === 'success' ? '领取成功' : state.step === 'refused' ? '未能领取' : '领取创新券';

  return (
    <Popup visible={visible} position='bottom' round closeable title={title} onClose={onClose} className='claim-popup'>
      <View className='claim-sheet' id='claim-sheet' data-step={state.step}>
        {(state.step === 'editing' || state.step === 'submitting') && (
          <>
            <View className='claim-sheet__period'>{period.name}</View>
            <View className='claim-sheet__amount'>
              <Text className='claim-sheet__currency'>¥</Text>
              <TaroInput
                id='claim-amount'
                className='claim-sheet__input'
                type='number'
                value={state.amountText}
                disabled={state.step === 'submitting'}
                placeholder='输入金额（元）'
                onInput={(e) => dispatch({ type: 'edit', text: e.detail.value })}
              />
              <Text className='muted'>元</Text>
            </View>
            {state.step === 'editing' && state.error && <View className='claim-sheet__error'>{state.error}</View>}
            <View className='claim-sheet__facts'>
              <Text>{describeAllowance(allowanceFen, annualCapFen)}</Text>
              <Text>
                可领 {formatFen(VOUCHER_MIN_FEN)} 至 {formatFen(Math.max(max, VOUCHER_MIN_FEN))}，须为整数元（第十二条）
              </Text>
              <Text>{period.remainingUnknown ? '本期剩余额度暂时无法获取，发完即止' : `本期剩余额度 ${formatFen(period.remainingFen)}，发完即止`}</Text>
              <Text id='claim-pays'>创新券最多支付合同实际金额的 50%：合同金额达到券面的 2 倍时才能用足（第十二条）</Text>
              <Text>领取后须在 15 日内完成合同登记，逾期作废（第十五条）</Text>
            </View>
            <View className='claim-sheet__confirm'>
              <Button
                id='claim-confirm'
                type='primary'
                block
                size='large'
                loading={state.step === 'submitting'}
                disabled={prefill === null && state.step === 'editing' && !state.amountText}
                onClick={() => void submit()}
              >
                {state.step === 'submitting' ? submittingLabel(state) : '确认领取'}
              </Button>
            </View>
          </>
        )}

        {state.step === 'success' && (
          <View className='claim-sheet__result' id='claim-result' data-result='success'>
            <View className='claim-sheet__icon claim-sheet__icon--ok'>✓</View>
            <View className='claim-sheet__title'>已领取 {formatFen(state.voucher.amountFen)}</View>
            <View className='claim-sheet__deadline'>
              <View>
                请于 <Text className='danger-text'>{formatBeijing(state.voucher.registrationDeadline)}</Text> 前完成合同登记
              </View>
              <View className='muted'>{formatDaysLeft(Date.parse(state.voucher.registrationDeadline), nowMs)} · 逾期未登记自动作废（第十五条）</View>
            </View>
            {/* Issue #19: after a claim, WeChat may remind once before the registration deadline. */}
            <SubscribePrompt topic='registration_reminder' label='登记截止前微信提醒我' />
            <View className='claim-sheet__buttons'>
              <Button type='primary' block size='large' id='go-vouchers' onClick={() => onAction('my_vouchers')}>
                查看我的券
              </Button>
              <Button block size='large' fill='outline' onClick={onClose}>
                返回首页
              </Button>
            </View>
          </View>
        )}

        {state.step === 'refused' && (
          <View className='claim-sheet__result' id='claim-result' data-result='refused' data-code={state.error.code}>
            <View className='claim-sheet__icon claim-sheet__icon--fail'>!</View>
            <View className='claim-sheet__title'>{state.error.title}</View>
            <View className='claim-sheet__message'>{state.error.message}</View>
            {/* 第十七条: a ban's last day and the day claiming is possible again. */}
            {state.error.code === 'APPLICANT_BANNED' && <BanRefusal details={state.error.details} />}
            {state.error.hints.length > 0 && (
              <View className='claim-sheet__hints hint-list'>
                {state.error.hints.map((h) => (
                  <View key={h} className='eligibility__item eligibility__item--fail'>
                    {h}
                  </View>
                ))}
              </View>
            )}
            {state.error.next?.action === 'next_period' && (
              <View className='claim-sheet__deadline next-period-hint'>
                {nextPeriod
                  ? `下一期「${nextPeriod.name}」将于 ${formatBeijing(nextPeriod.opensAt)} 开放，${formatDaysLeft(Date.parse(nextPeriod.opensAt), nowMs).replace('还剩', '距开放还有')}`
                  : '下一期开放时间尚未公布，请留意首页通知'}
              </View>
            )}
            <View className='claim-sheet__buttons'>
              {state.error.next && (
                <Button type='primary' block size='large' id='claim-next-step' onClick={() => next(state.error.next!.action)}>
                  {state.error.next.label}
                </Button>
              )}
              <Button block size='large' fill='outline' onClick={onClose}>
                关闭
              </Button>
            </View>
          </View>
        )}
      </View>
    </Popup>
  );
}

