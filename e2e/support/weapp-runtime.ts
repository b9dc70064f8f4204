/**
 * The weapp bundle (dist/weapp: app.js, each page's js) run in Node under the rules of WeChat's logic
 * layer (issue #19), because WeChat itself cannot run here:
 *
 * - Each file is a module as WeChat loads it: `require('./x')` relative to the file, `module`/`exports`,
 *   run once. The scripts run in their own V8 context whose only globals are the ones WeChat's logic layer
 *   has: App, Page, Component, Behavior, getApp, getCurrentPages, wx, console and timers. No `window`, no
 *   `document`, no `fetch`, no `localStorage`: code that reaches for a browser throws, as it would in WeChat.
 * - `wx` has exactly the members WeChat's API list has (miniprogram-api-typings' `Wx`, the typings WeChat
 *   publishes), so `Object.keys(wx)` is what Taro sees in WeChat. Every call is recorded with its name; a
 *   call to a name WeChat does not have throws `wx.x is not a function`. Each API's minimum base library
 *   (its documented 需要基础库) is read from the same typings, so a test can hold the calls to the base
 *   library in project.config.json.
 * - wx.request goes to a real BFF over HTTP (support/wechat-taro.ts' request, with WeChat's contract), the
 *   built-in API base rewritten to the test BFF's address: the server domain a real phone would reach.
 *   Storage is a key-value map. Device and UI APIs answer like a phone would (a 375 × 667 iPhone screen);
 *   pickers and dialogs answer as a test tells them (`answers`).
 * - App(config) and Page(config) are kept; `launch` runs onLaunch/onShow, `openPage` builds a page instance
 *   as WeChat does (methods of its config, `data`, `route`, `options`, `setData` that applies Taro's paths to
 *   the data tree) and runs onLoad(query), onShow, onReady, then waits for the page's requests to settle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createWeChatDouble, type RequestOption } from './wechat-taro';

// --- WeChat's API list --------------------------------------------------------------------------------

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Every member of WeChat's `wx`, with the base library it needs (1.0.0 when none is documented). */
export function wechatApiList(): Map<string, string> {
  const file = require.resolve('miniprogram-api-typings/types/wx/lib.wx.api.d.ts');
  const src = readFileSync(file, 'utf8');
  const start = src.indexOf('    interface Wx {');
  if (start < 0) throw new Error('miniprogram-api-typings: no `interface Wx`');
  const next = /\n {4}(interface|type|namespace|declare|export) /g;
  next.lastIndex = start + 10;
  const end = next.exec(src)?.index ?? src.length;
  const body = src.slice(start, end);
  const out = new Map<string, string>();
  for (const m of body.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\n {8}(\w+)\??[<(:]/g)) out.set(m[1], '1.0.0');
  for (const m of body.matchAll(/\/\*\*([\s\S]*?)\*\/\s*\n {8}(\w+)\??[<(:]/g)) {
    const v = /需要基础库[：:]\s*`([\d.]+)`/.exec(m[1]);
    if (v && out.has(m[2])) out.set(m[2], v[1]);
  }
  return out;
}

// --- the runtime ----------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

export interface WxCall {
  api: string;
  args: unknown[];
  /** The page on top of the stack when it was called. */
  page: string | null;
  /** Called synchronously inside a tap's handler (WeChat shows some sheets only then). */
  inTap?: boolean;
}

export interface PageInstance {
  route: string;
  options: Record<string, string>;
  data: Json;
  setData(patch: Json, cb?: () => void): void;
  [key: string]: unknown;
}

export interface WeappRuntimeOptions {
  dir: string;
  /** The API base the weapp was built with (TARO_APP_API_BASE), and the BFF that answers in its place. */
  builtApiBase: string;
  bffUrl: string;
  /** Storage at launch (e.g. a signed-in session under kcq.tokens). */
  storage?: Record<string, unknown>;
  /**
   * How user-facing APIs answer (showModal, chooseMessageFile, requestSubscribeMessage…): a function of the
   * call's options, or a fixed answer. By default a dialog answers confirm:false and a picker is cancelled.
   */
  answers?: Record<string, unknown | ((options: Json) => { ok: boolean; result: unknown })>;
  /** Whether the user already agreed to the privacy guide (default: not yet). */
  privacyAgreed?: boolean;
}

/** Async APIs that return a task, not a Promise, when given no callbacks. */
const TASK_APIS = new Set(['request', 'uploadFile', 'downloadFile', 'connectSocket']);

const SYSTEM_INFO = {
  brand: 'iPhone',
  model: 'iPhone 8',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 667,
  windowWidth: 375,
  windowHeight: 603,
  statusBarHeight: 20,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 17.0',
  platform: 'ios',
  fontSizeSetting: 16,
  SDKVersion: '3.8.12',
  safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  theme: 'light',
};

/** Applies WeChat setData paths (`a.b[0].c`, Taro's `root.cn.[0].v`) to `data`. */
export function applySetData(data: Json, patch: Json): void {
  for (const [key, value] of Object.entries(patch)) {
    const parts: (string | number)[] = [];
    for (const seg of key.split('.')) {
      const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(seg);
      if (!m) {
        parts.push(seg);
        continue;
      }
      if (m[1]) parts.push(m[1]);
      for (const i of m[2].matchAll(/\[(\d+)\]/g)) parts.push(Number(i[1]));
    }
    let target: Record<string | number, unknown> = data;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i];
      if (typeof target[p] !== 'object' || target[p] === null) target[p] = typeof parts[i + 1] === 'number' ? [] : {};
      target = target[p] as Record<string | number, unknown>;
    }
    target[parts[parts.length - 1]] = value === undefined ? undefined : structuredClone(value);
  }
}

/** Text nodes of a Taro data tree (`v` of text nodes), in document order. */
export function textsOf(tree: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const node = n as Json;
    if (typeof node.v === 'string' && node.v.trim()) out.push(node.v);
    for (const [k, v] of Object.entries(node)) if (k !== 'v' && typeof v === 'object') walk(v);
  };
  walk(tree);
  return out;
}

/** Every string in a data tree that carries Chinese (texts, placeholders, titles): what the user can read. */
export function readableStrings(tree: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (typeof n === 'string') {
      if (/[\u4e00-\u9fff]/.test(n)) out.push(n);
    } else if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') Object.values(n).forEach(walk);
  };
  walk(tree);
  return out;
}

export function createWeappRuntime(opts: WeappRuntimeOptions) {
  const apiList = wechatApiList();
  const calls: WxCall[] = [];
  const errors: string[] = [];
  const logs: string[] = [];
  const storage = new Map<string, unknown>(Object.entries(opts.storage ?? {}).map(([k, v]) => [k, structuredClone(v)]));
  const http = createWeChatDouble();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let lastActivity = Date.now();
  const stack: PageInstance[] = [];
  let webviews = 0;
  let tapping = false;
  let appConfig: Json | null = null;
  let appInstance: Json | null = null;
  const pageConfigs = new Map<string, Json>();
  const componentConfigs = new Map<string, Json>();
  let loadingFile: string | null = null;
  const modules = new Map<string, { exports: unknown }>();
  const answers = opts.answers ?? {};
  /**
   * WeChat's privacy check (__usePrivacyCheck__): until the user agrees, an API on WeChat's privacy list
   * does not run; WeChat calls the app's wx.onNeedPrivacyAuthorization listener with a resolve and waits.
   * resolve({ event: 'agree' }) runs the API; 'disagree' fails it with errno 104.
   */
  const privacy = { agreed: opts.privacyAgreed ?? false, listener: null as null | ((resolve: (r: { event: string; buttonId?: string }) => void, info: { referrer: string }) => void), answers: [] as { event: string; buttonId?: string }[] };
  const PRIVACY_APIS = new Set(['chooseMessageFile', 'chooseImage', 'chooseMedia', 'chooseVideo', 'setClipboardData', 'getClipboardData', 'getLocation', 'saveImageToPhotosAlbum']);
  function behindPrivacy(api: string, o: Json, run: () => void) {
    if (privacy.agreed || !PRIVACY_APIS.has(api)) return run();
    if (!privacy.listener) {
      // No handler: WeChat shows its own popup; the test's answer is "disagree".
      answer(api, o as Callbacks, false, { errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 });
      return;
    }
    privacy.listener(
      (r) => {
        privacy.answers.push(r);
        if (r.event === 'agree') {
          privacy.agreed = true;
          run();
        } else answer(api, o as Callbacks, false, { errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 });
      },
      { referrer: api },
    );
  }

  const top = () => stack[stack.length - 1] ?? null;

  /** Calls WeChat's callbacks (success/fail, then complete) after the current task, as WeChat does. */
  function answer(api: string, options: Callbacks | undefined, ok: boolean, result: Json = {}) {
    const res = { errMsg: `${api}:${ok ? 'ok' : 'fail cancel'}`, ...result };
    const t = setTimeout(() => {
      timers.delete(t);
      try {
        if (ok) options?.success?.(res);
        else options?.fail?.(res);
        options?.complete?.(res);
      } catch (e) {
        errors.push(`${api} callback threw: ${(e as Error)?.stack ?? String(e)}`);
      }
    }, 0);
    timers.add(t);
  }

  function userAnswer(api: string, options: Json, fallback: { ok: boolean; result: unknown }) {
    behindPrivacy(api, options, () => {
      const a = answers[api];
      const r = typeof a === 'function' ? (a as (o: Json) => { ok: boolean; result: unknown })(options) : a === undefined ? fallback : { ok: true, result: a };
      answer(api, options as Callbacks, r.ok, (r.result ?? {}) as Json);
    });
  }

  const rewrite = (url: string) => (url.startsWith(opts.builtApiBase) ? opts.bffUrl + url.slice(opts.builtApiBase.length) : url);

  /** What the fake answers, by API; any other API on WeChat's list answers { errMsg: '<api>:ok' }. */
  const impl: Record<string, (o: Json, ...rest: unknown[]) => unknown> = {
    request(o) {
      inFlight += 1;
      const option = { ...(o as unknown as RequestOption), url: rewrite(String(o.url)) };
      let aborted = false;
      http.taro
        .request(option)
        .then(
          (res) => !aborted && answer('request', o as Callbacks, true, res as unknown as Json),
          (err) => !aborted && answer('request', o as Callbacks, false, err as Json),
        )
        .finally(() => {
          inFlight -= 1;
          lastActivity = Date.now();
        });
      return { abort: () => void (aborted = true), onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
    },
    getStorageSync: (key) => (storage.has(String(key)) ? structuredClone(storage.get(String(key))) : ''),
    setStorageSync: (key, value) => void storage.set(String(key), structuredClone(value)),
    removeStorageSync: (key) => void storage.delete(String(key)),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 1, limitSize: 10240 }),
    getStorage(o) {
      const key = String(o.key);
      answer('getStorage', o as Callbacks, storage.has(key), { data: storage.get(key) });
    },
    setStorage(o) {
      storage.set(String(o.key), structuredClone(o.data));
      answer('setStorage', o as Callbacks, true);
    },
    removeStorage(o) {
      storage.delete(String(o.key));
      answer('removeStorage', o as Callbacks, true);
    },
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getSystemInfo: (o) => answer('getSystemInfo', o as Callbacks, true, { ...SYSTEM_INFO }),
    getWindowInfo: () => ({ pixelRatio: 2, screenWidth: 375, screenHeight: 667, windowWidth: 375, windowHeight: 603, statusBarHeight: 20, safeArea: SYSTEM_INFO.safeArea, screenTop: 0 }),
    getDeviceInfo: () => ({ brand: 'iPhone', model: 'iPhone 8', pixelRatio: 2, platform: 'ios', system: 'iOS 17.0' }),
    getAppBaseInfo: () => ({ SDKVersion: SYSTEM_INFO.SDKVersion, language: 'zh_CN', version: '8.0.50', theme: 'light', enableDebug: false, host: { appId: '' } }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 24, right: 365, bottom: 56, left: 278 }),
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {} }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
    canIUse: () => true,
    nextTick(cb) {
      const t = setTimeout(() => {
        timers.delete(t);
        (cb as unknown as () => void)();
      }, 0);
      timers.add(t);
    },
    createSelectorQuery() {
      // Every node measured is a 375 × 44 box at the top (a phone answers each select with its rect).
      const rect = { id: '', dataset: {}, left: 0, right: 375, top: 0, bottom: 44, width: 375, height: 44, scrollLeft: 0, scrollTop: 0, scrollWidth: 375, scrollHeight: 44 };
      const results: unknown[] = [];
      const q = {
        in: () => q,
        select: () => nodeOf(false),
        selectAll: () => nodeOf(true),
        selectViewport: () => nodeOf(false),
        exec(cb?: (r: unknown[]) => void) {
          const t = setTimeout(() => {
            timers.delete(t);
            cb?.(results.slice());
          }, 0);
          timers.add(t);
          return q;
        },
      };
      const nodeOf = (all: boolean) => {
        const push = (cb?: (r: unknown) => void) => {
          const r = all ? [{ ...rect }] : { ...rect };
          results.push(r);
          if (cb) {
            const t = setTimeout(() => {
              timers.delete(t);
              cb(r);
            }, 0);
            timers.add(t);
          }
          return q;
        };
        return { boundingClientRect: push, scrollOffset: push, fields: (_f: unknown, cb?: (r: unknown) => void) => push(cb), node: push, context: push, computedStyle: push };
      };
      return q;
    },
    createIntersectionObserver: () => ({ relativeTo() { return this; }, relativeToViewport() { return this; }, observe() {}, disconnect() {} }),
    login: (o) => answer('login', o as Callbacks, true, { code: 'dev:weapp-mount' }),
    showModal: (o) => userAnswer('showModal', o, { ok: true, result: { confirm: false, cancel: true } }),
    showActionSheet: (o) => userAnswer('showActionSheet', o, { ok: false, result: {} }),
    chooseMessageFile: (o) => userAnswer('chooseMessageFile', o, { ok: false, result: {} }),
    chooseMedia: (o) => userAnswer('chooseMedia', o, { ok: false, result: {} }),
    chooseImage: (o) => userAnswer('chooseImage', o, { ok: false, result: {} }),
    requestSubscribeMessage: (o) => userAnswer('requestSubscribeMessage', o, { ok: false, result: { errMsg: 'requestSubscribeMessage:fail cancel' } }),
    getPrivacySetting: (o) => userAnswer('getPrivacySetting', o, { ok: true, result: { needAuthorization: false, privacyContractName: '《科创券小程序隐私保护指引》' } }),
    requirePrivacyAuthorize: (o) => userAnswer('requirePrivacyAuthorize', o, { ok: true, result: {} }),
    setClipboardData: (o) => userAnswer('setClipboardData', o, { ok: true, result: {} }),
    onNeedPrivacyAuthorization: (listener) => {
      privacy.listener = listener as unknown as typeof privacy.listener;
    },
  };

  const wx: Json = {};
  for (const [name] of apiList) {
    wx[name] = function wxApi(this: unknown, ...args: unknown[]) {
      calls.push({ api: name, args, page: top()?.route ?? null, inTap: tapping });
      lastActivity = Date.now();
      const f = impl[name];
      const o0 = args[0];
      // WeChat's promise style: an async API given no success/fail/complete returns a Promise (except
      // the few that return a task: request, uploadFile, downloadFile, connectSocket).
      if (
        o0 &&
        typeof o0 === 'object' &&
        !('success' in o0 || 'fail' in o0 || 'complete' in o0) &&
        !TASK_APIS.has(name) &&
        !/^(on|off|create)[A-Z]|Sync$/.test(name)
      ) {
        return new Promise((resolve, reject) => {
          const withCallbacks = { ...(o0 as Json), success: resolve, fail: reject };
          if (f) f(withCallbacks, ...args.slice(1));
          else answer(name, withCallbacks, true);
        });
      }
      if (f) return f(...(args as [Json, ...unknown[]]));
      const o = args[0];
      if (o && typeof o === 'object' && ('success' in o || 'fail' in o || 'complete' in o)) answer(name, o as Callbacks, true);
      if (/^create\w+Context$|^get\w+Manager$|^create\w+$/.test(name)) return new Proxy({}, { get: () => () => undefined });
      return undefined;
    };
  }

  const timerGlobals = {
    setTimeout: (fn: (...a: unknown[]) => void, ms?: number, ...a: unknown[]) => {
      const t = setTimeout(() => {
        timers.delete(t);
        try {
          fn(...a);
        } catch (e) {
          errors.push(`a timer threw: ${(e as Error)?.stack ?? String(e)}`);
        }
      }, ms);
      timers.add(t);
      return t;
    },
    clearTimeout: (t: NodeJS.Timeout) => {
      timers.delete(t);
      clearTimeout(t);
    },
    setInterval: (fn: (...a: unknown[]) => void, ms?: number, ...a: unknown[]) => {
      const t = setInterval(fn, ms, ...a);
      timers.add(t);
      return t;
    },
    clearInterval: (t: NodeJS.Timeout) => {
      timers.delete(t);
      clearInterval(t);
    },
  };

  const record = (level: string) => (...a: unknown[]) => {
    const text = a.map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' && 'stack' in x ? String((x as Error).stack) : safeJson(x))).join(' ');
    logs.push(`${level}: ${text}`);
    if (level === 'error') errors.push(`console.error: ${text}`);
  };

  const sandbox: Json = {
    console: { log: record('log'), info: record('info'), debug: record('debug'), warn: record('warn'), error: record('error') },
    ...timerGlobals,
    wx,
    App(config: Json) {
      appConfig = config;
    },
    Page(config: Json) {
      if (!loadingFile) throw new Error('Page() called outside a page file');
      pageConfigs.set(loadingFile, config);
    },
    Component(config: Json) {
      if (loadingFile) componentConfigs.set(loadingFile, config);
    },
    Behavior: (b: unknown) => b,
    getApp: () => appInstance,
    getCurrentPages: () => [...stack],
    requirePlugin: () => {
      throw new Error('requirePlugin: this app uses no plugins');
    },
  };
  const context = vm.createContext(sandbox, { name: 'weapp logic layer' });

  /** WeChat's module loader: one run per file, `require` relative to the file, `.js` optional. */
  function load(rel: string): unknown {
    const file = path.posix.normalize(rel.endsWith('.js') ? rel : `${rel}.js`).replace(/^\/+/, '');
    const cached = modules.get(file);
    if (cached) return cached.exports;
    const source = readFileSync(path.join(opts.dir, file), 'utf8');
    const module = { exports: {} as unknown };
    modules.set(file, module);
    const fn = vm.runInContext(`(function (require, module, exports) {${source}\n})`, context, { filename: path.join(opts.dir, file) }) as (
      r: (p: string) => unknown,
      m: { exports: unknown },
      e: unknown,
    ) => void;
    const previous = loadingFile;
    loadingFile = file.replace(/\.js$/, '');
    try {
      fn((p: string) => load(p.startsWith('.') ? path.posix.join(path.posix.dirname(file), p) : p), module, module.exports);
    } finally {
      loadingFile = previous;
    }
    return module.exports;
  }

  const onRejection = (reason: unknown) => errors.push(`unhandled rejection: ${(reason as Error)?.stack ?? safeJson(reason)}`);

  return {
    wx,
    calls,
    errors,
    logs,
    storage,
    apiList,
    stack,

    /** Runs app.js and the app's onLaunch and onShow, as WeChat does on a cold start at `path`. */
    async launch(launchPath = 'pages/index/index', query: Record<string, string> = {}) {
      process.on('unhandledRejection', onRejection);
      load('app');
      if (!appConfig) throw new Error('app.js did not call App()');
      appInstance = Object.create(appConfig) as Json;
      const options = { path: launchPath, query, scene: 1001, referrerInfo: {} };
      (appInstance.onLaunch as ((o: unknown) => void) | undefined)?.call(appInstance, options);
      (appInstance.onShow as ((o: unknown) => void) | undefined)?.call(appInstance, options);
      await this.settle();
    },

    /** Loads a page's script (its sub-package's shared chunks with it) and opens it with `query`. */
    async openPage(route: string, query: Record<string, string> = {}): Promise<PageInstance> {
      load(route);
      const config = pageConfigs.get(route);
      if (!config) throw new Error(`${route}.js did not call Page()`);
      const page = Object.create(null) as PageInstance;
      for (const [k, v] of Object.entries(config)) if (k !== 'data') page[k] = typeof v === 'function' ? v : v;
      page.data = structuredClone((config.data as Json | undefined) ?? {});
      page.route = route;
      page.__route__ = route;
      page.options = { ...query };
      webviews += 1;
      page.__wxWebviewId__ = webviews;
      page.__wxExparserNodeId__ = `page-${webviews}`;
      page.setData = function setData(patch: Json, cb?: () => void) {
        calls.push({ api: '(setData)', args: [Object.keys(patch).length, page.__wxWebviewId__], page: route });
        applySetData(page.data, patch);
        lastActivity = Date.now();
        if (cb) timerGlobals.setTimeout(cb, 0);
      };
      page.selectComponent = () => null;
      page.selectAllComponents = () => [];
      page.createSelectorQuery = () => (wx.createSelectorQuery as () => unknown)();
      page.getPageId = () => `pageId-${stack.length}`;
      stack.push(page);
      const run = (name: string, ...args: unknown[]) => {
        const f = page[name];
        if (typeof f === 'function') (f as (...a: unknown[]) => unknown).apply(page, args);
      };
      lastActivity = Date.now();
      run('onLoad', { ...query });
      run('onShow');
      run('onReady');
      // Taro renders after onLoad returns (React's scheduler): wait for the page's first setData (at most
      // 5 s: a page that renders nothing still returns), then for its requests and updates to settle.
      const started = Date.now();
      while (!calls.some((c) => c.api === '(setData)' && c.page === route && c.args[1] === page.__wxWebviewId__) && Date.now() - started < 5_000) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await this.settle();
      return page;
    },

    /**
     * A tap on the element showing `text` (the innermost element with a text child containing it), as
     * WeChat delivers it: Taro's event handler `eh` with the element's sid; Taro bubbles it to the
     * listener (e.g. a button's onClick). `type` is the WXML event ('tap', or a button's open-type event
     * such as 'agreeprivacyauthorization').
     */
    async tap(page: PageInstance, text: string, type = 'tap') {
      const path = sidPathOfText(page.data, text);
      if (!path) throw new Error(`nothing on ${page.route} reads "${text}"`);
      const target = { id: path[path.length - 1], dataset: { sid: path[path.length - 1] } };
      // A tap bubbles: WeChat calls the handler of the element, then of each ancestor (Taro runs the
      // listeners once, from the top-most bound one). Other events (a button's open-type) do not bubble.
      const chain = type === 'tap' ? [...path].reverse() : [path[path.length - 1]];
      const timeStamp = Date.now();
      tapping = true;
      try {
        for (const sid of chain) {
          (page.eh as (e: unknown) => void).call(page, { type, timeStamp, target, currentTarget: { id: sid, dataset: { sid } }, detail: {}, mark: {} });
        }
      } finally {
        tapping = false;
      }
      lastActivity = Date.now();
      await this.settle();
    },

    /** The privacy listener's answers so far (what the app told WeChat). */
    privacyAnswers: privacy.answers,

    /** Unloads the page on top (onUnload), as navigating back does. */
    async closePage() {
      const page = stack[stack.length - 1];
      if (!page) return;
      if (typeof page.onUnload === 'function') (page.onUnload as () => void).call(page);
      stack.pop();
      await this.settle();
    },

    /** Waits until no request is in flight and nothing has changed for `quietMs` (at most `maxMs`). */
    async settle(quietMs = 300, maxMs = 15_000) {
      const started = Date.now();
      for (;;) {
        await new Promise((r) => setTimeout(r, 25));
        if (inFlight === 0 && Date.now() - lastActivity >= quietMs) return;
        if (Date.now() - started > maxMs) return;
      }
    },

    /** The API names the app called that WeChat's list lacks, or that need a newer base library. */
    apisBeyond(libVersion: string): { api: string; needs: string }[] {
      const seen = new Set(calls.map((c) => c.api).filter((a) => !a.startsWith('(')));
      return [...seen]
        .map((api) => ({ api, needs: apiList.get(api) ?? 'not in WeChat' }))
        .filter((x) => x.needs === 'not in WeChat' || compareVersions(x.needs, libVersion) > 0);
    },

    stop() {
      process.off('unhandledRejection', onRejection);
      for (const t of timers) {
        clearTimeout(t);
        clearInterval(t);
      }
      timers.clear();
    },
  };
}

export type WeappRuntime = ReturnType<typeof createWeappRuntime>;

/** The sids from the root to the element whose own text child reads `text` (else contains it), or null. */
function sidPathOfText(tree: unknown, text: string): string[] | null {
  return sidPath(tree, (v) => v.trim() === text) ?? sidPath(tree, (v) => v.includes(text));
}

function sidPath(tree: unknown, matches: (v: string) => boolean): string[] | null {
  const walk = (n: unknown, path: string[]): string[] | null => {
    if (!n || typeof n !== 'object') return null;
    if (Array.isArray(n)) {
      for (const c of n) {
        const r = walk(c, path);
        if (r) return r;
      }
      return null;
    }
    const node = n as Json;
    const here = typeof node.sid === 'string' ? [...path, node.sid] : path;
    const children = Array.isArray(node.cn) ? (node.cn as Json[]) : [];
    if (typeof node.sid === 'string' && children.some((c) => typeof c?.v === 'string' && matches(c.v as string))) return here;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'v' || typeof v !== 'object') continue;
      const r = walk(v, here);
      if (r) return r;
    }
    return null;
  };
  return walk(tree, []);
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x);
  } catch {
    return String(x);
  }
}
