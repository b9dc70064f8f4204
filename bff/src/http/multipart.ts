/**
 * multipart/form-data for the evidence upload only (the global body parser reads JSON alone). Parsed with
 * busboy straight from the request stream, after the route's policy has allowed the caller, with limits
 * enforced while reading: a file over the size limit stops being buffered (413), more files than allowed
 * (400), anything but multipart (415). One field is read: `filename`, the name the user picked for the
 * request's single file — weapp's uploadFile sends one file per request under its temporary name.
 *
 * Every stream here has its 'error' handled, and the promise settles exactly once whatever happens:
 * - a body cut short (the client sent less than its boundary promised, or a proxy truncated it): busboy
 *   fails the open file stream and itself with "Unexpected end of form" → 400 UPLOAD_INCOMPLETE. (An
 *   unheard 'error' on the file stream used to be an uncaught exception that killed the process.)
 * - the client going away mid-upload ('aborted', or 'close' before the body completed, or a socket
 *   error): the same refusal, so the request's handler ends instead of waiting forever (nobody reads the
 *   answer, but the middleware chain, its log line and a graceful shutdown do not hang on it).
 * On any failure the request is unpiped from busboy and busboy destroyed; what is left of the body is
 * read and dropped, and the connection closed after the answer.
 */
import Busboy from 'busboy';
import { DomainError } from '../domain/errors';
import type { IncomingFile } from '../domain/evidence';
import type { AppContext } from './context';

export interface MultipartLimits {
  fileSizeBytes: number;
  files: number;
}

export async function readFiles(ctx: AppContext, limits: MultipartLimits): Promise<IncomingFile[]> {
  if (!ctx.is('multipart/form-data')) {
    throw new DomainError('EVIDENCE_TYPE_NOT_ALLOWED', '请以 multipart/form-data 上传文件', { contentType: ctx.get('Content-Type') || null });
  }
  return new Promise<IncomingFile[]>((resolve, reject) => {
    const req = ctx.req;
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: req.headers,
        // File names are UTF-8 (中文文件名), whatever the client's charset parameter says.
        defParamCharset: 'utf8',
        // One byte of slack: a file of exactly the limit is fine, one byte more is not.
        limits: { fileSize: limits.fileSizeBytes + 1, files: limits.files, fields: 20, fieldSize: 10_000, parts: limits.files + 20 },
      });
    } catch {
      reject(new DomainError('VALIDATION_FAILED', '上传内容格式有误'));
      return;
    }
    const files: IncomingFile[] = [];
    let picked: string | null = null;
    let failure: DomainError | null = null;
    let settled = false;

    const cleanup = () => {
      req.off('aborted', onAborted);
      req.off('close', onClose);
      req.off('error', onRequestError);
      req.unpipe(bb);
    };
    const fail = (err: DomainError) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (!req.complete && !req.destroyed) {
        // Refused while the client is still sending: what is left is read and dropped (node's server does
        // not drain a body that was piped), so the answer reaches the client, and the connection is not reused.
        ctx.set('Connection', 'close');
        req.resume();
      }
      // Later errors of the torn-down parser land on the listeners below (still attached), never uncaught.
      bb.destroy();
      reject(err);
    };
    const incomplete = () => new DomainError('UPLOAD_INCOMPLETE');
    const onAborted = () => fail(incomplete());
    // 'close' after a complete body is normal; before it, the client went away.
    const onClose = () => {
      if (!req.complete) fail(incomplete());
    };
    const onRequestError = () => fail(incomplete());
    req.on('aborted', onAborted);
    req.on('close', onClose);
    req.on('error', onRequestError);

    bb.on('field', (name, value) => {
      if (name === 'filename') picked = value;
    });
    bb.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      // busboy destroys the open file stream with "Unexpected end of file" when the body is cut short,
      // before its own 'error': without this listener that was the uncaught exception of issue #14.
      stream.on('error', () => fail(failure ?? incomplete()));
      stream.on('data', (c: Buffer) => {
        if (!failure) chunks.push(c);
      });
      stream.on('limit', () => {
        failure ??= new DomainError('EVIDENCE_TOO_LARGE', undefined, { filename: info.filename, maxBytes: limits.fileSizeBytes });
      });
      stream.on('end', () => {
        const size = chunks.reduce((n, c) => n + c.length, 0);
        if (size > limits.fileSizeBytes) failure ??= new DomainError('EVIDENCE_TOO_LARGE', undefined, { filename: info.filename, maxBytes: limits.fileSizeBytes });
        if (!failure) files.push({ filename: info.filename || 'evidence', declaredType: info.mimeType || '', data: Buffer.concat(chunks) });
      });
    });
    bb.on('filesLimit', () => {
      failure ??= new DomainError('EVIDENCE_TOO_MANY', undefined, { max: limits.files });
    });
    bb.on('error', (err: Error) => {
      // A body that ends before its closing boundary is an incomplete upload; anything else is malformed.
      const truncated = /unexpected end/i.test(err.message);
      fail(failure ?? (truncated ? incomplete() : new DomainError('VALIDATION_FAILED', '上传内容格式有误')));
    });
    bb.on('close', () => {
      if (settled) return;
      if (failure) return fail(failure);
      settled = true;
      cleanup();
      if (picked && files.length === 1) files[0] = { ...files[0], filename: picked };
      resolve(files);
    });
    req.pipe(bb);
  });
}
