/**
 * The process entry: read the configuration once, open the adapters it names, serve, and stop
 * gracefully on SIGTERM/SIGINT. Everything testable lives in createApp and the adapters.
 *
 * An error nobody handled (uncaughtException, unhandledRejection) is fatal: after it the process is in
 * a state nobody reasoned about, so it is logged (pino, level fatal, with the error), the server stops
 * accepting, in-flight requests get up to SHUTDOWN_TIMEOUT_MS to finish, the adapters are closed and
 * the process exits with code 1 — never keeps serving. Whoever started it restarts it: scripts/start.js
 * (`npm start`, `npm run start:prod`), systemd or pm2 (README, "Running in production").
 */
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { openStore } from './store';
import { openInventory } from './inventory';
import { createApp, servicesFor } from './app';
import { wechatFromConfig } from './wechat';
import { listen, type RunningServer } from './server';
import { jobsFor, startJobs, type RunningJobs } from './jobs';
import { seedDemo } from './seed/demo';
import { USERS } from './domain/users';
import { testClockFromEnv } from './domain/testClock';
import { APPLICANTS } from './domain/applicants';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kcq-bff: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);

  // What a shutdown must stop, filled in as start-up opens it (a fatal error may come at any point).
  let running: RunningServer | null = null;
  let jobs: RunningJobs | null = null;
  const closers: (() => Promise<void>)[] = [];
  let shutting: Promise<void> | null = null;
  const shutdown = (reason: Record<string, unknown>, exitCode: number): Promise<void> => {
    // A fatal error during a SIGTERM drain still ends in a non-zero exit.
    if (exitCode !== 0) process.exitCode = exitCode;
    if (shutting) return shutting;
    // Hard bound: an adapter whose close never answers must not keep a broken process alive.
    setTimeout(() => {
      logger.error({ afterMs: config.SHUTDOWN_TIMEOUT_MS + 5_000 }, 'shutdown did not finish in time: exiting now');
      logger.flush();
      process.exit(process.exitCode ?? 1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    shutting = (async () => {
      logger.info(reason, 'shutting down');
      if (running) await running.close(config.SHUTDOWN_TIMEOUT_MS);
      if (jobs) await jobs.stop();
      await Promise.allSettled(closers.map((close) => close()));
      logger.info({ exitCode: process.exitCode ?? 0 }, 'stopped');
      logger.flush();
      process.exit(process.exitCode ?? 0);
    })();
    return shutting;
  };
  const fatal = (origin: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    logger.fatal({ err, origin }, 'fatal: unhandled error, draining in-flight requests and exiting');
    void shutdown({ fatal: origin }, 1);
  };
  process.on('uncaughtException', fatal('uncaughtException'));
  process.on('unhandledRejection', fatal('unhandledRejection'));
  // Handlers before the URL is announced: a SIGTERM right after start must still stop cleanly.
  process.on('SIGTERM', () => void shutdown({ signal: 'SIGTERM' }, 0));
  process.on('SIGINT', () => void shutdown({ signal: 'SIGINT' }, 0));

  const store = await openStore({ mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR });
  closers.push(() => store.close());
  const inventory = await openInventory({
    redisUrl: config.REDIS_URL,
    redisPrefix: config.REDIS_PREFIX,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS,
  });
  closers.push(() => inventory.close());

  const wechat = wechatFromConfig(config, logger);
  // Browser journeys move time with KCQ_TEST_CLOCK_FILE (never in production: domain/testClock.ts).
  const deps = { config, logger, store, inventory, wechat, clock: testClockFromEnv(process.env, config.NODE_ENV) ?? undefined };
  const services = servicesFor(deps);
  closers.push(() => services.evidence.storage.close());
  // The embedded inventory starts empty, and Redis may have lost its data: rebuild from the store
  // before the first claim (claims would trigger it anyway; this keeps the first one fast).
  if (!(await services.claims.isReady())) await services.claims.rebuild();
  // Open what every authenticated request reads before serving: the embedded store reads a collection's
  // file on first use, which held the first claims of a 20,000-applicant burst for a second.
  await Promise.all([USERS, APPLICANTS].map((spec) => store.collection(spec).count({})));
  // Accepted claims a crashed process never wrote: persist them now, whatever their age (idempotent).
  await services.claims.recoverOutbox(0, 10_000);
  if (config.SEED_DEMO && config.NODE_ENV !== 'production') {
    const added = await seedDemo(services);
    if (added.length) logger.info({ added }, 'demo data seeded');
  }
  const app = createApp({ ...deps, services });
  jobs = startJobs(jobsFor(services), logger);
  running = await listen(app, { host: config.HOST, port: config.PORT, logger });
  if (shutting) return; // a signal or a fatal error arrived while starting: no announcement
  const login = wechat.kind === 'dev' ? 'dev login (code dev:<name>)' : 'WeChat';
  logger.info({ url: running.url, store: store.kind, inventory: inventory.kind, login: wechat.kind }, 'listening');
  if (wechat.kind === 'dev') {
    logger.warn({ adminOpenids: config.ADMIN_OPENIDS }, 'dev login: any `dev:<name>` code signs in; never expose this');
  }
  process.stdout.write(
    `\n  科创券 is running: open ${running.url}/  (store: ${store.kind}, inventory: ${inventory.kind}, login: ${login})\n\n`,
  );

}

main().catch((err: unknown) => {
  process.stderr.write(`kcq-bff: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
