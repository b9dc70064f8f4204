/**
 * Rate limits counted on Redis (issue #14 item 4): two BFF instances on one Redis share every limit,
 * keys live under the instance's prefix, and a claim retried with a used Idempotency-Key on the other
 * instance is still never refused (the idempotency record is on Redis too).
 */
import request from 'supertest';
import type Koa from 'koa';
import { createApp, servicesFor, type AppDeps } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { RedisInventory } from '../src/inventory/redis';
import { EmbeddedStore } from '../src/store/embedded';
import type { AppState } from '../src/http/context';
import type { Services } from '../src/domain/services';
import { enterpriseProfile } from './support/identity';
import { fakeH5Dir } from './support/app';
import { REDIS_URL, deletePrefix, redisAvailable, testPrefix } from './support/services';

const run = redisAvailable() ? describe : describe.skip;
if (!redisAvailable()) test.skip('rate limits on Redis — SKIPPED: Redis does not answer', () => {});

jest.setTimeout(30_000);

run('rate limits on Redis, shared by two instances', () => {
  let prefix: string;
  let store: EmbeddedStore;
  let inventories: RedisInventory[];
  let apps: { http: ReturnType<Koa<AppState>['callback']>; services: Services }[];

  beforeEach(async () => {
    prefix = testPrefix('rate-limit');
    // One store (the database both instances use) and one Redis; two processes' worth of adapters and apps.
    store = EmbeddedStore.inMemory();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      H5_DIR: fakeH5Dir(),
      RATE_LIMITS: 'on',
      RATE_LIMIT_SIGNIN: '3/60',
      RATE_LIMIT_CLAIM_USER: '1/60',
      RATE_LIMIT_CEILING_STORE: 'redis',
      RATE_LIMIT_USER: '5/60',
    });
    inventories = await Promise.all([0, 1].map(() => RedisInventory.connect(REDIS_URL, prefix)));
    apps = inventories.map((inventory) => {
      const deps: AppDeps = { config, logger: createLogger('silent'), store, inventory };
      const services = servicesFor(deps);
      return { http: createApp({ ...deps, services }).callback(), services };
    });
    await apps[0].services.claims.rebuild();
  });
  afterEach(async () => {
    await deletePrefix(inventories[0].redis, prefix);
    await Promise.all(inventories.map((i) => i.close()));
    await store.close();
  });

  const signIn = (i: number, name: string) => request(apps[i].http).post('/api/auth/wechat').send({ code: `dev:${name}` });

  test('sign-ins from one address count once across both instances; the counters live under the prefix', async () => {
    expect((await signIn(0, 'a')).status).toBe(200);
    expect((await signIn(1, 'b')).status).toBe(200);
    expect((await signIn(0, 'c')).status).toBe(200);
    const refused = await signIn(1, 'd');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await signIn(0, 'e')).status).toBe(429);
    const keys = await inventories[0].redis.keys(`${prefix}rl:signin:*`);
    expect(keys).toHaveLength(1);
  });

  test('with RATE_LIMIT_CEILING_STORE=redis the global ceiling of a user is one budget across instances', async () => {
    const session = (await signIn(0, 'busy')).body;
    const me = (i: number) => request(apps[i].http).get('/api/me').set('Authorization', `Bearer ${session.accessToken}`);
    const statuses = [];
    for (let n = 0; n < 6; n += 1) statuses.push((await me(n % 2)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await inventories[0].redis.keys(`${prefix}rl:user:*`)).toHaveLength(1);
  });

  test('a claim retried on the other instance with the same key passes the limit; a new key does not', async () => {
    const session = (await signIn(0, 'founder')).body;
    const auth = { Authorization: `Bearer ${session.accessToken}` };
    expect((await request(apps[0].http).post('/api/applicants').set(auth).send(enterpriseProfile())).status).toBe(201);
    const now = Date.now();
    const admin = (await apps[0].services.users.signIn('dev-admin')).user;
    const period = await apps[0].services.periods.create(
      { name: '共享限流期', opensAt: new Date(now - 60_000), closesAt: new Date(now + 3_600_000), quotaFen: 10_000_000, maxVoucherFen: 5_000_000, perApplicantLimit: 3 },
      admin._id,
    );
    const claimOn = (i: number, key: string) =>
      request(apps[i].http).post(`/api/periods/${period._id}/claims`).set(auth).set('Idempotency-Key', key).send({ amountFen: 100_000 });
    const first = await claimOn(0, 'shared-key-0001');
    expect(first.status).toBe(201);
    const retry = await claimOn(1, 'shared-key-0001');
    expect([retry.status, retry.body.id]).toEqual([201, first.body.id]);
    const fresh = await claimOn(1, 'shared-key-0002');
    expect([fresh.status, fresh.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await claimOn(0, 'shared-key-0003')).status).toBe(429);
  });
});
