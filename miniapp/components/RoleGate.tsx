import { useEffect, useState, type ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';
import EmptyState from './EmptyState';
import { PAGES, goLogin, goTab } from './nav';
import { api } from '../services/api';
import { errorLine } from '../services/errors';
import type { MeView } from '../services/types';

type Gate<M> = { kind: 'checking' } | { kind: 'signed_out' } | { kind: 'forbidden'; me: MeView } | { kind: 'error'; message: string } | { kind: 'ok'; me: M };

interface Props<M extends MeView> {
  /** The wrapper's id (#admin-gate, #staff-gate); it carries data-gate="checking|signed_out|forbidden|error". */
  id: string;
  /** Whether this /api/me may in (it is then the `me` children get). */
  admit: (me: MeView) => me is M;
  /** The 请先登录 card's description. */
  signedOut: string;
  /** The forbidden card's title and description (in the words of the person refused, never an account id). */
  forbiddenTitle: string;
  forbidden: (me: MeView) => string;
  /** The forbidden card's one next step; 返回我的 by default. */
  forbiddenAction?: { text: string; onClick: () => void };
  children: (me: M) => ReactNode;
}

/**
 * A sub-package's route guard: its pages render only for a signed-in user whose /api/me passes `admit`
 * (the BFF checks every call again; this says so before a form is filled in vain). Signed out → 去登录,
 * not admitted → 返回我的, a failed /api/me → 重新加载.
 */
export default function RoleGate<M extends MeView>({ id, admit, signedOut, forbiddenTitle, forbidden, forbiddenAction, children }: Props<M>) {
  const [gate, setGate] = useState<Gate<M>>({ kind: 'checking' });

  function check() {
    if (!api.signedIn()) {
      setGate({ kind: 'signed_out' });
      return;
    }
    void api
      .me()
      .then((me) => setGate(admit(me) ? { kind: 'ok', me } : { kind: 'forbidden', me }))
      .catch((e) => setGate(api.signedIn() ? { kind: 'error', message: errorLine(e) } : { kind: 'signed_out' }));
  }

  // On mount and on every return to the page (roles can change between two visits).
  useEffect(check, []);
  useDidShow(check);

  if (gate.kind === 'ok') return <>{children(gate.me)}</>;
  return (
    <View className='page' id={id} data-gate={gate.kind}>
      {gate.kind === 'checking' && (
        <View className='skeleton-card'>
          <Skeleton rows={3} animated />
        </View>
      )}
      {gate.kind === 'signed_out' && <EmptyState icon='user' title='请先登录' description={signedOut} action={{ text: '去登录', onClick: () => void goLogin() }} />}
      {gate.kind === 'forbidden' && (
        <EmptyState status='error' title={forbiddenTitle} description={forbidden(gate.me)} action={forbiddenAction ?? { text: '返回我的', onClick: () => void goTab(PAGES.mine) }} />
      )}
      {gate.kind === 'error' && <EmptyState status='network' title='加载失败' description={gate.message} action={{ text: '重新加载', onClick: check }} />}
    </View>
  );
}
