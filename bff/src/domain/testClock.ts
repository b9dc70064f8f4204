import { readFileSync } from 'node:fs';
import type { Clock } from './clock';

/**
 * A clock browser journeys can move while the BFF runs (a public notice must end, a Q4 decision must
 * reach 1 January): `KCQ_TEST_CLOCK_FILE` names a file holding an offset in milliseconds, read on every
 * call (a missing or unreadable file is no offset). Only outside production: null there, whatever is set.
 */
export function testClockFromEnv(env: NodeJS.ProcessEnv, nodeEnv: string): Clock | null {
  const file = env.KCQ_TEST_CLOCK_FILE;
  if (!file || nodeEnv === 'production') return null;
  const offset = (): number => {
    try {
      const n = Number(readFileSync(file, 'utf8').trim());
      return Number.isFinite(n) ? n : 0;
    } catch {
      return 0;
    }
  };
  return { now: () => new Date(Date.now() + offset()) };
}
