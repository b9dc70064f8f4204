import type Router from '@koa/router';
import { z } from 'zod';
import type { SignInResult } from '../../domain/auth';
import type { Services } from '../../domain/services';
import type { Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { limit, limitFailures, type RateLimits } from '../middleware/rateLimit';
import { isoDate, principalSchema } from './schemas';

const sessionSchema = z.object({
  tokenType: z.literal('Bearer'),
  accessToken: z.string().describe('JWT (HS256); send as `Authorization: Bearer …`'),
  accessTokenExpiresAt: isoDate,
  refreshToken: z.string().describe('Opaque, single use: POST it to /api/auth/refresh for a new pair'),
  refreshTokenExpiresAt: isoDate,
  isNewUser: z.boolean(),
  user: principalSchema,
});

const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) });

function session(r: SignInResult) {
  return {
    tokenType: 'Bearer' as const,
    accessToken: r.accessToken,
    accessTokenExpiresAt: r.accessTokenExpiresAt,
    refreshToken: r.refreshToken,
    refreshTokenExpiresAt: r.refreshTokenExpiresAt,
    isNewUser: r.isNewUser,
    user: {
      id: r.principal.userId,
      roles: r.principal.roles,
      applicantId: r.principal.applicantId,
      openUnitId: r.principal.openUnitId,
    },
  };
}

/** Sign-in with WeChat (or dev login), silent renewal, sign-out. */
export function authRoutes(
  router: Router<AppState>,
  registry: RouteRegistry,
  services: Services,
  p: Policies,
  limits: RateLimits,
): void {
  registry.add(router, {
    method: 'post',
    path: '/api/auth/wechat',
    summary:
      'Sign in with a wx.login() code (code2Session). Without WECHAT_APPID (dev login) the code `dev:<name>` signs in as openid `dev-<name>`',
    tags: ['auth'],
    auth: p.public,
    use: [limit(limits, 'signin', 'address')],
    body: z.strictObject({ code: z.string().trim().min(1, { error: '缺少登录凭证' }).max(128) }),
    responses: {
      200: { description: 'Signed in; the first sign-in creates the user', schema: sessionSchema },
      400: { description: 'VALIDATION_FAILED' },
      401: { description: 'WECHAT_LOGIN_FAILED: WeChat refused the code' },
      429: { description: 'RATE_LIMITED: too many sign-ins from this address (Retry-After)' },
      502: { description: 'WECHAT_UNAVAILABLE: WeChat is busy, unreachable or too slow' },
    },
    handler: async (_ctx, { body }) => session(await services.auth.signIn(body.code)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Renew the session: spends the refresh token, returns a new pair (reusing a spent one revokes the session)',
    tags: ['auth'],
    auth: p.public,
    use: [limitFailures(limits, 'refreshFailures', 'address')],
    body: refreshBody,
    responses: {
      200: { description: 'A new access token and refresh token', schema: sessionSchema },
      401: { description: 'TOKEN_EXPIRED or TOKEN_INVALID: sign in again' },
      429: { description: 'RATE_LIMITED: too many failed refreshes from this address (Retry-After)' },
    },
    handler: async (_ctx, { body }) => session(await services.auth.refresh(body.refreshToken)),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out: the refresh token and every token renewed from it stop working',
    tags: ['auth'],
    auth: p.public,
    body: refreshBody,
    responses: { 204: { description: 'Signed out (also when the token was unknown)' } },
    handler: async (ctx, { body }) => {
      await services.auth.signOut(body.refreshToken);
      ctx.status = 204;
      return undefined;
    },
  });
}
