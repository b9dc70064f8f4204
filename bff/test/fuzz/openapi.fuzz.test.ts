/**
 * Issue #14: a generated fuzz over every operation of the app's own OpenAPI document. No request, however
 * wrong, may be answered 5xx: wrong types, missing and extra fields, huge and empty values, odd Unicode
 * (NUL, overrides, lone surrogates), wrong content types, compressed and broken bodies, odd methods,
 * garbage path parameters and query strings — sent by an administrator, a founder, a unit's staff,
 * a forged token and nobody, to a real listening server through a raw HTTP client (paths as they are).
 *
 * Seeded (FUZZ_SEED to replay another run) and bounded (FUZZ_RUNS random requests per operation on top of
 * a fixed set), so it stays well under a minute on two cores. It prints one line with the figures.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { EmbeddedStore } from '../../src/store/embedded';
import type { Store } from '../../src/store';
import { bj, buildWorld, claim, PDF, propose, terms, type World } from '../contracts/world';

jest.setTimeout(120_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_121);
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any>;

interface Operation {
  method: string;
  path: string;
  operationId: string;
  params: { name: string; in: string; required: boolean; schema: Schema }[];
  jsonBody: Schema | null;
  multipart: boolean;
}

interface Sent {
  op: string;
  role: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

interface Failure {
  request: string;
  status: number;
  answer: string;
}

// ---------------------------------------------------------------------------------------------------
// Values

const HUGE = 'x'.repeat(1_200_000); // over BODY_LIMIT (1mb) once in a body
const LONG = '长'.repeat(5_000);
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202egnp.exe',
  '\u2066x\u2069',
  '\u200b',
  '\ud800',
  'a\udc00b',
  '\ufeff',
  '\r\n',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '..\\..\\boot.ini',
  '$where',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '2026-02-30T09:00:00+08:00',
  'garbage',
  '😀👩‍🔬',
  'e\u0301',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  LONG,
];
const ODD_NUMBERS: Json[] = [0, -1, 1, 0.5, -0.0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 100_000_000_000];
const ODD_JSON: Json[] = [null, true, false, [], {}, [null], [[[[[]]]]], { $gt: '' }, JSON.parse('{"__proto__":{"polluted":true}}') as Json, '', 0];

function oddString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 300 }) },
  );
}

function wrongType(): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constantFrom(...ODD_JSON),
    fc.constantFrom(...ODD_NUMBERS),
    oddString(),
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  );
}

/** A value the schema accepts, as a form would send it: gets past validation into the domain rules. */
function valid(schema: Schema | undefined, ids: string[], name = '', depth = 0): fc.Arbitrary<Json> {
  if (!schema || depth > 6) return fc.constant(null);
  const branches: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const real = branches.filter((b) => b.type !== 'null');
    return fc.oneof(...(real.length ? real : branches).map((b) => valid(b, ids, name, depth + 1)));
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'object': {
      const required = new Set<string>(schema.required ?? []);
      const entries = Object.entries<Schema>(schema.properties ?? {}).map(([k, sub]) =>
        (required.has(k) ? valid(sub, ids, k, depth + 1) : fc.option(valid(sub, ids, k, depth + 1), { nil: undefined })).map((v) => [k, v] as const),
      );
      return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as Json);
    }
    case 'array':
      return fc.array(valid(schema.items, ids, name, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, 1) });
    case 'integer':
    case 'number': {
      const lo = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const hi = typeof schema.maximum === 'number' ? schema.maximum : 1e9;
      const picks = [1, 3, 100, 100_000, 1_000_000, 5_000_000, 100_000_000].filter((v) => v >= lo && v <= hi);
      return picks.length ? fc.constantFrom(...picks) : fc.integer({ min: Math.ceil(Math.max(lo, -1e9)), max: Math.floor(Math.min(hi, 1e9)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (schema.pattern || /(^id|Id)$|Ids$/.test(name)) return fc.constantFrom(...ids);
      if (schema.format === 'date-time') return fc.constant(/close/i.test(name) ? '2026-12-31T17:00:00+08:00' : '2026-12-01T09:00:00+08:00');
      if (/day$|On$/.test(name)) return fc.constantFrom(...(/end|leave/i.test(name) ? ['2026-07-31', '2026-09-01'] : ['2026-06-01', '2026-06-02']));
      if (schema.format === 'email') return fc.constant('lab@example.com');
      if (/phone/i.test(name)) return fc.constant('010-62751234');
      if (name === 'code') return fc.constantFrom('dev:fuzz', 'ABCD1234');
      if (/creditCode/.test(name)) return fc.constant('91110108MA00000010');
      const max = Math.min(schema.maxLength ?? 20, 20);
      return fc.constantFrom('样品检测', '测试名称', 'Café 实验室', '第一行\n第二行').map((v) => v.slice(0, Math.max(max, schema.minLength ?? 1)));
    }
    default:
      return fc.constant(null);
  }
}

/** Something shaped like the schema (to get past validation and into the domain), often not quite. */
function fromSchema(schema: Schema | undefined, ids: string[], depth = 0, name = ''): fc.Arbitrary<Json> {
  if (!schema || depth > 6) return wrongType();
  const branches: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (branches) return fc.oneof(...branches.map((b) => fromSchema(b, ids, depth + 1, name)));
  const shaped = shapedValue(schema, ids, depth, name);
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: wrongType() });
}

function shapedValue(schema: Schema, ids: string[], depth: number, name: string): fc.Arbitrary<Json> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: oddString() });
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props: Record<string, Schema> = schema.properties ?? {};
      const entries = Object.entries(props).map(([k, s]) =>
        // Present (shaped or wrong), or missing.
        fc.option(fromSchema(s, ids, depth + 1, k), { nil: undefined, freq: 6 }).map((v) => [k, v] as const),
      );
      const extra = fc.option(fc.tuple(fc.constantFrom('extra', '$where', 'a.b', '__proto__', 'constructor', ''), wrongType()), { freq: 5 });
      return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => {
        const out: Record<string, Json> = {};
        for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
        if (more) Object.defineProperty(out, more[0], { value: more[1], enumerable: true, writable: true, configurable: true });
        return out;
      });
    }
    case 'array': {
      const max = Math.min(schema.maxItems ?? 8, 8);
      return fc.oneof(
        fc.array(fromSchema(schema.items, ids, depth + 1, name), { maxLength: max }),
        fc.constant(Array.from({ length: (schema.maxItems ?? 50) + 1 }, () => 'x') as Json),
      );
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? Math.max(schema.minimum, -1e12) : -1e6;
      const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e12) : 1e9;
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) },
        { weight: 2, arbitrary: fc.constantFrom(100_000, 1_000_000, 5_000_000, 100_000_000) },
        { weight: 1, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string': {
      const options: fc.Arbitrary<string>[] = [oddString()];
      if (schema.format === 'date-time') options.push(fc.constantFrom('2026-12-01T09:00:00+08:00', '2026-06-01T02:00:00Z', '2027-01-31T23:59:59+08:00'));
      if (/day|on$|date/i.test(name) || schema.pattern === undefined) options.push(fc.constantFrom('2026-06-01', '2026-07-31', '2026-12-31', '2027-02-29'));
      if (schema.pattern || /id$|ids$/i.test(name)) options.push(fc.constantFrom(...ids));
      if (schema.format === 'email') options.push(fc.constantFrom('lab@example.com', 'a@b'));
      options.push(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) }));
      options.push(fc.constant('字'.repeat((schema.maxLength ?? 100) + 1)));
      return fc.oneof(...options);
    }
    default:
      return wrongType();
  }
}

// ---------------------------------------------------------------------------------------------------
// Requests

const ODD_METHODS = ['PROPFIND', 'TRACE', 'MKCOL', 'COPY', 'LOCK', 'SEARCH', 'PURGE', 'OPTIONS', 'HEAD', 'PATCH', 'DELETE', 'PUT', 'GET', 'POST'];
const ODD_SEGMENTS = ['%00', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'a'.repeat(5_000), '%ud800', '%F0%9F%98%80', '%20', 'null', 'per_', '%24where', '__proto__'];

function segment(ids: string[], relevant: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...(relevant.length ? relevant : ids)) },
    { weight: 1, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_SEGMENTS) },
    { weight: 2, arbitrary: oddString().map(safeEncode) },
  );
}

function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate as UTF-8 bytes: not valid UTF-8
  }
}

function queryString(op: Operation, ids: string[]): fc.Arbitrary<string> {
  const declared = op.params.filter((p) => p.in === 'query');
  const pairs = declared.map((p) => fc.option(fromSchema(p.schema, ids, 0, p.name).map((v) => [p.name, typeof v === 'string' ? v : JSON.stringify(v)] as const), { nil: undefined }));
  const raw = fc.constantFrom('', 'limit=-1', 'limit=1e9', 'a[$gt]=1', 'cursor=%E0%A4%A', 'q=%00', 'x=1&x=2', 'limit[]=1', '%=%', '&&&', `q=${'a'.repeat(3_000)}`);
  return fc.tuple(fc.tuple(...pairs), raw).map(([ps, extra]) => {
    const q = new URLSearchParams();
    for (const p of ps) if (p) q.append(p[0], p[1]);
    const s = [q.toString(), extra].filter(Boolean).join('&');
    return s ? `?${s}` : '';
  });
}

type BodyKind = 'json' | 'json-gzip' | 'plain-as-gzip' | 'plain-as-br' | 'x-encoding' | 'text' | 'form' | 'none-type' | 'multipart' | 'raw-junk' | 'huge' | 'deep' | 'empty';

function encodeBody(kind: BodyKind, value: Json | undefined, op: Operation, filename: string): { headers: Record<string, string>; body: Buffer | null } {
  const text = JSON.stringify(value === undefined ? {} : value) ?? '{}';
  const json = { 'content-type': 'application/json' };
  switch (kind) {
    case 'json':
      return { headers: json, body: Buffer.from(text) };
    case 'json-gzip':
      return { headers: { ...json, 'content-encoding': 'gzip' }, body: zlib.gzipSync(text) };
    case 'plain-as-gzip':
      return { headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.from(text) };
    case 'plain-as-br':
      return { headers: { ...json, 'content-encoding': 'br' }, body: Buffer.from(text) };
    case 'x-encoding':
      return { headers: { ...json, 'content-encoding': 'compress' }, body: Buffer.from(text) };
    case 'text':
      return { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(text) };
    case 'form':
      return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('a=1&b=%E0%A4%A&c[$gt]=') };
    case 'none-type':
      return { headers: {}, body: Buffer.from(text) };
    case 'multipart': {
      const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
      const name = Buffer.from(filename.replace(/["\r\n]/g, '_'), 'utf8');
      const parts = [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="filename"\r\n\r\n`),
        name,
        Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="`),
        name,
        Buffer.from(`"\r\nContent-Type: application/pdf\r\n\r\n`),
        op.multipart && filename.length % 3 === 0 ? PDF : Buffer.from(text),
        // Sometimes cut short: no closing boundary.
        Buffer.from(filename.length % 2 === 0 ? `\r\n--${boundary}--\r\n` : '\r\n--fuzz'),
      ];
      return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts) };
    }
    case 'raw-junk':
      return { headers: json, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x22, 0x3a, 0x7d]) };
    case 'huge':
      return { headers: json, body: Buffer.from(JSON.stringify({ value: HUGE })) };
    case 'deep':
      return { headers: json, body: Buffer.from(`${'['.repeat(5_000)}${']'.repeat(5_000)}`) };
    case 'empty':
      return { headers: json, body: Buffer.alloc(0) };
  }
}

// ---------------------------------------------------------------------------------------------------

let store: Store;
let w: World;
let server: http.Server;
let port: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

beforeAll(async () => {
  store = EmbeddedStore.inMemory();
  w = await buildWorld(store, bj('2026-06-01 10:00'));
  server = http.createServer(w.t.http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

function send(req: Sent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['content-length'] = req.body.length;
    const r = http.request({ agent, host: '127.0.0.1', port, method: req.method, path: req.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8', 0, 300) }));
      res.on('error', reject);
    });
    r.setTimeout(10_000, () => r.destroy(new Error('no answer within 10 s')));
    r.on('error', reject);
    if (req.body) r.write(req.body);
    r.end();
  });
}

function describeRequest(req: Sent): string {
  const body = req.body ? JSON.stringify(req.body.toString('utf8', 0, 300)) : '(none)';
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 40)}…(${v.length})` : v]));
  return `${req.op} as ${req.role}: ${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(headers)} body ${body}`;
}

test('no generated request to any operation of the OpenAPI document is answered 5xx', async () => {
  // A contract in each state the staff and admin operations act on, and its evidence: real ids to aim at.
  const voucher = await claim(w, w.A);
  const proposed = (await propose(w, voucher).expect(201)).body.id as string;
  const registeredVoucher = await claim(w, w.A);
  const registered = (await propose(w, registeredVoucher).expect(201)).body.id as string;
  await w.t.as(w.X).post(`/api/contracts/${registered}/confirm`).send(terms()).expect(200);
  const evidence = (
    await w.t.as(w.X).post(`/api/contracts/${registered}/evidence`).attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' }).expect(201)
  ).body.evidence[0].id as string;
  const labs = [
    ...(await w.t.as(w.X).get(`/api/open-units/${w.unitX}/labs`).expect(200)).body.items,
    ...(await w.t.as(w.Y).get(`/api/open-units/${w.unitY}/labs`).expect(200)).body.items,
  ].map((l: { id: string }) => l.id);
  // The ids each kind of path parameter names: mostly one that exists, so the request reaches the domain.
  const known: Record<string, string[]> = {
    periods: [w.period],
    contracts: [proposed, registered],
    vouchers: [voucher, registeredVoucher],
    'open-units': [w.unitX, w.unitY],
    labs,
    services: [w.serviceX, w.serviceY],
    users: [w.A.userId, w.B.userId, w.X.userId, w.admin.userId],
    applicants: [w.applicantA, w.applicantB],
    evidence: [evidence],
  };
  const ids = Object.values(known).flat();
  const relevantIds = (path: string, param: string): string[] => {
    if (param === 'evidenceId') return known.evidence;
    if (param === 'labId') return known.labs;
    if (param === 'serviceId') return known.services;
    if (param === 'userId' || param === 'memberId') return known.users;
    const before = path.split(`/{${param}}`)[0].split('/').pop() ?? '';
    return known[before] ?? [];
  };

  const doc = (await w.t.as(null).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, any>> };
  const operations: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        params: op.parameters ?? [],
        jsonBody: content['application/json']?.schema ?? null,
        multipart: Boolean(content['multipart/form-data']),
      });
    }
  }
  expect(operations.length).toBeGreaterThan(60);

  const roles = ['admin', 'founder', 'staff', 'anonymous', 'forged'] as const;
  const FIXED_KINDS: BodyKind[] = ['json', 'json-gzip', 'plain-as-gzip', 'plain-as-br', 'x-encoding', 'text', 'form', 'none-type', 'multipart', 'raw-junk', 'huge', 'deep', 'empty'];
  let sent = 0;
  const failures: Failure[] = [];
  const byClass: Record<string, number> = {};
  const byCode = new Map<string, number>();

  for (const [index, op] of operations.entries()) {
    // Fresh sessions per operation: a fuzzed sign-out or role change must not blind the rest of the run.
    const [admin, founder, staff] = await Promise.all([w.t.signIn('admin'), w.t.signIn('alice'), w.t.signIn('xavier')]);
    const tokens: Record<(typeof roles)[number], string | null> = {
      admin: admin.accessToken,
      founder: founder.accessToken,
      staff: staff.accessToken,
      anonymous: null,
      forged: `${admin.accessToken.slice(0, -4)}AAAA`,
    };
    const pathParams = op.params.filter((p) => p.in === 'path');
    const request = fc.record({
      role: fc.oneof({ weight: 3, arbitrary: fc.constantFrom<(typeof roles)[number]>('admin', 'founder', 'staff') }, { weight: 1, arbitrary: fc.constantFrom<(typeof roles)[number]>('anonymous', 'forged') }),
      method: fc.oneof({ weight: 8, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) }),
      segments: fc.tuple(...pathParams.map((p) => segment(ids, relevantIds(op.path, p.name)))),
      query: queryString(op, ids),
      body: op.jsonBody
        ? fc.oneof({ weight: 2, arbitrary: valid(op.jsonBody, ids) }, { weight: 3, arbitrary: fromSchema(op.jsonBody, ids) })
        : fc.option(wrongType(), { freq: 4 }),
      kind: fc.oneof(
        { weight: op.jsonBody ? 10 : 2, arbitrary: fc.constant<BodyKind>(op.multipart ? 'multipart' : 'json') },
        { weight: 3, arbitrary: fc.constantFrom<BodyKind>(...FIXED_KINDS) },
      ),
      filename: oddString(),
      idempotencyKey: fc.oneof(fc.string({ unit: 'binary-ascii', minLength: 0, maxLength: 80 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'k')), fc.constant('fuzz-key-000001')),
      authHeader: fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(8_000)}`, 'Bearer a.b.c'),
    });
    const samples = fc.sample(request, { seed: SEED + index, numRuns: RUNS });
    // The fixed part: every body kind and every odd method once, each role once with a shaped body.
    const shaped = fc.sample(request, { seed: SEED + 10_000 + index, numRuns: roles.length + FIXED_KINDS.length + 4 });
    roles.forEach((role, i) => Object.assign(shaped[i], { role, method: op.method, kind: op.multipart ? 'multipart' : 'json' }));
    FIXED_KINDS.forEach((kind, i) => Object.assign(shaped[roles.length + i], { kind, method: op.method }));
    ['PROPFIND', 'TRACE', 'PURGE', 'OPTIONS'].forEach((method, i) => Object.assign(shaped[roles.length + FIXED_KINDS.length + i], { method }));

    for (const s of [...shaped, ...samples]) {
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => s.segments[i++] ?? 'x') + s.query;
      const withBody = s.method !== 'GET' && s.method !== 'HEAD' && (op.jsonBody || op.multipart || s.body !== null);
      const { headers, body } = withBody ? encodeBody(s.kind, s.body ?? undefined, op, s.filename) : { headers: {}, body: null };
      const token = tokens[s.role];
      if (token) headers.authorization = `Bearer ${token}`;
      else if (s.role === 'anonymous' && s.authHeader) headers.authorization = s.authHeader;
      if (/claims$/.test(op.path)) headers['idempotency-key'] = s.idempotencyKey;
      const req: Sent = { op: `${op.method} ${op.path}`, role: s.role, method: s.method, path, headers, body };
      sent++;
      const answer = await send(req);
      byClass[`${Math.floor(answer.status / 100)}xx`] = (byClass[`${Math.floor(answer.status / 100)}xx`] ?? 0) + 1;
      const code = `${answer.status} ${/"code":"([A-Z_]+)"/.exec(answer.text)?.[1] ?? ''}`;
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
      if (answer.status >= 500) failures.push({ request: describeRequest(req), status: answer.status, answer: answer.text });
    }
  }

  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');
  const figures = `fuzz: ${n(sent)} requests over ${operations.length} operations, ${n(failures.length)} answered 5xx (2xx ${n(byClass['2xx'])}, 4xx ${n(byClass['4xx'])}; seed ${SEED})`;
  console.log(figures);
  if (process.env.FUZZ_VERBOSE) console.log([...byCode].sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c}: ${k}`).join('\n'));
  expect(failures.slice(0, 20)).toEqual([]);
});
