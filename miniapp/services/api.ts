/**
 * The app's one API client: Taro.request as the transport, Taro storage for the tokens, and the typed
 * endpoints the founders' and administrators' screens use. Base URL: process.env.TARO_APP_API_BASE ('' on H5: same origin).
 */
import Taro from '@tarojs/taro';
import type { AdminStats, ApplicantProfile, EligibilityResult, TeamMember } from '@kcq/shared';
import { rememberTabRole } from '../components/roleTab';
import { tabRoleOf } from '../logic/roleTab';
import { createApiClient, withIdempotentRetry, newIdempotencyKey, type Tokens, type RetryOptions, type Transport } from './client';
import type {
  ApplicantView,
  ContractStatus,
  ContractTerms,
  ContractView,
  EvidenceView,
  MessageView,
  MessagesAnswer,
  ReadAllAnswer,
  UnreadCountAnswer,
  ProposalInput,
  RedemptionStatus,
  RedemptionView,
  LabAnswer,
  MeView,
  PeriodAnswer,
  PeriodInput,
  PeriodView,
  PeriodsAnswer,
  ServiceInput,
  ServicePage,
  ServiceView,
  UnitAnswer,
  UnitLabsAnswer,
  UnitServicePage,
  VoucherView,
  VouchersAnswer,
  AmendInput,
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

const tokenStore = {
  get: (): Tokens | null => {
    const t = Taro.getStorageSync(TOKENS_KEY) as Tokens | '';
    return t && typeof t === 'object' && t.accessToken ? t : null;
  },
  set: (t: Tokens | null) => {
    if (t) Taro.setStorageSync(TOKENS_KEY, t);
    else Taro.removeStorageSync(TOKENS_KEY);
  },
};

/** What an upload stored, and each file it could not store with the reason (an ApiError or a network error). */
export interface EvidenceUpload {
  stored: EvidenceView[];
  refused: { name: string; error: unknown }[];
}

/** A file picked for upload: a temp path on weapp (chooseMessageFile / chooseImage), a File on H5 (<input type=file>). */
export type UploadSource = { name: string; size: number; type?: string } & ({ path: string } | { file: Blob });

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return data ? (JSON.parse(data) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * weapp: one file per Taro.uploadFile (multipart field `files`). WeChat sends the file under its
 * temporary name, so the name the user picked goes along as the `filename` field.
 */
const uploadFileTransport =
  (filePath: string, filename: string): Transport =>
  async (req) => {
    const res = await Taro.uploadFile({ url: req.url, filePath, name: 'files', formData: { filename }, header: req.header, timeout: 60_000 });
    return { statusCode: res.statusCode, data: parseBody(res.data), header: (res as { header?: Record<string, string> }).header };
  };

/** H5: fetch with the FormData as is (the browser writes the multipart boundary). */
const fetchTransport: Transport = async (req) => {
  const res = await fetch(req.url, { method: req.method, headers: req.header, body: req.data as FormData });
  return { statusCode: res.status, data: parseBody(await res.text()), header: { 'Retry-After': res.headers.get('Retry-After') ?? undefined } };
};

const statusQuery = (status?: string) => (status ? `?status=${encodeURIComponent(status)}` : '');
const unreadQuery = (unreadOnly: boolean) => (unreadOnly ? '?unread=true' : '');
const pageQuery = (cursor: string | null) => `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

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
    return { statusCode: res.statusCode, data: res.data, header: res.header as Record<string, string> | undefined };
  },
  tokens: tokenStore,
  onSignedOut: () => goToSignIn(),
});

export const api = {
  signedIn: () => client.signedIn(),
  /** weapp: a Taro.login() code; H5 demo: `dev:<name>`. */
  signIn: (code: string) => client.signIn(code),
  signOut: async () => {
    await client.signOut();
    rememberTabRole('applicant');
  },
  /** Who am I; every answer also sets the tab bar by role (logic/roleTab.ts). */
  me: async () => {
    const me = await client.request<MeView>('GET', '/api/me');
    rememberTabRole(tabRoleOf(me));
    return me;
  },
  periods: () => client.request<PeriodsAnswer>('GET', '/api/periods', { auth: false }),
  period: (id: string) => client.request<PeriodAnswer>('GET', `/api/periods/${encodeURIComponent(id)}`, { auth: false }),
  vouchers: () => client.request<VouchersAnswer>('GET', '/api/vouchers'),
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
  // An open unit's staff: its labs and services (第五条); `id` is the unit (/api/me openUnit.id).
  unitLabs: (id: string) => client.request<UnitLabsAnswer>('GET', `/api/open-units/${encodeURIComponent(id)}/labs`),
  /** One page (≤ 100) of the unit's listed services, oldest first; pass nextCursor back for the next. */
  unitServices: (id: string, cursor: string | null = null) =>
    client.request<UnitServicePage>('GET', `/api/open-units/${encodeURIComponent(id)}/services${pageQuery(cursor)}`),
  addService: (id: string, input: ServiceInput) =>
    client.request<ServiceView>('POST', `/api/open-units/${encodeURIComponent(id)}/services`, { body: input }),
  updateService: (id: string, serviceId: string, input: ServiceInput) =>
    client.request<ServiceView>('PUT', `/api/open-units/${encodeURIComponent(id)}/services/${encodeURIComponent(serviceId)}`, { body: input }),
  /** Withdraw (下架): soft on the BFF; contracts made on it keep it. 204, no body. */
  withdrawService: (id: string, serviceId: string) =>
    client.request<null>('DELETE', `/api/open-units/${encodeURIComponent(id)}/services/${encodeURIComponent(serviceId)}`),
  // Administrators (role admin): periods (第十二条).
  createPeriod: (input: PeriodInput) => client.request<PeriodView>('POST', '/api/admin/periods', { body: input }),
  updatePeriod: (id: string, input: PeriodInput) =>
    client.request<PeriodView>('PUT', `/api/admin/periods/${encodeURIComponent(id)}`, { body: input }),
  closePeriod: (id: string) => client.request<PeriodView>('POST', `/api/admin/periods/${encodeURIComponent(id)}/close`, { body: {} }),
  /** The dashboard figures: vouchers by (derived) status, claims per period (第八条, 第十二条, 第十五条). */
  adminStats: () => client.request<AdminStats>('GET', '/api/admin/stats'),
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
  // Contracts (第九条, 第十二条, 第十五条2, 第十六条): docs/contracts.md.
  /** Mine: an applicant's own, a unit's for its staff, all for administrators. */
  contracts: (status?: ContractStatus) => client.request<{ contracts: ContractView[] }>('GET', `/api/contracts${statusQuery(status)}`),
  contract: (id: string) => client.request<ContractView>('GET', `/api/contracts/${encodeURIComponent(id)}`),
  propose: (input: ProposalInput) => client.request<ContractView>('POST', '/api/contracts', { body: input }),
  confirmContract: (id: string, terms: ContractTerms) =>
    client.request<ContractView>('POST', `/api/contracts/${encodeURIComponent(id)}/confirm`, { body: terms }),
  rejectContract: (id: string, reason: string) =>
    client.request<ContractView>('POST', `/api/contracts/${encodeURIComponent(id)}/reject`, { body: { reason } }),
  /** The unit's staff change a registered contract's terms before redemption (第十二条 50% rule, 第十五条2). */
  amendContract: (id: string, body: AmendInput) =>
    client.request<ContractView>('POST', `/api/contracts/${encodeURIComponent(id)}/amend`, { body }),
  cancelContract: (id: string, reason?: string) =>
    client.request<ContractView>('POST', `/api/contracts/${encodeURIComponent(id)}/cancel`, { body: reason ? { reason } : {} }),
  evidence: (id: string) => client.request<{ evidence: EvidenceView[] }>('GET', `/api/contracts/${encodeURIComponent(id)}/evidence`),
  /**
   * Evidence upload (multipart, field `files`): H5 one FormData request (all stored or none), weapp one
   * Taro.uploadFile per file — so some may be stored and others refused: both are reported.
   */
  uploadEvidence: async (id: string, files: UploadSource[]): Promise<EvidenceUpload> => {
    const path = `/api/contracts/${encodeURIComponent(id)}/evidence`;
    const blobs = files.filter((f): f is UploadSource & { file: Blob } => 'file' in f);
    const paths = files.filter((f): f is UploadSource & { path: string } => 'path' in f);
    const result: EvidenceUpload = { stored: [], refused: [] };
    if (blobs.length) {
      const form = new FormData();
      for (const f of blobs) form.append('files', f.file, f.name);
      try {
        result.stored.push(...(await client.request<{ evidence: EvidenceView[] }>('POST', path, { body: form, transport: fetchTransport })).evidence);
      } catch (error) {
        result.refused.push(...blobs.map((f) => ({ name: f.name, error })));
      }
    }
    for (const f of paths) {
      try {
        result.stored.push(...(await client.request<{ evidence: EvidenceView[] }>('POST', path, { transport: uploadFileTransport(f.path, f.name) })).evidence);
      } catch (error) {
        result.refused.push({ name: f.name, error });
      }
    }
    return result;
  },
  /** Opens one evidence file (it needs the access token, so not a plain link). */
  openEvidence: async (contractId: string, e: EvidenceView): Promise<void> => {
    const url = `${API_BASE}/api/contracts/${encodeURIComponent(contractId)}/evidence/${encodeURIComponent(e.id)}`;
    const header: Record<string, string> = {};
    const t = tokenStore.get();
    if (t) header.Authorization = `Bearer ${t.accessToken}`;
    if (process.env.TARO_ENV === 'h5') {
      const res = await fetch(url, { headers: header });
      if (!res.ok) throw new Error(`下载失败（${res.status}）`);
      const blobUrl = URL.createObjectURL(await res.blob());
      window.open(blobUrl, '_blank');
      return;
    }
    const res = await Taro.downloadFile({ url, header });
    if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}）`);
    if (e.contentType === 'application/pdf') await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
    else await Taro.previewImage({ urls: [res.tempFilePath] });
  },
  // Redemption (第十五条3—5).
  applyRedemption: (id: string, body: { actualAmountFen: number; report: string; evidenceIds: string[] }) =>
    client.request<RedemptionView>('POST', `/api/contracts/${encodeURIComponent(id)}/redemption`, { body }),
  redemptionOf: (id: string) => client.request<RedemptionView>('GET', `/api/contracts/${encodeURIComponent(id)}/redemption`),
  adminRedemptions: (status?: RedemptionStatus) =>
    client.request<{ redemptions: RedemptionView[] }>('GET', `/api/admin/redemptions${statusQuery(status)}`),
  siteVisit: (id: string, note?: string) =>
    client.request<RedemptionView>('POST', `/api/admin/redemptions/${encodeURIComponent(id)}/site-visit`, { body: note ? { note } : {} }),
  approveRedemption: (id: string) => client.request<RedemptionView>('POST', `/api/admin/redemptions/${encodeURIComponent(id)}/approve`, { body: {} }),
  rejectRedemption: (id: string, reason: string) =>
    client.request<RedemptionView>('POST', `/api/admin/redemptions/${encodeURIComponent(id)}/reject`, { body: { reason } }),
  recordPayment: (id: string, reference?: string) =>
    client.request<RedemptionView>('POST', `/api/admin/redemptions/${encodeURIComponent(id)}/pay`, { body: reference ? { reference } : {} }),
  // The message centre.
  messages: (unreadOnly = false) => client.request<MessagesAnswer>('GET', `/api/messages${unreadQuery(unreadOnly)}`),
  unreadCount: () => client.request<UnreadCountAnswer>('GET', '/api/messages/unread-count'),
  markMessageRead: (id: string) => client.request<MessageView>('POST', `/api/messages/${encodeURIComponent(id)}/read`, { body: {} }),
  markAllMessagesRead: () => client.request<ReadAllAnswer>('POST', '/api/messages/read-all', { body: {} }),
};
