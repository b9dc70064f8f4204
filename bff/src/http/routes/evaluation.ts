/**
 * The yearly performance evaluation of open units (第十一条, 第十四条; domain/evaluation/): administrators open
 * the round, assign expert panels (recusal), draw site checks, adjust grades, draw the support plan, publish
 * it in a public notice and mark it paid, and export it; the unit's staff declare with pre-filled figures;
 * experts score their assignments (others answer 404).
 */
import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import { z } from 'zod';
import { EVALUATION_ROUND_PHASES } from '@kcq/shared';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES_PER_REQUEST } from '../../domain/evidence';
import {
  agencyMarkSchema,
  assignInputSchema,
  declarationInputSchema,
  gradeAdjustmentSchema,
  planLineSchema,
  planNoticeSchema,
  planPaidSchema,
  planWorkbook,
  roundInputSchema,
  roundView,
  scoreInputSchema,
  siteCheckDrawSchema,
  siteCheckOutcomeSchema,
  type DeclarationDoc,
  type RoundDoc,
} from '../../domain/evaluation';
import { DomainError } from '../../domain/errors';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppContext, AppState } from '../context';
import { readFiles } from '../multipart';
import type { RouteRegistry } from '../route';
import { sendFile } from '../sendFile';
import { id, idParams, isoDate } from './schemas';

/** Documentation shapes (shared/src/api/evaluation.ts; responses are not re-validated). */
const roundSchema = z
  .object({ id: z.string(), year: z.number().int(), title: z.string(), declarationDeadline: z.string(), classThresholdFen: z.number().int(), phase: z.enum(EVALUATION_ROUND_PHASES), declarations: z.number().int() })
  .catchall(z.unknown())
  .describe('EvaluationRoundView: also ceilingsFen, weights, gradeThresholds, panelSize, phaseLabel, notice, siteCheckDraw, createdAt');
const declarationSchema = z
  .object({ id: z.string(), roundId: z.string(), unitId: z.string(), unitName: z.string(), class: z.enum(['I', 'II']), grade: z.string().nullable(), meanScore: z.number().nullable() })
  .catchall(z.unknown())
  .describe('DeclarationView (@kcq/shared): prefilled figures, the unit’s figures and statements, files, panel and recusal (administrators), site check, adjustment');
const prefilledSchema = z.record(z.string(), z.unknown()).describe('PrefilledFigures (@kcq/shared)');
const planSchema = z
  .object({ roundId: z.string(), year: z.number().int(), lines: z.array(z.record(z.string(), z.unknown())), totalFen: z.number().int(), notice: z.record(z.string(), z.unknown()).nullable() })
  .describe('SupportPlanView (@kcq/shared): one line per unit — class, grade, ceiling, subsidy, reduction reason, status');
const assignmentSchema = z.object({ id: z.string(), roundId: z.string(), year: z.number().int(), weights: z.record(z.string(), z.number()), declaration: z.record(z.string(), z.unknown()), myScore: z.record(z.string(), z.unknown()).nullable() });
const fileSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int(), uploadedAt: isoDate });

const unitRoundParams = z.strictObject({ id, roundId: id });

export function evaluationRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { evaluation, clock } = services;
  const { rounds, declarations, scoring, siteChecks, plans } = evaluation;
  const files = { fileSizeBytes: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_FILES_PER_REQUEST };

  const viewRound = async (r: RoundDoc) => roundView(r, clock.now(), await rounds.countDeclarations(r._id));
  const viewDeclaration = async (d: DeclarationDoc, audience: 'admin' | 'unit') => declarations.view(d, await rounds.require(d.roundId), audience);
  const roundAnswer = async (r: RoundDoc) => ({
    round: await viewRound(r),
    declarations: await Promise.all((await declarations.ofRound(r._id)).map((d) => declarations.view(d, r, 'admin'))),
  });
  const expertOf = (ctx: AppContext) => {
    const e = caller(ctx).expertId;
    if (!e) throw new Error('handler needs the expert policy');
    return e;
  };

  // --- administrators: rounds ---
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-rounds',
    summary: "Open the year's evaluation round (第十四条): deadline (Beijing day), class threshold and ceilings in yuan (defaults 第十一条), weights, grade thresholds",
    tags: ['evaluation'],
    auth: p.admin,
    body: roundInputSchema,
    responses: {
      201: { description: 'The round', schema: roundSchema },
      400: { description: 'VALIDATION_FAILED (weights not summing to 100, thresholds not descending, deadline in the past…)' },
      409: { description: 'EVALUATION_ROUND_EXISTS' },
    },
    handler: async (ctx, { body }) => viewRound(await rounds.open(body, caller(ctx).userId)),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/evaluation-rounds',
    summary: 'Evaluation rounds, newest year first',
    tags: ['evaluation'],
    auth: p.admin,
    responses: { 200: { description: 'Rounds', schema: z.object({ rounds: z.array(roundSchema) }) } },
    handler: async () => ({ rounds: await Promise.all((await rounds.list()).map(viewRound)) }),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/evaluation-rounds/:id',
    summary: 'One round with every declaration (panels, recusal, scores, grades, site checks)',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The round', schema: z.object({ round: roundSchema, declarations: z.array(declarationSchema) }) }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => roundAnswer(await rounds.require(params.id)),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-rounds/:id/assign',
    summary: 'After the deadline: expert panels for every declaration, recusal as for redemptions (experts tied to the unit are excluded, with why)',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    body: assignInputSchema.default({}),
    responses: {
      200: { description: 'The round', schema: z.object({ round: roundSchema, declarations: z.array(declarationSchema) }) },
      404: { description: 'NOT_FOUND' },
      409: { description: 'EVALUATION_PHASE (before the deadline…), NO_DECLARATIONS, PANEL_UNAVAILABLE' },
    },
    handler: async (ctx, { params, body }) => {
      await scoring.assign(params.id, body.panelSize, caller(ctx).userId);
      return roundAnswer(await rounds.require(params.id));
    },
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-rounds/:id/site-checks',
    summary: 'Draw the units to visit (第十四条): every doubtful one first, then a percent of the rest at random; the seed is recorded and replays the draw',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    body: siteCheckDrawSchema,
    responses: {
      200: { description: 'The round (siteCheckDraw) with its declarations', schema: z.object({ round: roundSchema, declarations: z.array(declarationSchema) }) },
      404: { description: 'NOT_FOUND' },
      409: { description: 'EVALUATION_PHASE, SCORES_INCOMPLETE' },
    },
    handler: async (ctx, { params, body }) => roundAnswer(await siteChecks.draw(params.id, body, caller(ctx).userId)),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/evaluation-declarations/:id',
    summary: 'One declaration with its panel, recusal, scores, site check and adjustment',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The declaration', schema: declarationSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => viewDeclaration(await declarations.require(params.id), 'admin'),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-declarations/:id/site-check',
    summary: "Record a drawn unit's site check outcome",
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    body: siteCheckOutcomeSchema,
    responses: { 200: { description: 'The declaration', schema: declarationSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'EVALUATION_PHASE (not drawn…)' } },
    handler: async (ctx, { params, body }) => viewDeclaration(await siteChecks.record(params.id, body, caller(ctx).userId), 'admin'),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-declarations/:id/grade',
    summary: 'Adjust the grade with a reason (after scoring, before the notice; a drawn plan line follows)',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    body: gradeAdjustmentSchema,
    responses: { 200: { description: 'The declaration', schema: declarationSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'EVALUATION_PHASE, SCORES_INCOMPLETE' } },
    handler: async (ctx, { params, body }) => viewDeclaration(await siteChecks.adjustGrade(params.id, body, caller(ctx).userId), 'admin'),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-declarations/:id/agency',
    summary: 'Correct the third-party testing agency mark with a reason (第十一条: agencies are not subsidised)',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    body: agencyMarkSchema,
    responses: { 200: { description: 'The declaration', schema: declarationSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'EVALUATION_PHASE' } },
    handler: async (ctx, { params, body }) => viewDeclaration(await siteChecks.markAgency(params.id, body, caller(ctx).userId), 'admin'),
  });

  // --- administrators: the support plan ---
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-rounds/:id/plan',
    summary: 'Draw (or redraw before its notice) the support plan: each subsidy at the ceiling for class and grade (0 for 合格/不合格 and agencies)',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The plan', schema: planSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'EVALUATION_PHASE, SCORES_INCOMPLETE, NO_DECLARATIONS' } },
    handler: async (ctx, { params }) => {
      await plans.draw(params.id, caller(ctx).userId);
      return plans.view(params.id);
    },
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/evaluation-rounds/:id/plan',
    summary: 'The support plan with each line’s notice status',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The plan', schema: planSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => plans.view(params.id),
  });
  registry.add(router, {
    method: 'put',
    path: '/api/admin/evaluation-rounds/:id/plan/lines/:declarationId',
    summary: "Lower a unit's subsidy (yuan), never above its ceiling, with a reason",
    tags: ['evaluation'],
    auth: p.admin,
    params: z.strictObject({ id, declarationId: id }),
    body: planLineSchema,
    responses: {
      200: { description: 'The plan', schema: planSchema },
      400: { description: 'VALIDATION_FAILED, SUBSIDY_ABOVE_CEILING' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'EVALUATION_PHASE' },
    },
    handler: async (ctx, { params, body }) => {
      await plans.editLine(params.id, params.declarationId, body, caller(ctx).userId);
      return plans.view(params.id);
    },
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-rounds/:id/plan/notice',
    summary: 'Publish the plan in a public notice of 5 working days (same notices and objections as redemptions)',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    body: planNoticeSchema,
    responses: { 200: { description: 'The plan', schema: planSchema }, 400: { description: 'VALIDATION_FAILED (a start day in the past)' }, 404: { description: 'NOT_FOUND' }, 409: { description: 'EVALUATION_PHASE' } },
    handler: async (ctx, { params, body }) => {
      await plans.publish(params.id, body, caller(ctx).userId);
      return plans.view(params.id);
    },
  });
  registry.add(router, {
    method: 'post',
    path: '/api/admin/evaluation-rounds/:id/plan/paid',
    summary: 'After the notice: mark every cleared line with a subsidy paid, with the reference (held lines wait)',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    body: planPaidSchema,
    responses: { 200: { description: 'The plan', schema: planSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'EVALUATION_PHASE (notice not ended…)' } },
    handler: async (ctx, { params, body }) => {
      await plans.markPaid(params.id, body.reference, caller(ctx).userId);
      return plans.view(params.id);
    },
  });
  registry.add(router, {
    method: 'get',
    path: '/api/admin/evaluation-rounds/:id/plan/export',
    summary: 'The support plan as an .xlsx: one row per unit, yuan with two decimals, a total',
    tags: ['evaluation'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const r = await rounds.require(params.id);
      const data = await planWorkbook({ title: r.title, year: r.year }, await plans.view(params.id));
      const sha256 = createHash('sha256').update(data).digest('hex');
      return sendFile(ctx, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `绩效考核支持方案-${r.year}.xlsx`, sha256 }, data);
    },
  });

  // --- the unit's staff ---
  registry.add(router, {
    method: 'get',
    path: '/api/open-units/:id/evaluations',
    summary: "The evaluation rounds with the unit's declaration in each (results once the plan is drawn)",
    tags: ['evaluation'],
    auth: p.unitStaff('id'),
    params: idParams,
    responses: { 200: { description: 'Rounds', schema: z.object({ rounds: z.array(z.object({ round: roundSchema, declaration: declarationSchema.nullable() })) }) }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => {
      await services.openUnits.require(params.id);
      const out = [];
      for (const r of await rounds.list()) {
        const d = await declarations.get(r._id, params.id);
        out.push({ round: await viewRound(r), declaration: d ? await declarations.view(d, r, 'unit') : null });
      }
      return { rounds: out };
    },
  });
  registry.add(router, {
    method: 'get',
    path: '/api/open-units/:id/evaluations/:roundId/declaration',
    summary: "The figures the platform pre-fills for the round's year, the declaration so far, and whether the unit may declare now",
    tags: ['evaluation'],
    auth: p.unitStaff('id'),
    params: unitRoundParams,
    responses: {
      200: { description: 'Pre-filled figures and declaration', schema: z.object({ round: roundSchema, prefilled: prefilledSchema, declaration: declarationSchema.nullable(), canDeclare: z.boolean() }) },
      404: { description: 'NOT_FOUND' },
    },
    handler: async (_ctx, { params }) => {
      const r = await rounds.require(params.roundId);
      await services.openUnits.require(params.id);
      const d = await declarations.get(r._id, params.id);
      return {
        round: await viewRound(r),
        prefilled: await declarations.prefill(params.id, r.year),
        declaration: d ? await declarations.view(d, r, 'unit') : null,
        canDeclare: await declarations.canDeclare(params.id, r),
      };
    },
  });
  registry.add(router, {
    method: 'put',
    path: '/api/open-units/:id/evaluations/:roundId/declaration',
    summary: 'Declare (again, until the deadline day ends in Beijing): instrument value (yuan), hours, openness rules, service quality, agency mark, files',
    tags: ['evaluation'],
    auth: p.unitStaff('id'),
    params: unitRoundParams,
    body: declarationInputSchema,
    responses: {
      200: { description: 'The declaration', schema: declarationSchema },
      400: { description: 'VALIDATION_FAILED' },
      403: { description: 'OPEN_UNIT_BANNED (第十七条)' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'DECLARATION_CLOSED' },
    },
    handler: async (ctx, { params, body }) => viewDeclaration(await declarations.declare(params.roundId, params.id, body, caller(ctx).userId, caller(ctx).isAdmin && caller(ctx).openUnitId !== params.id ? 'administrator' : 'open_unit'), 'unit'),
  });
  registry.add(router, {
    method: 'post',
    path: '/api/open-units/:id/evaluations/:roundId/files',
    summary: 'Upload files for the declaration (multipart/form-data, field "files", PDF/JPEG/PNG checked by content); cite them by id',
    tags: ['evaluation'],
    auth: p.unitStaff('id'),
    params: unitRoundParams,
    multipart: true,
    responses: {
      201: { description: 'The files stored', schema: z.object({ files: z.array(fileSchema) }) },
      400: { description: 'EVIDENCE_REQUIRED, EVIDENCE_TOO_MANY, UPLOAD_INCOMPLETE' },
      403: { description: 'OPEN_UNIT_BANNED' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'DECLARATION_CLOSED, EVIDENCE_CONTRACT_FILES_LIMIT, EVIDENCE_CONTRACT_BYTES_LIMIT' },
      413: { description: 'EVIDENCE_TOO_LARGE' },
      415: { description: 'EVIDENCE_TYPE_NOT_ALLOWED' },
      507: { description: 'STORAGE_FULL' },
    },
    handler: async (ctx, { params }) => {
      await rounds.require(params.roundId);
      await services.openUnits.require(params.id);
      await declarations.admitFiles(params.roundId, params.id);
      return { files: await declarations.uploadFiles(params.roundId, params.id, await readFiles(ctx, files), caller(ctx).userId) };
    },
  });
  registry.add(router, {
    method: 'get',
    path: '/api/open-units/:id/evaluations/:roundId/files/:fileId',
    summary: 'Download one file of the declaration, checked against its SHA-256',
    tags: ['evaluation'],
    auth: p.unitStaff('id'),
    params: z.strictObject({ id, roundId: id, fileId: id }),
    responses: { 200: { description: 'The file bytes with their type; X-Content-SHA256 header' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const { doc, data } = await declarations.file(params.roundId, params.id, params.fileId);
      return sendFile(ctx, doc, data);
    },
  });

  // --- experts ---
  registry.add(router, {
    method: 'get',
    path: '/api/expert/evaluation-assignments',
    summary: "The declarations the expert scores (第十四条), with the expert's own score",
    tags: ['evaluation'],
    auth: p.expert,
    responses: { 200: { description: 'Assignments', schema: z.object({ assignments: z.array(assignmentSchema) }) } },
    handler: async (ctx) => {
      const e = expertOf(ctx);
      return { assignments: await Promise.all((await scoring.assignments(e)).map((d) => scoring.assignmentView(d, e))) };
    },
  });
  registry.add(router, {
    method: 'get',
    path: '/api/expert/evaluation-assignments/:id',
    summary: 'One declaration the expert scores (others answer 404)',
    tags: ['evaluation'],
    auth: p.expert,
    params: idParams,
    responses: { 200: { description: 'The assignment', schema: assignmentSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => scoring.assignmentView(await scoring.assignment(params.id, expertOf(ctx)), expertOf(ctx)),
  });
  registry.add(router, {
    method: 'get',
    path: '/api/expert/evaluation-assignments/:id/files/:fileId',
    summary: 'One file the declaration cites (the panel only)',
    tags: ['evaluation'],
    auth: p.expert,
    params: z.strictObject({ id, fileId: id }),
    responses: { 200: { description: 'The file bytes with their type; X-Content-SHA256 header' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const d = await scoring.assignment(params.id, expertOf(ctx));
      if (!d.fileIds.includes(params.fileId)) throw new DomainError('NOT_FOUND', '找不到该文件');
      const { doc, data } = await declarations.file(d.roundId, d.unitId, params.fileId);
      return sendFile(ctx, doc, data);
    },
  });
  registry.add(router, {
    method: 'post',
    path: '/api/expert/evaluation-assignments/:id/score',
    summary: 'Score the six criteria of 第十一条 (integers 0–100), optionally mark doubtful (site check first), comment; revisable while scoring',
    tags: ['evaluation'],
    auth: p.expert,
    params: idParams,
    body: scoreInputSchema,
    responses: { 200: { description: 'The assignment', schema: assignmentSchema }, 400: { description: 'VALIDATION_FAILED' }, 404: { description: 'NOT_FOUND' }, 409: { description: 'EVALUATION_PHASE' } },
    handler: async (ctx, { params, body }) => {
      const e = expertOf(ctx);
      return scoring.assignmentView(await scoring.score(params.id, e, caller(ctx).userId, body), e);
    },
  });
}
