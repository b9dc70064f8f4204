/**
 * A lab joins the app without anyone touching the API: the unit's manager opens 我的 → 本单位工作人员,
 * generates an invite code (validity shown, copy / share), a new colleague signs in, says they are lab
 * staff, types the code and their name and lands on 工作台; the manager sees them in the staff list and
 * unbinds them again after a confirmation naming them. Screens: test-output/screenshots/invite-*.png.
 */
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { signIn } from './support/api';
import { confirmModal, demoLogin, landed, settle, typeInto, watchErrors } from './support/ui';

journey('staff join their unit with an invite issued in the app (H5 against a real BFF)', (app) => {
  test('a unit manager issues a code, a colleague redeems it and reaches 工作台, the manager unbinds them', async () => {
    // The unit's first manager was bound by an administrator (the only step outside the app).
    const services = (await (await fetch(`${app.url}/api/catalogue/services?limit=50`)).json()) as { items: { unit: { id: string; name: string; status: string } }[] };
    const unit = services.items.find((s) => s.unit.status === 'active')!.unit;
    const admin = await signIn(app.url, 'dev:admin');
    const first = await admin.call<{ code: string }>('POST', `/api/open-units/${unit.id}/invites`, { manager: true });
    const boss = await signIn(app.url, 'dev:team-boss');
    expect((await boss.call('POST', '/api/invites/redeem', { code: first.body.code, name: '张主任' })).status).toBe(200);

    const errors: string[] = [];
    // ——— The manager: 我的 → 本单位工作人员 → 生成邀请码. ———
    const bossPage = await phonePage(app.browser);
    watchErrors(bossPage, errors);
    await demoLogin(bossPage, app.url, 'team-boss');
    await landed(bossPage);
    await bossPage.goto(`${app.url}/#/pages/mine/index`);
    expect(await bossPage.locator('#mine-name').textContent()).toBe('张主任');
    expect(await bossPage.locator('#mine-roles').textContent()).toBe(`开放单位管理员 · ${unit.name}`);
    await bossPage.locator('#staff-team-entry').click();
    await bossPage.locator('#unit-team #staff-list[data-count="1"]').waitFor({ timeout: 20_000 });
    expect(await bossPage.locator('#staff-list').textContent()).toContain('张主任（我）');
    await bossPage.locator('#issue-invite').click();
    const card = bossPage.locator('#invite-card');
    await card.waitFor({ timeout: 20_000 });
    const code = (await card.getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await bossPage.locator('#invite-code-value').textContent()).toBe(code);
    expect(await bossPage.locator('#invite-expiry').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 前有效，只能使用一次$/);
    await bossPage.locator('#copy-invite').waitFor();
    await bossPage.locator('#share-invite').waitFor();
    await settle(bossPage);
    await capture(bossPage, 'invite-01-issued');

    // ——— The colleague: first sign-in → 我是实验室工作人员 → the code, typed sloppily, and a name. ———
    const page = await phonePage(app.browser);
    watchErrors(page, errors);
    await demoLogin(page, app.url, 'team-newbie');
    await page.locator('#intent').waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'invite-02-intent');
    await page.locator('#intent-join').click();
    await page.locator('#join-unit[data-state="form"]').waitFor({ timeout: 20_000 });
    await typeInto(page, 'invite-code', code.toLowerCase().replace(/-/g, ' '));
    await page.locator('#join-submit').click();
    // Refused on the field, before anything is sent.
    await page.locator('#join-form .field__message').getByText('请填写姓名，便于本单位管理员识别').waitFor();
    await typeInto(page, 'staff-name', '王晓娜');
    await settle(page);
    await capture(page, 'invite-03-join-form');
    await page.locator('#join-submit').click();
    await page.locator('#join-unit[data-state="joined"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#join-result').textContent()).toContain(`已加入「${unit.name}」`);
    await settle(page);
    await capture(page, 'invite-04-joined');
    await page.locator('#go-desk').click();
    await page.locator('#staff-desk').waitFor({ timeout: 20_000 });
    expect(await page.locator('#staff-desk').textContent()).toContain(unit.name);
    await page.waitForFunction(() => document.querySelectorAll('.weui-tabbar__item')[2]?.textContent?.includes('工作台'), undefined, { timeout: 10_000 });
    // The same code cannot be used twice.
    const again = await (await signIn(app.url, 'dev:team-late')).call<{ error: { code: string } }>('POST', '/api/invites/redeem', { code });
    expect(again.body.error.code).toBe('INVITE_USED');

    // ——— The manager sees the colleague by name, and unbinds them after a confirmation. ———
    await bossPage.reload();
    await bossPage.locator('#unit-team #staff-list[data-count="2"]').waitFor({ timeout: 20_000 });
    const row = bossPage.locator('.staff-row', { hasText: '王晓娜' });
    await settle(bossPage);
    await capture(bossPage, 'invite-05-staff-list');
    await row.locator('.staff-row__unbind').click();
    const asked = await confirmModal(bossPage);
    expect(asked).toContain(`「王晓娜」将不再是「${unit.name}」的工作人员`);
    await bossPage.locator('#unit-team #staff-list[data-count="1"]').waitFor({ timeout: 20_000 });
    const newbie = await signIn(app.url, 'dev:team-newbie');
    expect((await newbie.call<{ openUnit: unknown }>('GET', '/api/me')).body.openUnit).toBeNull();

    // Unbound, the 工作台 gate offers the code again.
    await page.goto(`${app.url}/#/staff/contracts/index`);
    await page.locator('#staff-gate[data-gate="forbidden"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#staff-gate').textContent()).toContain('输入邀请码');
    expect(errors).toEqual([]);
  }, 180_000);
});
