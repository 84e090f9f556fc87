import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { ROLES, ROLE_NAMES, type JoinRequest, type Me } from '@itss/shared';
import { useCallback, useEffect, useState } from 'react';
import { BusyButton } from '@/components/kit/form';
import { CountBadge } from '@/components/kit/badges';
import { forgetReturn, returnAfterSignIn } from '@/components/login-required/return-after-sign-in';
import { PrivacySheet } from '@/components/privacy-sheet';
import { Card, Section } from '@/components/section';
import { Loading, RequestView } from '@/components/state';
import { toApiError } from '@/services/http';
import { getUnreadCount } from '@/packages/account/api';
import { showUnreadBadge } from '@/packages/account/unread-badge';
import { isH5, session, storedPersona, useSession } from '@/services/session';
import { getPersonas, getStandinPhoneCode } from '@/services/standin';
import { JoinStatus } from '@/packages/join/components/join-status';
import { getMyJoinRequests } from '@/packages/unit/api';
import { useRequest } from '@/services/useRequest';
import { openPage, openPrivacyPolicy } from '@/utils/actions';
import { ME_ROWS, bySection, type MeRow, type MeView } from '@/registry';
import { ROUTES } from '@/routes';
import { DesktopSignIn } from '@/components/desktop-sign-in';
import './index.scss';
import { showModal } from '@/services/modal';

/** Who the person is here: their roles, then what they are to a member unit; 访客 when neither. */
function roleText(me: Me): string {
  // In the contract's order (工作人员 before 管理员), whatever order the server lists them in.
  const names = ROLES.filter((role) => me.roles.includes(role)).map((role) => ROLE_NAMES[role]);
  if (me.unit) names.push(me.unit.isPrimaryContact ? '主联系人' : '会员联系人');
  return names.length ? names.join('、') : '访客';
}

/** A sign-in from 我的; once it succeeds, back to the page whose 去登录 led here, if one did. */
async function signIn(persona?: string): Promise<void> {
  await session.signIn(persona);
  if (session.getState().status === 'signedIn') returnAfterSignIn();
}

function Avatar() {
  return (
    <View className="me-profile__avatar">
      <View className="me-profile__avatar-head" />
      <View className="me-profile__avatar-body" />
    </View>
  );
}

function PersonaPicker() {
  const { state, reload } = useRequest(getPersonas);
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(personas) =>
        // No demo personas: a production build, where the browser is the staff's 工作台 and signs in by scan.
        personas.length ? (
          <Section
            title="选择演示身份"
            hint="浏览器中没有微信登录：选择一个演示身份即可体验登录后的功能，数据均为演示数据。"
          >
            <Card className="me-personas">
              {personas.map((persona) => (
                <View key={persona.key} className="me-personas__row" onClick={() => void signIn(persona.key)}>
                  <Text className="me-personas__label">{persona.label}</Text>
                  <Text className="me-personas__name">{persona.displayName}</Text>
                  <View className="link-arrow" />
                </View>
              ))}
            </Card>
            <Text className="me-personas__scan" onClick={() => openPage(ROUTES.desktopSignIn)}>
              工作人员扫码登录工作台
            </Text>
          </Section>
        ) : (
          <DesktopSignIn />
        )
      }
    </RequestView>
  );
}

function SignedOut({ error }: { error?: string }) {
  return (
    <>
      <View className="me-profile">
        <Avatar />
        <View className="me-profile__info">
          <Text className="me-profile__name">未登录</Text>
          <Text className="me-profile__desc">登录后可查看身份与会员信息</Text>
        </View>
      </View>
      {error ? (
        <View className="me-error" role="alert">
          {error}
        </View>
      ) : null}
      {isH5() ? (
        <PersonaPicker />
      ) : (
        <View className="me-actions">
          <Button className="me-actions__primary" onClick={() => void signIn()}>
            微信登录
          </Button>
        </View>
      )}
    </>
  );
}

function PhoneBinding() {
  const [busy, setBusy] = useState(false);
  /** A missing code means the person declined in WeChat's dialog: nothing to send or report. */
  const bind = async (code: () => Promise<string | null>) => {
    setBusy(true);
    try {
      const value = await code();
      if (value) {
        await session.bindPhone(value);
        await Taro.showToast({ title: '已绑定', icon: 'success' });
      }
    } catch (error) {
      await showModal({ title: '绑定未完成', content: toApiError(error).message, showCancel: false });
    } finally {
      setBusy(false);
    }
  };
  if (isH5()) {
    const persona = storedPersona();
    return (
      <BusyButton
        className="me-card__bind"
        busy={busy}
        disabled={!persona}
        onClick={() => void bind(() => (persona ? getStandinPhoneCode(persona) : Promise.resolve(null)))}
      >
        绑定手机号
      </BusyButton>
    );
  }
  return (
    <Button
      className="me-card__bind"
      loading={busy}
      openType="getPhoneNumber"
      onGetPhoneNumber={(event) => void bind(() => Promise.resolve(event.detail.code ?? null))}
    >
      绑定手机号
    </Button>
  );
}

function Row({ row, view }: { row: MeRow; view: MeView }) {
  const modifier = row.modifier ? ` me-help__row--${row.modifier}` : '';
  const { route, query } = row;
  const badge = row.badge?.(view) ?? 0;
  return (
    <View
      className={`me-help__row${modifier}`}
      onClick={route ? () => openPage(route, query?.(view)) : undefined}
    >
      <Text className="me-help__text">{row.text}</Text>
      <CountBadge count={badge} className="me-help__badge" />
      {row.value ? <Text className="me-help__value">{row.value(view)}</Text> : null}
      {route ? <View className="link-arrow" /> : null}
    </View>
  );
}

/** The features' rows (their entries.ts) that apply to this person, by section. */
function Rows({ view }: { view: MeView }) {
  const sections = bySection(ME_ROWS.filter((row) => row.visible?.(view) ?? true));
  return (
    <>
      {sections.map((section) => (
        <Section key={section.title} title={section.title}>
          <Card className="me-help">
            {section.items.map((row) => (
              <Row key={row.order} row={row} view={view} />
            ))}
          </Card>
        </Section>
      ))}
    </>
  );
}

/**
 * On each show: the person (a unit appears on approval), the unread count, also on the tab, and,
 * for someone without a unit, the request to join one that is still waiting.
 */
function useShownState(signedIn: boolean, inUnit: boolean): { unread: number; pending: JoinRequest | null } {
  const [unread, setUnread] = useState(0);
  const [pending, setPending] = useState<JoinRequest | null>(null);
  const update = useCallback(() => {
    if (!signedIn) return;
    getUnreadCount().then(
      (count) => {
        setUnread(count);
        void showUnreadBadge(count);
      },
      // The count is a hint: without it the rows still lead to the messages.
      () => undefined,
    );
    if (inUnit) return;
    getMyJoinRequests().then(
      (list) => setPending(list.items.find((request) => request.state === 'pending') ?? null),
      // Also a hint: 会员名录 is reachable without it.
      () => undefined,
    );
  }, [signedIn, inUnit]);
  useEffect(update, [update]);
  useDidShow(() => {
    update();
    if (signedIn) session.refresh().catch(() => undefined);
  });
  // Joining a unit settles the request: what was fetched before then no longer applies.
  return { unread, pending: inUnit ? null : pending };
}

function SignedIn({ me, unread, pending }: { me: Me; unread: number; pending: JoinRequest | null }) {
  const logout = async () => {
    const { confirm } = await showModal({
      title: '退出登录',
      content: '确定退出当前账号吗？',
      confirmText: '退出',
    });
    if (confirm) await session.logout();
  };
  return (
    <>
      <View className="me-profile">
        <Avatar />
        <View className="me-profile__info">
          <Text className="me-profile__name">{me.displayName}</Text>
          <Text className="me-profile__desc">{roleText(me)}</Text>
        </View>
      </View>
      <Section title="我的信息">
        <Card className="me-card">
          <View className="me-card__row">
            <Text className="me-card__label">手机号</Text>
            <Text className="me-card__value">{me.phoneMasked ?? '未绑定手机号'}</Text>
            {me.phoneMasked ? null : <PhoneBinding />}
          </View>
          <View className="me-card__row">
            <Text className="me-card__label">身份</Text>
            <Text className="me-card__value">{roleText(me)}</Text>
          </View>
          <View className="me-card__row">
            <Text className="me-card__label">会员单位</Text>
            <Text className="me-card__value">{me.unit?.name ?? '未关联会员单位'}</Text>
            {me.unit?.isPrimaryContact ? <Text className="me-card__tag">主联系人</Text> : null}
          </View>
        </Card>
      </Section>
      <JoinStatus />
      <Rows view={{ me, unread, pending }} />
      <View className="me-actions">
        <Button className="me-actions__logout" onClick={() => void logout()}>
          退出登录
        </Button>
      </View>
    </>
  );
}

export default function MePage() {
  const state = useSession();
  // Gone elsewhere without signing in: a later sign-in stays on 我的.
  useDidHide(forgetReturn);
  const { unread, pending } = useShownState(
    state.status === 'signedIn',
    state.status === 'signedIn' && state.me.unit !== null,
  );
  return (
    <View className="page me">
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'signedOut' ? <SignedOut error={state.error?.message} /> : null}
      {state.status === 'signedIn' ? <SignedIn me={state.me} unread={unread} pending={pending} /> : null}
      {state.status === 'signedOut' ? (
        <View className="me-footer">
          <Text className="me-footer__link" onClick={openPrivacyPolicy}>
            隐私政策
          </Text>
        </View>
      ) : null}
      <PrivacySheet />
    </View>
  );
}
