/** Payment batches (拨付批次, 第十五条5): administrators only. */
import type Router from '@koa/router';
import { z } from 'zod';
import { batchInputSchema, paidInputSchema } from '../../domain/payments/batches';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { idParams, isoDate } from './schemas';
import { redemptionViewSchema } from './redemptions';

const batchViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  fundsYear: z.number().int().describe('第十五条5: Q1–Q3 decisions are paid from that year, Q4 from the next'),
  status: z.enum(['created', 'paid']),
  totalFen: z.number().int(),
  createdAt: isoDate,
  paid: z.object({ at: isoDate, reference: z.string() }).nullable(),
  items: z.array(z.record(z.string(), z.unknown())),
});

export function paymentRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { paymentBatches, redemptions } = services;

  registry.add(router, {
    method: 'get',
    path: '/api/admin/payables',
    summary: 'Payable redemptions not yet in a batch: notice ended, no open objection (第十五条5)',
    tags: ['payments'],
    auth: p.admin,
    responses: { 200: { description: 'Redemptions', schema: z.object({ redemptions: z.array(redemptionViewSchema) }) } },
    handler: async () => ({ redemptions: await Promise.all((await paymentBatches.payables()).map((r) => redemptions.view(r))) }),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/payment-batches',
    summary: 'Payment batches, newest first',
    tags: ['payments'],
    auth: p.admin,
    responses: { 200: { description: 'Batches', schema: z.object({ batches: z.array(batchViewSchema) }) } },
    handler: async () => ({ batches: await Promise.all((await paymentBatches.list()).map((b) => paymentBatches.view(b))) }),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/payment-batches',
    summary: "A batch of this year's funds from the payable redemptions (all due, or those named); Q4 decisions roll to next year (第十五条5)",
    tags: ['payments'],
    auth: p.admin,
    body: batchInputSchema,
    responses: {
      201: { description: 'The batch', schema: batchViewSchema },
      409: { description: 'NOTHING_PAYABLE, PAYMENT_NOT_DUE (a Q4 decision before 1 January), REDEMPTION_STATE' },
    },
    handler: async (ctx, { body }) => paymentBatches.view(await paymentBatches.create(body, caller(ctx).userId)),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/payment-batches/:id',
    summary: 'One payment batch with its rows',
    tags: ['payments'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The batch', schema: batchViewSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => paymentBatches.view(await paymentBatches.require(params.id)),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/payment-batches/:id/export',
    summary: 'The batch as an .xlsx for the finance office: one row per redemption, totals per unit, yuan with two decimals',
    tags: ['payments'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const { batch, data } = await paymentBatches.workbook(params.id);
      ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`拨付批次-${batch.fundsYear}-${batch._id}.xlsx`)}`);
      ctx.set('Cache-Control', 'private, no-store');
      ctx.status = 200;
      ctx.body = data;
      return undefined;
    },
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/payment-batches/:id/paid',
    summary: 'Mark the batch paid with a reference: each redemption and voucher becomes paid (第十五条5)',
    tags: ['payments'],
    auth: p.admin,
    params: idParams,
    body: paidInputSchema,
    responses: { 200: { description: 'The batch', schema: batchViewSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'BATCH_STATE' } },
    handler: async (ctx, { params, body }) => paymentBatches.view(await paymentBatches.markPaid(params.id, body.reference, caller(ctx).userId)),
  });
}
