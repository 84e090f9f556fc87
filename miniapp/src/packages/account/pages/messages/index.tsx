import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Message } from '@itss/shared';
import { useState } from 'react';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { BusyButton } from '@/components/kit/form';
import { KeysetListView, useKeysetPage } from '@/components/kit/keyset-list';
import { toApiError } from '@/services/http';
import { getMessages, markAllRead, markRead } from '@/packages/account/api';
import { showUnreadBadge } from '@/packages/account/unread-badge';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';

function MessageRow({ message, unread, onOpen }: { message: Message; unread: boolean; onOpen: () => void }) {
  return (
    <View className={unread ? 'message message--unread' : 'message'} onClick={onOpen}>
      <View className="message__head">
        {unread ? <View className="message__dot" aria-label="未读" /> : null}
        <Text className="message__title">{message.title}</Text>
        <Text className="message__time">{formatBeijingTime(message.createdAt)}</Text>
      </View>
      <Text className="message__body">{message.body}</Text>
      {message.page ? <Text className="message__link">查看详情</Text> : null}
    </View>
  );
}

function Messages() {
  const list = useKeysetPage(getMessages, (page) => page.nextCursor, { reachBottom: false });
  const { refresh } = list;
  const [read, setRead] = useState<ReadonlySet<number>>(() => new Set());
  const [busy, setBusy] = useState(false);

  const open = async (message: Message) => {
    if (!message.readAt && !read.has(message.id)) {
      setRead(new Set([...read, message.id]));
      // Opening matters more than the mark: a failed mark shows as unread again on the next visit.
      markRead(message.id).catch(() => undefined);
    }
    if (message.page)
      await Taro.navigateTo({ url: `/${message.page.replace(/^\//, '')}` }).catch(() => undefined);
  };
  const readAll = async () => {
    setBusy(true);
    try {
      await markAllRead();
      await showUnreadBadge(0);
      await refresh();
      setRead(new Set());
    } catch (error) {
      await Taro.showToast({ title: toApiError(error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <KeysetListView
      list={list}
      block="messages"
      card
      endText="没有更早的消息了"
      emptyText="暂无消息，入会申请的审核结果会在这里通知您"
      header={
        <View className="messages-toolbar">
          <BusyButton className="messages-toolbar__read-all" busy={busy} onClick={() => void readAll()}>
            全部已读
          </BusyButton>
        </View>
      }
    >
      {(message) => (
        <MessageRow
          key={message.id}
          message={message}
          unread={!message.readAt && !read.has(message.id)}
          onOpen={() => void open(message)}
        />
      )}
    </KeysetListView>
  );
}

export default function MessagesPage() {
  return <SignedInPage className="page messages" loginText="登录后查看消息" content={Messages} />;
}
