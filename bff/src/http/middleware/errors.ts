import { ERRORS, type ApiErrorBody } from '@kcq/shared';
import { DomainError } from '../../domain/errors';
import type { AppMiddleware } from '../context';

/** HTTP errors thrown by Koa and its middleware (body parser, router) mapped to our codes. */
function codeForHttpError(err: { status?: number; type?: string }): keyof typeof ERRORS | null {
  switch (err.status) {
    case 400:
      // The JSON body parser (co-body) throws a SyntaxError carrying status 400.
      return err instanceof SyntaxError || err.type === 'entity.parse.failed' ? 'BAD_JSON' : 'VALIDATION_FAILED';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return null;
  }
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
      }
    } catch (err) {
      if (err instanceof DomainError) {
        const known = (ERRORS as Record<string, { status: number }>)[err.code];
        const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
        if (err.details !== undefined) body.error.details = err.details;
        // Logged on the request's own line (requestId.ts): no second line, and no child logger
        // built for a refusal nobody logs.
        ctx.state.refusal = err.code;
        return send(ctx, known?.status ?? 400, body);
      }
      const httpCode = codeForHttpError(err as { status?: number; type?: string });
      if (httpCode) {
        const { status, message } = ERRORS[httpCode];
        return send(ctx, status, { error: { code: httpCode, message } });
      }
      (ctx.state.log ?? console).error({ err }, 'unhandled error');
      send(ctx, 500, { error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
    }
  };
}
