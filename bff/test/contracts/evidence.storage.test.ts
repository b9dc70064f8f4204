/**
 * The evidence storage port, one contract for both adapters: disk under DATA_DIR/evidence always, GridFS
 * when MONGO_URL is set (a loud SKIPPED banner otherwise — no MongoDB on the development machines).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DiskEvidenceStorage, GridFsEvidenceStorage, type EvidenceStorage } from '../../src/store/files';
import { MONGO_URL, mongoAvailable } from '../support/services';

interface Adapter {
  name: string;
  open(): EvidenceStorage;
  cleanup(s: EvidenceStorage): Promise<void>;
}

const adapters: Adapter[] = [
  { name: 'disk', open: () => new DiskEvidenceStorage(path.join(mkdtempSync(path.join(os.tmpdir(), 'kcq-ev-')), 'evidence')), cleanup: (s) => s.close() },
];
if (mongoAvailable()) {
  adapters.push({
    name: 'gridfs',
    open: () => {
      const u = new URL(MONGO_URL);
      u.pathname = `/kcq_evidence_${process.pid}_${Date.now().toString(36)}`;
      return new GridFsEvidenceStorage(u.toString());
    },
    cleanup: async (s) => {
      await (s as GridFsEvidenceStorage).drop();
      await s.close();
    },
  });
}

describe.each(adapters)('evidence storage: $name', (adapter) => {
  let s: EvidenceStorage;
  beforeEach(() => {
    s = adapter.open();
  });
  afterEach(() => adapter.cleanup(s));

  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7)]);
  const meta = { contentType: 'application/pdf', filename: '报告.pdf', sha256: createHash('sha256').update(bytes).digest('hex') };

  test('stores and returns the same bytes; unknown ids are null; removal removes', async () => {
    await s.put('ev_aaaaaaaaaaaaaaaaaaaaaa', bytes, meta);
    const back = await s.get('ev_aaaaaaaaaaaaaaaaaaaaaa');
    expect(back && createHash('sha256').update(back).digest('hex')).toBe(meta.sha256);
    expect(await s.get('ev_bbbbbbbbbbbbbbbbbbbbbb')).toBeNull();
    await s.remove('ev_aaaaaaaaaaaaaaaaaaaaaa');
    expect(await s.get('ev_aaaaaaaaaaaaaaaaaaaaaa')).toBeNull();
  });

  test('free space: the disk adapter reports its file system\'s available bytes (even before its folder exists); GridFS does not check', async () => {
    const free = await s.freeBytes();
    if (adapter.name === 'gridfs') return expect(free).toBeNull();
    const fs = await statfs(os.tmpdir());
    expect(free).toBeGreaterThan(0);
    expect(Math.abs((free as number) - fs.bavail * fs.bsize)).toBeLessThan(64 * 1024 * 1024);
  });

  if (adapter.name === 'disk') {
    test('files live under the evidence folder, named by id, no temporary files left; ids cannot escape it', async () => {
      const dir = (s as unknown as { dir: string }).dir;
      await s.put('ev_cccccccccccccccccccccc', bytes, meta);
      expect(readdirSync(dir)).toEqual(['ev_cccccccccccccccccccccc']);
      await expect(s.put('../escape', bytes, meta)).rejects.toThrow('bad evidence id');
      expect(existsSync(path.join(dir, '..', 'escape'))).toBe(false);
    });
  }
});
