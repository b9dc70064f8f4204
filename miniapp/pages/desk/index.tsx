import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import { applyRoleTab, storedTabRole } from '../../components/roleTab';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import type { MeView } from '../../services/types';
import { ROLE_TABS, tabRoleOf, type TabRole } from '../../logic/roleTab';
import MyVouchers from './MyVouchers';
import StaffDesk from './StaffDesk';
import AdminDesk from './AdminDesk';
import './index.scss';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  /** me: null when signed out. round: moves on each show and pull-down, so the face reloads. */
  | { kind: 'ready'; me: MeView | null; round: number };

/**
 * The third tab, by role (logic/roleTab.ts): 我的券 for applicants, 工作台 for an open unit's staff,
 * 管理 for administrators. It loads /api/me on every show (which also relabels the tab) and hands it
 * to the role's face.
 */
export default function Desk() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [role, setRole] = useState<TabRole>(storedTabRole);

  async function load(): Promise<void> {
    applyRoleTab();
    if (!api.signedIn()) {
      setRole('applicant');
      setState((s) => ({ kind: 'ready', me: null, round: s.kind === 'ready' ? s.round + 1 : 0 }));
      return;
    }
    try {
      const me = await api.me();
      setRole(tabRoleOf(me));
      setState((s) => ({ kind: 'ready', me, round: s.kind === 'ready' ? s.round + 1 : 0 }));
    } catch (e) {
      if (!api.signedIn()) setState({ kind: 'ready', me: null, round: 0 });
      else setState({ kind: 'error', message: errorLine(e) });
    }
  }

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: ROLE_TABS[role].title }).catch(() => undefined);
  }, [role]);

  return (
    <View className='page desk' id='desk' data-role={role}>
      {state.kind === 'loading' &&
        [0, 1].map((i) => (
          <View key={i} className='skeleton-card'>
            <Skeleton rows={4} animated />
          </View>
        ))}
      {state.kind === 'error' && <EmptyState status='network' title='加载失败' description={state.message} action={{ text: '重新加载', onClick: () => void load() }} />}
      {state.kind === 'ready' && role === 'applicant' && <MyVouchers me={state.me} round={state.round} />}
      {state.kind === 'ready' && role === 'staff' && state.me?.openUnit && <StaffDesk unit={state.me.openUnit} round={state.round} />}
      {state.kind === 'ready' && role === 'admin' && <AdminDesk round={state.round} />}
    </View>
  );
}
