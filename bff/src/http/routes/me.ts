import type Router from '@koa/router';
import { z } from 'zod';
import { ROLES } from '../../domain/users';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { applicantViewSchema, isoDate } from './schemas';

const meSchema = z.object({
  user: z.object({ id: z.string(), openid: z.string(), createdAt: isoDate, name: z.string().nullable().describe('The name given when joining an open unit, or null') }),
  roles: z.array(z.enum(ROLES)),
  applicant: applicantViewSchema.nullable().describe('My applicant with its 第七条 eligibility, or null'),
  openUnit: z
    .object({ id: z.string(), name: z.string(), status: z.string(), manager: z.boolean() })
    .nullable()
    .describe('The open unit I am staff of, or null'),
  sanctions: z
    .array(z.object({ caseId: z.string(), party: z.enum(['applicant', 'open_unit']), ban: z.object({ from: z.string(), lastDay: z.string(), until: z.string() }).nullable() }).passthrough())
    .describe('第十七条: decided cases against my applicant or unit still binding me or open to my one appeal (MySanction in @kcq/shared)'),
});

export function meRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  registry.add(router, {
    method: 'get',
    path: '/api/me',
    summary: 'Who I am: my roles, my applicant profile with its eligibility, my open unit, the sanctions in force against them (第十七条)',
    tags: ['me'],
    auth: p.signedIn,
    responses: { 200: { description: 'The caller', schema: meSchema } },
    handler: async (ctx) => {
      const me = caller(ctx);
      const [view, sanctions] = await Promise.all([services.identity.me(me), services.supervision.partySanctions(me.applicantId, me.openUnitId)]);
      return { ...view, sanctions };
    },
  });
}
