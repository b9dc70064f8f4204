import type Router from '@koa/router';
import { sendFile } from '../sendFile';
import { z } from 'zod';
import { VOID_REASONS, VOUCHER_STATUSES, textSchema } from '@kcq/shared';
import { amendSchema, CONTRACT_STATUSES, proposalSchema, termsSchema } from '../../domain/contracts';
import { DomainError } from '../../domain/errors';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES_PER_REQUEST, EVIDENCE_TYPES, evidenceView } from '../../domain/evidence';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppContext, AppState } from '../context';
import { readFiles } from '../multipart';
import type { RouteRegistry } from '../route';
import { limit, type RateLimits } from '../middleware/rateLimit';
import { id, idParams, isoDate } from './schemas';

const termsViewSchema = z.object({
  contractNo: z.string(),
  contractAmountFen: z.number().int(),
  startDay: z.string(),
  endDay: z.string(),
  voucherAmountFen: z.number().int(),
});

export const contractViewSchema = z.object({
  id: z.string(),
  voucherId: z.string(),
  applicantId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  serviceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  project: z.object({ title: z.string(), description: z.string() }).describe('第九条3: confidential'),
  status: z.enum(CONTRACT_STATUSES).describe('A proposal whose voucher is void (derived) reads as lapsed'),
  terms: termsViewSchema.nullable(),
  voucher: z.object({
    amountFen: z.number().int(),
    status: z.enum(VOUCHER_STATUSES),
    voidReason: z.enum(VOID_REASONS).nullable(),
    registrationDeadline: isoDate,
    validUntil: isoDate.nullable().describe('第十五条2: end of registration day + 3 months, Beijing time'),
    redemptionDeadline: isoDate.nullable().describe('第十五条3: end of contract end day + 1 month, Beijing time'),
  }),
  maxVoucherAmountFen: z.number().int().nullable().describe('第十二条: min(voucher, floor(50% of the contract))'),
  proposedAt: isoDate,
  registeredAt: isoDate.nullable(),
  rejection: z.object({ reason: z.string(), at: isoDate }).nullable(),
  amendments: z.array(z.object({ at: isoDate, reason: z.string().nullable(), before: termsViewSchema, after: termsViewSchema })),
  closed: z.object({ at: isoDate, role: z.string(), reason: z.string().nullable() }).nullable(),
});

export const evidenceViewSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.enum(EVIDENCE_TYPES),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: isoDate,
  redemptionId: z.string().nullable(),
});

const reasonBody = z.strictObject({
  reason: textSchema('原因', { max: 200, multiline: true, tooLongMessage: '原因不超过200字' }),
});

function contractOf(ctx: AppContext) {
  const c = ctx.state.contract;
  if (!c) throw new Error('handler needs a contract policy');
  return c;
}

/**
 * Contracts (第九条, 第十二条, 第十五条2, 第十六条): the applicant proposes, the unit's staff confirm (=
 * contract registration) or reject, amend, cancel; evidence for the redemption is uploaded here too.
 * Confidential (第九条3): only the applicant, the unit's staff and administrators know a contract exists.
 */
export function contractRoutes(
  router: Router<AppState>,
  registry: RouteRegistry,
  services: Services,
  p: Policies,
  limits: RateLimits,
): void {
  const { contracts, evidence } = services;

  registry.add(router, {
    method: 'get',
    path: '/api/contracts',
    summary: "My contracts, newest first: an applicant's own, a unit's for its staff, every one for administrators",
    tags: ['contracts'],
    auth: p.party,
    query: z.strictObject({ status: z.enum(CONTRACT_STATUSES).optional() }),
    responses: { 200: { description: 'Contracts', schema: z.object({ contracts: z.array(contractViewSchema) }) } },
    handler: async (ctx, { query }) => {
      const me = caller(ctx);
      return { contracts: await contracts.list({ applicantId: me.applicantId, unitId: me.openUnitId, all: me.isAdmin }, query.status) };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/contracts',
    summary:
      'Propose a project to a service (or an open unit) with one of my claimed vouchers, within its registration window; declare no municipal S&T funding (第十二条, 第十五条2, 第十六条)',
    tags: ['contracts'],
    auth: p.applicant,
    body: proposalSchema,
    responses: {
      201: { description: 'The proposal', schema: contractViewSchema },
      400: { description: 'VALIDATION_FAILED' },
      404: { description: 'NOT_FOUND: no such voucher of mine, service or unit' },
      409: {
        description:
          'VOUCHER_HAS_CONTRACT (第十六条), VOUCHER_NOT_AVAILABLE, REGISTRATION_DEADLINE_PASSED, OPEN_UNIT_NOT_ACTIVE, OPEN_UNIT_NOT_RECOGNISED, SERVICE_NOT_VOUCHER_ELIGIBLE',
      },
      422: { description: 'MUNICIPAL_FUNDING_DECLARED (第十二条)' },
    },
    handler: async (ctx, { body }) => {
      const me = caller(ctx);
      if (!me.applicantId) throw new DomainError('FORBIDDEN', '请先登记申领主体');
      return contracts.view(await contracts.propose(me.applicantId, me.userId, body));
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/contracts/:id',
    summary: 'One contract with its voucher, derived status and deadlines (第九条3: parties only)',
    tags: ['contracts'],
    auth: p.contractView(),
    params: idParams,
    responses: { 200: { description: 'The contract', schema: contractViewSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx) => contracts.view(contractOf(ctx)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/contracts/:id/confirm',
    summary:
      "Confirm and register the contract (unit staff): number, amount, start and end days, voucher amount ≤ min(voucher, 50% of the contract). The voucher becomes registered, valid to registration day + 3 months; the contract must end within it. An identical repeat answers the same contract.",
    tags: ['contracts'],
    auth: p.contractStaff(),
    params: idParams,
    body: termsSchema,
    responses: {
      200: { description: 'The registered contract', schema: contractViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'CONTRACT_STATE, CONTRACT_ALREADY_CONFIRMED, REGISTRATION_DEADLINE_PASSED, INVALID_TRANSITION' },
      422: { description: 'VOUCHER_AMOUNT_TOO_HIGH (details.maxFen), CONTRACT_END_OUT_OF_RANGE, CONTRACT_DATES_INVALID' },
    },
    handler: async (ctx, { body }) => contracts.view(await contracts.confirm(contractOf(ctx), caller(ctx).userId, body)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/contracts/:id/reject',
    summary: 'Decline the proposal with a reason (unit staff); the voucher is free again while its window lasts',
    tags: ['contracts'],
    auth: p.contractStaff(),
    params: idParams,
    body: reasonBody,
    responses: { 200: { description: 'The rejected proposal', schema: contractViewSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'CONTRACT_STATE' } },
    handler: async (ctx, { body }) => contracts.view(await contracts.reject(contractOf(ctx), caller(ctx).userId, body.reason)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/contracts/:id/amend',
    summary: 'Amend a registered contract before redemption (unit staff); the change is kept with before and after',
    tags: ['contracts'],
    auth: p.contractStaff(),
    params: idParams,
    body: amendSchema,
    responses: {
      200: { description: 'The amended contract', schema: contractViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'CONTRACT_STATE, INVALID_TRANSITION (redemption applied), deadline errors, CONFLICT' },
      422: { description: 'VOUCHER_AMOUNT_TOO_HIGH, CONTRACT_END_OUT_OF_RANGE, CONTRACT_DATES_INVALID' },
    },
    handler: async (ctx, { body }) => contracts.view(await contracts.amend(contractOf(ctx), caller(ctx).userId, body)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/contracts/:id/cancel',
    summary:
      'Withdraw a proposal (its applicant), or cancel a registered contract (applicant, unit staff, administrator): the voucher becomes void and releases its amount',
    tags: ['contracts'],
    auth: p.contractView(),
    params: idParams,
    body: z.strictObject({ reason: textSchema('原因', { max: 200, required: false, multiline: true }).optional() }),
    responses: {
      200: { description: 'The withdrawn or cancelled contract', schema: contractViewSchema },
      403: { description: 'ACTOR_NOT_ALLOWED' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'CONTRACT_STATE, INVALID_TRANSITION (redemption applied), deadline errors' },
    },
    handler: async (ctx, { body }) => {
      const role = ctx.state.contractRole;
      if (!role) throw new Error('handler needs a contract policy');
      return contracts.view(await contracts.cancel(contractOf(ctx), { id: caller(ctx).userId, role }, body?.reason));
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/contracts/:id/evidence',
    summary: `Upload redemption evidence (unit staff): multipart/form-data, field "files", PDF/JPEG/PNG checked by content, ≤ ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB each, ≤ ${EVIDENCE_MAX_FILES_PER_REQUEST} files; stored with SHA-256`,
    tags: ['contracts'],
    auth: p.contractStaff(),
    use: [limit(limits, 'uploadAddress', 'address'), limit(limits, 'uploadUser', 'user')],
    params: idParams,
    multipart: true,
    responses: {
      201: { description: 'The stored files', schema: z.object({ evidence: z.array(evidenceViewSchema) }) },
      400: { description: 'EVIDENCE_REQUIRED, EVIDENCE_TOO_MANY, UPLOAD_INCOMPLETE (the body ended before the form did)' },
      404: { description: 'NOT_FOUND' },
      409: {
        description: `EVIDENCE_CONTRACT_FILES_LIMIT, EVIDENCE_CONTRACT_BYTES_LIMIT (per contract: EVIDENCE_MAX_FILES_PER_CONTRACT, EVIDENCE_MAX_BYTES_PER_CONTRACT), EVIDENCE_UPLOAD_CLOSED (a redemption application was submitted)`,
      },
      413: { description: 'EVIDENCE_TOO_LARGE' },
      415: { description: 'EVIDENCE_TYPE_NOT_ALLOWED (type by content, or not multipart)' },
      429: { description: 'RATE_LIMITED: too many uploads by this user or from this address (Retry-After)' },
      507: { description: 'STORAGE_FULL (the evidence disk would keep less than EVIDENCE_MIN_FREE_BYTES free)' },
    },
    handler: async (ctx) => {
      const c = contractOf(ctx);
      // Refused before the body is read when it cannot be accepted whatever it holds.
      await evidence.admit(c);
      const files = await readFiles(ctx, { fileSizeBytes: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_FILES_PER_REQUEST });
      const stored = await evidence.upload(c, files, caller(ctx).userId);
      return { evidence: stored.map(evidenceView) };
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/contracts/:id/evidence',
    summary: 'The evidence files of a contract (第九条3: parties only)',
    tags: ['contracts'],
    auth: p.contractView(),
    params: idParams,
    responses: { 200: { description: 'Files', schema: z.object({ evidence: z.array(evidenceViewSchema) }) }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx) => ({ evidence: (await evidence.ofContract(contractOf(ctx)._id)).map(evidenceView) }),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/contracts/:id/evidence/:evidenceId',
    summary: 'Download one evidence file (checked against its SHA-256; 第九条3: parties only)',
    tags: ['contracts'],
    auth: p.contractView(),
    params: z.strictObject({ id, evidenceId: id }),
    responses: { 200: { description: 'The file bytes with their type; X-Content-SHA256 header' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const { doc, data } = await evidence.file(contractOf(ctx)._id, params.evidenceId);
      return sendFile(ctx, doc, data);
    },
  });
}
