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
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once; a wrong value throws a ConfigError whose one line names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const name = String(i.path[0]);
    return `${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
