import type Router from '@koa/router';
import { z } from 'zod';
import { textSchema, type CancelVoucherInput, type VouchersAnswer } from '@kcq/shared';
import type { Services } from '../../domain/services';
import { DomainError } from '../../domain/errors';
import { caller, type Policies } from '../authz';
import type { AppContext, AppState } from '../context';
import type { RouteRegistry } from '../route';
import { idParams } from './schemas';
import { voucherViewSchema } from './periods';

function applicantOf(ctx: AppContext): string {
  const id = caller(ctx).applicantId;
  if (!id) throw new DomainError('FORBIDDEN', '请先登记申领主体');
  return id;
}

/** An applicant's own vouchers (第十六条: a voucher belongs to its applicant; others get 404). */
export function voucherRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { vouchers } = services;

  registry.add(router, {
    method: 'get',
    path: '/api/vouchers',
    summary: 'My vouchers, newest first, with derived status and registration deadline',
    tags: ['vouchers'],
    auth: p.applicant,
    responses: { 200: { description: 'Mine', schema: z.object({ vouchers: z.array(voucherViewSchema) }) satisfies z.ZodType<VouchersAnswer> } },
    handler: async (ctx): Promise<VouchersAnswer> => ({ vouchers: await vouchers.mine(applicantOf(ctx)) }),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/vouchers/:id/cancel',
    summary: 'Give up one of my claimed vouchers: it becomes void(cancelled) and its amount is released',
    tags: ['vouchers'],
    auth: p.applicant,
    params: idParams,
    body: z.strictObject({ reason: textSchema('原因', { max: 200, required: false, multiline: true }).optional() }) satisfies z.ZodType<CancelVoucherInput>,
    responses: {
      200: { description: 'The voided voucher', schema: voucherViewSchema },
      404: { description: 'NOT_FOUND: no such voucher of mine' },
      409: { description: 'INVALID_TRANSITION or a deadline error' },
    },
    handler: async (ctx, { params, body }) => vouchers.cancel(params.id, applicantOf(ctx), body.reason),
  });
}
