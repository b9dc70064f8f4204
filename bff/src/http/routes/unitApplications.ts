/**
 * Unit applications (入库申请, 第六条; domain/units/joining.ts): anyone signed in applies on behalf of an
 * organisation and follows it; administrators ask for more information, approve into a 5-working-day public
 * notice (objections through the notice endpoints) or refuse with reasons. Applications are visible to
 * their applicant and administrators only (404 to anyone else).
 */
import type Router from '@koa/router';
import { z } from 'zod';
import { UNIT_APPLICATION_STATUSES } from '@kcq/shared';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES_PER_REQUEST } from '../../domain/evidence';
import type { Services } from '../../domain/services';
import { applicationView, approveSchema, refuseSchema, requestInfoSchema, unitApplicationInputSchema } from '../../domain/units/joining';
import { caller, type Policies } from '../authz';
import type { AppContext, AppState } from '../context';
import { readFiles } from '../multipart';
import type { RouteRegistry } from '../route';
import { sendFile } from '../sendFile';
import { id, idParams, isoDate } from './schemas';

/** Documentation shape (UnitApplicationView in @kcq/shared; responses are not re-validated). */
const fileSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int(), uploadedAt: isoDate });
const applicationSchema = z
  .object({
    id: z.string(),
    status: z.enum(UNIT_APPLICATION_STATUSES),
    statusLabel: z.string(),
    name: z.string(),
    creditCode: z.string(),
    kind: z.string(),
    district: z.string(),
    instruments: z.array(z.record(z.string(), z.unknown())).describe('name, model, maker, originalValueFen, category, priceFen, priceUnit, leadTimeDays, compute'),
    totalOriginalValueFen: z.number().int(),
    files: z.array(fileSchema),
    adminMessage: z.string().nullable(),
    notice: z.object({ noticeId: z.string(), itemId: z.string(), startDay: z.string(), endDay: z.string() }).nullable(),
    unitId: z.string().nullable(),
    history: z.array(z.object({ event: z.string(), at: isoDate, message: z.string().nullable() })),
    submittedAt: isoDate,
    updatedAt: isoDate,
  })
  .catchall(z.unknown())
  .describe('UnitApplicationView (@kcq/shared): also fields, lab, conditions, contact');
const listSchema = z.object({ applications: z.array(applicationSchema) });

export function unitApplicationRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { unitJoining } = services;
  const who = (ctx: AppContext) => ({ userId: caller(ctx).userId, isAdmin: caller(ctx).isAdmin });
  const files = { fileSizeBytes: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_FILES_PER_REQUEST };

  registry.add(router, {
    method: 'post',
    path: '/api/unit-applications',
    summary: 'Apply to join as an open unit (第六条): organisation, credit code (Beijing), the six conditions, instruments (yuan), contact',
    tags: ['unit-applications'],
    auth: p.signedIn,
    body: unitApplicationInputSchema,
    responses: {
      201: { description: 'The application, submitted', schema: applicationSchema },
      400: { description: 'VALIDATION_FAILED (credit code, conditions, instruments…)' },
      404: { description: 'NOT_FOUND (a condition cites a file not uploaded)' },
      409: { description: 'UNIT_APPLICATION_EXISTS, UNIT_NAME_TAKEN, ALREADY_BOUND' },
    },
    handler: async (ctx, { body }) => applicationView(await unitJoining.apply(caller(ctx).userId, body)),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/unit-applications/mine',
    summary: "The caller's unit applications, newest first",
    tags: ['unit-applications'],
    auth: p.signedIn,
    responses: { 200: { description: 'Applications', schema: listSchema } },
    handler: async (ctx) => ({ applications: (await unitJoining.mine(caller(ctx).userId)).map(applicationView) }),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/unit-applications/:id',
    summary: 'One unit application: its applicant and administrators (404 to anyone else)',
    tags: ['unit-applications'],
    auth: p.signedIn,
    params: idParams,
    responses: { 200: { description: 'The application', schema: applicationSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => applicationView(await unitJoining.visible(params.id, who(ctx))),
  });
  registry.add(router, {
    method: 'put',
    path: '/api/unit-applications/:id',
    summary: 'The applicant edits while it waits for the administrator; an application asked for more information is resubmitted',
    tags: ['unit-applications'],
    auth: p.signedIn,
    params: idParams,
    body: unitApplicationInputSchema,
    responses: {
      200: { description: 'The application', schema: applicationSchema },
      400: { description: 'VALIDATION_FAILED' },
      403: { description: 'FORBIDDEN (an administrator: only the applicant changes it)' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'UNIT_APPLICATION_STATE, UNIT_APPLICATION_EXISTS, UNIT_NAME_TAKEN, CONFLICT' },
    },
    handler: async (ctx, { params, body }) => applicationView(await unitJoining.edit(params.id, who(ctx), body)),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/unit-applications/:id/files',
    summary: 'Upload files for the conditions (multipart/form-data, field "files", PDF/JPEG/PNG checked by content); cite them by id',
    tags: ['unit-applications'],
    auth: p.signedIn,
    params: idParams,
    multipart: true,
    responses: {
      201: { description: 'The files stored', schema: z.object({ files: z.array(fileSchema) }) },
      400: { description: 'EVIDENCE_REQUIRED, EVIDENCE_TOO_MANY, UPLOAD_INCOMPLETE' },
      403: { description: 'FORBIDDEN (an administrator: only the applicant adds files)' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'UNIT_APPLICATION_STATE, EVIDENCE_CONTRACT_FILES_LIMIT, EVIDENCE_CONTRACT_BYTES_LIMIT' },
      413: { description: 'EVIDENCE_TOO_LARGE' },
      415: { description: 'EVIDENCE_TYPE_NOT_ALLOWED' },
      507: { description: 'STORAGE_FULL' },
    },
    handler: async (ctx, { params }) => {
      await unitJoining.admitFiles(params.id, who(ctx));
      const stored = await unitJoining.addFiles(params.id, who(ctx), await readFiles(ctx, files));
      return { files: stored.map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })) };
    },
  });
  registry.add(router, {
    method: 'get',
    path: '/api/unit-applications/:id/files/:fileId',
    summary: 'Download one file of an application (its applicant and administrators), checked against its SHA-256',
    tags: ['unit-applications'],
    auth: p.signedIn,
    params: z.strictObject({ id, fileId: id }),
    responses: { 200: { description: 'The file bytes with their type; X-Content-SHA256 header' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const { doc, data } = await unitJoining.file(params.id, params.fileId, who(ctx));
      return sendFile(ctx, doc, data);
    },
  });

  // --- administrators ---
  registry.add(router, {
    method: 'get',
    path: '/api/admin/unit-applications',
    summary: 'Unit applications, oldest first, optionally by status',
    tags: ['unit-applications'],
    auth: p.admin,
    query: z.strictObject({ status: z.enum(UNIT_APPLICATION_STATUSES).optional() }),
    responses: { 200: { description: 'Applications', schema: listSchema } },
    handler: async (_ctx, { query }) => ({ applications: (await unitJoining.list(query.status)).map(applicationView) }),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/unit-applications/:id/request-info',
    summary: 'Ask the applicant for more information (the applicant edits and resubmits)',
    tags: ['unit-applications'],
    auth: p.admin,
    params: idParams,
    body: requestInfoSchema,
    responses: { 200: { description: 'The application', schema: applicationSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'UNIT_APPLICATION_STATE' } },
    handler: async (ctx, { params, body }) => applicationView(await unitJoining.requestInfo(params.id, body.message, caller(ctx).userId)),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/unit-applications/:id/approve',
    summary: 'Approve into a public notice of 5 working days from the start day (default today); the unit is created when it ends with no open objection (第六条)',
    tags: ['unit-applications'],
    auth: p.admin,
    params: idParams,
    body: approveSchema,
    responses: {
      200: { description: 'The application, in notice', schema: applicationSchema },
      400: { description: 'VALIDATION_FAILED (a start day in the past)' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'UNIT_APPLICATION_STATE, UNIT_NAME_TAKEN' },
    },
    handler: async (ctx, { params, body }) => applicationView(await unitJoining.approve(params.id, body ?? {}, caller(ctx).userId)),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/unit-applications/:id/refuse',
    summary: 'Refuse with reasons (第六条)',
    tags: ['unit-applications'],
    auth: p.admin,
    params: idParams,
    body: refuseSchema,
    responses: { 200: { description: 'The application', schema: applicationSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'UNIT_APPLICATION_STATE' } },
    handler: async (ctx, { params, body }) => applicationView(await unitJoining.refuse(params.id, body.reason, caller(ctx).userId)),
  });
}
