/**
 * `node weapp-ci-compile.js <project dir> <appid> <out dir>`: builds the upload package with miniprogram-ci's
 * getCompiledResult, fully offline, and writes its files under <out dir>. Run as a child process because
 * miniprogram-ci forks a compiler process of its own and keeps it alive: exiting ends both.
 *
 * The one thing miniprogram-ci would fetch from WeChat is the project's attributes (its limits and flags,
 * `/wxa/ci/getattr`, signed with the upload key): they are answered locally from JSON in KCQ_CI_ATTR, and
 * the key is a throwaway (it signs nothing that leaves this machine).
 */
'use strict';
const { generateKeyPairSync } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const ci = require('miniprogram-ci');

async function main() {
  const [dir, appid, out] = process.argv.slice(2);
  const attr = JSON.parse(process.env.KCQ_CI_ATTR || '{}');
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath: path.resolve(dir), privateKey, ignores: ['node_modules/**/*'] });
  const answer = { ...ci.DefaultProjectAttr, ...attr, setting: { ...ci.DefaultProjectAttr.setting, ...(attr.setting || {}) } };
  Object.defineProperty(project, 'attr', { value: async () => answer });
  const files = await ci.getCompiledResult({
    project,
    setting: { es6: true, minify: true, minifyWXML: true, minifyWXSS: true, minifyJS: true },
    onProgressUpdate: () => undefined,
  });
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(out, name.replace(/^\/+/, ''));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  fs.writeFileSync(path.join(out, '.files.json'), JSON.stringify(Object.keys(files)));
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
