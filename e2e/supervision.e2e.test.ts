/**
 * Supervision end to end (第十六、十七、十八条; docs/supervision.md), H5 against a real BFF at phone size:
 * a founder has the app open → an administrator, on the phone, goes 管理 → 违规案件 → 立案 (finds the
 * enterprise by name, names the misconduct of 第十六条, uploads evidence) → decides a three-year ban
 * (第十七条) after a confirmation → the founder taps 领取 and the claim sheet refuses with the ban's last
 * day and the day claiming is possible again → the founder's home and 我的券 show the banner with the
 * reason and dates, and the one appeal is made from it → the administrator sees the appeal and revises
 * the decision once → a spot check is drawn with its seed shown and an item's check recorded (第十八条)
 * and a case opened from it → signed out, the public page (公开数据) shows the period's quota and what was claimed.
 * Screens: test-output/screenshots/supervision-*.png, copied to docs/screenshots.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, addYears, formatFen, shanghaiDay } from '@kcq/shared';
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn } from './support/api';
import { confirmModal, demoLogin, landed, settle, typeInto, watchErrors } from './support/ui';

const DOCS = path.resolve(__dirname, '../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  // After any success toast (1.5 s and its fade) has gone.
  await settle(page, 2600);
  const file = await capture(page, name);
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(file, path.join(DOCS, `${name}.png`));
}

async function typeText(page: Page, id: string, text: string) {
  await page.locator(`#${id} textarea`).fill(text);
}

/** 2029-12-04 → 2029年12月4日, as the screens write a day. */
const cn = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

journey('supervision: a case, a ban and its refusal, the appeal, a spot check, the public figures (H5 against a real BFF)', (app) => {
  test('立案 → 取消三年申报资格 → the claim sheet refuses with the end date → banner and appeal → revision → spot check → 公开数据 signed out', async () => {
    const name = '北京监督测试科技有限公司';
    const today = shanghaiDay(new Date());
    // POLICY.md Decision: from today, the last day is the day before the third anniversary.
    const until = addYears(today, 3);
    const lastDay = addDays(until, -1);

    // ——— Through the API: the founder registers; another founder claims in the open period. ———
    const founder = await signIn(app.url, 'dev:sv-founder');
    expect((await founder.call('POST', '/api/applicants', enterpriseProfile(name, creditCode('MA7J00W1')))).status).toBe(201);
    const rival = await signIn(app.url, 'dev:sv-rival');
    expect((await rival.call('POST', '/api/applicants', enterpriseProfile('北京守规科技有限公司', creditCode('MA7J00W2')))).status).toBe(201);
    const periods = (await (await fetch(`${app.url}/api/periods`)).json()) as { periods: { id: string; name: string; status: string; quotaFen: number }[] };
    const open = periods.periods.find((p) => p.status === 'open')!;
    expect((await rival.call('POST', `/api/periods/${open.id}/claims`, { amountFen: 3_000_000 }, { 'Idempotency-Key': 'sv-claim-0001' })).status).toBe(201);
    const errors: string[] = [];

    // ——— The founder has the app open on home, eligible, with 领取. ———
    const fp = await phonePage(app.browser);
    watchErrors(fp, errors);
    await demoLogin(fp, app.url, 'sv-founder');
    await landed(fp);
    await fp.goto(`${app.url}/#/pages/index/index`);
    const claimButton = fp.locator('.period-card[data-status="open"] .claim-button').first();
    await claimButton.waitFor({ timeout: 20_000 });
    expect(await fp.locator('#sanctions').count()).toBe(0);

    // ——— The administrator: 管理 → 违规案件 → 立案. ———
    const ad = await phonePage(app.browser);
    watchErrors(ad, errors);
    await demoLogin(ad, app.url, 'admin');
    await landed(ad);
    await ad.goto(`${app.url}/#/pages/desk/index`);
    await ad.locator('#admin-cases-entry').click();
    await ad.locator('#supervision-cases').waitFor({ timeout: 20_000 });
    await ad.locator('#new-case').click();
    await ad.locator('#case-form').waitFor({ timeout: 20_000 });
    // Nothing chosen: refused on the fields before anything is sent.
    await ad.locator('#open-case').click();
    const refused = (await ad.locator('#case-form').textContent()) ?? '';
    for (const m of ['请先查找并选择当事方', '请选择至少一项违规行为（第十六条）', '请填写案情摘要']) expect(refused).toContain(m);
    await typeInto(ad, 'party-q', '监督测试');
    await ad.locator('#party-search').click();
    const match = ad.locator('#party-matches .party-match', { hasText: name });
    await match.waitFor({ timeout: 20_000 });
    await match.click();
    await ad.locator('#concerned').waitFor({ timeout: 20_000 });
    await ad.locator('#misconduct-kinds .misconduct-kind[data-code="false_information"]').click();
    await typeText(ad, 'case-summary', '申领时申报的职工人数与社保缴纳记录不符（第十六条）');
    await shot(ad, 'supervision-01-case-form');
    await ad.locator('#open-case').click();
    await ad.locator('#supervision-case[data-status="open"]').waitFor({ timeout: 20_000 });
    // Evidence: a PDF through the same picker as a redemption's evidence.
    await ad.locator('#case-file-input').setInputFiles({ name: '社保缴纳记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await ad.locator('#case-files .case-file', { hasText: '社保缴纳记录.pdf' }).waitFor({ timeout: 20_000 });

    // ——— The decision (第十七条): a measure and a reason are required; the confirmation says what happens. ———
    await ad.locator('#decide').click();
    const missing = (await ad.locator('#decision-form').textContent()) ?? '';
    expect(missing).toContain('请选择至少一项处理措施（第十七条）');
    expect(missing).toContain('请写明处理决定的理由');
    // An applicant cannot be removed (除名 is for open units): it is not offered.
    expect(await ad.locator('#measure-picks .measure-pick[data-code="removal"]').count()).toBe(0);
    await ad.locator('#measure-picks .measure-pick[data-code="ban"]').click();
    await typeText(ad, 'decision-reason', '经核查，申领时提供虚假职工人数，情节较重');
    await ad.locator('#decide').click();
    const said = await confirmModal(ad);
    expect(said).toContain(`当事方：${name}`);
    expect(said).toContain('取消三年申报资格');
    await ad.locator('#supervision-case[data-status="decided"]').waitFor({ timeout: 20_000 });
    expect(await ad.locator('#case-decision .measure-line[data-kind="ban"]').textContent()).toContain(`${cn(today)} 至 ${cn(lastDay)}（含），${cn(until)}起恢复`);
    // The case log: who (the administrator) and when, for each step, its chain verified.
    expect(await ad.locator('#case-log .log-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event')))).toEqual(['open', 'files', 'decide']);
    expect(await ad.locator('#case-log .log-row').first().textContent()).toMatch(/立案管理部门（[A-Za-z0-9_-]{6}） · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await ad.locator('#case-log').getAttribute('data-verified')).toBe('true');
    await shot(ad, 'supervision-02-case-decided');

    // ——— The founder, app still open, taps 领取: the claim sheet refuses with the end date. ———
    await claimButton.click();
    await fp.locator('#claim-sheet[data-step="editing"]').waitFor();
    await fp.locator('#claim-confirm').click();
    await fp.locator('#claim-result[data-result="refused"][data-code="APPLICANT_BANNED"]').waitFor({ timeout: 20_000 });
    const ban = fp.locator('#claim-ban');
    expect(await ban.getAttribute('data-until')).toBe(until);
    const banText = (await ban.textContent()) ?? '';
    expect(banText).toContain(`${cn(today)} 至 ${cn(lastDay)}（含）`);
    expect(banText).toContain(`${cn(until)}起可重新申领`);
    await shot(fp, 'supervision-03-claim-refused');

    // ——— Home and 我的券 show the decision, its dates, what still stands; the one appeal. ———
    await fp.reload();
    const banner = fp.locator('#sanctions .sanction').first();
    await banner.waitFor({ timeout: 20_000 });
    const bannerText = (await banner.textContent()) ?? '';
    for (const t of ['申报资格已被取消（第十七条）', '经核查，申领时提供虚假职工人数', '提供虚假信息', `${cn(lastDay)}（含）`, `${cn(until)}起恢复`, '已登记的合同继续履行']) expect(bannerText).toContain(t);
    await fp.goto(`${app.url}/#/pages/desk/index`);
    const deskBanner = fp.locator('#desk #sanctions .sanction').first();
    await deskBanner.waitFor({ timeout: 20_000 });
    await deskBanner.locator('.sanction-appeal').click();
    await deskBanner.locator('.sanction-appeal-submit').click();
    await deskBanner.locator('.field__message', { hasText: '请写明申诉理由' }).waitFor();
    await deskBanner.locator('textarea').fill('职工人数按申领当月在职人员计算，已补充劳动合同，请求复核');
    await shot(fp, 'supervision-04-banner-appeal');
    await deskBanner.locator('.sanction-appeal-submit').click();
    expect(await confirmModal(fp)).toContain('每个案件只能申诉一次');
    await fp.locator('#desk #sanctions .sanction', { hasText: '已提出申诉，等待管理部门复核' }).waitFor({ timeout: 20_000 });
    expect(await fp.locator('#desk .sanction-appeal').count()).toBe(0);

    // ——— The administrator sees the appeal and revises the decision once (the ban kept keeps its dates). ———
    await ad.reload();
    await ad.locator('#supervision-case[data-status="appealed"]').waitFor({ timeout: 20_000 });
    expect(await ad.locator('#case-appeal').textContent()).toContain('已补充劳动合同');
    expect(await ad.locator('#decision-form').getAttribute('data-revising')).toBe('true');
    expect(await ad.locator('#measure-picks .measure-pick[data-code="ban"]').getAttribute('data-on')).toBe('true');
    await typeText(ad, 'decision-reason', '补充材料不能证明申报人数属实，维持原决定');
    await ad.locator('#decide').click();
    expect(await confirmModal(ad)).toContain('复核决定只能作出一次');
    await ad.locator('#supervision-case[data-status="revised"]').waitFor({ timeout: 20_000 });
    expect(await ad.locator('#decision-form').count()).toBe(0);
    expect(await ad.locator('#case-decision .measure-line[data-kind="ban"]').textContent()).toContain(`${cn(lastDay)}（含）`);
    expect(await ad.locator('#previous-decision-0').textContent()).toContain('经核查，申领时提供虚假职工人数');

    // ——— 监督抽查 (第十八条): draw open units, the seed shown, one item's check recorded. ———
    await ad.goto(`${app.url}/#/pages/desk/index`);
    await ad.locator('#admin-checks-entry').click();
    await ad.locator('#spot-checks').waitFor({ timeout: 20_000 });
    await typeInto(ad, 'draw-title', '2026年第四季度开放单位抽查');
    await ad.locator('#draw-population').getByText('开放单位', { exact: true }).click();
    await typeInto(ad, 'draw-amount', '2');
    await typeInto(ad, 'draw-seed', '20261205');
    await ad.locator('#draw').click();
    await ad.locator('#spot-check').waitFor({ timeout: 20_000 });
    expect(await ad.locator('#check-seed').textContent()).toBe('20261205');
    expect(await ad.locator('#check-replay').getAttribute('data-same')).toBe('true');
    const item = ad.locator('.spot-item').first();
    expect(await ad.locator('.spot-item').count()).toBe(2);
    await item.getByText('发现问题，已要求整改', { exact: true }).click();
    await item.locator('textarea').fill('服务台账缺少两次检测的原始记录，已要求十个工作日内补齐');
    await item.locator('.save-check').click();
    await ad.locator('.spot-item[data-outcome="issues_found"]').first().waitFor({ timeout: 20_000 });
    await shot(ad, 'supervision-05-spot-check');
    // A case from that item: the sampled unit is the party, already chosen; the case remembers where it came from.
    await ad.locator('.spot-item[data-outcome="issues_found"] .case-from-item').click();
    await ad.locator('#party-matches .party-match[data-on="true"]').waitFor({ timeout: 20_000 });
    await ad.locator('#misconduct-kinds .misconduct-kind[data-code="refusing_supervision"]').click();
    await typeText(ad, 'case-summary', '抽查中拒不提供服务台账原始记录');
    await ad.locator('#open-case').click();
    await ad.locator('#supervision-case[data-status="open"]').waitFor({ timeout: 20_000 });
    expect(await ad.locator('#case-concerned').textContent()).toContain('由监督抽查立案');
    // 除名 is offered for an open unit.
    expect(await ad.locator('#measure-picks .measure-pick[data-code="removal"]').count()).toBe(1);

    // ——— Signed out: home → 公开数据, the period's quota and what was claimed. ———
    const pub = await phonePage(app.browser);
    watchErrors(pub, errors);
    await pub.goto(`${app.url}/#/pages/index/index`);
    await pub.locator('#home-figures-link').click();
    const card = pub.locator('.figures__period', { hasText: open.name });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.locator('.figures__quota').textContent()).toBe(formatFen(open.quotaFen));
    expect(await card.locator('.figures__claimed').textContent()).toBe(formatFen(3_000_000));
    expect(await pub.locator('#figures-by-status .status-chart__row[data-key="claimed"]').getAttribute('data-count')).toBe('1');
    // Aggregates only: no applicant is named.
    const page = (await pub.locator('#public-figures').textContent()) ?? '';
    expect(page).not.toContain('北京守规科技有限公司');
    expect(page).not.toContain(name);
    await shot(pub, 'supervision-06-public-figures');

    expect(errors).toEqual([]);
  }, 240_000);
});
