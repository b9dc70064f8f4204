import { useEffect, useState, type ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import { PAGES, goLogin, goTab } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import type { MeView } from '../../services/types';

export type StaffMe = MeView & { openUnit: NonNullable<MeView['openUnit']> };

type Gate = { kind: 'checking' } | { kind: 'signed_out' } | { kind: 'forbidden'; me: MeView } | { kind: 'error'; message: string } | { kind: 'ok'; me: StaffMe };

/** The staff sub-package's guard: a signed-in user bound to an open unit (/api/me openUnit); the BFF checks every call again. */
export default function StaffGate({ children }: { children: (me: StaffMe) => ReactNode }) {
  const [gate, setGate] = useState<Gate>({ kind: 'checking' });

  function check() {
    if (!api.signedIn()) {
      setGate({ kind: 'signed_out' });
      return;
    }
    void api
      .me()
      .then((me) => setGate(me.openUnit ? { kind: 'ok', me: me as StaffMe } : { kind: 'forbidden', me }))
      .catch((e) => setGate(api.signedIn() ? { kind: 'error', message: errorLine(e) } : { kind: 'signed_out' }));
  }
  useEffect(check, []);
  useDidShow(check);

  if (gate.kind === 'ok') return <>{children(gate.me)}</>;
  return (
    <View className='page' id='staff-gate' data-gate={gate.kind}>
      {gate.kind === 'checking' && (
        <View className='skeleton-card'>
          <Skeleton rows={3} animated />
        </View>
      )}
      {gate.kind === 'signed_out' && <EmptyState title='请先登录' description='开放单位工作人员登录后处理合作申请与兑现' action={{ text: '去登录', onClick: () => void goLogin() }} />}
      {gate.kind === 'forbidden' && (
        <EmptyState
          status='error'
          title='仅开放单位工作人员可访问'
          description={`当前账号（${gate.me.user.openid}）未绑定开放单位。请向本单位管理员索取邀请码完成绑定。`}
          action={{ text: '返回我的', onClick: () => void goTab(PAGES.mine) }}
        />
      )}
      {gate.kind === 'error' && <EmptyState status='network' title='加载失败' description={gate.message} action={{ text: '重新加载', onClick: check }} />}
    </View>
  );
}
