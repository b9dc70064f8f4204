import type Koa from 'koa';
import type { Logger } from '../logger';

/** What every request carries through the middleware chain. */
export interface AppState {
  requestId: string;
  log: Logger;
}

export type AppContext = Koa.ParameterizedContext<AppState>;
export type AppMiddleware = Koa.Middleware<AppState>;
