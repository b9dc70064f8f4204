/**
 * The H5 build, served from H5_DIR (koa-static over koa-send). A path that cannot name a file in that
 * folder — `/%2e%2e/package.json` (403 from resolve-path), a NUL byte or a broken escape (400), a name too
 * long or through a file (ENAMETOOLONG, ENOTDIR), a loop of links — is 404 ROUTE_NOT_FOUND like any
 * other missing file, logged at warn: the answer says nothing about what is outside the folder. Only a
 * file the server cannot read although it is there (EACCES, EIO…) stays a 500.
 */
import serve from 'koa-static';
import type { AppMiddleware } from '../context';

/** Filesystem errors a client's path alone can cause. */
const PATH_ERRORS = new Set(['ENOENT', 'ENAMETOOLONG', 'ENOTDIR', 'EISDIR', 'ELOOP', 'EINVAL', 'ERR_INVALID_ARG_VALUE']);

export function staticFiles(dir: string): AppMiddleware {
  const files = serve(dir, { index: 'index.html', maxage: 0, gzip: true });
  return async (ctx, next) => {
    let downstream = false;
    try {
      await files(ctx, () => {
        downstream = true;
        return next();
      });
    } catch (err) {
      if (downstream) throw err;
      const e = err as { status?: unknown; code?: unknown; message?: string };
      const clientPath = (typeof e.status === 'number' && e.status >= 400 && e.status < 500) || PATH_ERRORS.has(String(e.code));
      if (!clientPath) throw err;
      throw Object.assign(new Error(`no file for this path (${String(e.status ?? e.code)} ${e.message ?? ''})`), { status: 404, expose: true });
    }
  };
}
