import type { ComponentProps, ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Skeleton } from '@nutui/nutui-react-taro';
import EmptyState from './EmptyState';
import type { Remote } from './hooks';
import { describeError, errorLine } from '../services/errors';

type Card = ComponentProps<typeof EmptyState>;

interface Props<T> {
  state: Remote<T>;
  /** What 重新加载 on the failed card runs. */
  reload: () => void;
  /** Skeleton cards while loading, rows per card: 4, or [5, 3] for two cards. */
  rows?: number | readonly number[];
  /**
   * The failed card's title. Without it, the error's own (describeError: 网络异常, 内容不存在…) over its
   * message; a fixed one (加载失败) goes over errorLine's whole sentence.
   */
  errorTitle?: string;
  /** A NOT_FOUND error: `true` shows the error's words as empty (not a network fault); a card replaces them. */
  notFound?: true | Card;
  /** A whole screen: the skeleton and the failed card stand in a `.page` (what `children` draws brings its own). */
  page?: boolean;
  children: (data: T) => ReactNode;
}

function failedCard(error: unknown, reload: () => void, errorTitle?: string, notFound?: true | Card): Card {
  const v = describeError(error);
  const action = { text: '重新加载', onClick: reload };
  if (notFound && v.code === 'NOT_FOUND') return notFound === true ? { status: 'empty', title: v.title, description: v.message, action } : notFound;
  return { status: 'network', title: errorTitle ?? v.title, description: errorTitle ? errorLine(error) : v.message, action };
}

/**
 * A loaded thing's three faces: skeleton cards while loading, the failed card with 重新加载, and
 * `children(data)` once it is there. `state` comes from useRemote, or from a page's own loader.
 */
export default function Loaded<T>({ state, reload, rows = 6, errorTitle, notFound, page = false, children }: Props<T>) {
  if (state.kind === 'ready') return <>{children(state.data)}</>;
  const body =
    state.kind === 'loading' ? (
      (typeof rows === 'number' ? [rows] : rows).map((n, i) => (
        <View key={i} className='skeleton-card'>
          <Skeleton rows={n} animated />
        </View>
      ))
    ) : (
      <EmptyState {...failedCard(state.error, reload, errorTitle, notFound)} />
    );
  return page ? <View className='page'>{body}</View> : <>{body}</>;
}

/** A whole screen that is one card: what stands instead of a form that cannot be used (already handled, not found…). */
export function PageCard(props: Card) {
  return (
    <View className='page'>
      <EmptyState {...props} />
    </View>
  );
}
