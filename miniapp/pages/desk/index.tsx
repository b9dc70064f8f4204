import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { applyRoleTab, storedTabRole } from '../../components/roleTab';
import { api } from '../../services/api';
import type { MeView } from '../../services/types';
import { ROLE_TABS, tabRoleOf, type TabRole } from '../../logic/roleTab';
import MyVouchers from './MyVouchers';
import StaffDesk from './StaffDesk';
import AdminDesk from './AdminDesk';
import ExpertDesk from './ExpertDesk';
import SanctionBanner from '../../components/SanctionBanner';
import './index.scss';

/** me: null when signed out. round: moves on each show and pull-down, so the face reloads. */
type Shown = { me: MeView | null; round: number };

/**
 * The third tab, by role (logic/roleTab.ts): 我的券 for applicants, 工作台 for an open unit's staff,
 * 管理 for administrators. It loads /api/me on every show (which also relabels the tab) and hands it
 * to the role's face.
 */
export default function Desk() {
  const [state, setState] = useState<Remote<Shown>>({ kind: 'loading' });
  const [role, setRole] = useState<TabRole>(storedTabRole);

  async function load(): Promise<void> {
    applyRoleTab();
    if (!api.signedIn()) {
      setRole('applicant');
      setState((s) => ({ kind: 'ready', data: { me: null, round: s.kind === 'ready' ? s.data.round + 1 : 0 } }));
      return;
    }
    try {
      const me = await api.me();
      setRole(tabRoleOf(me));
      setState((s) => ({ kind: 'ready', data: { me, round: s.kind === 'ready' ? s.data.round + 1 : 0 } }));
    } catch (error) {
      if (!api.signedIn()) setState({ kind: 'ready', data: { me: null, round: 0 } });
      else setState({ kind: 'error', error });
    }
  }

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: ROLE_TABS[role].title }).catch(() => undefined);
  }, [role]);

  return (
    <View className='page desk' id='desk' data-role={role}>
      <Loaded state={state} reload={() => void load()} rows={[4, 4]} errorTitle='加载失败'>
        {({ me, round }) => (
          <>
            {/* 第十七条: a decision binding my applicant or unit, its dates, the one appeal. */}
            {me && role !== 'admin' && <SanctionBanner sanctions={me.sanctions} onChanged={() => void load()} />}
            {role === 'applicant' && <MyVouchers me={me} round={round} />}
            {role === 'staff' && me?.openUnit && <StaffDesk unit={me.openUnit} round={round} />}
            {role === 'admin' && <AdminDesk round={round} />}
            {role === 'expert' && <ExpertDesk round={round} />}
          </>
        )}
      </Loaded>
    </View>
  );
}
