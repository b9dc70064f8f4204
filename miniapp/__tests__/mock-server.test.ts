/**
 * The mock API of `npm run dev:h5:mock` (config/mock.ts) over real HTTP: the middleware loads mock/*.ts
 * itself and, mounted on a plain node http server, answers every endpoint the screens call.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { ERRORS } from '@kcq/shared';
import { createMockMiddleware, mockFiles, type MockMiddleware } from '../../config/mock';
import mocks, { lab, messages, openPeriod, registeredContract, service, upcomingPeriod } from '../../mock/api';
import type { ContractTerms, PeriodInput, ServiceInput } from '../services/types';
import { endpointsUsed } from './support/endpoints';

let server: http.Server;
let mock: MockMiddleware;
let base: string;

beforeAll(async () => {
  mock = createMockMiddleware();
  server = http.createServer((req, res) =>
    mock(req, res, () => {
      res.statusCode = 418;
      res.end('next');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  mock.close();
  await new Promise((resolve) => server.close(resolve));
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body);
    if (!(body instanceof FormData) && typeof body !== 'string') (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, text, json: type.startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined };
}

/** Ids the function mocks know (an unknown one answers 404, as the BFF would). */
const SAMPLE_PARAMS: [RegExp, Record<string, string>][] = [
  [/^\/api\/admin\/periods\//, { id: upcomingPeriod.id }], // the open one cannot be edited (409)
  [/^\/api\/periods\//, { id: openPeriod.id }],
  [/^\/api\/contracts\//, { id: registeredContract.id }], // it has a redemption
  [/^\/api\/catalogue\/services\//, { id: service.id }],
  [/^\/api\/messages\//, { id: messages[0].id }],
  [/^\/api\/open-units\//, { serviceId: service.id }],
];

const terms: ContractTerms = { contractNo: 'HT-T-1', contractAmountFen: 8_000_000, startDay: '2026-11-20', endDay: '2026-11-21', voucherAmountFen: 4_000_000 };
const periodInput: PeriodInput = {
  name: '测试周期',
  opensAt: upcomingPeriod.opensAt,
  closesAt: upcomingPeriod.closesAt,
  quotaFen: 1_000_000,
  maxVoucherFen: 500_000,
  perApplicantLimit: 1,
};
const serviceInput: ServiceInput = {
  labId: lab.id,
  name: service.name,
  category: service.category,
  instrument: service.instrument,
  description: service.description,
  priceFen: service.priceFen,
  priceUnit: service.priceUnit,
  leadTimeDays: service.leadTimeDays,
  statutory: false,
  compute: null,
};

/** Request bodies the function mocks read; any other POST/PUT sends `{}`. */
const BODIES: Record<string, unknown> = {
  'POST /api/periods/:id/claims': { amountFen: 100_000 },
  'POST /api/admin/periods': periodInput,
  'PUT /api/admin/periods/:id': periodInput,
  'POST /api/contracts': { voucherId: 'v_mock', serviceId: service.id, project: { title: '测试', description: '测试项目' }, municipalFundingReceived: false },
  'POST /api/contracts/:id/confirm': terms,
  'POST /api/contracts/:id/reject': { reason: '测试' },
  'POST /api/contracts/:id/amend': { ...terms, reason: '测试' },
  'POST /api/expert/assignments/:id/opinion': { opinion: 'doubtful', comment: '需核实' },
  'POST /api/admin/review-items/:id/follow-up/outcome': { result: 'pass', summary: '属实' },
  'POST /api/admin/review-items/:id/decision': { decision: 'approve' },
  'POST /api/notices/:id/items/:itemId/objections': { reason: '测试' },
  'POST /api/admin/objections/:id/resolve': { outcome: 'dismissed', reason: '测试' },
  'POST /api/admin/payment-batches/:id/paid': { reference: 'CZ-1' },
  'POST /api/open-units/:id/services': serviceInput,
  'PUT /api/open-units/:id/services/:serviceId': serviceInput,
};

/** Endpoints whose mock answers a refusal on purpose (trying the screens' error states). */
const REFUSALS: Record<string, number> = {};

function concrete(routePath: string): string {
  const sample = SAMPLE_PARAMS.find(([re]) => re.test(routePath))?.[1] ?? {};
  return routePath.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(sample[name] ?? `x_${name}`));
}

const table = mocks as Record<string, unknown>;

test('the middleware loads mock/api.ts (and any other mock/*.ts) itself', () => {
  expect(mockFiles().map((f) => f.replace(/\\/g, '/'))).toEqual(expect.arrayContaining([expect.stringMatching(/\/mock\/api\.ts$/)]));
  expect(mock.keys()).toEqual(expect.arrayContaining(Object.keys(table)));
});

test.each(endpointsUsed())('%s answers over HTTP', async (endpoint) => {
  const [method, routePath] = endpoint.split(' ');
  const path = concrete(routePath);
  const body = method === 'POST' || method === 'PUT' ? (BODIES[endpoint] ?? {}) : undefined;
  const res = await call(method, path, body);

  const expected = REFUSALS[endpoint];
  if (expected) {
    expect(res.status).toBe(expected);
    expect(res.json).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
    return;
  }
  expect(res.status).toBeGreaterThanOrEqual(200);
  expect(res.status).toBeLessThan(300);
  if (res.status === 204) {
    expect(res.text).toBe('');
    return;
  }
  expect(res.type).toMatch(/^application\/json/);
  const value = table[endpoint];
  if (typeof value === 'function') {
    expect(res.json).toEqual(expect.any(Object));
    expect(res.json).not.toHaveProperty('error');
  } else {
    // A static fixture comes back as it is written (dates as ISO strings).
    expect(res.json).toEqual(JSON.parse(JSON.stringify(value)));
  }
});

test('a :param route fills req.params and ignores the query string', async () => {
  const res = await call('GET', `/api/periods/${openPeriod.id}?t=1&x=y`);
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ serverTime: expect.any(String), period: JSON.parse(JSON.stringify(openPeriod)) });
  expect(Date.parse((res.json as { serverTime: string }).serverTime)).not.toBeNaN();

  const unknown = await call('GET', '/api/periods/p_nope');
  expect(unknown.status).toBe(404);
  expect(unknown.json).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });

  // Two params, and a literal segment preferred over a :param one.
  const contract = await call('GET', `/api/contracts/${registeredContract.id}/redemption`);
  expect(contract.json).toMatchObject({ contractId: registeredContract.id });
  expect((await call('GET', '/api/messages/unread-count')).json).toEqual({ unread: messages.filter((m) => !m.read).length });
});

test('the query string reaches a function mock as req.query', async () => {
  const first = await call('GET', '/api/catalogue/services?q=%E8%B4%A8%E8%B0%B1');
  const second = await call('GET', '/api/catalogue/services?q=%E8%B4%A8%E8%B0%B1&cursor=mock-cursor-2');
  expect(first.json).toMatchObject({ nextCursor: 'mock-cursor-2' });
  expect(second.json).toMatchObject({ nextCursor: null, items: [expect.objectContaining({ id: 'sv_mock_ms_2' })] });
});

test('a POST function mock gets the JSON body and answers with res.status(…).json(…)', async () => {
  const claimed = await call('POST', `/api/periods/${openPeriod.id}/claims`, { amountFen: 123_400 }, { 'Idempotency-Key': 'k1' });
  expect(claimed.status).toBe(201);
  expect(claimed.json).toMatchObject({ periodId: openPeriod.id, amountFen: 123_400, status: 'claimed' });

  const refused = await call('POST', '/api/contracts', { voucherId: 'v_mock', municipalFundingReceived: true });
  expect(refused.status).toBe(422);
  expect(refused.json).toEqual({ error: expect.objectContaining({ code: 'MUNICIPAL_FUNDING_DECLARED' }) });

  const tooHigh = await call('POST', `/api/contracts/${registeredContract.id}/confirm`, { ...terms, voucherAmountFen: 4_000_001 });
  expect(tooHigh.status).toBe(422);
  expect(tooHigh.json).toMatchObject({ error: { code: 'VOUCHER_AMOUNT_TOO_HIGH', details: { maxFen: 4_000_000 } } });

  const form = new FormData();
  form.append('files', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'contract.pdf');
  const upload = await call('POST', `/api/contracts/${registeredContract.id}/evidence`, form);
  expect(upload.status).toBe(201);
  expect(upload.json).toMatchObject({ evidence: [expect.objectContaining({ id: expect.any(String) })] });
});

test('a string fixture is sent as text, as plugin-mock did', async () => {
  const res = await call('GET', `/api/contracts/${registeredContract.id}/evidence/ev_mock_1`);
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/^text\/plain/);
  expect(res.text).toBe('%PDF-1.4 mock');
});

test('an unknown /api path answers 404 ROUTE_NOT_FOUND; a known path with another method too', async () => {
  const unknown = await call('GET', '/api/no-such-thing?x=1');
  expect(unknown.status).toBe(404);
  expect(unknown.json).toEqual({
    error: { code: 'ROUTE_NOT_FOUND', message: ERRORS.ROUTE_NOT_FOUND.message, details: { method: 'GET', path: '/api/no-such-thing' } },
  });
  const wrongMethod = await call('DELETE', '/api/periods');
  expect(wrongMethod.status).toBe(404);
  expect((wrongMethod.json as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
});

test('a malformed JSON body answers 400 BAD_JSON', async () => {
  const res = await call('POST', `/api/periods/${openPeriod.id}/claims`, '{"amountFen":', { 'content-type': 'application/json' });
  expect(res.status).toBe(400);
  expect(res.json).toEqual({ error: { code: 'BAD_JSON', message: ERRORS.BAD_JSON.message } });
});

test('the app itself and other paths go to next()', async () => {
  for (const path of ['/', '/index.html', '/js/app.js', '/apiary']) {
    const res = await call('GET', path);
    expect(res.status).toBe(418);
    expect(res.text).toBe('next');
  }
  expect((await call('GET', '/readyz')).json).toEqual({ ok: true, store: 'embedded', inventory: 'embedded' });
});

/**
 * config/index.ts as `npm run dev:h5:mock` loads it, in a plain node process: TypeScript compiled under
 * config/ only (as @tarojs/service's Config does with @tarojs/helper's createSwcRegister), mock/*.ts
 * through tsx. Then the devServer's setupMiddlewares chain on webpack-dev-server's own Express (whose
 * `req.path` is a getter), served over HTTP.
 */
const TARO_CONFIG_PROBE = `
const path = require('path');
const http = require('http');
const root = process.cwd();
require('@tarojs/helper').createSwcRegister({ only: [(f) => f.indexOf(path.join(root, 'config')) >= 0] });
let plainRequire = 'loaded';
try { require(path.join(root, 'mock/api.ts')); } catch (e) { plainRequire = e.name; }
const exported = require(path.join(root, 'config/index.ts'));
const userConfig = exported.default || exported;
(async () => {
  const config = await userConfig(require('webpack-merge').merge, { command: 'build', mode: process.env.NODE_ENV });
  const out = { plainRequire, outputRoot: config.outputRoot, apiBase: config.env.TARO_APP_API_BASE, devServer: Boolean(config.h5.devServer) };
  if (config.h5.devServer) {
    const rest = { name: 'webpack-dev-middleware', middleware: (req, res) => { res.statusCode = 418; res.end('webpack'); } };
    const chain = config.h5.devServer.setupMiddlewares([rest], {});
    out.names = chain.map((m) => m.name);
    const express = require(require.resolve('express', { paths: [path.dirname(require.resolve('webpack-dev-server'))] }));
    const app = express();
    for (const m of chain) app.use(m.middleware);
    const server = http.createServer(app);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const at = 'http://127.0.0.1:' + server.address().port;
    const answer = async (res) => ({ status: res.status, body: await res.json() });
    out.periods = await answer(await fetch(at + '/api/periods'));
    out.period = await answer(await fetch(at + '/api/periods/p_demo_open?x=1'));
    out.claim = await answer(await fetch(at + '/api/periods/p_demo_open/claims', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"amountFen":100000}' }));
    out.unknown = await answer(await fetch(at + '/api/nope'));
    const page = await fetch(at + '/');
    out.app = { status: page.status, body: await page.text() };
    server.close();
  }
  process.stdout.write('\\nPROBE ' + JSON.stringify(out) + '\\n');
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
`;

async function probeTaroConfig(env: Record<string, string>) {
  const { TARO_APP_API_BASE: _ignored, KCQ_MOCK: _ignoredToo, ...inherited } = process.env;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', TARO_CONFIG_PROBE], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...inherited, TARO_ENV: 'h5', NODE_ENV: 'development', ...env },
    timeout: 60_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('PROBE '));
  if (!line) throw new Error(`no PROBE line in:\n${stdout}`);
  return JSON.parse(line.slice('PROBE '.length)) as Record<string, unknown>;
}

test('KCQ_MOCK=1: under Taro 4 config loading the dev server answers the mocks first, same origin, out of dist/h5', async () => {
  const probe = await probeTaroConfig({ KCQ_MOCK: '1', TARO_APP_API_BASE: '' });
  expect(probe.plainRequire).toBe('SyntaxError'); // Taro compiles config/ only: why tsx loads mock/*.ts
  expect(probe).toMatchObject({
    outputRoot: 'dist/h5-mock',
    apiBase: '""',
    devServer: true,
    names: ['kcq-mock-api', 'webpack-dev-middleware'],
    periods: { status: 200, body: { periods: [expect.objectContaining({ id: upcomingPeriod.id }), expect.objectContaining({ name: openPeriod.name })] } },
    period: { status: 200, body: { serverTime: expect.any(String), period: expect.objectContaining({ id: openPeriod.id }) } },
    claim: { status: 201, body: expect.objectContaining({ periodId: openPeriod.id, amountFen: 100_000 }) },
    unknown: { status: 404, body: { error: expect.objectContaining({ code: 'ROUTE_NOT_FOUND' }) } },
    app: { status: 418, body: 'webpack' },
  });
}, 60_000);

test('without KCQ_MOCK the H5 config has no mock server and builds to dist/h5 as before', async () => {
  const probe = await probeTaroConfig({});
  expect(probe).toEqual({ plainRequire: 'SyntaxError', outputRoot: 'dist/h5', apiBase: '""', devServer: false });
}, 60_000);

test('with watch on (the dev server), an edited mock file answers on the next request; a broken edit keeps the last good routes', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kcq-mock-'));
  const dir = path.join(tmp, 'mock');
  try {
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.ts'), "const n: number = 1;\nexport default { 'GET /api/x': { n } };\n");
    writeFileSync(
      path.join(tmp, 'probe.ts'),
      `
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { createMockMiddleware } from ${JSON.stringify(path.resolve(__dirname, '../../config/mock.ts'))};
const dir = ${JSON.stringify(dir)};
const mock = createMockMiddleware({ dir, watch: true, log: () => undefined });
const server = http.createServer((req, res) => mock(req, res, () => res.end('next')));
const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
server.listen(0, '127.0.0.1', async () => {
  const get = async () => (await fetch('http://127.0.0.1:' + (server.address() as { port: number }).port + '/api/x')).text();
  const seen = [await get()];
  writeFileSync(dir + '/a.ts', "const n: number = 2;\\nexport default { 'GET /api/x': { n } };\\n");
  await pause();
  seen.push(await get());
  writeFileSync(dir + '/a.ts', "export default { 'GET /api/x': { n: } };\\n");
  await pause();
  seen.push(await get());
  process.stdout.write(JSON.stringify(seen));
  mock.close();
  server.close();
});
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(tmp, 'probe.ts')], {
      cwd: path.resolve(__dirname, '../..'),
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual(['{"n":1}', '{"n":2}', '{"n":2}']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 30_000);
