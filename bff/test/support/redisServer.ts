/**
 * A throwaway Redis server of one test or benchmark (issue #20): its own port, no persistence unless
 * asked, started as a child process and stopped, restarted or slowed at will. Never the shared Redis at
 * 6379 — other suites run against that one at the same time.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import net from 'node:net';

export interface OwnRedis {
  port: number;
  url: string;
  /** SHUTDOWN NOSAVE (Redis loses everything it held in memory), and waits for the process to exit. */
  shutdownNoSave(): Promise<void>;
  /** Starts the server again on the same port (empty, unless `extraArgs` load a file). */
  start(): Promise<void>;
  /** redis-cli against this server, e.g. `cli('CLIENT', 'PAUSE', '2000', 'ALL')`. */
  cli(...args: string[]): string;
  /** Kills the server (clean-up; safe to call twice). */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startOwnRedis(extraArgs: string[] = []): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcessWithoutNullStreams | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs]);
    child = c;
    exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 10_000);
      c.stdout.on('data', (d) => {
        out += String(d);
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited:\n${out}`));
      });
    });
  };
  const cli = (...args: string[]) => {
    const r = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 });
    return (r.stdout ?? '').trim();
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    cli,
    start,
    async shutdownNoSave() {
      cli('SHUTDOWN', 'NOSAVE');
      await exited;
      child = null;
    },
    async stop() {
      if (child) {
        child.kill('SIGKILL');
        await exited;
        child = null;
      }
    },
  };
}
