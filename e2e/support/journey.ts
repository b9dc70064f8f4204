/**
 * The frame every browser journey shares: a describe block that is skipped when there is no browser
 * (an error instead under REQUIRE_BROWSER=1, see browser.ts), with a server and a Chromium started
 * before its tests and stopped after them.
 *
 *   journey('lab catalogue (H5 against a real BFF)', (app) => {
 *     test('…', async () => {
 *       const page = await phonePage(app.browser);
 *       await page.goto(`${app.url}/#/pages/labs/index`);
 *     });
 *   });
 */
import type { Browser } from 'playwright-core';
import { browserAvailable, launch } from './browser';
import { startAppServer } from './bff';

export type AppServer = Awaited<ReturnType<typeof startAppServer>>;

/** What a journey runs against; read it inside tests (it is started in beforeAll). */
export interface Journey<S> {
  readonly browser: Browser;
  readonly server: S;
  /** The server's base URL, e.g. http://127.0.0.1:51234. */
  readonly url: string;
}

export interface JourneyOptions<S> {
  /** Starts the server the app is opened on: by default a real BFF serving the H5 build. */
  start?: () => Promise<S>;
  /** Time allowed to start the server and the browser (beforeAll), in ms: 60 s by default. */
  setupTimeout?: number;
}

type Server = { url: string; stop(): Promise<void> };

export function journey(title: string, body: (app: Journey<AppServer>) => void): void;
export function journey<S extends Server = AppServer>(title: string, options: JourneyOptions<S>, body: (app: Journey<S>) => void): void;
export function journey<S extends Server>(
  title: string,
  optionsOrBody: JourneyOptions<S> | ((app: Journey<S>) => void),
  maybeBody?: (app: Journey<S>) => void,
): void {
  const options: JourneyOptions<S> = typeof optionsOrBody === 'function' ? {} : optionsOrBody;
  const body = typeof optionsOrBody === 'function' ? optionsOrBody : maybeBody!;
  const start = options.start ?? (startAppServer as unknown as () => Promise<S>);
  const setupTimeout = options.setupTimeout ?? 60_000;

  const run = browserAvailable() ? describe : describe.skip;
  run(title, () => {
    let browser: Browser | undefined;
    let server: S | undefined;

    beforeAll(async () => {
      server = await start();
      browser = await launch();
    }, setupTimeout);
    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const started = <T>(value: T | undefined, what: string): T => {
      if (value === undefined) throw new Error(`journey "${title}": no ${what} (read it inside a test, after beforeAll)`);
      return value;
    };
    body({
      get browser() {
        return started(browser, 'browser');
      },
      get server() {
        return started(server, 'server');
      },
      get url() {
        return started(server, 'server').url;
      },
    });
  });
}
