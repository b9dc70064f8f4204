import { DomainError } from '../../domain/errors';
import type { Principal } from '../../domain/identity';
import type { AppMiddleware } from '../context';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Authentication: makes `ctx.state.authenticate()` available. It is lazy, so public endpoints never
 * look at the Authorization header (an expired token must not break sign-in or refresh), and
 * memoised, so the user is loaded at most once per request — but always from the store, so a
 * revoked role or binding applies on the next request, not at token expiry.
 */
export function authentication(authenticate: (token: string) => Promise<Principal>): AppMiddleware {
  return async (ctx, next) => {
    let pending: Promise<Principal> | undefined;
    ctx.state.authenticate = () =>
      (pending ??= (async () => {
        const header = ctx.get('Authorization');
        if (!header) throw new DomainError('UNAUTHENTICATED');
        const m = BEARER.exec(header.trim());
        if (!m) throw new DomainError('TOKEN_INVALID', undefined, { reason: 'scheme' });
        const principal = await authenticate(m[1]);
        ctx.state.principal = principal;
        return principal;
      })());
    await next();
  };
}
