import type Router from '@koa/router';
import { z } from 'zod';
import {
  PERIOD_STATUSES,
  VOUCHER_STATUSES,
  VOID_REASONS,
  type ClaimBody,
  type PeriodAnswer,
  type PeriodsAnswer,
  type PeriodView,
  type VoucherView,
} from '@kcq/shared';
import { periodInputSchema } from '../../domain/periods';
import type { Services } from '../../domain/services';
import { DomainError } from '../../domain/errors';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { limitNewClaims, type RateLimits } from '../middleware/rateLimit';
import { idParams, isoDate } from './schemas';

/** `satisfies` keeps these equal to the wire types declared once in @kcq/shared (api/periods.ts, api/vouchers.ts). */
export const periodViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  opensAt: isoDate,
  closesAt: isoDate,
  closedAt: isoDate.nullable(),
  quotaFen: z.number().int(),
  remainingFen: z.number().int().describe('Live remaining quota (the inventory)'),
  remainingUnknown: z.boolean().optional().describe('true when the inventory does not answer: remainingFen is not live'),
  maxVoucherFen: z.number().int(),
  perApplicantLimit: z.number().int(),
  status: z.enum(PERIOD_STATUSES),
}) satisfies z.ZodType<PeriodView>;

export const voucherViewSchema = z.object({
  id: z.string(),
  periodId: z.string(),
  applicantId: z.string(),
  amountFen: z.number().int(),
  status: z.enum(VOUCHER_STATUSES).describe('Derived: a voucher past its deadline reads as void'),
  voidReason: z.enum(VOID_REASONS).nullable(),
  claimedAt: isoDate,
  registrationDeadline: isoDate.describe('第十五条2: end of claim day + 15 days, Beijing time'),
}) satisfies z.ZodType<VoucherView>;

const serverTime = isoDate.describe('Server clock, for the phone’s countdown');
const periodsAnswerSchema = z.object({ serverTime, periods: z.array(periodViewSchema) }) satisfies z.ZodType<PeriodsAnswer>;
const periodAnswerSchema = z.object({ serverTime, period: periodViewSchema }) satisfies z.ZodType<PeriodAnswer>;

/** Periods (第十二条) and the flash claim (第十五条1). */
export function periodRoutes(
  router: Router<AppState>,
  registry: RouteRegistry,
  services: Services,
  p: Policies,
  limits: RateLimits,
): void {
  const { periods, claims, clock } = services;

  registry.add(router, {
    method: 'get',
    path: '/api/periods',
    summary: 'All periods, newest first, with status, live remaining quota and the server time',
    tags: ['periods'],
    auth: p.public,
    responses: { 200: { description: 'Periods', schema: periodsAnswerSchema } },
    handler: async (): Promise<PeriodsAnswer> => ({
      serverTime: clock.now().toISOString(),
      periods: await Promise.all((await periods.all()).map((x) => periods.view(x))),
    }),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/periods/:id',
    summary: 'One period with its live remaining quota and the server time (cheap to poll: cached period + one inventory read)',
    tags: ['periods'],
    auth: p.public,
    params: idParams,
    responses: {
      200: { description: 'The period', schema: periodAnswerSchema },
      404: { description: 'NOT_FOUND' },
    },
    handler: async (_ctx, { params }): Promise<PeriodAnswer> => ({
      serverTime: clock.now().toISOString(),
      period: await periods.view(await periods.require(params.id)),
    }),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/periods',
    summary: 'Create a period: name, opensAt, closesAt, quota (fen), maximum voucher (≤ 50,000 yuan), vouchers per applicant',
    tags: ['periods'],
    auth: p.admin,
    body: periodInputSchema,
    responses: { 201: { description: 'Created', schema: periodViewSchema } },
    handler: async (ctx, { body }) => periods.view(await periods.create(body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'put',
    path: '/api/admin/periods/:id',
    summary: 'Edit a period before it opens (409 PERIOD_ALREADY_OPEN after)',
    tags: ['periods'],
    auth: p.admin,
    params: idParams,
    body: periodInputSchema,
    responses: {
      200: { description: 'Updated', schema: periodViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'PERIOD_ALREADY_OPEN or CONFLICT' },
    },
    handler: async (ctx, { params, body }) => periods.view(await periods.update(params.id, body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/periods/:id/close',
    summary: 'Close a period early: claims stop at once',
    tags: ['periods'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'Closed', schema: periodViewSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => periods.view(await periods.close(params.id, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/periods/:id/claims',
    summary: 'Claim a voucher in an open period (第十二条, 第十五条1). Retry with the same Idempotency-Key after a network error.',
    tags: ['periods'],
    auth: p.applicant,
    use: [limitNewClaims(limits, (applicantId, key) => claims.knowsKey(applicantId, key))],
    params: idParams,
    headers: [
      {
        name: 'Idempotency-Key',
        required: true,
        description: '8–64 characters [A-Za-z0-9_-], one per claim attempt; a retry with the same key returns the first answer',
      },
    ],
    body: z.strictObject({
      amountFen: z.number({ error: '请填写申领金额（分）' }).int({ error: '申领金额应为整数（分）' }),
    }) satisfies z.ZodType<ClaimBody>,
    responses: {
      201: { description: 'The voucher (status claimed, with its registration deadline)', schema: voucherViewSchema },
      400: { description: 'VALIDATION_FAILED (amount rules of 第十二条) or IDEMPOTENCY_KEY_REQUIRED' },
      403: { description: 'NOT_ELIGIBLE with the failed clauses (第七条)' },
      404: { description: 'NOT_FOUND: no such period' },
      409: { description: 'SOLD_OUT, INSUFFICIENT_QUOTA (details.remainingFen), ALREADY_CLAIMED, PERIOD_NOT_OPEN' },
      422: { description: 'ANNUAL_CAP_EXCEEDED (details.allowanceFen) or IDEMPOTENCY_KEY_REUSED' },
      429: { description: 'RATE_LIMITED: too many claims with new Idempotency-Keys (Retry-After); retries with a used key are never refused' },
      503: {
        description:
          'BUSY: this instance has as many claims in flight as it takes (Retry-After, nothing decided); SERVICE_UNAVAILABLE: the inventory is unreachable, slow or being rebuilt (Retry-After). Retry with the same key',
      },
    },
    handler: async (ctx, { params, body }) => {
      const applicant = caller(ctx).applicant;
      if (!applicant) throw new DomainError('FORBIDDEN', '请先登记申领主体');
      return claims.claim({
        applicant,
        periodId: params.id,
        amountFen: body.amountFen,
        idempotencyKey: ctx.get('Idempotency-Key'),
        onReplay: () => (ctx.state.claimReplayed = true),
      });
    },
  });
}
