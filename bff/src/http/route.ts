import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { z, type ZodType } from 'zod';
import { DomainError } from '../domain/errors';
import type { AppContext, AppState } from './context';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  schema?: ZodType;
}

/**
 * One endpoint, described once: the same schemas validate the request and generate the OpenAPI
 * document (see openapi.ts), so the document cannot drift from what the server accepts.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** @koa/router syntax: `/api/periods/:id`. */
  path: string;
  summary: string;
  tags: string[];
  /** Who may call it, for the document (enforced by the middleware passed in `use`). */
  security?: 'bearer';
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Extra request headers the endpoint reads (e.g. Idempotency-Key). */
  headers?: { name: string; required: boolean; description: string }[];
  /** The first 2xx here is the success status. */
  responses: Record<number, ResponseSpec>;
  /** Middleware that runs before validation (authentication, authorisation). */
  use?: Middleware<AppState>[];
  handler: (ctx: AppContext, input: { params: P; query: Q; body: B }) => Promise<unknown> | unknown;
}

/** The API as a list of specs; openapi.ts turns it into a document. */
export class RouteRegistry {
  readonly routes: RouteSpec<any, any, any>[] = [];

  /** Registers the spec and mounts it on the router. */
  add<P, Q, B>(router: Router<AppState>, spec: RouteSpec<P, Q, B>): void {
    this.routes.push(spec);
    const success = Number(Object.keys(spec.responses).find((s) => s.startsWith('2')) ?? 200);
    router[spec.method](spec.path, ...(spec.use ?? []), async (ctx: AppContext) => {
      const input = {
        params: parse(spec.params, ctx.params, 'params'),
        query: parse(spec.query, ctx.query, 'query'),
        body: parse(spec.body, (ctx.request as { body?: unknown }).body, 'body'),
      };
      const result = await spec.handler(ctx, input as { params: P; query: Q; body: B });
      // A handler returns its body; one that answers with another status sets ctx itself.
      if (result !== undefined) {
        ctx.status = success;
        ctx.body = result;
      } else if (ctx.body === undefined) {
        ctx.status = success;
      }
    });
  }
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (r.success) return r.data;
  throw validationError(r.error, where);
}

/** 400 VALIDATION_FAILED listing every bad field as `where.path` with its Chinese message. */
export function validationError(error: z.ZodError, where: string): DomainError {
  const fields = error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    code: i.code,
    message: i.message,
  }));
  const first = fields[0];
  return new DomainError(
    'VALIDATION_FAILED',
    first ? `提交的信息有误：${first.path.replace(/^body\./, '')} ${first.message}` : undefined,
    { fields },
  );
}
