import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Platform {
  os: string;
  cpu: string;
  libc?: string;
}
interface Result {
  problems: string[];
  checked: number;
  skippedOtherPlatforms: number;
}
// Plain JS so that CI can run it before anything is compiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyInstall } = require('../verify-install') as { verifyInstall: (root: string, platform?: Platform) => Result };

const LINUX_GLIBC: Platform = { os: 'linux', cpu: 'x64', libc: 'glibc' };

type LockEntry = Record<string, unknown>;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project folder with the given lockfile entries and installed packages (path → version). */
function project(entries: Record<string, LockEntry>, installed: Record<string, string>, links: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kcq-verify-'));
  made.push(root);
  const lock = { name: 'p', lockfileVersion: 3, requires: true, packages: { '': { name: 'p' }, ...entries } };
  fs.writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
  for (const [rel, version] of Object.entries(installed)) {
    fs.mkdirSync(path.join(root, rel), { recursive: true });
    fs.writeFileSync(path.join(root, rel, 'package.json'), JSON.stringify({ name: rel.split('node_modules/').pop(), version }));
  }
  for (const [rel, target] of Object.entries(links)) {
    fs.mkdirSync(path.join(root, target), { recursive: true });
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.symlinkSync(path.join(root, target), path.join(root, rel));
  }
  return root;
}

const base: Record<string, LockEntry> = {
  'node_modules/koa': { version: '3.0.0' },
  'node_modules/@swc/core': { version: '1.16.22' },
  'node_modules/@swc/core-linux-x64-gnu': { version: '1.16.22', os: ['linux'], cpu: ['x64'], libc: ['glibc'], optional: true },
  'node_modules/@swc/core-linux-x64-musl': { version: '1.16.22', os: ['linux'], cpu: ['x64'], libc: ['musl'], optional: true },
  'node_modules/@swc/core-darwin-arm64': { version: '1.16.22', os: ['darwin'], cpu: ['arm64'], optional: true },
  'node_modules/a/node_modules/b': { version: '2.0.0' },
};
const baseInstalled = {
  'node_modules/koa': '3.0.0',
  'node_modules/@swc/core': '1.16.22',
  'node_modules/@swc/core-linux-x64-gnu': '1.16.22',
  'node_modules/a': '1.0.0',
  'node_modules/a/node_modules/b': '2.0.0',
};
const withA = { ...base, 'node_modules/a': { version: '1.0.0' } };

describe('verify-install: the installed tree against package-lock.json', () => {
  it('accepts a tree that matches, without requiring other platforms\u2019 optional binaries', () => {
    const res = verifyInstall(project(withA, baseInstalled), LINUX_GLIBC);
    expect(res.problems).toEqual([]);
    expect(res.checked).toBe(5);
    expect(res.skippedOtherPlatforms).toBe(2); // darwin and musl
  });

  it('refuses a package whose installed version differs from the lockfile (a silent upgrade)', () => {
    const res = verifyInstall(project(withA, { ...baseInstalled, 'node_modules/koa': '3.0.1' }), LINUX_GLIBC);
    expect(res.problems).toEqual(['node_modules/koa: installed 3.0.1, package-lock.json has 3.0.0']);
  });

  it('refuses a nested package at another version too', () => {
    const res = verifyInstall(project(withA, { ...baseInstalled, 'node_modules/a/node_modules/b': '2.1.0' }), LINUX_GLIBC);
    expect(res.problems).toEqual(['node_modules/a/node_modules/b: installed 2.1.0, package-lock.json has 2.0.0']);
  });

  it('refuses a package the lockfile does not know', () => {
    const res = verifyInstall(project(withA, { ...baseInstalled, 'node_modules/@evil/pkg': '0.0.1' }), LINUX_GLIBC);
    expect(res.problems).toEqual(['not in package-lock.json: node_modules/@evil/pkg@0.0.1']);
  });

  it('refuses a missing package meant for this platform, optional or not', () => {
    const { 'node_modules/@swc/core-linux-x64-gnu': _gone, ...rest } = baseInstalled;
    const res = verifyInstall(project(withA, rest), LINUX_GLIBC);
    expect(res.problems).toEqual(['missing: node_modules/@swc/core-linux-x64-gnu@1.16.22 (in package-lock.json, not installed)']);
  });

  it('judges libc: on musl the musl binary is required and the glibc one is not', () => {
    const { 'node_modules/@swc/core-linux-x64-gnu': _gnu, ...rest } = baseInstalled;
    const musl = verifyInstall(project(withA, { ...rest, 'node_modules/@swc/core-linux-x64-musl': '1.16.22' }), {
      os: 'linux',
      cpu: 'x64',
      libc: 'musl',
    });
    expect(musl.problems).toEqual([]);
  });

  it('checks workspace links point at their workspace', () => {
    const entries = { ...withA, 'node_modules/@kcq/shared': { resolved: 'shared', link: true }, shared: { version: '0.1.0' } };
    const good = verifyInstall(project(entries, baseInstalled, { 'node_modules/@kcq/shared': 'shared' }), LINUX_GLIBC);
    expect(good.problems).toEqual([]);
    const bad = verifyInstall(project(entries, baseInstalled, { 'node_modules/@kcq/shared': 'elsewhere' }), LINUX_GLIBC);
    expect(bad.problems).toEqual(['node_modules/@kcq/shared should link to shared, found a link to elsewhere']);
  });

  it('finds this checkout\u2019s own installed packages exactly as locked', () => {
    const res = verifyInstall(path.resolve(__dirname, '../..'));
    expect(res.problems).toEqual([]);
    expect(res.checked).toBeGreaterThan(1000);
  });
});
