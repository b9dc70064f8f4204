/**
 * A fake WeChat server for the subscribe-message port (wechat/subscribe.ts): /cgi-bin/token and
 * /cgi-bin/message/subscribe/send as documented, answering errcodes a test scripts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWeChat {
  url: string;
  tokens: number;
  sends: { token: string; body: any }[];
  /** errcodes to answer the next sends with (then 0). */
  script: number[];
  close(): Promise<void>;
}

export async function fakeWeChat(): Promise<FakeWeChat> {
  const fake = { tokens: 0, sends: [] as { token: string; body: any }[], script: [] as number[] } as FakeWeChat;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        expect(url.searchParams.get('appid')).toBe('wx-test-app');
        fake.tokens += 1;
        res.end(JSON.stringify({ access_token: `tok-${fake.tokens}`, expires_in: 7200 }));
        return;
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const token = url.searchParams.get('access_token') ?? '';
        const errcode = fake.script.shift() ?? 0;
        if (errcode === 0) fake.sends.push({ token, body: JSON.parse(raw) });
        res.end(JSON.stringify({ errcode, errmsg: errcode ? 'scripted' : 'ok' }));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((r) => server.close(() => r()));
  return fake;
}

