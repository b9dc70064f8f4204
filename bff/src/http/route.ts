import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { z, type ZodType } from 'zod';
import { DomainError } from '../domain/errors';
import type { AuthPolicy } from './authz';
import { rejectNonJsonBody } from './middleware/body';
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
  /**
   * Who may call it: a policy from authz.ts. Enforced before the input is even looked at, and shown
   * in the OpenAPI document (`security` and `x-auth`). Required, so no endpoint can forget it.
   */
  auth: AuthPolicy;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /**
   * The endpoint reads a multipart/form-data body itself (the evidence upload). Every other endpoint takes
   * JSON only: a non-empty body of another type is 415 UNSUPPORTED_MEDIA_TYPE (middleware/body.ts).
   */
  multipart?: boolean;
  /** Extra request headers the endpoint reads (e.g. Idempotency-Key). */
  headers?: { name: string; required: boolean; description: string }[];
  /** The first 2xx here is the success status. */
  responses: Record<number, ResponseSpec>;
  /** Extra middleware that runs before the policy and validation. */
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
      await spec.auth.enforce(ctx);
      if (!spec.multipart) rejectNonJsonBody(ctx);
      rejectOperatorKeys((ctx.request as { body?: unknown }).body, 'body');
      rejectOperatorKeys(ctx.query, 'query');
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

/**
 * Remembers the router's match for a method and path. @koa/router tests every route's regexp on
 * every request (about 75 here), while in a flash claim thousands of requests share one path. The
 * routes are fixed once the app is built, so a match for a path cannot change; the memo is bounded.
 */
export function rememberMatches(router: Router<AppState>, max = 2_000): void {
  const match = router.match.bind(router);
  const seen = new Map<string, ReturnType<typeof match>>();
  router.match = (path, method) => {
    const key = `${method} ${path}`;
    let m = seen.get(key);
    if (!m) {
      if (seen.size >= max) seen.clear();
      m = match(path, method);
      seen.set(key, m);
    }
    // The router appends to ctx.matched when routers nest: hand out a copy of that list.
    return { ...m, path: [...m.path] };
  };
}

const MAX_DEPTH = 64;

/**
 * Item 9: input that smells of MongoDB operators never reaches a query, whatever the endpoint's schema
 * says — a key starting with `$` or containing `.` (in a query string, `$` anywhere: `a[$gt]=1`),
 * and `__proto__`. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function rejectOperatorKeys(value: unknown, where: 'body' | 'query'): void {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [where] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length > MAX_DEPTH) throw forbiddenKey(path, 'too_deep', '嵌套层级过深');
    for (const [key, child] of Object.entries(v as object)) {
      const bad =
        key.startsWith('$') || key.includes('.') || key === '__proto__' || (where === 'query' && key.includes('$'));
      if (bad) throw forbiddenKey([...path, key], 'forbidden_key', `不允许的字段名：${key}`);
      stack.push({ v: child, path: [...path, key] });
    }
  }
}

function forbiddenKey(path: string[], code: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `提交的信息有误：${message}`, {
    fields: [{ path: path.join('.'), code, message }],
  });
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
