/**
 * Helpers for the identity suites: an app on a chosen store with a ManualClock and dev login,
 * signing in over HTTP, valid credit codes and profiles.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { computeCreditCodeCheckChar, computeOrgCodeCheckChar } from '@kcq/shared';
import type Koa from 'koa';
import { createApp, servicesFor, type AppDeps } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { EmbeddedInventory } from '../../src/inventory/embedded';
import type { AppState } from '../../src/http/context';
import { ManualClock } from '../../src/domain/clock';
import type { Services } from '../../src/domain/services';
import { EmbeddedStore } from '../../src/store/embedded';
import { MongoStore } from '../../src/store/mongo';
import type { Store } from '../../src/store';
import { fakeH5Dir } from './app';
import { MONGO_URL, mongoAvailable } from './services';

/** 2026-11-21 10:00 Beijing time. */
export const T0 = new Date('2026-11-21T02:00:00Z');

/** A valid Beijing enterprise credit code (91 + 110108 + organisation code + check), distinct per n. */
export function creditCode(n: number): string {
  const body = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91110108${body}${computeOrgCodeCheckChar(body)}`;
  return first17 + computeCreditCodeCheckChar(first17);
}

export function enterpriseProfile(over: Record<string, unknown> = {}) {
  return {
    kind: 'enterprise',
    name: '北京示例科技有限公司',
    creditCode: creditCode(1),
    registeredInBeijing: true,
    registeredOn: '2023-03-01',
    independentLegalPerson: true,
    employees: 40,
    annualRevenueFen: 1_000_000_000,
    totalAssetsFen: 500_000_000,
    soundFinance: true,
    noBadCreditRecord: true,
    priorityField: 'new_materials',
    highTechCertified: false,
    techSmeListedYear: null,
    ...over,
  };
}

export const student = (name: string, enrolled = true) =>
  enrolled ? { name, school: '北京大学', studentId: `S-${name}`, enrolled } : { name, school: '', studentId: '', enrolled };

export function teamProfile(over: Record<string, unknown> = {}) {
  return {
    kind: 'team',
    name: '燕园材料创新团队',
    isLegalPerson: false,
    hasRegisteredCompany: false,
    leader: student('张三'),
    members: [student('李四'), student('王五')],
    projectName: '柔性电池隔膜',
    projectStage: 'rnd',
    ...over,
  };
}

export interface StoreAdapter {
  name: string;
  open(): Promise<Store>;
  /** Drops what open() created. */
  cleanup(store: Store): Promise<void>;
}

export const embeddedAdapter: StoreAdapter = {
  name: 'embedded',
  open: async () => EmbeddedStore.inMemory(),
  cleanup: (store) => store.close(),
};

function mongoAdapter(): StoreAdapter {
  return {
    name: 'mongo',
    async open() {
      const u = new URL(MONGO_URL);
      u.pathname = `/kcq_identity_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      return MongoStore.connect(u.toString());
    },
    async cleanup(store) {
      await (store as MongoStore).dropDatabase();
      await store.close();
    },
  };
}

/** Embedded always; MongoDB when MONGO_URL is set (loud banner otherwise, like the store contract). */
export function storeAdapters(): StoreAdapter[] {
  const list = [embeddedAdapter];
  if (mongoAvailable()) list.push(mongoAdapter());
  return list;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  body: Record<string, any>;
}

export interface IdentityApp {
  app: Koa<AppState>;
  http: ReturnType<Koa<AppState>['callback']>;
  deps: AppDeps;
  services: Services;
  clock: ManualClock;
  /** Dev login over HTTP: `dev:<name>` → openid `dev-<name>`. */
  signIn(name: string): Promise<Session>;
  /** A supertest request with the session's bearer token. */
  as(session: Session | null): {
    get(url: string): request.Test;
    post(url: string): request.Test;
    put(url: string): request.Test;
    delete(url: string): request.Test;
  };
}

export function identityApp(
  opts: { store?: Store; env?: Record<string, string>; over?: Partial<AppDeps>; clock?: ManualClock } = {},
): IdentityApp {
  const clock = opts.clock ?? new ManualClock(T0);
  const store = opts.store ?? EmbeddedStore.inMemory();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    H5_DIR: fakeH5Dir(),
    // Evidence files of the test go to a fresh temporary folder, never the repository's .data.
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'kcq-data-')),
    ADMIN_OPENIDS: 'dev-admin',
    ...opts.env,
  });
  const partial: AppDeps = {
    config,
    logger: createLogger('silent'),
    store,
    inventory: new EmbeddedInventory(),
    clock,
    ...opts.over,
  };
  const services = servicesFor(partial);
  const deps: AppDeps = { ...partial, services };
  const app = createApp(deps);
  const http = app.callback();
  const as = (s: Session | null) => {
    const wrap = (t: request.Test) => (s ? t.set('Authorization', `Bearer ${s.accessToken}`) : t);
    const agent = request(http);
    return {
      get: (url: string) => wrap(agent.get(url)),
      post: (url: string) => wrap(agent.post(url)),
      put: (url: string) => wrap(agent.put(url)),
      delete: (url: string) => wrap(agent.delete(url)),
    };
  };
  return {
    app,
    http,
    deps,
    services,
    clock,
    as,
    async signIn(name) {
      const res = await request(http).post('/api/auth/wechat').send({ code: `dev:${name}` });
      if (res.status !== 200) throw new Error(`sign-in of ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { accessToken: res.body.accessToken, refreshToken: res.body.refreshToken, userId: res.body.user.id, body: res.body };
    },
  };
}
