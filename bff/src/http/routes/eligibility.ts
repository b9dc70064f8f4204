import type Router from '@koa/router';
import { z } from 'zod';
import { applicantProfileSchema, checkEligibility } from '@kcq/shared';
import type { Clock } from '../../domain/clock';
import { isPublic } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';

/** The answer of the 第七条 check, as documented in the OpenAPI document. */
export const eligibilityResultSchema = z.object({
  eligible: z.boolean(),
  kind: z.enum(['enterprise', 'team']),
  annualCapFen: z.number().int().describe('第十二条 annual cap in fen: 50,000,000 or 20,000,000'),
  failures: z.array(
    z.object({
      code: z.string(),
      clause: z.string().describe('e.g. 第七条第三项'),
      message: z.string(),
      field: z.string().optional(),
    }),
  ),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), field: z.string().optional() })),
});

/** 第七条: anyone may check a profile before signing in; nothing is stored. */
export function eligibilityRoutes(router: Router<AppState>, registry: RouteRegistry, clock: Clock): void {
  registry.add(router, {
    method: 'post',
    path: '/api/eligibility/check',
    summary: 'Check an enterprise or startup-team profile against 第七条 (no login); every failed condition with its clause',
    tags: ['eligibility'],
    auth: isPublic,
    body: applicantProfileSchema,
    responses: {
      200: { description: 'The result: eligible, the annual cap, every failure and warning', schema: eligibilityResultSchema },
      400: { description: 'VALIDATION_FAILED with the field paths' },
    },
    handler: (_ctx, { body }) => checkEligibility(body, clock.now()),
  });
}
