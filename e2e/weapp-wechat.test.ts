/**
 * The weapp build as WeChat's own tools see it (issue #19): every template and WXS module through `wcc`,
 * every stylesheet through `wcsc` (WeChat's compilers, from the npm package miniprogram-compiler), and the
 * upload package built offline by the official packager (miniprogram-ci), sized as WeChat counts packages:
 * the main package and each sub-package at most 2 MiB, all of them at most 20 MiB.
 *
 * A refusal by these tools is a refusal by WeChat DevTools and the upload: the failure tests below break a
 * copy of the build (a template cut short, a stylesheet left open) and expect the compilers to say so.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  assertWeappBuilt,
  compileUploadPackage,
  formatSizes,
  loadGwx,
  overLimits,
  packageSizes,
  runWcc,
  runWcsc,
  WEAPP_DIR,
} from './support/weapp-wechat';

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

const appJson = (): AppJson => JSON.parse(readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as AppJson;
const allPages = (app: AppJson) => [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))];

let tmp: string;
beforeAll(() => {
  assertWeappBuilt();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kcq-weapp-wechat-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the build to break. */
function copyOfBuild(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(WEAPP_DIR, dir, { recursive: true });
  return dir;
}

describe('WeChat’s compilers (wcc, wcsc)', () => {
  test('wcc accepts every .wxml and .wxs, and every page listed in app.json has a compiled template', () => {
    const run = runWcc(WEAPP_DIR);
    expect(run.stderr).toBe('');
    expect(run.ok).toBe(true);
    const pages = allPages(appJson());
    // Every page's template was given to wcc, and Taro's shared ones too.
    expect(run.wxml).toEqual(expect.arrayContaining([...pages.map((p) => `${p}.wxml`), 'base.wxml']));
    expect(run.wxs.length).toBeGreaterThan(0);

    const { gwx } = loadGwx(run.stdout);
    const missing = pages.filter((p) => typeof gwx(`${p}.wxml`) !== 'function');
    expect(missing).toEqual([]);
    // And a file that does not exist has none (the lookup is not vacuous).
    expect(gwx('pages/no-such-page/index.wxml')).toBeUndefined();
  });

  test('wcsc accepts every .wxss, and each page’s stylesheet is compiled', () => {
    const run = runWcsc(WEAPP_DIR);
    expect(run.stderr).toBe('');
    expect(run.ok).toBe(true);
    const pageSheets = allPages(appJson()).map((p) => `${p}.wxss`).filter((f) => run.wxss.includes(f));
    expect(pageSheets.length).toBeGreaterThan(0);
    expect(pageSheets.filter((f) => !run.compiled.includes(f))).toEqual([]);
  });

  test('a template cut short is refused by wcc, naming the file and the place', () => {
    const dir = copyOfBuild('broken-template');
    const base = readFileSync(path.join(dir, 'base.wxml'), 'utf8');
    writeFileSync(path.join(dir, 'base.wxml'), base.slice(0, Math.floor(base.length / 2)));
    const run = runWcc(dir);
    expect(run.ok).toBe(false);
    expect(run.stderr).toMatch(/base\.wxml:\d+:\d+: unexpected end/);
  });

  test('a page template with an unclosed tag is refused by wcc', () => {
    const dir = copyOfBuild('broken-page');
    appendFileSync(path.join(dir, 'pages/index/index.wxml'), '\n<view class="x"><text>未闭合</view>\n');
    const run = runWcc(dir);
    expect(run.ok).toBe(false);
    expect(run.stderr).toContain('pages/index/index.wxml');
  });

  test('a stylesheet left open is refused by wcsc, naming the file', () => {
    const dir = copyOfBuild('broken-style');
    appendFileSync(path.join(dir, 'pages/index/index.wxss'), '\n.x { color: red; ');
    const run = runWcsc(dir);
    expect(run.ok).toBe(false);
    expect(run.stderr).toContain('pages/index/index.wxss');
  });
});

describe('the upload package, built offline by miniprogram-ci', () => {
  let files: Record<string, Buffer>;
  let sizes: ReturnType<typeof packageSizes>;
  const roots = () => (appJson().subPackages ?? []).map((s) => s.root);

  beforeAll(() => {
    const appid = (JSON.parse(readFileSync(path.resolve(__dirname, '../project.config.json'), 'utf8')) as { appid: string }).appid;
    files = compileUploadPackage(WEAPP_DIR, appid, tmp);
    sizes = packageSizes(files, roots());
    // The sizes WeChat's packager reports, in the test log (issue #19 asks for them).
    process.stdout.write(`${formatSizes(sizes)}\n`);
  }, 180_000);

  test('it holds app.json, Taro\'s runtime and every page (script, config, template)', () => {
    const names = new Set(Object.keys(files).map((f) => f.replace(/^\/+/, '')));
    for (const shared of ['app.json', 'app.js', 'app.wxss', 'base.wxml', 'runtime.js', 'taro.js', 'vendors.js', 'common.js']) expect(names.has(shared)).toBe(true);
    // The pages' app.json is the one the build wrote.
    expect(JSON.parse(files['app.json'].toString('utf8'))).toMatchObject({ pages: appJson().pages });
    const missing: string[] = [];
    for (const page of allPages(appJson())) {
      for (const ext of ['js', 'json', 'wxml']) if (!names.has(`${page}.${ext}`)) missing.push(`${page}.${ext}`);
    }
    expect(missing).toEqual([]);
  });

  test('the main package and each sub-package are at most 2 MiB, the whole at most 20 MiB', () => {
    expect(sizes.packages.map((p) => p.name).sort()).toEqual(['__APP__', ...roots()].sort());
    for (const p of sizes.packages) expect(p.files).toBeGreaterThan(0);
    expect(overLimits(sizes)).toEqual([]);
  });

  test('the size check fails when a sub-package or the main package grows past 2 MiB', () => {
    // 2.1 MiB that no minifier shrinks, added to the catalogue sub-package, then to the main package.
    const filler = `var x="${randomBytes(1.6 * 1024 * 1024).toString('base64')}";`;
    expect(overLimits(packageSizes({ ...files, 'catalogue/filler.js': filler }, roots()))).toEqual(['catalogue']);
    expect(overLimits(packageSizes({ ...files, 'filler.js': filler }, roots()))).toEqual(['__APP__']);
  });
});
