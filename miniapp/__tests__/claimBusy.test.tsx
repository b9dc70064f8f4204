/** @jest-environment jsdom */
/**
 * The claim day on a bad day (issue #20), on the phone: a claim the BFF sheds (503 BUSY + Retry-After) or
 * cannot decide (503 SERVICE_UNAVAILABLE) is retried with jittered back-off and the SAME Idempotency-Key,
 * the sheet says 排队中，正在重试…, and a period whose remaining quota is unknown says so.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import ClaimSheet from '../components/ClaimSheet';
import { api } from '../services/api';
import { ApiError, createApiClient, withIdempotentRetry, type HttpResponse, type Tokens } from '../services/client';
import type { VoucherView } from '../services/types';
import { YUAN, openPeriod } from './support/fixtures';

jest.mock('../services/api', () => ({ api: { claim: jest.fn() } }));

const busy: HttpResponse = {
  statusCode: 503,
  header: { 'Retry-After': '1' },
  data: { error: { code: 'BUSY', message: '当前领取人数较多，正在排队，请稍后重试', details: { retryAfterSeconds: 1 } } },
};

const voucher: VoucherView = {
  id: 'v_1',
  periodId: openPeriod.id,
  applicantId: 'a_1',
  amountFen: 50_000 * YUAN,
  status: 'claimed',
  voidReason: null,
  claimedAt: '2026-11-21T04:00:00.000Z',
  registrationDeadline: '2026-12-06T15:59:59.999Z',
};

function scripted(answers: HttpResponse[]) {
  let tokens: Tokens | null = { accessToken: 'a1', refreshToken: 'r1' };
  const keys: string[] = [];
  const client = createApiClient({
    baseUrl: '',
    tokens: { get: () => tokens, set: (t) => void (tokens = t) },
    transport: async (req) => {
      keys.push(req.header['Idempotency-Key']);
      return answers.shift()!;
    },
  });
  const claim = () =>
    client.request<VoucherView>('POST', '/api/periods/p/claims', { body: { amountFen: 100_000 }, headers: { 'Idempotency-Key': 'claim-busykey01' } });
  return { claim, keys };
}

describe('503 BUSY and SERVICE_UNAVAILABLE are retried with the same key after Retry-After plus jitter', () => {
  test('BUSY carries Retry-After from the header, and is retried past the ordinary retry budget', async () => {
    const { claim, keys } = scripted([busy, busy, busy, busy, busy, { statusCode: 201, data: voucher }]);
    const waits: number[] = [];
    const v = await withIdempotentRetry(() => claim(), 'claim-busykey01', {
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    expect(v).toEqual(voucher);
    expect(keys).toEqual(Array(6).fill('claim-busykey01'));
    // Never sooner than Retry-After (1 s), spread by half of the back-off step (400, 1200, 2500, 2500…).
    expect(waits).toEqual([1_200, 1_600, 2_250, 2_250, 2_250]);
  });

  test('the jitter spreads a shed crowd: two phones shed together do not come back together', async () => {
    const wait = async (random: number) => {
      const waits: number[] = [];
      const { claim } = scripted([busy, { statusCode: 201, data: voucher }]);
      await withIdempotentRetry(() => claim(), 'claim-busykey01', { sleep: async (ms) => void waits.push(ms), random: () => random });
      return waits[0];
    };
    expect(await wait(0.1)).not.toBe(await wait(0.9));
    expect(Math.min(await wait(0), await wait(0.99))).toBeGreaterThanOrEqual(1_000);
  });

  test('BUSY is given up after maxBusyRetries with the BUSY error (the sheet offers 重试)', async () => {
    const { claim } = scripted(Array(4).fill(busy));
    const error = await withIdempotentRetry(() => claim(), 'claim-busykey01', { sleep: async () => undefined, maxBusyRetries: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 'BUSY', retryAfterMs: 1_000 });
  });

  test('SERVICE_UNAVAILABLE with Retry-After (Redis down) waits at least that long', async () => {
    const down: HttpResponse = { ...busy, data: { error: { code: 'SERVICE_UNAVAILABLE', message: '领取服务暂时不可用，请稍后重试（不会重复领取）' } } };
    const { claim } = scripted([down, { statusCode: 201, data: voucher }]);
    const waits: number[] = [];
    await withIdempotentRetry(() => claim(), 'claim-busykey01', { sleep: async (ms) => void waits.push(ms), random: () => 0 });
    expect(waits).toEqual([1_000]);
  });
});

describe('the claim sheet while shed', () => {
  const claim = jest.mocked(api.claim);
  beforeEach(() => claim.mockReset());

  function renderSheet(period = openPeriod) {
    render(
      <ClaimSheet
        visible
        period={period}
        allowanceFen={120_000 * YUAN}
        annualCapFen={200_000 * YUAN}
        nextPeriod={null}
        nowMs={Date.parse('2026-11-21T04:00:00.000Z')}
        onClose={jest.fn()}
        onClaimed={jest.fn()}
        onRefused={jest.fn()}
        onAction={jest.fn()}
      />,
    );
  }

  test('says 排队中，正在重试… while BUSY is retried, then shows the one voucher', async () => {
    let release!: () => void;
    let answered!: (v: VoucherView) => void;
    const keys: string[] = [];
    claim.mockImplementation((_periodId, _amountFen, options = {}) =>
      withIdempotentRetry(
        (key) => {
          keys.push(key);
          if (keys.length === 1) return Promise.reject(new ApiError(503, 'BUSY', '当前领取人数较多，正在排队，请稍后重试', { retryAfterSeconds: 1 }));
          return new Promise<VoucherView>((resolve) => (answered = resolve));
        },
        'claim-sheetbusy1',
        { ...options, sleep: () => new Promise<void>((r) => (release = r)) },
      ),
    );
    renderSheet();
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '确认领取' })));
    expect(screen.getByRole('button', { name: /排队中/ })).toHaveTextContent('排队中，正在重试…');
    await act(async () => release());
    await act(async () => answered(voucher));
    expect(screen.getByRole('dialog')).toHaveAccessibleName('领取成功');
    expect(keys).toEqual(['claim-sheetbusy1', 'claim-sheetbusy1']);
  });

  test('a period whose remaining quota is unknown (Redis down) does not show a figure', () => {
    renderSheet({ ...openPeriod, remainingUnknown: true });
    expect(screen.getByRole('dialog')).toHaveTextContent('本期剩余额度暂时无法获取');
  });
});
