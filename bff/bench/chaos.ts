/**
 * `npm run bench:chaos` — the claim day on a bad day (issue #20). A script, not a test.
 *
 * Each scenario: a copy of one seeded store (N eligible applicants, one open period of Q vouchers), a
 * throwaway Redis of its own (never the shared one), the real BFF as `npm start` runs it, and a crowd in
 * which every applicant claims once and — as the app does — retries 503s and lost answers with the SAME
 * Idempotency-Key after Retry-After plus jitter, until a final answer. During the burst:
 *   (a) redis:    Redis is stopped with SHUTDOWN NOSAVE and started again, empty;
 *   (b) sigkill:  the BFF is SIGKILLed and started again (as its supervisor would) on the same port;
 *   (c) overload: 5 × CLAIM_MAX_IN_FLIGHT connections arrive at once (more than the instance takes).
 * Then the BFF is stopped gracefully and the store and Redis are read back. Printed per scenario: answers
 * by status, accepted, vouchers stored, lost (a 201 without its voucher), oversold, duplicates (two
 * vouchers for one key), time to recover, the p99 of shed answers (503 BUSY) and of 503 SERVICE_UNAVAILABLE.
 *
 * Knobs: BENCH_APPLICANTS (20000), BENCH_QUOTA_VOUCHERS (5000), BENCH_CONNECTIONS (100, scenarios a, b),
 * BENCH_SCENARIOS (redis,sigkill,overload), BENCH_FAULT_AFTER (2000 final answers), BENCH_REDIS_DOWN_MS (2000).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../src/store/embedded';
import { PERIODS, type Period } from '../src/domain/periods';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import { createRedisClient } from '../src/inventory/redis';
import { seedClaimants, type Claimant } from '../test/support/claimants';
import { startBff, type BffProcess } from '../test/support/process';
import { freePort, startOwnRedis, type OwnRedis } from '../test/support/redisServer';

const N = Number(process.env.BENCH_APPLICANTS ?? 20_000);
const QUOTA_VOUCHERS = Number(process.env.BENCH_QUOTA_VOUCHERS ?? 5_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const FAULT_AFTER = Number(process.env.BENCH_FAULT_AFTER ?? 2_000);
const REDIS_DOWN_MS = Number(process.env.BENCH_REDIS_DOWN_MS ?? 2_000);
const MAX_IN_FLIGHT = 200; // the BFF's default CLAIM_MAX_IN_FLIGHT (config.ts)
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'redis,sigkill,overload').split(',');
const AMOUNT = 100_000;
const SECRET = 'bench-chaos-secret-0123456789abcdef';
const PERIOD_ID = 'per_chaoschaoschaos00001';
const PREFIX = 'kcq-chaos:';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
/** "p50 … ms, p99 … ms, max … ms" of sorted latencies, or "none" (a scenario that shed nothing prints no NaN). */
const spread = (sorted: number[], max = true) =>
  sorted.length
    ? `p50 ${pct(sorted, 0.5).toFixed(1)} ms, p99 ${pct(sorted, 0.99).toFixed(1)} ms${max ? `, max ${sorted[sorted.length - 1].toFixed(1)} ms` : ''}`
    : 'none';

interface Answer {
  status: number | 'net';
  code?: string;
  id?: string;
  retryAfter?: number;
  ms: number;
  at: number;
}

/**
 * One claim. Its answer time runs from the moment it has a socket (the server's answer time, not the
 * wait for a free connection in this process's pool).
 */
function post(agent: http.Agent, port: number, c: Claimant, key: string): Promise<Answer> {
  let t0 = performance.now();
  const payload = JSON.stringify({ amountFen: AMOUNT });
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/periods/${PERIOD_ID}/claims`,
        headers: {
          authorization: `Bearer ${c.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'idempotency-key': key,
        },
        timeout: 30_000,
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (data += d));
        res.on('end', () => {
          const now = performance.now();
          let body: { id?: string; error?: { code: string } } = {};
          try {
            body = JSON.parse(data);
          } catch {
            /* empty */
          }
          const ra = Number(res.headers['retry-after']);
          resolve({ status: res.statusCode ?? 0, code: body.error?.code, id: body.id, retryAfter: Number.isFinite(ra) ? ra : undefined, ms: now - t0, at: now });
        });
        res.on('error', () => resolve({ status: 'net', ms: performance.now() - t0, at: performance.now() }));
      },
    );
    req.once('socket', () => (t0 = performance.now()));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 'net', ms: performance.now() - t0, at: performance.now() }));
    req.end(payload);
  });
}

interface Outcome {
  answers: Answer[];
  finals: (Answer | null)[];
  faultAt: number | null;
  backAt: number | null;
  seconds: number;
}

/**
 * The crowd: `connections` connections, each sending the next claim as soon as it has an answer (as
 * autocannon does), every applicant with one key. A claim answered 503 (or not at all) comes back, as
 * the app does, after Retry-After plus a random share of a second (a lost answer: 200–600 ms), with the
 * same key, until it gets a final answer.
 */
async function crowd(
  port: () => number,
  claimants: Claimant[],
  connections: number,
  onFinal: (finals: number) => void,
): Promise<Pick<Outcome, 'answers' | 'finals' | 'seconds'> & { clientCpu: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const answers: Answer[] = [];
  const finals: (Answer | null)[] = new Array(claimants.length).fill(null);
  let done = 0;
  let fresh = 0;
  const later: { i: number; readyAt: number }[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const worker = async () => {
    for (;;) {
      let i: number;
      if (later.length && later[0].readyAt <= performance.now()) i = later.shift()!.i;
      else if (fresh < claimants.length) i = fresh++;
      else if (later.length) {
        await sleep(Math.max(1, later[0].readyAt - performance.now()));
        continue;
      } else if (done < claimants.length) {
        await sleep(20);
        continue;
      } else return;
      const a = await post(agent, port(), claimants[i], `chaos-${i}-key`);
      answers.push(a);
      if (a.status !== 503 && a.status !== 'net' && a.status !== 429) {
        finals[i] = a;
        done += 1;
        onFinal(done);
      } else {
        const wait = a.retryAfter !== undefined ? a.retryAfter * 1000 + Math.random() * 1000 : 200 + Math.random() * 400;
        later.push({ i, readyAt: performance.now() + wait });
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  const cpu = process.cpuUsage(cpu0);
  return { answers, finals, seconds: (performance.now() - t0) / 1000, clientCpu: (cpu.user + cpu.system) / 1e6 };
}

function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function scenario(name: string, template: string, claimants: Claimant[]): Promise<string[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `kcq-chaos-${name}-`));
  cpSync(template, dataDir, { recursive: true });
  const redis: OwnRedis = await startOwnRedis();
  const port = await freePort();
  const env = {
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    REDIS_PREFIX: PREFIX,
    JWT_SECRET: SECRET,
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    PORT: String(port),
  };
  let bff: BffProcess = await startBff(env, 60_000);
  let faultAt: number | null = null;
  let backAt: number | null = null;
  let faulting = false;
  const connections = name === 'overload' ? 5 * MAX_IN_FLIGHT : CONNECTIONS;
  process.stderr.write(`[${name}] ${claimants.length} applicants, ${connections} connections…\n`);

  const onFinal = (finals: number) => {
    if (faulting || finals < FAULT_AFTER) return;
    faulting = true;
    if (name === 'redis') {
      void (async () => {
        faultAt = performance.now();
        await redis.shutdownNoSave();
        process.stderr.write(`[${name}] Redis SHUTDOWN NOSAVE after ${finals} final answers\n`);
        await sleep(REDIS_DOWN_MS);
        await redis.start();
        backAt = performance.now();
        process.stderr.write(`[${name}] Redis started again (empty)\n`);
      })();
    } else if (name === 'sigkill') {
      void (async () => {
        faultAt = performance.now();
        bff.child.kill('SIGKILL');
        await bff.exited;
        process.stderr.write(`[${name}] BFF SIGKILLed after ${finals} final answers; restarting\n`);
        bff = await startBff(env, 60_000);
        backAt = performance.now();
      })();
    }
  };
  const cpu0 = cpuSeconds(bff.child.pid);
  const run = await crowd(() => port, claimants, connections, onFinal);
  const cpu = cpuSeconds(bff.child.pid) - cpu0;
  bff.child.kill('SIGTERM');
  await bff.exited;

  const store = new EmbeddedStore(dataDir);
  const vouchers = await store.collection<VoucherDoc>(VOUCHERS).find({});
  await store.close();
  const client = createRedisClient(redis.url);
  await client.connect();
  const remaining = Number(await client.hget(`${PREFIX}period:${PERIOD_ID}`, 'remaining'));
  const outbox = await client.xlen(`${PREFIX}outbox`);
  await client.quit();
  await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });

  // Correctness.
  const stored = new Map(vouchers.map((v) => [v._id, v]));
  const perApplicant = new Map<string, number>();
  for (const v of vouchers) perApplicant.set(v.applicantId, (perApplicant.get(v.applicantId) ?? 0) + 1);
  const accepted = run.finals.filter((a) => a?.status === 201);
  const lost = accepted.filter((a) => !a!.id || !stored.has(a!.id)).length;
  const oversold = Math.max(0, vouchers.length - QUOTA_VOUCHERS);
  // One key per applicant here, so two vouchers of one applicant are two vouchers for one key.
  const duplicates = [...perApplicant.values()].filter((n) => n > 1).length;
  const unanswered = run.finals.filter((a) => a === null).length;
  const quotaMismatch = QUOTA_VOUCHERS * AMOUNT - remaining - vouchers.reduce((s, v) => s + v.amountFen, 0);

  // Answers.
  const byStatus = new Map<string, number>();
  for (const a of run.answers) {
    const k = a.status === 'net' ? 'no answer' : `${a.status}${a.code ? ` ${a.code}` : ''}`;
    byStatus.set(k, (byStatus.get(k) ?? 0) + 1);
  }
  const shed = run.answers.filter((a) => a.code === 'BUSY').map((a) => a.ms).sort((x, y) => x - y);
  // The first wave (every connection's first request, all sent in the same instant) apart from the rest.
  const firstWave = new Set(run.answers.slice(0, connections));
  const shedLater = run.answers.filter((a) => a.code === 'BUSY' && !firstWave.has(a)).map((a) => a.ms).sort((x, y) => x - y);
  const shedFirst = run.answers.filter((a) => a.code === 'BUSY' && firstWave.has(a)).map((a) => a.ms).sort((x, y) => x - y);
  const unavailable = run.answers.filter((a) => a.code === 'SERVICE_UNAVAILABLE').map((a) => a.ms).sort((x, y) => x - y);
  const decided = run.answers.filter((a) => a.status !== 503 && a.status !== 'net').map((a) => a.ms).sort((x, y) => x - y);
  let recover = 'n/a (no fault injected)';
  if (faultAt !== null) {
    const fault = faultAt;
    const back = backAt ?? fault;
    const firstAfterBack = run.answers.filter((a) => a.at > back && a.status === 201).reduce((m, a) => Math.min(m, a.at), Infinity);
    const firstDecisionAfterBack = run.answers
      .filter((a) => a.at > back && typeof a.status === 'number' && a.status !== 503)
      .reduce((m, a) => Math.min(m, a.at), Infinity);
    const since = (t: number, from: number) => (Number.isFinite(t) ? `${((t - from) / 1000).toFixed(2)} s` : 'never');
    recover =
      name === 'redis'
        ? `first decision ${since(firstDecisionAfterBack, back)} and first 201 ${since(firstAfterBack, back)} after Redis was started again (down ${((back - fault) / 1000).toFixed(2)} s)`
        : `first decision ${since(firstDecisionAfterBack, fault)} after the SIGKILL (restart took ${((back - fault) / 1000).toFixed(2)} s; first 201 after it ${since(firstAfterBack, back)})`;
  }
  const statusLine = [...byStatus.entries()].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  return [
    `## ${name}: ${claimants.length} applicants, ${connections} connections, quota ${QUOTA_VOUCHERS} vouchers`,
    `answers by status: ${statusLine}`,
    `all final in ${run.seconds.toFixed(2)} s; decided answers p50 ${pct(decided, 0.5).toFixed(0)} ms, p99 ${pct(decided, 0.99).toFixed(0)} ms; CPU: BFF ${cpu.toFixed(1)} s, load generator ${run.clientCpu.toFixed(1)} s`,
    `accepted (201): ${accepted.length}; vouchers stored: ${vouchers.length}; left unanswered: ${unanswered}; outbox left: ${outbox}`,
    `LOST (201 without its voucher): ${lost}   OVERSOLD: ${oversold}   DUPLICATES (two vouchers for one key): ${duplicates}   quota taken but not stored (fen): ${quotaMismatch}`,
    `time to recover: ${recover}`,
    `shed answers (503 BUSY): ${shed.length}, ${spread(shed)}`,
    `  of which in the first wave (the first ${connections} answers): ${shedFirst.length}, ${spread(shedFirst, false)}; after it: ${shedLater.length}, ${spread(shedLater, false)}`,
    `503 SERVICE_UNAVAILABLE: ${unavailable.length}, ${spread(unavailable)}`,
  ];
}

async function main(): Promise<void> {
  const template = mkdtempSync(path.join(os.tmpdir(), 'kcq-chaos-seed-'));
  try {
    process.stderr.write(`seeding ${N} applicants…\n`);
    const store = new EmbeddedStore(template);
    const now = Date.now();
    const period: Period = {
      _id: PERIOD_ID,
      name: '混沌演练期',
      opensAt: new Date(now - 60_000),
      closesAt: new Date(now + 6 * 3_600_000),
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
    const claimants = await seedClaimants(store, N, { secret: SECRET, accessTtl: 6 * 3_600 });
    await store.close();

    const report = [
      `date: ${new Date().toISOString()}  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    ];
    let failed = false;
    for (const name of SCENARIOS) {
      const lines = await scenario(name, template, claimants);
      process.stderr.write(`${lines.join('\n')}\n\n`);
      report.push('', ...lines);
      if (/LOST \(201 without its voucher\): [1-9]|OVERSOLD: [1-9]|DUPLICATES \(two vouchers for one key\): [1-9]/.test(lines.join('\n'))) failed = true;
    }
    process.stdout.write(`\n${report.join('\n')}\n`);
    if (failed) process.exitCode = 1;
  } finally {
    rmSync(template, { recursive: true, force: true });
  }
}

void main();
