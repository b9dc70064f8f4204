import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger';
import type { AppMiddleware, AppState } from '../context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's ctx.state: its id, and a child logger carrying the id made on first use. Most
 * requests log nothing below the configured level, and building a child (or defining a lazy
 * property) per request was measurable in the claim burst; a prototype getter costs nothing.
 */
class RequestState {
  private child: Logger | undefined;
  constructor(
    private readonly logger: Logger,
    readonly requestId: string,
  ) {}

  get log(): Logger {
    return (this.child ??= this.logger.child({ requestId: this.requestId }));
  }
}

/**
 * Gives each request an id (the caller's X-Request-Id when it is sane, a new one otherwise),
 * echoes it, and hangs a child logger carrying it on ctx.state.log. Logs one line per request.
 */
export function requestContext(logger: Logger): AppMiddleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = SAFE_ID.test(incoming) ? incoming : randomUUID();
    // The rest of AppState (authenticate, principal…) is filled in by the middleware that owns it.
    ctx.state = new RequestState(logger, requestId) as unknown as AppState;
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
