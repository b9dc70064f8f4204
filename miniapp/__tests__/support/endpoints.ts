import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every `client.request('METHOD', '/api/…')` in services/api.ts, with `/${…}` segments as `:param`: the
 * first is `:id` (as the mock keys name it), a later one is named after its variable
 * (`${encodeURIComponent(serviceId)}` → `:serviceId`); a `${…}` glued to the path (a query string, e.g.
 * `/api/catalogue/services${query}`) is dropped.
 * Shared by mock.test.ts (the fixtures cover them) and mock-server.test.ts (the mock server answers them).
 */
export function endpointsUsed(): string[] {
  const src = readFileSync(path.join(__dirname, '../../services/api.ts'), 'utf8');
  const found = [...src.matchAll(/request<[^>]*>\(\s*'(GET|POST|PUT|DELETE)',\s*[`']([^`']+)[`']/g)].map(([, m, p]) => {
    let i = 0;
    const param = (expr: string) => (i++ === 0 ? 'id' : (/(\w+)\)?\s*$/.exec(expr)?.[1] ?? `p${i}`));
    return `${m} ${p.replace(/\/\$\{([^}]+)\}/g, (_, expr: string) => `/:${param(expr)}`).replace(/\$\{[^}]+\}/g, '')}`;
  });
  return [...new Set(found)];
}
