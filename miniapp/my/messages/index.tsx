import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { linkTarget } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { goLogin, toast } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { formatBeijing } from '../../logic/clock';
import { markAllRead, markRead, unreadCount } from '../../logic/contracts';
import type { MessageView } from '../../services/types';
import './index.scss';

type State = { kind: 'signed_out' } | Remote<MessageView[]>;

/** 消息中心: deadline reminders and status changes (GET /api/messages), mark read / read all. */
export default function Messages() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  async function load() {
    if (!api.signedIn()) {
      setState({ kind: 'signed_out' });
      return;
    }
    try {
      setState({ kind: 'ready', data: (await api.messages()).messages });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  async function open(m: MessageView) {
    if (state.kind !== 'ready') return;
    if (!m.read) {
      setState({ kind: 'ready', data: markRead(state.data, m.id) });
      void api.markMessageRead(m.id).catch((e) => toast(errorLine(e)));
    }
    if (!m.page) return;
    const target = linkTarget(m.page);
    void (target.tab ? Taro.switchTab({ url: target.url }) : Taro.navigateTo({ url: target.url })).catch(() => undefined);
  }

  async function readAll() {
    if (state.kind !== 'ready') return;
    try {
      await api.markAllMessagesRead();
      setState({ kind: 'ready', data: markAllRead(state.data) });
      toast('已全部标为已读');
    } catch (e) {
      toast(errorLine(e));
    }
  }

  if (state.kind === 'signed_out') {
    return <PageCard icon='user' title='请先登录' description='登录后查看期限提醒和状态变化' action={{ text: '去登录', onClick: () => void goLogin() }} />;
  }
  return (
    <Loaded state={state} reload={() => void load()} page rows={4} errorTitle='加载失败'>
      {(messages) => <Inbox messages={messages} onOpen={(m) => void open(m)} onReadAll={() => void readAll()} />}
    </Loaded>
  );
}

function Inbox({ messages, onOpen, onReadAll }: { messages: MessageView[]; onOpen: (m: MessageView) => void; onReadAll: () => void }) {
  const unread = unreadCount(messages);
  return (
    <View className='page messages' id='messages' data-unread={unread}>
      <View className='messages__bar'>
        <Text className='muted'>{unread ? `${unread} 条未读` : '没有未读消息'}</Text>
        {unread > 0 && (
          <Button size='small' fill='outline' id='read-all' onClick={onReadAll}>
            全部已读
          </Button>
        )}
      </View>
      {messages.length === 0 && <EmptyState title='暂无消息' description='合同登记、有效期和兑现截止前会在这里提醒您，状态变化也会通知您' />}
      {messages.map((m) => (
        <View key={m.id} className={`card message ${m.read ? '' : 'message--unread'}`} data-message-id={m.id} data-read={m.read} onClick={() => onOpen(m)}>
          <View className='message__head'>
            {!m.read && <View className='message__dot' />}
            <Text className='message__title'>{m.title}</Text>
          </View>
          <View className='message__body'>{m.body}</View>
          <View className='muted'>{formatBeijing(m.createdAt)}</View>
        </View>
      ))}
    </View>
  );
}
