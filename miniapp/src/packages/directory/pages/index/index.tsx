import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { LEVELS, type DirectoryEntry, type LevelCode, type Me } from '@itss/shared';
import { useState } from 'react';
import { IdentityForm, type IdentityFormBody } from '@/components/identity-form';
import { RequestView } from '@/components/state';
import { useSession } from '@/services/session';
import { useSubscribeMessages } from '@/services/subscribe';
import { getDirectory } from '@/packages/directory/api';
import { requestToJoin } from '@/packages/unit/api';
import { useKeysetList, type KeysetList } from '@/services/useKeysetList';
import { usePullToRefresh } from '@/services/usePullToRefresh';
import { openTab } from '@/utils/actions';
import './index.scss';
import { ROUTES } from '@/routes';

interface Filters {
  q?: string;
  level?: LevelCode;
}

const levelName = (code: LevelCode) => LEVELS.find((level) => level.code === code)?.name ?? code;

/** Whether the person may ask to join a unit from here: signed in and no unit's contact yet. */
const mayAsk = (me: Me | null) => me !== null && me.unit === null;

function LevelTabs({ level, onChange }: { level?: LevelCode; onChange: (level?: LevelCode) => void }) {
  const tabs: { code?: LevelCode; name: string }[] = [{ name: '全部' }, ...LEVELS];
  return (
    <View className="directory-tabs">
      {tabs.map((tab) => (
        <View
          key={tab.code ?? 'all'}
          className={`directory-tabs__tab${tab.code === level ? ' directory-tabs__tab--active' : ''}`}
          onClick={() => onChange(tab.code)}
        >
          {tab.name}
        </View>
      ))}
    </View>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);
  return (
    <View className="directory-search">
      <Input
        className="directory-search__input"
        value={text}
        placeholder="搜索单位名称"
        confirmType="search"
        maxlength={60}
        onInput={(event) => setText(event.detail.value)}
        onConfirm={() => onSearch(text.trim())}
      />
      <Text className="directory-search__button" onClick={() => onSearch(text.trim())}>
        搜索
      </Text>
    </View>
  );
}

function UnitRow({ entry, askable, onAsk }: { entry: DirectoryEntry; askable: boolean; onAsk: () => void }) {
  return (
    <View className="directory-row" onClick={askable ? onAsk : undefined}>
      <View className="directory-row__main">
        <Text className="directory-row__name">{entry.name}</Text>
        <Text className="directory-row__meta">
          {levelName(entry.level)} · {entry.province} · {entry.joinedYear} 年入会
        </Text>
      </View>
      {askable ? <Text className="directory-row__ask">申请加入</Text> : null}
    </View>
  );
}

function DirectoryList({
  list,
  askable,
  onAsk,
  onMore,
}: {
  list: KeysetList<DirectoryEntry>;
  askable: boolean;
  onAsk: (entry: DirectoryEntry) => void;
  onMore: () => void;
}) {
  return (
    <>
      <View className="directory-list">
        {list.items.map((entry) => (
          <UnitRow key={entry.id} entry={entry} askable={askable} onAsk={() => onAsk(entry)} />
        ))}
      </View>
      {list.moreError ? (
        <View className="directory-more-error" role="alert">
          {list.moreError.message}
        </View>
      ) : null}
      {list.hasMore ? (
        <Button
          className="directory-more"
          loading={list.loadingMore}
          disabled={list.loadingMore || undefined}
          onClick={onMore}
        >
          加载更多
        </Button>
      ) : (
        <Text className="directory-end">没有更多了</Text>
      )}
    </>
  );
}

/** One filter's list; a new filter mounts a new one, so paging starts over. */
function Directory({
  filters,
  askable,
  onAsk,
}: {
  filters: Filters;
  askable: boolean;
  onAsk: (entry: DirectoryEntry) => void;
}) {
  const { state, reload, refresh, loadMore } = useKeysetList(
    (cursor: string | null) => getDirectory(filters, cursor),
    (page) => page.nextCursor,
  );
  usePullToRefresh(refresh);
  useReachBottom(() => void loadMore());
  return (
    <RequestView
      state={state}
      onRetry={() => void reload()}
      isEmpty={(list) => !list.items.length}
      emptyText={filters.q ? `没有找到名称含「${filters.q}」的会员单位` : '暂无该级别的会员单位'}
    >
      {(list) => <DirectoryList list={list} askable={askable} onAsk={onAsk} onMore={() => void loadMore()} />}
    </RequestView>
  );
}

const DECISION_PURPOSES = ['join_request_decision'] as const;

/** 申请成为该单位联系人: the credit code proves the person knows the unit; its contacts decide. */
function JoinSheet({ entry, onClose }: { entry: DirectoryEntry; onClose: () => void }) {
  const notifications = useSubscribeMessages(DECISION_PURPOSES);
  const submit = async (body: IdentityFormBody) => {
    // First in the tap: WeChat shows the permission dialog only within it. The decision is sent in
    // WeChat where allowed, and always reaches 消息.
    void notifications.ask();
    await requestToJoin(entry.id, { creditCode: body.creditCode ?? '', name: body.name, title: body.title });
    onClose();
    await Taro.showModal({
      title: '申请已提交',
      content: `已向「${entry.name}」提交加入申请，单位主联系人或分会工作人员同意后，您即成为该单位联系人。`,
      showCancel: false,
      confirmText: '知道了',
    });
  };
  return (
    <View className="directory-sheet">
      <View className="directory-sheet__mask" onClick={onClose} />
      <View className="directory-sheet__panel">
        <View className="directory-sheet__head">
          <Text className="directory-sheet__title">申请成为该单位联系人</Text>
          <Text className="directory-sheet__close" onClick={onClose}>
            取消
          </Text>
        </View>
        <Text className="directory-sheet__unit">{entry.name}</Text>
        <Text className="directory-sheet__hint">
          请输入该单位营业执照上的统一社会信用代码，核对通过后由单位主联系人或分会工作人员审核。
        </Text>
        <IdentityForm withCreditCode submitText="提交申请" onSubmit={submit} />
      </View>
    </View>
  );
}

export default function DirectoryPage() {
  const session = useSession();
  const me = session.status === 'signedIn' ? session.me : null;
  const [filters, setFilters] = useState<Filters>({});
  const [asking, setAsking] = useState<DirectoryEntry | null>(null);
  const askable = mayAsk(me);
  return (
    <View className="page directory">
      <View className="directory-head">
        <SearchBox
          initial={filters.q ?? ''}
          onSearch={(q) => setFilters((previous) => ({ ...previous, q: q || undefined }))}
        />
        <LevelTabs
          level={filters.level}
          onChange={(level) => setFilters((previous) => ({ ...previous, level }))}
        />
        {session.status === 'signedOut' ? (
          <Text className="directory-head__hint" onClick={() => openTab(ROUTES.me)}>
            您的单位已是会员？登录后可在名录中找到单位，申请成为联系人 ›
          </Text>
        ) : askable ? (
          <Text className="directory-head__hint">您的单位已是会员？点击单位即可申请成为该单位联系人</Text>
        ) : null}
      </View>
      <Directory
        key={`${filters.level ?? ''}|${filters.q ?? ''}`}
        filters={filters}
        askable={askable}
        onAsk={setAsking}
      />
      {asking ? <JoinSheet entry={asking} onClose={() => setAsking(null)} /> : null}
    </View>
  );
}
