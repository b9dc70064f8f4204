import Taro from '@tarojs/taro';
import { ROLE_TABS, ROLE_TAB_INDEX, type TabRole } from '../logic/roleTab';

const KEY = 'kcq.tabRole';
// H5 resolves a relative icon path against the page URL; the build copies the icons to the site root.
const ICON_BASE = process.env.TARO_ENV === 'h5' ? '/' : '';

let shown: TabRole = 'applicant';

/** The role last seen in /api/me (kept across launches, so the tab is right before the first answer). */
export function storedTabRole(): TabRole {
  const r = Taro.getStorageSync(KEY) as string;
  return r === 'staff' || r === 'admin' || r === 'expert' ? r : 'applicant';
}

/** Sets the third tab's label and icon for `role` (a no-op when it already shows it). */
export function applyRoleTab(role: TabRole = storedTabRole()): void {
  if (role === shown) return;
  const tab = ROLE_TABS[role];
  Taro.setTabBarItem({
    index: ROLE_TAB_INDEX,
    text: tab.text,
    iconPath: ICON_BASE + tab.iconPath,
    selectedIconPath: ICON_BASE + tab.selectedIconPath,
  })
    .then(() => {
      shown = role;
    })
    // Not on a tab page yet (weapp): the next tab page's show applies it.
    .catch(() => undefined);
}

/** Remembers the role from a fresh /api/me (or 'applicant' on sign-out) and shows its tab. */
export function rememberTabRole(role: TabRole): void {
  Taro.setStorageSync(KEY, role);
  applyRoleTab(role);
}
