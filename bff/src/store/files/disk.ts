import { mkdir, readFile, rename, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceStorage, FileMeta } from './port';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Evidence files on disk, one file per id under `dir` (DATA_DIR/evidence). Written to a temporary name
 * and renamed, so a reader never sees half a file.
 */
export class DiskEvidenceStorage implements EvidenceStorage {
  readonly kind = 'disk' as const;

  constructor(private readonly dir: string) {}

  private file(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error(`bad evidence id ${JSON.stringify(id)}`);
    return path.join(this.dir, id);
  }

  async put(id: string, data: Buffer, _meta: FileMeta): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.file(id);
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, target);
  }

  async get(id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async remove(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  /**
   * Free bytes of the file system holding the folder (statfs: blocks available to unprivileged users ×
   * block size). Before the first upload the folder may not exist yet: its nearest existing parent is on
   * the same file system in every layout we deploy.
   */
  async freeBytes(): Promise<number | null> {
    let dir = this.dir;
    for (;;) {
      try {
        const s = await statfs(dir);
        return s.bavail * s.bsize;
      } catch (err) {
        const parent = path.dirname(dir);
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) throw err;
        dir = parent;
      }
    }
  }

  async close(): Promise<void> {}
}
