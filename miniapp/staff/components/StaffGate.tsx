import type { ReactNode } from 'react';
import RoleGate from '../../components/RoleGate';
import type { MeView } from '../../services/types';

export type StaffMe = MeView & { openUnit: NonNullable<MeView['openUnit']> };

const admitStaff = (me: MeView): me is StaffMe => !!me.openUnit;

/** The staff sub-package's guard: a signed-in user bound to an open unit (/api/me openUnit); the BFF checks every call again. */
export default function StaffGate({ children }: { children: (me: StaffMe) => ReactNode }) {
  return (
    <RoleGate
      id='staff-gate'
      admit={admitStaff}
      signedOut='开放单位工作人员登录后处理合作申请与兑现'
      forbiddenTitle='仅开放单位工作人员可访问'
      forbidden={(me) => `当前账号（${me.user.openid}）未绑定开放单位。请向本单位管理员索取邀请码完成绑定。`}
    >
      {children}
    </RoleGate>
  );
}
