#!/usr/bin/env node
/**
 * Builds the H5 app (dist/h5) and remembers what it was built from, so `npm start` can reuse a
 * build that is still current instead of spending two minutes in `taro build --type h5`.
 *
 *   node scripts/h5-build.js              always build (npm run build:h5), then record the inputs
 *   node scripts/h5-build.js --if-stale   build only when an input changed since the recorded build
 *
 * The inputs are everything the Taro build reads: the mini-program's sources, the Taro config, the
 * project's shared code, babel/ts config, package.json and package-lock.json (dependencies), the
 * TARO_APP_* and NODE_ENV variables, and the Node.js major version. Tests are not inputs.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'dist', 'h5');
/** Outside dist/h5, so Taro's clean step cannot remove it and the static server never serves it. */
const STAMP = path.join(ROOT, 'dist', '.h5-build.json');

const INPUT_DIRS = ['miniapp', 'config', 'shared', 'types'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'babel.config.js', 'tsconfig.json', 'project.config.json'];
const SKIP_DIRS = new Set(['node_modules', '__tests__', 'test', 'dist', '.swc']);
const isTestFile = (name) => /\.test\.[jt]sx?$/.test(name) || name === 'jest.config.js';

function walk(rel, out) {
  const abs = path.join(ROOT, rel);
  let entries;
  try {
    entries = fs.readdirSync(abs, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(child, out);
    } else if (e.isFile() && !isTestFile(e.name)) {
      out.push(child);
    }
  }
}

/** A hash per input (files, variables, Node major), keyed by a name a person can read. */
function currentInputs() {
  const files = [];
  for (const dir of INPUT_DIRS) walk(dir, files);
  for (const f of INPUT_FILES) if (fs.existsSync(path.join(ROOT, f))) files.push(f);
  for (const f of fs.readdirSync(ROOT)) if (f.startsWith('.env')) files.push(f);
  const inputs = {};
  for (const f of files.sort()) {
    inputs[f] = crypto.createHash('sha256').update(fs.readFileSync(path.join(ROOT, f))).digest('hex').slice(0, 16);
  }
  const env = Object.keys(process.env)
    .filter((k) => k.startsWith('TARO_APP_') || k === 'NODE_ENV')
    .sort()
    .map((k) => `${k}=${process.env[k]}`)
    .join('\n');
  inputs['(environment TARO_APP_*, NODE_ENV)'] = crypto.createHash('sha256').update(env).digest('hex').slice(0, 16);
  inputs['(Node.js major version)'] = process.versions.node.split('.')[0];
  return inputs;
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why a rebuild is needed, or undefined when the recorded build is current. */
function staleReason(inputs, stamp, outputExists = fs.existsSync(path.join(OUTPUT, 'index.html'))) {
  if (!outputExists) return 'no build in dist/h5 yet';
  if (!stamp || !stamp.inputs) return 'no record of what dist/h5 was built from';
  const names = new Set([...Object.keys(inputs), ...Object.keys(stamp.inputs)]);
  const changed = [...names].filter((n) => inputs[n] !== stamp.inputs[n]);
  if (changed.length === 0) return undefined;
  const shown = changed.slice(0, 3).join(', ');
  return `changed since the last build: ${shown}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''}`;
}

function build() {
  const taro = path.join(ROOT, 'node_modules', '.bin', 'taro');
  const res = spawnSync(taro, ['build', '--type', 'h5', '--no-check'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) {
    // A failed build leaves no record, so the next start tries again.
    fs.rmSync(STAMP, { force: true });
    throw new Error(`taro build --type h5 failed (exit ${res.status ?? res.signal})`);
  }
}

/**
 * Makes dist/h5 current. `force` rebuilds whatever the record says; `ifStale` reuses a current build.
 * Returns what it did, for the caller's one line.
 */
function ensureH5({ force = false, ifStale = true, log = console.log } = {}) {
  const inputs = currentInputs();
  const stamp = readStamp();
  const reason = force ? 'rebuild requested' : ifStale ? staleReason(inputs, stamp) : 'build requested';
  if (!reason) {
    log(`H5 app: reusing dist/h5 built ${stamp.builtAt} (sources, config and dependencies unchanged; npm start -- --rebuild forces a build)`);
    return { built: false };
  }
  log(`H5 app: building dist/h5 (${reason})`);
  const started = Date.now();
  build();
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1)}\n`);
  log(`H5 app: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { built: true, reason };
}

module.exports = { ensureH5, currentInputs, staleReason, STAMP };

if (require.main === module) {
  try {
    ensureH5({ ifStale: process.argv.includes('--if-stale'), force: process.argv.includes('--rebuild') });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
