/**
 * `npm run bench:claim` — the flash claim under load (a script, not a test).
 *
 * Starts the real BFF (child process, embedded store, Redis inventory), pre-creates N applicants with
 * tokens, bursts one claim per applicant with autocannon, and prints claims/s, latency percentiles,
 * and the correctness counts (oversold, lost). Then measures a bare Koa route calling the same Lua
 * script (bareServer.ts) and prints the ratio, with the CPU each server spent per request (from /proc,
 * steadier than throughput on a shared machine). Environment: REDIS_URL, BENCH_APPLICANTS (20000),
 * BENCH_CONNECTIONS (100), BENCH_QUOTA_VOUCHERS (5000), BENCH_WARM (1), BENCH_TIMELINE (0),
 * BENCH_NODE_ARGS, RATE_LIMITS (on; `off` for the figures without them).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { EmbeddedStore } from '../src/store/embedded';
import { PERIODS, type Period } from '../src/domain/periods';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import { createRedisClient } from '../src/inventory/redis';
import { seedClaimants } from '../test/support/claimants';
import { deletePrefix } from '../test/support/services';
import { startArgsFor, startBff } from '../test/support/process';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const N = Number(process.env.BENCH_APPLICANTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const QUOTA_VOUCHERS = Number(process.env.BENCH_QUOTA_VOUCHERS ?? 5_000);
/**
 * 1 (default): every applicant opens the app first (GET /api/me, as the home page does while it counts
 * down), so the burst meets the BFF as it is at 10:00. 0: each claim is its user's first request.
 */
const WARM = process.env.BENCH_WARM !== '0';
const AMOUNT = 100_000; // 1,000 yuan, the smallest voucher
/** The BFF's rate limits (on by default, as in production; every applicant has its own budget). */
const RATE_LIMITS = process.env.RATE_LIMITS === 'off' ? 'off' : 'on';
const SECRET = 'bench-claim-secret-0123456789abcdef';

interface Run {
  label: string;
  result: autocannon.Result;
  seconds: number;
  /** Response times (ms) by status class, to see which answers make the tail. */
  byStatus: Record<string, number[]>;
  /** CPU seconds the server under test used during the burst, and this process (autocannon). */
  serverCpu: number;
  clientCpu: number;
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
}

async function burst(
  label: string,
  url: string,
  serverPid: number | undefined,
  requests: (i: number) => { method?: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string },
): Promise<Run> {
  let i = 0;
  const serverCpu0 = cpuSeconds(serverPid);
  const clientCpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  let done!: (r: autocannon.Result) => void;
  let failed!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => ((done = resolve), (failed = reject)));
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    amount: N,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const r = requests(i++);
          return { ...req, method: r.method ?? 'POST', path: r.path, headers: { ...req.headers, ...r.headers }, body: r.body };
        },
      },
    ],
  }, (err, res) => (err ? failed(err) : done(res)));
  // The run's own end is noticed on autocannon's one-second tick: time it to the last answer instead.
  let lastAnswer = started;
  const byStatus: Record<string, number[]> = {};
  const inOrder: [atMs: number, latencyMs: number, status: number][] = [];
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    lastAnswer = process.hrtime.bigint();
    (byStatus[statusCode] ??= []).push(ms);
    inOrder.push([Number(lastAnswer - started) / 1e6, ms, statusCode]);
  });
  autocannon.track(instance, { renderProgressBar: true, renderResultsTable: false, renderLatencyTable: false });
  const result = await finished;
  if (process.env.BENCH_TIMELINE === '1') printTimeline(inOrder);
  const clientCpu = process.cpuUsage(clientCpu0);
  return {
    label,
    result,
    seconds: Number(lastAnswer - started) / 1e9,
    byStatus,
    serverCpu: cpuSeconds(serverPid) - serverCpu0,
    clientCpu: (clientCpu.user + clientCpu.system) / 1e6,
  };
}

/**
 * BENCH_TIMELINE=1: latency by the order answers arrived (the first twentieth in tenths), to see
 * whether the tail is the start of the burst, the 201s, or pauses spread through it.
 */
function printTimeline(inOrder: [atMs: number, latencyMs: number, status: number][]): void {
  const slice = Math.ceil(inOrder.length / 20);
  for (let k = 0; k < inOrder.length; ) {
    const part = inOrder.slice(k, k + (k < slice ? Math.ceil(slice / 10) : slice));
    const ms = part.map((x) => x[1]).sort((a, b) => a - b);
    const at = `${part[0][0].toFixed(0)}–${part[part.length - 1][0].toFixed(0)} ms`;
    const created = part.filter((x) => x[2] === 201).length;
    process.stderr.write(
      `  answers ${k}–${k + part.length} (at ${at}): p50 ${percentile(ms, 0.5).toFixed(0)} ms, p99 ${percentile(ms, 0.99).toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms, ${created} × 201\n`,
    );
    k += part.length;
  }
}

function line(r: Run): string {
  const l = r.result.latency;
  const answered = r.result.requests.total;
  const split = Object.entries(r.byStatus)
    .map(([code, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return `${code}: p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p99 ${percentile(sorted, 0.99).toFixed(0)} ms`;
    })
    .join('; ');
  return `${r.label}: ${answered} requests in ${r.seconds.toFixed(2)} s = ${(answered / r.seconds).toFixed(0)} req/s; latency p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms (${split}); non-2xx ${r.result.non2xx}, errors ${r.result.errors}, timeouts ${r.result.timeouts}; server CPU ${((r.serverCpu / answered) * 1e6).toFixed(0)} µs per request (${(r.serverCpu / r.seconds * 100).toFixed(0)} % of a core), autocannon ${((r.clientCpu / r.seconds) * 100).toFixed(0)} % of a core`;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-bench-'));
  const prefix = `kcq-bench:${process.pid}:`;
  const redis = createRedisClient(REDIS_URL);
  await redis.connect();
  try {
    process.stderr.write(`seeding ${N} applicants…\n`);
    const store = new EmbeddedStore(dataDir);
    const now = Date.now();
    const period: Period = {
      _id: 'per_benchbenchbench00001',
      name: '压测期',
      opensAt: new Date(now - 60_000),
      closesAt: new Date(now + 3_600_000),
      quotaFen: QUOTA_VOUCHERS * AMOUNT,
      maxVoucherFen: 5_000_000,
      perApplicantLimit: 1,
      closedAt: null,
      createdBy: 'u_bench',
      createdAt: new Date(now),
      updatedAt: new Date(now),
      version: 1,
    };
    await store.collection<Period>(PERIODS).insert(period);
    const claimants = await seedClaimants(store, N, { secret: SECRET });
    await store.close();

    // e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile both servers under load.
    const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
    const bff = await startBff(
      // RATE_LIMITS=off measures the BFF without its rate limits (docs/benchmarks.md: before/after).
      { DATA_DIR: dataDir, REDIS_URL, REDIS_PREFIX: prefix, JWT_SECRET: SECRET, LOG_LEVEL: 'error', SEED_DEMO: 'false', RATE_LIMITS },
      30_000,
      nodeArgs,
    );
    // Both runs send the same requests (a distinct token, key and body each), so the client's own
    // cost is the same and the ratio compares what the two servers do.
    const claimRequest = (i: number) => ({
      path: `/api/periods/${period._id}/claims`,
      headers: {
        authorization: `Bearer ${claimants[i % N].token}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${i}-key`,
      },
      body: JSON.stringify({ amountFen: AMOUNT }),
    });
    if (WARM) {
      const warm = await burst('warm-up: each applicant GET /api/me (the app opening)', bff.url, bff.child.pid, (i) => ({
        method: 'GET',
        path: '/api/me',
        headers: { authorization: `Bearer ${claimants[i % N].token}` },
      }));
      process.stderr.write(`${line(warm)}\n`);
    }
    const full = await burst('BFF  POST /api/periods/:id/claims', bff.url, bff.child.pid, claimRequest);
    bff.child.kill('SIGTERM');
    await bff.exited;

    const after = new EmbeddedStore(dataDir);
    const vouchers = await after.collection<VoucherDoc>(VOUCHERS).find({});
    await after.close();
    const remaining = Number(await redis.hget(`${prefix}period:${period._id}`, 'remaining'));
    const created = full.result['2xx'];
    const storedFen = vouchers.reduce((s, v) => s + v.amountFen, 0);
    const oversold = Math.max(0, storedFen - period.quotaFen) / AMOUNT + Math.max(0, vouchers.length - QUOTA_VOUCHERS);
    const lost = Math.max(0, created - vouchers.length) + Math.abs(period.quotaFen - remaining - storedFen) / AMOUNT;

    // Started with the same node flags as the BFF, so the ratio compares the servers, not their flags.
    const bare = spawn(process.execPath, [...nodeArgs, ...startArgsFor(path.join(__dirname, 'bareServer.ts'))], {
      env: { ...process.env, REDIS_URL, REDIS_PREFIX: `${prefix}bare:`, QUOTA_FEN: String(period.quotaFen), AMOUNT_FEN: String(AMOUNT) },
    });
    const bareUrl = await new Promise<string>((resolve) => bare.stdout.on('data', (d) => { const m = /open (http:\/\/\S+)\//.exec(String(d)); if (m) resolve(m[1]); }));
    const floor = await burst('bare Koa route + same Lua', bareUrl, bare.pid, claimRequest);
    bare.kill('SIGTERM');

    const ratio = full.result.requests.total / full.seconds / (floor.result.requests.total / floor.seconds);
    const report = [
      `date: ${new Date().toISOString()}  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
      `rate limits: ${RATE_LIMITS}; applicants: ${N}, connections: ${CONNECTIONS}, quota: ${QUOTA_VOUCHERS} vouchers × ${AMOUNT / 100} yuan, ${WARM ? 'warm (each applicant opened the app first)' : 'cold (each claim is its user\'s first request)'}`,
      line(full),
      line(floor),
      `ratio (BFF req/s ÷ bare req/s): ${ratio.toFixed(2)}`,
      `201 answered: ${created}; vouchers stored: ${vouchers.length}; 409 answered: ${full.result.non2xx}`,
      `oversold: ${oversold}   lost: ${lost}   all ${N} answered in ${full.seconds.toFixed(2)} s: ${full.result.requests.total === N && full.result.errors === 0 ? 'yes' : 'NO'}`,
    ];
    process.stdout.write(`\n${report.join('\n')}\n`);
    if (oversold !== 0 || lost !== 0) process.exitCode = 1;
  } finally {
    await deletePrefix(redis, prefix);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
