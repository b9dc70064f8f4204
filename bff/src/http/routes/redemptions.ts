import type Router from '@koa/router';
import { z } from 'zod';
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
  reviewItemId: z.string().nullable().describe('第十五条4: the review item of its round'),
  notice: z.object({ noticeId: z.string(), startDay: z.string(), endDay: z.string() }).nullable().describe('第十五条5: its public notice'),
  batchId: z.string().nullable().describe('第十五条5: its payment batch'),
});

/**
 * An application with the names a reviewer reads first (the queue never showed who applied): the
 * applicant's registered name, the open unit and the project. Parties and administrators only (第九条3).
 */
export const namedRedemptionSchema = redemptionViewSchema.extend({
  applicantName: z.string().nullable().describe('The applicant (申领单位) as registered'),
  unitName: z.string().nullable(),
  projectTitle: z.string().nullable(),
});

async function withNames(services: Services, r: z.infer<typeof redemptionViewSchema>): Promise<z.infer<typeof namedRedemptionSchema>> {
  const [applicant, contract] = await Promise.all([services.applicants.get(r.applicantId), services.contracts.get(r.contractId)]);
  return {
    ...r,
    applicantName: applicant?.profile.name ?? null,
    unitName: contract?.unitName ?? null,
    projectTitle: contract?.project.title ?? null,
  };
}

function contractOf(ctx: AppContext) {
  const c = ctx.state.contract;
  if (!c) throw new Error('handler needs a contract policy');
  return c;
}

/** Redemption (第十五条3): the unit applies; administrators list the queue and read the audit chain. */
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
    responses: { 200: { description: 'The application, with the applicant, unit and project names', schema: namedRedemptionSchema }, 404: { description: 'NOT_FOUND (none yet)' } },
    handler: async (ctx) => {
      const r = await redemptions.ofContract(contractOf(ctx)._id);
      if (!r) throw new DomainError('NOT_FOUND', '该合同尚未申请兑现');
      return withNames(services, await redemptions.view(r));
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/redemptions',
    summary: 'Redemption applications, oldest first, optionally by status (the review queue)',
    tags: ['redemptions'],
    auth: p.admin,
    query: z.strictObject({ status: z.enum(REDEMPTION_STATUSES).optional() }),
    responses: { 200: { description: 'Applications, each naming its applicant, unit and project', schema: z.object({ redemptions: z.array(namedRedemptionSchema) }) } },
    handler: async (_ctx, { query }) => ({ redemptions: await Promise.all((await redemptions.list(query.status)).map((r) => withNames(services, r))) }),
  });

  // The single-administrator approve / reject / pay endpoints are replaced by review rounds, public
  // notices and payment batches (第十五条4、5): http/routes/review.ts, notices.ts, payments.ts.

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
