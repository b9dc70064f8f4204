import type Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import type { AppState } from '../context';
import { isPublic } from '../authz';
import { buildOpenApi } from '../openapi';
import type { RouteRegistry } from '../route';

const health = z.object({ ok: z.literal(true) });
const readiness = z.object({
  ok: z.boolean(),
  store: z.enum(['embedded', 'mongo']),
  inventory: z.enum(['embedded', 'redis']),
  problems: z.array(z.string()).optional().describe('What is unreachable, when ok is false'),
  degraded: z
    .literal(true)
    .optional()
    .describe('The store answers but the inventory (Redis) does not: every screen works from the store, claims answer 503'),
});

async function probe(name: string, check: () => Promise<void>, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return null;
  } catch (err) {
    return `${name}: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Probes for load balancers and the OpenAPI document. */
export function systemRoutes(router: Router<AppState>, registry: RouteRegistry, deps: AppDeps): void {
  registry.add(router, {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process is up',
    tags: ['system'],
    auth: isPublic,
    responses: { 200: { description: 'Up', schema: health } },
    handler: () => ({ ok: true }),
  });

  registry.add(router, {
    method: 'get',
    path: '/readyz',
    summary:
      'Readiness: the store and the inventory answer; names the adapters in use. Inventory down alone is 200 with degraded: true (claims answer 503, the rest works); store down is 503',
    tags: ['system'],
    auth: isPublic,
    responses: {
      200: { description: 'Ready, or degraded (inventory down)', schema: readiness },
      503: { description: 'A dependency does not answer', schema: readiness },
    },
    handler: async (ctx) => {
      const problems = (
        await Promise.all([
          probe('store', () => deps.store.ping(), 2_000),
          probe('inventory', () => deps.inventory.ping(), 2_000),
        ])
      ).filter((p): p is string => p !== null);
      const body = { ok: problems.length === 0, store: deps.store.kind, inventory: deps.inventory.kind };
      if (problems.length && problems.every((p) => p.startsWith('inventory:'))) {
        // Redis down or restarting (issue #20): this instance still serves every screen from the store, and
        // every instance shares the one Redis — taking them all out of rotation would only make it worse.
        ctx.state.log.warn({ problems }, 'degraded');
        return { ...body, degraded: true as const, problems };
      }
      if (problems.length) {
        ctx.state.log.warn({ problems }, 'not ready');
        ctx.status = 503;
        ctx.body = { ...body, problems };
        return undefined;
      }
      return body;
    },
  });

  let doc: unknown;
  registry.add(router, {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document: OpenAPI 3.1, generated from the schemas that validate requests',
    tags: ['system'],
    auth: isPublic,
    responses: { 200: { description: 'The OpenAPI document' } },
    handler: () => (doc ??= buildOpenApi(registry, { title: '科创券 BFF', version: '0.1.0' })),
  });
}
