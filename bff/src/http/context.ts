import type Koa from 'koa';
import type { Logger } from '../logger';
import type { Principal } from '../domain/identity';
import type { Applicant } from '../domain/applicants';
import type { ContractDoc, ContractRole } from '../domain/contracts';

/** What every request carries through the middleware chain. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** The code of an expected refusal (a DomainError), logged on the request's one line. */
  refusal?: string;
  /** Set by the claim handler when the answer replays an earlier decision (rate limits give its point back). */
  claimReplayed?: boolean;
  /**
   * Verifies the bearer token and loads the caller (memoised per request). Set by the
   * authentication middleware; called by the authorization policies, never by handlers.
   */
  authenticate: () => Promise<Principal>;
  /** The caller, once a policy has authenticated the request. */
  principal?: Principal;
  /** The applicant an object-level policy loaded and allowed (see authz.ts). */
  applicant?: Applicant;
  /** The contract an object-level policy loaded (contractView / contractStaff), and how the caller stands to it. */
  contract?: ContractDoc;
  contractRole?: ContractRole;
}

export type AppContext = Koa.ParameterizedContext<AppState>;
export type AppMiddleware = Koa.Middleware<AppState>;
