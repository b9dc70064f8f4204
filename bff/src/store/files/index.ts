import path from 'node:path';
import { DiskEvidenceStorage } from './disk';
import { GridFsEvidenceStorage } from './gridfs';
import type { EvidenceStorage } from './port';

export * from './port';
export { DiskEvidenceStorage, GridFsEvidenceStorage };

/** GridFS when MongoDB is the store, otherwise files under DATA_DIR/evidence. */
export function evidenceStorageFor(opts: { mongoUrl?: string; dataDir: string }): EvidenceStorage {
  if (opts.mongoUrl) return new GridFsEvidenceStorage(opts.mongoUrl);
  return new DiskEvidenceStorage(path.join(opts.dataDir, 'evidence'));
}
