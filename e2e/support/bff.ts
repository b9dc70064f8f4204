import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBff, type BffProcess } from '../../bff/test/support/process';

/** dist/h5, or the build KCQ_H5_DIR names (one built with KCQ_OUTPUT_ROOT). */
export const H5_DIR = path.resolve(process.env.KCQ_H5_DIR ?? path.join(__dirname, '../../dist/h5'));

/** A real BFF process serving the H5 build, on a fresh data directory. */
export async function startAppServer(env: Record<string, string> = {}): Promise<BffProcess & { stop(): Promise<void> }> {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`no H5 build at ${H5_DIR}: run \`npm run build:h5\` first (npm test does)`);
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-e2e-'));
  const bff = await startBff({ DATA_DIR: dataDir, H5_DIR, LOG_LEVEL: 'warn', ...env });
  return {
    ...bff,
    async stop() {
      bff.child.kill('SIGTERM');
      await bff.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
