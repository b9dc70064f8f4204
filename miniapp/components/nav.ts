import Taro from '@tarojs/taro';

export const PAGES = {
  home: '/pages/index/index',
  labs: '/pages/labs/index',
  vouchers: '/pages/vouchers/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  applicant: '/pages/applicant/index',
} as const;

export const goTab = (url: (typeof PAGES)['home' | 'labs' | 'vouchers' | 'mine']) => Taro.switchTab({ url });
export const goLogin = () => Taro.navigateTo({ url: PAGES.login });
export const goApplicant = () => Taro.navigateTo({ url: PAGES.applicant });

export function toast(title: string, icon: 'none' | 'success' | 'error' = 'none') {
  void Taro.showToast({ title, icon, duration: 2500 });
}
