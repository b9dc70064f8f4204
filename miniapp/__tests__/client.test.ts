import {
  ApiError,
  IDEMPOTENCY_KEY_PATTERN,
  createApiClient,
  newIdempotencyKey,
  withIdempotentRetry,
  type HttpRequest,
  type HttpResponse,
  type Tokens,
} from '../services/client';

function memoryTokens(initial: Tokens | null = null) {
  let t = initial;
  return { get: () => t, set: (n: Tokens | null) => void (t = n) };
}

const err = (status: number, code: string, details?: unknown): HttpResponse => ({
  statusCode: status,
  data: { error: { code, message: `${code} message`, details } },
});

function setup(handler: (req: HttpRequest, n: number) => HttpResponse | Promise<HttpResponse>, tokens = memoryTokens({ accessToken: 'a1', refreshToken: 'r1' })) {
  const calls: HttpRequest[] = [];
  const signedOut: string[] = [];
  const client = createApiClient({
    baseUrl: 'http://bff',
    tokens,
    transport: async (req) => {
      calls.push(req);
      return handler(req, calls.length);
    },
    onSignedOut: (r) => signedOut.push(r),
  });
  return { client, calls, signedOut, tokens };
}

describe('API client', () => {
  test('sends the access token, answers the body', async () => {
    const { client, calls } = setup(() => ({ statusCode: 200, data: { ok: 1 } }));
    await expect(client.request('GET', '/api/me')).resolves.toEqual({ ok: 1 });
    expect(calls[0]).toMatchObject({ url: 'http://bff/api/me', method: 'GET', header: { Authorization: 'Bearer a1' } });
  });

  test('an upload goes through its own transport: token, no JSON Content-Type, errors mapped', async () => {
    const { client, calls } = setup(() => ({ statusCode: 200, data: {} }));
    const uploads: HttpRequest[] = [];
    const form = { kind: 'form-data' };
    const upload = async (req: HttpRequest): Promise<HttpResponse> => {
      uploads.push(req);
      return uploads.length === 1 ? { statusCode: 201, data: { evidence: [{ id: 'ev1' }] } } : err(415, 'EVIDENCE_TYPE_NOT_ALLOWED');
    };
    await expect(client.request('POST', '/api/contracts/c1/evidence', { body: form, transport: upload })).resolves.toEqual({ evidence: [{ id: 'ev1' }] });
    expect(calls).toHaveLength(0);
    expect(uploads[0]).toMatchObject({ url: 'http://bff/api/contracts/c1/evidence', method: 'POST', data: form, header: { Authorization: 'Bearer a1' } });
    expect(uploads[0].header['Content-Type']).toBeUndefined();
    await expect(client.request('POST', '/api/contracts/c1/evidence', { transport: upload })).rejects.toMatchObject({ status: 415, code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
  });

  test('an error body becomes an ApiError with code, message and details', async () => {
    const { client } = setup(() => err(409, 'INSUFFICIENT_QUOTA', { remainingFen: 100 }));
    const e = await client.request('POST', '/api/x').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 409, code: 'INSUFFICIENT_QUOTA', details: { remainingFen: 100 } });
  });

  test('no answer → NETWORK_ERROR', async () => {
    const { client } = setup(() => Promise.reject(new Error('request:fail timeout')));
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR', network: true });
  });

  test('TOKEN_EXPIRED: refreshes once, stores the new pair and replays the request', async () => {
    const { client, calls, tokens, signedOut } = setup((req) => {
      if (req.url.endsWith('/api/auth/refresh')) {
        expect(req.data).toEqual({ refreshToken: 'r1' });
        return { statusCode: 200, data: { accessToken: 'a2', refreshToken: 'r2', accessTokenExpiresAt: 'x', refreshTokenExpiresAt: 'y' } };
      }
      return req.header.Authorization === 'Bearer a2' ? { statusCode: 200, data: { me: true } } : err(401, 'TOKEN_EXPIRED');
    });
    await expect(client.request('GET', '/api/me')).resolves.toEqual({ me: true });
    expect(calls.map((c) => c.url)).toEqual(['http://bff/api/me', 'http://bff/api/auth/refresh', 'http://bff/api/me']);
    expect(tokens.get()).toMatchObject({ accessToken: 'a2', refreshToken: 'r2' });
    expect(signedOut).toEqual([]);
  });

  test('concurrent requests with an expired token share one refresh', async () => {
    let refreshes = 0;
    const { client } = setup(async (req) => {
      if (req.url.endsWith('/refresh')) {
        refreshes += 1;
        await new Promise((r) => setTimeout(r, 10));
        return { statusCode: 200, data: { accessToken: 'a2', refreshToken: 'r2' } };
      }
      return req.header.Authorization === 'Bearer a2' ? { statusCode: 200, data: req.url } : err(401, 'TOKEN_EXPIRED');
    });
    await expect(Promise.all([client.request('GET', '/a'), client.request('GET', '/b'), client.request('GET', '/c')])).resolves.toEqual([
      'http://bff/a',
      'http://bff/b',
      'http://bff/c',
    ]);
    expect(refreshes).toBe(1);
  });

  test('a refused refresh signs out and goes to sign-in', async () => {
    const { client, tokens, signedOut } = setup((req) => (req.url.endsWith('/refresh') ? err(401, 'TOKEN_INVALID') : err(401, 'TOKEN_EXPIRED')));
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(tokens.get()).toBeNull();
    expect(signedOut).toEqual(['TOKEN_EXPIRED']);
  });

  test('any other 401 (TOKEN_INVALID) signs out at once, without a refresh', async () => {
    const { client, calls, signedOut } = setup(() => err(401, 'TOKEN_INVALID'));
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(calls).toHaveLength(1);
    expect(signedOut).toEqual(['TOKEN_INVALID']);
  });

  test('signIn stores the pair; public requests carry no token', async () => {
    const tokens = memoryTokens();
    const { client, calls } = setup(
      (req) =>
        req.url.endsWith('/api/auth/wechat')
          ? { statusCode: 200, data: { accessToken: 'A', refreshToken: 'R', accessTokenExpiresAt: 'x', refreshTokenExpiresAt: 'y', user: {}, isNewUser: true } }
          : { statusCode: 200, data: {} },
      tokens,
    );
    await client.signIn('dev:zhangsan');
    expect(calls[0].data).toEqual({ code: 'dev:zhangsan' });
    expect(calls[0].header.Authorization).toBeUndefined();
    expect(client.signedIn()).toBe(true);
    await client.request('GET', '/api/periods', { auth: false });
    expect(calls[1].header.Authorization).toBeUndefined();
    await client.signOut();
    expect(client.signedIn()).toBe(false);
  });
});

describe('the claim retried with one Idempotency-Key', () => {
  const noSleep = { sleep: () => Promise.resolve(), delaysMs: [1, 1, 1] };

  test('keys are 8–64 characters of [A-Za-z0-9_-] and differ per attempt', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(a).not.toBe(b);
  });

  test('a network error is retried with the SAME key, and the voucher of the first decision comes back', async () => {
    const keys: string[] = [];
    const retries: number[] = [];
    const result = await withIdempotentRetry(
      async (key) => {
        keys.push(key);
        if (keys.length < 3) throw new ApiError(0, 'NETWORK_ERROR', 'offline');
        return { id: 'v_1' };
      },
      'claim-abc12345',
      { ...noSleep, onRetry: (n) => retries.push(n) },
    );
    expect(result).toEqual({ id: 'v_1' });
    expect(keys).toEqual(['claim-abc12345', 'claim-abc12345', 'claim-abc12345']);
    expect(retries).toEqual([1, 2]);
  });

  test('503 SERVICE_UNAVAILABLE is retried with the same key too', async () => {
    let n = 0;
    await expect(
      withIdempotentRetry(async () => {
        n += 1;
        if (n === 1) throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'rebuilding');
        return 'ok';
      }, undefined, noSleep),
    ).resolves.toBe('ok');
  });

  test('a refusal is final: not retried', async () => {
    let n = 0;
    await expect(
      withIdempotentRetry(async () => {
        n += 1;
        throw new ApiError(409, 'SOLD_OUT', 'sold out');
      }, undefined, noSleep),
    ).rejects.toMatchObject({ code: 'SOLD_OUT' });
    expect(n).toBe(1);
  });

  test('gives up after the last delay with the network error', async () => {
    let n = 0;
    await expect(
      withIdempotentRetry(async () => {
        n += 1;
        throw new ApiError(0, 'NETWORK_ERROR', 'offline');
      }, undefined, noSleep),
    ).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(n).toBe(4);
  });

  test('through the client: the header carries the key on every retry', async () => {
    const seen: string[] = [];
    let n = 0;
    const client = createApiClient({
      baseUrl: '',
      tokens: memoryTokens({ accessToken: 'a', refreshToken: 'r' }),
      transport: async (req) => {
        seen.push(req.header['Idempotency-Key']);
        n += 1;
        if (n === 1) throw new Error('connection reset');
        return { statusCode: 201, data: { id: 'v_9' } };
      },
    });
    const v = await withIdempotentRetry(
      (key) => client.request('POST', '/api/periods/p_1/claims', { body: { amountFen: 100_000 }, headers: { 'Idempotency-Key': key } }),
      'claim-fixedkey1',
      noSleep,
    );
    expect(v).toEqual({ id: 'v_9' });
    expect(seen).toEqual(['claim-fixedkey1', 'claim-fixedkey1']);
  });
});
