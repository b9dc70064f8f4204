/**
 * Mini-program pages the BFF links to (message centre entries, WeChat subscribe messages): declared
 * here so that the BFF never names a page the app does not have (miniapp/__tests__/links.test.ts
 * checks each against app.config.ts).
 */

/** The role tab's page (我的券 for applicants). A tab page: opened with switchTab, so no query. */
export const VOUCHERS_PAGE = '/pages/desk/index';

/** A contract's detail (sub-package `my`). */
export const contractPage = (contractId: string): string => `/my/contract/index?id=${encodeURIComponent(contractId)}`;

/** The tab pages (app.config.ts tabBar): a link to one of them must be opened with switchTab. */
export const TAB_PAGES: readonly string[] = ['/pages/index/index', '/pages/labs/index', VOUCHERS_PAGE, '/pages/mine/index'];

/** How to open a link: switchTab for a tab page (its query dropped, as switchTab takes none), navigateTo otherwise. */
export function linkTarget(page: string): { tab: boolean; url: string } {
  const url = page.startsWith('/') ? page : `/${page}`;
  const path = url.split('?')[0];
  return TAB_PAGES.includes(path) ? { tab: true, url: path } : { tab: false, url };
}
