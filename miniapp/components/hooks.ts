import { useEffect, useState } from 'react';
import { serverNow } from '../logic/clock';

/** The server's "now", re-read every second from the phone clock plus the offset (no drift). */
export function useServerNow(offsetMs: number, tickMs = 1000): number {
  const [now, setNow] = useState(() => serverNow(offsetMs));
  useEffect(() => {
    setNow(serverNow(offsetMs));
    const timer = setInterval(() => setNow(serverNow(offsetMs)), tickMs);
    return () => clearInterval(timer);
  }, [offsetMs, tickMs]);
  return now;
}

/** Runs `fn` every `ms` while `active`; the latest `fn` is used without restarting the timer. */
export function useInterval(fn: () => void, ms: number, active: boolean): void {
  const [saved] = useState<{ fn: () => void }>(() => ({ fn }));
  saved.fn = fn;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => saved.fn(), ms);
    return () => clearInterval(timer);
  }, [ms, active, saved]);
}
