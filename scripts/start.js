#!/usr/bin/env node
/**
 * `npm start`: make sure the H5 app is built (reusing a current build, see h5-build.js), then run
 * the BFF exactly as its own `start` script says (bff/package.json), under the supervisor
 * (supervisor.js: restarted after a crash, signals forwarded).
 *
 *   npm start                   reuse dist/h5 when its inputs are unchanged
 *   npm start -- --rebuild      build it anyway (or KCQ_REBUILD=1)
 *   npm start -- --no-h5-build  do not look at the H5 build at all (or KCQ_SKIP_H5_BUILD=1)
 *   npm run start:prod          (= --prod) the compiled BFF, bff/dist/main.js from `npm run build`, as
 *                               bff's `start:prod` script says, with NODE_ENV=production; builds nothing
 *   --no-restart                run the BFF once, exit with its code (or KCQ_RESTART=0; for systemd/pm2)
 */
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { ensureH5 } = require('./h5-build');
const { supervise } = require('./supervisor');

const ROOT = path.resolve(__dirname, '..');
const BFF_DIR = path.join(ROOT, 'bff');

/** The node arguments of one of bff's scripts (`start` or `start:prod`): everything after `node`. */
function bffCommand(script = 'start') {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(BFF_DIR, 'package.json'), 'utf8'));
  const [node, ...args] = scripts[script].split(/\s+/);
  if (node !== 'node') throw new Error(`bff ${script} script should begin with node: ${scripts[script]}`);
  return args;
}

async function main() {
  const argv = process.argv.slice(2);
  const prod = argv.includes('--prod');
  const env = { ...process.env };
  if (argv.includes('--no-restart')) env.KCQ_RESTART = '0';
  if (prod) {
    // The compiled entry only: production never loads tsx. It serves dist/h5 when `npm run build` made it.
    env.NODE_ENV = 'production';
    const [entry] = bffCommand('start:prod').filter((a) => !a.startsWith('-'));
    if (!fs.existsSync(path.join(BFF_DIR, entry))) {
      console.error(`kcq-start: bff/${entry} is missing: run \`npm run build\` (or \`npm run build --workspace bff\`) first`);
      process.exit(1);
    }
  } else if (!argv.includes('--no-h5-build') && env.KCQ_SKIP_H5_BUILD !== '1') {
    const force = argv.includes('--rebuild') || env.KCQ_REBUILD === '1';
    try {
      ensureH5({ force });
    } catch (err) {
      console.error(err.message);
      process.exit(1);
    }
  }
  const code = await supervise({ args: bffCommand(prod ? 'start:prod' : 'start'), cwd: BFF_DIR, env });
  process.exit(code);
}

main().catch((err) => {
  console.error(`kcq-start: ${err.stack || err.message}`);
  process.exit(1);
});
