/**
 * `npm run bench:catalogue` — catalogue search latency (a script, not a test).
 *
 * Loads BENCH_SERVICES (10,000) services — copies of the demo catalogue under suffixed unit names, so
 * the mix of categories, regions, prices and names is the demo's — into an in-memory embedded store,
 * and into MongoDB too when MONGO_URL is set (a scratch database, dropped afterwards). Then runs the
 * typical phone searches through the domain (CatalogueSearch, the same code the route calls) BENCH_RUNS
 * (300) times each after a warm-up, and prints p50/p99/max per query and overall. Target: p99 ≤ 50 ms.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createServices, type Services } from '../src/domain/services';
import { systemClock } from '../src/domain/clock';
import { searchQuerySchema } from '../src/domain/catalogueSearch';
import { EmbeddedInventory } from '../src/inventory/embedded';
import { EmbeddedStore } from '../src/store/embedded';
import { MongoStore } from '../src/store/mongo';
import type { Store } from '../src/store';
import { buildCataloguePlan, seedCatalogue, type CataloguePlan } from '../src/seed/catalogue';
import { DevWeChat } from '../src/wechat/dev';
import { DiskEvidenceStorage } from '../src/store/files';
import path from 'node:path';

const N = Number(process.env.BENCH_SERVICES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 20;

function servicesOn(store: Store): Services {
  return createServices({
    store,
    inventory: new EmbeddedInventory(),
    clock: systemClock,
    wechat: new DevWeChat(),
    adminOpenids: [],
    // The catalogue benchmark uploads nothing; evidence would go to a temporary folder.
    evidence: new DiskEvidenceStorage(path.join(os.tmpdir(), 'kcq-bench-evidence')),
    sessions: { secret: 'bench-catalogue-secret-0123456789abcdef', accessTtl: 900, refreshTtl: 3600 },
  });
}

/** Copies of the demo plan (suffix ·1, ·2 …) until exactly N services. */
function bigPlan(n: number): CataloguePlan {
  const out: CataloguePlan = { units: [], labs: [], services: [] };
  for (let copy = 1; out.services.length < n; copy += 1) {
    const p = buildCataloguePlan(`·${copy}`);
    out.units.push(...p.units);
    out.labs.push(...p.labs);
    out.services.push(...p.services.slice(0, n - out.services.length));
  }
  return out;
}

const q = (raw: Record<string, string>) => searchQuerySchema.parse(raw);

interface Case {
  label: string;
  /** One of the typical phone searches (counted in "overall"); the others are recorded worst cases. */
  typical: boolean;
  /** One sample per call: a list of queries run in sequence, each timed on its own. */
  run: (services: Services) => Promise<number[]>;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const CASES: Case[] = [
  { label: 'keyword 质谱 (relevance, 20)', typical: true, run: async (s) => [await timed(() => s.catalogueSearch.search(q({ q: '质谱' })))] },
  { label: 'category compute', typical: true, run: async (s) => [await timed(() => s.catalogueSearch.search(q({ category: 'compute' })))] },
  { label: 'region tianjin', typical: true, run: async (s) => [await timed(() => s.catalogueSearch.search(q({ region: 'tianjin' })))] },
  {
    label: 'voucher-eligible + price ascending',
    typical: true,
    run: async (s) => [await timed(() => s.catalogueSearch.search(q({ eligibleOnly: 'true', sort: 'price_asc' })))],
  },
  // Worse cases than a phone usually sends, for the record.
  { label: 'keyword 大学 (worst case: only unit names match, 4 tier walks)', typical: false, run: async (s) => [await timed(() => s.catalogueSearch.search(q({ q: '大学' })))] },
  {
    label: 'region hebei + field new_materials, price descending',
    typical: false,
    run: async (s) => [await timed(() => s.catalogueSearch.search(q({ region: 'hebei', field: 'new_materials', sort: 'price_desc' })))],
  },
  {
    label: 'paging 3 pages of 分析 (relevance, per page)',
    typical: true,
    run: async (s) => {
      const out: number[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 3; page += 1) {
        let next: string | null = null;
        out.push(
          await timed(async () => {
            next = (await s.catalogueSearch.search(q({ q: '分析', ...(cursor ? { cursor } : {}) }))).nextCursor;
          }),
        );
        if (!next) throw new Error('expected three pages');
        cursor = next;
      }
      return out;
    },
  },
];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function benchAdapter(label: string, store: Store): Promise<void> {
  const services = servicesOn(store);
  const plan = bigPlan(N);
  const t0 = performance.now();
  const added = await seedCatalogue(services, plan);
  const loadS = (performance.now() - t0) / 1000;
  const count = await services.catalogue.services.count({});
  console.log(`\n## ${label}: ${count} services, ${added.labs} labs, ${added.units} units loaded in ${loadS.toFixed(1)} s`);
  console.log('| query | samples | p50 | p99 | max |');
  console.log('|---|---|---|---|---|');
  const all: number[] = [];
  for (const c of CASES) {
    for (let i = 0; i < WARMUP; i += 1) await c.run(services);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) samples.push(...(await c.run(services)));
    samples.sort((a, b) => a - b);
    if (c.typical) all.push(...samples);
    console.log(`| ${c.label} | ${samples.length} | ${fmt(pct(samples, 50))} | ${fmt(pct(samples, 99))} | ${fmt(samples[samples.length - 1]!)} |`);
  }
  all.sort((a, b) => a - b);
  console.log(`| **overall (typical searches)** | ${all.length} | ${fmt(pct(all, 50))} | ${fmt(pct(all, 99))} | ${fmt(all[all.length - 1]!)} |`);
  const p99 = pct(all, 99);
  console.log(`target p99 ≤ 50 ms: ${p99 <= 50 ? 'met' : 'NOT met'} (${fmt(p99)})`);
}

async function main(): Promise<void> {
  console.log(`bench:catalogue — ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? '?'}), ${RUNS} runs per query`);
  const embedded = EmbeddedStore.inMemory();
  await benchAdapter('embedded (nedb, in memory)', embedded);
  await embedded.close();

  const url = process.env.MONGO_URL;
  if (url) {
    const u = new URL(url);
    u.pathname = `/kcq_bench_catalogue_${process.pid}`;
    const mongo = await MongoStore.connect(u.toString());
    try {
      await benchAdapter(`mongo (${u.host})`, mongo);
    } finally {
      await mongo.dropDatabase();
      await mongo.close();
    }
  } else {
    console.log('\nMongoDB: skipped (MONGO_URL is not set)');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
