/**
 * The process entry: read the configuration once, open the adapters it names, serve, and stop
 * gracefully on SIGTERM/SIGINT. Everything testable lives in createApp and the adapters.
 */
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { openStore } from './store';
import { openInventory } from './inventory';
import { createApp, servicesFor } from './app';
import { wechatFromConfig } from './wechat';
import { listen } from './server';
import { jobsFor, startJobs } from './jobs';
import { seedDemo } from './seed/demo';
import { USERS } from './domain/users';
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
  const store = await openStore({ mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR });
  const inventory = await openInventory({ redisUrl: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX });

  const wechat = wechatFromConfig(config, logger);
  const deps = { config, logger, store, inventory, wechat };
  const services = servicesFor(deps);
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
  const jobs = startJobs(jobsFor(services), logger);
  const running = await listen(app, { host: config.HOST, port: config.PORT, logger });
  // Handlers before the URL is announced: a SIGTERM right after start must still stop cleanly.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.close(config.SHUTDOWN_TIMEOUT_MS);
    await jobs.stop();
    await Promise.allSettled([store.close(), inventory.close(), services.evidence.storage.close()]);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
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
