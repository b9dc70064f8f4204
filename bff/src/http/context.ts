import type Koa from 'koa';
import type { Logger } from '../logger';
import type { Principal } from '../domain/identity';
import type { Applicant } from '../domain/applicants';

/** What every request carries through the middleware chain. */
export interface AppState {
  requestId: string;
  log: Logger;
  /**
   * Verifies the bearer token and loads the caller (memoised per request). Set by the
   * authentication middleware; called by the authorization policies, never by handlers.
   */
  authenticate: () => Promise<Principal>;
  /** The caller, once a policy has authenticated the request. */
  principal?: Principal;
  /** The applicant an object-level policy loaded and allowed (see authz.ts). */
  applicant?: Applicant;
}

export type AppContext = Koa.ParameterizedContext<AppState>;
export type AppMiddleware = Koa.Middleware<AppState>;
