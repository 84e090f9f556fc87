import { Button, Text, View } from '@tarojs/components';
import { GroupError, type GroupEntry } from '@itss/shared';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { usePageData } from '@/components/kit/page-data';
import { Downloaded, PreviewImage } from '@/components/kit/downloaded';
import { Card } from '@/components/section';
import { EmptyState, ErrorState, Loading } from '@/components/state';
import { downloadGroupCode, getGroupEntry } from '@/packages/groups/api';
import type { ApiError } from '@/services/http';
import { copyText, openDirectory, openTab } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';
import { ROUTES } from '@/routes';

type EntryItem = GroupEntry['items'][number];

function Nickname({ nickname }: { nickname: string }) {
  return (
    <View className="entry-nickname">
      <View className="entry-nickname__body">
        <Text className="entry-nickname__label">入群后请将群昵称改为</Text>
        <Text className="entry-nickname__value" userSelect>
          {nickname}
        </Text>
      </View>
      <Text className="entry-nickname__copy" onClick={() => void copyText(nickname)}>
        复制
      </Text>
    </View>
  );
}

/** The code needs the session's token, so it is downloaded first and shown from the local copy. */
function GroupCode({ item }: { item: EntryItem }) {
  return (
    <Downloaded load={() => downloadGroupCode(item.groupId)}>
      {(localPath) => (
        <View className="entry-code">
          <PreviewImage className="entry-code__image" src={localPath} saveByLongPress />
          <Text className="entry-code__hint">点击二维码放大，长按识别即可入群</Text>
          {item.expiresAt ? (
            <Text className="entry-code__expiry">二维码有效期至 {formatBeijingTime(item.expiresAt)}</Text>
          ) : null}
        </View>
      )}
    </Downloaded>
  );
}

function GroupCard({ item }: { item: EntryItem }) {
  return (
    <Card className={`entry-card entry-card--${item.status}`}>
      <Text className="entry-card__name">{item.name}</Text>
      {item.status === 'code' ? (
        <GroupCode item={item} />
      ) : (
        <View className="entry-fallback">
          <Text className="entry-fallback__text">工作人员将尽快邀请您入群，请留意微信好友申请</Text>
        </View>
      )}
      <Nickname nickname={item.nickname} />
    </Card>
  );
}

/** Not a contact of an active member unit: why, and the way forward. */
function NotAllowed({ error }: { error: ApiError }) {
  const notMember = error.code === GroupError.MembersOnly;
  return (
    <View className="entry-refused" role="alert">
      <Text className="entry-refused__title">
        {notMember ? '会员微信群仅限会员单位联系人' : '暂不能加入会员微信群'}
      </Text>
      <Text className="entry-refused__text">{error.message}</Text>
      {notMember ? (
        <View className="entry-refused__actions">
          <Button className="entry-refused__primary" onClick={openDirectory}>
            会员名录
          </Button>
          <Button className="entry-refused__secondary" onClick={() => openTab(ROUTES.membership)}>
            如何入会
          </Button>
        </View>
      ) : (
        <Button className="entry-refused__secondary" onClick={() => openTab(ROUTES.contact)}>
          联系分会工作人员
        </Button>
      )}
    </View>
  );
}

const REFUSALS = new Set<string>([GroupError.MembersOnly, GroupError.UnitNotActive]);

function Entry() {
  const { state, reload } = usePageData(getGroupEntry);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return REFUSALS.has(state.error.code) ? (
      <NotAllowed error={state.error} />
    ) : (
      <ErrorState message={state.error.message} onRetry={() => void reload()} />
    );
  if (!state.data.items.length) return <EmptyState text="暂无可加入的会员微信群，请联系分会工作人员" />;
  return (
    <View className="entry-list">
      <Text className="entry-intro">会员微信群仅限会员单位联系人加入，请勿将二维码转发给他人。</Text>
      {state.data.items.map((item) => (
        <GroupCard key={item.groupId} item={item} />
      ))}
    </View>
  );
}

export default function GroupPage() {
  return <SignedInPage className="page entry" loginText="登录后即可加入会员微信群" content={Entry} />;
}
