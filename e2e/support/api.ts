/** Direct calls to the BFF a browser journey needs around the UI (an administrator, a rival founder). */
import { computeCreditCodeCheckChar, computeOrgCodeCheckChar } from '@kcq/shared';

export interface Session {
  token: string;
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export async function signIn(baseUrl: string, code: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/wechat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${code}: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return {
    token: accessToken,
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

/** A valid unified social credit code (Beijing, Haidian, enterprise) around an 8-character organisation body. */
export function creditCode(body8: string): string {
  const first17 = `91110108${body8}${computeOrgCodeCheckChar(body8)}`;
  return `${first17}${computeCreditCodeCheckChar(first17)}`;
}

/** An eligible enterprise profile (第七条) with the given credit code. */
export function enterpriseProfile(name: string, code: string) {
  return {
    kind: 'enterprise',
    name,
    creditCode: code,
    registeredInBeijing: true,
    registeredOn: '2023-05-18',
    independentLegalPerson: true,
    employees: 30,
    annualRevenueFen: 500_000_000,
    totalAssetsFen: 300_000_000,
    soundFinance: true,
    noBadCreditRecord: true,
    priorityField: 'intelligent_manufacturing',
    highTechCertified: false,
    techSmeListedYear: null,
  };
}
