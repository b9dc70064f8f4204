import type { AppContext } from './context';

/**
 * Answers a stored file (evidence, case files): its own type, downloaded rather than shown inline, never
 * cached by anyone but the caller, with the SHA-256 it was checked against. Returns undefined so a route
 * handler can `return sendFile(...)` (the route layer leaves a set body alone).
 */
export function sendFile(ctx: AppContext, doc: { contentType: string; filename: string; sha256: string }, data: Buffer): undefined {
  ctx.set('Content-Type', doc.contentType);
  ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`);
  ctx.set('X-Content-SHA256', doc.sha256);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.status = 200;
  ctx.body = data;
  return undefined;
}
