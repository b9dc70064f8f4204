import type Router from '@koa/router';
import { sendFile } from '../sendFile';
import { z } from 'zod';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES_PER_REQUEST } from '../../domain/evidence';
import type { Services } from '../../domain/services';
import {
  appealSchema,
  checkRecordSchema,
  decisionSchema,
  drawSchema,
  measureActionSchema,
  openCaseSchema,
  type CaseDoc,
  type SpotCheckDoc,
} from '../../domain/supervision';
import { caller, type Policies } from '../authz';
import type { AppContext, AppState } from '../context';
import { readFiles } from '../multipart';
import type { RouteRegistry } from '../route';
import { id, idParams } from './schemas';

/** Documentation shapes (responses are not re-validated). */
const caseSchema = z
  .object({
    id: z.string(),
    party: z.record(z.string(), z.unknown()).describe('{ kind: applicant, applicantId, name, creditCode } or { kind: open_unit, unitId, name }'),
    misconduct: z.array(z.object({ kind: z.string(), text: z.string().nullable() })),
    status: z.enum(['open', 'decided', 'appealed', 'revised']),
    decision: z.record(z.string(), z.unknown()).nullable().describe('at, day (Beijing), by, reason, measures (第十七条)'),
  })
  .passthrough();
const spotCheckSchema = z
  .object({ id: z.string(), seed: z.number().int().describe('Recorded: the same seed over the same population draws the same sample'), items: z.array(z.unknown()) })
  .passthrough();

const caseView = ({ _id, ...c }: CaseDoc) => ({ id: _id, ...c });
const checkView = ({ _id, populationIds: _p, ...c }: SpotCheckDoc) => ({ id: _id, ...c });

const caseQuery = z.strictObject({
  status: z.enum(['open', 'decided', 'appealed', 'revised']).optional(),
  applicantId: id.optional(),
  unitId: id.optional(),
});
const fileParams = z.strictObject({ id, fileId: id });
const itemParams = z.strictObject({ id, itemId: id });


/**
 * Supervision (第十六、十七、十八条): misconduct cases and their measures, the party's appeal, spot checks.
 * Administrators only, except a party's own cases and its one appeal. See docs/supervision.md.
 */
export function supervisionRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { supervision } = services;
  const { cases, spotChecks } = supervision;
  const files = { fileSizeBytes: EVIDENCE_MAX_BYTES, files: EVIDENCE_MAX_FILES_PER_REQUEST };

  // --- misconduct cases (第十六、十七条) ---

  registry.add(router, {
    method: 'post',
    path: '/api/admin/supervision/cases',
    summary: 'Open a misconduct case (第十六条) against an applicant or an open unit: the misconduct, the items concerned, a summary',
    tags: ['supervision'],
    auth: p.admin,
    body: openCaseSchema,
    responses: { 201: { description: 'The case, status open', schema: caseSchema }, 404: { description: 'NOT_FOUND: no such applicant or unit' } },
    handler: async (ctx, { body }) => caseView(await cases.open(body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/supervision/cases',
    summary: 'Misconduct cases, newest first; by status, applicant or open unit',
    tags: ['supervision'],
    auth: p.admin,
    query: caseQuery,
    responses: { 200: { description: 'Cases', schema: z.object({ items: z.array(caseSchema) }) } },
    handler: async (_ctx, { query }) => ({ items: (await cases.list(query)).map(caseView) }),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/supervision/parties',
    summary: 'Find the party of a new case: applicants by name or credit code, open units by name (at most 20 of each)',
    tags: ['supervision'],
    auth: p.admin,
    query: z.strictObject({ q: z.string().max(100) }),
    responses: { 200: { description: 'Matches', schema: z.object({ items: z.array(z.object({ kind: z.enum(['applicant', 'open_unit']), id: z.string(), name: z.string(), creditCode: z.string().nullable(), detail: z.string() })) }) } },
    handler: async (_ctx, { query }) => ({ items: await supervision.parties.search(query.q) }),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/supervision/party-items',
    summary: "A party's vouchers (applicants), contracts and redemptions: what a case may name as concerned",
    tags: ['supervision'],
    auth: p.admin,
    query: z.strictObject({ kind: z.enum(['applicant', 'open_unit']), id }),
    responses: { 200: { description: 'Vouchers (derived status), contracts, redemptions; newest first', schema: z.object({ vouchers: z.array(z.unknown()), contracts: z.array(z.unknown()), redemptions: z.array(z.unknown()) }) }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { query }) => supervision.parties.items(query.kind, query.id),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/supervision/cases/:id',
    summary: 'A misconduct case with its log (who did what, when; hash-chained, 第十八条) and the chain check',
    tags: ['supervision'],
    auth: p.admin,
    params: idParams,
    responses: { 200: { description: 'The case, its log and whether the log verifies', schema: z.object({ case: caseSchema, log: z.array(z.unknown()), chain: z.unknown() }) }, 404: { description: 'NOT_FOUND' } },
    handler: async (_ctx, { params }) => ({
      case: caseView(await cases.require(params.id)),
      log: (await cases.history(params.id)).map(({ _id, ...e }) => ({ id: _id, ...e })),
      chain: await supervision.log.verify(params.id),
    }),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/supervision/cases/:id/files',
    summary: 'Upload evidence files of a case: multipart/form-data, field "files", PDF/JPEG/PNG checked by content; stored with SHA-256',
    tags: ['supervision'],
    auth: p.admin,
    params: idParams,
    multipart: true,
    responses: {
      201: { description: 'The case with its files', schema: caseSchema },
      400: { description: 'EVIDENCE_REQUIRED, EVIDENCE_TOO_MANY, UPLOAD_INCOMPLETE' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'EVIDENCE_CONTRACT_FILES_LIMIT, EVIDENCE_CONTRACT_BYTES_LIMIT (per case)' },
      413: { description: 'EVIDENCE_TOO_LARGE' },
      415: { description: 'EVIDENCE_TYPE_NOT_ALLOWED' },
      507: { description: 'STORAGE_FULL' },
    },
    handler: async (ctx, { params }) => {
      await cases.require(params.id);
      await supervision.admitFiles(params.id);
      return caseView(await supervision.addCaseFiles(params.id, await readFiles(ctx, files), caller(ctx).userId));
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/supervision/cases/:id/files/:fileId',
    summary: 'Download one evidence file of a case (checked against its SHA-256)',
    tags: ['supervision'],
    auth: p.admin,
    params: fileParams,
    responses: { 200: { description: 'The file bytes with their type; X-Content-SHA256 header' }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => {
      const { doc, data } = await supervision.file(params.id, params.fileId);
      return sendFile(ctx, doc, data);
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/supervision/cases/:id/decision',
    summary:
      'Decide the measures (第十七条): suspend_payments, recover_funds (amountFen), ban (three years from the Beijing decision day), removal (open units), credit_record, void_vouchers (the concerned claimed vouchers of an applicant become void; their amount is not returned); on an appealed case this is the revision',
    tags: ['supervision'],
    auth: p.admin,
    params: idParams,
    body: decisionSchema,
    responses: {
      200: { description: 'The decided (or revised) case', schema: caseSchema },
      400: { description: 'VALIDATION_FAILED (no measure on a first decision; removal of an applicant; void_vouchers on a unit or with no voucher concerned)' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'CASE_STATE: already decided and not appealed; CONFLICT' },
    },
    handler: async (ctx, { params, body }) => caseView(await supervision.decide(params.id, body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/supervision/cases/:id/measures',
    summary: 'Lift a payment suspension, or record the day funds were recovered (第十七条)',
    tags: ['supervision'],
    auth: p.admin,
    params: idParams,
    body: measureActionSchema,
    responses: { 200: { description: 'The case', schema: caseSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'CASE_STATE: no such measure, or already lifted' } },
    handler: async (ctx, { params, body }) => caseView(await cases.measure(params.id, body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/supervision/cases',
    summary: "The cases against my applicant or my open unit (to know the measures and appeal once)",
    tags: ['supervision'],
    auth: p.party,
    responses: { 200: { description: 'Cases, newest first', schema: z.object({ items: z.array(caseSchema) }) } },
    handler: async (ctx) => {
      const me = caller(ctx);
      return { items: (await cases.ofParty(me.applicantId, me.openUnitId)).map(caseView) };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/supervision/cases/:id/appeal',
    summary: "Appeal the decision on a case against my applicant or my open unit, once; administrators then revise it",
    tags: ['supervision'],
    auth: p.party,
    params: idParams,
    body: appealSchema,
    responses: {
      200: { description: 'The case, status appealed', schema: caseSchema },
      404: { description: 'NOT_FOUND: not a case against me' },
      409: { description: 'CASE_STATE: not decided yet, or already appealed' },
    },
    handler: async (ctx, { params, body }) => {
      const me = caller(ctx);
      return caseView(await cases.appeal(params.id, { applicantId: me.applicantId, unitId: me.openUnitId, userId: me.userId }, body.reason));
    },
  });

  // --- spot checks (第十八条) ---

  registry.add(router, {
    method: 'post',
    path: '/api/admin/spot-checks',
    summary: 'Draw a spot check (第十八条): approved or paid redemptions in a date range, or open units; a size or a percentage; the seed is recorded (give one to replay a draw)',
    tags: ['supervision'],
    auth: p.admin,
    body: drawSchema,
    responses: {
      201: { description: 'The spot check with its sampled items', schema: spotCheckSchema },
      400: { description: 'VALIDATION_FAILED' },
      422: { description: 'SPOT_CHECK_EMPTY: nothing to draw from' },
    },
    handler: async (ctx, { body }) => checkView(await spotChecks.draw(body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/spot-checks',
    summary: 'Spot checks, newest first',
    tags: ['supervision'],
    auth: p.admin,
    responses: { 200: { description: 'Spot checks', schema: z.object({ items: z.array(spotCheckSchema) }) } },
    handler: async () => ({ items: (await spotChecks.list()).map(checkView) }),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/spot-checks/:id',
    summary: 'A spot check with its log, a replay of its draw from the recorded seed, and its sampled items described',
    tags: ['supervision'],
    auth: p.admin,
    params: idParams,
    responses: {
      200: {
        description: 'The check, its log, the replay, and each sampled item described (its name; the parties a case from it may be against)',
        schema: z.object({ check: spotCheckSchema, log: z.array(z.unknown()), replay: z.unknown(), subjects: z.record(z.string(), z.object({ label: z.string(), parties: z.array(z.unknown()) })) }),
      },
      404: { description: 'NOT_FOUND' },
    },
    handler: async (_ctx, { params }) => {
      const check = await spotChecks.require(params.id);
      return {
        check: checkView(check),
        log: (await spotChecks.history(params.id)).map(({ _id, ...e }) => ({ id: _id, ...e })),
        replay: await spotChecks.replay(params.id),
        subjects: await supervision.parties.describe(check.items),
      };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/spot-checks/:id/files',
    summary: 'Upload files for the check records of a spot check (multipart/form-data, field "files", PDF/JPEG/PNG)',
    tags: ['supervision'],
    auth: p.admin,
    params: idParams,
    multipart: true,
    responses: {
      201: { description: 'The stored files (cite their ids in a check record)', schema: z.object({ files: z.array(z.unknown()) }) },
      400: { description: 'EVIDENCE_REQUIRED, EVIDENCE_TOO_MANY, UPLOAD_INCOMPLETE' },
      404: { description: 'NOT_FOUND' },
      409: { description: 'EVIDENCE_CONTRACT_FILES_LIMIT, EVIDENCE_CONTRACT_BYTES_LIMIT' },
      413: { description: 'EVIDENCE_TOO_LARGE' },
      415: { description: 'EVIDENCE_TYPE_NOT_ALLOWED' },
      507: { description: 'STORAGE_FULL' },
    },
    handler: async (ctx, { params }) => {
      await spotChecks.require(params.id);
      await supervision.admitFiles(params.id);
      return { files: await supervision.uploadCheckFiles(params.id, await readFiles(ctx, files), caller(ctx).userId) };
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/spot-checks/:id/items/:itemId/check',
    summary: 'Record the check of a sampled item: outcome, notes, files',
    tags: ['supervision'],
    auth: p.admin,
    params: itemParams,
    body: checkRecordSchema,
    responses: { 200: { description: 'The spot check', schema: spotCheckSchema }, 404: { description: 'NOT_FOUND (also: a file not uploaded to this check)' } },
    handler: async (ctx, { params, body }) => checkView(await supervision.recordCheck(params.id, params.itemId, body, caller(ctx).userId)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/admin/spot-checks/:id/items/:itemId/files/:fileId',
    summary: "Download one file of a sampled item's check record (checked against its SHA-256)",
    tags: ['supervision'],
    auth: p.admin,
    params: z.strictObject({ id, itemId: id, fileId: id }),
    responses: { 200: { description: 'The file bytes with their type; X-Content-SHA256 header' }, 404: { description: "NOT_FOUND (also: a file the item's record does not cite)" } },
    handler: async (ctx, { params }) => {
      const { doc, data } = await supervision.checkFile(params.id, params.itemId, params.fileId);
      return sendFile(ctx, doc, data);
    },
  });

  registry.add(router, {
    method: 'post',
    path: '/api/admin/spot-checks/:id/items/:itemId/case',
    summary: 'Open a misconduct case from a sampled item (the case records where it came from)',
    tags: ['supervision'],
    auth: p.admin,
    params: itemParams,
    body: openCaseSchema,
    responses: { 201: { description: 'The case', schema: caseSchema }, 404: { description: 'NOT_FOUND' }, 409: { description: 'CASE_STATE: a case was already opened from this item' } },
    handler: async (ctx, { params, body }) => caseView(await supervision.openCaseFromCheck(params.id, params.itemId, body, caller(ctx).userId)),
  });
}
