import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import RoleGate from '../../components/RoleGate';
import { PAGES } from '../../components/nav';
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
      forbidden={() => '您还没有加入开放单位。请向本单位管理员索取邀请码，输入后即可处理本单位的合作申请与兑现。'}
      forbiddenAction={{ text: '输入邀请码', onClick: () => void Taro.navigateTo({ url: PAGES.join }) }}
    >
      {children}
    </RoleGate>
  );
}
