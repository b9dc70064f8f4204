/**
 * Request bodies: JSON only (@koa/bodyparser), except on a route that declares multipart (the evidence
 * upload reads its own body, multipart.ts).
 *
 * - A body compressed with Content-Encoding gzip, deflate or br is inflated; one that does not inflate
 *   (a plain body labelled gzip, a truncated stream) is 400 CONTENT_ENCODING_INVALID instead of the
 *   zlib error a 500 used to carry. An encoding nobody knows is 415 (the parser's own refusal).
 * - A non-empty body the JSON parser did not take (text/plain, a form, no Content-Type) on an endpoint
 *   that reads JSON is 415 UNSUPPORTED_MEDIA_TYPE: before, it silently became `{}`.
 */
import { bodyParser } from '@koa/bodyparser';
import { DomainError } from '../../domain/errors';
import type { AppContext, AppMiddleware } from '../context';

/** The JSON body parser, its failures mapped to stable codes. */
export function jsonBody(limit: string): AppMiddleware {
  return bodyParser({
    enableTypes: ['json'],
    jsonLimit: limit,
    onError: (err, ctx) => {
      throw bodyError(err, ctx.get('Content-Encoding'));
    },
  }) as AppMiddleware;
}

/**
 * An error of the parser as the client should see it. Errors raised on purpose by the parser stack carry
 * an HTTP status (400 bad JSON, 413 too large, 415 unknown encoding or charset) and pass through; an
 * error without one while inflating a compressed body is the body's fault, not the server's.
 */
export function bodyError(err: unknown, contentEncoding: string): unknown {
  const e = err as { status?: unknown; code?: unknown; message?: string };
  if (typeof e.status === 'number') return err;
  const encoding = contentEncoding.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return new DomainError('CONTENT_ENCODING_INVALID', undefined, {
      contentEncoding: encoding.slice(0, 40),
      reason: typeof e.code === 'string' ? e.code : 'inflate_failed',
    });
  }
  return err;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * 415 when an endpoint that reads JSON got a non-empty body the JSON parser did not read (text/plain,
 * application/x-www-form-urlencoded, no Content-Type…). Called by every route that does not declare
 * multipart (route.ts), after its policy.
 */
export function rejectNonJsonBody(ctx: AppContext): void {
  if (!BODY_METHODS.has(ctx.method)) return;
  // The parser keeps the text it read: a body it took is JSON.
  if ((ctx.request as { rawBody?: unknown }).rawBody !== undefined) return;
  const length = ctx.get('Content-Length');
  const hasBody = ctx.get('Transfer-Encoding') !== '' || (length !== '' && Number(length) !== 0);
  if (!hasBody) return;
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 JSON 格式（application/json）提交', {
    contentType: ctx.get('Content-Type').slice(0, 100) || null,
    expected: 'application/json',
  });
}
