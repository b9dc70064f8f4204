import Koa from 'koa';
import Router from '@koa/router';
import request from 'supertest';
import { rememberMatches } from '../src/http/route';
import type { AppState } from '../src/http/context';

// The remembered router match must dispatch exactly as the router itself does.
function app(max?: number) {
  const router = new Router<AppState>();
  router.get('/api/periods/:id', (ctx) => (ctx.body = { route: 'period', id: ctx.params.id }));
  router.post('/api/periods/:id/claims', (ctx) => (ctx.body = { route: 'claim', id: ctx.params.id }));
  rememberMatches(router, max);
  const koa = new Koa<AppState>();
  koa.use(router.routes()).use(router.allowedMethods());
  return koa.callback();
}

test('the same path keeps dispatching with its own parameters, and another id gets its own', async () => {
  const server = app();
  for (let i = 0; i < 3; i++) {
    expect((await request(server).get('/api/periods/p1')).body).toEqual({ route: 'period', id: 'p1' });
    expect((await request(server).get('/api/periods/p2')).body).toEqual({ route: 'period', id: 'p2' });
    expect((await request(server).post('/api/periods/p1/claims')).body).toEqual({ route: 'claim', id: 'p1' });
  }
});

test('unknown paths stay 404 and wrong methods 405, however often they are asked', async () => {
  const server = app();
  for (let i = 0; i < 3; i++) {
    expect((await request(server).get('/api/nowhere')).status).toBe(404);
    expect((await request(server).delete('/api/periods/p1')).status).toBe(405);
    expect((await request(server).get('/api/periods/p1/claims')).status).toBe(405);
  }
});

test('a remembered match is not changed by a request that used it (a second router appends to ctx.matched)', async () => {
  const first = new Router<AppState>();
  first.get('/api/periods', (_ctx, next) => next());
  rememberMatches(first);
  const second = new Router<AppState>();
  second.get('/api/periods', (ctx) => (ctx.body = { matched: (ctx as unknown as { matched: unknown[] }).matched.length }));
  const server = new Koa<AppState>().use(first.routes()).use(second.routes()).callback();
  for (let i = 0; i < 3; i++) expect((await request(server).get('/api/periods')).body).toEqual({ matched: 2 });
});

test('the memo is bounded: past its size it starts over and still answers correctly', async () => {
  const server = app(2);
  for (const id of ['a', 'b', 'c', 'd', 'a']) {
    expect((await request(server).get(`/api/periods/${id}`)).body).toEqual({ route: 'period', id });
  }
});
