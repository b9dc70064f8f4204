import { ERRORS, type ApiErrorBody } from '@kcq/shared';
import { DomainError } from '../../domain/errors';
import type { AppMiddleware } from '../context';

/** HTTP errors thrown by Koa and its middleware (body parser, router, static files) mapped to our codes. */
function codeForHttpError(err: { status?: number; type?: string; expose?: boolean }): keyof typeof ERRORS | null {
  switch (err.status) {
    case 400:
      // The JSON body parser (co-body) throws a SyntaxError carrying status 400.
      return err instanceof SyntaxError || err.type === 'entity.parse.failed' ? 'BAD_JSON' : 'VALIDATION_FAILED';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 405:
    // The router's answer to a method it does not implement (PROPFIND, TRACE…): the client's mistake.
    case 501:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      // Any other client error an HTTP library raised on purpose (http-errors marks those `expose`).
      return err.expose === true && typeof err.status === 'number' && err.status >= 400 && err.status < 500
        ? 'VALIDATION_FAILED'
        : null;
  }
}

/**
 * Input that should never have been sent (malformed JSON, a body or encoding the endpoint does not take,
 * an unknown method, a path outside the app…) is logged at warn, with the reason and without a stack;
 * a business refusal (409 SOLD_OUT…) stays on the request's own line.
 */
function logBadInput(ctx: Parameters<AppMiddleware>[0], status: number, code: string, reason?: string): void {
  ctx.state.refusal = code;
  const log = ctx.state.log;
  if (log?.isLevelEnabled('warn')) log.warn({ method: ctx.method, path: ctx.path, status, code, reason }, 'bad request');
}

const BAD_INPUT_STATUSES = new Set([400, 405, 413, 415]);

/** The router leaves 405 (or 501 for a method it does not know) with an `Allow` header and no body. */
function methodNotAllowed(ctx: Parameters<AppMiddleware>[0]): void {
  const allow = ctx.response.get('Allow');
  if (!allow) {
    // No route at this path takes any method: nothing is here.
    ctx.remove('Allow');
    logBadInput(ctx, 404, 'ROUTE_NOT_FOUND', `unknown method ${ctx.method}`);
    return send(ctx, 404, { error: { code: 'ROUTE_NOT_FOUND', message: ERRORS.ROUTE_NOT_FOUND.message } });
  }
  logBadInput(ctx, 405, 'METHOD_NOT_ALLOWED', `method ${ctx.method}; allowed: ${allow}`);
  send(ctx, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: ERRORS.METHOD_NOT_ALLOWED.message } });
}

function send(ctx: Parameters<AppMiddleware>[0], status: number, body: ApiErrorBody): void {
  ctx.status = status;
  ctx.body = body;
}

/**
 * The one place errors become answers: `{ error: { code, message, details? } }`.
 * A DomainError gets the status its code is registered with; anything unexpected is a 500 whose
 * body says nothing about the cause (the stack goes to the log, never to the client).
 */
export function errorHandler(): AppMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        send(ctx, 404, { error: { code: 'ROUTE_NOT_FOUND', message: ERRORS.ROUTE_NOT_FOUND.message } });
      } else if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) {
        methodNotAllowed(ctx);
      }
    } catch (err) {
      if (err instanceof DomainError) {
        const known = (ERRORS as Record<string, { status: number }>)[err.code];
        const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
        if (err.details !== undefined) body.error.details = err.details;
        // A business refusal is logged on the request's own line (requestId.ts): no second line, and no
        // child logger built for a refusal nobody logs. Bad input (400, 413, 415) also gets a warn line.
        ctx.state.refusal = err.code;
        const status = known?.status ?? 400;
        if (BAD_INPUT_STATUSES.has(status)) logBadInput(ctx, status, err.code, err.message);
        // "Later" answers (429, 503) carry Retry-After when the error names a wait (admission, inventory down).
        const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
        if ((status === 429 || status === 503) && typeof wait === 'number' && !ctx.response.get('Retry-After')) {
          ctx.set('Retry-After', String(wait));
        }
        return send(ctx, status, body);
      }
      const httpCode = codeForHttpError(err as { status?: number; type?: string; expose?: boolean });
      if (httpCode) {
        const { status, message } = ERRORS[httpCode];
        logBadInput(ctx, status, httpCode, (err as Error).message);
        return send(ctx, status, { error: { code: httpCode, message } });
      }
      (ctx.state.log ?? console).error({ err }, 'unhandled error');
      send(ctx, 500, { error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
    }
  };
}
