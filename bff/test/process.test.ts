/** The process entry as an operator runs it: configuration, adapters, graceful shutdown. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { listen } from '../src/server';
import { createLogger } from '../src/logger';
import { BFF_DIR, startArgs, startBff } from './support/process';
import { REDIS_URL, redisAvailable, testPrefix } from './support/services';

jest.setTimeout(60_000);

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-proc-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

test('PORT=abc stops start-up with one line naming the variable and exit code 78', () => {
  const r = spawnSync(process.execPath, startArgs(), {
    cwd: BFF_DIR,
    env: { PATH: process.env.PATH ?? '', PORT: 'abc', DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.status).toBe(78);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^kcq-bff: invalid configuration: PORT="abc"/);
});

test('with no MONGO_URL or REDIS_URL it runs on the embedded adapters under DATA_DIR, and SIGTERM stops it cleanly', async () => {
  const bff = await startBff({ DATA_DIR: dataDir });
  try {
    const ready = await (await fetch(`${bff.url}/readyz`)).json();
    expect(ready).toEqual({ ok: true, store: 'embedded', inventory: 'embedded' });
    expect(existsSync(dataDir)).toBe(true);
    // Demo data: an open period to claim in and an upcoming one (SEED_DEMO defaults to true).
    const { periods } = (await (await fetch(`${bff.url}/api/periods`)).json()) as { periods: { status: string }[] };
    expect(periods.map((p) => p.status).sort()).toEqual(['open', 'upcoming']);
  } finally {
    bff.child.kill('SIGTERM');
  }
  expect(await bff.exited).toEqual({ code: 0, signal: null });
  expect(bff.output()).toContain('"msg":"stopped"');
});

(redisAvailable() ? test : test.skip)('with REDIS_URL set, /readyz reports the redis inventory', async () => {
  const bff = await startBff({ DATA_DIR: dataDir, REDIS_URL, REDIS_PREFIX: testPrefix('proc') });
  try {
    const ready = await (await fetch(`${bff.url}/readyz`)).json();
    expect(ready).toEqual({ ok: true, store: 'embedded', inventory: 'redis' });
  } finally {
    bff.child.kill('SIGTERM');
    await bff.exited;
  }
});

test('graceful close: an in-flight request finishes, new connections are refused', async () => {
  const app = new Koa();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  app.use(async (ctx) => {
    entered();
    await gate;
    ctx.body = { done: true };
  });
  const running = await listen(app, { host: '127.0.0.1', port: 0, logger: createLogger('silent') });
  const inflight = fetch(`${running.url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
  await inside;
  const closed = running.close(5_000);
  let closedYet = false;
  void closed.then(() => (closedYet = true));
  await expect(fetch(`${running.url}/late`)).rejects.toThrow();
  expect(closedYet).toBe(false);
  release();
  expect(await inflight).toEqual({ status: 200, body: { done: true } });
  await closed;
  expect(closedYet).toBe(true);
});
