/**
 * The Taro builds as WeChat and a browser receive them. `taro build` can exit 0 without writing
 * anything (an invalid config), so the outputs themselves are checked here.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROLE_TABS } from '../miniapp/logic/roleTab';

const DIST = path.resolve(__dirname, '../dist');
/** WeChat refuses a main package over 2 MB. */
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

function sizeOf(dir: string, skip: (rel: string) => boolean, root = dir): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const rel = path.relative(root, full);
    if (skip(rel)) continue;
    const s = statSync(full);
    total += s.isDirectory() ? sizeOf(full, skip, root) : s.size;
  }
  return total;
}

test('the weapp build has an app.json whose pages all exist', () => {
  const appJson = path.join(DIST, 'weapp/app.json');
  expect(existsSync(appJson)).toBe(true);
  const app = JSON.parse(readFileSync(appJson, 'utf8')) as { pages: string[]; subPackages?: { root: string }[] };
  expect(app.pages.length).toBeGreaterThan(0);
  for (const page of app.pages) {
    for (const ext of ['js', 'json', 'wxml']) expect(existsSync(path.join(DIST, 'weapp', `${page}.${ext}`))).toBe(true);
  }
});

test('the weapp main package stays within WeChat’s 2 MB limit (sub-packages excluded)', () => {
  const app = JSON.parse(readFileSync(path.join(DIST, 'weapp/app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const main = sizeOf(path.join(DIST, 'weapp'), (rel) => roots.some((r) => rel === r || rel.startsWith(`${r}/`)) || rel.endsWith('.LICENSE.txt'));
  process.stdout.write(`weapp main package: ${(main / 1024).toFixed(0)} KiB of ${MAIN_PACKAGE_LIMIT / 1024} KiB\n`);
  expect(main).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
});

test('the H5 build has an index.html whose scripts and styles exist', () => {
  const html = readFileSync(path.join(DIST, 'h5/index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(0);
  for (const a of assets) expect(existsSync(path.join(DIST, 'h5', a))).toBe(true);
});

test('both builds carry the role tab’s icons, which only setTabBarItem names (miniapp/logic/roleTab.ts)', () => {
  // Four roles, three icon pairs: the expert's 评审 tab shares the desk's icons.
  const icons = [...new Set(Object.values(ROLE_TABS).flatMap((t) => [t.iconPath, t.selectedIconPath]))];
  expect(Object.keys(ROLE_TABS)).toHaveLength(4);
  expect(icons).toHaveLength(6);
  for (const build of ['weapp', 'h5']) {
    for (const icon of icons) expect(existsSync(path.join(DIST, build, icon))).toBe(true);
  }
});
