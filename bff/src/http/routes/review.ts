/**
 * Experts and review rounds (第十五条4): administrators manage expert profiles (ties drive recusal), bind
 * them or issue invite codes, open rounds, schedule site visits and hearings and decide; experts read and
 * answer only what is assigned to them (第九条3: the redemption, its contract terms, evidence and report).
 */
import { sendFile } from '../sendFile';
import type Router from '@koa/router';
import { z } from 'zod';
import { expertInputSchema, expertView } from '../../domain/experts/experts';
import {
  decisionInputSchema,
  followUpInputSchema,
  followUpOutcomeSchema,
  opinionInputSchema,
  roundInputSchema,
} from '../../domain/review/rounds';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppContext, AppState } from '../context';
import { limit, type RateLimits } from '../middleware/rateLimit';
import type { RouteRegistry } from '../route';
import { evidenceViewSchema } from './contracts';
import { id, idParams, isoDate } from './schemas';

const tieSchema = z.object({ kind: z.enum(['open_unit', 'applicant', 'organisation']), id: z.string().nullable(), name: z.string(), relation: z.string() });
const expertViewSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  organisation: z.string(),
  fields: z.array(z.string()),
  ties: z.array(tieSchema),
  active: z.boolean(),
});
const opinionSchema = z.object({ opinion: z.enum(['pass', 'fail', 'doubtful']), comment: z.string(), at: isoDate }).nullable();
const itemViewSchema = z
  .object({
    id: z.string(),
    redemptionId: z.string(),
    redemptionStatus: z.string(),
    panel: z.array(z.object({ expertId: z.string(), name: z.string(), opinion: z.string().nullable(), comment: z.string().nullable(), at: isoDate.nullable() })),
    excluded: z.array(z.object({ expertId: z.string(), name: z.string(), reasons: z.array(z.string()) })).describe('Recusal: who was excluded and why'),
    panelOpinion: z.enum(['pass', 'fail', 'doubtful']).nullable().describe('The majority; null until known'),
    panelOpinionLabel: z.string(),
    followUp: z.record(z.string(), z.unknown()).nullable().describe('Site visit or hearing: kind, day, place, participants, outcome'),
    decision: z.record(z.string(), z.unknown()).nullable().describe('decision, panelOpinion, againstPanel, reason, at'),
    earlierDecisions: z.array(z.record(z.string(), z.unknown())),
  })
  .describe('A redemption in a review round, as administrators see it');
const roundViewSchema = z.object({ id: z.string(), name: z.string(), panelSize: z.number().int(), filter: z.record(z.string(), z.unknown()), createdAt: isoDate, items: z.array(itemViewSchema) });
const assignmentSchema = z.object({
  id: z.string(),
  roundName: z.string(),
  unitName: z.string(),
  service: z.object({ name: z.string(), category: z.string() }).nullable(),
  terms: z.record(z.string(), z.unknown()).nullable().describe('The registered contract terms (第十五条2)'),
  redemption: z.object({ actualAmountFen: z.number().int(), payableFen: z.number().int(), report: z.string(), submittedAt: isoDate }),
  evidence: z.array(evidenceViewSchema),
  decided: z.boolean(),
  opinion: opinionSchema,
});

function expertId(ctx: AppContext): string {
  const e = caller(ctx).expertId;
  if (!e) throw new Error('handler needs the expert policy');
  return e;
}

export function reviewRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies, limits: RateLimits): void {
  const { experts, reviewRounds } = services;

  // --- experts (administrators) ---
  registry.add(router, {
    method: 'get',
    path: '/api/admin/experts',
    summary: 'Expert profiles (第十五条4)',
    tags: ['review'],
    auth: p.admin,
    responses: { 200: { description: 'Experts', schema: z.object({ experts: z.array(expertViewSchema) }) } },
    handler: async () => ({ experts: (await experts.list()).map(expertView) }),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/experts',
    summary: 'Create an expert profile: name, organisation, fields of expertise, declared ties (recusal)',
    tags: ['review'],
    auth: p.admin,
    body: expertInputSchema,
    responses: { 201: { description: 'The expert', schema: expertViewSchema }, 400: { description: 'VALIDATION_FAILED' } },
    handler: async (ctx, { body }) => expertView(await experts.create(body, caller(ctx).userId)),
  });
  registry.add(router, {
    method: 'put',
    path: '/api/admin/experts/:id',
    summary: "Update an expert's profile and ties; `active: false` stops new assignments",
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    body: expertInputSchema.extend({ active: z.boolean().optional() }),
    responses: { 200: { description: 'The expert', schema: expertViewSchema }, 404: { description: 'EXPERT_NOT_FOUND' } },
    handler: async (_ctx, { params, body }) => expertView(await experts.update(params.id, body)),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/experts/:id/bind',
    summary: 'Bind a user to the expert profile (grants the expert role)',
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    body: z.strictObject({ userId: id }),
    responses: { 200: { description: 'The expert', schema: expertViewSchema }, 404: { description: 'EXPERT_NOT_FOUND, NOT_FOUND' }, 409: { description: 'EXPERT_ALREADY_BOUND' } },
    handler: async (_ctx, { params, body }) => expertView(await experts.bind(params.id, body.userId)),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/experts/:id/invites',
    summary: 'A single-use invite code for the expert profile (7 days; shown once), as staff invites',
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    responses: { 201: { description: 'The code', schema: z.object({ code: z.string(), expiresAt: isoDate }) }, 404: { description: 'EXPERT_NOT_FOUND' }, 409: { description: 'EXPERT_ALREADY_BOUND' } },
    handler: async (ctx, { params }) => experts.issueInvite(params.id, caller(ctx).userId),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/expert-invites/redeem',
    summary: 'Redeem an expert invite code: I become the expert of its profile',
    tags: ['review'],
    auth: p.signedIn,
    use: [limit(limits, 'inviteAddress', 'address'), limit(limits, 'inviteUser', 'user')],
    body: z.strictObject({ code: z.string().trim().min(1, { error: '请填写邀请码' }).max(32) }),
    responses: {
      200: { description: 'My expert profile', schema: expertViewSchema },
      404: { description: 'INVITE_INVALID' },
      409: { description: 'INVITE_USED, EXPERT_ALREADY_BOUND' },
      410: { description: 'INVITE_EXPIRED' },
    },
    handler: async (ctx, { body }) => expertView(await experts.redeemInvite(body.code, caller(ctx).userId)),
  });

  // --- experts' own work ---
  registry.add(router, {
    method: 'get',
    path: '/api/expert/profile',
    summary: 'My expert profile',
    tags: ['review'],
    auth: p.expert,
    responses: { 200: { description: 'The expert', schema: expertViewSchema } },
    handler: async (ctx) => expertView(await experts.require(expertId(ctx))),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/expert/assignments',
    summary: 'The review items assigned to me, newest first, with my opinion if given',
    tags: ['review'],
    auth: p.expert,
    responses: { 200: { description: 'Assignments', schema: z.object({ assignments: z.array(z.record(z.string(), z.unknown())) }) } },
    handler: async (ctx) => ({ assignments: await reviewRounds.assignmentsOf(expertId(ctx)) }),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/expert/assignments/:id',
    summary: 'One assignment (第九条3: only the redemption, its contract terms, evidence and report; not assigned → 404)',
    tags: ['review'],
    auth: p.expert,
    params: idParams,
    responses: { 200: { description: 'The assignment', schema: assignmentSchema }, 404: { description: 'NOT_FOUND (not assigned to me)' } },
    handler: async (ctx, { params }) => reviewRounds.assignment(params.id, expertId(ctx)),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/expert/assignments/:id/evidence/:evidenceId',
    summary: 'Download an evidence file the assigned redemption cites',
    tags: ['review'],
    auth: p.expert,
    params: z.strictObject({ id, evidenceId: id }),
    responses: { 200: { description: 'The file bytes with their type' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const { doc, data } = await reviewRounds.evidenceFile(params.id, expertId(ctx), params.evidenceId);
      return sendFile(ctx, doc, data);
    },
  });
  registry.add(router, {
    method: 'post',
    path: '/api/expert/assignments/:id/opinion',
    summary: 'My opinion: pass, fail or doubtful (存疑) with a comment; may be changed until the decision (第十五条4)',
    tags: ['review'],
    auth: p.expert,
    params: idParams,
    body: opinionInputSchema,
    responses: {
      200: { description: 'The assignment', schema: assignmentSchema },
      404: { description: 'NOT_FOUND (not assigned to me)' },
      409: { description: 'REVIEW_STATE (decided)' },
    },
    handler: async (ctx, { params, body }) => {
      await reviewRounds.giveOpinion(params.id, expertId(ctx), caller(ctx).userId, body);
      return reviewRounds.assignment(params.id, expertId(ctx));
    },
  });

  // --- rounds (administrators) ---
  registry.add(router, {
    method: 'post',
    path: '/api/admin/review-rounds',
    summary:
      'Open a review round over submitted redemptions (all, or by period, unit, submission days); odd panel size (default 3); experts assigned by field and load, never one tied to the unit or applicant (第十五条4)',
    tags: ['review'],
    auth: p.admin,
    body: roundInputSchema,
    responses: {
      201: { description: 'The round with its items, panels and exclusions', schema: roundViewSchema },
      400: { description: 'VALIDATION_FAILED (an even panel size…)' },
      409: { description: 'NOTHING_TO_REVIEW, PANEL_UNAVAILABLE (details: who was excluded and why)' },
    },
    handler: async (ctx, { body }) => reviewRounds.roundView((await reviewRounds.open(body, caller(ctx).userId))._id),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/review-rounds',
    summary: 'Review rounds, newest first',
    tags: ['review'],
    auth: p.admin,
    responses: { 200: { description: 'Rounds', schema: z.object({ rounds: z.array(z.object({ id: z.string(), name: z.string(), panelSize: z.number().int(), items: z.number().int(), createdAt: isoDate })) }) } },
    handler: async () => ({
      rounds: (await reviewRounds.listRounds()).map((r) => ({ id: r._id, name: r.name, panelSize: r.panelSize, items: r.itemIds.length, createdAt: r.createdAt.toISOString() })),
    }),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/review-rounds/:id',
    summary: 'A round: each item with its panel, opinions, the panel opinion, exclusions, follow-up and decision',
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The round', schema: roundViewSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => reviewRounds.roundView(params.id),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/review-rounds/:id/remind',
    summary: 'Remind the experts who have not answered (message centre and subscribe message; once a day per item)',
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'How many reminders were sent', schema: z.object({ reminded: z.number().int() }) }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => ({ reminded: await reviewRounds.remind(params.id) }),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/review-items/:id/follow-up',
    summary: 'Send a doubtful item to a site visit or a hearing (答辩会) with its day, place and participants (第十五条4)',
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    body: followUpInputSchema,
    responses: { 200: { description: 'The item', schema: itemViewSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'REVIEW_STATE (not doubtful, decided)' } },
    handler: async (ctx, { params, body }) => reviewRounds.scheduleFollowUp(params.id, body, caller(ctx).userId),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/review-items/:id/follow-up/outcome',
    summary: 'Record the outcome of the site visit or hearing',
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    body: followUpOutcomeSchema,
    responses: { 200: { description: 'The item', schema: itemViewSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'REVIEW_STATE' } },
    handler: async (ctx, { params, body }) => reviewRounds.recordFollowUpOutcome(params.id, body, caller(ctx).userId),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/review-items/:id/decision',
    summary:
      "The administrator's decision, citing the panel's opinion; against it needs a written reason; approval schedules payment (Q4 → next year) (第十五条4、5)",
    tags: ['review'],
    auth: p.admin,
    params: idParams,
    body: decisionInputSchema,
    responses: {
      200: { description: 'The item', schema: itemViewSchema },
      400: { description: 'DECISION_REASON_REQUIRED, REASON_REQUIRED' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'PANEL_INCOMPLETE, FOLLOW_UP_PENDING, REVIEW_STATE' },
    },
    handler: async (ctx, { params, body }) => reviewRounds.decide(params.id, body, caller(ctx).userId),
  });
}
