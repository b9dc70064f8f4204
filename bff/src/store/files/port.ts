/**
 * Where evidence files (第十五条3: 证明材料) are kept: bytes by id. Their facts (name, type, size,
 * SHA-256, contract) live in the store (domain/evidence.ts); the bytes live here.
 * Adapters: disk under DATA_DIR/evidence (embedded default), GridFS (MongoDB).
 */
export interface FileMeta {
  contentType: string;
  filename: string;
  sha256: string;
}

export interface EvidenceStorage {
  readonly kind: 'disk' | 'gridfs';
  /** Stores the bytes under `id` (ids are fresh, never overwritten). */
  put(id: string, data: Buffer, meta: FileMeta): Promise<void>;
  /** The bytes, or null when there is no such file. */
  get(id: string): Promise<Buffer | null>;
  remove(id: string): Promise<void>;
  /**
   * Bytes still free where new files go (an unprivileged process's view), or null when the adapter
   * cannot tell or it is not its concern (GridFS: the database server's disk, watched by its operators).
   */
  freeBytes(): Promise<number | null>;
  close(): Promise<void>;
}
