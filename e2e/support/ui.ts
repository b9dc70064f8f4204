/** Page helpers the browser journeys share (Taro H5 markup). */
import type { Page } from 'playwright-core';

/** Types into a Taro <Input> (H5 renders <taro-input-core id=…><input/>). */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  const input = page.locator(`#${id} input`);
  await input.fill('');
  await input.fill(text);
}

/** H5 demo sign-in through the 演示登录 form (`dev:<slug>`). */
export async function demoLogin(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.locator('#demo-name input').waitFor({ timeout: 30_000 });
  await typeInto(page, 'demo-name', name);
  await page.locator('#demo-login-submit').click();
}

/**
 * Collects the page's uncaught errors (a journey ends with `expect(errors).toEqual([])`); pass `into`
 * to gather several pages' errors in one list.
 */
export function watchErrors(page: Page, into: string[] = []): string[] {
  page.on('pageerror', (e) => into.push(e.message));
  return into;
}

/**
 * After the demo sign-in: the page it leads to has rendered, so a navigation does not race it. Sign-in
 * lands on home, the role tab's desk (staff, administrators), or — someone with no role yet — the
 * question of what they are here to do (#intent).
 */
export async function landed(page: Page): Promise<void> {
  await page.locator('#eligibility-panel, .period-card, #desk, #intent').first().waitFor({ timeout: 20_000 });
}

/** Lets the page settle (fonts, NutUI transitions) before a screenshot. */
export const settle = (page: Page, ms = 400): Promise<void> => page.waitForTimeout(ms);

/** Scrolls the window to the bottom (what a thumb does to load the next page). */
export async function scrollToBottom(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.mouse.wheel(0, 2000);
}

/**
 * Confirms the confirmation on screen and returns what it said: the app's own (components/Confirm.tsx,
 * a NutUI Dialog: taps the step's button) or a Taro.showModal dialog (taps 确定).
 */
export async function confirmModal(page: Page): Promise<string> {
  const nut = page.locator('.confirm-dialog .nut-dialog:visible');
  const taro = page.locator('.taro-modal__content:visible');
  await nut.or(taro).last().waitFor({ state: 'visible', timeout: 10_000 });
  if (await nut.isVisible()) {
    const text = (await nut.textContent()) ?? '';
    await nut.locator('.nut-dialog-footer-ok').click();
    await page.locator('.confirm-dialog .nut-dialog:visible').waitFor({ state: 'detached', timeout: 10_000 });
    return text;
  }
  const modal = taro.last();
  const text = (await modal.textContent()) ?? '';
  await modal.locator('.taro-model__confirm').click();
  return text;
}

/** Cancels the app's confirmation (取消) and returns what it said. */
export async function cancelConfirm(page: Page): Promise<string> {
  const nut = page.locator('.confirm-dialog .nut-dialog:visible');
  await nut.waitFor({ state: 'visible', timeout: 10_000 });
  const text = (await nut.textContent()) ?? '';
  await nut.locator('.nut-dialog-footer-cancel').click();
  await nut.waitFor({ state: 'hidden', timeout: 10_000 });
  return text;
}

/** Taro H5 picker geometry (components/picker/constant.js): rows 34 px, the wheel 7 rows tall at the screen's bottom. */
const PICKER_ROW = 34;
const PICKER_TOP = 102;
const PICKER_HEIGHT = PICKER_ROW * 7;

/**
 * Turns one wheel of an open Taro picker to the row reading `target`, the way a thumb does it by taps:
 * a tap on a row above or below the middle brings that row to the middle (at most 3 rows a tap).
 */
async function turnWheel(page: Page, wheel: ReturnType<Page['locator']>, target: string): Promise<void> {
  for (let tap = 0; tap < 60; tap++) {
    const at = await wheel.evaluate(
      (el, { target, row, top }) => {
        const content = el.querySelector('.weui-picker__content') as HTMLElement | null;
        const m = /translate3d\(0(?:px)?,\s*(-?[\d.]+)px/.exec(content?.style.transform ?? '');
        const current = Math.round((top - (m ? Number(m[1]) : top)) / row);
        const rows = Array.from(el.querySelectorAll('.weui-picker__item')).map((x) => (x.textContent ?? '').trim());
        let best = -1;
        rows.forEach((t, i) => {
          if (t === target && (best < 0 || Math.abs(i - current) < Math.abs(best - current))) best = i;
        });
        return { current, best, rows: rows.length };
      },
      { target, row: PICKER_ROW, top: PICKER_TOP },
    );
    if (at.best < 0) throw new Error(`the picker has no row "${target}"`);
    if (at.best === at.current) return;
    const step = Math.max(-3, Math.min(3, at.best - at.current));
    const box = await wheel.boundingBox();
    const viewport = page.viewportSize();
    if (!box || !viewport) throw new Error('the picker is not on screen');
    await page.mouse.click(box.x + box.width / 2, viewport.height - PICKER_HEIGHT / 2 + step * PICKER_ROW);
    await page.waitForTimeout(380);
  }
  throw new Error(`could not turn the picker to "${target}"`);
}

/**
 * Opens the picker of the row `#id` (components/DateField.tsx) and returns its open sheet (Taro's H5
 * picker draws it at the end of <body>; only the open one is shown).
 */
export async function openPicker(page: Page, id: string) {
  await page.locator(`#${id}`).click();
  const sheet = page.locator('.weui-picker:visible');
  await sheet.waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(350);
  return sheet;
}

async function confirmPicker(page: Page, sheet: ReturnType<Page['locator']>): Promise<void> {
  await sheet.locator('.weui-picker__action').last().click();
  await sheet.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Chooses a day (YYYY-MM-DD) on the date picker of row `#id` by taps: year, month, day wheels, then 确定. */
export async function pickDate(page: Page, id: string, day: string): Promise<void> {
  const [y, m, d] = day.split('-');
  const sheet = await openPicker(page, id);
  const wheels = sheet.locator('taro-picker-group');
  await turnWheel(page, wheels.nth(0), `${y}年`);
  await turnWheel(page, wheels.nth(1), `${m}月`);
  await turnWheel(page, wheels.nth(2), `${d}日`);
  await confirmPicker(page, sheet);
  await page.locator(`#${id}[data-value="${day}"]`).waitFor({ timeout: 5_000 });
}

/** Chooses a time (HH:mm) on the time picker of row `#id` by taps, then 确定. */
export async function pickTime(page: Page, id: string, time: string): Promise<void> {
  const [h, mi] = time.split(':');
  const sheet = await openPicker(page, id);
  const wheels = sheet.locator('taro-picker-group');
  await turnWheel(page, wheels.nth(0), h);
  await turnWheel(page, wheels.nth(1), mi);
  await confirmPicker(page, sheet);
  await page.locator(`#${id}[data-value="${time}"]`).waitFor({ timeout: 5_000 });
}
