import { existsSync } from 'node:fs';
import Koa from 'koa';
import Router from '@koa/router';
import cors from '@koa/cors';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Store } from './store';
import type { Inventory } from './inventory';
import type { ClaimInventory } from './inventory/claims';
import { systemClock, type Clock } from './domain/clock';
import type { AppState } from './http/context';
import { requestContext } from './http/middleware/requestId';
import { errorHandler } from './http/middleware/errors';
import { jsonBody } from './http/middleware/body';
import { staticFiles } from './http/middleware/static';
import { globalCeiling, RateLimits } from './http/middleware/rateLimit';
import { securityHeaders } from './http/middleware/securityHeaders';
import { ClaimAdmission, claimAdmission } from './http/middleware/admission';
import type { RedisInventory } from './inventory/redis';
import { rememberMatches, RouteRegistry } from './http/route';
import { systemRoutes } from './http/routes/system';
import { eligibilityRoutes } from './http/routes/eligibility';
import { authRoutes } from './http/routes/auth';
import { meRoutes } from './http/routes/me';
import { applicantRoutes } from './http/routes/applicants';
import { adminRoutes } from './http/routes/admin';
import { inviteRoutes } from './http/routes/invites';
import { periodRoutes } from './http/routes/periods';
import { voucherRoutes } from './http/routes/vouchers';
import { catalogueRoutes } from './http/routes/catalogue';
import { catalogueManageRoutes } from './http/routes/catalogueManage';
import { authentication } from './http/middleware/auth';
import { createPolicies } from './http/authz';
import { createServices, type Services } from './domain/services';
import type { ContractLinks } from './domain/contractLinks';
import { wechatFromConfig, type WeChatPort } from './wechat';
import { subscribeFromConfig, type SubscribePort } from './wechat/subscribe';
import { DiskEvidenceStorage, evidenceStorageFor, type EvidenceStorage } from './store/files';
import path from 'node:path';
import { contractRoutes } from './http/routes/contracts';
import { redemptionRoutes } from './http/routes/redemptions';
import { messageRoutes } from './http/routes/messages';
import { subscriptionRoutes } from './http/routes/subscriptions';
import { reviewRoutes } from './http/routes/review';
import { noticeRoutes } from './http/routes/notices';
import { paymentRoutes } from './http/routes/payments';
import { supervisionRoutes } from './http/routes/supervision';
import { transparencyRoutes } from './http/routes/transparency';
import { unitApplicationRoutes } from './http/routes/unitApplications';
import { evaluationRoutes } from './http/routes/evaluation';

/** Everything the app needs from outside; tests build it with the adapters they choose. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  store: Store;
  inventory: Inventory & ClaimInventory;
  clock?: Clock;
  /** Defaults to what the config says: code2Session over HTTP with WECHAT_APPID, dev login without. */
  wechat?: WeChatPort;
  /** 第九条3 staff access through contracts; defaults to the contracts collection. */
  contractLinks?: ContractLinks;
  /** Evidence file storage; defaults to GridFS with MONGO_URL, else DATA_DIR/evidence on disk. */
  evidence?: EvidenceStorage;
  /** WeChat subscribe messages; defaults to what the config says (HTTP with WECHAT_APPID and a template). */
  subscribe?: SubscribePort;
  /** Prebuilt domain services (tests that also drive the domain directly); built from the rest otherwise. */
  services?: Services;
}

/** The domain services for these deps (one set per app: they share the store and the clock). */
export function servicesFor(deps: AppDeps): Services {
  const { config } = deps;
  return createServices({
    store: deps.store,
    inventory: deps.inventory,
    clock: deps.clock ?? systemClock,
    wechat: deps.wechat ?? wechatFromConfig(config, deps.logger),
    contractLinks: deps.contractLinks,
    evidence:
      deps.evidence ??
      (deps.store.kind === 'mongo' && config.MONGO_URL
        ? evidenceStorageFor({ mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR })
        : new DiskEvidenceStorage(path.join(config.DATA_DIR, 'evidence'))),
    subscribe: deps.subscribe ?? subscribeFromConfig(config, deps.logger),
    evidenceLimits: {
      maxFilesPerContract: config.EVIDENCE_MAX_FILES_PER_CONTRACT,
      maxBytesPerContract: config.EVIDENCE_MAX_BYTES_PER_CONTRACT,
      minFreeBytes: config.EVIDENCE_MIN_FREE_BYTES,
    },
    adminOpenids: config.ADMIN_OPENIDS,
    sessions: { secret: config.JWT_SECRET, accessTtl: config.ACCESS_TOKEN_TTL, refreshTtl: config.REFRESH_TOKEN_TTL },
    claimTuning: {
      storeWaitMs: config.CLAIM_STORE_WAIT_MS,
      remainingCacheMs: config.PERIOD_REMAINING_CACHE_MS,
      // A claim is decided, or answered 503, within REDIS_COMMAND_TIMEOUT_MS whatever Redis does (issue #20),
      // a rebuild it waits for included (the rebuild goes on for the claims after it).
      decideWithinMs: config.REDIS_COMMAND_TIMEOUT_MS,
    },
  });
}

/** Builds the Koa app. It opens nothing itself: the caller owns the adapters and the server. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const { config } = deps;
  const services = deps.services ?? servicesFor(deps);
  const clock = services.clock;
  const policies = createPolicies(services);

  // Rate limits (docs/security.md) count on the inventory's Redis connection when there is one, so every
  // instance shares them; in process memory otherwise.
  const limits =
    deps.inventory.kind === 'redis'
      ? new RateLimits(config, { client: (deps.inventory as RedisInventory).redis, prefix: (deps.inventory as RedisInventory).prefix })
      : new RateLimits(config);

  const registry = new RouteRegistry();
  const router = new Router<AppState>();
  systemRoutes(router, registry, deps);
  eligibilityRoutes(router, registry, clock);
  authRoutes(router, registry, services, policies, limits);
  meRoutes(router, registry, services, policies);
  applicantRoutes(router, registry, services, policies);
  adminRoutes(router, registry, services, policies);
  inviteRoutes(router, registry, services, policies, limits);
  periodRoutes(router, registry, services, policies, limits);
  voucherRoutes(router, registry, services, policies);
  catalogueRoutes(router, registry, services, policies);
  catalogueManageRoutes(router, registry, services, policies);
  contractRoutes(router, registry, services, policies, limits);
  redemptionRoutes(router, registry, services, policies);
  messageRoutes(router, registry, services, policies);
  subscriptionRoutes(router, registry, services, policies);
  // 第十五条4、5: experts and review rounds, public notices, payment batches.
  reviewRoutes(router, registry, services, policies, limits);
  noticeRoutes(router, registry, services, policies);
  paymentRoutes(router, registry, services, policies);
  supervisionRoutes(router, registry, services, policies);
  transparencyRoutes(router, registry, services, policies);
  // 第六条 joining by application; 第十一、十四条 the yearly performance evaluation (docs/evaluation.md).
  unitApplicationRoutes(router, registry, services, policies);
  evaluationRoutes(router, registry, services, policies);
  rememberMatches(router);

  const app = new Koa<AppState>();
  app.proxy = config.NODE_ENV === 'production';
  // Behind the one proxy of production, the client's address is the entry that proxy appended to
  // X-Forwarded-For — not the first, which the client writes itself (per-address rate limits).
  app.maxIpsCount = 1;
  // Errors are logged by the error middleware with the request id; Koa's own printer would log them twice.
  app.silent = true;

  const allowAll = config.CORS_ORIGINS.includes('*');
  // Claims beyond this instance's bound are answered 503 BUSY at once, before any other work (issue #20).
  const admission = new ClaimAdmission({ maxInFlight: config.CLAIM_MAX_IN_FLIGHT, maxInFlightPerUser: config.CLAIM_MAX_IN_FLIGHT_PER_USER });
  app.use(claimAdmission(admission, (token) => services.sessions.subjectOf(token)));
  app.use(requestContext(deps.logger));
  app.use(securityHeaders(config));
  app.use(errorHandler());
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        return allowAll || config.CORS_ORIGINS.includes(origin) ? origin : '';
      },
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(globalCeiling(limits, (token) => services.sessions.subjectOf(token)));
  app.use(jsonBody(config.BODY_LIMIT));
  app.use(authentication((token) => services.auth.authenticate(token)));
  app.use(router.routes());
  // Not thrown: the router's 405 (or 501 for an unknown method) keeps its Allow header and the error
  // middleware writes the standard body (405 METHOD_NOT_ALLOWED; 404 where no route takes any method).
  app.use(router.allowedMethods());

  // The H5 build of the mini-program, same origin as the API (no CORS needed in production).
  if (existsSync(config.H5_DIR)) {
    app.use(staticFiles(config.H5_DIR));
  }
  return app;
}
