import { EmbeddedStore } from './embedded';
import { MongoStore } from './mongo';
import type { Store } from './port';

export * from './port';
export * from './paginate';

/** MongoDB when MONGO_URL is set, otherwise the embedded file store under DATA_DIR. */
export async function openStore(opts: { mongoUrl?: string; dataDir: string }): Promise<Store> {
  if (opts.mongoUrl) return MongoStore.connect(opts.mongoUrl);
  return new EmbeddedStore(opts.dataDir);
}
