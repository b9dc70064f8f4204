/**
 * A small process supervisor for the BFF (used by scripts/start.js: `npm start`, `npm run start:prod`).
 *
 * The BFF exits on an error nobody handled (after draining, code 1: bff/src/main.ts) rather than keep
 * running in an unknown state; this brings it back:
 *
 * - An abnormal exit (non-zero code, or killed by a signal it was not asked to stop on) is restarted
 *   after a backoff: base delay × 2^(restarts in the window − 1), capped. One line per restart.
 * - Crash loop: more than `maxRestarts` restarts within `windowMs` → give up and exit 1, so systemd,
 *   pm2 or an operator sees a dead service instead of one flapping forever.
 * - Exit 0 (the BFF stopped cleanly) and exit 78 (EX_CONFIG: a wrong variable, which a restart cannot
 *   fix) end the supervisor with the same code.
 * - SIGTERM/SIGINT/SIGHUP are forwarded to the BFF and stop it for good (no restart); the supervisor
 *   exits with the BFF's code once it has drained.
 * - PORT=0 ("any free port") is resolved once here, so every restart listens where clients already go.
 */
'use strict';
const net = require('node:net');
const { spawn } = require('node:child_process');

const EX_CONFIG = 78;

/** A port free right now on `host` (the OS picks it). */
function freePort(host) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const intFrom = (value, fallback) => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
};

/** The restart policy from the environment (README: "Running in production"). */
function policyFromEnv(env) {
  return {
    restart: env.KCQ_RESTART !== '0',
    maxRestarts: intFrom(env.KCQ_RESTART_MAX, 5),
    windowMs: intFrom(env.KCQ_RESTART_WINDOW_MS, 60_000),
    baseDelayMs: intFrom(env.KCQ_RESTART_DELAY_MS, 500),
    maxDelayMs: intFrom(env.KCQ_RESTART_MAX_DELAY_MS, 10_000),
  };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Runs `node <args>` in `cwd` and keeps it running; resolves with the exit code the supervisor
 * should end with. Installs signal handlers on this process.
 */
async function supervise({ args, cwd, env = process.env, policy = policyFromEnv(env), log = (line) => process.stderr.write(`kcq-start: ${line}\n`) }) {
  const childEnv = { ...env };
  if (childEnv.PORT === '0') {
    childEnv.PORT = String(await freePort(childEnv.HOST || '127.0.0.1'));
    log(`PORT=0: listening on port ${childEnv.PORT} for this run and every restart`);
  }
  return new Promise((resolve) => {
    let child = null;
    let stopping = false;
    let timer = null;
    const restarts = []; // times of the restarts within the window

    const start = () => {
      timer = null;
      const startedAt = Date.now();
      child = spawn(process.execPath, args, { cwd, env: childEnv, stdio: 'inherit' });
      child.once('error', (err) => {
        log(`cannot start the BFF: ${err.message}`);
        child = null;
        resolve(1);
      });
      child.once('exit', (code, signal) => {
        child = null;
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        if (stopping) return resolve(code ?? (signal ? 1 : 0));
        if (code === 0) return resolve(0);
        if (code === EX_CONFIG) {
          log(`the BFF ${how} (configuration error): not restarting`);
          return resolve(EX_CONFIG);
        }
        if (!policy.restart) {
          log(`the BFF ${how}; restarts are off (KCQ_RESTART=0)`);
          return resolve(code ?? 1);
        }
        const now = Date.now();
        while (restarts.length && now - restarts[0] > policy.windowMs) restarts.shift();
        if (restarts.length >= policy.maxRestarts) {
          log(`the BFF ${how}; ${restarts.length} restarts within ${seconds(policy.windowMs)}: crash loop, giving up`);
          return resolve(1);
        }
        restarts.push(now);
        const delay = Math.min(policy.baseDelayMs * 2 ** (restarts.length - 1), policy.maxDelayMs);
        log(
          `the BFF ${how} after ${seconds(now - startedAt)}; restarting in ${seconds(delay)} ` +
            `(restart ${restarts.length} of at most ${policy.maxRestarts} within ${seconds(policy.windowMs)})`,
        );
        timer = setTimeout(start, delay);
      });
    };

    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(sig, () => {
        stopping = true;
        if (child) child.kill(sig);
        else if (timer) {
          // Between a crash and its restart: nothing to drain.
          clearTimeout(timer);
          timer = null;
          resolve(0);
        }
      });
    }
    start();
  });
}

module.exports = { supervise, policyFromEnv, freePort, EX_CONFIG };
