/**
 * Headless Chromium from Debian (/usr/bin/chromium) driven by playwright-core, at phone size.
 * Nothing is downloaded: when the binary is missing the suite is skipped loudly, or fails
 * when REQUIRE_BROWSER=1 (CI).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-output/screenshots');
/** iPhone 12/13/14-class viewport. */
export const PHONE = { width: 390, height: 844 };

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist`);
  const bar = '!'.repeat(80);
  process.stderr.write(`\n${bar}\n!!! SKIPPED: browser suites — ${CHROMIUM} not found (apt-get install chromium)\n${bar}\n\n`);
  return false;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

/** Saves a full-page PNG under test-output/screenshots/<name>.png and returns its path. */
export async function capture(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
