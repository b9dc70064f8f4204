import type Router from '@koa/router';
import { z } from 'zod';
import { textSchema } from '@kcq/shared';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { limit, type RateLimits } from '../middleware/rateLimit';
import { id, idParams, isoDate } from './schemas';

/** Lab-staff binding: invites for an open unit, redemption, the unit's staff, revocation. */
export function inviteRoutes(
  router: Router<AppState>,
  registry: RouteRegistry,
  services: Services,
  p: Policies,
  limits: RateLimits,
): void {
  const { invites, openUnits } = services;

  registry.add(router, {
    method: 'post',
    path: '/api/open-units/:id/invites',
    summary: 'Issue a single-use staff invite code for the open unit, valid 7 days (shown only in this answer)',
    tags: ['open units'],
    auth: p.unitManager(),
    params: idParams,
    body: z.strictObject({ manager: z.boolean().default(false).describe('The redeemer becomes a manager of the unit') }),
    responses: {
      201: {
        description: 'The code',
        schema: z.object({ code: z.string(), openUnitId: z.string(), manager: z.boolean(), expiresAt: isoDate }),
      },
      404: { description: 'NOT_FOUND: no such open unit' },
    },
    handler: async (ctx, { params, body }) => {
      const { invite, code } = await invites.issue(params.id, caller(ctx).userId, body.manager);
      return { code, openUnitId: invite.openUnitId, manager: invite.manager, expiresAt: invite.expiresAt };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/invites/redeem',
    summary: 'Redeem an invite code: I become staff of its open unit',
    tags: ['open units'],
    auth: p.signedIn,
    use: [limit(limits, 'inviteAddress', 'address'), limit(limits, 'inviteUser', 'user')],
    body: z.strictObject({
      code: z.string().trim().min(1, { error: '请填写邀请码' }).max(32),
      name: textSchema('姓名', { max: 20, tooLongMessage: '姓名最多 20 个字' }).optional().describe('How the unit sees me in its staff list'),
    }),
    responses: {
      200: {
        description: 'Bound',
        schema: z.object({ openUnit: z.object({ id: z.string(), name: z.string() }), manager: z.boolean() }),
      },
      404: { description: 'INVITE_INVALID' },
      409: { description: 'INVITE_USED or ALREADY_BOUND' },
      410: { description: 'INVITE_EXPIRED' },
      429: { description: 'RATE_LIMITED: too many attempts by this user or from this address (Retry-After)' },
    },
    handler: async (ctx, { body }) => {
      const user = await invites.redeem(body.code, caller(ctx).userId, body.name ?? null);
      const unit = await openUnits.require(user.staff!.openUnitId);
      return { openUnit: { id: unit._id, name: unit.name }, manager: user.staff!.manager };
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/open-units/:id/staff',
    summary: 'The staff bound to the open unit',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: idParams,
    responses: {
      200: {
        description: 'Staff, oldest first',
        schema: z.object({ items: z.array(z.object({ userId: z.string(), name: z.string().nullable(), manager: z.boolean(), boundAt: isoDate })) }),
      },
      404: { description: 'NOT_FOUND: no such open unit' },
    },
    handler: async (_ctx, { params }) => ({ items: await invites.staff(params.id) }),
  });

  registry.add(router, {
    method: 'delete',
    path: '/api/open-units/:id/staff/:userId',
    summary: 'Unbind a staff member from the open unit; effective on their next request',
    tags: ['open units'],
    auth: p.unitManager(),
    params: z.strictObject({ id, userId: id }),
    responses: {
      204: { description: 'Unbound' },
      404: { description: 'NOT_FOUND: the user is not staff of this unit' },
    },
    handler: async (ctx, { params }) => {
      await invites.unbind(params.id, params.userId);
      ctx.status = 204;
      return undefined;
    },
  });
}
