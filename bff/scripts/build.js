#!/usr/bin/env node
/**
 * `npm run build --workspace bff`: the BFF as one JavaScript file, bff/dist/main.js, for production
 * (`npm run start:prod`): no TypeScript loader (tsx) at run time.
 *
 * Bundled: our own source and @kcq/shared (it ships TypeScript source, so node cannot load it as is).
 * External: node's built-ins and every other package, loaded from node_modules as installed — the
 * lockfile stays the one record of what runs, and native or dynamically loaded modules keep working.
 * The bundle lives in bff/dist, two levels under the repository like bff/src, so config.ts's
 * REPO_ROOT (and with it the DATA_DIR and H5_DIR defaults) is the same for both.
 */
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const BFF_DIR = path.resolve(__dirname, '..');
const BUNDLED_PACKAGES = ['@kcq/shared'];

/** Every bare import (a package) is external unless it is one we bundle. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (BUNDLED_PACKAGES.some((p) => args.path === p || args.path.startsWith(`${p}/`))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

async function main() {
  const outfile = path.join(BFF_DIR, 'dist/main.js');
  const started = Date.now();
  await esbuild.build({
    entryPoints: [path.join(BFF_DIR, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    // Readable stack traces in the logs; the bundle is not shipped to browsers.
    minify: false,
    legalComments: 'none',
    // Chinese messages stay readable in the bundle (esbuild escapes non-ASCII by default).
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [externalPackages],
  });
  console.log(`bff: built ${path.relative(process.cwd(), outfile)} in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(`bff: build failed: ${err.message}`);
  process.exit(1);
});
