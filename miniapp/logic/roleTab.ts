/**
 * The tab bar by role. WeChat's tab bar is one static list (app.config.ts), so the third tab is the
 * role's own: 我的券 for applicants (and anyone signed out or without a role yet), 工作台 for an open
 * unit's staff, 管理 for administrators. Its label and icon are set with setTabBarItem once the role
 * is known; its page (pages/desk) shows that role's screen.
 */
import type { ContractView } from '../services/types';
import { canApplyRedemption } from './contracts';

export type TabRole = 'applicant' | 'staff' | 'admin' | 'expert';

export interface RoleTab {
  text: string;
  /** The navigation bar title of the desk page. */
  title: string;
  iconPath: string;
  selectedIconPath: string;
}

export const ROLE_TABS: Record<TabRole, RoleTab> = {
  applicant: { text: '我的券', title: '我的券', iconPath: 'assets/tab/vouchers.png', selectedIconPath: 'assets/tab/vouchers-active.png' },
  staff: { text: '工作台', title: '开放单位工作台', iconPath: 'assets/tab/desk.png', selectedIconPath: 'assets/tab/desk-active.png' },
  admin: { text: '管理', title: '管理', iconPath: 'assets/tab/admin.png', selectedIconPath: 'assets/tab/admin-active.png' },
  // 评审专家 (第十五条4): their review tasks.
  expert: { text: '评审', title: '评审任务', iconPath: 'assets/tab/desk.png', selectedIconPath: 'assets/tab/desk-active.png' },
};

/** The index of the role's tab in app.config.ts tabBar.list. */
export const ROLE_TAB_INDEX = 2;

interface WhoAmI {
  roles: readonly string[];
  applicant: unknown;
  openUnit: unknown;
}

/**
 * Whose tab it is. A registered applicant keeps 我的券 whatever else they are (their vouchers have
 * deadlines that run: 第十五条); otherwise staff of an open unit get 工作台, administrators 管理, experts 评审.
 */
export function tabRoleOf(me: WhoAmI | null): TabRole {
  if (!me || me.applicant) return 'applicant';
  if (me.openUnit) return 'staff';
  if (me.roles.includes('admin')) return 'admin';
  if (me.roles.includes('expert')) return 'expert';
  return 'applicant';
}

/** Staff's desk counts from the unit's contracts (as /api/contracts lists them). */
export function staffDeskCounts(contracts: readonly ContractView[], unitId: string, today: string): { pending: number; registered: number; redeemable: number } {
  const mine = contracts.filter((c) => c.unitId === unitId);
  return {
    pending: mine.filter((c) => c.status === 'proposed').length,
    registered: mine.filter((c) => c.status === 'registered').length,
    redeemable: mine.filter((c) => canApplyRedemption(c, today)).length,
  };
}
