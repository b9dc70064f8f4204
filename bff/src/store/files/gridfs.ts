import mongoose, { type Connection } from 'mongoose';
import type { EvidenceStorage, FileMeta } from './port';

/**
 * Evidence files in MongoDB GridFS (bucket `evidence`), through a mongoose connection and the driver's
 * GridFSBucket. The file's `filename` is the evidence id; its metadata carries type, name and SHA-256.
 * The connection is opened lazily on first use, so building the services stays synchronous.
 */
export class GridFsEvidenceStorage implements EvidenceStorage {
  readonly kind = 'gridfs' as const;
  private conn: Connection | null = null;

  constructor(
    private readonly url: string,
    private readonly bucketName = 'evidence',
  ) {}

  private async bucket(): Promise<InstanceType<typeof mongoose.mongo.GridFSBucket>> {
    if (!this.conn) this.conn = mongoose.createConnection(this.url, { serverSelectionTimeoutMS: 5_000 });
    await this.conn.asPromise();
    const db = this.conn.db;
    if (!db) throw new Error('MongoDB is not connected');
    return new mongoose.mongo.GridFSBucket(db, { bucketName: this.bucketName });
  }

  async put(id: string, data: Buffer, meta: FileMeta): Promise<void> {
    const bucket = await this.bucket();
    await new Promise<void>((resolve, reject) => {
      const upload = bucket.openUploadStream(id, { metadata: { ...meta, evidenceId: id } });
      upload.on('error', reject);
      upload.once('finish', () => resolve());
      upload.end(data);
    });
  }

  async get(id: string): Promise<Buffer | null> {
    const bucket = await this.bucket();
    const [file] = await bucket.find({ filename: id }).sort({ uploadDate: -1 }).limit(1).toArray();
    if (!file) return null;
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      bucket
        .openDownloadStream(file._id)
        .on('data', (c: Buffer) => chunks.push(c))
        .on('error', reject)
        .once('end', () => resolve());
    });
    return Buffer.concat(chunks);
  }

  async remove(id: string): Promise<void> {
    const bucket = await this.bucket();
    for (const file of await bucket.find({ filename: id }).toArray()) await bucket.delete(file._id);
  }

  /** Not checked here: GridFS fills the MongoDB server's disk, which its own monitoring watches. */
  async freeBytes(): Promise<number | null> {
    return null;
  }

  /** Drops the bucket: test clean-up only. */
  async drop(): Promise<void> {
    const bucket = await this.bucket();
    await bucket.drop().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.conn) await this.conn.close();
    this.conn = null;
  }
}
