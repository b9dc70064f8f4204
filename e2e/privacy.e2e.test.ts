/**
 * WeChat's privacy rules on H5 (issue #19): the same privacy guide page as the mini-program, reachable
 * signed out from the sign-in page and by its own address. (The popup that answers WeChat's privacy check
 * and the subscribe-message prompt exist only inside WeChat: components/PrivacyPopup.tsx and
 * SubscribePrompt.tsx render nothing on H5, and are covered by miniapp/__tests__/privacy.test.tsx and
 * subscribe.test.tsx, and the built weapp by e2e/weapp-mount.test.ts.)
 */
import { capture, PHONE, phonePage } from './support/browser';
import { journey } from './support/journey';
import { settle, watchErrors } from './support/ui';

journey('privacy guide (H5 against a real BFF)', (app) => {
  test('signed out, the sign-in page links the privacy guide, which says what is collected and what works without agreeing', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await page.goto(`${app.url}/#/pages/login/index`);
    const link = page.locator('#privacy-guide-entry');
    await link.waitFor({ timeout: 30_000 });
    expect(await link.textContent()).toBe('《科创券小程序隐私保护指引》');
    await link.click();
    const guide = page.locator('#privacy-guide');
    await guide.waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('/my/privacy/index');
    const text = (await guide.textContent()) ?? '';
    for (const heading of ['登录信息', '您填报的信息', '文件和图片（需要您同意）', '剪贴板（需要您同意）', '订阅消息', '保存和使用']) expect(text).toContain(heading);
    expect(text).toContain('不同意时无法选择文件，其他功能照常使用');
    expect(text).toContain('每次允许只发送一条');
    // Nothing about WeChat's popup on H5: it never shows outside WeChat.
    expect(await page.locator('#privacy-popup').count()).toBe(0);
    // Once the page has slid in, it fits the phone's width.
    await settle(page, 800);
    const box = (await guide.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width + 1);
    expect(errors).toEqual([]);
  });

  test('the guide opens by its own address too (a link shared outside WeChat)', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await page.goto(`${app.url}/#/my/privacy/index`);
    await page.locator('#privacy-files').waitFor({ timeout: 30_000 });
    expect(await page.locator('#privacy-files').textContent()).toContain('上传证明材料时');
    await settle(page);
    await capture(page, 'privacy-guide');
    expect(errors).toEqual([]);
  });
});
