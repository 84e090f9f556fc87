import { Text, View } from '@tarojs/components';
import { LEVELS, type DirectoryEntry, type LevelCode, type Me } from '@itss/shared';
import { useState } from 'react';
import { IdentityForm, type IdentityFormBody } from '@/components/identity-form';
import { KeysetListView, useFilters, useKeysetPage } from '@/components/kit/keyset-list';
import { SearchBar } from '@/components/kit/search-bar';
import { Tabs, type Tab } from '@/components/kit/tabs';
import { useSession } from '@/services/session';
import { useSubscribeMessages } from '@/services/subscribe';
import { getDirectory } from '@/packages/directory/api';
import { requestToJoin } from '@/packages/unit/api';
import { openTab } from '@/utils/actions';
import './index.scss';
import { ROUTES } from '@/routes';
import { levelName } from '@/utils/format';
import { showModal } from '@/services/modal';

interface Filters {
  q?: string;
  level?: LevelCode;
}

/** Whether the person may ask to join a unit from here: signed in and no unit's contact yet. */
const mayAsk = (me: Me | null) => me !== null && me.unit === null;

const LEVEL_TABS: Tab<LevelCode>[] = [
  { value: undefined, name: '全部' },
  ...LEVELS.map((level) => ({ value: level.code, name: level.name })),
];

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
  const list = useKeysetPage(
    (cursor: string | null) => getDirectory(filters, cursor),
    (page) => page.nextCursor,
  );
  return (
    <KeysetListView
      list={list}
      block="directory"
      emptyText={filters.q ? `没有找到名称含「${filters.q}」的会员单位` : '暂无该级别的会员单位'}
    >
      {(entry) => <UnitRow key={entry.id} entry={entry} askable={askable} onAsk={() => onAsk(entry)} />}
    </KeysetListView>
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
    await showModal({
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
  const { filters, patch, key } = useFilters<Filters>({});
  const [asking, setAsking] = useState<DirectoryEntry | null>(null);
  const askable = mayAsk(me);
  return (
    <View className="page directory">
      <View className="directory-head">
        <SearchBar
          block="directory-search"
          placeholder="搜索单位名称"
          maxlength={60}
          initial={filters.q ?? ''}
          onSearch={(q) => patch({ q: q || undefined })}
        />
        <Tabs
          block="directory-tabs"
          tabs={LEVEL_TABS}
          value={filters.level}
          onChange={(level) => patch({ level })}
        />
        {session.status === 'signedOut' ? (
          <Text className="directory-head__hint" onClick={() => openTab(ROUTES.me)}>
            您的单位已是会员？登录后可在名录中找到单位，申请成为联系人 ›
          </Text>
        ) : askable ? (
          <Text className="directory-head__hint">您的单位已是会员？点击单位即可申请成为该单位联系人</Text>
        ) : null}
      </View>
      <Directory key={key} filters={filters} askable={askable} onAsk={setAsking} />
      {asking ? <JoinSheet entry={asking} onClose={() => setAsking(null)} /> : null}
    </View>
  );
}
