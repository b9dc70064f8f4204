import type Router from '@koa/router';
import { z } from 'zod';
import { textSchema } from '@kcq/shared';
import { applicationSchema, REDEMPTION_STATUSES } from '../../domain/redemptions';
import { DomainError } from '../../domain/errors';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppContext, AppState } from '../context';
import type { RouteRegistry } from '../route';
import { evidenceViewSchema } from './contracts';
import { idParams, isoDate } from './schemas';

export const redemptionViewSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  voucherId: z.string(),
  applicantId: z.string(),
  unitId: z.string(),
  actualAmountFen: z.number().int(),
  payableFen: z.number().int().describe('第十二条: min(registered voucher amount, floor(50% of the actual amount))'),
  report: z.string(),
  evidence: z.array(evidenceViewSchema),
  status: z.enum(REDEMPTION_STATUSES),
  submittedAt: isoDate,
  siteVisit: z.object({ note: z.string().nullable(), at: isoDate }).nullable(),
  review: z.object({ decision: z.enum(['approved', 'rejected']), reason: z.string().nullable(), at: isoDate }).nullable(),
  paymentYear: z.number().int().nullable().describe('第十五条5: the approval year for Q1–Q3, the next year for Q4'),
  payment: z.object({ at: isoDate, reference: z.string().nullable() }).nullable(),
});

function contractOf(ctx: AppContext) {
  const c = ctx.state.contract;
  if (!c) throw new Error('handler needs a contract policy');
  return c;
}

/** Redemption (第十五条3—5): the unit applies, administrators review and record payment. */
export function redemptionRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { redemptions } = services;

  registry.add(router, {
    method: 'post',
    path: '/api/contracts/:id/redemption',
    summary:
      'Apply for redemption (unit staff) within one month after the contract ends (第十五条3): actual amount, uploaded evidence ids, a short report',
    tags: ['redemptions'],
    auth: p.contractStaff(),
    params: idParams,
    body: applicationSchema,
    responses: {
      201: { description: 'The application', schema: redemptionViewSchema },
      400: { description: 'VALIDATION_FAILED, EVIDENCE_REQUIRED' },
      404: { description: 'NOT_FOUND (contract or evidence)' },
      409: { description: 'REDEMPTION_DEADLINE_PASSED (the voucher is void), REDEMPTION_EXISTS, CONTRACT_STATE, INVALID_TRANSITION' },
    },
    handler: async (ctx, { body }) => redemptions.view(await redemptions.apply(contractOf(ctx), caller(ctx).userId, body)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/contracts/:id/redemption',
    summary: 'The redemption application of a contract (第九条3: parties only)',
    tags: ['redemptions'],
    auth: p.contractView(),
    params: idParams,
    responses: { 200: { description: 'The application', schema: redemptionViewSchema }, 404: { description: 'NOT_FOUND (none yet)' } },
    handler: async (ctx) => {
      const r = await redemptions.ofContract(contractOf(ctx)._id);
      if (!r) throw new DomainError('NOT_FOUND', '该合同尚未申请兑现');
      return redemptions.view(r);
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/redemptions',
    summary: 'Redemption applications, oldest first, optionally by status (the review queue)',
    tags: ['redemptions'],
    auth: p.admin,
    query: z.strictObject({ status: z.enum(REDEMPTION_STATUSES).optional() }),
    responses: { 200: { description: 'Applications', schema: z.object({ redemptions: z.array(redemptionViewSchema) }) } },
    handler: async (_ctx, { query }) => ({ redemptions: await redemptions.list(query.status) }),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/redemptions/:id/site-visit',
    summary: 'Mark an application for a site visit or hearing before the decision (第十五条4)',
    tags: ['redemptions'],
    auth: p.admin,
    params: idParams,
    body: z.strictObject({ note: textSchema('现场核查说明', { max: 500, required: false, multiline: true }).optional() }),
    responses: { 200: { description: 'The application', schema: redemptionViewSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'REDEMPTION_STATE' } },
    handler: async (ctx, { params, body }) => redemptions.view(await redemptions.siteVisit(params.id, caller(ctx).userId, body?.note)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/redemptions/:id/approve',
    summary: 'Approve: payment is scheduled this year for a Q1–Q3 approval, next year for Q4 (第十五条4、5)',
    tags: ['redemptions'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The application', schema: redemptionViewSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'REDEMPTION_STATE' } },
    handler: async (ctx, { params }) => redemptions.view(await redemptions.approve(params.id, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/redemptions/:id/reject',
    summary: 'Reject with a reason (第十五条4)',
    tags: ['redemptions'],
    auth: p.admin,
    params: idParams,
    body: z.strictObject({ reason: textSchema('原因', { max: 500, multiline: true }) }),
    responses: { 200: { description: 'The application', schema: redemptionViewSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'REDEMPTION_STATE' } },
    handler: async (ctx, { params, body }) => redemptions.view(await redemptions.reject(params.id, caller(ctx).userId, body.reason)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/redemptions/:id/pay',
    summary: 'Record the payment of an approved application, from its scheduled year on (第十五条5)',
    tags: ['redemptions'],
    auth: p.admin,
    params: idParams,
    body: z.strictObject({ reference: textSchema('拨付凭证号', { max: 100, required: false }).optional() }),
    responses: {
      200: { description: 'The application', schema: redemptionViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'REDEMPTION_STATE, PAYMENT_NOT_DUE (a Q4 approval before 1 January)' },
    },
    handler: async (ctx, { params, body }) => redemptions.view(await redemptions.pay(params.id, caller(ctx).userId, body?.reference)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/vouchers/:id/audit',
    summary: "A voucher's audit chain (第十六、十八条) and its verification from the claim record: the first broken link, if any",
    tags: ['audit'],
    auth: p.admin,
    params: idParams,
    responses: {
      200: {
        description: 'Chain and report',
        schema: z.object({
          voucherId: z.string(),
          genesis: z.record(z.string(), z.unknown()).describe('The voucher as claimed: the head of the chain'),
          entries: z.array(z.record(z.string(), z.unknown())),
          report: z.record(z.string(), z.unknown()).describe('{ok, entries, head} or {ok:false, brokenAt, reason}'),
        }),
      },
      404: { description: 'NOT_FOUND' },
    },
    handler: async (_ctx, { params }) => services.auditReport(params.id),
  });
}
