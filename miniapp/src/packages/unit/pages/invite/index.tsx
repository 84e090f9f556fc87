import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ContactError, type InvitePreview, type JoinedUnit } from '@itss/shared';
import { useCallback, useState } from 'react';
import { IdentityForm, type IdentityFormBody } from '@/components/identity-form';
import { LoginRequired } from '@/components/login-required';
import { Card, Section } from '@/components/section';
import { ErrorState, Loading } from '@/components/state';
import { ApiError, apiErrorOf } from '@/services/http';
import { session, useSession } from '@/services/session';
import { acceptInvite, getInvite } from '@/packages/unit/api';
import { useRequest } from '@/services/useRequest';
import { openTab } from '@/utils/actions';
import { formatBeijingTime } from '@/utils/format';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';

/** Refusals the invitee can do nothing about here: what it means and where to go instead. */
const DEAD_ENDS = new Set<string>([
  ContactError.InviteNotFound,
  ContactError.InviteExpired,
  ContactError.InviteUsed,
  ContactError.AlreadyContact,
  ContactError.SeatsFull,
  ContactError.UnitNotActive,
]);

function openUnit(unitId: number): void {
  void Taro.redirectTo({ url: routeUrl(ROUTES.myUnit, { id: unitId }) });
}

function Refused({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  if (!DEAD_ENDS.has(error.code)) return <ErrorState message={error.message} onRetry={onRetry} />;
  const inUnit = error.code === ContactError.AlreadyContact;
  return (
    <View className="invite-refused" role="alert">
      <Text className="invite-refused__title">无法接受该邀请</Text>
      <Text className="invite-refused__text">{error.message}</Text>
      <Button className="invite-refused__button" onClick={() => openTab(ROUTES.me)}>
        {inUnit ? '去「我的」查看我的单位' : '返回「我的」'}
      </Button>
    </View>
  );
}

function Joined({ joined }: { joined: JoinedUnit }) {
  return (
    <View className="invite-joined">
      <View className="invite-joined__icon">✓</View>
      <Text className="invite-joined__title">您已成为「{joined.unit.name}」的联系人</Text>
      <Text className="invite-joined__text">现在可以查看单位信息，并加入会员微信群。</Text>
      <Button className="invite-joined__button" onClick={() => openUnit(joined.unit.id)}>
        查看我的单位
      </Button>
    </View>
  );
}

function InviteForm({ token, preview }: { token: string; preview: InvitePreview }) {
  const [joined, setJoined] = useState<JoinedUnit | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const accept = async (body: IdentityFormBody) => {
    try {
      const answer = await acceptInvite(token, { name: body.name, title: body.title });
      // 我的 and the group entry read the unit from /api/me.
      await session.refresh().catch(() => undefined);
      setJoined(answer);
    } catch (error) {
      if (error instanceof ApiError && DEAD_ENDS.has(error.code)) setRefusal(error);
      else throw error;
    }
  };
  if (joined) return <Joined joined={joined} />;
  if (refusal) return <Refused error={refusal} onRetry={() => setRefusal(null)} />;
  return (
    <View>
      <View className="invite-banner">
        <Text className="invite-banner__title">
          {preview.invitedBy} 邀请您成为「{preview.unit.name}」的联系人
        </Text>
        <Text className="invite-banner__desc">邀请有效期至 {formatBeijingTime(preview.expiresAt)}</Text>
      </View>
      <Section title="您的信息" hint="姓名将用作会员微信群昵称">
        <Card>
          <IdentityForm submitText="接受邀请" onSubmit={accept} />
        </Card>
      </Section>
    </View>
  );
}

function InviteContent({ token }: { token: string }) {
  const load = useCallback(() => getInvite(token), [token]);
  const { state, reload } = useRequest(load);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <Refused error={state.error} onRetry={() => void reload()} />;
  return <InviteForm token={token} preview={state.data} />;
}

export default function InvitePage() {
  const { params } = useRouter();
  const state = useSession();
  // WeChat hands the query over still URL-encoded.
  const token = decodeURIComponent(params.token ?? '');
  return (
    <View className="page invite">
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'signedOut' ? <LoginRequired text="登录后即可接受邀请，成为单位联系人" /> : null}
      {state.status === 'signedIn' ? (
        token ? (
          <InviteContent token={token} />
        ) : (
          <Refused error={apiErrorOf(ContactError.InviteNotFound)} onRetry={() => undefined} />
        )
      ) : null}
    </View>
  );
}
