#!/usr/bin/env node
/**
 * Checks the installed tree against package-lock.json, strictly for what runs on this platform:
 * - every package directory on disk has a lockfile entry at the same path, with the same version
 *   (no silent upgrade, no package the lockfile does not know);
 * - every lockfile entry meant for this platform (os / cpu / libc) is on disk (nothing dropped);
 * - entries for other platforms' optional binaries may be present or absent in the lockfile and are
 *   never required on disk: the registry serves them on some days and not on others.
 *
 * Usage: node scripts/verify-install.js [projectRoot]   (exit 1 and a list of differences on failure)
 * `npm test` runs it first, and `.ci/run` runs it after installing.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** The running platform, in the terms npm's lockfile uses (`os`, `cpu`, `libc`). */
function currentPlatform() {
  let libc;
  if (process.platform === 'linux') {
    const header = process.report?.getReport?.().header;
    libc = header && header.glibcVersionRuntime ? 'glibc' : 'musl';
  }
  return { os: process.platform, cpu: process.arch, libc };
}

/** npm's rule: a list allows a value if it names it, or names others only with "!" negations. */
function allows(list, value) {
  if (!Array.isArray(list) || list.length === 0 || value === undefined) return true;
  if (list.includes(`!${value}`)) return false;
  const positives = list.filter((v) => !v.startsWith('!'));
  return positives.length === 0 || positives.includes(value);
}

function meantForPlatform(entry, platform) {
  return allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu) && allows(entry.libc, platform.libc);
}

/** Every package directory under a node_modules folder, recursively, keyed like lockfile paths. */
function installedPackages(root, relDir, out) {
  const dir = path.join(root, relDir);
  let names;
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const dirent of names) {
    if (dirent.name.startsWith('.')) continue; // .bin, .cache, .package-lock.json
    if (dirent.name.startsWith('@')) {
      for (const scoped of fs.readdirSync(path.join(dir, dirent.name), { withFileTypes: true })) {
        addPackage(root, `${relDir}/${dirent.name}/${scoped.name}`, scoped, out);
      }
    } else {
      addPackage(root, `${relDir}/${dirent.name}`, dirent, out);
    }
  }
  return out;
}

function addPackage(root, rel, dirent, out) {
  const abs = path.join(root, rel);
  if (dirent.isSymbolicLink()) {
    out.set(rel, { link: true, target: path.relative(root, fs.realpathSync(abs)).split(path.sep).join('/') });
    return;
  }
  if (!dirent.isDirectory()) return;
  let version;
  try {
    version = JSON.parse(fs.readFileSync(path.join(abs, 'package.json'), 'utf8')).version;
  } catch {
    version = undefined; // a directory without a readable package.json is reported as such
  }
  out.set(rel, { version });
  installedPackages(root, `${rel}/node_modules`, out);
}

/**
 * Compares the tree under `root` with `root/package-lock.json`.
 * Returns { problems: string[], checked: number, skippedOtherPlatforms: number }.
 */
function verifyInstall(root, platform = currentPlatform()) {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const entries = lock.packages ?? {};
  const installed = new Map();
  installedPackages(root, 'node_modules', installed);
  // Workspaces may hold their own node_modules (versions that could not be hoisted).
  for (const key of Object.keys(entries)) {
    if (key !== '' && !key.includes('node_modules/')) installedPackages(root, `${key}/node_modules`, installed);
  }

  const problems = [];
  for (const [rel, found] of installed) {
    const entry = entries[rel];
    if (!entry) {
      problems.push(`not in package-lock.json: ${rel}${found.version ? `@${found.version}` : ''}`);
    } else if (entry.link) {
      if (!found.link || found.target !== entry.resolved) {
        problems.push(`${rel} should link to ${entry.resolved}, found ${found.link ? `a link to ${found.target}` : 'a directory'}`);
      }
    } else if (found.link) {
      problems.push(`${rel} is a link, package-lock.json has ${entry.version}`);
    } else if (found.version !== entry.version) {
      problems.push(`${rel}: installed ${found.version ?? '(no package.json)'}, package-lock.json has ${entry.version}`);
    }
  }

  let skippedOtherPlatforms = 0;
  for (const [rel, entry] of Object.entries(entries)) {
    if (!rel.includes('node_modules/')) continue; // the root and the workspaces themselves
    if (!meantForPlatform(entry, platform)) {
      skippedOtherPlatforms += 1;
      continue;
    }
    if (!installed.has(rel)) problems.push(`missing: ${rel}@${entry.version ?? entry.resolved} (in package-lock.json, not installed)`);
  }
  return { problems, checked: installed.size, skippedOtherPlatforms };
}

module.exports = { verifyInstall, currentPlatform };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const { problems, checked, skippedOtherPlatforms } = verifyInstall(root);
  if (problems.length > 0) {
    console.error(`\n✖ The installed packages differ from package-lock.json (${problems.length}):`);
    for (const p of problems.slice(0, 50)) console.error(`  - ${p}`);
    if (problems.length > 50) console.error(`  … and ${problems.length - 50} more`);
    console.error('Run `npm ci` (or `npm install` from the committed lockfile) and check package-lock.json.\n');
    process.exit(1);
  }
  console.log(
    `verify-install: ${checked} installed packages match package-lock.json ` +
      `(${skippedOtherPlatforms} lockfile entries are for other platforms)`,
  );
}
