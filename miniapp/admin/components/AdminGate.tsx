import { useEffect, useState, type ReactNode } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import { PAGES, goLogin, goTab } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { isAdmin } from '../../logic/admin';
import type { MeView } from '../../services/types';

type Gate = { kind: 'checking' } | { kind: 'signed_out' } | { kind: 'forbidden'; me: MeView } | { kind: 'error'; message: string } | { kind: 'ok'; me: MeView };

/**
 * The sub-package's route guard: its pages render only for a signed-in user whose /api/me roles include
 * admin (the BFF checks every admin call again; this says so before a form is filled in vain).
 */
export default function AdminGate({ children }: { children: (me: MeView) => ReactNode }) {
  const [gate, setGate] = useState<Gate>({ kind: 'checking' });

  function check() {
    if (!api.signedIn()) {
      setGate({ kind: 'signed_out' });
      return;
    }
    void api
      .me()
      .then((me) => setGate(isAdmin(me) ? { kind: 'ok', me } : { kind: 'forbidden', me }))
      .catch((e) => setGate(api.signedIn() ? { kind: 'error', message: errorLine(e) } : { kind: 'signed_out' }));
  }

  // On mount and on every return to the page (roles can change between two visits).
  useEffect(check, []);
  useDidShow(check);

  if (gate.kind === 'ok') return <>{children(gate.me)}</>;
  return (
    <View className='page' id='admin-gate' data-gate={gate.kind}>
      {gate.kind === 'checking' && (
        <View className='skeleton-card'>
          <Skeleton rows={3} animated />
        </View>
      )}
      {gate.kind === 'signed_out' && (
        <EmptyState title='请先登录' description='管理功能仅对管理员开放，请使用管理员账号登录' action={{ text: '去登录', onClick: () => void goLogin() }} />
      )}
      {gate.kind === 'forbidden' && (
        <EmptyState
          status='error'
          title='仅管理员可访问'
          description={`当前账号（${gate.me.user.openid}）不是管理员，不能管理发放周期。如需开通，请联系市科委或中关村管委会的系统管理员授予管理员角色。`}
          action={{ text: '返回我的', onClick: () => void goTab(PAGES.mine) }}
        />
      )}
      {gate.kind === 'error' && (
        <EmptyState status='network' title='加载失败' description={gate.message} action={{ text: '重新加载', onClick: check }} />
      )}
    </View>
  );
}

/** Asks before an irreversible step; resolves true on 确定. */
export async function confirm(title: string, content: string, confirmText = '确定', danger = false): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText, ...(danger ? { confirmColor: '#d54941' } : {}) });
  return r.confirm;
}
