import path from 'node:path';
import { z } from 'zod';

/** The repository root: defaults for DATA_DIR and H5_DIR hang off it, whatever the cwd. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

// 0 asks the OS for a free port (tests); the printed URL shows the real one.
const port = z.coerce.number().int().min(0).max(65_535);
// Unset and empty both mean "not configured" (so `REDIS_URL= npm start` uses the embedded default).
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.url().optional());

/** The development JWT secret: fine on a laptop, refused in production. */
export const DEV_JWT_SECRET = 'kcq-dev-secret-do-not-use-in-production';
/** Who is an administrator in development when ADMIN_OPENIDS is unset (dev login `dev:admin`). */
export const DEV_ADMIN_OPENIDS = ['dev-admin'];

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const seconds = z.coerce.number().int().min(1);

/** A rate limit as `points/seconds`: at most `points` requests per `seconds`-long window. */
const rateLimit = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .pipe(z.string().regex(/^\d+\/\d+$/, '形如 60/60（次数/秒数）'))
    .transform((v) => {
      const [points, duration] = v.split('/').map(Number);
      return { points, duration };
    })
    .pipe(z.object({ points: z.number().int().min(1), duration: z.number().int().min(1) }));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, '.data')),
  H5_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'dist/h5')),
  MONGO_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  REDIS_PREFIX: z.string().min(1).default('kcq:'),
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:10086,http://127.0.0.1:10086')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, '形如 1mb、512kb')
    .default('1mb'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Evidence files one contract may hold (第十五条3: 证明材料), all uploads together. */
  EVIDENCE_MAX_FILES_PER_CONTRACT: z.coerce.number().int().min(1).default(20),
  /** Evidence bytes one contract may hold (50 MB). */
  EVIDENCE_MAX_BYTES_PER_CONTRACT: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
  /** Uploads are refused (507 STORAGE_FULL) when the evidence disk would keep less free than this (512 MB); 0: no check. */
  EVIDENCE_MIN_FREE_BYTES: z.coerce.number().int().min(0).default(512 * 1024 * 1024),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** HS256 key of the access tokens. */
  JWT_SECRET: z.string().min(16, '至少 16 个字符').default(DEV_JWT_SECRET),
  /** Lifetime of an access token, in seconds (15 minutes). */
  ACCESS_TOKEN_TTL: seconds.default(15 * 60),
  /** Lifetime of a refresh token, in seconds (30 days); each use rotates it. */
  REFRESH_TOKEN_TTL: seconds.default(30 * 24 * 3600),
  /** Unset: dev login (`dev:<name>` codes). Set: real WeChat code2Session. */
  WECHAT_APPID: optionalText,
  WECHAT_SECRET: optionalText,
  WECHAT_BASE_URL: z.url().default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  /** Subscribe-message template for reminders and status changes (thing1, time2, thing3); unset: nothing is pushed. */
  WECHAT_SUBSCRIBE_TEMPLATE_ID: optionalText,
  /** Each consent topic's template, `topic=templateId,…` (wechat/subscribe.ts); topics not named use the one above. */
  WECHAT_SUBSCRIBE_TEMPLATES: optionalText,
  /** Comma-separated openids made administrators at sign-in; unset means `dev-admin` in development only. */
  /**
   * Rate limits (docs/security.md): `on` or `off`; unset means on, except under NODE_ENV=test where the
   * suites drive thousands of requests from one address and the rate-limit tests turn them on.
   */
  RATE_LIMITS: z.enum(['on', 'off']).optional(),
  /**
   * Where the global ceiling counts: `local` (default) in each instance's memory — it guards that
   * instance, costs ~2 µs a request, and lets one caller N × the budget across N instances; `redis`
   * shares it exactly, for ~10 µs of BFF CPU a request (docs/benchmarks.md). The per-route limits are
   * always on Redis when REDIS_URL is set.
   */
  RATE_LIMIT_CEILING_STORE: z.enum(['local', 'redis']).default('local'),
  /** Every /api request of one signed-in user (the global ceiling, keyed on the user). */
  RATE_LIMIT_USER: rateLimit('600/60'),
  /** Every /api request without a valid token from one address (sized for a campus or carrier NAT). */
  RATE_LIMIT_ADDRESS: rateLimit('6000/60'),
  /** Sign-ins (POST /api/auth/wechat) from one address. */
  RATE_LIMIT_SIGNIN: rateLimit('120/60'),
  /** Failed refreshes (a refresh token that is unknown, spent or expired) from one address. */
  RATE_LIMIT_REFRESH_FAILURES: rateLimit('30/900'),
  /** Invite redemption attempts of one user, and from one address. */
  RATE_LIMIT_INVITE_USER: rateLimit('10/600'),
  RATE_LIMIT_INVITE_ADDRESS: rateLimit('60/600'),
  /** Evidence uploads of one user, and from one address. */
  RATE_LIMIT_UPLOAD_USER: rateLimit('60/600'),
  RATE_LIMIT_UPLOAD_ADDRESS: rateLimit('300/600'),
  /** Claims with an Idempotency-Key the user has not used before (retries with a used key are free). */
  RATE_LIMIT_CLAIM_USER: rateLimit('10/60'),
  /**
   * Admission control (issue #20, docs/claims.md): claims one instance takes at a time; one more is answered
   * at once with 503 BUSY and Retry-After. Sized so the queue in the process stays ~50 ms at the claim rate.
   */
  CLAIM_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(200),
  /**
   * Claims one user may have in flight on one instance; beyond it 429 RATE_LIMITED with Retry-After. A phone has one
   * or two; this keeps one script from holding the instance's slots with replays of a key (new keys already count
   * against RATE_LIMIT_CLAIM_USER), while a burst of same-key retries from one flaky network still goes through.
   */
  CLAIM_MAX_IN_FLIGHT_PER_USER: z.coerce.number().int().min(1).default(32),
  /**
   * How long a claim waits for its voucher's store write before answering 201 from the outbox (the voucher is
   * already durable there; docs/claims.md "What a 201 promises"). Only with the Redis inventory.
   */
  CLAIM_STORE_WAIT_MS: z.coerce.number().int().min(1).default(2_000),
  /** ioredis: a command without an answer after this fails (a slow or stuck Redis answers 503, not a hang). */
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(1).default(1_000),
  /** ioredis: a connection attempt gives up after this. */
  REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(1_000),
  /**
   * How long a period's remaining quota is reused between inventory reads (the home page polls it every 2 s).
   * Unset: 1000 ms, except under NODE_ENV=test (0) where suites read the quota right after changing it.
   */
  PERIOD_REMAINING_CACHE_MS: z.coerce.number().int().min(0).optional(),
  ADMIN_OPENIDS: z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    ),
});

/** Rules across variables; each issue names the variable an operator must fix. */
const checked = schema
  .superRefine((c, ctx) => {
    if (c.WECHAT_APPID && !c.WECHAT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_SECRET'], message: 'required when WECHAT_APPID is set' });
    }
    if (c.NODE_ENV !== 'production') return;
    if (!c.WECHAT_APPID) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_APPID'], message: 'required in production (dev login is off there)' });
    }
    if (!c.WECHAT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['WECHAT_SECRET'], message: 'required in production' });
    }
    if (c.JWT_SECRET === DEV_JWT_SECRET || c.JWT_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'production needs its own secret of at least 32 characters, not the development default',
      });
    }
  })
  .transform((c) => ({
    ...c,
    // Never in production: an unset list there means no administrator by configuration.
    ADMIN_OPENIDS: c.ADMIN_OPENIDS ?? (c.NODE_ENV === 'development' ? DEV_ADMIN_OPENIDS : []),
    RATE_LIMITS: c.RATE_LIMITS ?? (c.NODE_ENV === 'test' ? 'off' : 'on'),
    PERIOD_REMAINING_CACHE_MS: c.PERIOD_REMAINING_CACHE_MS ?? (c.NODE_ENV === 'test' ? 0 : 1_000),
  }));

export type Config = z.infer<typeof checked>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once; a wrong value throws a ConfigError whose one line names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = checked.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const name = String(i.path[0]);
    // Secrets are named, never echoed.
    const shown = /SECRET/.test(name) ? '[hidden]' : JSON.stringify(env[name] ?? '');
    return `${name}=${shown}: ${i.message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
