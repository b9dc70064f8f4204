/**
 * The app's one API client: Taro.request as the transport, Taro storage for the tokens, and the typed
 * endpoints the founders' and administrators' screens use. Base URL: process.env.TARO_APP_API_BASE ('' on H5: same origin).
 */
import Taro from '@tarojs/taro';
import type { AdminStats, ApplicantProfile, CaseStatus, CheckOutcome, EligibilityResult, PublicTransparency, TeamMember } from '@kcq/shared';
import type { SubscribeDecision, SubscriptionsAnswer } from '@kcq/shared';
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
  NamedRedemption,
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
import type {
  Assignment,
  AssignmentSummary,
  BatchView,
  ExpertView,
  FollowUpInput,
  NoticeSummary,
  NoticeView,
  ObjectionView,
  Opinion,
  ReviewItemView,
  RoundInput,
  RoundSummary,
  RoundView,
} from './reviewTypes';
import type {
  CaseDetail,
  CaseFileView,
  CaseView,
  DrawInput,
  MeasureInput,
  OpenCaseInput,
  PartyItems,
  PartyMatch,
  SpotCheckDetail,
  SpotCheckView,
} from './supervisionTypes';

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
  (filePath: string, filename: string, onProgress?: (percent: number) => void): Transport =>
  async (req) => {
    const task = Taro.uploadFile({ url: req.url, filePath, name: 'files', formData: { filename }, header: req.header, timeout: 60_000 });
    // WeChat reports the bytes sent: the real percentage of this file.
    if (onProgress && typeof task.onProgressUpdate === 'function') task.onProgressUpdate((p) => onProgress(p.progress));
    const res = await task;
    return { statusCode: res.statusCode, data: parseBody(res.data), header: (res as { header?: Record<string, string> }).header };
  };

/**
 * H5: XMLHttpRequest with the FormData as is (the browser writes the multipart boundary), because only
 * XHR reports upload progress (bytes sent of the whole body); a network failure rejects like fetch.
 */
const xhrTransport =
  (onProgress?: (percent: number) => void): Transport =>
  (req) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(req.method, req.url);
      for (const [k, v] of Object.entries(req.header ?? {})) if (v !== undefined && k.toLowerCase() !== 'content-type') xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
      };
      xhr.onload = () =>
        resolve({ statusCode: xhr.status, data: parseBody(xhr.responseText), header: { 'Retry-After': xhr.getResponseHeader('Retry-After') ?? undefined } });
      xhr.onerror = () => reject(new TypeError('Failed to fetch'));
      xhr.ontimeout = () => reject(new TypeError('Failed to fetch'));
      xhr.timeout = 60_000;
      xhr.send(req.data as FormData);
    });

const partiesQuery = (q: string) => `?q=${encodeURIComponent(q)}`;
const partyItemsQuery = (kind: string, id: string) => `?kind=${encodeURIComponent(kind)}&id=${encodeURIComponent(id)}`;
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

/**
 * Opens a file the BFF serves to a signed-in user (it needs the access token, so not a plain link): on H5
 * fetched and opened (an .xlsx is saved under its name), on weapp Taro.downloadFile + openDocument
 * (previewImage for a picture).
 */
export async function openFile(path: string, kind: 'pdf' | 'image' | 'xlsx', saveAs?: string): Promise<void> {
  const url = `${API_BASE}${path}`;
  const header: Record<string, string> = {};
  const t = tokenStore.get();
  if (t) header.Authorization = `Bearer ${t.accessToken}`;
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: header });
    if (!res.ok) throw new Error(`下载失败（${res.status}），请稍后重试`);
    const blobUrl = URL.createObjectURL(await res.blob());
    if (saveAs) {
      const a = document.createElement('a');
      a.href = blobUrl;
      a.download = saveAs;
      document.body.appendChild(a);
      a.click();
      a.remove();
    } else window.open(blobUrl, '_blank');
    return;
  }
  const res = await Taro.downloadFile({ url, header });
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}），请稍后重试`);
  if (kind === 'image') await Taro.previewImage({ urls: [res.tempFilePath] });
  else await Taro.openDocument({ filePath: res.tempFilePath, fileType: kind, showMenu: true });
}

/**
 * A multipart upload (field `files`): H5 one FormData request (all stored or none), weapp one
 * Taro.uploadFile per file — so some may be stored and others refused: both are reported. `stored`
 * picks the stored files out of the BFF's answer.
 */
export async function uploadFiles<A, F>(
  path: string,
  files: UploadSource[],
  stored: (answer: A) => F[],
  onProgress?: (name: string, percent: number) => void,
): Promise<{ stored: F[]; refused: { name: string; error: unknown }[] }> {
  const blobs = files.filter((f): f is UploadSource & { file: Blob } => 'file' in f);
  const paths = files.filter((f): f is UploadSource & { path: string } => 'path' in f);
  const result: { stored: F[]; refused: { name: string; error: unknown }[] } = { stored: [], refused: [] };
  if (blobs.length) {
    const form = new FormData();
    for (const f of blobs) form.append('files', f.file, f.name);
    try {
      const all = (percent: number) => blobs.forEach((f) => onProgress?.(f.name, percent));
      result.stored.push(...stored(await client.request<A>('POST', path, { body: form, transport: xhrTransport(all) })));
    } catch (error) {
      result.refused.push(...blobs.map((f) => ({ name: f.name, error })));
    }
  }
  for (const f of paths) {
    try {
      result.stored.push(...stored(await client.request<A>('POST', path, { transport: uploadFileTransport(f.path, f.name, (p) => onProgress?.(f.name, p)) })));
    } catch (error) {
      result.refused.push({ name: f.name, error });
    }
  }
  return result;
}

/** Case and spot-check files as the evidence picker lists them (stored by the same evidence module). */
const asEvidence = (f: CaseFileView): EvidenceView => ({ ...f, contentType: f.contentType as EvidenceView['contentType'], redemptionId: null });

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
  uploadEvidence: (id: string, files: UploadSource[], onProgress?: (name: string, percent: number) => void): Promise<EvidenceUpload> =>
    uploadFiles(`/api/contracts/${encodeURIComponent(id)}/evidence`, files, (a: { evidence: EvidenceView[] }) => a.evidence, onProgress),
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
  redemptionOf: (id: string) => client.request<NamedRedemption>('GET', `/api/contracts/${encodeURIComponent(id)}/redemption`),
  adminRedemptions: (status?: RedemptionStatus) =>
    client.request<{ redemptions: NamedRedemption[] }>('GET', `/api/admin/redemptions${statusQuery(status)}`),
  // Review rounds, public notices, payment batches (第十五条4、5; docs/review.md).
  redeemExpertInvite: (code: string) => client.request<ExpertView>('POST', '/api/expert-invites/redeem', { body: { code } }),
  // 专家库 (administrators): profiles, their ties (recusal) and invite codes (logic/experts.ts builds the bodies).
  experts: () => client.request<{ experts: ExpertView[] }>('GET', '/api/admin/experts'),
  createExpert: (input: Pick<ExpertView, 'name' | 'organisation' | 'fields' | 'ties'>) => client.request<ExpertView>('POST', '/api/admin/experts', { body: input }),
  updateExpert: (id: string, input: Pick<ExpertView, 'name' | 'organisation' | 'fields' | 'ties' | 'active'>) =>
    client.request<ExpertView>('PUT', `/api/admin/experts/${encodeURIComponent(id)}`, { body: input }),
  /** A single-use code for an unbound expert, valid 7 days, shown only now. */
  issueExpertInvite: (id: string) => client.request<{ code: string; expiresAt: string }>('POST', `/api/admin/experts/${encodeURIComponent(id)}/invites`, { body: {} }),
  expertAssignments: () => client.request<{ assignments: AssignmentSummary[] }>('GET', '/api/expert/assignments'),
  expertAssignment: (id: string) => client.request<Assignment>('GET', `/api/expert/assignments/${encodeURIComponent(id)}`),
  giveOpinion: (id: string, opinion: Opinion, comment: string) =>
    client.request<Assignment>('POST', `/api/expert/assignments/${encodeURIComponent(id)}/opinion`, { body: { opinion, comment } }),
  openAssignmentEvidence: (itemId: string, e: EvidenceView) =>
    openFile(`/api/expert/assignments/${encodeURIComponent(itemId)}/evidence/${encodeURIComponent(e.id)}`, e.contentType === 'application/pdf' ? 'pdf' : 'image'),
  reviewRounds: () => client.request<{ rounds: RoundSummary[] }>('GET', '/api/admin/review-rounds'),
  reviewRound: (id: string) => client.request<RoundView>('GET', `/api/admin/review-rounds/${encodeURIComponent(id)}`),
  openReviewRound: (input: RoundInput) => client.request<RoundView>('POST', '/api/admin/review-rounds', { body: input }),
  remindExperts: (id: string) => client.request<{ reminded: number }>('POST', `/api/admin/review-rounds/${encodeURIComponent(id)}/remind`, { body: {} }),
  scheduleFollowUp: (id: string, input: FollowUpInput) =>
    client.request<ReviewItemView>('POST', `/api/admin/review-items/${encodeURIComponent(id)}/follow-up`, { body: input }),
  recordFollowUpOutcome: (id: string, result: 'pass' | 'fail', summary: string) =>
    client.request<ReviewItemView>('POST', `/api/admin/review-items/${encodeURIComponent(id)}/follow-up/outcome`, { body: { result, summary } }),
  decide: (id: string, decision: 'approve' | 'reject', reason?: string) =>
    client.request<ReviewItemView>('POST', `/api/admin/review-items/${encodeURIComponent(id)}/decision`, { body: reason ? { decision, reason } : { decision } }),
  notices: () => client.request<{ notices: NoticeSummary[] }>('GET', '/api/notices', { auth: false }),
  notice: (id: string) => client.request<NoticeView>('GET', `/api/notices/${encodeURIComponent(id)}`, { auth: false }),
  lodgeObjection: (id: string, itemId: string, reason: string) =>
    client.request<ObjectionView>('POST', `/api/notices/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/objections`, { body: { reason } }),
  publishNotice: (title: string, startDay: string) => client.request<NoticeView>('POST', '/api/admin/notices', { body: { title, startDay } }),
  objections: (status?: 'open' | 'dismissed' | 'upheld') => client.request<{ objections: ObjectionView[] }>('GET', `/api/admin/objections${statusQuery(status)}`),
  resolveObjection: (id: string, outcome: 'dismissed' | 'upheld', reason: string) =>
    client.request<ObjectionView>('POST', `/api/admin/objections/${encodeURIComponent(id)}/resolve`, { body: { outcome, reason } }),
  payables: () => client.request<{ redemptions: NamedRedemption[] }>('GET', '/api/admin/payables'),
  paymentBatches: () => client.request<{ batches: BatchView[] }>('GET', '/api/admin/payment-batches'),
  createPaymentBatch: (title: string) => client.request<BatchView>('POST', '/api/admin/payment-batches', { body: { title } }),
  markBatchPaid: (id: string, reference: string) =>
    client.request<BatchView>('POST', `/api/admin/payment-batches/${encodeURIComponent(id)}/paid`, { body: { reference } }),
  /** The batch's .xlsx for the finance office: a download on H5, opened with the phone's viewer on weapp. */
  exportPaymentBatch: (id: string) => openFile(`/api/admin/payment-batches/${encodeURIComponent(id)}/export`, 'xlsx', `拨付批次-${id}.xlsx`),
  // Supervision (第十六、十七、十八条; docs/supervision.md): misconduct cases, measures, spot checks, the public figures.
  transparency: () => client.request<PublicTransparency>('GET', '/api/public/transparency', { auth: false }),
  supervisionCases: (status?: CaseStatus) => client.request<{ items: CaseView[] }>('GET', `/api/admin/supervision/cases${statusQuery(status)}`),
  supervisionCase: (id: string) => client.request<CaseDetail>('GET', `/api/admin/supervision/cases/${encodeURIComponent(id)}`),
  findParties: (q: string) => client.request<{ items: PartyMatch[] }>('GET', `/api/admin/supervision/parties${partiesQuery(q)}`),
  partyItems: (kind: PartyMatch['kind'], id: string) =>
    client.request<PartyItems>('GET', `/api/admin/supervision/party-items${partyItemsQuery(kind, id)}`),
  openCase: (input: OpenCaseInput) => client.request<CaseView>('POST', '/api/admin/supervision/cases', { body: input }),
  openCaseFromCheck: (checkId: string, itemId: string, input: OpenCaseInput) =>
    client.request<CaseView>('POST', `/api/admin/spot-checks/${encodeURIComponent(checkId)}/items/${encodeURIComponent(itemId)}/case`, { body: input }),
  decideCase: (id: string, reason: string, measures: MeasureInput[]) =>
    client.request<CaseView>('POST', `/api/admin/supervision/cases/${encodeURIComponent(id)}/decision`, { body: { reason, measures } }),
  liftSuspension: (id: string) =>
    client.request<CaseView>('POST', `/api/admin/supervision/cases/${encodeURIComponent(id)}/measures`, { body: { action: 'lift_suspension' } }),
  recordRecovery: (id: string, recoveredOn: string) =>
    client.request<CaseView>('POST', `/api/admin/supervision/cases/${encodeURIComponent(id)}/measures`, { body: { action: 'record_recovery', recoveredOn } }),
  uploadCaseFiles: (id: string, files: UploadSource[], onProgress?: (name: string, percent: number) => void): Promise<EvidenceUpload> =>
    uploadFiles(`/api/admin/supervision/cases/${encodeURIComponent(id)}/files`, files, (c: CaseView) => c.files.slice(-files.length).map(asEvidence), onProgress),
  openCaseFile: (id: string, f: CaseFileView) =>
    openFile(`/api/admin/supervision/cases/${encodeURIComponent(id)}/files/${encodeURIComponent(f.id)}`, f.contentType === 'application/pdf' ? 'pdf' : 'image'),
  /** The cases against my applicant or my unit (their measures; the one appeal). */
  myCases: () => client.request<{ items: CaseView[] }>('GET', '/api/supervision/cases'),
  appealCase: (id: string, reason: string) => client.request<CaseView>('POST', `/api/supervision/cases/${encodeURIComponent(id)}/appeal`, { body: { reason } }),
  spotChecks: () => client.request<{ items: SpotCheckView[] }>('GET', '/api/admin/spot-checks'),
  spotCheck: (id: string) => client.request<SpotCheckDetail>('GET', `/api/admin/spot-checks/${encodeURIComponent(id)}`),
  drawSpotCheck: (input: DrawInput) => client.request<SpotCheckView>('POST', '/api/admin/spot-checks', { body: input }),
  uploadCheckFiles: (id: string, files: UploadSource[], onProgress?: (name: string, percent: number) => void): Promise<EvidenceUpload> =>
    uploadFiles(`/api/admin/spot-checks/${encodeURIComponent(id)}/files`, files, (a: { files: CaseFileView[] }) => a.files.map(asEvidence), onProgress),
  recordCheck: (id: string, itemId: string, body: { outcome: CheckOutcome; notes?: string; fileIds: string[] }) =>
    client.request<SpotCheckView>('POST', `/api/admin/spot-checks/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/check`, { body }),
  openCheckFile: (id: string, itemId: string, fileId: string, kind: 'pdf' | 'image' = 'pdf') =>
    openFile(`/api/admin/spot-checks/${encodeURIComponent(id)}/items/${encodeURIComponent(itemId)}/files/${encodeURIComponent(fileId)}`, kind),
  // The message centre.
  messages: (unreadOnly = false) => client.request<MessagesAnswer>('GET', `/api/messages${unreadQuery(unreadOnly)}`),
  unreadCount: () => client.request<UnreadCountAnswer>('GET', '/api/messages/unread-count'),
  markMessageRead: (id: string) => client.request<MessageView>('POST', `/api/messages/${encodeURIComponent(id)}/read`, { body: {} }),
  markAllMessagesRead: () => client.request<ReadAllAnswer>('POST', '/api/messages/read-all', { body: {} }),
  // Subscribe-message consent (services/subscribe.ts): the templates to ask for, and WeChat's answers.
  subscriptions: () => client.request<SubscriptionsAnswer>('GET', '/api/me/subscriptions'),
  recordSubscriptions: (results: Record<string, SubscribeDecision>) => client.request<SubscriptionsAnswer>('POST', '/api/me/subscriptions', { body: { results } }),
};
