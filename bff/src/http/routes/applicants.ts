import type Router from '@koa/router';
import { z } from 'zod';
import { applicantProfileSchema, teamMemberSchema, validateCreditCode } from '@kcq/shared';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { applicantViewSchema, id, idParams, isoDate } from './schemas';

/**
 * What registration accepts: the 第七条 profile, and a credit code that is valid (Decision in
 * domain/applicants.ts: uniqueness on a garbage code is meaningless, so registration refuses it).
 */
const registrationSchema = applicantProfileSchema.superRefine((profile, ctx) => {
  if (profile.kind !== 'enterprise') return;
  const r = validateCreditCode(profile.creditCode);
  if (!r.valid) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: r.message, params: { reason: r.code } });
});

const changeSchema = z.object({
  id: z.string(),
  action: z.enum(['edit', 'member_added', 'member_removed', 'transfer']),
  by: z.string().describe('User id of whoever made the change'),
  at: isoDate,
  version: z.number().int().describe('The applicant version this change produced'),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
});

/** Enterprise and startup-team registration (第五条、第七条), edits, team members, the change log. */
export function applicantRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { applicants } = services;

  registry.add(router, {
    method: 'post',
    path: '/api/applicants',
    summary: 'Register my applicant: an enterprise (unique credit code) or a startup team (I am its leader); answers with 第七条 eligibility',
    tags: ['applicants'],
    auth: p.signedIn,
    body: registrationSchema,
    responses: {
      201: { description: 'Registered', schema: applicantViewSchema },
      400: { description: 'VALIDATION_FAILED (including an invalid credit code)' },
      409: { description: 'ALREADY_REGISTERED (I have one) or ENTERPRISE_TAKEN (another user registered this credit code)' },
    },
    handler: async (ctx, { body }) => applicants.view(await applicants.register(caller(ctx).userId, body)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/applicants/:id',
    summary: 'An applicant with its eligibility (第九条3: itself, staff of a contracted open unit, administrators)',
    tags: ['applicants'],
    auth: p.applicantView(),
    params: idParams,
    responses: { 200: { description: 'The applicant', schema: applicantViewSchema } },
    handler: (ctx) => applicants.view(ctx.state.applicant!),
  });

  registry.add(router, {
    method: 'put',
    path: '/api/applicants/:id',
    summary: 'Replace my profile (same kind); every change is recorded (who, when, old → new)',
    tags: ['applicants'],
    auth: p.applicantEdit(),
    params: idParams,
    body: registrationSchema,
    responses: {
      200: { description: 'Updated, with the new eligibility', schema: applicantViewSchema },
      400: { description: 'VALIDATION_FAILED' },
      409: { description: 'PROFILE_KIND_MISMATCH, ENTERPRISE_TAKEN or CONFLICT' },
    },
    handler: async (ctx, { params, body }) => applicants.view(await applicants.update(params.id, caller(ctx).userId, body)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/applicants/:id/members',
    summary: 'Add a member to my startup team; answers with the new eligibility',
    tags: ['applicants'],
    auth: p.applicantEdit(),
    params: idParams,
    body: teamMemberSchema,
    responses: {
      201: {
        description: 'Added',
        schema: z.object({ memberId: z.string(), applicant: applicantViewSchema }),
      },
      400: { description: 'VALIDATION_FAILED (also: too many members)' },
      409: { description: 'PROFILE_KIND_MISMATCH: an enterprise has no members' },
    },
    handler: async (ctx, { params, body }) => {
      const r = await applicants.addMember(params.id, caller(ctx).userId, body);
      return { memberId: r.memberId, applicant: await applicants.view(r.applicant) };
    },
  });

  registry.add(router, {
    method: 'delete',
    path: '/api/applicants/:id/members/:memberId',
    summary: 'Remove a member from my startup team; answers with the new eligibility',
    tags: ['applicants'],
    auth: p.applicantEdit(),
    params: z.strictObject({ id, memberId: id }),
    responses: {
      200: { description: 'Removed', schema: applicantViewSchema },
      404: { description: 'NOT_FOUND: no such member' },
      409: { description: 'PROFILE_KIND_MISMATCH' },
    },
    handler: async (ctx, { params }) =>
      applicants.view(await applicants.removeMember(params.id, caller(ctx).userId, params.memberId)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/applicants/:id/changes',
    summary: 'The change log of an applicant: who changed what, when, old → new (第十八条 traceability)',
    tags: ['applicants'],
    auth: p.applicantView(),
    params: idParams,
    responses: { 200: { description: 'Oldest first', schema: z.object({ items: z.array(changeSchema) }) } },
    handler: async (_ctx, { params }) => ({
      items: (await applicants.changes(params.id)).map(({ _id, applicantId: _a, ...c }) => ({ id: _id, ...c })),
    }),
  });
}
