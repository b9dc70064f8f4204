/**
 * The app's one API client: Taro.request as the transport, Taro storage for the tokens, and the typed
 * endpoints the founders' and administrators' screens use. Base URL: process.env.TARO_APP_API_BASE ('' on H5: same origin).
 */
import Taro from '@tarojs/taro';
import type { ApplicantProfile, EligibilityResult, TeamMember } from '@kcq/shared';
import { createApiClient, withIdempotentRetry, newIdempotencyKey, type Tokens, type RetryOptions } from './client';
import type {
  ApplicantView,
  LabAnswer,
  MeView,
  PeriodAnswer,
  PeriodInput,
  PeriodView,
  PeriodsAnswer,
  ServicePage,
  ServiceView,
  UnitAnswer,
  VoucherView,
} from './types';

export const API_BASE = process.env.TARO_APP_API_BASE ?? '';
const TOKENS_KEY = 'kcq.tokens';

export const LOGIN_PAGE = '/pages/login/index';

let leaving = false;

function goToSignIn() {
  if (leaving) return;
  const pages = Taro.getCurrentPages();
  const current = pages[pages.length - 1]?.route ?? '';
  if (current.includes('pages/login/index')) return;
  leaving = true;
  void Taro.navigateTo({ url: LOGIN_PAGE }).finally(() => {
    leaving = false;
  });
}

export const client = createApiClient({
  baseUrl: API_BASE,
  transport: async (req) => {
    const res = await Taro.request({
      url: req.url,
      method: req.method,
      data: req.data as Record<string, unknown> | undefined,
      header: req.header,
      timeout: 10_000,
      dataType: 'json',
    });
    return { statusCode: res.statusCode, data: res.data };
  },
  tokens: {
    get: () => {
      const t = Taro.getStorageSync(TOKENS_KEY) as Tokens | '';
      return t && typeof t === 'object' && t.accessToken ? t : null;
    },
    set: (t) => {
      if (t) Taro.setStorageSync(TOKENS_KEY, t);
      else Taro.removeStorageSync(TOKENS_KEY);
    },
  },
  onSignedOut: () => goToSignIn(),
});

export const api = {
  signedIn: () => client.signedIn(),
  /** weapp: a Taro.login() code; H5 demo: `dev:<name>`. */
  signIn: (code: string) => client.signIn(code),
  signOut: () => client.signOut(),
  me: () => client.request<MeView>('GET', '/api/me'),
  periods: () => client.request<PeriodsAnswer>('GET', '/api/periods', { auth: false }),
  period: (id: string) => client.request<PeriodAnswer>('GET', `/api/periods/${encodeURIComponent(id)}`, { auth: false }),
  vouchers: () => client.request<{ vouchers: VoucherView[] }>('GET', '/api/vouchers'),
  cancelVoucher: (id: string, reason?: string) =>
    client.request<VoucherView>('POST', `/api/vouchers/${encodeURIComponent(id)}/cancel`, { body: reason ? { reason } : {} }),
  checkEligibility: (profile: ApplicantProfile) =>
    client.request<EligibilityResult>('POST', '/api/eligibility/check', { body: profile, auth: false }),
  registerApplicant: (profile: ApplicantProfile) => client.request<ApplicantView>('POST', '/api/applicants', { body: profile }),
  updateApplicant: (id: string, profile: ApplicantProfile) =>
    client.request<ApplicantView>('PUT', `/api/applicants/${encodeURIComponent(id)}`, { body: profile }),
  addMember: (id: string, member: TeamMember) =>
    client.request<{ memberId: string; applicant: ApplicantView }>('POST', `/api/applicants/${encodeURIComponent(id)}/members`, {
      body: member,
    }),
  removeMember: (id: string, memberId: string) =>
    client.request<ApplicantView>('DELETE', `/api/applicants/${encodeURIComponent(id)}/members/${encodeURIComponent(memberId)}`),
  // The open-lab catalogue (public: no sign-in needed).
  /** One page of GET /api/catalogue/services; `query` is logic/catalogue's buildQuery() ("?q=…&limit=…&cursor=…"). */
  searchServices: (query: string) => client.request<ServicePage>('GET', `/api/catalogue/services${query}`, { auth: false }),
  service: (id: string) => client.request<ServiceView>('GET', `/api/catalogue/services/${encodeURIComponent(id)}`, { auth: false }),
  lab: (id: string) => client.request<LabAnswer>('GET', `/api/catalogue/labs/${encodeURIComponent(id)}`, { auth: false }),
  openUnit: (id: string) => client.request<UnitAnswer>('GET', `/api/catalogue/open-units/${encodeURIComponent(id)}`, { auth: false }),
  // Administrators (role admin): periods (第十二条).
  createPeriod: (input: PeriodInput) => client.request<PeriodView>('POST', '/api/admin/periods', { body: input }),
  updatePeriod: (id: string, input: PeriodInput) =>
    client.request<PeriodView>('PUT', `/api/admin/periods/${encodeURIComponent(id)}`, { body: input }),
  closePeriod: (id: string) => client.request<PeriodView>('POST', `/api/admin/periods/${encodeURIComponent(id)}/close`, { body: {} }),
  /**
   * The flash claim. One Idempotency-Key per attempt (per tap of 确认领取); a network error or a 503 is
   * retried with the SAME key, so a lost answer can never claim twice.
   */
  claim: (periodId: string, amountFen: number, options: RetryOptions & { key?: string } = {}) => {
    const key = options.key ?? newIdempotencyKey();
    return withIdempotentRetry(
      (k) =>
        client.request<VoucherView>('POST', `/api/periods/${encodeURIComponent(periodId)}/claims`, {
          body: { amountFen },
          headers: { 'Idempotency-Key': k },
        }),
      key,
      options,
    );
  },
};
