/**
 * The mock API for `npm run dev:h5:mock`: a connect-style middleware that answers requests from the
 * fixtures in mock/*.ts, so the H5 app runs in Taro's dev server with no BFF.
 *
 * Why it exists: the fixtures follow the @tarojs/plugin-mock convention (`'METHOD /path': value`,
 * `:param` segments, `(req, res) => res.status(…).json(…)` for a computed answer), but
 * @tarojs/plugin-mock 0.0.9 calls `helper.createBabelRegister`, which @tarojs/helper 4 no longer has,
 * so it cannot load under Taro 4. This file does its job with the same convention:
 * - every mock/*.ts (and *.js) default export is merged in file-name order (a later file wins a key);
 *   Taro's own TypeScript hook compiles config/ only, so the files are loaded through tsx's scoped
 *   require (a devDependency already) and reloaded after a change when `watch` is on;
 * - a request matches on method (HEAD as GET) and path, `:param` segments filling `req.params`;
 *   the query string takes no part in matching and is parsed into `req.query`;
 * - an object, array, number, boolean or null is answered as JSON, a string as text (as the plugin did);
 * - a function is called as `(req, res, next)` with `req.body` parsed (JSON, or a urlencoded form)
 *   and Express-style `res.status(code)`, `res.json(body)` and `res.send(body)`;
 * - an /api path nothing matches answers 404 `ROUTE_NOT_FOUND`, as the BFF does; anything else
 *   (the app's own files, hot updates) goes to `next()`.
 *
 * config/index.ts mounts it in the H5 dev server only when KCQ_MOCK=1; e2e/support/mock-app.ts serves
 * the built H5 app with it.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { register } from 'tsx/cjs/api'

export const MOCK_DIR = path.resolve(__dirname, '..', 'mock')

/** The same codes and messages as @kcq/shared's ERRORS (not imported: Taro's config loader compiles config/ only). */
export const MOCK_ERRORS = {
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  BAD_JSON: { status: 400, message: '请求格式有误' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const
/** Evidence uploads are at most 10 MB (multipart adds a little). */
const BODY_LIMIT_BYTES = 20 * 1024 * 1024

export interface MockRequest extends IncomingMessage {
  params: Record<string, string>
  query: Record<string, string>
  body?: unknown
  /** The path without the query string. */
  path: string
}

export interface MockResponse extends ServerResponse {
  status(code: number): MockResponse
  json(body: unknown): void
  send(body?: unknown): void
}

export type NextFunction = (err?: unknown) => void
export type MockHandler = (req: MockRequest, res: MockResponse, next: NextFunction) => unknown
/** A mock file's default export: `'METHOD /path'` → a value, or a handler. */
export type MockTable = Record<string, unknown>

interface Route {
  key: string
  method: string
  /** Path segments; a `:name` segment matches any one segment. */
  segments: string[]
  value: unknown
}

const stripSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p)

/** Parses `'METHOD /path'` (no method: GET, as in plugin-mock). */
export function parseRoute(key: string, value: unknown): Route {
  const parts = key.trim().split(/\s+/)
  const [method, routePath] = parts.length === 1 ? ['GET', parts[0]] : parts
  if (parts.length > 2 || !(HTTP_METHODS as readonly string[]).includes(method) || !routePath.startsWith('/')) {
    throw new Error(`mock: "${key}" is not 'METHOD /path' (METHOD one of ${HTTP_METHODS.join(', ')})`)
  }
  return { key, method, segments: stripSlash(routePath).split('/').slice(1), value }
}

/** The route's params for this path, or null when it does not match. */
function matchPath(route: Route, segments: string[]): Record<string, string> | null {
  if (route.segments.length !== segments.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i]
    if (want.startsWith(':')) {
      if (!segments[i]) return null
      params[want.slice(1)] = safeDecode(segments[i])
    } else if (want !== segments[i]) return null
  }
  return params
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Literal segments beat `:param` ones, leftmost first: `/api/messages/unread-count` before `/api/messages/:id`. */
function moreSpecific(a: Route, b: Route): number {
  for (let i = 0; i < a.segments.length; i++) {
    const pa = a.segments[i].startsWith(':')
    const pb = b.segments[i]?.startsWith(':') ?? true
    if (pa !== pb) return pa ? 1 : -1
  }
  return 0
}

/** Finds the route for a method and path (no query string). */
export function findRoute(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | null {
  const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method]
  const segments = stripSlash(pathname).split('/').slice(1)
  const hits = routes
    .filter((r) => wanted.includes(r.method))
    .map((route) => ({ route, params: matchPath(route, segments) }))
    .filter((h): h is { route: Route; params: Record<string, string> } => h.params !== null)
  hits.sort((a, b) => moreSpecific(a.route, b.route))
  return hits[0] ?? null
}

/** The mock files of a folder: its *.ts and *.js files (not *.d.ts), in name order. */
export function mockFiles(dir: string = MOCK_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f))
}

let loads = 0

/**
 * Loads the folder's mock files and merges their default exports. Taro's CLI compiles config/ only, so
 * a mock file is loaded with tsx's scoped require, a new namespace each time (a reload gets fresh
 * modules); under jest, whose own `require` compiles TypeScript (and which tsx cannot hook), with that.
 */
export function loadMocks(dir: string = MOCK_DIR): MockTable {
  const scope = typeof jest === 'undefined' ? register({ namespace: `kcq-mock-${process.pid}-${++loads}` }) : null
  const load = (file: string): unknown => (scope ? scope.require(file, __filename) : require(file))
  try {
    const table: MockTable = {}
    for (const file of mockFiles(dir)) {
      const mod = load(file) as { default?: unknown }
      const exported = mod && typeof mod === 'object' && 'default' in mod ? mod.default : undefined
      if (exported === undefined) continue // a helper module without routes
      if (!exported || typeof exported !== 'object' || Array.isArray(exported)) {
        throw new Error(`mock: ${path.relative(process.cwd(), file)} must export default { 'METHOD /path': … }`)
      }
      Object.assign(table, exported)
    }
    return table
  } finally {
    scope?.unregister()
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end()
  res.statusCode = status
  if (status === 204 || status === 304) return void res.end() // no body, as Express does
  const text = JSON.stringify(body) ?? 'null'
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}

const sendError = (res: ServerResponse, code: keyof typeof MOCK_ERRORS, extra?: Record<string, unknown>) =>
  sendJson(res, MOCK_ERRORS[code].status, { error: { code, message: MOCK_ERRORS[code].message, ...extra } })

/** Express's `res.status/json/send`, as plugin-mock's handlers get them from webpack-dev-server. */
function expressLike(res: ServerResponse): MockResponse {
  const r = res as MockResponse
  r.status = (code: number) => {
    r.statusCode = code
    return r
  }
  r.json = (body: unknown) => sendJson(r, r.statusCode, body)
  r.send = (body?: unknown) => {
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      if (!r.getHeader('Content-Type')) r.setHeader('Content-Type', 'text/plain; charset=utf-8')
      r.end(body)
    } else r.json(body)
  }
  return r
}

class BodyError extends Error {
  constructor(readonly code: 'BAD_JSON' | 'PAYLOAD_TOO_LARGE') {
    super(code)
  }
}

/** Reads the body: JSON or a urlencoded form parsed, other text as a string, anything else (multipart) dropped. */
async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > BODY_LIMIT_BYTES) throw new BodyError('PAYLOAD_TOO_LARGE')
    chunks.push(chunk)
  }
  if (size === 0) return undefined
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  const text = () => Buffer.concat(chunks).toString('utf8')
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text()) as unknown
    } catch {
      throw new BodyError('BAD_JSON')
    }
  }
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text()))
  if (type.startsWith('text/')) return text()
  return undefined
}

export interface MockMiddlewareOptions {
  /** The folder of mock files (default: the repo's mock/). */
  dir?: string
  /** Routes to use instead of loading `dir` (tests). */
  mocks?: MockTable
  /** Reload the files after a change in `dir` (the dev server). */
  watch?: boolean
  /** Where load errors and handler crashes go (default: console.error). */
  log?: (message: string) => void
}

export type MockMiddleware = ((req: IncomingMessage, res: ServerResponse, next: NextFunction) => void) & {
  /** The route keys in use, e.g. 'GET /api/periods/:id'. */
  keys(): string[]
  /** Stops watching the folder. */
  close(): void
}

const toRoutes = (table: MockTable) => Object.entries(table).map(([key, value]) => parseRoute(key, value))

export function createMockMiddleware(options: MockMiddlewareOptions = {}): MockMiddleware {
  const dir = options.dir ?? MOCK_DIR
  const log = options.log ?? ((m: string) => console.error(m))
  let routes = toRoutes(options.mocks ?? loadMocks(dir))
  let stale = false
  const watcher = options.watch && !options.mocks ? fs.watch(dir, { persistent: false }, () => (stale = true)) : null

  const refresh = () => {
    if (!stale) return
    stale = false
    try {
      routes = toRoutes(loadMocks(dir))
    } catch (e) {
      // Mid-edit: keep answering with the last good routes.
      log(`mock: reloading ${dir} failed, keeping the previous routes: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, next: NextFunction): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://mock.local')
    const method = (req.method ?? 'GET').toUpperCase()
    refresh()
    const hit = findRoute(routes, method, url.pathname)
    if (!hit) {
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) sendError(res, 'ROUTE_NOT_FOUND', { details: { method, path: url.pathname } })
      else next()
      return
    }
    const { value } = hit.route
    if (typeof value !== 'function') {
      if (typeof value === 'string') expressLike(res).status(200).send(value)
      else sendJson(res, 200, value)
      return
    }
    let body: unknown
    try {
      body = await readBody(req)
    } catch (e) {
      if (e instanceof BodyError) return sendError(res, e.code)
      throw e
    }
    // Own properties: Express 4 defines `req.path` (and Express 5 `req.query`) as prototype getters.
    const mreq = req as MockRequest
    for (const [key, value] of Object.entries({ params: hit.params, query: Object.fromEntries(url.searchParams), path: url.pathname, body })) {
      Object.defineProperty(mreq, key, { value, writable: true, enumerable: true, configurable: true })
    }
    const mres = expressLike(res)
    mres.statusCode = 200
    await (value as MockHandler)(mreq, mres, next)
  }

  const middleware = ((req, res, next) => {
    handle(req, res, next).catch((e: unknown) => {
      log(`mock: ${req.method} ${req.url} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
      if (!res.headersSent) sendError(res, 'INTERNAL')
      else res.end()
    })
  }) as MockMiddleware
  middleware.keys = () => routes.map((r) => r.key)
  middleware.close = () => watcher?.close()
  return middleware
}

/**
 * `h5.devServer` for mock mode: webpack-dev-server 4 (what @tarojs/webpack5-runner 4.2.1 uses) runs
 * the mock middleware first, ahead of its static files, proxy and history fallback.
 */
export function mockDevServer() {
  const mock = createMockMiddleware({ watch: true })
  console.log(`mock: answering ${mock.keys().length} routes from ${path.relative(process.cwd(), MOCK_DIR) || MOCK_DIR}/ (no BFF)`)
  return {
    setupMiddlewares<M>(middlewares: M[]): M[] {
      middlewares.unshift({ name: 'kcq-mock-api', middleware: mock } as M)
      return middlewares
    },
  }
}
