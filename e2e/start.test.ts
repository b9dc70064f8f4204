/**
 * `npm start` on a checkout whose H5 build is current: it says it reuses the build, serves the app,
 * and does not spend minutes in `taro build` (issue #13). `npm test` builds the H5 app (and records
 * its inputs) before jest runs, so here the record is current.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

it('npm start reuses a current H5 build and serves it', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-start-'));
  const child = spawn(process.execPath, ['scripts/start.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', SEED_DEMO: 'false' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${out}`)), 60_000);
      const check = () => {
        if (/H5 app: building/.test(out)) {
          clearTimeout(timer);
          reject(new Error(`npm start rebuilt a build npm test had just made current:\n${out}`));
        }
        const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      void exited.then((code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    expect(out).toMatch(/^H5 app: reusing dist\/h5 built /m);
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="app"');
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
