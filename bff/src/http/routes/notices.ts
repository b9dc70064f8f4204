/**
 * Public notices (公示, 第十五条5; 第十八条 public supervision): read without signing in; anyone signed in
 * objects during the notice; administrators publish approved redemptions and resolve objections.
 */
import type Router from '@koa/router';
import { z } from 'zod';
import { isIsoDay, textSchema } from '@kcq/shared';
import { objectionInputSchema, resolutionInputSchema, type ObjectionDoc } from '../../domain/notices/notices';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { id, idParams, isoDate } from './schemas';

const noticeSummarySchema = z.object({ id: z.string(), kind: z.string(), title: z.string(), startDay: z.string(), endDay: z.string(), phase: z.enum(['upcoming', 'open', 'ended']) });
const noticeViewSchema = noticeSummarySchema.extend({
  workingDays: z.number().int(),
  items: z.array(
    z
      .object({ id: z.string(), status: z.enum(['listed', 'held', 'cleared', 'withdrawn']), statusLabel: z.string() })
      .catchall(z.union([z.string(), z.number()]))
      .describe('Redemptions: unitName, serviceCategory, applicantName (masked), payableFen'),
  ),
});
const objectionSchema = z.object({
  id: z.string(),
  noticeId: z.string(),
  itemId: z.string(),
  reason: z.string(),
  lodgedAt: isoDate,
  status: z.enum(['open', 'dismissed', 'upheld']),
  resolution: z.object({ reason: z.string(), at: isoDate }).nullable(),
});
const objectionView = (o: ObjectionDoc) => ({
  id: o._id,
  noticeId: o.noticeId,
  itemId: o.itemId,
  reason: o.reason,
  lodgedAt: o.lodgedAt.toISOString(),
  status: o.status,
  resolution: o.resolution ? { reason: o.resolution.reason, at: o.resolution.at.toISOString() } : null,
});

export function noticeRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { notices, redemptionNotices } = services;

  registry.add(router, {
    method: 'get',
    path: '/api/notices',
    summary: 'Public notices, newest first (第十五条5, 第十八条: public, no sign-in)',
    tags: ['notices'],
    auth: p.public,
    responses: { 200: { description: 'Notices', schema: z.object({ notices: z.array(noticeSummarySchema) }) } },
    handler: async () => ({
      notices: (await notices.list()).map((n) => ({ id: n._id, kind: n.kind, title: n.title, startDay: n.startDay, endDay: n.endDay, phase: notices.phase(n) })),
    }),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/notices/:id',
    summary: 'One public notice with its items; applicant names masked (第十五条5, 第九条3)',
    tags: ['notices'],
    auth: p.public,
    params: idParams,
    responses: { 200: { description: 'The notice', schema: noticeViewSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => notices.view(params.id),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/notices/:id/items/:itemId/objections',
    summary: 'Lodge an objection (异议) with a reason during the notice; the item is held until resolved (第十五条5)',
    tags: ['notices'],
    auth: p.signedIn,
    params: z.strictObject({ id, itemId: id }),
    body: objectionInputSchema,
    responses: {
      201: { description: 'The objection', schema: objectionSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'NOTICE_NOT_OPEN, NOTICE_ITEM_STATE' },
    },
    handler: async (ctx, { params, body }) => objectionView(await notices.lodge(params.id, params.itemId, caller(ctx).userId, body.reason)),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/notices',
    summary: 'Publish approved redemptions (all, or those named) in a public notice: 5 working days from the start day (State Council calendar)',
    tags: ['notices'],
    auth: p.admin,
    body: z.strictObject({
      title: textSchema('公示标题', { max: 100 }),
      startDay: z.string().refine(isIsoDay, { message: '日期格式应为 YYYY-MM-DD' }),
      redemptionIds: z.array(id).min(1).max(1000).optional(),
    }),
    responses: {
      201: { description: 'The notice', schema: noticeViewSchema },
      400: { description: 'VALIDATION_FAILED (a start day in the past…)' },
      409: { description: 'NOTHING_TO_NOTICE, REDEMPTION_STATE' },
    },
    handler: async (ctx, { body }) => notices.view((await redemptionNotices.publish(body, caller(ctx).userId))._id),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/objections',
    summary: 'Objections, oldest first, optionally by status',
    tags: ['notices'],
    auth: p.admin,
    query: z.strictObject({ status: z.enum(['open', 'dismissed', 'upheld']).optional() }),
    responses: { 200: { description: 'Objections', schema: z.object({ objections: z.array(objectionSchema) }) } },
    handler: async (_ctx, { query }) => ({ objections: (await notices.listObjections(query.status)).map(objectionView) }),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/objections/:id/resolve',
    summary: 'Resolve an objection: dismissed — the item continues; upheld — it goes back to review and the notice says so (第十五条5)',
    tags: ['notices'],
    auth: p.admin,
    params: idParams,
    body: resolutionInputSchema,
    responses: { 200: { description: 'The objection', schema: objectionSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'OBJECTION_STATE' } },
    handler: async (ctx, { params, body }) => objectionView(await notices.resolve(params.id, body.outcome, body.reason, caller(ctx).userId)),
  });
}
