/** @jest-environment jsdom */
/**
 * The mini-program honours 429 RATE_LIMITED (issue #14 item 4): the API client turns it into an error
 * carrying Retry-After, the screens show the BFF's 操作太频繁，请 N 秒后再试, the claim is retried with
 * the same Idempotency-Key only after Retry-After (and not at all when that is long), and a rate-limited
 * refresh keeps the session.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import ClaimSheet from '../components/ClaimSheet';
import { api } from '../services/api';
import { ApiError, createApiClient, withIdempotentRetry, type HttpRequest, type HttpResponse, type Tokens } from '../services/client';
import { describeError, errorLine } from '../services/errors';
import type { VoucherView } from '../services/types';
import { YUAN, openPeriod } from './support/fixtures';

jest.mock('../services/api', () => ({ api: { claim: jest.fn() } }));

const limited = (seconds: number): HttpResponse => ({
  statusCode: 429,
  header: { 'retry-after': String(seconds) },
  data: { error: { code: 'RATE_LIMITED', message: `操作太频繁，请 ${seconds} 秒后再试`, details: { retryAfterSeconds: seconds, limit: 'claimUser' } } },
});

function memoryTokens(initial: Tokens | null) {
  let t = initial;
  return { get: () => t, set: (n: Tokens | null) => void (t = n) };
}

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

/** A client whose transport answers from a script of responses, recording what was sent. */
function scripted(responses: HttpResponse[], tokens = memoryTokens({ accessToken: 'a1', refreshToken: 'r1' })) {
  const sent: HttpRequest[] = [];
  const signedOut: string[] = [];
  const client = createApiClient({
    baseUrl: '',
    tokens,
    transport: async (req) => {
      sent.push(req);
      const next = responses.shift();
      if (!next) throw new Error('no more answers');
      return next;
    },
    onSignedOut: (r) => signedOut.push(r),
  });
  return { client, sent, signedOut, tokens };
}

describe('the API client and 429', () => {
  test('a 429 is RATE_LIMITED with the wait from Retry-After, and the screens show the BFF’s Chinese message', async () => {
    const { client } = scripted([limited(7)]);
    const error = await client.request('POST', '/api/invites/redeem', { body: { code: 'X' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterMs: 7_000 });
    expect(describeError(error)).toMatchObject({ title: '操作太频繁', message: '操作太频繁，请 7 秒后再试' });
    expect(errorLine(error)).toBe('操作太频繁，请 7 秒后再试');
  });

  test('the header wins when a proxy answered 429 without our body', async () => {
    const { client } = scripted([{ statusCode: 429, header: { 'Retry-After': '12' }, data: '<html>Too Many Requests</html>' }]);
    const error = await client.request('GET', '/api/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 12_000 });
    expect(describeError(error).message).toBe('操作太频繁，请稍后再试');
  });

  test('the claim waits Retry-After, then retries with the SAME Idempotency-Key', async () => {
    const { client, sent } = scripted([limited(3), { statusCode: 201, data: voucher }]);
    const waits: number[] = [];
    const v = await withIdempotentRetry(
      (key) => client.request<VoucherView>('POST', '/api/periods/p/claims', { body: { amountFen: 100_000 }, headers: { 'Idempotency-Key': key } }),
      'claim-fixedkey1',
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(v).toEqual(voucher);
    expect(waits).toEqual([3_000]);
    expect(sent.map((r) => r.header['Idempotency-Key'])).toEqual(['claim-fixedkey1', 'claim-fixedkey1']);
  });

  test('a wait longer than the screen should hide is not retried: the error is shown at once', async () => {
    const { client, sent } = scripted([limited(45)]);
    const waits: number[] = [];
    const error = await withIdempotentRetry(
      (key) => client.request('POST', '/api/periods/p/claims', { body: { amountFen: 100_000 }, headers: { 'Idempotency-Key': key } }),
      'claim-fixedkey2',
      { sleep: async (ms) => void waits.push(ms) },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 45_000 });
    expect(waits).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  test('a rate-limited refresh keeps the session (the refresh token was not spent)', async () => {
    const expired: HttpResponse = { statusCode: 401, data: { error: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } } };
    const { client, signedOut, tokens } = scripted([expired, limited(20)]);
    const error = await client.request('GET', '/api/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 20_000 });
    expect(signedOut).toEqual([]);
    expect(tokens.get()).toEqual({ accessToken: 'a1', refreshToken: 'r1' });
  });
});

describe('the claim sheet and 429', () => {
  const claim = jest.mocked(api.claim);
  beforeEach(() => claim.mockReset());

  function renderSheet() {
    render(
      <ClaimSheet
        visible
        period={openPeriod}
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
  const confirm = () => screen.getByRole('button', { name: /确认领取|领取中…|秒后自动重试/ });

  test('while it waits for Retry-After the button says so, then the voucher comes', async () => {
    let release!: () => void;
    let answered!: (v: VoucherView) => void;
    const keys: string[] = [];
    claim.mockImplementation((_periodId, _amountFen, options = {}) =>
      withIdempotentRetry(
        (key) => {
          keys.push(key);
          if (keys.length === 1) return Promise.reject(new ApiError(429, 'RATE_LIMITED', '操作太频繁，请 4 秒后再试', { retryAfterSeconds: 4 }));
          return new Promise<VoucherView>((resolve) => (answered = resolve));
        },
        'claim-sheetkey1',
        { ...options, sleep: () => new Promise<void>((r) => (release = r)) },
      ),
    );
    renderSheet();
    await act(async () => void fireEvent.click(confirm()));
    expect(confirm()).toHaveTextContent('请求较多，4 秒后自动重试');
    await act(async () => release());
    await act(async () => answered(voucher));
    expect(screen.getByRole('dialog')).toHaveAccessibleName('领取成功');
    expect(keys).toEqual(['claim-sheetkey1', 'claim-sheetkey1']);
  });

  test('a long wait is shown as the BFF says it: 操作太频繁，请 N 秒后再试', async () => {
    claim.mockRejectedValue(new ApiError(429, 'RATE_LIMITED', '操作太频繁，请 45 秒后再试', { retryAfterSeconds: 45 }));
    renderSheet();
    await act(async () => void fireEvent.click(confirm()));
    expect(screen.getByRole('dialog')).toHaveTextContent('操作太频繁，请 45 秒后再试');
  });
});
