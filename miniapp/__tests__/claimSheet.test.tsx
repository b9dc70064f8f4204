/** @jest-environment jsdom */
/**
 * components/ClaimSheet.tsx rendered with React: what a founder sees in each state of the claim sheet
 * (editing → submitting → success | refused) and what its buttons do. Taro's and NutUI's components are
 * the plain test doubles in support/ (see miniapp/jest.config.js); `api.claim` is the controlled fake below.
 */
import '@testing-library/jest-dom';
import type { ComponentProps } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ClaimSheet from '../components/ClaimSheet';
import { api } from '../services/api';
import { ApiError, NETWORK_ERROR, newIdempotencyKey, withIdempotentRetry } from '../services/client';
import type { PeriodView, VoucherView } from '../services/types';
import { YUAN, openPeriod } from './support/fixtures';

jest.mock('../services/api', () => ({ api: { claim: jest.fn() } }));

/** 2026-11-21 12:00 Beijing, on the server clock. */
const NOW = Date.parse('2026-11-21T04:00:00.000Z');

const period = openPeriod;

const nextPeriod: PeriodView = {
  ...period,
  id: 'p_5',
  name: '2026年第五期创新券',
  opensAt: '2026-12-01T02:00:00.000Z', // 2026-12-01 10:00 Beijing
  closesAt: '2026-12-31T00:00:00.000Z',
  remainingFen: 10_000_000 * YUAN,
  status: 'upcoming',
};

const voucher: VoucherView = {
  id: 'v_1',
  periodId: 'p_4',
  applicantId: 'a_1',
  amountFen: 50_000 * YUAN,
  status: 'claimed',
  voidReason: null,
  claimedAt: '2026-11-21T04:00:00.000Z',
  registrationDeadline: '2026-12-06T15:59:59.999Z', // 2026-12-06 23:59:59 Beijing: 15 days (第十五条)
};

// ——— The controlled fake of api.claim ———

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** One POST /api/periods/:id/claims as the fake received it; the test answers it. */
interface Sent {
  periodId: string;
  amountFen: number;
  idempotencyKey: string;
  answer: Deferred<VoucherView>;
}

let sent: Sent[] = [];
/** The waits before each retry, released by the test. */
let pauses: Deferred<void>[] = [];
const claim = jest.mocked(api.claim);

beforeEach(() => {
  sent = [];
  pauses = [];
  claim.mockReset();
  // As services/api.ts does it: one Idempotency-Key per call (per tap of 确认领取), repeated on every retry
  // of a lost answer by withIdempotentRetry, which tells the sheet through onRetry. Only the requests and
  // the waits between them are the test's to answer.
  claim.mockImplementation((periodId, amountFen, options = {}) =>
    withIdempotentRetry(
      (idempotencyKey) => {
        const answer = deferred<VoucherView>();
        sent.push({ periodId, amountFen, idempotencyKey, answer });
        return answer.promise;
      },
      options.key ?? newIdempotencyKey(),
      {
        ...options,
        sleep: () => {
          const pause = deferred<void>();
          pauses.push(pause);
          return pause.promise;
        },
      },
    ),
  );
});

async function answer(i: number, result: VoucherView | ApiError) {
  await act(async () => {
    if (result instanceof ApiError) sent[i].answer.reject(result);
    else sent[i].answer.resolve(result);
  });
}

async function endPause(i: number) {
  await act(async () => pauses[i].resolve());
}

const lost = () => new ApiError(0, NETWORK_ERROR, '网络连接失败，请检查网络后重试', { cause: 'timeout' });

// ——— Rendering ———

type Props = ComponentProps<typeof ClaimSheet>;

function renderSheet(overrides: Partial<Props> = {}) {
  const props: Props = {
    visible: true,
    period,
    allowanceFen: 120_000 * YUAN,
    annualCapFen: 200_000 * YUAN,
    nextPeriod: null,
    nowMs: NOW,
    onClose: jest.fn(),
    onClaimed: jest.fn(),
    onRefused: jest.fn(),
    onAction: jest.fn(),
    ...overrides,
  };
  const view = render(<ClaimSheet {...props} />);
  return { ...view, props, rerenderWith: (more: Partial<Props>) => view.rerender(<ClaimSheet {...props} {...more} />) };
}

const sheet = () => screen.getByRole('dialog');
const amountField = () => screen.getByPlaceholderText<HTMLInputElement>('输入金额（元）');
const confirmButton = () => screen.getByRole('button', { name: /确认领取|领取中…|网络不稳/ });
const button = (name: string) => screen.getByRole('button', { name });

function typeAmount(text: string) {
  fireEvent.change(amountField(), { target: { value: text } });
}

async function tapConfirm() {
  await act(async () => {
    fireEvent.click(confirmButton());
  });
}

/** Taps 确认领取 and has the BFF refuse with `error`. */
async function refusedWith(error: ApiError, overrides: Partial<Props> = {}) {
  const view = renderSheet(overrides);
  await tapConfirm();
  await answer(0, error);
  return view;
}

describe('editing: the sheet opens on the amount to claim', () => {
  test('prefills the period maximum within the allowance and states the allowance, the 第十二条 range and the 第十五条 deadline', () => {
    renderSheet();
    expect(sheet()).toHaveAccessibleName('领取创新券');
    expect(sheet()).toHaveTextContent('2026年第四期创新券');
    expect(amountField()).toHaveValue('50000');
    expect(sheet()).toHaveTextContent('本年度剩余可领 120,000.00 元（年度上限 200,000.00 元）');
    expect(sheet()).toHaveTextContent('可领 1,000.00 元 至 50,000.00 元，须为整数元（第十二条）');
    expect(sheet()).toHaveTextContent('本期剩余额度 9,000,000.00 元，发完即止');
    expect(sheet()).toHaveTextContent('领取后须在 15 日内完成合同登记，逾期作废（第十五条）');
    expect(confirmButton()).toHaveTextContent('确认领取');
    expect(confirmButton()).toBeEnabled();
    expect(claim).not.toHaveBeenCalled();
  });

  test('an allowance below the period maximum caps the prefill and the range (第十二条)', () => {
    renderSheet({ allowanceFen: 30_000 * YUAN });
    expect(amountField()).toHaveValue('30000');
    expect(sheet()).toHaveTextContent('本年度剩余可领 30,000.00 元（年度上限 200,000.00 元）');
    expect(sheet()).toHaveTextContent('可领 1,000.00 元 至 30,000.00 元');
  });

  test('a period with less quota left than the maximum prefills what is left, whole yuan', () => {
    renderSheet({ period: { ...period, remainingFen: 8_000 * YUAN + 50 } });
    expect(amountField()).toHaveValue('8000');
    expect(sheet()).toHaveTextContent('本期剩余额度 8,000.50 元，发完即止');
  });

  test('with under 1,000 yuan of allowance left nothing is prefilled and 确认领取 waits for an amount', () => {
    renderSheet({ allowanceFen: 500 * YUAN });
    expect(amountField()).toHaveValue('');
    expect(confirmButton()).toBeDisabled();
    typeAmount('1000');
    expect(confirmButton()).toBeEnabled();
  });

  test('a hidden sheet shows nothing', () => {
    renderSheet({ visible: false });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('on H5 the tab bar is hidden while the sheet is up and shown again when it closes', () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'h5';
    const hide = jest.spyOn(Taro, 'hideTabBar');
    const show = jest.spyOn(Taro, 'showTabBar');
    try {
      const { rerenderWith } = renderSheet();
      expect(hide).toHaveBeenCalledTimes(1);
      expect(show).not.toHaveBeenCalled();
      rerenderWith({ visible: false });
      expect(show).toHaveBeenCalled();
    } finally {
      process.env.TARO_ENV = env;
      hide.mockRestore();
      show.mockRestore();
    }
  });
});

describe('a bad amount: the inline error, and no request', () => {
  test.each<[string, string, Partial<Props>, string]>([
    ['an empty field', '', {}, '请输入领取金额'],
    ['not a number', '一万', {}, '请输入数字金额（元）'],
    ['fen in the amount', '1000.5', {}, '创新券金额须为整数元'],
    ['under 1,000 yuan', '500', {}, '单张创新券金额不能低于 1,000.00 元'],
    ['over 50,000 yuan', '60000', {}, '单张创新券金额不能超过 50,000.00 元'],
    ['over the period maximum', '30000', { period: { ...period, maxVoucherFen: 20_000 * YUAN } }, '本期单张创新券金额不能超过 20,000.00 元'],
    ['over the allowance left this year', '40000', { allowanceFen: 30_000 * YUAN }, '超过本年度剩余可用额度 30,000.00 元'],
  ])('%s (“%s”) is refused under the field (第十二条) without calling the API', async (_case, text, props, message) => {
    renderSheet(props);
    typeAmount(text);
    await tapConfirm();
    expect(sheet()).toHaveTextContent(message);
    expect(confirmButton()).toHaveTextContent('确认领取');
    expect(amountField()).toBeEnabled();
    expect(claim).not.toHaveBeenCalled();
  });

  test('typing again clears the error; a good amount then goes out', async () => {
    renderSheet();
    typeAmount('500');
    await tapConfirm();
    expect(sheet()).toHaveTextContent('单张创新券金额不能低于 1,000.00 元');
    typeAmount('2000');
    expect(sheet()).not.toHaveTextContent('单张创新券金额不能低于');
    await tapConfirm();
    expect(claim).toHaveBeenCalledWith('p_4', 2_000 * YUAN, expect.objectContaining({ onRetry: expect.any(Function) }));
  });
});

describe('submitting', () => {
  test('确认领取 sends the amount once and shows 领取中… with the field and the button locked', async () => {
    renderSheet();
    await tapConfirm();
    expect(claim).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ periodId: 'p_4', amountFen: 50_000 * YUAN });
    expect(confirmButton()).toHaveTextContent('领取中…');
    expect(confirmButton()).toHaveClass('nut-button-loading');
    expect(amountField()).toBeDisabled();
  });

  test('a second tap while the claim is in flight sends nothing', async () => {
    renderSheet();
    await tapConfirm();
    await tapConfirm();
    expect(claim).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(1);
    await answer(0, voucher);
    expect(claim).toHaveBeenCalledTimes(1);
  });

  test('a lost answer is retried with the same Idempotency-Key, showing 网络不稳，正在重试（n）', async () => {
    const { props } = renderSheet();
    await tapConfirm();
    await answer(0, lost());
    expect(confirmButton()).toHaveTextContent('网络不稳，正在重试（1）');
    expect(amountField()).toBeDisabled();

    await endPause(0);
    await answer(1, lost());
    expect(confirmButton()).toHaveTextContent('网络不稳，正在重试（2）');

    await endPause(1);
    await answer(2, voucher);
    expect(sheet()).toHaveAccessibleName('领取成功');

    // One tap, one claim, one key: three requests carrying the same Idempotency-Key and amount.
    expect(claim).toHaveBeenCalledTimes(1);
    expect(sent.map((s) => s.amountFen)).toEqual([50_000 * YUAN, 50_000 * YUAN, 50_000 * YUAN]);
    expect(new Set(sent.map((s) => s.idempotencyKey)).size).toBe(1);
    expect(props.onClaimed).toHaveBeenCalledWith(voucher);
  });

  test('when every retry is lost: 网络异常 and 重试, which goes back to the same amount; the next tap is a new claim', async () => {
    const { props } = renderSheet();
    await tapConfirm();
    for (let i = 0; i < 3; i += 1) {
      await answer(i, lost());
      await endPause(i);
    }
    await answer(3, lost());

    expect(sheet()).toHaveAccessibleName('未能领取');
    expect(sheet()).toHaveTextContent('网络异常');
    expect(sheet()).toHaveTextContent('网络连接失败，请检查网络后重试');
    expect(props.onRefused).toHaveBeenCalledTimes(1);

    fireEvent.click(button('重试'));
    expect(props.onAction).not.toHaveBeenCalled();
    expect(amountField()).toHaveValue('50000');

    await tapConfirm();
    expect(claim).toHaveBeenCalledTimes(2);
    expect(sent[4].idempotencyKey).not.toBe(sent[0].idempotencyKey);
  });
});

describe('success', () => {
  test('领取成功 shows the voucher amount and its registration deadline (第十五条)', async () => {
    const { props } = renderSheet();
    await tapConfirm();
    await answer(0, { ...voucher, amountFen: 48_000 * YUAN });

    expect(sheet()).toHaveAccessibleName('领取成功');
    expect(sheet()).toHaveTextContent('已领取 48,000.00 元');
    expect(sheet()).toHaveTextContent('请于 2026-12-06 23:59 前完成合同登记');
    expect(sheet()).toHaveTextContent('还剩 15 天 12 小时 · 逾期未登记自动作废（第十五条）');
    expect(screen.queryByPlaceholderText('输入金额（元）')).toBeNull();
    expect(props.onClaimed).toHaveBeenCalledWith({ ...voucher, amountFen: 48_000 * YUAN });
    expect(props.onRefused).not.toHaveBeenCalled();
  });

  test('查看我的券 goes to my vouchers; 返回首页 closes the sheet', async () => {
    const { props } = renderSheet();
    await tapConfirm();
    await answer(0, voucher);

    fireEvent.click(button('查看我的券'));
    expect(props.onAction).toHaveBeenCalledWith('my_vouchers');
    fireEvent.click(button('返回首页'));
    expect(props.onClose).toHaveBeenCalledTimes(1);
  });
});

describe('refused: the reason in Chinese and the next step', () => {
  test('SOLD_OUT: 已抢完, and 查看下一期开放时间 with when the next period opens', async () => {
    const { props } = await refusedWith(new ApiError(409, 'SOLD_OUT', '本期创新券已领完'), { nextPeriod });

    expect(sheet()).toHaveAccessibleName('未能领取');
    expect(sheet()).toHaveTextContent('已抢完');
    expect(sheet()).toHaveTextContent('本期创新券已领完');
    expect(sheet()).toHaveTextContent('下一期「2026年第五期创新券」将于 2026-12-01 10:00 开放，距开放还有 9 天 22 小时');
    expect(props.onRefused).toHaveBeenCalledTimes(1);

    fireEvent.click(button('查看下一期开放时间'));
    expect(props.onAction).toHaveBeenCalledWith('next_period');
  });

  test('SOLD_OUT with no next period announced says so', async () => {
    await refusedWith(new ApiError(409, 'SOLD_OUT', '本期创新券已领完'));
    expect(sheet()).toHaveTextContent('下一期开放时间尚未公布，请留意首页通知');
  });

  test.each([
    {
      code: 'INSUFFICIENT_QUOTA',
      error: new ApiError(409, 'INSUFFICIENT_QUOTA', '本期剩余额度不足您申请的金额，可减少金额后重试', { remainingFen: 3_000 * YUAN }),
      title: '剩余额度不足',
      message: '本期剩余额度不足您申请的金额，可减少金额后重试',
      hint: '本期剩余额度 3,000.00 元，可按此金额重新领取',
      prefill: '3000',
      fen: 3_000 * YUAN,
    },
    {
      code: 'ANNUAL_CAP_EXCEEDED',
      error: new ApiError(422, 'ANNUAL_CAP_EXCEEDED', '超出本年度可领取额度', { allowanceFen: 15_000 * YUAN }),
      title: '超出年度额度',
      message: '超出本年度可领取额度',
      hint: '本年度剩余可领额度 15,000.00 元',
      prefill: '15000',
      fen: 15_000 * YUAN,
    },
  ])('$code: $title with what is left; 调整金额 reopens the field on $prefill yuan (第十二条)', async ({ error, title, message, hint, prefill, fen }) => {
    const { props } = await refusedWith(error);

    expect(sheet()).toHaveAccessibleName('未能领取');
    expect(sheet()).toHaveTextContent(title);
    expect(sheet()).toHaveTextContent(message);
    expect(sheet()).toHaveTextContent(hint);
    expect(props.onRefused).toHaveBeenCalledTimes(1);

    fireEvent.click(button('调整金额'));
    expect(props.onAction).not.toHaveBeenCalled();
    expect(sheet()).toHaveAccessibleName('领取创新券');
    expect(amountField()).toHaveValue(prefill);
    expect(amountField()).toBeEnabled();

    await tapConfirm();
    expect(claim).toHaveBeenLastCalledWith('p_4', fen, expect.anything());
  });

  test.each([
    {
      code: 'ALREADY_CLAIMED',
      error: new ApiError(409, 'ALREADY_CLAIMED', '您已领取过本期创新券'),
      title: '本期已领取',
      message: '您已领取过本期创新券',
      hint: null,
      label: '查看我的券',
      action: 'my_vouchers',
    },
    {
      code: 'NOT_ELIGIBLE',
      error: new ApiError(403, 'NOT_ELIGIBLE', '暂不符合申领条件', {
        failures: [{ code: 'TOO_MANY_EMPLOYEES', clause: '第七条第三项', message: '职工总数为 600 人，超过 500 人', field: 'employees' }],
      }),
      title: '暂不符合申领条件',
      message: '暂不符合申领条件',
      hint: '第七条第三项：职工总数为 600 人，超过 500 人',
      label: '修改申领信息',
      action: 'edit_profile',
    },
  ])('$code: $title, and $label leaves the sheet for $action', async ({ error, title, message, hint, label, action }) => {
    const { props } = await refusedWith(error);

    expect(sheet()).toHaveAccessibleName('未能领取');
    expect(screen.getByText(title, { selector: '.claim-sheet__title' })).toBeInTheDocument();
    expect(screen.getByText(message, { selector: '.claim-sheet__message' })).toBeInTheDocument();
    if (hint) expect(sheet()).toHaveTextContent(hint);
    expect(screen.queryByPlaceholderText('输入金额（元）')).toBeNull();

    fireEvent.click(button(label));
    expect(props.onAction).toHaveBeenCalledTimes(1);
    expect(props.onAction).toHaveBeenCalledWith(action);
  });

  test('关闭 closes the sheet; reopened, it starts again on the prefilled amount', async () => {
    const { props, rerenderWith } = await refusedWith(new ApiError(409, 'SOLD_OUT', '本期创新券已领完'));

    fireEvent.click(within(sheet()).getByText('关闭', { selector: 'button' }));
    expect(props.onClose).toHaveBeenCalledTimes(1);

    rerenderWith({ visible: false });
    expect(screen.queryByRole('dialog')).toBeNull();
    rerenderWith({ visible: true });
    expect(sheet()).toHaveAccessibleName('领取创新券');
    expect(amountField()).toHaveValue('50000');
  });
});
