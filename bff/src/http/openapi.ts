import { z, type ZodType } from 'zod';
import type { RouteRegistry } from './route';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code' },
        message: { type: 'string', description: 'Chinese message a screen can show' },
        details: {},
      },
    },
  },
} as const;

/** The evidence upload's form: files under `files`, optionally the name the user picked. */
const multipartSchema = {
  type: 'object',
  required: ['files'],
  properties: {
    files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } },
    filename: { type: 'string', description: 'The name the user picked for a single file' },
  },
} as const;

const REFUSALS: Record<number, string> = {
  401: 'UNAUTHENTICATED, TOKEN_EXPIRED or TOKEN_INVALID',
  403: 'FORBIDDEN: the caller may not do this',
  404: 'NOT_FOUND: no such object, or one the caller may not know exists',
};

function jsonSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete s.$schema;
  return s;
}

/** Splits an object schema into OpenAPI parameters (path or query). */
function parameters(schema: ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
  }));
}

/** The OpenAPI 3.1 document of every registered endpoint, built from the validating schemas. */
export function buildOpenApi(registry: RouteRegistry, info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry.routes) {
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    // The policy's refusals are documented on every operation that uses it.
    const declared: Record<string, { description: string; schema?: ZodType }> = { ...r.responses };
    for (const status of r.auth.refusals) declared[status] ??= { description: REFUSALS[status] ?? 'Refused' };
    for (const [status, res] of Object.entries(declared)) {
      const schema = res.schema ? jsonSchema(res.schema, 'output') : Number(status) >= 400 ? errorSchema : undefined;
      responses[status] = {
        description: res.description,
        ...(schema ? { content: { 'application/json': { schema } } } : {}),
      };
    }
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      // Every operation states who may call it: `x-auth` always, `security` when a token is needed.
      ...(r.auth.authenticated ? { security: [{ bearer: [] }] } : {}),
      'x-auth': { policy: r.auth.name, description: r.auth.description },
      parameters: [
        ...parameters(r.params, 'path'),
        ...parameters(r.query, 'query'),
        ...(r.headers ?? []).map((h) => ({
          name: h.name,
          in: 'header',
          required: h.required,
          description: h.description,
          schema: { type: 'string' },
        })),
      ],
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }
        : {}),
      ...(r.multipart ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: multipartSchema } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
