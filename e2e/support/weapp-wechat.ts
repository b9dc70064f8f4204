/**
 * WeChat's own tools over the weapp build (issue #19), all offline:
 * - `wcc` and `wcsc`, the WXML and WXSS compilers WeChat DevTools and the WeChat client use, as shipped
 *   (Linux x86-64 binaries) in the npm package `miniprogram-compiler`;
 * - the official packager `miniprogram-ci`: `getCompiledResult` builds the upload package exactly as
 *   `upload` would, and `pack` is the wire format (`.wxapkg`) it uploads. The only thing it would fetch
 *   from WeChat's servers is the project's attributes (limits, flags), answered here locally with
 *   WeChat's published defaults and the current limits (2 MiB per package, 20 MiB in all).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** dist/weapp, or the build KCQ_WEAPP_DIR names (one built with KCQ_OUTPUT_ROOT). */
export const WEAPP_DIR = path.resolve(process.env.KCQ_WEAPP_DIR ?? path.join(__dirname, '../../dist/weapp'));

export function assertWeappBuilt(dir = WEAPP_DIR): void {
  if (!existsSync(path.join(dir, 'app.json'))) {
    throw new Error(`no weapp build at ${dir}: run \`npm run build:weapp\` first (npm test does)`);
  }
}

const BIN = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux');

/**
 * The package ships wcc/wcsc without the execute bit (a fresh `npm install` leaves them 0644; miniprogram-ci
 * sets it when it first compiles, so a run that starts with these checks would get EACCES). Set it here,
 * or, where node_modules is read-only, run a private executable copy.
 */
function executable(name: string): string {
  const file = path.join(BIN, name);
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    try {
      chmodSync(file, 0o755);
      return file;
    } catch {
      const copy = path.join(mkdtempSync(path.join(tmpdir(), 'kcq-wechat-')), name);
      copyFileSync(file, copy);
      chmodSync(copy, 0o755);
      return copy;
    }
  }
}
export const WCC = executable('wcc');
export const WCSC = executable('wcsc');

/** Every file under `dir` ending in `ext`, relative, with '/' separators, sorted. */
export function filesEnding(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(r);
      } else if (entry.name.endsWith(ext)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export interface CompilerRun {
  ok: boolean;
  /** What the compiler wrote to stderr (its error: `file:line:col: message`). */
  stderr: string;
  stdout: string;
}

const MAX_BUFFER = 64 * 1024 * 1024;

/**
 * wcc over every .wxml and .wxs of the build, as DevTools calls it (`-d -cc <components> files… -gn $gwx`).
 * Custom components are declared as `miniprogram-compiler` does: per page, the tags its .json uses.
 */
export function runWcc(dir: string): CompilerRun & { wxml: string[]; wxs: string[] } {
  const wxml = filesEnding(dir, '.wxml');
  const wxs = filesEnding(dir, '.wxs');
  const components: string[] = [];
  let count = 0;
  for (const file of wxml) {
    const json = path.join(dir, file.replace(/\.wxml$/, '.json'));
    if (!existsSync(json)) continue;
    const using = (JSON.parse(readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents;
    if (!using) continue;
    count += 1;
    components.push(file, String(Object.keys(using).length), ...Object.keys(using));
  }
  const args = ['-d', '-cc', [count, ...components].join(' '), ...wxml, ...wxs, '-gn', '$gwx'];
  const r = spawnSync(WCC, args, { cwd: dir, maxBuffer: MAX_BUFFER });
  if (r.error) throw r.error;
  return { ok: r.status === 0, stderr: r.stderr.toString(), stdout: r.stdout.toString(), wxml, wxs };
}

/** wcsc over every .wxss of the build (`-db -pc <n> files…`, components' and pages' stylesheets first). */
export function runWcsc(dir: string): CompilerRun & { wxss: string[]; compiled: string[] } {
  const wxss = filesEnding(dir, '.wxss');
  const withJson = wxss.filter((f) => existsSync(path.join(dir, f.replace(/\.wxss$/, '.json'))));
  const others = wxss.filter((f) => !withJson.includes(f));
  const r = spawnSync(WCSC, ['-db', '-pc', String(withJson.length), ...withJson, ...others], { cwd: dir, maxBuffer: MAX_BUFFER });
  if (r.error) throw r.error;
  const stdout = r.stdout.toString();
  // The answer is `name=code=name=code…`: the names compiled are every other field.
  const fields = stdout.split('=');
  const compiled: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i].endsWith('.wxss')) compiled.push(fields[i]);
  return { ok: r.status === 0, stderr: r.stderr.toString(), stdout, wxss, compiled: compiled.sort() };
}

/** A template function wcc generated: `$gwx('pages/x/index.wxml')` renders a data tree to a virtual DOM. */
export type Gwx = (file: string) => ((data: unknown, env: unknown, scope: unknown) => WxNode) | undefined;
export interface WxNode {
  tag: string;
  attr?: Record<string, unknown>;
  children?: (WxNode | string)[];
}

/** Loads wcc's output the way the WeChat view layer does (a global `window`), giving `$gwx`. */
export function loadGwx(wccOutput: string): { gwx: Gwx; warnings: string[] } {
  const warnings: string[] = [];
  const sandbox: Record<string, unknown> = {
    console: { log: (...a: unknown[]) => warnings.push(a.join(' ')), warn: (...a: unknown[]) => warnings.push(a.join(' ')), error: (...a: unknown[]) => warnings.push(a.join(' ')), info() {}, debug() {} },
  };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  const gwx = vm.runInContext(`(function (global) {\n${wccOutput}\n;return $gwx;})(this)`, sandbox) as Gwx;
  return { gwx, warnings };
}

// --- the packager -----------------------------------------------------------------------------------

/** What WeChat allows today (MiB): 2 for the main package and for each sub-package, 20 for all of them. */
export const LIMITS = { mainMiB: 2, subPackageMiB: 2, totalMiB: 20 } as const;
const MiB = 1024 * 1024;

/** The project attributes `miniprogram-ci` would fetch from WeChat (`/wxa/ci/getattr`), answered locally. */
const LOCAL_PROJECT_ATTR = {
  setting: { MaxCodeSize: LIMITS.mainMiB, MaxSubpackageSubCodeSize: LIMITS.subPackageMiB, MaxSubpackageFullCodeSize: LIMITS.totalMiB },
};

/**
 * The upload package, built by miniprogram-ci offline (support/weapp-ci-compile.js, in a child process):
 * the files WeChat would receive, path → content.
 */
export function compileUploadPackage(dir: string, appid: string, workDir: string): Record<string, Buffer> {
  const out = path.join(workDir, 'upload-package');
  const r = spawnSync(process.execPath, [path.join(__dirname, 'weapp-ci-compile.js'), dir, appid, out], {
    env: { ...process.env, KCQ_CI_ATTR: JSON.stringify(LOCAL_PROJECT_ATTR) },
    encoding: 'utf8',
    timeout: 170_000,
    maxBuffer: MAX_BUFFER,
  });
  if (r.status !== 0) throw new Error(`miniprogram-ci refused the build (exit ${r.status}):\n${r.stderr}\n${r.stdout.slice(-2000)}`);
  const names = JSON.parse(readFileSync(path.join(out, '.files.json'), 'utf8')) as string[];
  return Object.fromEntries(names.map((n) => [n, readFileSync(path.join(out, n.replace(/^\/+/, '')))]));
}

export interface PackageSize {
  /** '__APP__' for the main package, else the sub-package's root. */
  name: string;
  files: number;
  /** Bytes WeChat counts: file contents and their paths, as `pack` reports (`validSize`, source maps excluded). */
  bytes: number;
  limitBytes: number;
}

/**
 * Splits the upload package into WeChat's packages (each sub-package is its root's files, the main package
 * everything else) and sizes each with miniprogram-ci's own `pack` (the .wxapkg format).
 */
export function packageSizes(files: Record<string, string | Buffer>, subPackageRoots: string[]): { packages: PackageSize[]; totalBytes: number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pack } = require('miniprogram-ci/dist/ci/utils/pack') as { pack(files: Record<string, string | Buffer>): { validSize: number; buffer: Buffer } };
  const roots = subPackageRoots.map((r) => r.replace(/\/+$/, ''));
  const groups = new Map<string, Record<string, string | Buffer>>([['__APP__', {}], ...roots.map((r) => [r, {}] as [string, Record<string, string | Buffer>])]);
  for (const [file, content] of Object.entries(files)) {
    const rel = file.replace(/^\/+/, '');
    const root = roots.find((r) => rel.startsWith(`${r}/`)) ?? '__APP__';
    groups.get(root)![rel] = content;
  }
  const packages = [...groups].map(([name, group]) => ({
    name,
    files: Object.keys(group).length,
    bytes: pack(group).validSize,
    limitBytes: (name === '__APP__' ? LIMITS.mainMiB : LIMITS.subPackageMiB) * MiB,
  }));
  return { packages, totalBytes: pack(files).validSize };
}

export const TOTAL_LIMIT_BYTES = LIMITS.totalMiB * MiB;

/** The packages over their limit, and whether the whole is over 20 MiB. */
export function overLimits(sizes: ReturnType<typeof packageSizes>): string[] {
  const over = sizes.packages.filter((p) => p.bytes > p.limitBytes).map((p) => p.name);
  if (sizes.totalBytes > TOTAL_LIMIT_BYTES) over.push('(total)');
  return over;
}

export function formatSizes(sizes: ReturnType<typeof packageSizes>): string {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const rows = sizes.packages.map((p) => `  ${p.name.padEnd(12)} ${String(p.files).padStart(4)} files  ${kib(p.bytes).padStart(12)} of ${kib(p.limitBytes)}`);
  return [`WeChat packages (miniprogram-ci getCompiledResult + pack):`, ...rows, `  ${'total'.padEnd(12)}             ${kib(sizes.totalBytes).padStart(12)} of ${kib(TOTAL_LIMIT_BYTES)}`].join('\n');
}
