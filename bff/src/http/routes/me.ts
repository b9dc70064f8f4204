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
});

export function meRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  registry.add(router, {
    method: 'get',
    path: '/api/me',
    summary: 'Who I am: my roles, my applicant profile with its eligibility, my open unit',
    tags: ['me'],
    auth: p.signedIn,
    responses: { 200: { description: 'The caller', schema: meSchema } },
    handler: (ctx) => services.identity.me(caller(ctx)),
  });
}
