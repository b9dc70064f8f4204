/**
 * Demo data for `npm start` (SEED_DEMO, never in production): an open period to claim in right away
 * and an upcoming one for the countdown; the open-lab catalogue (seed/catalogue.ts). Idempotent: it only
 * adds what is missing, so restarts keep whatever the demo user did. (`dev:admin` signs in as an administrator in development.)
 */
import type { Services } from '../domain/services';
import { seedCatalogue } from './catalogue';
import { seedEvaluation } from './evaluation';

const DAY = 86_400_000;

export async function seedDemo(services: Services): Promise<string[]> {
  const { periods, clock } = services;
  const now = clock.now().getTime();
  const all = await periods.all();
  const added: string[] = [];
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  const terms = { maxVoucherFen: 5_000_000, perApplicantLimit: 1 };

  if (!all.some((p) => !p.closedAt && p.opensAt.getTime() <= now && p.closesAt.getTime() > now)) {
    const p = await periods.create(
      { name: '2026年第四期创新券（演示）', opensAt: new Date(hour - DAY), closesAt: new Date(hour + 30 * DAY), quotaFen: 1_000_000_000, ...terms },
      'u_demo_seed',
    );
    added.push(p.name);
  }
  if (!all.some((p) => p.opensAt.getTime() > now)) {
    const p = await periods.create(
      { name: '2027年第一期创新券（演示）', opensAt: new Date(hour + 3 * DAY), closesAt: new Date(hour + 33 * DAY), quotaFen: 2_000_000_000, ...terms },
      'u_demo_seed',
    );
    added.push(p.name);
  }
  // The open-lab catalogue (units, labs, services): deterministic, adds only what is missing.
  const catalogue = await seedCatalogue(services);
  if (catalogue.units + catalogue.labs + catalogue.services > 0) {
    added.push(`catalogue: ${catalogue.units} units, ${catalogue.labs} labs, ${catalogue.services} services`);
  }
  // 第六条 and 第十一、十四条 (docs/evaluation.md): this year's evaluation round and a unit application.
  added.push(...(await seedEvaluation(services)));
  return added;
}
