import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { meCan, type Me } from '@itss/shared';
import type { ComponentType } from 'react';
import { LoginRequired } from '@/components/login-required';
import { Loading } from '@/components/state';
import { ROUTES, routeUrl } from '@/routes';
import { useSession } from '@/services/session';
import { openTab } from '@/utils/actions';
import { StaffShell } from './staff-shell';
import './staff-page.scss';

/** Where someone without the rights can go instead: 首页, or 我的 to sign in as someone else. */
function Refusal() {
  return (
    <View className="page staff-only" role="alert">
      <Text className="staff-only__title">此页面仅限会员服务部工作人员使用</Text>
      <Text className="staff-only__text">
        您当前登录的身份没有使用权限。如需办理入会或会员事务，请返回首页或前往「我的」。
      </Text>
      <View className="staff-only__actions">
        <Button
          className="staff-only__action"
          onClick={() => void Taro.reLaunch({ url: routeUrl(ROUTES.home) })}
        >
          返回首页
        </Button>
        <Button className="staff-only__other" onClick={() => openTab(ROUTES.me)}>
          前往「我的」
        </Button>
      </View>
    </View>
  );
}

/**
 * A staff page, shown only to those whose abilities (`me.can`, the server's decision) include
 * `ability`: anyone else sees the refusal alone, with where to go instead, and the page itself
 * never mounts, so none of its controls or requests appear. The page is given the person, and is
 * drawn in the console's shell (staff-shell.tsx: a side navigation on a wide screen).
 */
export function staffOnly(Page: ComponentType<{ me: Me }>, ability = 'openStaffConsole') {
  function StaffOnlyPage() {
    const session = useSession();
    if (session.status === 'loading') return <Loading />;
    if (session.status === 'signedOut')
      return (
        <View className="page">
          <LoginRequired text="此页面仅限会员服务部工作人员使用，请先登录" />
        </View>
      );
    if (!meCan(session.me, ability)) return <Refusal />;
    return (
      <StaffShell me={session.me}>
        <Page me={session.me} />
      </StaffShell>
    );
  }
  return StaffOnlyPage;
}
