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

export type Remote<T> = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; data: T };

/**
 * Loads once per `key` (e.g. the page's id parameter); `reload()` runs it again. An answer for an older
 * key is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, key: string): { state: Remote<T>; reload: () => void } {
  const [state, setState] = useState<Remote<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  const [saved] = useState<{ load: () => Promise<T> }>(() => ({ load }));
  saved.load = load;
  useEffect(() => {
    let active = true;
    setState({ kind: 'loading' });
    saved
      .load()
      .then((data) => active && setState({ kind: 'ready', data }))
      .catch((error: unknown) => active && setState({ kind: 'error', error }));
    return () => {
      active = false;
    };
  }, [key, round, saved]);
  return { state, reload: () => setRound((r) => r + 1) };
}
