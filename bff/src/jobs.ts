/**
 * Background work every BFF instance runs. Each job is idempotent and safe on several instances
 * at once (conditional updates, idempotent inserts, a Redis lock for the rebuild), so no leader is needed.
 */
import type { Logger } from './logger';
import type { Services } from './domain/services';

interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export interface RunningJobs {
  /** Stops scheduling and waits for runs in progress. */
  stop(): Promise<void>;
}

export function jobsFor(services: Services): Job[] {
  return [
    // Redis came back empty: rebuild before the next founder has to wait for it.
    { name: 'inventory-rebuild', everyMs: 2_000, run: async () => (await services.claims.isReady()) || services.claims.rebuild() },
    // Accepted claims whose request died before writing them (docs/claims.md).
    { name: 'outbox-recovery', everyMs: 2_000, run: () => services.claims.recoverOutbox() },
    // 第十五条2、3: vouchers past a deadline become void, release their amounts, close their contracts.
    { name: 'lifecycle-sweep', everyMs: 60_000, run: () => services.sweeper.sweep() },
    // Reminders 3/7 days before the deadlines (idempotent by key), then WeChat subscribe messages (each once).
    { name: 'reminders', everyMs: 60_000, run: () => services.messages.scanReminders() },
    { name: 'subscribe-delivery', everyMs: 10_000, run: () => services.messages.deliver() },
    // 第六条, 第十四条, 第十五条5: public notices past their end with no open objection are cleared (idempotent):
    // redemptions become payable, approved unit applications become open units (docs/evaluation.md).
    { name: 'notice-settle', everyMs: 60_000, run: () => services.notices.settle() },
  ];
}

export function startJobs(jobs: Job[], logger: Logger): RunningJobs {
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const p = job
        .run()
        .then((result) => {
          if (typeof result === 'number' && result > 0) logger.info({ job: job.name, count: result }, 'job did work');
        })
        .catch((err: unknown) => logger.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
