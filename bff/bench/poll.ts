/**
 * `npm run bench:poll` — the home page's live quota (issue #20). A script, not a test.
 *
 * BENCH_PHONES (10000) phones poll GET /api/periods/:id every BENCH_INTERVAL_S (2) seconds during an open
 * period that is being claimed from: autocannon at an overall rate of phones ÷ interval requests per
 * second over BENCH_POLL_CONNECTIONS (1000) keep-alive connections (phones behind carrier gateways) for
 * BENCH_SECONDS (20). A trickle of claims (BENCH_CLAIMS_PER_S, 50) keeps the quota moving. The real BFF
 * runs as `npm start` does (embedded store, Redis inventory on a throwaway Redis of its own). Printed: the
 * BFF's CPU share of one core (from /proc), requests answered per second, latency percentiles, non-2xx,
 * how many inventory reads the polls caused (Redis INFO commandstats: HGET), and whether the figure a
 * phone sees follows the claims.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { EmbeddedStore } from '../src/store/embedded';
import { PERIODS, type Period } from '../src/domain/periods';
import { seedClaimants } from '../test/support/claimants';
import { startBff } from '../test/support/process';
import { startOwnRedis } from '../test/support/redisServer';

const PHONES = Number(process.env.BENCH_PHONES ?? 10_000);
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S ?? 2);
const CONNECTIONS = Number(process.env.BENCH_POLL_CONNECTIONS ?? 1_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLAIMS_PER_S = Number(process.env.BENCH_CLAIMS_PER_S ?? 50);
const SECRET = 'bench-poll-secret-0123456789abcdef';
const PERIOD_ID = 'per_pollpollpollpoll0001';
const AMOUNT = 100_000;

function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

function hgetCalls(info: string): number {
  return Number(/cmdstat_hget:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-poll-'));
  const redis = await startOwnRedis();
  try {
    const claimers = CLAIMS_PER_S * SECONDS;
    const store = new EmbeddedStore(dataDir);
    const now = Date.now();
    const period: Period = {
      _id: PERIOD_ID,
      name: '轮询压测期',
      opensAt: new Date(now - 60_000),
      closesAt: new Date(now + 3_600_000),
      quotaFen: 2 * claimers * AMOUNT,
      maxVoucherFen: 5_000_000,
      perApplicantLimit: 1,
      closedAt: null,
      createdBy: 'u_bench',
      createdAt: new Date(now),
      updatedAt: new Date(now),
      version: 1,
    };
    await store.collection<Period>(PERIODS).insert(period);
    const claimants = await seedClaimants(store, claimers, { secret: SECRET });
    await store.close();
    const bff = await startBff({
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'kcq-poll:',
      JWT_SECRET: SECRET,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      SEED_DEMO: 'false',
      // Every simulated phone comes from 127.0.0.1: the per-address ceiling (sized for a NAT, 6000/60) would
      // refuse them as one caller. The ceiling still counts every poll (its cost is in the figure).
      RATE_LIMIT_ADDRESS: '100000000/60',
    });

    // The claims that move the quota while the phones watch it.
    let claimed = 0;
    const claimTimer = setInterval(() => {
      const i = claimed++;
      if (i >= claimants.length) return;
      void fetch(`${bff.url}/api/periods/${PERIOD_ID}/claims`, {
        method: 'POST',
        headers: { authorization: `Bearer ${claimants[i].token}`, 'content-type': 'application/json', 'idempotency-key': `poll-${i}-key` },
        body: JSON.stringify({ amountFen: AMOUNT }),
      }).catch(() => undefined);
    }, 1000 / CLAIMS_PER_S);

    const rate = PHONES / INTERVAL_S;
    const cpu0 = cpuSeconds(bff.child.pid);
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await autocannon({
      url: `${bff.url}/api/periods/${PERIOD_ID}`,
      connections: CONNECTIONS,
      overallRate: rate,
      duration: SECONDS,
      timeout: 10,
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(bff.child.pid) - cpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    clearInterval(claimTimer);
    // Inventory reads the polls cause: commandstats also counts the HGETs each claim's script runs, so they
    // are counted over 3 more seconds of polling at the same rate with the claims stopped.
    await new Promise((r) => setTimeout(r, 500));
    const h0 = hgetCalls(redis.cli('INFO', 'commandstats'));
    const t1 = performance.now();
    const quiet = await autocannon({ url: `${bff.url}/api/periods/${PERIOD_ID}`, connections: CONNECTIONS, overallRate: rate, duration: 3, timeout: 10 });
    const quietSeconds = (performance.now() - t1) / 1000;
    const hgets = hgetCalls(redis.cli('INFO', 'commandstats')) - h0;

    // The figure a phone sees follows the claims (within the cache interval).
    const seen = (await (await fetch(`${bff.url}/api/periods/${PERIOD_ID}`)).json()) as { period: { remainingFen: number } };
    await new Promise((r) => setTimeout(r, 1_500));
    const later = (await (await fetch(`${bff.url}/api/periods/${PERIOD_ID}`)).json()) as { period: { remainingFen: number } };
    const live = Number(redis.cli('HGET', 'kcq-poll:period:' + PERIOD_ID, 'remaining'));
    bff.child.kill('SIGTERM');
    await bff.exited;

    const answered = result.requests.total;
    const lines = [
      `date: ${new Date().toISOString()}  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
      `phones: ${PHONES} polling every ${INTERVAL_S} s = ${rate} req/s asked, over ${CONNECTIONS} connections, ${SECONDS} s; claims meanwhile: ${Math.min(claimed, claimants.length)}`,
      `answered: ${answered} in ${seconds.toFixed(1)} s = ${(answered / seconds).toFixed(0)} req/s; 2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
      `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `BFF CPU: ${((cpu / seconds) * 100).toFixed(1)} % of one core (${((cpu / answered) * 1e6).toFixed(0)} µs per poll); load generator ${(((clientCpu.user + clientCpu.system) / 1e6 / seconds) * 100).toFixed(0)} % of a core`,
      `inventory reads caused by the polls (Redis HGET, 3 s with the claims stopped): ${hgets} for ${quiet.requests.total} polls = ${(hgets / quietSeconds).toFixed(1)} per second`,
      `remaining seen by a phone at the end: ${seen.period.remainingFen / 100} yuan, 1.5 s later ${later.period.remainingFen / 100} yuan; Redis: ${live / 100} yuan`,
      `target: BFF CPU < 10 % of a core: ${(cpu / seconds) * 100 < 10 ? 'met' : 'NOT met'}`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
  } finally {
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
