/**
 * Admission control (issue #20): a claim beyond the instance's bound is answered at once — 503 BUSY, or
 * 429 for one user's own flood — with Retry-After, before anything else runs; other routes are untouched,
 * and a slot is given back however its claim ends.
 */
import Koa from 'koa';
import request from 'supertest';
import { ClaimAdmission, claimAdmission } from '../src/http/middleware/admission';

function appWith(admission: ClaimAdmission) {
  const app = new Koa();
  let release: (() => void)[] = [];
  app.use(claimAdmission(admission as never, (token) => (token.startsWith('user-') ? token : null)) as never);
  app.use(async (ctx) => {
    if (ctx.method !== 'POST') {
      ctx.body = { period: true };
      return;
    }
    if (ctx.get('x-fail')) throw new Error('boom');
    // A claim in flight until the test lets it go.
    await new Promise<void>((r) => release.push(r));
    ctx.status = 201;
    ctx.body = { ok: true };
  });
  app.silent = true;
  const server = app.listen(0);
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    server,
    url,
    releaseAll: () => {
      const r = release;
      release = [];
      r.forEach((f) => f());
    },
  };
}

const claim = (url: string, token: string) =>
  fetch(`${url}/api/periods/per_1/claims`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

test('beyond the bound: 503 BUSY with Retry-After at once; per user: 429; slots come back', async () => {
  const admission = new ClaimAdmission({ maxInFlight: 3, maxInFlightPerUser: 2 });
  const { server, url, releaseAll } = appWith(admission);
  try {
    const held = [claim(url, 'user-a'), claim(url, 'user-a'), claim(url, 'user-b')];
    while (admission.inFlight < 3) await new Promise((r) => setTimeout(r, 5));

    const t0 = performance.now();
    const busy = await claim(url, 'user-c');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await busy.json()).toEqual({ error: { code: 'BUSY', message: expect.stringContaining('排队'), details: { retryAfterSeconds: 1 } } });

    // Other routes are not counted.
    expect((await request(server).get('/api/periods/per_1')).status).toBe(200);

    releaseAll();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([201, 201, 201]);
    expect(admission.inFlight).toBe(0);

    // One user's own flood: 429 with Retry-After, while others still get in.
    const mine = [claim(url, 'user-a'), claim(url, 'user-a')];
    while (admission.inFlight < 2) await new Promise((r) => setTimeout(r, 5));
    const flood = await claim(url, 'user-a');
    expect(flood.status).toBe(429);
    expect(flood.headers.get('retry-after')).toBe('1');
    expect(((await flood.json()) as { error: unknown }).error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1, limit: 'claimInFlight' } });
    const other = claim(url, 'user-b');
    while (admission.inFlight < 3) await new Promise((r) => setTimeout(r, 5));
    releaseAll();
    expect((await Promise.all([...mine, other])).map((r) => r.status)).toEqual([201, 201, 201]);

    // A claim that fails still gives its slot back.
    expect((await fetch(`${url}/api/periods/per_1/claims`, { method: 'POST', headers: { 'x-fail': '1' } })).status).toBe(500);
    expect(admission.inFlight).toBe(0);
    expect(admission.shed).toBe(2);
  } finally {
    server.close();
  }
});
