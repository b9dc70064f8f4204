export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/labs/index',
    'pages/desk/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/applicant/index',
  ],
  // Sub-packages keep the weapp main package under WeChat's 2 MB: the catalogue's detail pages, and the
  // administrators' screens (loaded only when an administrator opens them).
  subPackages: [
    { root: 'catalogue', pages: ['service/index', 'lab/index', 'unit/index', 'cooperate/index'] },
    { root: 'admin', pages: ['periods/index', 'period/index', 'period-form/index', 'dashboard/index', 'redemptions/index', 'redemption/index'] },
    // A signed-in user's contracts (founders: 我的合同) and the message centre.
    { root: 'my', pages: ['contracts/index', 'contract/index', 'messages/index', 'join/index', 'privacy/index'] },
    // An open unit's staff (/api/me openUnit): proposals to confirm, the unit's contracts, redemption,
    // contract amendment, and the unit's services (本单位服务: list and form).
    { root: 'staff', pages: ['contracts/index', 'confirm/index', 'redeem/index', 'amend/index', 'services/index', 'service/index', 'team/index'] },
    // Review rounds (experts and administrators), the expert pool (专家库), public notices' administration and payment batches (第十五条4、5).
    { root: 'review', pages: ['join/index', 'task/index', 'rounds/index', 'round/index', 'item/index', 'notices/index', 'batches/index', 'experts/index', 'expert/index'] },
    // The public notice (公示) and the scheme's public figures (第十八条): readable without signing in.
    { root: 'notice', pages: ['list/index', 'detail/index', 'figures/index'] },
    // Supervision (第十六、十七、十八条), administrators: misconduct cases with their measures, spot checks.
    { root: 'supervision', pages: ['cases/index', 'case/index', 'case-form/index', 'checks/index', 'check/index'] },
    // Open units join by application (第六条): the applicant's form and progress, administrators' review.
    { root: 'units', pages: ['apply/index', 'mine/index', 'review-list/index', 'review/index'] },
    // The yearly performance evaluation (第十一、十四条): the unit's declaration, experts' scoring, administrators' rounds and support plan.
    { root: 'evaluation', pages: ['unit/index', 'declare/index', 'task/index', 'rounds/index', 'round-form/index', 'round/index', 'declaration/index', 'plan/index'] },
  ],
  // WeChat's user-privacy check (since 2023-09): APIs that touch personal information wait for the user's
  // agreement to the privacy guide (my/privacy), asked by components/PrivacyPopup (services/privacy.ts).
  __usePrivacyCheck__: true,
  // Fetch the catalogue's sub-package in the background once the 实验室 tab is shown.
  preloadRule: {
    'pages/labs/index': { network: 'all', packages: ['catalogue'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f5f7fa',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '科创券',
    navigationBarTextStyle: 'black',
    // Said out loud so that Taro's H5 router draws its title bar too (weapp always has the native one):
    // the page's title, ‹ back when there is history, ⌂ home when there is none (a shared link).
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#8f959e',
    selectedColor: '#1456f0',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/labs/index', text: '实验室', iconPath: 'assets/tab/labs.png', selectedIconPath: 'assets/tab/labs-active.png' },
      // The role's tab (logic/roleTab.ts): 我的券 until /api/me says staff (工作台), administrator (管理) or expert (评审).
      { pagePath: 'pages/desk/index', text: '我的券', iconPath: 'assets/tab/vouchers.png', selectedIconPath: 'assets/tab/vouchers-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
