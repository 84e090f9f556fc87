import { Button, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { WORKBENCH_PAGE } from '@itss/shared';
import { LoginRequired } from '@/components/login-required';
import { ErrorState, Loading } from '@/components/state';
import { routeUrl } from '@/routes';
import { isH5 } from '@/services/session';
import { getPersonas } from '@/services/standin';
import { useRequest } from '@/services/useRequest';
import { useDesktopLogin, useSecondsLeft, type DesktopLoginPhase } from './use-desktop-login';
import './index.scss';

const openWorkbench = () => void Taro.reLaunch({ url: routeUrl(WORKBENCH_PAGE) });

function Countdown({ expiresAt }: { expiresAt: string }) {
  const seconds = useSecondsLeft(expiresAt);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <Text className="desktop-sign-in__countdown" aria-live="off">
      {seconds > 0 ? `二维码 ${clock} 后失效，过期后自动刷新` : '正在刷新二维码…'}
    </Text>
  );
}

function Code({ phase, renew }: { phase: DesktopLoginPhase; renew: () => void }) {
  switch (phase.kind) {
    case 'creating':
    case 'signedIn':
      return <Loading />;
    case 'failed':
      return <ErrorState message={phase.message} onRetry={renew} />;
    case 'idle':
      return (
        <View className="desktop-sign-in__idle">
          <Text className="desktop-sign-in__hint">二维码已过期</Text>
          <Button className="desktop-sign-in__renew" onClick={renew}>
            刷新二维码
          </Button>
        </View>
      );
    case 'shown':
      return (
        <View className="desktop-sign-in__code">
          <View className="desktop-sign-in__frame">
            {/* The code is square: filling its square frame draws it whole (H5's aspectFit leaves it small). */}
            <Image
              className={`desktop-sign-in__image${phase.scanned ? ' desktop-sign-in__image--scanned' : ''}`}
              src={phase.code.imageUrl}
              mode="scaleToFill"
              aria-label="工作台登录小程序码"
            />
            {phase.scanned ? (
              <View className="desktop-sign-in__scanned" role="status">
                <Text className="desktop-sign-in__scanned-title">已扫码，请在手机上确认</Text>
              </View>
            ) : null}
          </View>
          <Text className="desktop-sign-in__hint">请使用微信扫码，在小程序中确认登录</Text>
          <Countdown expiresAt={phase.code.expiresAt} />
        </View>
      );
  }
}

/**
 * 工作台登录 in a browser: a mini-program code a staff member scans and confirms on the phone. Once
 * confirmed the browser holds its own session; `onSignedIn` (by default the 工作台) follows.
 */
export function DesktopSignIn({ onSignedIn = openWorkbench }: { onSignedIn?: () => void }) {
  const { phase, renew } = useDesktopLogin(onSignedIn);
  return (
    <View className="desktop-sign-in">
      <Text className="desktop-sign-in__title">工作台登录</Text>
      <Text className="desktop-sign-in__desc">会员服务部工作人员专用</Text>
      <Code phase={phase} renew={renew} />
    </View>
  );
}

/** The sign-in page in WeChat itself: the code is for a computer, the phone is the key. */
export function DesktopSignInElsewhere() {
  return (
    <View className="desktop-sign-in">
      <Text className="desktop-sign-in__title">工作台登录</Text>
      <Text className="desktop-sign-in__hint">
        请在电脑浏览器中打开工作台，再用微信扫描页面上的小程序码登录。
      </Text>
    </View>
  );
}

/**
 * What a staff page shows someone signed out. In the browser without demo personas (a production
 * build) that is the scan sign-in, and the page itself once confirmed; elsewhere, the way to 我的.
 */
export function StaffSignIn({ text }: { text: string }) {
  return isH5() ? <BrowserStaffSignIn text={text} /> : <LoginRequired text={text} />;
}

function BrowserStaffSignIn({ text }: { text: string }) {
  const { state } = useRequest(getPersonas);
  if (state.status === 'loading') return <Loading />;
  // Demo personas (development) are picked on 我的; a failed look-up leaves that way open too.
  if (state.status === 'error' || state.data.length) return <LoginRequired text={text} />;
  // Signed in, the staff page renders in place of this: nowhere else to go.
  return <DesktopSignIn onSignedIn={() => undefined} />;
}
