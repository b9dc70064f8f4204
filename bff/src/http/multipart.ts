/**
 * multipart/form-data for the evidence upload only (the global body parser reads JSON alone). Parsed with
 * busboy straight from the request stream, after the route's policy has allowed the caller, with limits
 * enforced while reading: a file over the size limit stops being buffered (413), more files than allowed
 * (400), anything but multipart (415). One field is read: `filename`, the name the user picked for the
 * request's single file — weapp's uploadFile sends one file per request under its temporary name.
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
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({
        headers: ctx.req.headers,
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
    bb.on('field', (name, value) => {
      if (name === 'filename') picked = value;
    });
    bb.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
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
    bb.on('error', () => reject(failure ?? new DomainError('VALIDATION_FAILED', '上传内容格式有误')));
    bb.on('close', () => {
      if (failure) return reject(failure);
      if (picked && files.length === 1) files[0] = { ...files[0], filename: picked };
      resolve(files);
    });
    ctx.req.pipe(bb);
  });
}
