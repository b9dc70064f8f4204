import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import RoleGate from '../../components/RoleGate';
import { isAdmin } from '../../logic/admin';
import type { MeView } from '../../services/types';

const admitAdmin = (me: MeView): me is MeView => isAdmin(me);

/**
 * The sub-package's route guard: its pages render only for a signed-in user whose /api/me roles include
 * admin (the BFF checks every admin call again; this says so before a form is filled in vain).
 */
export default function AdminGate({ children }: { children: (me: MeView) => ReactNode }) {
  return (
    <RoleGate
      id='admin-gate'
      admit={admitAdmin}
      signedOut='管理功能仅对管理员开放，请使用管理员账号登录'
      forbiddenTitle='仅管理员可访问'
      forbidden={(me) => `当前账号（${me.user.openid}）不是管理员，不能管理发放周期。如需开通，请联系市科委或中关村管委会的系统管理员授予管理员角色。`}
    >
      {children}
    </RoleGate>
  );
}

/** Asks before an irreversible step; resolves true on 确定. */
export async function confirm(title: string, content: string, confirmText = '确定', danger = false): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText, ...(danger ? { confirmColor: '#d54941' } : {}) });
  return r.confirm;
}
