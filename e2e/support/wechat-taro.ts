/**
 * A Node double of `@tarojs/taro` as the WeChat mini-program runtime answers it (Taro's weapp build
 * forwards each of these calls to `wx.*` and wraps the callback in a Promise).
 *
 * Why it exists: the weapp code paths of miniapp/services/api.ts (Taro.uploadFile for evidence, Taro
 * storage for the tokens) only run inside WeChat, and WeChat DevTools cannot run here. With this double
 * swapped in for `@tarojs/taro` (jest.doMock), the real api.ts / client.ts talk to a real BFF over real
 * HTTP, so what is left unproven is WeChat itself, not our code.
 *
 * Each function follows WeChat's documented contract (developers.weixin.qq.com/miniprogram/dev/api/):
 * - request (wx.request): `data` goes into the query string for GET, is JSON-serialised for a JSON
 *   content-type (the default, application/json), url-encoded for x-www-form-urlencoded; every HTTP
 *   status succeeds with { statusCode, data, header }; with dataType 'json' (the default) the body is
 *   JSON.parse'd, and left a string when it is not JSON. Only "no answer" fails: { errMsg: 'request:fail …' }.
 * - uploadFile (wx.uploadFile): one POST, content-type multipart/form-data (WeChat writes it and the
 *   boundary itself, so a content-type in `header` is dropped), `formData` as extra fields, the file
 *   read from `filePath` under the field `name`; the part's filename is the last segment of filePath
 *   (WeChat sends the temp file's own name: Taro's `fileName` option is H5 only). Every HTTP status
 *   succeeds with { statusCode, data } where data is ALWAYS the response body as a string (WeChat never
 *   parses it). A missing file or no answer fails: { errMsg: 'uploadFile:fail …' }.
 *   Not documented by WeChat: the part's Content-Type. This double ASSUMES it follows the file's
 *   extension (.pdf → application/pdf); the BFF refuses a part whose declared type is not PDF/JPEG/PNG,
 *   so a client sending application/octet-stream would be refused. `partType` lets a test try another.
 * - getStorageSync / setStorageSync / removeStorageSync: a synchronous key-value store that keeps a
 *   copy of what was stored (an object comes back as an equal, new object); a missing key reads ''.
 * - getCurrentPages: the page stack, bottom first, each page with its `route` (no leading slash).
 * - navigateTo / setTabBarItem: recorded, answered { errMsg: '<api>:ok' }.
 *
 * Everything the app sent is recorded in `calls`, in order, for a test to read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

type Header = Record<string, string>;

export interface RequestOption {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'TRACE' | 'CONNECT';
  data?: unknown;
  header?: Header;
  timeout?: number;
  dataType?: 'json' | string;
  responseType?: 'text' | 'arraybuffer';
}

export interface UploadFileOption {
  url: string;
  filePath: string;
  name: string;
  header?: Header;
  formData?: Record<string, string>;
  timeout?: number;
}

export type WeChatCall =
  | { api: 'request'; url: string; method: string; header: Header; data?: unknown }
  | { api: 'uploadFile'; url: string; filePath: string; name: string; header: Header }
  | { api: 'navigateTo'; url: string }
  | { api: 'setTabBarItem'; option: Record<string, unknown> };

export interface WeChatDoubleOptions {
  /** The page stack getCurrentPages answers, bottom first ('pages/index/index'…). */
  pages?: string[];
  /** The Content-Type of the uploaded file's part; by default from the extension (see above). */
  partType?: (filePath: string) => string;
}

const EXTENSION_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

const typeByExtension = (filePath: string) => EXTENSION_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';

const DEFAULT_TIMEOUT_MS = 60_000;

/** WeChat rejects with an object carrying errMsg, not an Error. */
const fail = (api: string, e: unknown) => ({ errMsg: `${api}:fail ${e instanceof Error ? e.message : String(e)}` });

function headerValue(header: Header, name: string): string | undefined {
  const key = Object.keys(header).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : header[key];
}

function withoutHeader(header: Header, name: string): Header {
  return Object.fromEntries(Object.entries(header).filter(([k]) => k.toLowerCase() !== name));
}

function queryOf(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  return new URLSearchParams(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
}

function responseHeader(res: Response): Header {
  const out: Header = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return out;
}

export function createWeChatDouble(options: WeChatDoubleOptions = {}) {
  const storage = new Map<string, unknown>();
  const calls: WeChatCall[] = [];
  const partType = options.partType ?? typeByExtension;

  const taro = {
    async request(option: RequestOption) {
      const method = (option.method ?? 'GET').toUpperCase();
      const header: Header = { ...(option.header ?? {}) };
      calls.push({ api: 'request', url: option.url, method, header, data: option.data });
      if (!headerValue(header, 'content-type')) header['content-type'] = 'application/json';
      const contentType = headerValue(header, 'content-type')!.toLowerCase();

      let url = option.url;
      let body: string | ArrayBuffer | undefined;
      if (method === 'GET' || method === 'HEAD') {
        const q = queryOf(option.data);
        if (q) url += (url.includes('?') ? '&' : '?') + q;
      } else if (option.data !== undefined) {
        if (typeof option.data === 'string' || option.data instanceof ArrayBuffer) body = option.data;
        else if (contentType.includes('application/x-www-form-urlencoded')) body = queryOf(option.data);
        else body = JSON.stringify(option.data);
      }

      let res: Response;
      let text: string;
      try {
        res = await fetch(url, { method, headers: header, body, signal: AbortSignal.timeout(option.timeout ?? DEFAULT_TIMEOUT_MS) });
        text = await res.text();
      } catch (e) {
        throw fail('request', e);
      }
      let data: unknown = text;
      if ((option.dataType ?? 'json') === 'json') {
        try {
          data = JSON.parse(text);
        } catch {
          // Not JSON: WeChat hands back the string.
        }
      }
      return { statusCode: res.status, data, header: responseHeader(res), errMsg: 'request:ok' };
    },

    /**
     * Like wx.uploadFile, the answer is a task as well as a promise: `onProgressUpdate` hears the bytes
     * sent — 0 when the file is read, then all of them once the BFF has the body.
     */
    uploadFile(option: UploadFileOption) {
      type Progress = { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number };
      const listeners: ((p: Progress) => void)[] = [];
      const report = (sent: number, total: number) => listeners.forEach((l) => l({ progress: total ? Math.round((sent / total) * 100) : 100, totalBytesSent: sent, totalBytesExpectedToSend: total }));
      const run = (async () => {
        const header = withoutHeader(option.header ?? {}, 'content-type');
        calls.push({ api: 'uploadFile', url: option.url, filePath: option.filePath, name: option.name, header: { ...header } });
        let bytes: Uint8Array<ArrayBuffer>;
        try {
          bytes = new Uint8Array(await readFile(option.filePath));
        } catch (e) {
          throw fail('uploadFile', e);
        }
        report(0, bytes.length);
        const form = new FormData();
        for (const [k, v] of Object.entries(option.formData ?? {})) form.append(k, String(v));
        form.append(option.name, new Blob([bytes], { type: partType(option.filePath) }), path.basename(option.filePath));
        try {
          const res = await fetch(option.url, {
            method: 'POST',
            headers: header,
            body: form,
            signal: AbortSignal.timeout(option.timeout ?? DEFAULT_TIMEOUT_MS),
          });
          report(bytes.length, bytes.length);
          return { statusCode: res.status, data: await res.text(), errMsg: 'uploadFile:ok' };
        } catch (e) {
          throw fail('uploadFile', e);
        }
      })();
      return Object.assign(run, { onProgressUpdate: (listener: (p: Progress) => void) => void listeners.push(listener) });
    },

    getStorageSync(key: string): unknown {
      return storage.has(key) ? structuredClone(storage.get(key)) : '';
    },
    setStorageSync(key: string, value: unknown): void {
      storage.set(key, structuredClone(value));
    },
    removeStorageSync(key: string): void {
      storage.delete(key);
    },

    getCurrentPages() {
      return (options.pages ?? []).map((route) => ({ route }));
    },
    async navigateTo(option: { url: string }) {
      calls.push({ api: 'navigateTo', url: option.url });
      return { errMsg: 'navigateTo:ok' };
    },
    async setTabBarItem(option: Record<string, unknown>) {
      calls.push({ api: 'setTabBarItem', option });
      return { errMsg: 'setTabBarItem:ok' };
    },
  };

  return {
    /** What `import Taro from '@tarojs/taro'` gives the app. */
    taro,
    calls,
    /** Every call to one API, in order. */
    callsTo<A extends WeChatCall['api']>(api: A): Extract<WeChatCall, { api: A }>[] {
      return calls.filter((c): c is Extract<WeChatCall, { api: A }> => c.api === api);
    },
  };
}

export type WeChatDouble = ReturnType<typeof createWeChatDouble>;
