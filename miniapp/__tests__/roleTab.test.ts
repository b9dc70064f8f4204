import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TAB_PAGES, VOUCHERS_PAGE, contractPage, linkTarget } from '@kcq/shared';
import { ROLE_TABS, ROLE_TAB_INDEX, staffDeskCounts, tabRoleOf } from '../logic/roleTab';
import { proposal, registeredContract } from '../../mock/api';

// app.config.ts calls Taro's global defineAppConfig; in a test it is the identity.
(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const appConfig = require('../app.config').default as {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[] };
};

const allPages = [...appConfig.pages, ...appConfig.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))].map((p) => `/${p}`);

describe('the tab bar by role', () => {
  const me = (over: { roles?: string[]; applicant?: unknown; openUnit?: unknown }) => ({ roles: [], applicant: null, openUnit: null, ...over });

  test('applicants (and the signed-out) get 我的券, staff 工作台, administrators 管理', () => {
    expect(tabRoleOf(null)).toBe('applicant');
    expect(tabRoleOf(me({}))).toBe('applicant');
    expect(tabRoleOf(me({ roles: ['applicant'], applicant: { id: 'ap_1' } }))).toBe('applicant');
    expect(tabRoleOf(me({ roles: ['staff'], openUnit: { id: 'ou_1' } }))).toBe('staff');
    expect(tabRoleOf(me({ roles: ['admin'] }))).toBe('admin');
    // Staff who are also administrators work at their unit's desk; administrators reach 管理 from 我的 too.
    expect(tabRoleOf(me({ roles: ['staff', 'admin'], openUnit: { id: 'ou_1' } }))).toBe('staff');
    // A registered applicant keeps 我的券 whatever else they are: their deadlines run (第十五条).
    expect(tabRoleOf(me({ roles: ['applicant', 'admin'], applicant: { id: 'ap_1' } }))).toBe('applicant');
    // An expert (第十五条4) reviews from the role tab: 评审, their tasks; an administrator who is also an expert keeps 管理.
    expect(tabRoleOf(me({ roles: ['expert'] }))).toBe('expert');
    expect(tabRoleOf(me({ roles: ['admin', 'expert'] }))).toBe('admin');
    expect([ROLE_TABS.applicant.text, ROLE_TABS.staff.text, ROLE_TABS.admin.text, ROLE_TABS.expert.text]).toEqual(['我的券', '工作台', '管理', '评审']);
  });

  test('the role tab is the desk page in app.config.ts, labelled for applicants until /api/me answers', () => {
    const tab = appConfig.tabBar.list[ROLE_TAB_INDEX];
    expect(`/${tab.pagePath}`).toBe(VOUCHERS_PAGE);
    expect(tab.text).toBe(ROLE_TABS.applicant.text);
    expect([tab.iconPath, tab.selectedIconPath]).toEqual([ROLE_TABS.applicant.iconPath, ROLE_TABS.applicant.selectedIconPath]);
  });

  test('every role icon exists (setTabBarItem names them at run time; the build copies assets/tab)', () => {
    for (const t of Object.values(ROLE_TABS)) {
      for (const icon of [t.iconPath, t.selectedIconPath]) {
        const file = path.join(__dirname, '..', icon);
        expect(existsSync(file)).toBe(true);
        // A PNG, and under WeChat's 40 KB limit for tab icons.
        const bytes = readFileSync(file);
        expect(bytes.subarray(1, 4).toString()).toBe('PNG');
        expect(bytes.length).toBeLessThan(40 * 1024);
      }
    }
  });

  test("the staff desk counts only the unit's own contracts: to confirm, registered, ready for redemption (第十五条3)", () => {
    const other = { ...proposal, id: 'ct_other', unitId: 'ou_other' };
    const running = { ...registeredContract, id: 'ct_running', terms: { ...registeredContract.terms!, endDay: '2026-12-31' } };
    const counts = staffDeskCounts([proposal, other, registeredContract, running], proposal.unitId, '2026-11-21');
    expect(counts).toEqual({ pending: 1, registered: 2, redeemable: 1 });
    expect(staffDeskCounts([], proposal.unitId, '2026-11-21')).toEqual({ pending: 0, registered: 0, redeemable: 0 });
  });
});

describe('pages the BFF links to (message centre, subscribe messages)', () => {
  test('exist in app.config.ts, and the tab list is the one linkTarget knows', () => {
    expect(allPages).toContain(VOUCHERS_PAGE);
    expect(allPages).toContain(contractPage('ct_1').split('?')[0]);
    expect(appConfig.tabBar.list.map((t) => `/${t.pagePath}`)).toEqual(TAB_PAGES);
  });

  test('a tab page opens with switchTab and no query; any other page with navigateTo, query kept', () => {
    expect(linkTarget(`${VOUCHERS_PAGE}?id=vch_1`)).toEqual({ tab: true, url: VOUCHERS_PAGE });
    expect(linkTarget('pages/mine/index')).toEqual({ tab: true, url: '/pages/mine/index' });
    expect(linkTarget(contractPage('ct_1'))).toEqual({ tab: false, url: '/my/contract/index?id=ct_1' });
  });
});
