#!/usr/bin/env node
/**
 * `npm start`: make sure the H5 app is built (reusing a current build, see h5-build.js), then run
 * the BFF exactly as its own `start` script says (bff/package.json), forwarding signals.
 *
 *   npm start                   reuse dist/h5 when its inputs are unchanged
 *   npm start -- --rebuild      build it anyway (or KCQ_REBUILD=1)
 */
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { ensureH5 } = require('./h5-build');

const ROOT = path.resolve(__dirname, '..');
const BFF_DIR = path.join(ROOT, 'bff');

function bffCommand() {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(BFF_DIR, 'package.json'), 'utf8'));
  const [node, ...args] = scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`bff start script should begin with node: ${scripts.start}`);
  return args;
}

function main() {
  const force = process.argv.includes('--rebuild') || process.env.KCQ_REBUILD === '1';
  try {
    ensureH5({ force });
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  const child = spawn(process.execPath, bffCommand(), { cwd: BFF_DIR, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
