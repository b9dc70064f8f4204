/**
 * 第十六、十八条: each state change appends an entry chained by hash per voucher from its claim record;
 * editing a stored entry is detected by the administrator endpoint and by the CLI (exit code 1).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIT, type AuditEntry } from '../../src/domain/audit';
import { EmbeddedStore } from '../../src/store/embedded';
import type { Store } from '../../src/store';
import { BFF_DIR } from '../support/process';
import { storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, propose, terms, type World } from './world';

async function threeSteps(w: World) {
  const { t, A, X, admin } = w;
  const voucherId = await claim(w, A);
  const count = async () => (await t.as(admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200)).body.entries.length as number;
  expect(await count()).toBe(0); // the claim is the genesis: no entry
  const id = (await propose(w, voucherId).expect(201)).body.id;
  expect(await count()).toBe(1);
  await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms()).expect(200);
  expect(await count()).toBe(3);
  await t.as(X).post(`/api/contracts/${id}/amend`).send({ contractNo: 'HT-2026-001-A' }).expect(200);
  expect(await count()).toBe(4);
  return voucherId;
}

describe.each(storeAdapters())('the audit chain over HTTP on $name', (adapter) => {
  let store: Store;
  afterEach(() => adapter.cleanup(store));

  test('each change appends; editing a stored entry is reported at that entry', async () => {
    store = await adapter.open();
    const w = await buildWorld(store, bj('2026-06-01 10:00'));
    const voucherId = await threeSteps(w);
    const ok = (await w.t.as(w.admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200)).body;
    expect(ok.report).toMatchObject({ ok: true, voucherId, entries: 4 });
    expect(ok.entries[1]).toMatchObject({ seq: 2, subject: 'contract', event: 'confirm', role: 'open_unit', actorId: w.X.userId, prevHash: ok.entries[0].hash });
    expect(ok.entries[1].payloadHash).toMatch(/^[0-9a-f]{64}$/);

    await store.collection<AuditEntry>(AUDIT).updateOne({ voucherId, seq: 2 }, { $set: { actorId: w.Y.userId } });
    const broken = (await w.t.as(w.admin).get(`/api/admin/vouchers/${voucherId}/audit`).expect(200)).body;
    expect(broken.report).toEqual({ ok: false, voucherId, entries: 4, brokenAt: 2, reason: 'hash_mismatch' });
    const missing = await w.t.as(w.admin).get('/api/admin/vouchers/vch_doesnotexist00000000/audit');
    expect(missing.status).toBe(404);
  });
});

describe('the audit CLI on the embedded store', () => {
  test('prints ok per voucher, then reports the edited entry and exits 1', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-audit-cli-'));
    let store = new EmbeddedStore(dataDir);
    const w = await buildWorld(store, bj('2026-06-01 10:00'));
    const voucherId = await threeSteps(w);
    const untouched = await claim(w, w.B);
    await store.close();

    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts', ...args], {
        cwd: BFF_DIR,
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, NODE_ENV: 'test' },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const good = run(voucherId);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(new RegExp(`^${voucherId}\\tok\\t4 entries\\thead [0-9a-f]{64}\\n$`));

    store = new EmbeddedStore(dataDir);
    await store.collection<AuditEntry>(AUDIT).updateOne({ voucherId, seq: 3 }, { $set: { to: 'approved' } });
    await store.close();

    const bad = run('--all');
    expect(bad.status).toBe(1);
    const lines = bad.stdout.trim().split('\n').sort();
    expect(lines).toEqual(
      [`${voucherId}\tBROKEN\tat entry 3 of 4\thash_mismatch`, `${untouched}\tok\t0 entries\thead ${lines.find((l) => l.startsWith(untouched))?.split('head ')[1]}`].sort(),
    );
    expect(run().status).toBe(2);
    expect(run('vch_doesnotexist00000000').status).toBe(2);
  }, 120_000);
});
