import type Router from '@koa/router';
import { z } from 'zod';
import { CACHE_MS } from '../../domain/transparency/figures';
import type { Services } from '../../domain/services';
import type { Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';

const countAndFen = z.object({ count: z.number().int(), amountFen: z.number().int().describe('Integer fen') });
const group = z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int(), amountFen: z.number().int() }));

/** Documentation of GET /api/public/transparency (the wire type is PublicTransparency in @kcq/shared). */
const transparencySchema = z.object({
  generatedAt: z.string(),
  year: z.number().int().describe('The Beijing calendar year of the "this year" figures'),
  periods: z.array(z.object({ name: z.string(), opensAt: z.string(), closesAt: z.string(), quotaFen: z.number().int(), claimed: countAndFen })),
  vouchers: z.object({ total: countAndFen, byStatus: group, byPriorityField: group, byDistrict: group }),
  redemptions: z.object({ approvedThisYear: countAndFen, paidThisYear: countAndFen }),
  notices: z.array(z.unknown()).describe('The public notices open today, as the notices publish them'),
  openUnits: z.array(z.object({ name: z.string(), district: z.string().nullable(), region: z.string(), mutualRecognition: z.boolean() })),
});

/** 第十八条: the scheme's public figures, no sign-in, aggregates only, cached. */
export function transparencyRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  registry.add(router, {
    method: 'get',
    path: '/api/public/transparency',
    summary:
      'Public supervision (第十八条), no sign-in: per period quota and amount claimed; vouchers by status, priority field and district; redemptions approved and paid this year; open public notices; open units. Aggregates only, cached',
    tags: ['public'],
    auth: p.public,
    responses: { 200: { description: 'The figures (at most a minute old)', schema: transparencySchema } },
    handler: async (ctx) => {
      const figures = await services.transparency.figures();
      ctx.set('Cache-Control', `public, max-age=${CACHE_MS / 1000}`);
      return figures;
    },
  });
}
