import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Message } from '@itss/shared';
import { useState } from 'react';
import { LoginRequired } from '@/components/login-required';
import { Card } from '@/components/section';
import { Loading, RequestView } from '@/components/state';
import { toApiError } from '@/services/http';
import { getMessages, markAllRead, markRead } from '@/packages/account/api';
import { showUnreadBadge } from '@/packages/account/unread-badge';
import { useSession } from '@/services/session';
import { useKeysetList, type KeysetList } from '@/services/useKeysetList';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';

interface ListProps {
  list: KeysetList<Message>;
  /** Ids read on this visit: styled as read before the list is loaded again. */
  read: ReadonlySet<number>;
  onOpen: (message: Message) => void;
  onMore: () => void;
}

function MessageList({ list, read, onOpen, onMore }: ListProps) {
  return (
    <>
      <Card className="messages-list">
        {list.items.map((message) => {
          const unread = !message.readAt && !read.has(message.id);
          return (
            <View
              key={message.id}
              className={unread ? 'message message--unread' : 'message'}
              onClick={() => onOpen(message)}
            >
              <View className="message__head">
                {unread ? <View className="message__dot" aria-label="未读" /> : null}
                <Text className="message__title">{message.title}</Text>
                <Text className="message__time">{formatBeijingTime(message.createdAt)}</Text>
              </View>
              <Text className="message__body">{message.body}</Text>
              {message.page ? <Text className="message__link">查看详情</Text> : null}
            </View>
          );
        })}
      </Card>
      {list.moreError ? (
        <View className="messages-more-error" role="alert">
          {list.moreError.message}
        </View>
      ) : null}
      {list.hasMore ? (
        <Button
          className="messages-more"
          loading={list.loadingMore}
          disabled={list.loadingMore || undefined}
          onClick={onMore}
        >
          加载更多
        </Button>
      ) : (
        <Text className="messages-end">没有更早的消息了</Text>
      )}
    </>
  );
}

function Messages() {
  const { state, reload, refresh, loadMore } = useKeysetList(getMessages, (page) => page.nextCursor);
  usePullToRefresh(refresh);
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
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText="暂无消息，入会申请的审核结果会在这里通知您"
    >
      {(list) => (
        <>
          <View className="messages-toolbar">
            <Button
              className="messages-toolbar__read-all"
              loading={busy}
              disabled={busy || undefined}
              onClick={() => void readAll()}
            >
              全部已读
            </Button>
          </View>
          <MessageList
            list={list}
            read={read}
            onOpen={(message) => void open(message)}
            onMore={() => void loadMore()}
          />
        </>
      )}
    </RequestView>
  );
}

export default function MessagesPage() {
  const session = useSession();
  return (
    <View className="page messages">
      {session.status === 'loading' ? <Loading /> : null}
      {session.status === 'signedOut' ? <LoginRequired text="登录后查看消息" /> : null}
      {session.status === 'signedIn' ? <Messages /> : null}
    </View>
  );
}
