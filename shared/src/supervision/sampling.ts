/**
 * Reproducible random samples (第十八条: administrators supervise by random spot checks; POLICY.md Decision:
 * a spot check draws a reproducible random sample and records the seed). The open-unit performance
 * evaluation (第十四条: site checks of a share of units) reuses it.
 *
 * The generator is mulberry32 (Tommy Ettinger, public domain): a 32-bit state, one multiply-xorshift
 * round per output, period 2^32 — small, well known and identical on every JavaScript engine, which is
 * what reproducibility needs (it is not for secrets). A sample is a partial Fisher–Yates shuffle of the
 * population driven by that generator, so:
 *
 *   same population, in the same order, and the same seed  →  the same sample, in the same order.
 *
 * Callers must therefore present the population in a stable order (e.g. sorted by id) and record the seed
 * with the draw. `newSeed` picks a seed; any integer 0 … 2^32−1 replays a draw.
 */

export const SEED_MAX = 0xffff_ffff;

/** mulberry32: returns a function giving floats in [0, 1), deterministic for a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isSeed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= SEED_MAX;
}

/** A fresh seed from `random` (Math.random by default; tests pass their own). */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * (SEED_MAX + 1)) >>> 0;
}

/** How many to draw: a fixed size, or a percentage of the population rounded up (at least 1 of a non-empty one); never more than there are. */
export type SampleSize = { size: number } | { percent: number };

export function sampleCount(populationSize: number, want: SampleSize): number {
  if (populationSize <= 0) return 0;
  const n = 'size' in want ? Math.floor(want.size) : Math.ceil((populationSize * want.percent) / 100 - 1e-9);
  return Math.max(0, Math.min(populationSize, 'percent' in want && want.percent > 0 ? Math.max(1, n) : n));
}

/**
 * Draws `sampleCount(population.length, want)` distinct items with the seeded generator (partial
 * Fisher–Yates). The population is not modified.
 */
export function drawSample<T>(population: readonly T[], want: SampleSize, seed: number): T[] {
  if (!isSeed(seed)) throw new RangeError(`seed must be an integer 0 … ${SEED_MAX}`);
  const k = sampleCount(population.length, want);
  const pool = population.slice();
  const next = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, k);
}
