/**
 * Security headers on every answer — the API, the H5 app's files, evidence downloads, errors — by
 * helmet: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `X-Frame-Options: DENY` with CSP `frame-ancestors 'none'`, Cross-Origin-Opener/Resource-Policy
 * same-origin, and HSTS in production only (a development BFF on http://127.0.0.1 must not pin HTTPS).
 *
 * Two Content-Security-Policies (docs/security.md):
 * - /api/…: `default-src 'none'` — JSON and evidence files are never rendered as a page, so an
 *   uploaded file that a browser opens anyway can run nothing and load nothing;
 * - everything else (the H5 build): what the build needs and nothing more — its own scripts plus the
 *   inline rem-sizing script of Taro's index.html by its SHA-256 (read from H5_DIR's index.html when
 *   the app is built), `'unsafe-inline'` styles (Taro and NutUI set style attributes at run time),
 *   images from itself, `data:` (NutUI's inline SVG icons), `blob:` (evidence previews) and
 *   storage.360buyimg.com (NutUI's Empty pictures), the API on the same origin.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import type { Config } from '../../config';
import type { AppMiddleware } from '../context';

/** Where NutUI's Empty component loads its pictures from. */
export const NUTUI_IMAGE_HOST = 'https://storage.360buyimg.com';

/** `'sha256-…'` of each inline <script> in the H5 build's index.html (none when there is no build). */
export function inlineScriptHashes(h5Dir: string): string[] {
  let html: string;
  try {
    html = readFileSync(path.join(h5Dir, 'index.html'), 'utf8');
  } catch {
    return [];
  }
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1].trim()) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export function appCspDirectives(h5Dir: string): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...inlineScriptHashes(h5Dir)],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', NUTUI_IMAGE_HOST],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

export const API_CSP_DIRECTIVES: Record<string, string[]> = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Runs a helmet middleware once against a scratch response and returns the headers it set. Our
 * directives are static (no per-request nonce), so every answer gets the same headers: computing them
 * once keeps helmet's policy building and validation, and saves its per-request promise chain (a few
 * µs of each claim in the burst).
 */
function headersOf(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void): [string, string][] {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  let failed: unknown;
  middleware(req, res, (err) => (failed = err));
  if (failed) throw failed;
  return Object.entries(res.getHeaders()).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]);
}

export function securityHeaders(config: Pick<Config, 'NODE_ENV' | 'H5_DIR'>): AppMiddleware {
  const common = headersOf(
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: config.NODE_ENV === 'production' ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  const api = [...common, ...headersOf(helmet.contentSecurityPolicy({ useDefaults: false, directives: API_CSP_DIRECTIVES }))];
  const app = [...common, ...headersOf(helmet.contentSecurityPolicy({ useDefaults: false, directives: appCspDirectives(config.H5_DIR) }))];
  return (ctx, next) => {
    for (const [name, value] of ctx.path.startsWith('/api/') ? api : app) ctx.res.setHeader(name, value);
    return next();
  };
}
