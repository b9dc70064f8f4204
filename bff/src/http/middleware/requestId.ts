import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger';
import type { AppMiddleware } from '../context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request an id (the caller's X-Request-Id when it is sane, a new one otherwise),
 * echoes it, and hangs a child logger carrying it on ctx.state.log. Logs one line per request.
 */
export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    // The child logger is made on first use: most requests log nothing below the configured level,
    // and building a child per request was measurable in the claim burst.
    let log: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', {
      get: () => (log ??= logger.child({ requestId })),
      enumerable: true,
      configurable: true,
    });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      if (logger.isLevelEnabled('info')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        ctx.state.log.info(
          { method: ctx.method, path: ctx.path, status: ctx.status, code: ctx.state.refusal, ms: Math.round(ms * 10) / 10 },
          'request',
        );
      }
    }
  };
}
