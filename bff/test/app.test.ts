import pino from 'pino';
import request from 'supertest';
import Koa from 'koa';
import { buildTestApp } from './support/app';
import { createLogger } from '../src/logger';
import { requestContext } from '../src/http/middleware/requestId';
import { errorHandler } from '../src/http/middleware/errors';
import { DomainError } from '../src/domain/errors';
import type { AppState } from '../src/http/context';
import { RedisInventory } from '../src/inventory/redis';
import { REDIS_URL, redisAvailable, testPrefix } from './support/services';

describe('probes', () => {
  test('GET /healthz answers while the process is up', async () => {
    const { app } = buildTestApp();
    const res = await request(app.callback()).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  test('GET /readyz names the adapters in use', async () => {
    const { app } = buildTestApp();
    const res = await request(app.callback()).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, store: 'embedded', inventory: 'embedded' });
  });

  test('GET /readyz is 503 and says what is down when the store does not answer', async () => {
    const { app, deps } = buildTestApp();
    await deps.store.close();
    const res = await request(app.callback()).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ok: false, store: 'embedded', inventory: 'embedded' });
    expect(res.body.problems).toEqual([expect.stringMatching(/^store: /)]);
  });

  (redisAvailable() ? test : test.skip)('GET /readyz reports redis when the inventory is Redis', async () => {
    const inventory = await RedisInventory.connect(REDIS_URL, testPrefix('readyz'));
    try {
      const { app } = buildTestApp({ inventory });
      const res = await request(app.callback()).get('/readyz');
      expect(res.body).toEqual({ ok: true, store: 'embedded', inventory: 'redis' });
    } finally {
      await inventory.close();
    }
  });
});

describe('errors are { error: { code, message } } with the right status', () => {
  test('an unknown API path is 404 ROUTE_NOT_FOUND with a Chinese message', async () => {
    const { app } = buildTestApp();
    const res = await request(app.callback()).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' } });
  });

  test('a wrong method on a known path is 405 METHOD_NOT_ALLOWED', async () => {
    const { app } = buildTestApp();
    const res = await request(app.callback()).post('/healthz').send({});
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  test('malformed JSON is 400 BAD_JSON', async () => {
    const { app } = buildTestApp();
    const res = await request(app.callback())
      .post('/api/anything')
      .set('Content-Type', 'application/json')
      .send('{"amountFen": 1');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_JSON');
  });

  test('a body over BODY_LIMIT is 413 PAYLOAD_TOO_LARGE', async () => {
    const { app } = buildTestApp({}, { BODY_LIMIT: '1kb' });
    const res = await request(app.callback())
      .post('/api/anything')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(4_096) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  function appThrowing(err: unknown) {
    const app = new Koa<AppState>();
    app.silent = true;
    app.use(requestContext(createLogger('silent')));
    app.use(errorHandler());
    app.use(() => {
      throw err;
    });
    return app.callback();
  }

  test('a DomainError answers with the status registered for its code, its message and details', async () => {
    const res = await request(appThrowing(new DomainError('NOT_ELIGIBLE', undefined, { clauses: ['第七条'] }))).get('/');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { code: 'NOT_ELIGIBLE', message: '暂不符合申领条件', details: { clauses: ['第七条'] } },
    });
  });

  test('each request logs one line with its id, status and, for a refusal, the code (no second line)', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const app = new Koa<AppState>();
    app.silent = true;
    app.use(requestContext(logger));
    app.use(errorHandler());
    app.use((ctx) => {
      if (ctx.path === '/refuse') throw new DomainError('SOLD_OUT');
      ctx.state.log.info({ step: 'handler' }, 'working');
      ctx.body = { ok: true };
    });
    await request(app.callback()).post('/refuse').set('X-Request-Id', 'abc-123');
    await request(app.callback()).get('/fine').set('X-Request-Id', 'def-456');
    expect(lines.map((l) => [l.msg, l.requestId, l.status, l.code])).toEqual([
      ['request', 'abc-123', 409, 'SOLD_OUT'],
      ['working', 'def-456', undefined, undefined],
      ['request', 'def-456', 200, undefined],
    ]);
  });

  test('an unexpected error is 500 INTERNAL and leaks no stack or message', async () => {
    const res = await request(appThrowing(new TypeError('secret internals at /srv/app.js:1'))).get('/');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
    expect(res.text).not.toMatch(/secret|TypeError|\.js/);
  });
});

describe('request id, CORS, static H5', () => {
  test('every answer carries an X-Request-Id; a sane incoming one is kept, a hostile one replaced', async () => {
    const { app } = buildTestApp();
    const fresh = await request(app.callback()).get('/healthz');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(app.callback()).get('/healthz').set('X-Request-Id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const hostile = 'a b; <script>' + 'x'.repeat(200);
    const replaced = await request(app.callback()).get('/healthz').set('X-Request-Id', hostile);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('CORS admits the configured H5 origin and no other', async () => {
    const { app } = buildTestApp({}, { CORS_ORIGINS: 'http://localhost:10086' });
    const ok = await request(app.callback())
      .options('/readyz')
      .set('Origin', 'http://localhost:10086')
      .set('Access-Control-Request-Method', 'GET');
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:10086');
    expect(ok.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
    const other = await request(app.callback()).get('/readyz').set('Origin', 'http://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the H5 app is served at /', async () => {
    const { app } = buildTestApp();
    const res = await request(app.callback()).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<title>科创券</title>');
  });
});

describe('OpenAPI document', () => {
  test('is OpenAPI 3.1 and lists every mounted endpoint; each documented operation is answered', async () => {
    const { app } = buildTestApp();
    const res = await request(app.callback()).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const ops = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => [m, p] as const),
    );
    expect(ops).toEqual(expect.arrayContaining([['get', '/healthz'], ['get', '/readyz'], ['get', '/api/openapi.json']]));
    for (const [method, p] of ops) {
      const concrete = p.replace(/\{[^}]+\}/g, 'x');
      const answer = await (request(app.callback()) as unknown as Record<string, (u: string) => request.Test>)[method](
        concrete,
      );
      expect({ op: `${method} ${p}`, code: answer.body?.error?.code }).not.toEqual({
        op: `${method} ${p}`,
        code: 'ROUTE_NOT_FOUND',
      });
    }
  });
});
