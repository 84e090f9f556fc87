import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROLES, ROLE_NAMES, grantStaffRequestSchema, type StaffMember } from '@itss/shared';
import { useState } from 'react';
import { CountBadge } from '@/components/kit/badges';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { Card, Section } from '@/components/section';
import { EmptyState, Loading, RequestView } from '@/components/state';
import { toApiError } from '@/services/http';
import { useSession } from '@/services/session';
import { getApplications } from '@/packages/join/api';
import { getStaff, grantStaff, revokeStaff } from '@/packages/staff/api';
import { getGroupRemovals, getGroupTodos } from '@/packages/groups/api';
import { getSubmissions } from '@/packages/submit/api';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';

function GrantForm({ onGranted }: { onGranted: () => Promise<void> }) {
  const [phone, setPhone] = useState('');
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = grantStaffRequestSchema.safeParse({ phone: phone.trim(), admin });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请输入 11 位手机号');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      // What the contract parsed (its defaults applied), never the raw form state.
      const member = await grantStaff(parsed.data);
      setPhone('');
      setAdmin(false);
      await Taro.showToast({ title: `已授权${member.displayName}`, icon: 'none' });
      await onGranted();
    } catch (thrown) {
      setError(toApiError(thrown).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="添加工作人员" hint="对方需先登录小程序并绑定手机号">
      <Card className="staff-grant">
        <Input
          className="staff-grant__phone"
          type="number"
          maxlength={11}
          placeholder="输入 11 位手机号"
          value={phone}
          onInput={(event) => setPhone(event.detail.value)}
        />
        <View className="staff-grant__row">
          <Text className="staff-grant__label">同时设为管理员</Text>
          <Switch checked={admin} color="#1f5fbf" onChange={(event) => setAdmin(event.detail.value)} />
        </View>
        {error ? (
          <View className="staff-grant__error" role="alert">
            {error}
          </View>
        ) : null}
        <Button
          className="staff-grant__submit"
          loading={busy}
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          授权
        </Button>
      </Card>
    </Section>
  );
}

interface StaffRowProps {
  member: StaffMember;
  /** One's own row has no 撤销: the server refuses it, so the button would only lead to an error. */
  isSelf: boolean;
  onRevoked: () => Promise<void>;
}

function StaffRow({ member, isSelf, onRevoked }: StaffRowProps) {
  const revoke = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤销权限',
      content: `确定撤销${member.displayName}的工作人员权限吗？`,
      confirmText: '撤销',
      confirmColor: '#d64545',
    });
    if (!confirm) return;
    try {
      await revokeStaff(member.id);
      await Taro.showToast({ title: '已撤销', icon: 'success' });
      await onRevoked();
    } catch (thrown) {
      await Taro.showModal({ title: '无法撤销', content: toApiError(thrown).message, showCancel: false });
    }
  };
  return (
    <View className="staff-row">
      <View className="staff-row__body">
        <View className="staff-row__head">
          <Text className="staff-row__name">{member.displayName}</Text>
          {ROLES.filter((role) => member.roles.includes(role)).map((role) => (
            <Text key={role} className={`staff-row__tag staff-row__tag--${role}`}>
              {ROLE_NAMES[role]}
            </Text>
          ))}
        </View>
        <Text className="staff-row__meta">
          {member.phoneMasked ?? '未绑定手机号'} · 最近登录{' '}
          {member.lastSeenAt ? formatBeijingTime(member.lastSeenAt) : '暂无'}
        </Text>
      </View>
      {isSelf ? (
        <Text className="staff-row__self">本人</Text>
      ) : (
        <Button className="staff-row__revoke" size="mini" onClick={() => void revoke()}>
          撤销
        </Button>
      )}
    </View>
  );
}

function StaffManagement({ myId }: { myId: number }) {
  const { state, reload, refresh } = useRequest(getStaff);
  const quietReload = async () => {
    await refresh();
  };
  return (
    <>
      <GrantForm onGranted={quietReload} />
      <Section title="工作人员">
        <RequestView
          state={state}
          onRetry={() => void reload()}
          isEmpty={(list) => !list.items.length}
          emptyText="暂无工作人员"
        >
          {(list) => (
            <Card className="staff-list">
              {list.items.map((member) => (
                <StaffRow
                  key={member.id}
                  member={member}
                  isSelf={member.id === myId}
                  onRevoked={quietReload}
                />
              ))}
            </Card>
          )}
        </RequestView>
      </Section>
    </>
  );
}

const openPage = (url: string) => () => void Taro.navigateTo({ url });

/**
 * A to-do count beside a link, loaded again whenever the console is shown again (back from the
 * list after deciding or ticking off); while it loads or if it fails the row simply has no badge.
 */
function TodoCount({
  load,
  label,
  none,
}: {
  load: () => Promise<number | string>;
  label: string;
  none: string;
}) {
  const { state, refresh } = useRequest(load);
  useRefreshOnShow(refresh);
  if (state.status !== 'success') return null;
  return (
    <CountBadge
      count={state.data}
      label={label}
      className="staff-links__badge"
      none={none}
      noneClassName="staff-links__note"
    />
  );
}

const loadPending = () => getApplications({}, null, 1).then((page) => page.pending);
/** One page of the review queue: its size is the count, "20+" when there are more. */
const loadInReview = () =>
  getSubmissions('in_review', null).then(({ items, nextCursor }) =>
    nextCursor && items.length ? `${items.length}+` : items.length,
  );
const loadOpenTodos = () => getGroupTodos(false).then((todos) => todos.open);
const loadOpenRemovals = () => getGroupRemovals(false).then((removals) => removals.open);

/** Member units and the members' WeChat groups, with what waits for staff in the groups. */
function MemberLinks() {
  return (
    <Section title="会员">
      <Card className="staff-links">
        <View className="staff-links__row" onClick={openPage(routeUrl(ROUTES.units))}>
          <Text className="staff-links__text">会员单位</Text>
          <View className="link-arrow" />
        </View>
        <View className="staff-links__row" onClick={openPage(routeUrl(ROUTES.groups))}>
          <Text className="staff-links__text">会员微信群</Text>
          <View className="link-arrow" />
        </View>
        <View
          className="staff-links__row staff-links__row--todos"
          onClick={openPage(routeUrl(ROUTES.groupTodos))}
        >
          <Text className="staff-links__text">入群待办</Text>
          <TodoCount load={loadOpenTodos} label="项入群待办" none="暂无待办" />
          <View className="link-arrow" />
        </View>
        <View
          className="staff-links__row staff-links__row--removals"
          onClick={openPage(routeUrl(ROUTES.groupRemovals))}
        >
          <Text className="staff-links__text">待移出群聊</Text>
          <TodoCount load={loadOpenRemovals} label="人待移出群聊" none="暂无" />
          <View className="link-arrow" />
        </View>
      </Card>
    </Section>
  );
}

/** Articles staff write, and what members submit for review. */
function ArticleLinks() {
  return (
    <Section title="资讯">
      <Card className="staff-links">
        <View
          className="staff-links__row staff-links__row--articles"
          onClick={openPage(routeUrl(ROUTES.manageArticles))}
        >
          <Text className="staff-links__text">文章管理</Text>
          <View className="link-arrow" />
        </View>
        <View
          className="staff-links__row staff-links__row--submissions"
          onClick={openPage(routeUrl(ROUTES.submissionQueue))}
        >
          <Text className="staff-links__text">投稿审核</Text>
          <TodoCount load={loadInReview} label="篇投稿待审核" none="暂无投稿" />
          <View className="link-arrow" />
        </View>
      </Card>
    </Section>
  );
}

/** 入会审核 for every staff member; 入会推广码 for those the campaigns feature lets create codes. */
function JoiningLinks({ manageCampaigns }: { manageCampaigns: boolean }) {
  return (
    <Section title="入会">
      <Card className="staff-links">
        <View
          className="staff-links__row staff-links__row--applications"
          onClick={openPage(routeUrl(ROUTES.reviewQueue))}
        >
          <Text className="staff-links__text">入会审核</Text>
          <TodoCount load={loadPending} label="份待审核" none="暂无待审核" />
          <View className="link-arrow" />
        </View>
        {manageCampaigns ? (
          <View className="staff-links__row" onClick={openPage(routeUrl(ROUTES.campaigns))}>
            <Text className="staff-links__text">入会推广码</Text>
            <View className="link-arrow" />
          </View>
        ) : null}
      </Card>
    </Section>
  );
}

export default function StaffConsolePage() {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  if (session.status !== 'signedIn' || !session.me.can.openStaffConsole) {
    return (
      <View className="page staff">
        <EmptyState text="仅工作人员可使用工作台" />
      </View>
    );
  }
  const { can, id } = session.me;
  return (
    <View className="page staff">
      <JoiningLinks manageCampaigns={can.manageCampaigns === true} />
      <MemberLinks />
      <ArticleLinks />
      {can.readAuditLog ? (
        <Section title="记录">
          <Card className="staff-links">
            <View className="staff-links__row" onClick={openPage(routeUrl(ROUTES.audit))}>
              <Text className="staff-links__text">操作日志</Text>
              <View className="link-arrow" />
            </View>
          </Card>
        </Section>
      ) : null}
      {can.manageStaff ? <StaffManagement myId={id} /> : null}
    </View>
  );
}
