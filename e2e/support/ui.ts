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
