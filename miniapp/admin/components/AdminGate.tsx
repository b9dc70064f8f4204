import type { ReactNode } from 'react';
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
      forbidden={() => '此功能仅对管理部门（市科委、中关村管委会）开放。如需开通，请联系系统管理员。'}
    >
      {children}
    </RoleGate>
  );
}
