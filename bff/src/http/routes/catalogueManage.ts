import type Router from '@koa/router';
import { z } from 'zod';
import { textSchema, type LabView, type ServiceView, type UnitLabsAnswer, type UnitServicePage } from '@kcq/shared';
import { labInputSchema, labView, serviceInputSchema, unitSummary, type CatalogueService } from '../../domain/catalogue';
import { leaveNoticeSchema, unitProfileSchema, type OpenUnit } from '../../domain/openUnits';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { labViewSchema, serviceViewSchema, unitSummarySchema } from './catalogue';
import { id, idParams, isoDate } from './schemas';

const unitAdminViewSchema = unitSummarySchema.extend({
  storedStatus: z.string().describe('The recorded status (status is derived from it and today)'),
  contact: z.object({ name: z.string(), phone: z.string(), email: z.string().nullable() }).nullable(),
  description: z.string().nullable(),
  leaveNotice: z
    .object({ noticeOn: z.string(), leaveOn: z.string(), reason: z.string(), recordedBy: z.string(), recordedAt: isoDate })
    .nullable(),
  suspension: z.object({ reason: z.string(), by: z.string(), at: isoDate }).nullable(),
  updatedAt: isoDate,
});

const reasonBody = z.strictObject({
  reason: textSchema('原因', { max: 200, multiline: true, tooLongMessage: '原因不超过200字' }),
});

const labParams = z.strictObject({ id, labId: id });
const serviceParams = z.strictObject({ id, serviceId: id });
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** GET /api/open-units/:id/labs and /services; `satisfies` keeps them equal to the wire types in @kcq/shared. */
const unitLabsSchema = z.object({ items: z.array(labViewSchema) }) satisfies z.ZodType<UnitLabsAnswer>;
const unitServicePageSchema = page(serviceViewSchema) satisfies z.ZodType<UnitServicePage>;
const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

/**
 * Managing the catalogue: staff keep their own unit's labs and services current (policy unitStaff: the
 * unit in the path is theirs; a lab or service of another unit under their path is 404), administrators
 * add, edit, suspend, reinstate and retire units and record leave notices (第六条, 第八条, 第十八条).
 */
export function catalogueManageRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { catalogue, openUnits } = services;

  const adminView = (u: OpenUnit) => ({
    ...unitSummary(u, catalogue.today()),
    storedStatus: u.status,
    contact: u.contact,
    description: u.description,
    leaveNotice: u.leaveNotice,
    suspension: u.suspension,
    updatedAt: u.updatedAt,
  });
  const view = (s: CatalogueService): ServiceView => catalogue.view(s);

  // --- administrators: units ---

  registry.add(router, {
    method: 'get',
    path: '/api/admin/open-units',
    summary: 'All open units by name, whatever their status',
    tags: ['admin'],
    auth: p.admin,
    query: pageQuery,
    responses: { 200: { description: 'A page of units', schema: page(unitAdminViewSchema) } },
    handler: async (_ctx, { query }) => {
      const res = await openUnits.list(query);
      return { items: res.items.map(adminView), nextCursor: res.nextCursor };
    },
  });

  registry.add(router, {
    method: 'put',
    path: '/api/admin/open-units/:id',
    summary: 'Set a unit’s profile: name, kind, district, region, 津冀互认 mark (第十九条), contact; the catalogue follows',
    tags: ['admin'],
    auth: p.admin,
    params: idParams,
    body: unitProfileSchema,
    responses: {
      200: { description: 'The unit', schema: unitAdminViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'DUPLICATE: another unit has this name' },
    },
    handler: async (_ctx, { params, body }) => adminView(await openUnits.updateProfile(params.id, body)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/open-units/:id/suspend',
    summary: 'Suspend a unit (第十八条): it leaves search at once and takes no new proposals',
    tags: ['admin'],
    auth: p.admin,
    params: idParams,
    body: reasonBody,
    responses: {
      200: { description: 'Suspended', schema: unitAdminViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'OPEN_UNIT_STATUS_CONFLICT: already suspended or left' },
    },
    handler: async (ctx, { params, body }) => adminView(await openUnits.suspend(params.id, body.reason, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/open-units/:id/reinstate',
    summary: 'Lift a suspension: active again (or leaving, when a leave notice stands)',
    tags: ['admin'],
    auth: p.admin,
    params: idParams,
    responses: {
      200: { description: 'Reinstated', schema: unitAdminViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'OPEN_UNIT_STATUS_CONFLICT: not suspended' },
    },
    handler: async (_ctx, { params }) => adminView(await openUnits.reinstate(params.id)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/open-units/:id/leave-notice',
    summary: 'Record a unit’s notice to leave (第六条): a reason and a leave date at least one month after the notice (Beijing days)',
    tags: ['admin'],
    auth: p.admin,
    params: idParams,
    body: leaveNoticeSchema,
    responses: {
      200: { description: 'Leaving: listed until the day before the leave date', schema: unitAdminViewSchema },
      400: { description: 'VALIDATION_FAILED (a notice day in the future)' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'OPEN_UNIT_STATUS_CONFLICT: not active' },
      422: { description: 'LEAVE_NOTICE_TOO_SHORT (details.earliestLeaveOn)' },
    },
    handler: async (ctx, { params, body }) => adminView(await openUnits.recordLeaveNotice(params.id, body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/open-units/:id/retire',
    summary: 'Record that a leaving unit has left, on or after its leave date (it is out of search from that date anyway)',
    tags: ['admin'],
    auth: p.admin,
    params: idParams,
    responses: {
      200: { description: 'Left', schema: unitAdminViewSchema },
      404: { description: 'NOT_FOUND' },
      409: { description: 'LEAVE_NOT_DUE, or OPEN_UNIT_STATUS_CONFLICT (no leave notice)' },
    },
    handler: async (_ctx, { params }) => adminView(await openUnits.retire(params.id)),
  });

  // --- staff of the unit: labs ---

  registry.add(router, {
    method: 'get',
    path: '/api/open-units/:id/labs',
    summary: 'The unit’s labs (its staff and administrators)',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: idParams,
    responses: { 200: { description: 'Labs by name', schema: unitLabsSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }): Promise<UnitLabsAnswer> => {
      await openUnits.require(params.id);
      return { items: (await catalogue.listLabs(params.id)).map(labView) };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/open-units/:id/labs',
    summary: 'Add a lab: name, level, priority fields',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: idParams,
    body: labInputSchema,
    responses: { 201: { description: 'Created', schema: labViewSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params, body }): Promise<LabView> => labView(await catalogue.addLab(params.id, body)),
  });

  registry.add(router, {
    method: 'put',
    path: '/api/open-units/:id/labs/:labId',
    summary: 'Edit a lab; its services’ search copies follow',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: labParams,
    body: labInputSchema,
    responses: { 200: { description: 'Updated', schema: labViewSchema }, 404: { description: 'NOT_FOUND: no such lab in this unit' } },
    handler: async (_ctx, { params, body }): Promise<LabView> => labView(await catalogue.updateLab(params.id, params.labId, body)),
  });

  registry.add(router, {
    method: 'delete',
    path: '/api/open-units/:id/labs/:labId',
    summary: 'Withdraw a lab that has no listed services',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: labParams,
    responses: {
      204: { description: 'Withdrawn' },
      404: { description: 'NOT_FOUND: no such lab in this unit' },
      409: { description: 'LAB_HAS_SERVICES' },
    },
    handler: async (ctx, { params }) => {
      await catalogue.withdrawLab(params.id, params.labId);
      ctx.status = 204;
      return undefined;
    },
  });

  // --- staff of the unit: services ---

  registry.add(router, {
    method: 'get',
    path: '/api/open-units/:id/services',
    summary: 'The unit’s listed services, oldest first (including statutory ones and while suspended)',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: idParams,
    query: pageQuery,
    responses: { 200: { description: 'A page of services', schema: unitServicePageSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params, query }): Promise<UnitServicePage> => {
      await openUnits.require(params.id);
      const res = await catalogue.listServices(params.id, query);
      return { items: res.items.map(view), nextCursor: res.nextCursor };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/open-units/:id/services',
    summary: 'Add a service to one of the unit’s labs (compute: GPU model, cards, price per card-hour)',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: idParams,
    body: serviceInputSchema,
    responses: {
      201: { description: 'Created', schema: serviceViewSchema },
      400: { description: 'VALIDATION_FAILED (including a lab of another unit)' },
      404: { description: 'NOT_FOUND' },
    },
    handler: async (_ctx, { params, body }) => view(await catalogue.addService(params.id, body)),
  });

  registry.add(router, {
    method: 'put',
    path: '/api/open-units/:id/services/:serviceId',
    summary: 'Edit a service (all fields; it may move to another lab of the unit)',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: serviceParams,
    body: serviceInputSchema,
    responses: {
      200: { description: 'Updated', schema: serviceViewSchema },
      400: { description: 'VALIDATION_FAILED' },
      404: { description: 'NOT_FOUND: no such service in this unit' },
    },
    handler: async (_ctx, { params, body }) => view(await catalogue.updateService(params.id, params.serviceId, body)),
  });

  registry.add(router, {
    method: 'delete',
    path: '/api/open-units/:id/services/:serviceId',
    summary: 'Withdraw a service from the catalogue',
    tags: ['open units'],
    auth: p.unitStaff(),
    params: serviceParams,
    responses: { 204: { description: 'Withdrawn' }, 404: { description: 'NOT_FOUND: no such service in this unit' } },
    handler: async (ctx, { params }) => {
      await catalogue.withdrawService(params.id, params.serviceId);
      ctx.status = 204;
      return undefined;
    },
  });
}
