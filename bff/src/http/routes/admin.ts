import type Router from '@koa/router';
import { z } from 'zod';
import { VOID_REASONS, VOUCHER_STATUSES, textSchema, type AdminStats } from '@kcq/shared';
import { DomainError } from '../../domain/errors';
import type { Services } from '../../domain/services';
import { MANAGED_ROLES, ROLES, rolesOf, type User } from '../../domain/users';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { applicantViewSchema, id, idParams, isoDate } from './schemas';

const userSchema = z.object({
  id: z.string(),
  openid: z.string(),
  roles: z.array(z.enum(ROLES)),
  applicantId: z.string().nullable(),
  openUnitId: z.string().nullable(),
  unitManager: z.boolean(),
  createdAt: isoDate,
});

const grantSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('admin') }),
  z.strictObject({ role: z.literal('staff'), openUnitId: id, manager: z.boolean().default(false) }),
]);

const fen = z.number().int().describe('Integer fen');
const countAndFen = { count: z.number().int(), amountFen: fen };

/** GET /api/admin/stats; `satisfies` keeps it equal to the wire type declared once in @kcq/shared. */
const adminStatsSchema = z.object({
  generatedAt: isoDate.describe('The instant the statuses were derived at'),
  vouchers: z.object({
    total: z.object(countAndFen),
    byStatus: z
      .array(z.object({ status: z.enum(VOUCHER_STATUSES), ...countAndFen }))
      .describe('Every status of the life cycle in order, zeros included; derived (第十五条): a voucher past its deadline counts as void'),
    voidByReason: z.array(z.object({ reason: z.enum(VOID_REASONS), ...countAndFen })).describe('The void vouchers by reason, zeros included'),
  }),
  periods: z
    .array(
      z.object({
        periodId: z.string(),
        name: z.string(),
        opensAt: isoDate,
        quotaFen: fen,
        remainingFen: fen.describe('Live remaining quota (the inventory)'),
        vouchersClaimed: z.number().int().describe('Every voucher claimed in the period, whatever its status now'),
        fenClaimed: fen,
        vouchersVoid: z.number().int().describe('Of those, the void ones (derived); their amounts return to the quota only while the period is open'),
        fenVoid: fen,
      }),
    )
    .describe('Newest first'),
}) satisfies z.ZodType<AdminStats>;

/** Administrators (第八条): users and roles, moving an enterprise, open units, the dashboard figures. */
export function adminRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { users, applicants, invites, openUnits, stats } = services;

  async function userView(u: User) {
    const a = await applicants.ofOwner(u._id);
    return {
      id: u._id,
      openid: u.openid,
      roles: rolesOf(u, a !== null),
      applicantId: a?._id ?? null,
      openUnitId: u.staff?.openUnitId ?? null,
      unitManager: u.staff?.manager ?? false,
      createdAt: u.createdAt,
    };
  }

  registry.add(router, {
    method: 'get',
    path: '/api/admin/users',
    summary: 'List users, oldest first (optionally the one with a given openid)',
    tags: ['admin'],
    auth: p.admin,
    query: z.strictObject({
      openid: z.string().min(1).max(128).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.string().max(500).optional(),
    }),
    responses: {
      200: { description: 'A page of users', schema: z.object({ items: z.array(userSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (_ctx, { query }) => {
      const page = await users.list(query);
      return { items: await Promise.all(page.items.map(userView)), nextCursor: page.nextCursor };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/users/:id/roles',
    summary: 'Grant a role: administrator, or staff of an open unit (optionally its manager)',
    tags: ['admin'],
    auth: p.admin,
    params: idParams,
    body: grantSchema,
    responses: {
      200: { description: 'The user with the role', schema: userSchema },
      404: { description: 'NOT_FOUND: no such user or open unit' },
      409: { description: 'ALREADY_BOUND: the user is staff of an open unit already' },
    },
    handler: async (ctx, { params, body }) => {
      const by = caller(ctx).userId;
      const user =
        body.role === 'admin'
          ? await users.setAdmin(params.id, true, by)
          : await invites.bindDirectly(params.id, body.openUnitId, body.manager, by);
      return userView(user);
    },
  });

  registry.add(router, {
    method: 'delete',
    path: '/api/admin/users/:id/roles/:role',
    summary: 'Revoke a role (staff: unbinds from the open unit); effective on the user’s next request',
    tags: ['admin'],
    auth: p.admin,
    params: z.strictObject({ id, role: z.enum(MANAGED_ROLES) }),
    responses: {
      200: { description: 'The user without the role', schema: userSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'CANNOT_REVOKE_SELF: an administrator cannot revoke their own administrator role' },
    },
    handler: async (ctx, { params }) => {
      if (params.role === 'admin') return userView(await users.setAdmin(params.id, false, caller(ctx).userId));
      const user = await users.unbind(params.id);
      if (!user) throw new DomainError('NOT_FOUND', '找不到该用户');
      return userView(user);
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/applicants/:id/transfer',
    summary: 'Move an enterprise to another user (who has no applicant yet); recorded in its change log',
    tags: ['admin'],
    auth: p.admin,
    params: idParams,
    body: z.strictObject({ toUserId: id }),
    responses: {
      200: { description: 'The enterprise, now owned by the other user', schema: applicantViewSchema },
      404: { description: 'NOT_FOUND: no such applicant or user' },
      409: { description: 'ALREADY_REGISTERED or PROFILE_KIND_MISMATCH (teams cannot be moved)' },
    },
    handler: async (ctx, { params, body }) => {
      await users.require(body.toUserId);
      return applicants.view(await applicants.transfer(params.id, body.toUserId, caller(ctx).userId));
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/stats',
    summary: 'Dashboard figures: vouchers by derived status (count and fen), and per period claimed, void, quota and remaining',
    tags: ['admin'],
    auth: p.admin,
    responses: { 200: { description: 'The figures as of generatedAt', schema: adminStatsSchema } },
    handler: () => stats.compute(),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/open-units',
    summary: 'Create a (minimal) open unit, so staff can be bound to it',
    tags: ['admin'],
    auth: p.admin,
    body: z.strictObject({ name: textSchema('单位名称', { max: 100 }) }),
    responses: {
      201: {
        description: 'Created',
        schema: z.object({ id: z.string(), name: z.string(), status: z.string() }),
      },
      409: { description: 'DUPLICATE: an open unit with this name exists' },
    },
    handler: async (_ctx, { body }) => {
      const u = await openUnits.create(body.name);
      return { id: u._id, name: u.name, status: u.status };
    },
  });
}
