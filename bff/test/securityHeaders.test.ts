/**
 * Security headers (issue #14 item 5) on the API, the H5 app's files, evidence downloads and errors:
 * nosniff, Referrer-Policy, X-Frame-Options with frame-ancestors, a CSP per kind of answer, and HSTS
 * in production only. That the H5 build runs under its CSP is e2e/csp.e2e.test.ts (Chromium).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { EmbeddedStore } from '../src/store/embedded';
import { buildTestApp } from './support/app';
import { buildWorld, bj, claim, PDF, propose, terms } from './contracts/world';

const RUNTIME_SCRIPT = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';

function h5Dir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kcq-h5-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><title>科创券</title><script>${RUNTIME_SCRIPT}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`,
  );
  return dir;
}

function csp(res: request.Response): Record<string, string> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

function expectCommon(res: request.Response) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(csp(res)['frame-ancestors']).toBe("'none'");
}

describe('security headers', () => {
  test('API answers, successes and errors alike: nosniff, no-referrer, DENY, CSP default-src none; no HSTS outside production', async () => {
    const { app } = buildTestApp();
    for (const res of [
      await request(app.callback()).get('/api/periods'),
      await request(app.callback()).get('/api/me'), // 401
      await request(app.callback()).get('/api/nothing-here'), // 404
    ]) {
      expectCommon(res);
      expect(csp(res)['default-src']).toBe("'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  test("the H5 app's files: a CSP allowing its own scripts and its inline script by hash only", async () => {
    const { app } = buildTestApp({}, { H5_DIR: h5Dir() });
    const res = await request(app.callback()).get('/');
    expect(res.status).toBe(200);
    expectCommon(res);
    const policy = csp(res);
    const hash = createHash('sha256').update(RUNTIME_SCRIPT).digest('base64');
    expect(policy['script-src']).toBe(`'self' 'sha256-${hash}'`);
    expect(policy['script-src']).not.toContain('unsafe');
    expect(policy['default-src']).toBe("'self'");
    expect(policy['object-src']).toBe("'none'");
    expect(policy['connect-src']).toBe("'self'");
  });

  test('HSTS in production', async () => {
    const { app } = buildTestApp(
      {},
      { NODE_ENV: 'production', WECHAT_APPID: 'wx0000000000000000', WECHAT_SECRET: 'secret', JWT_SECRET: 'a-production-secret-of-at-least-32-chars' },
    );
    const res = await request(app.callback()).get('/api/periods');
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
    expectCommon(res);
  });

  test('evidence downloads: nosniff and CSP default-src none, so an uploaded file can never run as a page', async () => {
    const w = await buildWorld(EmbeddedStore.inMemory(), bj('2026-06-01 10:00'));
    const contract = (await propose(w, await claim(w, w.A)).expect(201)).body.id as string;
    await w.t.as(w.X).post(`/api/contracts/${contract}/confirm`).send(terms()).expect(200);
    const uploaded = await w.t
      .as(w.X)
      .post(`/api/contracts/${contract}/evidence`)
      .attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' })
      .expect(201);
    const res = await w.t.as(w.A).get(`/api/contracts/${contract}/evidence/${uploaded.body.evidence[0].id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expectCommon(res);
    expect(csp(res)['default-src']).toBe("'none'");
  });
});
