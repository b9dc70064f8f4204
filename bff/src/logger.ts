import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout (pino); tests pass level 'silent'. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'kcq-bff' },
    redact: { paths: ['req.headers.authorization', '*.token', '*.accessToken', '*.refreshToken'], censor: '[redacted]' },
  });
}
