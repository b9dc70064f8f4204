import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type AppDeps } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { EmbeddedStore } from '../../src/store/embedded';
import { EmbeddedInventory } from '../../src/inventory/embedded';

/** A fake H5 build, so static serving can be tested without running Taro. */
export function fakeH5Dir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kcq-h5-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>科创券</title><div id="app"></div>');
  return dir;
}

/** The app on in-memory embedded adapters, unless the test passes others. */
export function buildTestApp(over: Partial<AppDeps> = {}, env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: fakeH5Dir(), DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'kcq-data-')), ...env });
  const deps: AppDeps = {
    config,
    logger: createLogger('silent'),
    store: EmbeddedStore.inMemory(),
    inventory: new EmbeddedInventory(),
    ...over,
  };
  return { app: createApp(deps), deps };
}
